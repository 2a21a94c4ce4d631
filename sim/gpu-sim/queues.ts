/**
 * Per-ClusterQueue pending workloads, as Kueue's queue manager holds them:
 * ordered by priority then queue-order time (creation time, or the
 * eviction time after a waitForPodsReady timeout), with an "active" heap
 * and an "inadmissible" set that a quota release in the cohort tree moves
 * back to the heap.
 *
 * Pending workloads of one queue with the same requests, priority and
 * flavor constraints form an equivalence class: given the same cluster
 * state they get the same answer from the flavor assigner and preemptor.
 * The heap holds classes keyed by their first untried member, and a class
 * is active or inadmissible as a whole, so a backlog of identical jobs costs
 * one evaluation per state change instead of one per job.
 *
 * With admission fair sharing (admission-fair-sharing.ts) a class holds one
 * LocalQueue's workloads, and the heap puts the LocalQueue with the lower
 * usage first, as Kueue's queueOrderingFunc does.
 */
import { compareUsage } from './admission-fair-sharing.ts';
import type { QuotaFailure } from './reasons.ts';

export class WorkloadClass {
  /** Members (workload indices) in queue order from `start`. */
  members: number[] = [];
  start = 0;
  /** Members [start, start + cursor) were tried and failed in the current activation. */
  cursor = 0;
  active = false;
  heapPos = -1;
  /** 0: not listed; 1: in the queue's `partly` list (active, partly tried); 2: in its inadmissible groups. */
  dirty = 0;
  /** Memo of the last failure: valid while the tree's version (oracle) or release count (quota-only) is unchanged. */
  memoVersion = -1;
  memoReleases = -1;
  memoOracle = false;
  failure: QuotaFailure | null = null;
  failedAt = Number.NaN;
  /** Tree version at which the cheap progress test last passed (-1: not since activation). */
  checkedVersion = -1;
  /**
   * For the cheap progress test: per pod set, per needed resource group, the
   * flavors that match as (frs, amounts) options; null until first used.
   */
  options: Array<Array<Array<{ frs: number[]; amounts: number[] }>>> | null = null;
  /** The same, flattened, when the class has one pod set needing one resource group (the common case). */
  flatStart: Int32Array | null = null;
  flatFr: Int32Array | null = null;
  flatAmount: Float64Array | null = null;
  /** Single-pod-set classes: total request per resource id (for dominance between classes); null otherwise. */
  totals: Float64Array | null = null;
  /** Sort key of the dirty list: total GPUs, then the sum of all requests. */
  sizeKey = 0;
  /** (priority, constraint) group for dominance pruning. */
  groupKey = '';
  /** The group this class currently represents (its oldest eligible class, activated). */
  repOf: DirtyGroup | null = null
  /** Admission fair sharing: the members' LocalQueue (-1 when the queue does not order by LocalQueue usage). */
  localQueue = -1;

  readonly id: number;
  readonly cq: number;
  readonly priority: number;
  readonly shape: number;
  readonly constraint: number;

  constructor(id: number, cq: number, priority: number, shape: number, constraint: number) {
    this.id = id;
    this.cq = cq;
    this.priority = priority;
    this.shape = shape;
    this.constraint = constraint;
  }

  get size(): number {
    return this.members.length - this.start;
  }

  /** First untried member, or -1. */
  head(): number {
    const i = this.start + this.cursor;
    return i < this.members.length ? this.members[i]! : -1;
  }

  first(): number {
    return this.start < this.members.length ? this.members[this.start]! : -1;
  }

  /** Inserts by (queue time, index); returns the position relative to `start`. */
  insert(w: number, queueTime: Float64Array): number {
    const m = this.members;
    const t = queueTime[w]!;
    let lo = this.start;
    let hi = m.length;
    if (hi > lo) {
      const last = m[hi - 1]!;
      const lt = queueTime[last]!;
      if (lt < t || (lt === t && last < w)) {
        m.push(w);
        return hi - this.start;
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = m[mid]!;
      const xt = queueTime[x]!;
      if (xt < t || (xt === t && x < w)) lo = mid + 1;
      else hi = mid;
    }
    m.splice(lo, 0, w);
    return lo - this.start;
  }

  remove(w: number): boolean {
    const m = this.members;
    const at = this.start + this.cursor;
    let i = at < m.length && m[at] === w ? at : -1;
    if (i < 0) {
      if (m[this.start] === w) i = this.start;
      else i = m.indexOf(w, this.start);
    }
    if (i < 0) return false;
    const rel = i - this.start;
    if (i === this.start) {
      this.start++;
      if (this.cursor > 0) this.cursor--;
    } else {
      m.splice(i, 1);
      if (rel < this.cursor) this.cursor--;
    }
    if (this.start > 64 && this.start * 2 > m.length) {
      this.members = m.slice(this.start);
      this.start = 0;
    }
    if (this.start === this.members.length) {
      this.members = [];
      this.start = 0;
      this.cursor = 0;
    }
    return true;
  }
}

/** Heap order of classes: lower LocalQueue usage (admission fair sharing), higher priority, then the older first untried member. */
function before(a: WorkloadClass, b: WorkloadClass, queueTime: Float64Array, usageOf: ((localQueue: number) => number) | null): boolean {
  if (usageOf && a.localQueue !== b.localQueue) {
    const byUsage = compareUsage(usageOf(a.localQueue), usageOf(b.localQueue));
    if (byUsage !== 0) return byUsage < 0;
  }
  if (a.priority !== b.priority) return a.priority > b.priority;
  const wa = a.head();
  const wb = b.head();
  const ta = queueTime[wa]!;
  const tb = queueTime[wb]!;
  if (ta !== tb) return ta < tb;
  return wa < wb;
}

export class ClassHeap {
  readonly items: WorkloadClass[] = [];

