/**
 * The derived phase plan (M5): when each team starts, when each open
 * position fills and reaches full productivity, and the events on the
 * calendar (waves, hires, monthly retrospectives, the go/no-go). Plan months
 * count from 1.
 */
import { ROLE_LABELS, type RoleId } from '../org/roles.ts';
import { SEED_PODS } from '../org/sources.ts';
import type { TeamType } from '../org/team-types.ts';
import { DEFAULT_HIRING, PILOT_TEAMS, WAVE_PURPOSE } from './defaults.ts';
import type { HiringRole, Phases, Wave } from './schema.ts';

/** The part of a position the planner reads (a scenario `Position` fits). */
export interface PlanPosition {
  id: string;
  role: RoleId;
  title?: string;
  personName?: string;
  filled: boolean;
  hireMonth?: number | undefined;
}

/** The part of a team the planner reads (a scenario `Team` fits). */
export interface PlanTeam {
  id: string;
  name: string;
  type: TeamType;
  positions: readonly PlanPosition[];
}

/** Last month of a wave: its end month, or the end of the plan when open-ended. */
export function waveEndMonth(wave: Pick<Wave, 'startMonth' | 'endMonth'>, horizonMonths: number): number {
  return wave.endMonth ?? Math.max(horizonMonths, wave.startMonth);
}

/**
 * When each team starts: the start of the earliest wave it is in. Teams in
 * no wave (the existing org: platform, business, a central AI team) are
 * absent and start in month 1.
 */
export function teamStartMonths(waves: readonly Pick<Wave, 'startMonth' | 'teamIds'>[]): Map<string, number> {
  const starts = new Map<string, number>();
  for (const wave of waves) {
    for (const id of wave.teamIds) {
      const current = starts.get(id);
      if (current === undefined || wave.startMonth < current) starts.set(id, wave.startMonth);
    }
  }
  return starts;
}

/** Hiring figures per role: the plan's entry, else the built-in default. First entry wins. */
export function resolveHiring(hiring: readonly HiringRole[]): Record<RoleId, HiringRole> {
  const out = {} as Record<RoleId, HiringRole>;
  for (const entry of DEFAULT_HIRING) out[entry.role] = entry;
  const seen = new Set<RoleId>();
  for (const entry of hiring) {
    if (seen.has(entry.role)) continue;
    seen.add(entry.role);
    out[entry.role] = entry;
  }
  return out;
}

/** Months to hire per role, as the cost model takes them. */
export function monthsToHireByRole(hiring: readonly HiringRole[]): Record<RoleId, number> {
  const resolved = resolveHiring(hiring);
  const out = {} as Record<RoleId, number>;
  for (const role of Object.keys(resolved) as RoleId[]) out[role] = resolved[role].monthsToHire;
  return out;
}

export interface HireEntry {
  positionId: string;
  teamId: string;
  role: RoleId;
  /** Plan month the person starts (costs from here). */
  fillMonth: number;
  /** Plan month from which the person is fully productive. */
  productiveMonth: number;
  /** True when the fill month comes from the hiring plan's time to hire, not the position's own hire month. */
  estimated: boolean;
}

/**
 * Every open position with the month it fills and the month it is fully
 * productive. An open position without a hire month fills when its time to
 * hire has passed, counted from when its team starts.
 */
export function hiringSchedule(teams: readonly PlanTeam[], phases: Pick<Phases, 'hiring' | 'waves'>): HireEntry[] {
  const hiring = resolveHiring(phases.hiring);
  const starts = teamStartMonths(phases.waves);
  const out: HireEntry[] = [];
  for (const team of teams) {
    const teamStart = starts.get(team.id) ?? 1;
    for (const position of team.positions) {
      if (position.filled) continue;
      const plan = hiring[position.role];
      const estimated = position.hireMonth === undefined;
      const fillMonth = Math.max(teamStart, position.hireMonth ?? teamStart + Math.ceil(plan.monthsToHire));
      out.push({
        positionId: position.id,
        teamId: team.id,
        role: position.role,
        fillMonth,
        productiveMonth: fillMonth + Math.ceil(plan.monthsToProductivity),
        estimated,
      });
    }
  }
  return out;
}

/**
 * Productive capacity of a team per plan month, in full-time equivalents:
 * filled positions count 1 from the team's start, a hire ramps linearly from
 * 0 in its fill month to 1 at its productive month.
 */
