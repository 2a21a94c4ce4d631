/**
 * Gathers items as a layout's rows arrive (a whole item per row, or one
 * status change per row, in any order) and builds the `DeliveryHistory` at
 * the end: each item's changes in time order, the workflow's status order.
 * Holds the items only: strings that repeat (statuses, types, areas, dates)
 * are shared, ids are copied out of their chunk.
 */
import { detached } from '../formats/text.ts';
import { isoDate } from './dates.ts';
import type { HistoryItem, StatusChange } from './types.ts';

interface Building {
  id: string;
  type: string;
  area: string;
  /** Seconds; NaN until known (a change log may give it on any row, or never: then its first change). */
  created: number;
  line: number;
  statuses: string[];
  times: number[];
  /** A change arrived earlier in time than one before it: re-sorted, and reported. */
  outOfOrder: boolean;
  /** A change log's "from" status of its earliest change: the status the item was created in. */
  initial: string;
  initialBefore: number;
}

export interface OutOfOrder {
  /** Items whose stages or changes were not in time order in the file (kept, sorted by time). */
  items: number;
  /** Lines of the first ones (up to 10). */
  lines: number[];
}

const FIRST_LINES = 10;

export class HistoryCollector {
  private readonly byId = new Map<string, Building>();
  private readonly words = new Map<string, string>();

  /** One shared copy of a repeating string (a status, a type, an area, a date-only cell). */
  word(text: string): string {
    let shared = this.words.get(text);
    if (shared === undefined) {
      shared = detached(text);
      this.words.set(shared, shared);
    }
    return shared;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The line where an item was first seen, if it was. */
  lineOf(id: string): number | undefined {
    return this.byId.get(id)?.line;
  }

  /** The item with this id, created at `line` if new; `type`, `area` and `created` fill in where still unknown. */
  item(id: string, line: number, type: string, area: string, created: number | undefined): Building {
    let item = this.byId.get(id);
    if (!item) {
      item = { id: detached(id), type: this.word(type), area: this.word(area), created: created ?? NaN, line, statuses: [], times: [], outOfOrder: false, initial: '', initialBefore: Infinity };
      this.byId.set(item.id, item);
      return item;
    }
    if (!item.type && type) item.type = this.word(type);
    if (!item.area && area) item.area = this.word(area);
    if (Number.isNaN(item.created) && created !== undefined) item.created = created;
    return item;
  }

  change(item: Building, status: string, at: number): void {
    const last = item.times.length ? item.times[item.times.length - 1]! : -Infinity;
    if (at < last) item.outOfOrder = true;
    item.statuses.push(this.word(status));
    item.times.push(at);
  }

  /** A change log's change from `status` at `at`: the earliest such says the status the item was created in. */
  from(item: Building, status: string, at: number): void {
    if (status && at < item.initialBefore) {
      item.initial = this.word(status);
      item.initialBefore = at;
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * The items, in the file order of their first rows, each with its changes
   * sorted by time (stable: same-time changes keep their file order), and
   * the statuses in workflow order: `order` when the layout gives it (a
   * cycle-data file's columns), else by their mean position along the
   * items' paths (the index of its first entry in each item), ties by first appearance.
   */
  finish(order?: readonly string[]): { items: HistoryItem[]; statuses: string[]; outOfOrder: OutOfOrder } {
    const items: HistoryItem[] = [];
    const outOfOrder: OutOfOrder = { items: 0, lines: [] };
    const position = new Map<string, { sum: number; count: number; first: number }>();
    let seen = 0;
    const dates = new Map<number, string>();
    const dateOf = (seconds: number) => {
      // Day-resolution exports repeat a few thousand dates over 100,000 items: one string each.
      if (seconds % 86_400 !== 0) return isoDate(seconds);
      let text = dates.get(seconds);
      if (text === undefined) dates.set(seconds, (text = isoDate(seconds)));
      return text;
    };
    for (const item of this.byId.values()) {
      let indexes = item.times.map((_, i) => i);
      if (item.outOfOrder) {
        indexes = indexes.sort((a, b) => item.times[a]! - item.times[b]! || a - b);
        outOfOrder.items++;
        if (outOfOrder.lines.length < FIRST_LINES) outOfOrder.lines.push(item.line);
      }
      const changes: StatusChange[] = indexes.map((i) => ({ at: dateOf(item.times[i]!), status: item.statuses[i]! }));
      const created = Number.isNaN(item.created) ? (item.times[indexes[0]!] ?? 0) : item.created;
      // The status it was created in, when the log says (the earliest change's "from"), entered at creation.
      if (item.initial && item.initialBefore === item.times[indexes[0]!]) changes.unshift({ at: dateOf(Math.min(created, item.initialBefore)), status: item.initial });
      const entered = new Set<string>();
      changes.forEach((change, i) => {
        if (entered.has(change.status)) return;
        entered.add(change.status);
        let p = position.get(change.status);
        if (!p) position.set(change.status, (p = { sum: 0, count: 0, first: seen++ }));
        p.sum += i;
        p.count++;
      });
      items.push({ id: item.id, type: item.type, area: item.area, created: dateOf(created), changes, line: item.line });
    }
    this.byId.clear();
    const found = [...position.entries()].sort(([, a], [, b]) => a.sum / a.count - b.sum / b.count || a.first - b.first).map(([status]) => status);
    const statuses = order ? [...order, ...found.filter((s) => !order.includes(s))] : found;
    return { items, statuses, outOfOrder };
  }
}
