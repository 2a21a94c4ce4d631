/**
 * Policy A vs policy B on the same workload: two runs, and per team the
 * change from A to B of every figure a platform lead weighs (waits,
 * GPU-hours, borrowing, lending, preemptions, SLO attainment). One seed's
 * comparison is `GpuPolicyComparison`; `compareOverSeeds` pairs the seeds'
 * comparisons (each seed's A and B on that seed's workloads, run in parallel
 * by the caller) into medians, ranges and paired differences.
 */
import type { Cluster } from '../cluster/schema.ts';
import { SteppedAnalysis, type AnalysisHooks, type AnalysisOptions, type Workloads } from './analysis.ts';
import { summarizeGpuResult, type GpuRunSummary, type UsageFigures } from './summary.ts';
import type { GpuSimResult } from './types.ts';
import { figureOf, pairedDifference, SPREAD_FIGURES, spreadOverSeeds, type GpuRunSpread, type PairedDifference, type SpreadFigure, type UsageSpread } from './seeds.ts';

export interface FigureDeltas {
  /** B − A, seconds (null when either side admitted nothing). */
  waitP50: number | null;
  waitP90: number | null;
  waitP99: number | null;
  neverAdmitted: number;
  gpuHoursAllocated: number;
  borrowedGpuHours: number;
  lentGpuHours: number;
  preemptions: number;
  gpuHoursLostToPreemption: number;
  /** B − A of served ÷ demanded replica-hours (null without serving). */
  sloAttainment: number | null;
}

export interface TeamComparison {
  team: string;
  a: UsageFigures | null;
  b: UsageFigures | null;
  delta: FigureDeltas | null;
}

export interface PolicyComparison {
  a: GpuSimResult;
  b: GpuSimResult;
  summaryA: GpuRunSummary;
  summaryB: GpuRunSummary;
  /** Teams of either policy, in A's order then B's new ones. */
  teams: TeamComparison[];
  cluster: { idleGpuHours: number; fragmentedGpuHours: number; gpuHoursAllocated: number };
  cancelled: boolean;
}

const minus = (b: number | null, a: number | null): number | null => (a === null || b === null ? null : b - a);

export function figureDeltas(a: UsageFigures, b: UsageFigures): FigureDeltas {
  return {
    waitP50: minus(b.wait.p50, a.wait.p50),
    waitP90: minus(b.wait.p90, a.wait.p90),
    waitP99: minus(b.wait.p99, a.wait.p99),
    neverAdmitted: b.wait.neverAdmitted - a.wait.neverAdmitted,
    gpuHoursAllocated: b.gpuHoursAllocated - a.gpuHoursAllocated,
    borrowedGpuHours: b.borrowedGpuHours - a.borrowedGpuHours,
    lentGpuHours: b.lentGpuHours - a.lentGpuHours,
    preemptions: b.preemptions - a.preemptions,
    gpuHoursLostToPreemption: b.gpuHoursLostToPreemption - a.gpuHoursLostToPreemption,
    sloAttainment: minus(b.slo?.attainment ?? null, a.slo?.attainment ?? null),
  };
}

/** Stepped: `while (c.step(10_000)) { post progress }; c.result()`. */
export class GpuPolicyComparison extends SteppedAnalysis<PolicyComparison> {
  private readonly a: Cluster;
  private readonly b: Cluster;
  private readonly workloads: Workloads;

