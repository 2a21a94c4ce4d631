/**
 * One `podplan simulate gpu` run, as the worker thread executes it: the
 * workloads (generated for each team, or imported from a trace file), the
 * simulation in slices with progress, and the figures the command prints.
 */
import type { Cluster } from '../../../sim/cluster/schema.ts';
import { defaultTeamWorkloads, generateWorkloads } from '../../../sim/gpu-sim/generators.ts';
import { GpuSimulation } from '../../../sim/gpu-sim/simulator.ts';
import { summarizeGpuResult, type GpuRunSummary } from '../../../sim/gpu-sim/summary.ts';
import type { AtSnapshot } from '../../../sim/gpu-sim/types.ts';
import type { WorkloadTable } from '../../../sim/gpu-sim/workloads.ts';
import type { TraceImportOptions, TraceRowProblem } from '../../../sim/traces/index.ts';
import { importTraceTable } from '../../../data/traces/read.ts';

export interface GpuRunInput {
  cluster: Cluster;
  seed: number;
  /** Generated workloads: days of arrivals and the load factor. */
  days: number;
  load: number;
  at: number[];
  trace?: { file: string; options: TraceImportOptions };
}

export interface GpuRunProgress {
  phase: 'import' | 'simulate';
  /** 0..1 within the phase. */
  fraction: number;
  /** Simulated seconds (simulate phase). */
  simTime?: number;
  /** The trace read so far (import phase). */
  trace?: { bytesRead: number; totalBytes: number; rows: number };
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

export type GpuRunOutput =
  | { ok: true; source: { kind: 'generated'; days: number; load: number; workloads: number } | ({ kind: 'trace' } & TraceSummary); simulation: { endTime: number; events: number; arrivals: number; admissions: number; preemptions: number }; summary: GpuRunSummary; at: AtSnapshot[] }
  | { ok: false; code: 'trace-aborted'; trace: TraceSummary; aborted: TraceRowProblem };

const DAY = 86_400;

export async function runGpuSimulation(input: GpuRunInput, onProgress: (progress: GpuRunProgress) => void): Promise<GpuRunOutput> {
  let workloads: WorkloadTable;
  let source: Extract<GpuRunOutput, { ok: true }>['source'];
  let until: number | undefined;
  if (input.trace) {
    // Straight into the compact table: a 200 MB trace must import in bounded memory (issue 13, finding 4).
    const imported = await importTraceTable(input.trace.file, input.cluster, input.trace.options, {
      onProgress: (p) => onProgress({ phase: 'import', fraction: p.totalBytes ? p.bytesRead / p.totalBytes : 1, trace: { bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows ?? 0 } }),
    });
    const trace: TraceSummary = { file: input.trace.file, format: input.trace.options.format, rows: imported.rows, imported: imported.imported, skipped: imported.skipped, problems: imported.problems, moreProblems: imported.moreProblems };
    if (imported.aborted) return { ok: false, code: 'trace-aborted', trace, aborted: imported.aborted };
    // Every row bad (skipped): a run of nothing would read as a result; the first bad line says where to look.
    const first = imported.problems[0];
    if (imported.imported === 0 && first) return { ok: false, code: 'trace-aborted', trace, aborted: { line: first.line, message: `no job of the trace could be imported: all ${imported.skipped.toLocaleString('en')} rows are bad, the first at line ${first.line}: ${first.message}`, wholeFile: true } };
    workloads = imported.table;
    source = { kind: 'trace', ...trace };
  } else {
    until = input.days * DAY;
    workloads = generateWorkloads(input.cluster, defaultTeamWorkloads(input.cluster, input.load), { seed: input.seed, horizonSeconds: until });
    source = { kind: 'generated', days: input.days, load: input.load, workloads: workloads.n };
  }
  const sim = new GpuSimulation(input.cluster, workloads, {
    seed: input.seed,
    at: input.at,
    ...(until !== undefined ? { until } : {}),
    progressEvery: 20_000,
    onProgress: (p) => onProgress({ phase: 'simulate', fraction: until ? Math.min(1, p.simTime / until) : p.fraction, simTime: p.simTime }),
  });
  while (sim.step(Number.POSITIVE_INFINITY)) {
    /* progress is reported from inside step */
  }
  const result = sim.result();
  return {
    ok: true,
    source,
    simulation: { endTime: result.endTime, events: result.events, arrivals: result.arrivals, admissions: result.admissions, preemptions: result.preemptions },
    summary: summarizeGpuResult(result),
    at: result.at,
  };
}
