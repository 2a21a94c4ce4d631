/**
 * The delivery history import: text (or bytes) in chunks, through the
 * layout of one export format, into a `DeliveryHistory` with a first
 * mapping. Refuses a file that is not a CSV export as a whole (binary,
 * not UTF-8, JSON, a spreadsheet, no header columns, no rows) and reports
 * bad rows by line: skipped, or the import stops at the first
 * (`onBadRow: 'abort'`).
 */
import { textInput, type TextInputSink } from '../formats/text-input.ts';
import { MAX_LINE_LENGTH } from '../formats/text.ts';
import { HistoryCollector, type OutOfOrder } from './collect.ts';
import { containerReason } from './detect.ts';
import { changeLogLayout, JIRA_COLUMNS, TRANSITION_COLUMNS } from './formats/change-log.ts';
import { cycleDataLayout } from './formats/cycle-data.ts';
import type { HistoryLayout, LayoutContext } from './formats/layout.ts';
import { GITHUB_PROJECTS, LINEAR, timestampLayout } from './formats/timestamps.ts';
import { suggestMapping } from './mapping.ts';
import { tableReader } from './table.ts';
import type { DeliveryHistory, HistoryFormat, SkippedRow } from './types.ts';

/** Bad rows listed; more are counted (`moreProblems`). */
export const MAX_HISTORY_PROBLEMS = 1000;
/** Rows between two progress reports. */
export const PROGRESS_EVERY = 10_000;

export type OnBadRow = 'skip' | 'abort';

export interface HistoryImportOptions {
  format: HistoryFormat;
  /** The file's name, kept in the history. */
  source: string;
  onBadRow?: OnBadRow;
  /** Rows read so far, every PROGRESS_EVERY rows and at the end. */
  onProgress?: (rows: number) => void;
  maxLineLength?: number;
}

export interface HistoryImportResult {
  /** Undefined when the file was refused or the import aborted. */
  history?: DeliveryHistory;
  /** Data rows read (bad and ignored ones included). */
  rows: number;
  /** Bad rows, by line (the first MAX_HISTORY_PROBLEMS). */
  problems: SkippedRow[];
  moreProblems: number;
  /** The whole file could not be read (not a CSV export, a header lacking columns, no rows). */
  refused?: SkippedRow;
  /** onBadRow 'abort' stopped at this bad row. */
  aborted?: SkippedRow;
  /** Items whose stages or changes went back in time in the file: kept, sorted by time. */
  outOfOrder: OutOfOrder;
  /** Changelog rows of other fields than the status, passed over. */
  ignoredRows: number;
}

export interface HistoryImporter extends TextInputSink {
  /** The import stopped (refused, or aborted at a bad row): later chunks are not read. */
  readonly stopped: boolean;
  finish(): HistoryImportResult;
}

function layoutOf(format: HistoryFormat, context: LayoutContext): HistoryLayout {
  switch (format) {
    case 'cycle-data':
      return cycleDataLayout(context);
    case 'jira':
      return changeLogLayout(JIRA_COLUMNS, context);
    case 'transitions':
      return changeLogLayout(TRANSITION_COLUMNS, context);
    case 'linear':
      return timestampLayout(LINEAR, context);
    case 'github-projects':
      return timestampLayout(GITHUB_PROJECTS, context);
  }
}

export function createHistoryImporter(options: HistoryImportOptions): HistoryImporter {
  const into = new HistoryCollector();
  const problems: SkippedRow[] = [];
  let moreProblems = 0;
  let refused: SkippedRow | undefined;
  let aborted: SkippedRow | undefined;
  let rows = 0;
  let ignoredRows = 0;
  let started = false;
  const stopped = () => refused !== undefined || aborted !== undefined;
  const refuse = (line: number, message: string) => {
    refused ??= { line, message };
  };
  const context: LayoutContext = {
    into,
    bad(line, message) {
      if (stopped()) return;
      if (problems.length < MAX_HISTORY_PROBLEMS) problems.push({ line, message });
      else moreProblems++;
      if (options.onBadRow === 'abort') aborted = { line, message };
    },
    refuse,
    ignored: () => void ignoredRows++,
  };
  const layout = layoutOf(options.format, context);
  const table = tableReader(
    {
      header: (cells) => layout.header(cells),
      row(cells, line) {
        if (stopped()) return;
        rows++;
        if (rows % PROGRESS_EVERY === 0) options.onProgress?.(rows);
        layout.row(cells, line);
      },
      problem(line, message, wholeFile) {
        if (wholeFile) return refuse(line, message);
        rows++;
        context.bad(line, message);
      },
    },
    options.maxLineLength ?? MAX_LINE_LENGTH,
  );
  const reader = {
    push: (chunk: string) => table.push(chunk),
    finish() {
      table.finish();
      if (!stopped()) layout.finish();
    },
  };
  const input = textInput(reader, (problem) => refuse(problem.line, problem.message), stopped, 'a text (CSV) export');
  return {
    get stopped() {
      return stopped();
    },
    push(chunk) {
      if (!started) {
        started = true;
        const container = containerReason([...chunk.slice(0, 4)].map((c) => c.charCodeAt(0)));
        if (container) return refuse(1, container);
      }
      input.push(chunk);
    },
    pushBytes(bytes) {
      if (!started) {
        started = true;
        const container = containerReason(bytes.subarray(0, 4));
        if (container) return refuse(1, container);
      }
      input.pushBytes(bytes);
    },
    finish() {
      input.finish();
      options.onProgress?.(rows);
      const base = { rows, problems: problems.sort((a, b) => a.line - b.line), moreProblems, ignoredRows };
      if (refused || aborted) return { ...base, refused, aborted, outOfOrder: { items: 0, lines: [] } };
      const { items, statuses, outOfOrder } = into.finish(layout.statusOrder?.());
      if (items.length === 0) return { ...base, refused: { line: 1, message: `no item could be read: every row is bad (${problems.length + moreProblems})` }, outOfOrder };
      const partial = { format: options.format, source: options.source, statuses, items, skipped: problems.slice() };
      return { ...base, history: { ...partial, mapping: suggestMapping(partial) }, outOfOrder };
    },
  };
}

/** The whole import of one text at once (tests, small files). */
export function importHistoryText(text: string, options: HistoryImportOptions): HistoryImportResult {
  const importer = createHistoryImporter(options);
  importer.push(text);
  return importer.finish();
}
