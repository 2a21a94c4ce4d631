/**
 * A GPU policy sweep that can be cut into shards (`podplan sweep`): every
 * candidate policy × every seed is one unit of work with a stable index
 * (candidate-major: unit = candidate × seeds + seed index), each run on the
 * same seed's workloads whatever the policy, so the candidates differ by
 * their policy alone. A unit keeps per-team figures of its run
 * (`summarizeGpuResult`'s, the ones `spreadOverSeeds` takes); the result is
 * each candidate's per-team median and range over the seeds (`spreadOf`)
 * and a ranking.
 *
 * One run and its shards give the same bytes because both go through the
 * same path: units as JSON → `mergeGpuSweep` → `gpuSweepResult`. The result
 * depends only on the units' figures, never on which shard or process ran
 * them, nor in what order.
 */
import { headerDifference, mergeShardUnits, type ShardSource } from '../kernel/shards.ts';
import { figureOf, spreadOf, SPREAD_FIGURES, type Spread, type SpreadFigure } from './seeds.ts';
import type { GpuRunSummary } from './summary.ts';

/** What identifies a sweep: equal in every shard of it, so shards of different sweeps are never merged. */
export interface GpuSweepHeader {
  kind: 'gpu-policy-sweep';
  /** sha256 of the scenario, policies and trace bytes, the seeds, the days and the Podplan version (computed by the caller). */
  sweep: string;
  podplan: string;
  scenario: { id: string; name: string };
  /** Team id → name, for the table. */
  teamNames: Record<string, string>;
  /** Candidate names in unit order; "baseline" (the scenario's own policy) first. */
  candidates: string[];
  /** The generator seeds, in order; a trace runs once, with no seed (null). */
  seeds: number[] | null;
  /** Days of generated workloads; null for a trace. */
  days: number | null;
  /** The trace's file name; null for generated workloads. */
  trace: string | null;
}

/** One run's figures: per team, each figure of `SPREAD_FIGURES`; for the cluster, its GPU-hours. */
export interface GpuSweepUnit {
  index: number;
  candidate: string;
  /** The generator seed (null for a trace). */
  seed: number | null;
  teams: Array<{ team: string } & Record<SpreadFigure, number | null>>;
  cluster: { gpuHoursAllocated: number; idleGpuHours: number; fragmentedGpuHours: number };
}

export const seedCount = (header: Pick<GpuSweepHeader, 'seeds'>): number => header.seeds?.length ?? 1;
export const unitCount = (header: Pick<GpuSweepHeader, 'seeds' | 'candidates'>): number => header.candidates.length * seedCount(header);

/** Unit `index`'s candidate (by position) and seed index. */
export function unitOf(header: Pick<GpuSweepHeader, 'seeds' | 'candidates'>, index: number): { candidate: number; seedIndex: number } {
  const k = seedCount(header);
  return { candidate: Math.floor(index / k), seedIndex: index % k };
}

/** A finished run's figures as unit `index` of the sweep. */
export function gpuSweepUnit(header: GpuSweepHeader, index: number, summary: GpuRunSummary): GpuSweepUnit {
  const { candidate, seedIndex } = unitOf(header, index);
  return {
    index,
    candidate: header.candidates[candidate]!,
    seed: header.seeds ? header.seeds[seedIndex]! : null,
    teams: summary.teams.map((t) => {
      const figures = {} as Record<SpreadFigure, number | null>;
      for (const name of SPREAD_FIGURES) figures[name] = figureOf(t, name);
      return { team: t.team, ...figures };
    }),
    cluster: { gpuHoursAllocated: summary.cluster.gpuHoursAllocated, idleGpuHours: summary.cluster.idleGpuHours, fragmentedGpuHours: summary.cluster.fragmentedGpuHours },
  };
}

export type TeamFigureSpread = { team: string; name: string } & Record<SpreadFigure, Spread>;

export interface CandidateResult {
  name: string;
  /** 1 = best (see `rankCandidates`). */
  rank: number;
  /** The worst team's median P90 wait, seconds; null when some team's median admitted nothing (ranks last). */
  worstP90Wait: number | null;
  teams: TeamFigureSpread[];
  cluster: { gpuHoursAllocated: Spread; idleGpuHours: Spread; fragmentedGpuHours: Spread };
}

export interface GpuSweepResult {
  format: 'podplan-sweep-result';
  version: 1;
  header: GpuSweepHeader;
  /** In candidate order (baseline first); `ranking` gives the order best first. */
  candidates: CandidateResult[];
  ranking: string[];
  /** How the ranking is made, in words. */
  rankedBy: string;
}

export const RANKED_BY = "the worst team's median P90 wait (a team whose median admits nothing is worst), then the median idle GPU-hours, then file order";

/** null (nothing admitted) above every number, as `spreadOf` ranks it. */
const compareWait = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/** Each candidate's per-team median and range over the seeds, ranked. The units must be the sweep's, each once, in index order. */
export function gpuSweepResult(header: GpuSweepHeader, units: readonly GpuSweepUnit[]): GpuSweepResult {
  const k = seedCount(header);
  const teamOrder = [...new Set(units.flatMap((u) => u.teams.map((t) => t.team)))];
  const candidates = header.candidates.map((name, c): Omit<CandidateResult, 'rank'> => {
    const runs = units.slice(c * k, (c + 1) * k);
    const teams = teamOrder.map((team) => {
      const own = runs.map((u) => u.teams.find((t) => t.team === team));
      const spread = {} as Record<SpreadFigure, Spread>;
      // A team with no workload in a seed's run has no figures there; its wait counts as nothing admitted (as `spreadOverSeeds` does).
      for (const figure of SPREAD_FIGURES) spread[figure] = spreadOf(own.map((t) => (t ? t[figure] : null)));
      return { team, name: header.teamNames[team] ?? team, ...spread };
    });
    const worst = teams.reduce<number | null | undefined>((w, t) => (w === undefined || compareWait(t.waitP90.median, w) > 0 ? t.waitP90.median : w), undefined);
    const c3 = (pick: (u: GpuSweepUnit) => number) => spreadOf(runs.map(pick));
    return {
      name,
      worstP90Wait: worst ?? null,
      teams,
      cluster: { gpuHoursAllocated: c3((u) => u.cluster.gpuHoursAllocated), idleGpuHours: c3((u) => u.cluster.idleGpuHours), fragmentedGpuHours: c3((u) => u.cluster.fragmentedGpuHours) },
    };
  });
  const order = candidates.map((_, i) => i).sort((a, b) => compareWait(candidates[a]!.worstP90Wait, candidates[b]!.worstP90Wait) || (candidates[a]!.cluster.idleGpuHours.median ?? 0) - (candidates[b]!.cluster.idleGpuHours.median ?? 0) || a - b);
  const rank = new Map(order.map((c, r) => [c, r + 1]));
  return {
    format: 'podplan-sweep-result',
    version: 1,
    header,
    candidates: candidates.map((c, i) => ({ name: c.name, rank: rank.get(i)!, worstP90Wait: c.worstP90Wait, teams: c.teams, cluster: c.cluster })),
    ranking: order.map((i) => candidates[i]!.name),
    rankedBy: RANKED_BY,
  };
}

/** Shards of one GPU sweep → its result, or every reason they cannot be merged (naming the shard files). */
export function mergeGpuSweep(shards: ReadonlyArray<ShardSource<GpuSweepHeader, GpuSweepUnit>>): { result: GpuSweepResult } | { problems: string[] } {
  const merged = mergeShardUnits(shards, unitCount, headerDifference);
  if ('problems' in merged) return merged;
  return { result: gpuSweepResult(merged.header, merged.units) };
}
