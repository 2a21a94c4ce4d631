/**
 * The figures a platform lead reads off a run, per ClusterQueue and per
 * team: waits, GPU-hours allocated / borrowed / lent, preemptions and what
 * they cost, serving SLO attainment; and for the cluster, how many GPUs sat
 * idle and how many of those were fragmented (free, but on nodes no pending
 * pod fits). The CLI prints this; the UI's tables can show the same.
 */
import type { GpuSimResult, QueueResult, ServingResult, TeamResult } from './types.ts';

export interface WaitFigures {
  /** Seconds from submission to admission, over admitted workloads (null when none was admitted). */
  p50: number | null;
  p90: number | null;
  p99: number | null;
  /** Workloads still waiting for their first admission at the end (not in the percentiles). */
  neverAdmitted: number;
}

export interface SloFigures {
  /** Served ÷ demanded replica-hours of the serving deployments. */
  attainment: number;
  /** Share of samples at which every demanded replica ran. */
  samplesMet: number;
}

export interface UsageFigures {
  submitted: number;
  admitted: number;
  completed: number;
  wait: WaitFigures;
  gpuHoursAllocated: number;
  /** GPU-hours allocated per ResourceFlavor. */
  gpuHoursByFlavor: Record<string, number>;
  borrowedGpuHours: number;
  lentGpuHours: number;
  preemptions: number;
  gpuHoursLostToPreemption: number;
  /** Null when the queue runs no serving deployment. */
  slo: SloFigures | null;
}

export interface QueueRunSummary extends UsageFigures {
  clusterQueue: string;
  team: string;
  cohort: string | null;
}

export interface TeamSummary extends UsageFigures {
  team: string;
  clusterQueues: string[];
}

export interface ClusterSummary {
  gpuHoursTotal: number;
  gpuHoursAllocated: number;
  idleGpuHours: number;
  /** Idle GPU-hours on nodes where no pending pod fits. */
  fragmentedGpuHours: number;
  peakFragmentedGpus: number;
}

export interface GpuRunSummary {
  queues: QueueRunSummary[];
  teams: TeamSummary[];
  cluster: ClusterSummary;
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function slo(groups: readonly ServingResult[]): SloFigures | null {
  let demanded = 0;
  let served = 0;
  let met = 0;
  for (const g of groups) {
    demanded += g.replicaHoursDemanded;
    served += g.replicaHoursServed;
    met += g.samplesMet * g.replicaHoursDemanded;
  }
  return demanded > 0 ? { attainment: served / demanded, samplesMet: met / demanded } : null;
}

function usage(q: QueueResult | TeamResult, neverAdmitted: number, groups: readonly ServingResult[]): UsageFigures {
  return {
    submitted: q.submitted,
    admitted: q.admitted,
    completed: q.completed,
    wait: { p50: finite(q.wait.p50), p90: finite(q.wait.p90), p99: finite(q.wait.p99), neverAdmitted },
    gpuHoursAllocated: q.gpuHoursAllocated,
    gpuHoursByFlavor: { ...q.gpuHoursByFlavor },
    borrowedGpuHours: q.borrowedGpuHours,
    lentGpuHours: q.lentGpuHours,
    preemptions: q.preempted,
    gpuHoursLostToPreemption: q.gpuHoursLostToPreemption,
    slo: slo(groups),
  };
}

/** Area under a sampled series, in GPU-hours (each sample holds until the next, the last until the end). */
function gpuHours(times: readonly number[], values: readonly number[], end: number): number {
  let area = 0;
  for (let i = 0; i < times.length; i++) area += values[i]! * (Math.max(times[i + 1] ?? end, times[i]!) - times[i]!);
  return area / 3600;
}

export function summarizeGpuResult(result: GpuSimResult): GpuRunSummary {
  const servingOf = (queues: ReadonlySet<string>) => result.serving.filter((s) => queues.has(s.clusterQueue));
  const queues = result.queues.map((q) => ({ clusterQueue: q.clusterQueue, team: q.team, cohort: q.cohort, ...usage(q, q.neverAdmitted, servingOf(new Set([q.clusterQueue]))) }));
  const teams = result.teams.map((t) => {
    const own = new Set(t.clusterQueues);
    const neverAdmitted = result.queues.filter((q) => own.has(q.clusterQueue)).reduce((n, q) => n + q.neverAdmitted, 0);
    return { team: t.team, clusterQueues: t.clusterQueues, ...usage(t, neverAdmitted, servingOf(own)) };
  });
  const s = result.series;
  const gpuHoursTotal = gpuHours(s.times, s.totalGpus, result.endTime);
  // Idle from the exact running area rather than the sampled free GPUs, so small policy changes do not show sampling noise.
  const running = result.flavors.reduce((sum, f) => sum + f.gpuHoursRunning, 0);
  return {
    queues,
    teams,
    cluster: {
      gpuHoursTotal,
      gpuHoursAllocated: result.queues.reduce((sum, q) => sum + q.gpuHoursAllocated, 0),
      idleGpuHours: Math.max(0, gpuHoursTotal - running),
      fragmentedGpuHours: gpuHours(s.times, s.fragmentedGpus, result.endTime),
      peakFragmentedGpus: s.fragmentedGpus.reduce((m, v) => Math.max(m, v), 0),
    },
  };
}
