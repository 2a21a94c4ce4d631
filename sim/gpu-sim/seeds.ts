/**
 * Figures over seeds. One run of generated workloads is one draw: the same
 * policy gives a P90 wait of 1.5 h with one seed and 15 h with the next, so
 * every figure the GPU tab, the CLI and the analyses show is taken over K
 * seeds (seed k draws its workloads from `seedOf(base, k)`) and shown as its
 * median with the range over seeds — "median (min–max over K seeds)",
 * labelled the same everywhere. A range rather than a 90% interval: with 5
 * seeds a 90% interval is the range anyway, and a range claims nothing it
 * cannot show.
 *
 * A difference between two policies is paired: seed k of A and seed k of B
 * run the same workload table, so the per-seed difference B − A holds the
 * policy's effect without the draw's. It is "significant" when every paired
 * difference has the same sign (the range of paired differences excludes 0);
 * otherwise it is smaller than its own spread over seeds and marked "not
 * significant". One seed (a trace) cannot say: `significant` is null.
 *
 * A null figure (a wait of a team that admitted nothing) ranks above every
 * number: nothing admitted is the worst wait. So a median or a maximum can be
 * null ("–"); a minimum is null only when every seed admitted nothing.
 */
import { GPU_SIMULATION_BOUNDS } from './section.ts';
import type { GpuRunSummary, UsageFigures } from './summary.ts';

/** The words every screen uses for the spread, so it reads the same everywhere. */
export const SPREAD_WORDS = 'range over seeds';

/** Seed k's generator seed: base + k, wrapping within the seed bound (so seed 2147483647 + 1 is 0). */
export function seedOf(base: number, k: number): number {
  const span = GPU_SIMULATION_BOUNDS.seed.max + 1;
  return (base + k) % span;
}

/** The seeds a figure runs over: `seedOf(base, 0..count-1)`. */
export function seedList(base: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => seedOf(base, k));
}

export interface Spread {
  /** Median over seeds (the mean of the middle two for an even count); null when it is a null figure. */
  median: number | null;
  min: number | null;
  max: number | null;
  /** How many seeds it was taken over. */
  seeds: number;
}

/** Nulls (nothing admitted) above every number. */
function ranked(values: readonly (number | null)[]): Array<number | null> {
  return [...values].sort((a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b));
}

export function spreadOf(values: readonly (number | null)[]): Spread {
  const n = values.length;
  if (n === 0) return { median: null, min: null, max: null, seeds: 0 };
  const sorted = ranked(values);
  const lo = sorted[Math.floor((n - 1) / 2)]!;
  const hi = sorted[Math.ceil((n - 1) / 2)]!;
  const median = lo === null || hi === null ? null : (lo + hi) / 2;
  return { median, min: sorted[0]!, max: sorted[n - 1]!, seeds: n };
}

export interface PairedDifference extends Spread {
  /**
   * Every paired difference B − A has the same strict sign (its range excludes 0): the policy,
   * not the draw, made the difference. False: the range includes 0, so the difference is smaller
   * than its spread over seeds ("not significant"). Null: fewer than two pairs to tell (one trace).
   */
  significant: boolean | null;
}

/**
 * Paired B − A over seeds (seed k of both ran the same workloads). A seed where either side is
 * null (nothing admitted) is left out: there is no number to subtract; `seeds` counts the pairs kept.
 */
export function pairedDifference(a: readonly (number | null)[], b: readonly (number | null)[]): PairedDifference {
  if (a.length !== b.length) throw new Error(`paired difference: ${a.length} seeds of A against ${b.length} of B`);
  const diffs: number[] = [];
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[k];
    if (x !== null && x !== undefined && y !== null && y !== undefined) diffs.push(y - x);
  }
  const spread = spreadOf(diffs);
  const significant = diffs.length < 2 ? null : spread.min! > 0 || spread.max! < 0;
  return { ...spread, significant };
}

