/** Streaming import of public GPU cluster traces into the GPU simulator's workloads (issue 6, M10; bounds and refusals: issue 13). */
export { createTraceImporter, createTraceScanner, createTraceTableImporter, teamQueues, type TraceImporter, type TraceInputSink } from './import.ts';
export { detectTraceFormat } from './formats.ts';
export { MAX_LINE_LENGTH, SNIFF_LENGTH } from './bounds.ts';
export { sniffTraceText } from './sniff.ts';
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
  type TraceTableImportResult,
} from './types.ts';