export function teamCapacity(team: PlanTeam, phases: Pick<Phases, 'hiring' | 'waves'>, horizonMonths: number): Float64Array {
  const capacity = new Float64Array(horizonMonths);
  const start = teamStartMonths(phases.waves).get(team.id) ?? 1;
  let filled = 0;
  for (const position of team.positions) if (position.filled) filled++;
  for (let m = start; m <= horizonMonths; m++) capacity[m - 1] = filled;
  for (const hire of hiringSchedule([team], phases)) {
    const ramp = hire.productiveMonth - hire.fillMonth;
    for (let m = hire.fillMonth; m <= horizonMonths; m++) capacity[m - 1]! += ramp <= 0 ? 1 : Math.min(1, (m - hire.fillMonth) / ramp);
  }
  return capacity;
}

export type PlanEventKind = 'wave' | 'hire' | 'full-productivity' | 'retrospective' | 'go-no-go';

export interface PlanEvent {
  /** Stable within a scenario: the same plan gives the same ids (used for calendar UIDs). */
  id: string;
  kind: PlanEventKind;
  title: string;
  /** First plan month. */
  startMonth: number;
  /** Last plan month (inclusive); equal to startMonth for one-day events. */
  endMonth: number;
  /**
   * Where in the month a one-day event falls: the first day (a start, a
   * hire) or the last weekday (a retrospective looks back on the month).
   */
  anchor: 'month-start' | 'month-end' | 'span';
  description: string;
  source?: string;
  teamIds: string[];
  positionId?: string;
}

export interface PlanEventOptions {
  horizonMonths: number;
  /** Include a "fully productive" milestone per hire (default false: the Gantt shows the ramp). */
  productivityMilestones?: boolean;
}

