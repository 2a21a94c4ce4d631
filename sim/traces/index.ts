/** Streaming import of public GPU cluster traces into the GPU simulator's workloads (issue 6, M10; bounds and refusals: issue 13). */
export { createTraceImporter, createTraceScanner, createTraceTableImporter, teamQueues, type TraceImporter, type TraceInputSink } from './import.ts';
export { detectTraceFormat } from './formats.ts';
export { MAX_LINE_LENGTH, SNIFF_LENGTH } from './bounds.ts';
export { sniffTraceText } from './sniff.ts';
export { parseTime } from '../formats/text.ts';
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
export {
  CENSORED_TREATMENTS,
  createWorkloadReplay,
  DEFAULT_CENSORED,
  DEFAULT_PENDING,
  DROP_REASONS,
  MAX_REPLAY_PROBLEMS,
  observedWaits,
  parseSince,
  PENDING_TREATMENTS,
  replayWorkloads,
  type CensoredTreatment,
  type DropReason,
  type DurationSource,
  type ObservedWaits,
  type PendingTreatment,
  type ReplayCounts,
  type ReplayPodSet,
  type ReplayProblem,
  type ReplayRow,
  type ReplayState,
  type WorkloadReplay,
  type WorkloadReplayOptions,
} from './kueue-workloads.ts';
export { observedWaitsByTeam, REPLAY_CSV_COLUMNS, replayCsvHeader, replayCsvLine, replayQueueResolver, replayWorkloadSpecs, type ReplaySpecs } from './replay.ts';
