/**
 * A parameter sweep: one queue's nominalQuota of one flavor and resource
 * from `from` to `to` in steps, the same workload each time, and what every
 * team's P90 wait (and the cluster's idle GPU-hours) becomes.
 */
import type { Cluster } from '../cluster/schema.ts';
import { resolveQuota, SteppedAnalysis, withNominalQuota, type AnalysisHooks, type QuotaRef, type AnalysisOptions, type Workloads } from './analysis.ts';
import { summarizeGpuResult } from './summary.ts';

export interface SweepSpec extends QuotaRef {
  from: number;
  to: number;
  step: number;
}

export interface SweepTeamPoint {
  team: string;
  /** Seconds; null when the team admitted nothing. */
  p90Wait: number | null;
  p50Wait: number | null;
  neverAdmitted: number;
  gpuHoursAllocated: number;
}

export interface SweepPoint {
  value: number;
  teams: SweepTeamPoint[];
  idleGpuHours: number;
  fragmentedGpuHours: number;
}

export interface SweepResult {
  clusterQueue: string;
  flavor: string;
  resource: string;
  /** The policy's own value, for marking it on the chart. */
  current: number;
  points: SweepPoint[];
  cancelled: boolean;
}

/** The values a sweep tries: from, from + step, …, to (to included). */
export function sweepValues(spec: Pick<SweepSpec, 'from' | 'to' | 'step'>): number[] {
  if (!(spec.step > 0)) throw new Error('step: must be > 0');
  if (!(spec.from >= 0) || !(spec.to >= spec.from)) throw new Error('to: must be ≥ from ≥ 0');
  const count = Math.floor((spec.to - spec.from) / spec.step + 1e-9) + 1;
  if (count > 1000) throw new Error(`step: ${count} values is too many for a sweep (at most 1,000)`);
  const values = Array.from({ length: count }, (_, i) => +(spec.from + i * spec.step).toFixed(6));
  if (values[values.length - 1]! < spec.to) values.push(spec.to);
  return values;
}

export class GpuQuotaSweep extends SteppedAnalysis<SweepResult> {
  private readonly cluster: Cluster;
  private readonly workloads: Workloads;
  private readonly values: number[];
  private readonly target: ReturnType<typeof resolveQuota>;

  constructor(cluster: Cluster, workloads: Workloads, spec: SweepSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}) {
    super(options, hooks);
    this.cluster = cluster;
    this.workloads = workloads;
    this.target = resolveQuota(cluster, spec);
    this.values = sweepValues(spec);
  }

  protected maxRuns(): number {
    return this.values.length;
  }

  protected *run(): Generator<void, SweepResult> {
    const { queue, flavor, resource, nominal } = this.target;
    const points: SweepPoint[] = [];
    for (const value of this.values) {
      if (this.cancelled) break;
      const cluster = withNominalQuota(this.cluster, { queue: queue.clusterQueue, flavor, resource }, value);
      const result = yield* this.simulate(cluster, this.workloads, `${queue.clusterQueue} ${flavor} ${resource} = ${value}`);
      if (result.cancelled) break;
      const summary = summarizeGpuResult(result);
      points.push({
        value,
        teams: summary.teams.map((t) => ({ team: t.team, p90Wait: t.wait.p90, p50Wait: t.wait.p50, neverAdmitted: t.wait.neverAdmitted, gpuHoursAllocated: t.gpuHoursAllocated })),
        idleGpuHours: summary.cluster.idleGpuHours,
        fragmentedGpuHours: summary.cluster.fragmentedGpuHours,
      });
    }
    return { clusterQueue: queue.clusterQueue, flavor, resource, current: nominal, points, cancelled: this.cancelled };
  }
}

export function sweepNominalQuota(cluster: Cluster, workloads: Workloads, spec: SweepSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}): SweepResult {
  return new GpuQuotaSweep(cluster, workloads, spec, options, hooks).result();
}