/** Everything on the phase calendar, sorted by start month then kind. */
export function planEvents(teams: readonly PlanTeam[], phases: Phases, options: PlanEventOptions): PlanEvent[] {
  const horizon = options.horizonMonths;
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const events: PlanEvent[] = [];
  for (const wave of phases.waves) {
    const end = waveEndMonth(wave, horizon);
    const names = wave.teamIds.map((id) => teamName.get(id) ?? id);
    events.push({
      id: `wave-${wave.id}`,
      kind: 'wave',
      title: wave.name,
      startMonth: wave.startMonth,
      endMonth: end,
      anchor: 'span',
      description: `${wave.goals || WAVE_PURPOSE[wave.kind]}${names.length ? `\nTeams: ${names.join(', ')}` : ''}`,
      source: SEED_PODS,
      teamIds: [...wave.teamIds],
    });
  }
  const positions = new Map<string, PlanPosition>();
  for (const team of teams) for (const p of team.positions) positions.set(p.id, p);
  for (const hire of hiringSchedule(teams, phases)) {
    if (hire.fillMonth > horizon) continue;
    const position = positions.get(hire.positionId);
    const who = position?.personName || position?.title || ROLE_LABELS[hire.role];
    const team = teamName.get(hire.teamId) ?? hire.teamId;
    events.push({
      id: `hire-${hire.positionId}`,
      kind: 'hire',
      title: `${who} starts (${team})`,
      startMonth: hire.fillMonth,
      endMonth: hire.fillMonth,
      anchor: 'month-start',
      description: `${ROLE_LABELS[hire.role]} joins ${team}${hire.estimated ? ' (estimated from the hiring plan\'s time to hire)' : ''}; fully productive from plan month ${hire.productiveMonth}.`,
      teamIds: [hire.teamId],
      positionId: hire.positionId,
    });
    if (options.productivityMilestones && hire.productiveMonth <= horizon) {
      events.push({
        id: `productive-${hire.positionId}`,
        kind: 'full-productivity',
        title: `${who} fully productive (${team})`,
        startMonth: hire.productiveMonth,
        endMonth: hire.productiveMonth,
        anchor: 'month-start',
        description: `${ROLE_LABELS[hire.role]} in ${team} reaches full productivity.`,
        teamIds: [hire.teamId],
        positionId: hire.positionId,
      });
    }
  }
  const goNoGo = phases.retrospectives.goNoGoMonth;
  if (goNoGo <= horizon) {
    events.push({
      id: 'go-no-go',
      kind: 'go-no-go',
      title: 'Go/no-go retrospective',
      startMonth: goNoGo,
      endMonth: goNoGo,
      anchor: 'month-end',
      description: `The guaranteed retrospective after ${goNoGo} months where the team can weigh in on whether this approach continues.`,
      source: SEED_PODS,
      teamIds: [],
    });
  }
  if (phases.retrospectives.monthly) {
    for (let m = 1; m <= horizon; m++) {
      if (m === goNoGo) continue;
      events.push({
        id: `retro-${m}`,
        kind: 'retrospective',
        title: `Monthly retrospective (month ${m})`,
        startMonth: m,
        endMonth: m,
        anchor: 'month-end',
        description: 'Monthly retrospective to enable course-correction.',
        source: SEED_PODS,
        teamIds: [],
      });
    }
  }
  const order: Record<PlanEventKind, number> = { wave: 0, hire: 1, 'full-productivity': 2, retrospective: 3, 'go-no-go': 4 };
  return events.sort((a, b) => a.startMonth - b.startMonth || order[a.kind] - order[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type PhaseWarningCode =
  | 'pilot-team-count'
  | 'pilot-team-not-pod'
  | 'wave-ends-before-start'
  | 'unknown-team'
  | 'expand-before-go-no-go'
  | 'go-no-go-after-pilot';

export interface PhaseWarning {
  code: PhaseWarningCode;
  severity: 'warning';
  /** Path from the scenario root, e.g. `phases.waves[0].teamIds`. */
  path: string;
  message: string;
  source: string;
}

/** What in a phase plan departs from the seed's advice; never blocking. */
export function phaseWarnings(teams: readonly PlanTeam[], phases: Phases): PhaseWarning[] {
  const out: PhaseWarning[] = [];
  const byId = new Map(teams.map((t) => [t.id, t]));
  const goNoGo = phases.retrospectives.goNoGoMonth;
  phases.waves.forEach((wave, w) => {
    const base = `phases.waves[${w}]`;
    if (wave.endMonth !== undefined && wave.endMonth < wave.startMonth) {
      out.push({ code: 'wave-ends-before-start', severity: 'warning', path: `${base}.endMonth`, message: `${wave.name} ends (month ${wave.endMonth}) before it starts (month ${wave.startMonth}).`, source: 'Podplan' });
    }
    wave.teamIds.forEach((id, i) => {
      if (!byId.has(id)) out.push({ code: 'unknown-team', severity: 'warning', path: `${base}.teamIds[${i}]`, message: `${wave.name} lists "${id}", which is not a team in the org.`, source: 'Podplan' });
    });
    if (wave.kind === 'pilot') {
      const n = wave.teamIds.length;
      if (n < PILOT_TEAMS.min || n > PILOT_TEAMS.max) {
        out.push({
          code: 'pilot-team-count',
          severity: 'warning',
          path: `${base}.teamIds`,
          message: `${wave.name} has ${n} ${n === 1 ? 'team' : 'teams'}; the seed advises piloting with ${PILOT_TEAMS.min}-${PILOT_TEAMS.max} teams working on distinct product areas, to start small and prove value.`,
          source: SEED_PODS,
        });
      }
      wave.teamIds.forEach((id, i) => {
        const team = byId.get(id);
        if (team && team.type !== 'stream-aligned-pod') {
          out.push({ code: 'pilot-team-not-pod', severity: 'warning', path: `${base}.teamIds[${i}]`, message: `${team.name} is not a stream-aligned pod; the pilot proves the AI-native 2-pizza pod model.`, source: SEED_PODS });
        }
      });
      // An open-ended pilot runs to the end of the plan: the go/no-go always falls within it.
      const end = wave.endMonth;
      if (end !== undefined && goNoGo > end) {
        out.push({ code: 'go-no-go-after-pilot', severity: 'warning', path: 'phases.retrospectives.goNoGoMonth', message: `The go/no-go retrospective (month ${goNoGo}) comes after ${wave.name} ends (month ${end}); the seed guarantees it after the 3-month pilot.`, source: SEED_PODS });
      }
    }
    if (wave.kind === 'expand' && wave.startMonth <= goNoGo) {
      out.push({ code: 'expand-before-go-no-go', severity: 'warning', path: `${base}.startMonth`, message: `${wave.name} starts in month ${wave.startMonth}, before the go/no-go retrospective (month ${goNoGo}) has weighed in; the seed expands "based on proven results".`, source: SEED_PODS });
    }
  });
  return out;
}
