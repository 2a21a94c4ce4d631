/**
 * One GPU simulation run as a job that yields between slices, so a worker (the
 * GPU simulation tab's Web Worker or `podplan simulate gpu`'s worker thread)
 * can report progress and stop on cancel with what it finished. Both run this,
 * so the same cluster, workloads and seed give the same figures in each:
 * workload source (generated per team queue, or a trace's jobs) → the
 * simulator stepped in slices → the summary.
 *
 * The caller's context gives progress, the cancel flag and a way to breathe;
 * what a caller shows beyond the figures (the tab's pending workloads, the
 * CLI's trace report) it reads off the finished simulation it gets back.
 */
import type { Cluster } from '../cluster/schema.ts';
import { generateWorkloads, type TeamWorkloadSpec } from './generators.ts';
import { GPU_SIMULATION_BOUNDS, gpuSimulationBound, type GpuSimulationInput } from './section.ts';
import { seedOf } from './seeds.ts';
import { GpuSimulation } from './simulator.ts';
import { summarizeGpuResult, type GpuRunSummary } from './summary.ts';
import type { LocalQueueUsage } from './admission-fair-sharing.ts';
import type { AtSnapshot, GpuSimResult } from './types.ts';
import { WorkloadTable, type WorkloadSpec } from './workloads.ts';
import type { JobContext } from '../kernel/job.ts';

export const DAY = 86_400;

/**
 * Where a run's workloads come from: generated from each team queue's
 * demand (`demand.ts`, seeded) or a trace's jobs, already imported (the tab
 * imports in its worker from a Blob, the CLI from a file, both through
 * `sim/traces/`). Demand never depends on the policy under test, so the main
 * run, policy B, the sweep and the recommender replay the same workloads.
 */
export type WorkloadSource =
  | ({ kind: 'generated'; teams: readonly TeamWorkloadSpec[] } & GpuSimulationInput)
  | { kind: 'trace'; name: string; workloads: readonly WorkloadSpec[] | WorkloadTable };

export interface ResolvedWorkloads {
  workloads: readonly WorkloadSpec[] | WorkloadTable;
  count: number;
  /** The run stops here (generated workloads have a horizon; a trace runs until its last job is done). */
  until: number | undefined;
  /** Recorded in the result; the engine is deterministic, only the generators draw from it. */
  seed: number | undefined;
}

/**
 * The workloads of a source; generated ones are refused outside `GPU_SIMULATION_BOUNDS`, naming the field and the bound.
 * `seedIndex` k (0 = the base seed) draws seed k's workloads from `seedOf(source.seed, k)`; a trace has one set of jobs and no seeds.
 */
export function resolveWorkloads(base: Cluster, source: WorkloadSource, seedIndex = 0): ResolvedWorkloads {
  if (source.kind === 'trace') {
    if (seedIndex !== 0) throw new RangeError(`seed ${seedIndex}: a trace has one set of jobs and no seeds.`);
    return { workloads: source.workloads, count: source.workloads instanceof WorkloadTable ? source.workloads.n : source.workloads.length, until: undefined, seed: undefined };
  }
  for (const field of WORKLOAD_FIELDS) {
    const bound = gpuSimulationBound(field);
    if (!bound.accepts(source[field])) throw new RangeError(`gpuSimulation.${field}: ${source[field]} must be ${bound.words}.`);
  }
  if (!(Number.isInteger(seedIndex) && seedIndex >= 0 && seedIndex < GPU_SIMULATION_BOUNDS.seeds.max)) throw new RangeError(`seed index ${seedIndex}: must be a whole number from 0 to ${GPU_SIMULATION_BOUNDS.seeds.max - 1}.`);
  const seed = seedOf(source.seed, seedIndex);
  const until = source.days * DAY;
  const table = generateWorkloads(base, source.teams, { seed, horizonSeconds: until });
  return { workloads: table, count: table.n, until, seed };
}

const WORKLOAD_FIELDS: ReadonlyArray<keyof GpuSimulationInput> = ['seed', 'days'];

export interface GpuRunInput {
  cluster: Cluster;
  source: WorkloadSource;
  /** Times (seconds) at which to report every ClusterQueue's and Cohort's state (`podplan simulate gpu --at`). */
  at?: readonly number[];
  /** Which seed of the source's this run is (0 = the base seed; `resolveWorkloads`). */
  seedIndex?: number;
}

/** A finished (or stopped) run: the figures, and the simulation itself for what a caller shows beyond them. */
export interface GpuJobResult {
  simulation: GpuSimulation;
  result: GpuSimResult;
  summary: GpuRunSummary;
  /** Workloads the source gave (generated, or the trace's jobs). */
  workloads: number;
  /** The generator seed this run drew from (undefined for a trace). */
  seed: number | undefined;
  /** The horizon of generated workloads (seconds); undefined for a trace. */
  until: number | undefined;
}

/** What crosses a worker's boundary of a run: plain figures, the same for the tab and the CLI. */
export interface GpuRunFigures {
  simulation: { endTime: number; events: number; arrivals: number; admissions: number; preemptions: number; cancelled: boolean };
  summary: GpuRunSummary;
  at: AtSnapshot[];
  /** Admission fair sharing: every LocalQueue's consumed usage at the end (only when a ClusterQueue orders by it). */
  localQueues?: LocalQueueUsage[];
}

/** Instants per slice: about 10–20 ms of work on the samples, so a cancel is seen at once and a breath costs nothing. */
const SLICE_INSTANTS = 2_000;
/** Events between the engine's own cancel polls, inside a slice: a dense instant cannot hold a cancel for long. */
const CANCEL_POLL_EVENTS = 200;

/**
 * Steps the run in slices, breathing between them and reporting simulated
 * time (or, for a trace, the share of its jobs that arrived); on cancel, the
 * result covers the simulated time done (`result.cancelled`). Slicing and
 * progress change no figure: a run gives the same result unwatched.
 */
export async function runGpuJob(input: GpuRunInput, context: JobContext): Promise<GpuJobResult> {
  const resolved = resolveWorkloads(input.cluster, input.source, input.seedIndex ?? 0);
  const until = resolved.until;
  let arrived = 0;
  const sim = new GpuSimulation(input.cluster, resolved.workloads, {
    ...(resolved.seed !== undefined ? { seed: resolved.seed } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(input.at?.length ? { at: input.at } : {}),
    progressEvery: CANCEL_POLL_EVENTS,
    onProgress: (p) => void (arrived = p.fraction),
    shouldCancel: () => context.cancelled,
  });
  const report = () => {
    const day = (sim.now / DAY).toFixed(1);
    if (until) context.progress(Math.round(Math.min(until, sim.now)), until, `Simulating day ${day} of ${until / DAY}`);
    else context.progress(Math.round(arrived * 1000), 1000, `Simulating day ${day}: ${Math.round(arrived * 100)}% of the trace's jobs arrived`);
  };
  while (sim.step(SLICE_INSTANTS)) {
    report();
    await context.breathe();
  }
  const result = sim.result();
  return { simulation: sim, result, summary: summarizeGpuResult(result), workloads: resolved.count, seed: resolved.seed, until };
}

export function gpuRunFigures(run: GpuJobResult): GpuRunFigures {
  const { endTime, events, arrivals, admissions, preemptions, cancelled } = run.result;
  return { simulation: { endTime, events, arrivals, admissions, preemptions, cancelled }, summary: run.summary, at: run.result.at, ...(run.result.localQueues ? { localQueues: run.result.localQueues } : {}) };
}
