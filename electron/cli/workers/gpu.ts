/**
 * Worker thread of `podplan simulate gpu` and `podplan report`: the same GPU
 * job the UI's Web Worker runs (`sim/gpu-sim/job.ts`), behind the runner the
 * delivery CLI uses. The one thing only the CLI does is here: a trace file
 * streamed from disk into the compact table (bounded memory), with progress
 * in bytes and Ctrl+C between chunks. A worker that runs several jobs on one
 * trace (`podplan sweep`: one job per candidate policy) imports it once: the
 * table is only read by a run, as the analyses' runs share theirs.
 */
import { stat } from 'node:fs/promises';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import { gpuRunFigures, runGpuJob, type GpuRunFigures, type WorkloadSource } from '../../../sim/gpu-sim/job.ts';
import type { TraceImportOptions, TraceRowProblem } from '../../../sim/traces/index.ts';
import { traceReadSoFar } from '../../../data/traces/progress.ts';
import { importTraceTable } from '../../../data/traces/read.ts';
import type { JobContext } from '../../../sim/kernel/job.ts';
import { hostWorkerJob } from '../sim-worker.ts';

export interface SimulateGpuInput {
  cluster: Cluster;
  /** Generated workloads, or a trace file imported in the worker. */
  workloads: Extract<WorkloadSource, { kind: 'generated' }> | { kind: 'trace-file'; file: string; options: TraceImportOptions };
  at: number[];
  /** Seed k of the generated workloads (`resolveWorkloads`; 0 = the base seed). */
  seedIndex?: number;
}

export interface TraceSummary {
  file: string;
  format: string;
  rows: number;
  imported: number;
  skipped: number;
  problems: TraceRowProblem[];
  moreProblems: number;
}

export type SimulateGpuOutput =
  | ({ ok: true; source: { kind: 'generated'; days: number; workloads: number } | ({ kind: 'trace' } & TraceSummary) } & GpuRunFigures)
  | { ok: false; code: 'trace-aborted'; trace: TraceSummary; aborted: TraceRowProblem }
  /** Ctrl+C before the trace was read: there is nothing to simulate yet. */
  | { ok: false; code: 'import-cancelled'; trace: TraceSummary };

type ImportedTrace = Awaited<ReturnType<typeof importTraceTable>>;
/** The last trace this worker imported, by what its table depends on: the file as it is, the options, and the cluster's names it resolves. */
let lastTrace: { key: string; imported: ImportedTrace } | null = null;

async function traceKey(file: string, options: TraceImportOptions, cluster: Cluster): Promise<string> {
  const { size, mtimeMs } = await stat(file);
  const names = { queues: cluster.queues.map((q) => [q.id, q.teamId, q.clusterQueue, q.namespace, q.localQueue]), flavors: cluster.flavors.map((f) => f.name), priorityClasses: cluster.priorityClasses.map((p) => [p.name, p.value]) };
  return JSON.stringify({ file, size, mtimeMs, options, names });
}

async function simulateGpu(input: SimulateGpuInput, context: JobContext<SimulateGpuOutput>): Promise<SimulateGpuOutput> {
  const spec = input.workloads;
  if (spec.kind === 'generated') {
    const run = await runGpuJob({ cluster: input.cluster, source: spec, at: input.at, seedIndex: input.seedIndex ?? 0 }, context);
    return { ok: true, source: { kind: 'generated', days: spec.days, workloads: run.workloads }, ...gpuRunFigures(run) };
  }
  const key = await traceKey(spec.file, spec.options, input.cluster);
  // Another trace: let the last one go before reading this one, so two tables are never held at once.
  if (lastTrace?.key !== key) lastTrace = null;
  const imported =
    lastTrace !== null
      ? lastTrace.imported
      : await importTraceTable(spec.file, input.cluster, spec.options, {
          onProgress: (p) => context.progress(p.bytesRead, p.totalBytes, `Importing the trace (${traceReadSoFar(p)})`),
          shouldCancel: () => context.cancelled,
        });
  // A stopped or aborted import is not kept: the next job reads the file again.
  lastTrace = context.cancelled || imported.aborted ? null : { key, imported };
  const trace: TraceSummary = { file: spec.file, format: spec.options.format, rows: imported.rows, imported: imported.imported, skipped: imported.skipped, problems: imported.problems, moreProblems: imported.moreProblems };
  if (context.cancelled) return { ok: false, code: 'import-cancelled', trace };
  if (imported.aborted) return { ok: false, code: 'trace-aborted', trace, aborted: imported.aborted };
  // Every row bad (skipped): a run of nothing would read as a result; the first bad line says where to look.
  const first = imported.problems[0];
  if (imported.imported === 0 && first) return { ok: false, code: 'trace-aborted', trace, aborted: { line: first.line, message: `no job of the trace could be imported: all ${imported.skipped.toLocaleString('en')} rows are bad, the first at line ${first.line}: ${first.message}`, wholeFile: true } };
  const run = await runGpuJob({ cluster: input.cluster, source: { kind: 'trace', name: spec.file, workloads: imported.table }, at: input.at }, context);
  return { ok: true, source: { kind: 'trace', ...trace }, ...gpuRunFigures(run) };
}

hostWorkerJob(simulateGpu);
