/**
 * Exports with one row per item and a date column per milestone, whose
 * statuses are those milestones:
 *
 * - `linear`: Linear's issue CSV (ID, Title, Status, Team, Labels, Created,
 *   Triaged, Started, Completed, Canceled, …). The changes are Created,
 *   Triaged, Started, Completed and Canceled at their dates; the current
 *   Status has no date and is not a change. Linear has no issue type: the
 *   first label stands for it (the size mapping reads it).
 * - `github-projects`: a GitHub Projects view export (Title, URL, Status,
 *   Assignees, Repository, Labels, …, as CSV or TSV) with a created date and,
 *   when closed, a closed date (add them to the view as date fields, or
 *   export with `gh project item-list`). Only two changes are known:
 *   Created and Closed; an open item's current Status has no date, so it is
 *   censored (still open) at its creation.
 */
import { AREA_COLUMNS, cellOf, columnOf, CREATED_COLUMNS, headerNames, TYPE_COLUMNS } from '../columns.ts';
import { dateProblem, parseHistoryDate } from '../dates.ts';
import { lacking, type HistoryLayout, type LayoutContext } from './layout.ts';

interface Milestone {
  /** The status the item entered at this column's date. */
  status: string;
  columns: readonly string[];
}

interface TimestampSpec {
  id: readonly string[];
  idName: string;
  /** Where the type comes from: a type column, else the first of the labels. */
  type: readonly string[];
  area: readonly string[];
  milestones: readonly Milestone[];
}

export const LINEAR: TimestampSpec = {
  id: ['id', 'identifier', 'issue id'],
  idName: 'ID',
  type: [...TYPE_COLUMNS, 'labels'],
  area: ['team', ...AREA_COLUMNS],
  milestones: [
    { status: 'Created', columns: CREATED_COLUMNS },
    { status: 'Triaged', columns: ['triaged', 'triaged at'] },
    { status: 'Started', columns: ['started', 'started at', 'startedat'] },
    { status: 'Completed', columns: ['completed', 'completed at', 'completedat'] },
    { status: 'Canceled', columns: ['canceled', 'cancelled', 'canceled at', 'canceledat'] },
  ],
};

export const GITHUB_PROJECTS: TimestampSpec = {
  id: ['url', 'number', 'issue', 'title'],
  idName: 'URL (or Title)',
  type: [...TYPE_COLUMNS, 'labels'],
  area: ['repository', ...AREA_COLUMNS],
  milestones: [
    { status: 'Created', columns: CREATED_COLUMNS },
    { status: 'Closed', columns: ['closed', 'closed at', 'closed_at', 'closedat', 'date closed', 'completed', 'done', 'merged at'] },
  ],
};

/** An item's id from a GitHub URL: "owner/repo#123" (shorter, and what GitHub writes); other text as it is. */
const githubId = (text: string) => {
  const m = /github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(text);
  return m ? `${m[1]}#${m[2]}` : text;
};

export function timestampLayout(spec: TimestampSpec, context: LayoutContext): HistoryLayout {
  let cells0: readonly string[] = [];
  let id = -1;
  let type = -1;
  let area = -1;
  let columns: { status: string; index: number }[] = [];
  return {
    header(cells) {
      cells0 = cells;
      const names = headerNames(cells);
      id = columnOf(names, spec.id);
      type = columnOf(names, spec.type);
      area = columnOf(names, spec.area);
      columns = spec.milestones.map((m) => ({ status: m.status, index: columnOf(names, m.columns) })).filter((m) => m.index >= 0);
      const missing = [id < 0 && spec.idName, columns[0]?.status !== 'Created' && 'Created'].filter((n): n is string => typeof n === 'string');
      return missing.length ? lacking(missing) : undefined;
    },
    row(cells, line) {
      const raw = cellOf(cells, id);
      if (!raw) return context.bad(line, `missing ${cells0[id]}`);
      const key = spec === GITHUB_PROJECTS ? githubId(raw) : raw;
      const { into } = context;
      const firstLine = into.lineOf(key);
      if (firstLine !== undefined) return context.bad(line, `${cells0[id]} ${key} repeats the row on line ${firstLine}`);
      const entered: { status: string; at: number }[] = [];
      for (const { status, index } of columns) {
        const text = cellOf(cells, index);
        if (!text) {
          if (status === 'Created') return context.bad(line, `${key}: missing ${cells0[index]}`);
          continue;
        }
        const at = parseHistoryDate(text);
        const problem = dateProblem(cells0[index]!, text, at);
        if (problem) return context.bad(line, `${key}: ${problem}`);
        entered.push({ status, at: at! });
      }
      const typeText = cellOf(cells, type);
      const item = into.item(key, line, type >= 0 && cells0[type]!.toLowerCase() === 'labels' ? typeText.split(',')[0]!.trim() : typeText, cellOf(cells, area), entered[0]!.at);
      for (const { status, at } of entered) into.change(item, status, at);
    },
    finish() {},
  };
}
