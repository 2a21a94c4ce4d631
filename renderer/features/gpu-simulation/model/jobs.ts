/** The jobs the GPU simulation worker runs, by kind; one handler so every store's worker loads the same module. */
import type { TraceImportResult } from '../../../../sim/traces/index.ts';
import type { JobContext } from '../../../../sim/kernel/job.ts';
import { analysisJob, type AnalysisInput, type AnalysisOutput } from './analysis-job.ts';
import { gpuRunViewJob, gpuSeedFiguresJob, type GpuRunView, type GpuRunViewInput } from './run-job.ts';
import type { GpuRunSummary } from '../../../../sim/gpu-sim/index.ts';
import { importTraceJob, scanTraceJob, type TraceImportInput, type TraceScanInput, type TraceScanOutput } from './trace-job.ts';

export type GpuJobInput = ({ kind: 'run' } & GpuRunViewInput) | ({ kind: 'run-seed'; seedIndex: number } & GpuRunViewInput) | AnalysisInput | ({ kind: 'scan-trace' } & TraceScanInput) | ({ kind: 'import-trace' } & TraceImportInput);

export type GpuJobOutput =
  | { kind: 'run'; run: GpuRunView }
  | { kind: 'run-seed'; seed: number | undefined; summary: GpuRunSummary; cancelled: boolean }
  | AnalysisOutput
  | { kind: 'scan-trace'; scan: TraceScanOutput }
  | { kind: 'import-trace'; imported: TraceImportResult };

export async function gpuJob(input: GpuJobInput, context: JobContext): Promise<GpuJobOutput> {
  switch (input.kind) {
    case 'run':
      return { kind: 'run', run: await gpuRunViewJob(input, context) };
    case 'run-seed':
      return { kind: 'run-seed', ...(await gpuSeedFiguresJob(input, context)) };
    case 'scan-trace':
      return { kind: 'scan-trace', scan: await scanTraceJob(input, context) };
    case 'import-trace':
      return { kind: 'import-trace', imported: await importTraceJob(input, context) };
    default:
      return analysisJob(input, context);
  }
}
