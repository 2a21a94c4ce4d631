/** What each export layout implements: read its header, then its rows into the collector, reporting bad rows by line. */
import type { HistoryCollector } from '../collect.ts';

export interface LayoutContext {
  into: HistoryCollector;
  /** A bad row, skipped (or the import stops, with onBadRow 'abort'). */
  bad(line: number, message: string): void;
  /** The whole file cannot be read as this layout (no stage columns): the import stops. */
  refuse(line: number, message: string): void;
  /** A row that is not a status change (another field's change in a Jira changelog): neither read nor bad. */
  ignored(): void;
}

export interface HistoryLayout {
  /** Reads the header (trimmed cells); a message refuses the file, naming the columns it lacks. */
  header(cells: readonly string[]): string | undefined;
  row(cells: readonly string[], line: number): void;
  /** After the last row (a layout may hold its first rows until it knows its columns). */
  finish(): void;
  /** Statuses in workflow order when the layout says (cycle-data: its stage columns). */
  statusOrder?(): readonly string[];
}

export const lacking = (names: readonly string[]) => `the header lacks the column${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
