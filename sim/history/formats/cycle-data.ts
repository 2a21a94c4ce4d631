/**
 * The cycle-data CSV of jira-agile-metrics and ActionableAgile: one row per
 * item, an id column, attributes (link, name, type, status, team…), and one
 * column per workflow stage, in workflow order, holding the date the item
 * first entered it.
 *
 * Which columns are stages: the header alone cannot say, so the first
 * `SAMPLE_ROWS` rows are held and read first. A column is a stage when it
 * is not the id or a known attribute (ATTRIBUTE_COLUMNS) and at least half
 * of its non-blank cells in the sample are dates (a mistyped date is then
 * that row's problem). Columns blank in the whole sample (and not known
 * attributes) are stages too when they lie between two date columns or
 * right after the last one: stages no sampled item reached yet. Nothing
 * before the first date column is a stage.
 */
import { AREA_COLUMNS, cellOf, columnOf, CREATED_COLUMNS, headerNames, ID_COLUMNS, TYPE_COLUMNS } from '../columns.ts';
import { dateProblem, parseHistoryDate } from '../dates.ts';
import { lacking, type HistoryLayout, type LayoutContext } from './layout.ts';

/** Rows read before deciding which columns are stages. */
export const SAMPLE_ROWS = 50;

/** Named columns that are never stages, even when they hold dates. */
const ATTRIBUTE_COLUMNS = new Set([
  ...ID_COLUMNS,
  ...TYPE_COLUMNS,
  ...AREA_COLUMNS,
  ...CREATED_COLUMNS,
  'link', 'url', 'name', 'title', 'summary', 'status', 'resolution', 'resolved', 'resolution date', 'updated', 'last viewed', 'due date', 'due',
  'blocked days', 'blocked', 'impediments', 'flagged', 'priority', 'labels', 'epic', 'epic link', 'parent', 'assignee', 'reporter', 'estimate', 'story points', 'sprint',
]);

export function cycleDataLayout(context: LayoutContext): HistoryLayout {
  let names: string[] = [];
  let cells0: readonly string[] = [];
  let id = -1;
  let type = -1;
  let area = -1;
  let created = -1;
  let stages: number[] | null = null;
  const sample: { cells: readonly string[]; line: number }[] = [];

  const decide = () => {
    const dated: boolean[] = names.map((name, c) => {
      if (ATTRIBUTE_COLUMNS.has(name) || c === id) return false;
      let dates = 0;
      let others = 0;
      for (const { cells } of sample) {
        const text = cellOf(cells, c);
        if (!text) continue;
        if (parseHistoryDate(text) === undefined) others++;
        else dates++;
      }
      // A mistyped date in a stage column is that row's problem, not the column's: half the sample's cells being dates is enough.
      return dates > 0 && dates >= others;
    });
    const blank = (c: number) => !ATTRIBUTE_COLUMNS.has(names[c]!) && c !== id && sample.every(({ cells }) => !cellOf(cells, c));
    const first = dated.indexOf(true);
    const last = dated.lastIndexOf(true);
    stages = [];
    for (let c = Math.max(first, 0); first >= 0 && c <= last; c++) if (dated[c] || blank(c)) stages.push(c);
    // Blank columns right after the last one are stages no sampled item reached yet (Done, in a young file).
    for (let c = last + 1; first >= 0 && c < names.length && blank(c); c++) stages.push(c);
  };

  const read = (cells: readonly string[], line: number) => {
    const key = cellOf(cells, id);
    if (!key) return context.bad(line, `missing ${cells0[id]}`);
    const { into } = context;
    const firstLine = into.lineOf(key);
    if (firstLine !== undefined) return context.bad(line, `${cells0[id]} ${key} repeats the row on line ${firstLine}`);
    const entered: { status: string; at: number }[] = [];
    for (const c of stages!) {
      const text = cellOf(cells, c);
      if (!text) continue;
      const at = parseHistoryDate(text);
      const problem = dateProblem(cells0[c]!, text, at);
      if (problem) return context.bad(line, `${key}: ${problem}`);
      entered.push({ status: cells0[c]!, at: at! });
    }
    let createdAt: number | undefined;
    const createdText = cellOf(cells, created);
    if (createdText) {
      createdAt = parseHistoryDate(createdText);
      const problem = dateProblem(cells0[created]!, createdText, createdAt);
      if (problem) return context.bad(line, `${key}: ${problem}`);
    }
    if (entered.length === 0) return context.bad(line, `${key} has no date in any stage column (${stages!.map((c) => cells0[c]).join(', ')})`);
    const item = into.item(key, line, cellOf(cells, type), cellOf(cells, area), createdAt);
    for (const { status, at } of entered) into.change(item, status, at);
  };

  const flush = () => {
    if (stages === null) {
      decide();
      if (stages!.length === 0) {
        const line = sample[0]?.line ?? 1;
        sample.length = 0;
        return context.refuse(line, `no stage columns: no column after ${cells0[id]} holds dates in the first ${SAMPLE_ROWS} rows (expected one date column per workflow stage)`);
      }
    }
    for (const { cells, line } of sample.splice(0)) read(cells, line);
  };

  return {
    header(cells) {
      cells0 = cells;
      names = headerNames(cells);
      id = columnOf(names, ID_COLUMNS);
      type = columnOf(names, TYPE_COLUMNS);
      area = columnOf(names, AREA_COLUMNS);
      created = columnOf(names, CREATED_COLUMNS);
      return id < 0 ? lacking(['ID']) : undefined;
    },
    row(cells, line) {
      if (stages !== null) return read(cells, line);
      sample.push({ cells, line });
      if (sample.length >= SAMPLE_ROWS) flush();
    },
    finish: () => flush(),
    statusOrder: () => (stages ?? []).map((c) => cells0[c]!),
  };
}
