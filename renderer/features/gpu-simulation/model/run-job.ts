/**
 * The GPU simulation tab's run, as the Web Worker executes it: the one GPU job
 * (`sim/gpu-sim/job.ts`, the same `podplan simulate gpu` runs), then what the
 * screens show, computed next to the run so only figures cross to the UI
 * thread: the per-team summary, each team's waits (for its distribution), the
 * sampled series, the workloads that waited with their reasons and timelines,
 * the cohort bars and the GPU-hours the cost model takes.
 */
import { GPU_RESOURCE } from '../../../../sim/cluster/schema.ts';
import { simulatedGpuHoursPerMonth, type SimulatedTeamGpu } from '../../../../sim/cost/simulated-gpu-hours.ts';
import { WORKLOAD_KINDS, type GpuRunSpread, type GpuSimulation, type GpuRunSummary, type LocalQueueUsage, type ReasonName, type SeriesResult, type TopologyFragmentation, type WorkloadStateName } from '../../../../sim/gpu-sim/index.ts';
import { gpuRunFigures, runGpuJob, type GpuRunFigures, type GpuRunInput } from '../../../../sim/gpu-sim/job.ts';
import type { JobContext } from '../../../../sim/kernel/job.ts';
import { cohortBars, type CohortBars } from './cohort-bars.ts';

/** One run of the tab: the job's input, and the price the GPU-hours handed to costs are charged at. */
export interface GpuRunViewInput extends Omit<GpuRunInput, 'at' | 'seedIndex'> {
  /** The cost model's price override, for the GPU-hours handed to costs. */
  gpuPricePerHour?: number | undefined;
  /** Seeds every figure runs over (the pool splits the run: seed 0 the full view, the others their figures; a trace has one). */
  seeds?: number;
}

export interface TimelineStep {
  time: number;
  state: WorkloadStateName;
  reason: ReasonName;
  other: string | null;
}

export interface WaitingWorkload {
  id: string;
  clusterQueue: string;
  team: string;
  submitTime: number;
  gpus: number;
  kind: string;
  /** State at the end of the run. */
  state: WorkloadStateName;
  reason: ReasonName;
  /** The reason in the target Kueue version's words ("QuotaReserved: WaitingForQuota"); null where Kueue has none. */
  kueueReason: string | null;
  message: string;
  /** The resource whose quota keeps it out, for the quota reasons. */
  resource: string | null;
  /** Seconds waited before the first admission; null when never admitted. */
  waited: number | null;
  timeline: TimelineStep[];
  /** Admission fair sharing: the LocalQueue it was submitted through ("namespace/name"), null when its ClusterQueue does not order by it. */
  localQueue: string | null;
}

export interface GpuRunView {
  source: { kind: 'generated'; workloads: number; days: number; seed: number } | { kind: 'trace'; name: string; workloads: number };
  /**
   * Every figure over the seeds that finished (seed 0's run is the rest of this view: its charts,
   * distributions and waiting workloads); null until the seeds are merged (`seeded-jobs.ts`).
   */
  spread: GpuRunSpread | null;
  /** Seeds asked for (a trace: 1). */
  seedsAsked: number;
  simulation: GpuRunFigures['simulation'];
  summary: GpuRunSummary;
  /** Per team: seconds from submission to first admission of every admitted workload. */
  waits: Record<string, number[]>;
  series: SeriesResult;
  /** GPUs of each node of the heatmap, in its order. */
  nodeGpus: number[];
  /** Still waiting at the end first, then those that waited longest. */
  waiting: WaitingWorkload[];
  waitingTotal: number;
  cohorts: CohortBars;
  gpuHoursForCosts: SimulatedTeamGpu[];
  /** Admission fair sharing: every LocalQueue's consumed usage at the end of the run (empty when no ClusterQueue orders by it). */
  localQueues: LocalQueueUsage[];
  /** Free GPUs per topology level of each TAS flavor at the end of the run (empty without a TAS flavor). */
  topology: TopologyFragmentation[];
  /** Wall-clock milliseconds of the run in the worker: generation, simulation, summary (not part of the deterministic figures). */
  computeMs: number;
}

const MAX_LISTED = 300;
const WAITING_STATES = new Set<WorkloadStateName>(['pending', 'backoff', 'admitted-unschedulable', 'deactivated']);

