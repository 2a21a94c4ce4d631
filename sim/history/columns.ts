/** Finding a layout's columns in a header: by name, any case, the first of several spellings, the first occurrence (Jira repeats some names). */

/** A header's column names, lower-cased and trimmed, by index. */
export const headerNames = (cells: readonly string[]) => cells.map((c) => c.trim().toLowerCase());

/** The index of the first column named any of `names` (in `names`' order of preference), or -1. */
export function columnOf(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const at = header.indexOf(name);
    if (at >= 0) return at;
  }
  return -1;
}

/** A row's trimmed cell, '' when the row is short or the column absent. */
export const cellOf = (cells: readonly string[], index: number): string => (index < 0 ? '' : (cells[index] ?? '').trim());

/** Spellings of the columns the layouts share. */
export const ID_COLUMNS = ['id', 'key', 'issue key', 'issue_key', 'issue id', 'issue_id', 'item', 'item id', 'identifier', 'number'];
export const TYPE_COLUMNS = ['type', 'issue type', 'issuetype', 'issue_type', 'work item type', 'item type'];
export const AREA_COLUMNS = ['team', 'area', 'product area', 'component/s', 'components', 'component', 'project key', 'project_key', 'project', 'repository'];
export const CREATED_COLUMNS = ['created', 'created at', 'created_at', 'createdat', 'date created', 'issue created', 'requested'];
