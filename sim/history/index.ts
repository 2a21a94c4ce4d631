/** Delivery history import (issue #16): tracker exports as items and their status changes, and what the statuses mean to the delivery model. */
export * from './types.ts';
export { containerReason, detectHistoryFormat, undetectedReason } from './detect.ts';
export { createHistoryImporter, importHistoryText, MAX_HISTORY_PROBLEMS, PROGRESS_EVERY, type HistoryImporter, type HistoryImportOptions, type HistoryImportResult, type OnBadRow } from './import.ts';
export type { OutOfOrder } from './collect.ts';
export { EARLIEST_DATE, isoDate, LATEST_DATE, parseHistoryDate } from './dates.ts';
export {
  historyCounts,
  mappingIssues,
  meaningText,
  parseMappingArgs,
  parseMappingFile,
  parseMeaning,
  suggestMapping,
  resolveArea,
  suggestMeaning,
  suggestSize,
  type MappingIssue,
} from './mapping.ts';
export { historySpan } from './summary.ts';
export { parseHistoryJson } from './history-json.ts';
export { csvField, TRANSITIONS_HEADER, writeCycleDataCsv, writeTransitionsCsv } from './write.ts';
