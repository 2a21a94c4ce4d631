/**
 * A parameter sweep: one queue's nominalQuota of one flavor and resource
 * from `from` to `to` in steps, the same workload each time, and what every
 * team's P90 wait (and the cluster's idle GPU-hours) becomes. One seed's
 * sweep is `GpuQuotaSweep`; `sweepOverSeeds` joins the seeds' sweeps (each
 * on its own seed's workloads, run in parallel by the caller) into a median
 * and a range at every value: the band around each line on the chart.
 * Teams carry their names (the policy's team names, else the ClusterQueue's)
 * for the legend and the progress.
 */
import type { Cluster } from '../cluster/schema.ts';
import { queueLabel, resolveQuota, SteppedAnalysis, withNominalQuota, type AnalysisHooks, type QuotaRef, type AnalysisOptions, type Workloads } from './analysis.ts';
import { summarizeGpuResult } from './summary.ts';
import { spreadOf, type Spread } from './seeds.ts';

export interface SweepSpec extends QuotaRef {
  from: number;
  to: number;
  step: number;
  /** Team id → the team's name, for labels (default: the ClusterQueue's name). */
  names?: Readonly<Record<string, string>>;
}

export interface SweepTeamPoint {
  team: string;
  /** The team's name (or its ClusterQueue's), for the legend. */
  name: string;
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
  /** The swept queue's team name (or the ClusterQueue's). */
  queueName: string;
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
  private readonly names: Readonly<Record<string, string>>;

  constructor(cluster: Cluster, workloads: Workloads, spec: SweepSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}) {
    super(options, hooks);
    this.cluster = cluster;
    this.workloads = workloads;
    this.target = resolveQuota(cluster, spec);
    this.values = sweepValues(spec);
    this.names = spec.names ?? {};
  }

  protected maxRuns(): number {
    return this.values.length;
  }

  protected *run(): Generator<void, SweepResult> {
    const { queue, flavor, resource, nominal } = this.target;
    const points: SweepPoint[] = [];
    const label = (team: string) => queueLabel(this.cluster, this.names, team);
    const queueName = label(queue.teamId ?? queue.clusterQueue);
    for (const value of this.values) {
      if (this.cancelled) break;
      const cluster = withNominalQuota(this.cluster, { queue: queue.clusterQueue, flavor, resource }, value);
      const result = yield* this.simulate(cluster, this.workloads, `${queueName} ${flavor} ${resource} = ${value}`);
      if (result.cancelled) break;
      const summary = summarizeGpuResult(result);
      points.push({
        value,
        teams: summary.teams.map((t) => ({ team: t.team, name: label(t.team), p90Wait: t.wait.p90, p50Wait: t.wait.p50, neverAdmitted: t.wait.neverAdmitted, gpuHoursAllocated: t.gpuHoursAllocated })),
        idleGpuHours: summary.cluster.idleGpuHours,
        fragmentedGpuHours: summary.cluster.fragmentedGpuHours,
      });
    }
    return { clusterQueue: queue.clusterQueue, queueName, flavor, resource, current: nominal, points, cancelled: this.cancelled };
  }
}

export function sweepNominalQuota(cluster: Cluster, workloads: Workloads, spec: SweepSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}): SweepResult {
  return new GpuQuotaSweep(cluster, workloads, spec, options, hooks).result();
}

export interface SweepTeamSpread {
  team: string;
  name: string;
  p90Wait: Spread;
  p50Wait: Spread;
  neverAdmitted: Spread;
}

export interface SweepPointOverSeeds {
  value: number;
  /** Seeds that finished this value (fewer than asked after a cancel). */
  seeds: number;
  teams: SweepTeamSpread[];
  idleGpuHours: Spread;
}

export interface SweepOverSeeds extends Omit<SweepResult, 'points'> {
  seeds: number;
  seedValues: number[];
  points: SweepPointOverSeeds[];
}

/** The seeds' sweeps of the same quota joined per value: the median and range of every team's waits. A value no seed finished is left out. */
export function sweepOverSeeds(sweeps: readonly SweepResult[], seedValues: readonly number[] = []): SweepOverSeeds {
  const first = sweeps[0];
  if (!first) throw new Error('sweep over seeds: no seed finished');
  const values = [...new Set(sweeps.flatMap((s) => s.points.map((p) => p.value)))].sort((a, b) => a - b);
  const points = values.map((value): SweepPointOverSeeds => {
    const at = sweeps.map((s) => s.points.find((p) => p.value === value)).filter((p): p is SweepPoint => p !== undefined);
    const teams = [...new Map(at.flatMap((p) => p.teams.map((t) => [t.team, t.name] as const))).entries()].map(([team, name]) => {
      const of = (pick: (t: SweepTeamPoint) => number | null) => spreadOf(at.map((p) => { const t = p.teams.find((x) => x.team === team); return t ? pick(t) : null; }));
      return { team, name, p90Wait: of((t) => t.p90Wait), p50Wait: of((t) => t.p50Wait), neverAdmitted: of((t) => t.neverAdmitted) };
    });
    return { value, seeds: at.length, teams, idleGpuHours: spreadOf(at.map((p) => p.idleGpuHours)) };
  });
  const { points: _points, ...rest } = first;
  return { ...rest, seeds: sweeps.length, seedValues: [...seedValues], points, cancelled: sweeps.some((s) => s.cancelled) };
}
