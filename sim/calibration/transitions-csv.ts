/**
 * A small reader of the generic status-transition CSV
 * (`item,type,area,created,status,timestamp`, the columns in any order,
 * named in the header) and a status mapping, into a `DeliveryHistory`, so
 * `podplan calibrate` can read the example histories before
 * `podplan history import` lands. Kept apart in this one file: sim/history's
 * parser replaces it. Bad input is refused with its line and column.
 */
import type { DeliveryHistory, HistoryItem, HistoryMapping, StatusMeaning } from '../history/types.ts';
import { EFFORT_STAGES, INITIATIVE_SIZES, type EffortStage } from '../delivery/parameters.ts';
import { TRANSITIONS_HEADER } from './history-csv.ts';

/** Split CSV text into rows of fields (RFC 4180 quoting), with each row's 1-based line. */
function csvRows(text: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let any = false;
  for (let k = text.charCodeAt(0) === 0xfeff ? 1 : 0; k < text.length; k++) {
    const ch = text[k]!;
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      cells.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      if (any || field !== '') rows.push({ line: rowLine, cells: [...cells, field] });
      cells = [];
      field = '';
      any = false;
      line++;
      rowLine = line;
    } else {
      field += ch;
      any = true;
    }
  }
  if (quoted) throw new Error(`line ${rowLine}: a quoted field is not closed`);
  if (any || field !== '') rows.push({ line: rowLine, cells: [...cells, field] });
  return rows;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function readTransitionsCsv(text: string, mapping: HistoryMapping, source = 'transitions.csv'): DeliveryHistory {
  if (text.includes('\u0000')) throw new Error(`${source}: not a CSV file (it holds binary data)`);
  const rows = csvRows(text);
  const header = rows.shift();
  if (!header) throw new Error(`${source}: empty file`);
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const col = Object.fromEntries(TRANSITIONS_HEADER.map((name) => [name, names.indexOf(name)])) as Record<(typeof TRANSITIONS_HEADER)[number], number>;
  const missing = TRANSITIONS_HEADER.filter((name) => col[name] < 0);
  if (missing.length) throw new Error(`${source} line ${header.line}: the header needs the columns ${TRANSITIONS_HEADER.join(', ')} (missing: ${missing.join(', ')})`);
  const items = new Map<string, HistoryItem>();
  const statuses: string[] = [];
  for (const { line, cells } of rows) {
    const cell = (name: (typeof TRANSITIONS_HEADER)[number]) => (cells[col[name]] ?? '').trim();
    const id = cell('item');
    if (!id) throw new Error(`${source} line ${line}, column ${col.item + 1}: an empty item id`);
    for (const name of ['created', 'timestamp'] as const) {
      if (!ISO.test(cell(name))) throw new Error(`${source} line ${line}, column ${col[name] + 1} (${name}): not an ISO 8601 date or time (got "${cell(name)}")`);
    }
    const status = cell('status');
    if (!status) throw new Error(`${source} line ${line}, column ${col.status + 1}: an empty status`);
    if (!statuses.includes(status)) statuses.push(status);
    let item = items.get(id);
    if (!item) items.set(id, (item = { id, type: cell('type'), area: cell('area'), created: cell('created'), changes: [], line }));
    item.changes.push({ at: cell('timestamp'), status });
  }
  for (const item of items.values()) item.changes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { format: 'transitions', source, statuses, items: [...items.values()], mapping, skipped: [] };
}

/** A status mapping from JSON (the shape of `HistoryMapping`), each entry checked. */
export function parseHistoryMapping(text: string, source = 'mapping.json'): HistoryMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${(error as Error).message})`);
  }
  const obj = raw as Partial<Record<keyof HistoryMapping, unknown>>;
  if (typeof raw !== 'object' || raw === null || typeof obj.statuses !== 'object' || obj.statuses === null) throw new Error(`${source}: needs "statuses" (each workflow status → its meaning)`);
  const statuses: Record<string, StatusMeaning> = {};
  for (const [status, m] of Object.entries(obj.statuses as Record<string, unknown>)) {
    const meaning = m as { kind?: unknown; stage?: unknown; team?: unknown };
    const kind = meaning?.kind;
    if (kind === 'stage' && (EFFORT_STAGES as readonly unknown[]).includes(meaning.stage)) statuses[status] = { kind, stage: meaning.stage as EffortStage };
    else if (kind === 'waiting' && typeof meaning.team === 'string' && meaning.team) statuses[status] = { kind, team: meaning.team };
    else if (kind === 'backlog' || kind === 'done' || kind === 'ignore') statuses[status] = { kind };
    else throw new Error(`${source}: status "${status}" must map to {kind: stage, stage: ${EFFORT_STAGES.join('|')}}, {kind: waiting, team}, backlog, done or ignore (got ${JSON.stringify(m)})`);
  }
  const sizes: HistoryMapping['sizes'] = {};
  for (const [type, size] of Object.entries((obj.sizes ?? {}) as Record<string, unknown>)) {
    if (!(INITIATIVE_SIZES as readonly unknown[]).includes(size)) throw new Error(`${source}: type "${type}" must map to ${INITIATIVE_SIZES.join(', ')} (got ${JSON.stringify(size)})`);
    sizes[type] = size as HistoryMapping['sizes'][string];
  }
  const areas: Record<string, string> = {};
  for (const [area, id] of Object.entries((obj.areas ?? {}) as Record<string, unknown>)) {
    if (typeof id !== 'string') throw new Error(`${source}: area "${area}" must map to a product area id (got ${JSON.stringify(id)})`);
    areas[area] = id;
  }
  return { statuses, sizes, areas };
}
