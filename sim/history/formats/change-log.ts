/**
 * Status-change logs: one row per change, rows of an item in any order.
 * `jira` reads Jira's changelog exports (issue key, field, from, to, date:
 * the Data Pipeline's issue_history file and the changelog/transition
 * exports of the marketplace apps); `transitions` the generic
 * `item, status, timestamp` CSV. Rows of another field than the status are
 * ignored (a changelog lists every field's changes).
 */
import { AREA_COLUMNS, cellOf, columnOf, CREATED_COLUMNS, headerNames, TYPE_COLUMNS } from '../columns.ts';
import { dateProblem, parseHistoryDate } from '../dates.ts';
import { lacking, type HistoryLayout, type LayoutContext } from './layout.ts';

interface ChangeLogColumns {
  id: readonly string[];
  status: readonly string[];
  at: readonly string[];
  from?: readonly string[];
  field?: readonly string[];
}

export const JIRA_COLUMNS: ChangeLogColumns = {
  id: ['issue key', 'key', 'issue_key', 'issue', 'issue id', 'issue_id', 'id'],
  status: ['to_string', 'to status', 'tostring', 'to', 'new value', 'status'],
  at: ['date', 'changed', 'change date', 'changed at', 'change created', 'created_date', 'transition date', 'timestamp'],
  from: ['from_string', 'from status', 'fromstring', 'from', 'old value'],
  field: ['field', 'field name', 'field_name'],
};

export const TRANSITION_COLUMNS: ChangeLogColumns = {
  id: ['item', 'item id', 'id', 'key', 'issue', 'issue key'],
  status: ['status', 'state', 'to'],
  at: ['timestamp', 'at', 'date', 'time', 'entered', 'changed', 'changed at'],
};

const STATUS_FIELDS = new Set(['status', 'state']);

export function changeLogLayout(spec: ChangeLogColumns, context: LayoutContext): HistoryLayout {
  let id = -1;
  let status = -1;
  let at = -1;
  let from = -1;
  let field = -1;
  let type = -1;
  let area = -1;
  let created = -1;
  let names: string[] = [];
  return {
    header(cells) {
      names = headerNames(cells);
      id = columnOf(names, spec.id);
      at = columnOf(names, spec.at);
      status = columnOf(names.map((n, i) => (i === at ? '' : n)), spec.status);
      from = spec.from ? columnOf(names, spec.from) : -1;
      field = spec.field ? columnOf(names, spec.field) : -1;
      type = columnOf(names, TYPE_COLUMNS);
      area = columnOf(names, AREA_COLUMNS);
      created = columnOf(names.map((n, i) => (i === at ? '' : n)), CREATED_COLUMNS);
      const missing = [id < 0 && spec.id[0], status < 0 && spec.status[0], at < 0 && spec.at[0]].filter((n): n is string => typeof n === 'string');
      return missing.length ? `${lacking(missing)} (read as: ${spec.id[0]}, ${spec.status[0]}, ${spec.at[0]})` : undefined;
    },
    row(cells, line) {
      if (field >= 0 && !STATUS_FIELDS.has(cellOf(cells, field).toLowerCase())) return context.ignored();
      const key = cellOf(cells, id);
      if (!key) return context.bad(line, `missing ${names[id]}`);
      const to = cellOf(cells, status);
      if (!to) return context.bad(line, `missing ${names[status]} for ${key}`);
      const atText = cellOf(cells, at);
      const when = parseHistoryDate(atText);
      const whenProblem = dateProblem(names[at]!, atText, when);
      if (whenProblem) return context.bad(line, whenProblem);
      let createdAt: number | undefined;
      const createdText = cellOf(cells, created);
      if (createdText) {
        createdAt = parseHistoryDate(createdText);
        const problem = dateProblem(names[created]!, createdText, createdAt);
        if (problem) return context.bad(line, problem);
      }
      const { into } = context;
      const item = into.item(key, line, cellOf(cells, type), cellOf(cells, area), createdAt);
      into.change(item, to, when!);
      if (from >= 0) into.from(item, cellOf(cells, from), when!);
    },
    finish() {},
  };
}
