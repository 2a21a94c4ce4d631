/** What the import says of a history at a glance: its span (first creation to last change) and how many items are still open (last status not mapped to done). */
import type { DeliveryHistory } from './types.ts';

export function historySpan(history: DeliveryHistory): { from: string; to: string; open: number } {
  let from = '';
  let to = '';
  let open = 0;
  for (const item of history.items) {
    if (!from || item.created < from) from = item.created;
    const last = item.changes.at(-1);
    if ((last?.at ?? item.created) > to) to = last?.at ?? item.created;
    if (history.mapping.statuses[last?.status ?? '']?.kind !== 'done') open++;
  }
  return { from, to, open };
}
