/**
 * A delivery history written as the CSV files trackers export (the
 * synthetic histories in `data/histories/` are written this way):
 *
 * - the generic status-transition CSV, one row per status change:
 *   `item,type,area,created,status,timestamp`;
 * - the cycle-data CSV of jira-agile-metrics and ActionableAgile, one row
 *   per item: `id,type,area`, then one column per workflow status in order
 *   holding the date the item first entered it (empty if it never did; a
 *   move back is not visible in this format).
 */
import type { DeliveryHistory } from '../history/types.ts';

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const row = (cells: readonly string[]) => cells.map(csvField).join(',') + '\n';

export const TRANSITIONS_HEADER = ['item', 'type', 'area', 'created', 'status', 'timestamp'] as const;

export function writeTransitionsCsv(history: DeliveryHistory): string {
  let out = row(TRANSITIONS_HEADER);
  for (const item of history.items) for (const c of item.changes) out += row([item.id, item.type, item.area, item.created, c.status, c.at]);
  return out;
}

export function writeCycleDataCsv(history: DeliveryHistory): string {
  let out = row(['id', 'type', 'area', ...history.statuses]);
  for (const item of history.items) {
    const first = new Map<string, string>();
    for (const c of item.changes) if (!first.has(c.status)) first.set(c.status, c.at.slice(0, 10));
    out += row([item.id, item.type, item.area, ...history.statuses.map((s) => first.get(s) ?? '')]);
  }
  return out;
}
