/** Streaming import of public GPU cluster traces into the GPU simulator's workloads (issue 6, M10). */
export { createTraceImporter, createTraceScanner, teamQueues } from './import.ts';
export { detectTraceFormat } from './formats.ts';
export { parseTime } from './text.ts';
export {
  MAX_PROBLEMS,
  TRACE_FORMATS,
  type TraceFormat,
  type TraceImportOptions,
  type TraceImportResult,
  type TraceMapping,
  type TraceRowProblem,
  type TraceScan,
} from './types.ts';
