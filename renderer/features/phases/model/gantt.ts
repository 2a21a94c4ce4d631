/**
 * The Gantt chart's model (M5), pure: one row per wave, a row of hires per
 * team (the fill month as a diamond, the ramp to full productivity as a
 * bar), the retrospectives with the go/no-go, milestones (wave starts, the
 * budget cap crossed) and the monthly cost as a lane at the bottom. The x
 * axis counts months from 0 (the start of plan month 1); "today" comes in
 * from the UI layer (the domain reads no clock).
 */
import type { CostBreakdown } from '../../../../sim/cost/compute.ts';
import { daysInMonth, parseYearMonth } from '../../../../sim/phases/calendar.ts';
import { hiringSchedule, waveEndMonth, type PlanTeam } from '../../../../sim/phases/plan.ts';
import type { Phases } from '../../../../sim/phases/schema.ts';
import { ROLE_LABELS } from '../../../../sim/org/roles.ts';
import type { WaveKind } from '../../../../sim/phases/defaults.ts';

const KIND_SHORT: Record<WaveKind, string> = { pilot: 'Pilot', refine: 'Refine', expand: 'Expand' };

export interface GanttWave {
  id: string;
  name: string;
  kind: WaveKind;
  startMonth: number;
  /** Resolved last month (open-ended waves run to the horizon). */
  endMonth: number;
  openEnded: boolean;
  teamNames: string[];
  /** x from (start − 1) to end, in months. */
  x0: number;
  x1: number;
}

export interface GanttHire {
  positionId: string;
  label: string;
  fillMonth: number;
  productiveMonth: number;
  estimated: boolean;
  x: number;
  rampEnd: number;
}

export interface GanttHireRow {
  teamId: string;
  teamName: string;
  hires: GanttHire[];
}

export interface GanttMilestone {
  id: string;
  label: string;
  /** A few words for the chart; the label is the tooltip. */
  short: string;
  /** x in months (start of month m = m − 1). */
  x: number;
  kind: 'wave-start' | 'budget';
}

export interface GanttRetro {
  month: number;
  goNoGo: boolean;
  /** End of the month. */
  x: number;
}

export interface GanttModel {
  horizon: number;
  months: string[];
  waves: GanttWave[];
  hireRows: GanttHireRow[];
  retros: GanttRetro[];
  milestones: GanttMilestone[];
  monthlyCost: number[];
  /** x of today, or null when today is outside the plan. */
  today: number | null;
  todayLabel: string;
}

export interface CalendarDay {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

/**
 * Where a calendar day falls on the plan axis, in months since the start of
 * plan month 1 (e.g. the 16th of the second month of a 30-day month ≈ 1.5).
 */
export function planPosition(planStart: string, date: CalendarDay): number {
  const start = parseYearMonth(planStart);
  const months = (date.year - start.year) * 12 + (date.month - start.month);
  return months + (date.day - 1) / daysInMonth({ year: date.year, month: date.month });
}

export interface GanttInput {
  teams: readonly PlanTeam[];
  phases: Phases;
  costs: Pick<CostBreakdown, 'months' | 'horizonMonths' | 'monthly' | 'budget'>;
  planStart: string;
  today: CalendarDay;
}

export function ganttModel({ teams, phases, costs, planStart, today }: GanttInput): GanttModel {
  const horizon = costs.horizonMonths;
  const name = new Map(teams.map((t) => [t.id, t.name]));
  const waves: GanttWave[] = phases.waves.map((w) => {
    const end = Math.max(w.startMonth, waveEndMonth(w, horizon));
    return {
      id: w.id,
      name: w.name,
      kind: w.kind,
      startMonth: w.startMonth,
      endMonth: end,
      openEnded: w.endMonth === undefined,
      teamNames: w.teamIds.map((id) => name.get(id) ?? id),
      x0: Math.min(horizon, w.startMonth - 1),
      x1: Math.min(horizon, end),
    };
  });

  const positions = new Map<string, { title?: string; personName?: string }>();
  for (const t of teams) for (const p of t.positions) positions.set(p.id, p);
  const rows = new Map<string, GanttHireRow>();
  for (const hire of hiringSchedule(teams, phases)) {
    if (hire.fillMonth > horizon) continue;
    const p = positions.get(hire.positionId);
    const who = p?.personName || p?.title || ROLE_LABELS[hire.role];
    let row = rows.get(hire.teamId);
    if (!row) {
      row = { teamId: hire.teamId, teamName: name.get(hire.teamId) ?? hire.teamId, hires: [] };
      rows.set(hire.teamId, row);
    }
    row.hires.push({
      positionId: hire.positionId,
      label: who,
      fillMonth: hire.fillMonth,
      productiveMonth: hire.productiveMonth,
      estimated: hire.estimated,
      x: hire.fillMonth - 1,
      rampEnd: Math.min(horizon, hire.productiveMonth - 1),
    });
  }
  // Rows in team order.
  const hireRows = teams.map((t) => rows.get(t.id)).filter((r): r is GanttHireRow => r !== undefined);

  const goNoGo = phases.retrospectives.goNoGoMonth;
  const retros: GanttRetro[] = [];
  for (let m = 1; m <= horizon; m++) {
    if (m === goNoGo) retros.push({ month: m, goNoGo: true, x: m });
    else if (phases.retrospectives.monthly) retros.push({ month: m, goNoGo: false, x: m });
  }

  const milestones: GanttMilestone[] = [];
  for (const w of waves) {
    if (w.startMonth > horizon) continue;
    milestones.push({ id: `start-${w.id}`, label: `${w.name} starts (month ${w.startMonth})`, short: `${KIND_SHORT[w.kind]} starts`, x: w.startMonth - 1, kind: 'wave-start' });
  }
  const crossed = costs.budget?.crossedMonth ?? null;
  if (crossed !== null) {
    milestones.push({ id: 'budget', label: `Budget cap crossed (${costs.months[crossed - 1] ?? `month ${crossed}`})`, short: 'Budget cap crossed', x: crossed - 0.5, kind: 'budget' });
  }

  let todayX: number | null = null;
  try {
    const x = planPosition(planStart, today);
    todayX = x >= 0 && x <= horizon ? x : null;
  } catch {
    todayX = null;
  }
  const todayLabel = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  return { horizon, months: costs.months, waves, hireRows, retros, milestones, monthlyCost: Array.from(costs.monthly), today: todayX, todayLabel };
}
