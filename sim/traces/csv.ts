/**
 * A streaming CSV table: a header line names the columns (any order, any
 * case, extra columns ignored); formats whose public files have no header
 * (PAI) give their column order instead. Each data line reaches the decoder
 * as a `CsvRow` that reads cells by column name.
 */
import { binaryReason, LineSplitter, overlongLine, splitCsv } from '../formats/text.ts';
import { MAX_LINE_LENGTH } from './bounds.ts';
import type { TraceReader, TraceSink } from './types.ts';

export interface CsvLayout {
  /** Columns every row needs. */
  required: readonly string[];
  optional?: readonly string[];
  /** Column order of headerless files, recognised by their column count. */
  headerless?: readonly (readonly string[])[];
}

export class CsvRow {
  readonly line: number;
  private readonly cells: readonly string[];
  private readonly columns: ReadonlyMap<string, number>;

  constructor(line: number, cells: readonly string[], columns: ReadonlyMap<string, number>) {
    this.line = line;
    this.cells = cells;
    this.columns = columns;
  }

  get(name: string): string | undefined {
    const index = this.columns.get(name);
    if (index === undefined) return undefined;
    const cell = this.cells[index];
    return cell === undefined ? undefined : cell.trim();
  }

  has(name: string): boolean {
    return this.columns.has(name);
  }
}

export type RowDecoder = (row: CsvRow, layout: number) => void;

const columnsOf = (names: readonly string[]) => new Map(names.map((n, i) => [n, i]));

/**
 * `layouts` may hold several tables (PAI's job and task tables): a header
 * line switches to the layout whose required columns it names; the decoder
 * learns which layout a row belongs to.
 */
export function csvReader(layouts: readonly CsvLayout[], sink: TraceSink, decode: RowDecoder, maxLineLength?: number): TraceReader {
  let columns: Map<string, number> | null = null;
  let layout = -1;
  let broken = false;
  let headerSeen = false;
  let dataRows = 0;
  const headerLayout = (cells: readonly string[]): number => {
    const names = new Set(cells.map((c) => c.trim().toLowerCase()));
    return layouts.findIndex((l) => l.required.every((r) => names.has(r)));
  };
  const headerless = (count: number): { layout: number; columns: Map<string, number> } | null => {
    for (let l = 0; l < layouts.length; l++) {
      for (const order of layouts[l]!.headerless ?? []) if (order.length === count) return { layout: l, columns: columnsOf(order) };
    }
    return null;
  };
  const onOverlong = (line: number) => {
    if (broken) return;
    const message = overlongLine(line, maxLineLength ?? MAX_LINE_LENGTH, 'a trace row');
    // Before any header or row, the layout of the file is unknown: nothing after it can be read either.
    if (!headerSeen && dataRows === 0) {
      broken = true;
      return sink.problem({ line, message }, true);
    }
    dataRows++;
    sink.row();
    sink.problem({ line, message });
  };
  const splitter = new LineSplitter((text, line) => {
    if (broken || text.trim() === '') return;
    const binary = binaryReason(text);
    if (binary) {
      dataRows++;
      sink.row();
      sink.problem({ line, message: `line ${line} is not text: ${binary}` });
      return;
    }
    const cells = splitCsv(text);
    if (!cells) {
      dataRows++;
      sink.row();
      sink.problem({ line, message: 'a quoted field is not closed on this line' });
      return;
    }
    const looksLikeHeader = cells.some((c) => /^[a-z_]+$/i.test(c.trim())) && cells.every((c) => !/^-?\d+(\.\d+)?$/.test(c.trim()));
    if (looksLikeHeader && (columns === null || headerLayout(cells) >= 0)) {
      const found = headerLayout(cells);
      if (found >= 0) {
        headerSeen = true;
        layout = found;
        columns = columnsOf(cells.map((c) => c.trim().toLowerCase()));
        return;
      }
      if (columns === null) {
        const wanted = layouts.map((l) => l.required.filter((r) => !cells.some((c) => c.trim().toLowerCase() === r)));
        const best = wanted.reduce((a, b) => (b.length < a.length ? b : a));
        sink.problem({ line, message: `the header lacks the column${best.length > 1 ? 's' : ''} ${best.join(', ')}` }, true);
        broken = true;
        return;
      }
    }
    let rowColumns = columns;
    let rowLayout = layout;
    if (rowColumns === null || cells.length !== rowColumns.size) {
      // Headerless files (PAI's tables, concatenated) pick the layout by column count.
      const guess = headerless(cells.length);
      if (guess) {
        rowColumns = guess.columns;
        rowLayout = guess.layout;
      } else if (rowColumns === null) {
        sink.problem({ line, message: `no header line, and ${cells.length} columns match no known layout of this format (expected a header naming ${layouts[0]!.required.join(', ')})` }, true);
        broken = true;
        return;
      }
    }
    dataRows++;
    sink.row();
    decode(new CsvRow(line, cells, rowColumns!), rowLayout);
  }, onOverlong, maxLineLength);
  return {
    push: (chunk) => splitter.push(chunk),
    finish() {
      splitter.finish();
      // A file without rows would run an empty simulation as if it were a trace: refused, saying why.
      if (!broken && dataRows === 0) sink.problem({ line: 1, message: headerSeen ? 'the file has no job rows after its header' : 'the file is empty: no header and no job rows' }, true);
    },
  };
}
