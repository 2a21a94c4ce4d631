/**
 * Policy A vs policy B on the same workload: two runs, and per team the
 * change from A to B of every figure a platform lead weighs (waits,
 * GPU-hours, borrowing, lending, preemptions, SLO attainment).
 */
import type { Cluster } from '../cluster/schema.ts';
import { SteppedAnalysis, type AnalysisHooks, type AnalysisOptions, type Workloads } from './analysis.ts';
import { summarizeGpuResult, type GpuRunSummary, type UsageFigures } from './summary.ts';
import type { GpuSimResult } from './types.ts';

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