/** The figures of a team or queue that take a spread. */
export const SPREAD_FIGURES = ['submitted', 'waitP50', 'waitP90', 'waitP99', 'neverAdmitted', 'gpuHoursAllocated', 'borrowedGpuHours', 'lentGpuHours', 'preemptions', 'gpuHoursLostToPreemption', 'sloAttainment'] as const;
export type SpreadFigure = (typeof SPREAD_FIGURES)[number];

/** One figure of one run's team or queue, by its name in `SPREAD_FIGURES`. */
export function figureOf(f: UsageFigures, figure: SpreadFigure): number | null {
  switch (figure) {
    case 'waitP50':
      return f.wait.p50;
    case 'waitP90':
      return f.wait.p90;
    case 'waitP99':
      return f.wait.p99;
    case 'neverAdmitted':
      return f.wait.neverAdmitted;
    case 'sloAttainment':
      return f.slo?.attainment ?? null;
    default:
      return f[figure];
  }
}

export type UsageSpread = Record<SpreadFigure, Spread>;

export interface TeamSpread extends UsageSpread {
  team: string;
  clusterQueues: string[];
}

export interface QueueSpread extends UsageSpread {
  clusterQueue: string;
  team: string;
  cohort: string | null;
}

export interface ClusterSpread {
  gpuHoursTotal: Spread;
  gpuHoursAllocated: Spread;
  idleGpuHours: Spread;
  fragmentedGpuHours: Spread;
  peakFragmentedGpus: Spread;
}

/** A run's summary over seeds: per team, per queue and for the cluster, each figure's median and range. */
export interface GpuRunSpread {
  /** The generator seeds, in order (empty for a trace: one set of jobs). */
  seedValues: number[];
  seeds: number;
  teams: TeamSpread[];
  queues: QueueSpread[];
  cluster: ClusterSpread;
}

function usageSpread(figures: ReadonlyArray<UsageFigures | undefined>): UsageSpread {
  // A team absent from a seed's run (no workload of its own that seed) has no figures there; its wait counts as nothing admitted.
  const spread = {} as UsageSpread;
  for (const name of SPREAD_FIGURES) spread[name] = spreadOf(figures.map((f) => (f ? figureOf(f, name) : null)));
  return spread;
}

/** Each figure's median and range over the seeds' summaries (seed order; the first is the base seed). */
export function spreadOverSeeds(summaries: readonly GpuRunSummary[], seedValues: readonly number[] = []): GpuRunSpread {
  if (summaries.length === 0) throw new Error('spread over seeds: no run finished');
  const first = summaries[0]!;
  const teamNames = [...new Set(summaries.flatMap((s) => s.teams.map((t) => t.team)))];
  const queueNames = [...new Set(summaries.flatMap((s) => s.queues.map((q) => q.clusterQueue)))];
  const teams = teamNames.map((team) => {
    const own = summaries.map((s) => s.teams.find((t) => t.team === team));
    return { team, clusterQueues: own.find((t) => t)?.clusterQueues ?? [], ...usageSpread(own) };
  });
  const queues = queueNames.map((clusterQueue) => {
    const own = summaries.map((s) => s.queues.find((q) => q.clusterQueue === clusterQueue));
    const any = own.find((q) => q) ?? first.queues[0]!;
    return { clusterQueue, team: any.team, cohort: any.cohort, ...usageSpread(own) };
  });
  const c = (pick: (s: GpuRunSummary) => number) => spreadOf(summaries.map(pick));
  return {
    seedValues: [...seedValues],
    seeds: summaries.length,
    teams,
    queues,
    cluster: {
      gpuHoursTotal: c((s) => s.cluster.gpuHoursTotal),
      gpuHoursAllocated: c((s) => s.cluster.gpuHoursAllocated),
      idleGpuHours: c((s) => s.cluster.idleGpuHours),
      fragmentedGpuHours: c((s) => s.cluster.fragmentedGpuHours),
      peakFragmentedGpus: c((s) => s.cluster.peakFragmentedGpus),
    },
  };
}

/**
 * The recommender's and the sweep's reading of a team's P90 wait over seeds: the median of the
 * per-seed P90s, and the share of its workloads never admitted (median over seeds).
 */
export function medianOf(values: readonly (number | null)[]): number | null {
  return spreadOf(values).median;
}