  constructor(a: Cluster, b: Cluster, workloads: Workloads, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}) {
    super(options, hooks);
    this.a = a;
    this.b = b;
    this.workloads = workloads;
  }

  protected maxRuns(): number {
    return 2;
  }

  protected *run(): Generator<void, PolicyComparison> {
    const a = yield* this.simulate(this.a, this.workloads, 'policy A');
    const b = this.cancelled ? a : yield* this.simulate(this.b, this.workloads, 'policy B');
    const summaryA = summarizeGpuResult(a);
    const summaryB = summarizeGpuResult(b);
    const names = [...new Set([...summaryA.teams.map((t) => t.team), ...summaryB.teams.map((t) => t.team)])];
    const teams = names.map((team) => {
      const ta = summaryA.teams.find((t) => t.team === team) ?? null;
      const tb = summaryB.teams.find((t) => t.team === team) ?? null;
      return { team, a: ta, b: tb, delta: ta && tb ? figureDeltas(ta, tb) : null };
    });
    return {
      a,
      b,
      summaryA,
      summaryB,
      teams,
      cluster: {
        idleGpuHours: summaryB.cluster.idleGpuHours - summaryA.cluster.idleGpuHours,
        fragmentedGpuHours: summaryB.cluster.fragmentedGpuHours - summaryA.cluster.fragmentedGpuHours,
        gpuHoursAllocated: summaryB.cluster.gpuHoursAllocated - summaryA.cluster.gpuHoursAllocated,
      },
      cancelled: this.cancelled,
    };
  }
}

export function compareGpuPolicies(a: Cluster, b: Cluster, workloads: Workloads, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}): PolicyComparison {
  return new GpuPolicyComparison(a, b, workloads, options, hooks).result();
}

/** One seed's A and B, run on that seed's workload table (paired). */
export interface SeedPair {
  summaryA: GpuRunSummary;
  summaryB: GpuRunSummary;
}

export interface TeamComparisonOverSeeds {
  team: string;
  a: UsageSpread | null;
  b: UsageSpread | null;
  /** B − A per figure over the seeds' pairs, with `significant` (`seeds.ts`). */
  difference: Record<SpreadFigure, PairedDifference> | null;
}

export interface PolicyComparisonOverSeeds {
  seeds: number;
  /** The generator seeds, in order (empty for a trace). */
  seedValues: number[];
  spreadA: GpuRunSpread;
  spreadB: GpuRunSpread;
  teams: TeamComparisonOverSeeds[];
  cluster: { idleGpuHours: PairedDifference; fragmentedGpuHours: PairedDifference; gpuHoursAllocated: PairedDifference };
}

/**
 * A vs B over seeds: each seed's pair ran the same workloads, so the per-seed B − A is the
 * policy's effect on that draw; its range over seeds says whether the effect beats the noise.
 */
export function compareOverSeeds(pairs: readonly SeedPair[], seedValues: readonly number[] = []): PolicyComparisonOverSeeds {
  if (pairs.length === 0) throw new Error('A vs B over seeds: no seed finished');
  const spreadA = spreadOverSeeds(pairs.map((p) => p.summaryA), seedValues);
  const spreadB = spreadOverSeeds(pairs.map((p) => p.summaryB), seedValues);
  const names = [...new Set([...spreadA.teams.map((t) => t.team), ...spreadB.teams.map((t) => t.team)])];
  const teams = names.map((team): TeamComparisonOverSeeds => {
    const a = spreadA.teams.find((t) => t.team === team) ?? null;
    const b = spreadB.teams.find((t) => t.team === team) ?? null;
    if (!a || !b) return { team, a, b, difference: null };
    const difference = {} as Record<SpreadFigure, PairedDifference>;
    for (const figure of SPREAD_FIGURES) {
      const of = (s: GpuRunSummary) => {
        const t = s.teams.find((x) => x.team === team);
        return t ? figureOf(t, figure) : null;
      };
      difference[figure] = pairedDifference(pairs.map((p) => of(p.summaryA)), pairs.map((p) => of(p.summaryB)));
    }
    return { team, a, b, difference };
  });
  const cluster = (pick: (s: GpuRunSummary) => number) => pairedDifference(pairs.map((p) => pick(p.summaryA)), pairs.map((p) => pick(p.summaryB)));
  return {
    seeds: pairs.length,
    seedValues: [...seedValues],
    spreadA,
    spreadB,
    teams,
    cluster: {
      idleGpuHours: cluster((s) => s.cluster.idleGpuHours),
      fragmentedGpuHours: cluster((s) => s.cluster.fragmentedGpuHours),
      gpuHoursAllocated: cluster((s) => s.cluster.gpuHoursAllocated),
    },
  };
}
