/**
 * Which export a file is, from its header line, and files that are no CSV
 * at all (a spreadsheet, JSON) named before any line is read as a header.
 */
import { columnOf, headerNames, ID_COLUMNS } from './columns.ts';
import { LINEAR } from './formats/timestamps.ts';
import { JIRA_COLUMNS, TRANSITION_COLUMNS } from './formats/change-log.ts';
import { delimiterOf } from './table.ts';
import { splitCsv } from '../formats/text.ts';
import { HISTORY_FORMATS, type HistoryFormat } from './types.ts';

const has = (names: readonly string[], spellings: readonly string[]) => columnOf(names, spellings) >= 0;

/**
 * The format whose columns the header names, tried in this order: a Jira
 * changelog (a field or from column beside to and a date), Linear (an ID
 * and a Started/Completed/Canceled column), GitHub Projects (Title with
 * URL, Repository or Assignees), a status-transition CSV (item, status,
 * timestamp), else cycle-data (an id column and others). Undefined when the
 * first line names no id column at all.
 */
export function detectHistoryFormat(firstChunk: string): HistoryFormat | undefined {
  const names = headerOf(firstChunk);
  if (!names || jiraIssueExport(names)) return undefined;
  const changeDate = has(names, JIRA_COLUMNS.at);
  if (changeDate && has(names, JIRA_COLUMNS.id) && (has(names, JIRA_COLUMNS.field!) || has(names, JIRA_COLUMNS.from!)) && has(names, JIRA_COLUMNS.status)) return 'jira';
  if (has(names, LINEAR.id) && LINEAR.milestones.slice(1).some((m) => has(names, m.columns))) return 'linear';
  if (has(names, ['title']) && has(names, ['url', 'repository', 'assignees'])) return 'github-projects';
  if (has(names, TRANSITION_COLUMNS.id) && has(names, TRANSITION_COLUMNS.status) && has(names, TRANSITION_COLUMNS.at)) return 'transitions';
  if (has(names, ID_COLUMNS) && names.length >= 2) return 'cycle-data';
  return undefined;
}

/** The first non-blank line's column names, lower-cased. */
function headerOf(firstChunk: string): string[] | undefined {
  const text = firstChunk.charCodeAt(0) === 0xfeff ? firstChunk.slice(1) : firstChunk;
  const firstLine = text.split('\n').find((l) => l.trim() !== '')?.replace(/\r$/, '');
  if (firstLine === undefined) return undefined;
  const cells = splitCsv(firstLine, delimiterOf(firstLine));
  return cells ? headerNames(cells) : undefined;
}

/** Jira's issue export ("Export CSV (all fields)"): one row per issue with its current status, no changelog. */
const jiraIssueExport = (names: readonly string[]) =>
  has(names, ['issue key']) && has(names, ['summary']) && has(names, ['status']) && !has(names, JIRA_COLUMNS.field!) && !has(names, JIRA_COLUMNS.from!);

/** Why no format could be detected, in words a user can act on. */
export function undetectedReason(firstChunk: string, name: string): string {
  const names = headerOf(firstChunk);
  if (names && jiraIssueExport(names))
    return `${name} is Jira's issue export, which holds each issue's current status but no status history: export the changelog instead (one row per status change: issue key, field, from, to, date), or a cycle-data CSV (jira-agile-metrics)`;
  return `Podplan cannot tell which export ${name} is from its header: choose the format (${HISTORY_FORMATS.join(', ')})`;
}

/** Why a file's first bytes are a known binary container rather than text, or undefined. */
export function containerReason(start: ArrayLike<number>): string | undefined {
  const at = (i: number) => start[i] ?? -1;
  if (at(0) === 0x50 && at(1) === 0x4b && (at(2) === 3 || at(2) === 5) && (at(3) === 4 || at(3) === 6))
    return 'the file is a ZIP archive (an Excel .xlsx workbook?), not a CSV export: line 1 starts with "PK" (save the sheet as CSV UTF-8)';
  if (at(0) === 0xd0 && at(1) === 0xcf && at(2) === 0x11 && at(3) === 0xe0) return 'the file is an Excel .xls workbook, not a CSV export (save the sheet as CSV UTF-8)';
  if (at(0) === 0x1f && at(1) === 0x8b) return 'the file is gzip-compressed, not a CSV export: decompress it first';
  return undefined;
}