export async function gpuRunViewJob(input: GpuRunViewInput, context: JobContext): Promise<GpuRunView> {
  const started = performance.now();
  const run = await runGpuJob({ cluster: input.cluster, source: input.source }, context);
  const computeMs = performance.now() - started;
  const { simulation: sim, result, summary } = run;
  const teamOfQueue = new Map(summary.queues.map((q) => [q.clusterQueue, q.team]));

  const waits: Record<string, number[]> = Object.fromEntries(summary.teams.map((t) => [t.team, []]));
  const waiting: Array<{ w: number; pendingAtEnd: boolean; waited: number | null }> = [];
  for (let w = 0; w < sim.n; w++) {
    const state = sim.stateName(w);
    if (state === 'not-submitted') continue;
    const submit = sim.table.submit[w]!;
    const admittedAt = sim.firstAdmit[w]!;
    const team = teamOfQueue.get(sim.model.cqs[sim.cqOf[w]!]!.name) ?? '';
    const waited = Number.isNaN(admittedAt) ? null : admittedAt - submit;
    if (waited !== null) waits[team]?.push(waited);
    const pendingAtEnd = WAITING_STATES.has(state);
    if (pendingAtEnd || (waited !== null && waited > 0)) waiting.push({ w, pendingAtEnd, waited });
  }
  waiting.sort((a, b) => (a.pendingAtEnd !== b.pendingAtEnd ? (a.pendingAtEnd ? -1 : 1) : a.pendingAtEnd ? sim.table.submit[a.w]! - sim.table.submit[b.w]! : b.waited! - a.waited!));

  const listed = waiting.slice(0, MAX_LISTED).map(({ w, waited }): WaitingWorkload => {
    const id = sim.table.id(w);
    const why = sim.explain(id);
    return {
      id,
      clusterQueue: why.clusterQueue,
      team: teamOfQueue.get(why.clusterQueue) ?? '',
      submitTime: sim.table.submit[w]!,
      gpus: gpusOf(sim, w),
      kind: kindOf(sim, w),
      state: why.state,
      reason: why.reason,
      kueueReason: why.kueueReason,
      message: why.message,
      resource: why.resource,
      waited,
      timeline: sim.timelineOf(id),
      localQueue: why.admissionFairSharing?.localQueue ?? null,
    };
  });

  const pools = input.cluster.nodePools.map((p) => ({ flavor: p.flavor, gpusPerNode: p.gpusPerNode, nodeCount: p.nodeCount, costPerGpuHour: p.costPerGpuHour }));
  const source: GpuRunView['source'] =
    input.source.kind === 'trace'
      ? { kind: 'trace', name: input.source.name, workloads: run.workloads }
      : { kind: 'generated', workloads: run.workloads, days: input.source.days, seed: input.source.seed };
  return {
    source,
    spread: null,
    seedsAsked: 1,
    simulation: gpuRunFigures(run).simulation,
    summary,
    waits,
    series: result.series,
    nodeGpus: sim.model.nodes.map((node) => node.gpus),
    waiting: listed,
    waitingTotal: waiting.length,
    cohorts: cohortBars(input.cluster, summary, result.endTime),
    gpuHoursForCosts: simulatedGpuHoursPerMonth(result, pools, { gpuPricePerHour: input.gpuPricePerHour }),
    localQueues: sim.localQueueUsage(),
    topology: (result.topology ?? []).filter((t) => t.time === result.endTime),
    computeMs,
  };
}

/** Seed k (> 0) of the tab's run: only the figures cross back, for the spread over seeds. */
export async function gpuSeedFiguresJob(input: GpuRunViewInput & { seedIndex: number }, context: JobContext): Promise<{ seed: number | undefined; summary: GpuRunSummary; cancelled: boolean }> {
  const run = await runGpuJob({ cluster: input.cluster, source: input.source, seedIndex: input.seedIndex }, context);
  return { seed: run.seed, summary: run.summary, cancelled: run.result.cancelled };
}

/** GPUs the workload asks for in all (pods × GPUs per pod over its pod sets). */
function gpusOf(sim: GpuSimulation, w: number): number {
  const shape = sim.table.shapes[sim.table.shape[w]!];
  let gpus = 0;
  for (const podSet of shape?.podSets ?? []) gpus += podSet.count * (podSet.perPod.get(GPU_RESOURCE) ?? 0);
  return gpus;
}

/** The workload's kind as the generators or the trace named it (training, serving, notebook, batch). */
function kindOf(sim: GpuSimulation, w: number): string {
  return WORKLOAD_KINDS[sim.table.kind[w]!] ?? 'batch';
}
