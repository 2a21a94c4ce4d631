/**
 * A delivery-history export as a table: the first non-blank line is the
 * header, its delimiter (comma, or tab for GitHub Projects' TSV) read from
 * it; each later line is a row of cells. A quoted cell may span lines (Jira
 * writes descriptions that way): the row is held until its quote closes, up
 * to the line limit, and reported at its first line.
 */
import { binaryReason, LineSplitter, MAX_LINE_LENGTH, overlongLine, splitCsv } from '../formats/text.ts';

export interface TableSink {
  /** The header's cells (trimmed); a message refuses the whole file. */
  header(cells: string[], line: number): string | undefined;
  row(cells: string[], line: number): void;
  /** A bad line; `wholeFile` when nothing after it can be read. */
  problem(line: number, message: string, wholeFile?: boolean): void;
}

/** The delimiter a header line uses: tab when it splits into more cells by tabs than by commas. */
export const delimiterOf = (header: string): ',' | '\t' => (header.split('\t').length > header.split(',').length ? '\t' : ',');

/** Why a file's first line is not a CSV header, or undefined. */
export function notCsvReason(firstLine: string): string | undefined {
  const start = firstLine.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return `the file is JSON, not a CSV export: line 1 starts with "${start[0]}" (export the tracker's CSV instead)`;
  if (/^<(\?xml|!doctype|html)/i.test(start)) return 'the file is XML or HTML, not a CSV export: line 1 starts with "<"';
  return undefined;
}

export function tableReader(sink: TableSink, maxLineLength = MAX_LINE_LENGTH): { push(chunk: string): void; finish(): void } {
  let delimiter: ',' | '\t' | null = null;
  let broken = false;
  let rows = 0;
  /** A row whose quoted cell is still open: its text so far and its first line. */
  let pending: { text: string; line: number } | null = null;

  const readRow = (text: string, line: number) => {
    const cells = splitCsv(text, delimiter!);
    if (cells) {
      pending = null;
      rows++;
      sink.row(cells, line);
      return;
    }
    if (text.length > maxLineLength) {
      pending = null;
      rows++;
      sink.problem(line, `a quoted field opened on line ${line} is not closed within ${maxLineLength.toLocaleString('en')} characters`);
      return;
    }
    pending = { text, line };
  };

  const onLine = (text: string, line: number) => {
    if (broken) return;
    if (pending) return readRow(`${pending.text}\n${text}`, pending.line);
    if (text.trim() === '') return;
    const binary = binaryReason(text);
    if (binary) {
      if (delimiter === null) {
        broken = true;
        return sink.problem(line, `line ${line} is not text: ${binary}`, true);
      }
      rows++;
      return sink.problem(line, `line ${line} is not text: ${binary}`);
    }
    if (delimiter === null) {
      const notCsv = notCsvReason(text);
      const cells = notCsv ? null : splitCsv(text, delimiterOf(text));
      const refusal = notCsv ?? (cells ? sink.header(cells.map((c) => c.trim()), line) : 'the header line has a quoted column name that is not closed');
      if (refusal) {
        broken = true;
        return sink.problem(line, refusal, true);
      }
      delimiter = delimiterOf(text);
      return;
    }
    readRow(text, line);
  };
  const onOverlong = (line: number) => {
    if (broken) return;
    if (delimiter === null) {
      broken = true;
      return sink.problem(line, overlongLine(line, maxLineLength, 'a CSV header'), true);
    }
    pending = null;
    rows++;
    sink.problem(line, overlongLine(line, maxLineLength, 'a CSV row'));
  };
  const splitter = new LineSplitter(onLine, onOverlong, maxLineLength);
  return {
    push: (chunk) => splitter.push(chunk),
    finish() {
      splitter.finish();
      if (broken) return;
      if (pending) {
        const open: { line: number } = pending;
        rows++;
        sink.problem(open.line, `a quoted field opened on line ${open.line} is never closed`);
      }
      if (delimiter === null) sink.problem(1, 'the file is empty: no header and no rows', true);
      else if (rows === 0) sink.problem(1, 'the file has a header but no rows', true);
    },
  };
}
