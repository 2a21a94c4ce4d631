/**
 * Pure edits of the phase plan (`scenario.phases`): waves (name, kind,
 * months, teams), the hiring plan per role, and the retrospectives. An
 * edited hiring entry becomes the user's; its default stays one click away.
 */
import { DEFAULT_HIRING, WAVE_KINDS, WAVE_PURPOSE, type WaveKind } from '../phases/defaults.ts';
import { resolveHiring } from '../phases/plan.ts';
import type { HiringRole, Phases, Retrospectives, Wave } from '../phases/schema.ts';
import type { RoleId } from '../org/roles.ts';
import type { Scenario } from '../scenario/index.ts';
import { uniqueId } from './scenario.ts';

const MAX_MONTH = 120;

function withPhases(scenario: Scenario, phases: Phases): Scenario {
  return phases === scenario.phases ? scenario : { ...scenario, phases };
}

function mapWave(scenario: Scenario, waveId: string, fn: (wave: Wave) => Wave): Scenario {
  let changed = false;
  const waves = scenario.phases.waves.map((w) => {
    if (w.id !== waveId) return w;
    const next = fn(w);
    if (next !== w) changed = true;
    return next;
  });
  return changed ? withPhases(scenario, { ...scenario.phases, waves }) : scenario;
}

export type WavePatch = Partial<Pick<Wave, 'name' | 'kind' | 'startMonth' | 'goals'>> & {
  /** null: runs to the end of the plan. */
  endMonth?: number | null;
};

export function updateWave(scenario: Scenario, waveId: string, patch: WavePatch): Scenario {
  return mapWave(scenario, waveId, (wave) => {
    const { endMonth, ...rest } = patch;
    let next: Wave = wave;
    for (const key of Object.keys(rest) as (keyof typeof rest)[]) {
      const value = rest[key];
      if (value !== undefined && value !== next[key]) next = { ...next, [key]: value };
    }
    if (endMonth === null && next.endMonth !== undefined) {
      const { endMonth: _dropped, ...open } = next;
      next = open;
    } else if (typeof endMonth === 'number' && endMonth !== next.endMonth) next = { ...next, endMonth };
    return next;
  });
}

/** Moves a wave by whole months, keeping its length; clamped to month 1 … 120. */
export function shiftWave(scenario: Scenario, waveId: string, delta: number): Scenario {
  return mapWave(scenario, waveId, (wave) => {
    const span = wave.endMonth === undefined ? 0 : wave.endMonth - wave.startMonth;
    const maxStart = MAX_MONTH - Math.max(0, span);
    const start = Math.max(1, Math.min(maxStart, wave.startMonth + delta));
    if (start === wave.startMonth) return wave;
    return wave.endMonth === undefined ? { ...wave, startMonth: start } : { ...wave, startMonth: start, endMonth: start + span };
  });
}

export function setWaveTeam(scenario: Scenario, waveId: string, teamId: string, included: boolean): Scenario {
  return mapWave(scenario, waveId, (wave) => {
    const has = wave.teamIds.includes(teamId);
    if (has === included) return wave;
    return { ...wave, teamIds: included ? [...wave.teamIds, teamId] : wave.teamIds.filter((id) => id !== teamId) };
  });
}

const KIND_NAMES: Record<WaveKind, string> = { pilot: 'Pilot', refine: 'Refine', expand: 'Expand' };

/** A new wave after the last one: three months, the next kind, no teams yet. */
export function addWave(scenario: Scenario): { scenario: Scenario; wave: Wave } {
  const waves = scenario.phases.waves;
  const last = waves.at(-1);
  const lastEnd = last ? (last.endMonth ?? last.startMonth) : 0;
  const startMonth = Math.min(MAX_MONTH, lastEnd + 1);
  const kindIndex = last ? Math.min(WAVE_KINDS.length - 1, WAVE_KINDS.indexOf(last.kind) + 1) : 0;
  const kind = WAVE_KINDS[kindIndex]!;
  const wave: Wave = {
    id: uniqueId('wave', new Set(waves.map((w) => w.id))),
    kind,
    name: `${KIND_NAMES[kind]} wave ${waves.length + 1}`,
    startMonth,
    endMonth: Math.min(MAX_MONTH, startMonth + 2),
    teamIds: [],
    goals: WAVE_PURPOSE[kind],
  };
  return { scenario: withPhases(scenario, { ...scenario.phases, waves: [...waves, wave] }), wave };
}

export function removeWave(scenario: Scenario, waveId: string): Scenario {
  const waves = scenario.phases.waves.filter((w) => w.id !== waveId);
  return waves.length === scenario.phases.waves.length ? scenario : withPhases(scenario, { ...scenario.phases, waves });
}

export type HiringPatch = Partial<Pick<HiringRole, 'monthsToHire' | 'monthsToProductivity'>>;

/** The hiring figures a role is planned with (the plan's entry, else the built-in default). */
export function hiringOf(phases: Pick<Phases, 'hiring'>, role: RoleId): HiringRole {
  return resolveHiring(phases.hiring)[role];
}

export function updateHiring(scenario: Scenario, role: RoleId, patch: HiringPatch): Scenario {
  const hiring = scenario.phases.hiring;
  const index = hiring.findIndex((h) => h.role === role);
  const current: HiringRole = index >= 0 ? hiring[index]! : { ...hiringOf(scenario.phases, role) };
  const changed = (Object.keys(patch) as (keyof HiringPatch)[]).some((k) => patch[k] !== undefined && patch[k] !== current[k]);
  if (!changed) return scenario;
  const next: HiringRole = { ...current, ...patch, source: 'user' };
  const list = index >= 0 ? hiring.map((h, i) => (i === index ? next : h)) : [...hiring, next];
  return withPhases(scenario, { ...scenario.phases, hiring: list });
}

export function isDefaultHiring(entry: HiringRole): boolean {
  const d = DEFAULT_HIRING.find((h) => h.role === entry.role);
  return !!d && d.monthsToHire === entry.monthsToHire && d.monthsToProductivity === entry.monthsToProductivity && d.source === entry.source;
}

export function resetHiring(scenario: Scenario, role: RoleId): Scenario {
  const hiring = scenario.phases.hiring;
  const index = hiring.findIndex((h) => h.role === role);
  const d = DEFAULT_HIRING.find((h) => h.role === role);
  if (index < 0 || !d || isDefaultHiring(hiring[index]!)) return scenario;
  return withPhases(scenario, { ...scenario.phases, hiring: hiring.map((h, i) => (i === index ? { ...d } : h)) });
}

export function updateRetrospectives(scenario: Scenario, patch: Partial<Retrospectives>): Scenario {
  const current = scenario.phases.retrospectives;
  const changed = (Object.keys(patch) as (keyof Retrospectives)[]).some((k) => patch[k] !== undefined && patch[k] !== current[k]);
  return changed ? withPhases(scenario, { ...scenario.phases, retrospectives: { ...current, ...patch } }) : scenario;
}