  private readonly queueTime: Float64Array;
  /** Admission fair sharing: a LocalQueue's usage (null: the queue does not order by it). */
  private usageOf: ((localQueue: number) => number) | null = null;

  constructor(queueTime: Float64Array) {
    this.queueTime = queueTime;
  }

  /** Orders by LocalQueue usage from now on (admission fair sharing). */
  orderByUsage(usageOf: (localQueue: number) => number): void {
    this.usageOf = usageOf;
    this.reorder();
  }

  /** Restores the order after LocalQueue usages changed (every key may have moved). */
  reorder(): void {
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  get size(): number {
    return this.items.length;
  }

  top(): WorkloadClass | null {
    return this.items[0] ?? null;
  }

  push(c: WorkloadClass): void {
    c.heapPos = this.items.length;
    this.items.push(c);
    this.up(c.heapPos);
  }

  remove(c: WorkloadClass): void {
    const i = c.heapPos;
    if (i < 0) return;
    const last = this.items.pop()!;
    c.heapPos = -1;
    if (last !== c) {
      this.items[i] = last;
      last.heapPos = i;
      this.update(last);
    }
  }

  /** Restores order after a class's key changed. */
  update(c: WorkloadClass): void {
    if (c.heapPos < 0) return;
    this.up(c.heapPos);
    this.down(c.heapPos);
  }

  private up(i: number): void {
    const items = this.items;
    const c = items[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(c, items[p]!, this.queueTime, this.usageOf)) break;
      items[i] = items[p]!;
      items[i]!.heapPos = i;
      i = p;
    }
    items[i] = c;
    c.heapPos = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const c = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && before(items[r]!, items[l]!, this.queueTime, this.usageOf) ? r : l;
      if (!before(items[m]!, c, this.queueTime, this.usageOf)) break;
      items[i] = items[m]!;
      items[i]!.heapPos = i;
      i = m;
    }
    items[i] = c;
    c.heapPos = i;
  }
}

/** Inadmissible classes of one (priority, constraints) group, ascending by size. */
export interface DirtyGroup {
  key: string;
  classes: WorkloadClass[];
  /** Every class asks at least as much of each resource as the one before it. */
  chain: boolean;
  /** The class activated on the group's behalf, and the tree version it was chosen at. */
  rep: WorkloadClass | null;
  repVersion: number;
  /**
   * Queues without preemption: nothing in the group can progress until, for
   * one of these frs, the tree's cumulative released amount reaches the
   * threshold (null: unknown, test again).
   */
  waitFrs: number[] | null;
  waitUntil: number[] | null;
}

/** Whether class a asks at least as much of every resource as b (b null: trivially). */
export function dominates(a: WorkloadClass, b: WorkloadClass | null): boolean {
  if (!b) return a.totals !== null;
  const x = a.totals;
  const y = b.totals;
  if (!x || !y) return false;
  for (let r = 0; r < x.length; r++) if (x[r]! < y[r]!) return false;
  return true;
}

export class ClusterQueueState {
  readonly heap: ClassHeap;
  readonly classes = new Map<string | number, WorkloadClass>();
  /** Inadmissible classes by (priority, constraints) group: what a quota release must look at. */
  readonly dirtyGroups = new Map<string, DirtyGroup>();
  /** Active classes partly tried in their current activation (a release retries them from the start). */
  partly: WorkloadClass[] = [];
  /** Groups with an activated representative (to re-select when the state changes). */
  readonly hot = new Set<DirtyGroup>();
  /** BestEffortFIFO: the workload that issued preemptions stays at the head until admitted. */
  sticky = -1;
  /** StrictFIFO: the head that failed, and the memo of its failure. */
  parkedHead = -1;
  parkVersion = -1;
  parkReleases = -1;
  parkOracle = false;
  /** The parked head holds a reservation in every cycle of its tree (preemption mode without targets). */
  parkReserves = false;
  parkFailure: QuotaFailure | null = null;
  /** Pending workloads of the queue (including those in backoff). */
  pending = 0;

  constructor(queueTime: Float64Array) {
    this.heap = new ClassHeap(queueTime);
  }

  markPartly(c: WorkloadClass): void {
    if (c.dirty !== 0) return;
    c.dirty = 1;
    this.partly.push(c);
  }

  /** Lists an inadmissible class in its group, in ascending size, and keeps the group's chain flag. */
  markInadmissible(c: WorkloadClass): void {
    if (c.dirty === 2) return;
    c.dirty = 2;
    let g = this.dirtyGroups.get(c.groupKey);
    if (!g) {
      g = { key: c.groupKey, classes: [], chain: true, rep: null, repVersion: -1, waitFrs: null, waitUntil: null };
      this.dirtyGroups.set(c.groupKey, g);
    }
    const list = g.classes;
    g.waitFrs = null;
    g.waitUntil = null;
    let i = list.length;
    while (i > 0 && list[i - 1]!.sizeKey > c.sizeKey) i--;
    list.splice(i, 0, c);
    if (g.chain) g.chain = dominates(c, i > 0 ? list[i - 1]! : null) && (i + 1 >= list.length || dominates(list[i + 1]!, c));
  }
}
