/**
 * The preemptor: which admitted workloads to evict so a pending one fits.
 *
 * Classical preemption follows Kueue's candidate iterator: candidates from
 * the preemptor's own ClusterQueue (withinClusterQueue policy) and from
 * borrowing ClusterQueues of its cohort tree (reclaimWithinCohort, and
 * borrowWithinCohort with maxPriorityThreshold when the preemptor itself
 * borrows), split into hierarchical-reclaim / priority / same-queue lists,
 * each ordered evicted-first, other-queue-first, lowest priority, most
 * recently admitted; then greedy removal until the preemptor fits (with or
 * without borrowing, in Kueue's attempt order), then pruning back to a
 * minimal set in reverse order.
 *
 * Fair-sharing preemption follows Kueue's TargetClusterQueueOrdering: the
 * target queue with the highest dominant resource share first (recursing
 * into the cohort with the highest share), the strategies
 * LessThanOrEqualToFinalShare then LessThanInitialShare compared on the
 * almost-least-common-ancestors, then the same pruning.
 */
import { compareUsage } from './admission-fair-sharing.ts';
import { ReclaimPolicy, WithinPolicy, type CqModel, type SimModel } from './model.ts';
import type { Quota, Usage } from './quota.ts';

export const PreemptionReason = {
  InClusterQueue: 0,
  InCohortReclamation: 1,
  InCohortFairSharing: 2,
  InCohortReclaimWhileBorrowing: 3,
} as const;
export const PREEMPTION_REASON_NAMES = ['InClusterQueue', 'InCohortReclamation', 'InCohortFairSharing', 'InCohortReclaimWhileBorrowing'] as const;

export type FairStrategy = 'LessThanOrEqualToFinalShare' | 'LessThanInitialShare';

/** What the preemptor reads from the scheduler's state. */
export interface PreemptionState {
  readonly model: SimModel;
  readonly quota: Quota;
  readonly priority: Int32Array;
  readonly queueTime: Float64Array;
  readonly admitTime: Float64Array;
  readonly cqOf: Int32Array;
  readonly evictionPending: Uint8Array;
  /** Time each workload was last preempted: one preempted at the current instant is not a candidate again. */
  readonly preemptedAt: Float64Array;
  readonly now: number;
  readonly usageOf: ReadonlyArray<Usage | null>;
  readonly admitted: ReadonlyArray<readonly number[]>;
  /** Per ClusterQueue and fr: an upper bound of one admitted workload's usage (the largest ever admitted). */
  readonly maxWorkloadUsage: Float64Array;
  /** Per tree node: a counter bumped on every admission and release in its tree (cache key). */
  readonly version: Int32Array;
  /** Caches the candidate capacities of `coverable` per state version (optional). */
  readonly coverageMemo: CoverageMemo | null;
  /** Per ClusterQueue: admitted usage by priority, per fr. */
  usageByPriority(cq: number): ReadonlyMap<number, Float64Array>;
  /** Per ClusterQueue: admitted workloads by priority, in admission order (-1 marks a removed one). */
  admittedByPriority(cq: number): ReadonlyMap<number, readonly number[]>;
  readonly fairSharing: boolean;
  readonly strategies: readonly FairStrategy[];
  /**
   * Admission fair sharing: a workload's LocalQueue and that LocalQueue's usage, null when its
   * ClusterQueue does not order by it (Kueue's LocalQueueFSUsage; absent: no queue does).
   */
  readonly localQueueOf?: ((w: number) => { lq: number; usage: number } | null) | null;
}

export interface PreemptionRequest {
  w: number;
  cq: CqModel;
  priority: number;
  queueTime: number;
  /** Flavor-resources that need preemption. */
  frs: number[];
  /** The preemptor's usage (total requests of its assignment). */
  usage: Usage;
}

export interface Targets {
  workloads: number[];
  reasons: number[];
}

const Variant = { Never: 0, WithinCQ: 1, HierarchicalReclaim: 2, ReclaimWithoutBorrowing: 3, ReclaimWhileBorrowing: 4 } as const;

interface Candidate {
  w: number;
  /** Cohort node up to which the candidate's path is checked, or -1 (same queue). */
  lca: number;
  variant: number;
  /** Position of its list in the candidate order (evicted first, then hierarchy, priority, same queue). */
  rank: number;
}

export function getTargets(s: PreemptionState, req: PreemptionRequest): Targets | null {
  if (!candidatesCanCover(s, req)) return null;
  return s.fairSharing ? fairPreemptions(s, req) : classicalPreemptions(s, req);
}

/**
 * A necessary condition, exact to use as a filter: removing workloads raises
 * the preemptor's available quota on an fr by at most their usage there, so
 * when every possible candidate together cannot cover the shortfall on some
 * fr, no set of targets exists.
 */
function candidatesCanCover(s: PreemptionState, req: PreemptionRequest): boolean {
  const u = req.usage;
  const ownOnly = classicalOwnQueueOnly(s, req.cq, req.priority, req.frs, u.fr, u.amount);
  for (let i = 0; i < u.fr.length; i++) {
    if (!coverable(s, req.cq, req.priority, u.fr[i]!, u.amount[i]!, ownOnly)) return false;
  }
  return true;
}

/**
 * Classical preemption by a queue that may not preempt while borrowing, in a
 * flat cohort: when it is at or above nominal, or cannot get back under it
 * even by evicting its own lower-priority workloads, only its own queue can
 * supply targets (cohort candidates would be ReclaimWithoutBorrowing, valid
 * only in an attempt that cannot succeed).
 */
function classicalOwnQueueOnly(s: PreemptionState, cq: CqModel, priority: number, needFrs: readonly number[], frs: readonly number[], amounts: readonly number[]): boolean {
  if (s.fairSharing || cq.borrowWithin || cq.path.length !== 1) return false;
  for (const fr of needFrs) if (s.quota.usage(cq.node, fr) >= s.quota.nominal(cq.node, fr)) return true;
  for (let i = 0; i < frs.length; i++) {
    const fr = frs[i]!;
    if (s.quota.usage(cq.node, fr) - ownPreemptible(s, cq, priority, fr) + amounts[i]! > s.quota.nominal(cq.node, fr)) return true;
  }
  return false;
}

function ownPreemptible(s: PreemptionState, cq: CqModel, priority: number, fr: number): number {
  if (cq.within === WithinPolicy.Never) return 0;
  const memo = s.coverageMemo;
  if (memo) return memo.get(s, cq, priority, fr, false);
  return computeOwn(s, cq, priority, fr);
}

function computeOwn(s: PreemptionState, cq: CqModel, priority: number, fr: number): number {
  if (cq.within === WithinPolicy.Never) return 0;
  let own = 0;
  for (const [p, usage] of s.usageByPriority(cq.index)) {
    if (p < priority || (cq.within === WithinPolicy.LowerOrNewerEqualPriority && p === priority)) own += usage[fr]!;
  }
  return own;
}

/** Whether possible preemption candidates hold enough of fr to cover the shortfall of `amount`. */
function coverable(s: PreemptionState, cq: CqModel, priority: number, fr: number, amount: number, ownOnly: boolean): boolean {
  const shortfall = amount - s.quota.available(cq.node, fr);
  if (shortfall <= 0) return true;
  const capacity = ownPreemptible(s, cq, priority, fr);
  if (capacity >= shortfall) return true;
  if (ownOnly || cq.path.length === 0 || cq.reclaim === ReclaimPolicy.Never) return false;
  const memo = s.coverageMemo;
  if (memo) return capacity + memo.get(s, cq, priority, fr, true) >= shortfall;
  return capacity + computeOther(s, cq, priority, fr) >= shortfall;
}

/** What other queues of the tree could give up to a classical or fair-sharing preemptor on fr. */
function computeOther(s: PreemptionState, cq: CqModel, priority: number, fr: number): number {
  let capacity = 0;
  const frCount = s.model.tree.frCount;
  // Classical reclaim in a flat cohort only takes from a queue while it is above nominal on fr: at most its
  // excess plus one workload. Elsewhere (fair sharing, hierarchies) any of its candidates may go.
  const excessOnly = !s.fairSharing && cq.path.length === 1;
  for (const other of s.model.cqsOfRoot.get(cq.root) ?? []) {
    if (other === cq.index) continue;
    const node = s.model.cqs[other]!.node;
    const used = s.quota.usage(node, fr);
    const nominal = s.quota.nominal(node, fr);
    if (used <= nominal && !s.quota.borrowingAny(node)) continue;
    let fromQueue = 0;
    for (const [p, usage] of s.usageByPriority(other)) if (cq.reclaim === ReclaimPolicy.Any || p < priority) fromQueue += usage[fr]!;
    if (excessOnly) fromQueue = Math.min(fromQueue, used > nominal ? used - nominal + s.maxWorkloadUsage[other * frCount + fr]! : 0);
    capacity += fromQueue;
  }
  return capacity;
}

/**
 * Memo of candidate capacities per (queue, fr, priority), valid while the
 * queue's tree is unchanged: cohort trees see many capacity checks between
 * two admissions or releases.
 */
export class CoverageMemo {
  private readonly rank = new Map<number, number>();
  private readonly stamp: Int32Array;
  private readonly value: Float64Array;
  private readonly frCount: number;
  private readonly ranks: number;

  /** `priorities`: the distinct priorities of the workloads (cache is skipped for others). */
  constructor(cqCount: number, frCount: number, priorities: readonly number[]) {
    priorities.forEach((p, i) => this.rank.set(p, i));
    this.frCount = frCount;
    this.ranks = Math.max(1, priorities.length);
    this.stamp = new Int32Array(cqCount * frCount * this.ranks * 2);
    this.value = new Float64Array(cqCount * frCount * this.ranks * 2);
  }

  get(s: PreemptionState, cq: CqModel, priority: number, fr: number, other: boolean): number {
    const r = this.rank.get(priority);
    if (r === undefined) return other ? computeOther(s, cq, priority, fr) : computeOwn(s, cq, priority, fr);
    const k = (((cq.index * this.frCount + fr) * this.ranks + r) << 1) | (other ? 1 : 0);
    const stamp = s.version[cq.root]! + 1;
    if (this.stamp[k] !== stamp) {
      this.stamp[k] = stamp;
      this.value[k] = other ? computeOther(s, cq, priority, fr) : computeOwn(s, cq, priority, fr);
    }
    return this.value[k]!;
  }
}

/**
 * A cheap necessary test for "could this request be admitted now, directly
 * or through preemption": every fr either fits the available quota or its
 * shortfall could be covered by preemption candidates.
 */
export function mayAdmit(s: PreemptionState, cq: CqModel, priority: number, frs: readonly number[], amounts: readonly number[]): boolean {
  const short: number[] = [];
  for (let i = 0; i < frs.length; i++) if (amounts[i]! > s.quota.available(cq.node, frs[i]!)) short.push(frs[i]!);
  if (short.length === 0) return true;
  const ownOnly = classicalOwnQueueOnly(s, cq, priority, short, frs, amounts);
  for (let i = 0; i < frs.length; i++) if (!coverable(s, cq, priority, frs[i]!, amounts[i]!, ownOnly)) return false;
  return true;
}

function usesResources(s: PreemptionState, w: number, frs: readonly number[]): boolean {
  const usage = s.usageOf[w];
  if (!usage) return false;
  for (let i = 0; i < usage.fr.length; i++) if (usage.amount[i]! > 0 && frs.includes(usage.fr[i]!)) return true;
  return false;
}

function satisfiesPolicy(s: PreemptionState, req: PreemptionRequest, candidate: number, policy: number, isWithin: boolean): boolean {
  const lower = req.priority > s.priority[candidate]!;
  if (isWithin) {
    if (policy === WithinPolicy.LowerPriority) return lower;
    if (policy === WithinPolicy.LowerOrNewerEqualPriority) {
      return lower || (req.priority === s.priority[candidate]! && req.queueTime < s.queueTime[candidate]!);
    }
    return false;
  }
  if (policy === ReclaimPolicy.LowerPriority) return lower;
  return policy === ReclaimPolicy.Any;
}

/**
 * CandidatesOrdering: evicted first, other queues first, (admission fair sharing) within one
 * ClusterQueue the LocalQueue with the higher usage first, lowest priority, most recently admitted,
 * then index.
 */
function candidateOrder(s: PreemptionState, cq: number): (a: number, b: number) => number {
  const lqOf = s.localQueueOf ?? null;
  return (a, b) => {
    const ea = s.evictionPending[a]!;
    const eb = s.evictionPending[b]!;
    if (ea !== eb) return eb - ea;
    const sa = s.cqOf[a] === cq ? 1 : 0;
    const sb = s.cqOf[b] === cq ? 1 : 0;
    if (sa !== sb) return sa - sb;
    if (lqOf && s.cqOf[a] === s.cqOf[b]) {
      const byUsage = usageFirst(lqOf(a), lqOf(b));
      if (byUsage !== 0) return byUsage;
    }
    const pa = s.priority[a]!;
    const pb = s.priority[b]!;
    if (pa !== pb) return pa - pb;
    const ta = s.admitTime[a]!;
    const tb = s.admitTime[b]!;
    if (ta !== tb) return tb - ta;
    return a - b;
  };
}

/** Kueue compares LocalQueue usage (higher first) only between two LocalQueues of one ClusterQueue that orders by it. */
function usageFirst(a: { lq: number; usage: number } | null, b: { lq: number; usage: number } | null): number {
  if (!a || !b || a.lq === b.lq) return 0;
  return compareUsage(b.usage, a.usage);
}

function removeWorkload(s: PreemptionState, w: number): void {
  s.quota.removeUsage(s.model.cqs[s.cqOf[w]!]!.node, s.usageOf[w]!);
}

function addWorkload(s: PreemptionState, w: number): void {
  s.quota.addUsage(s.model.cqs[s.cqOf[w]!]!.node, s.usageOf[w]!);
}

function workloadFits(s: PreemptionState, req: PreemptionRequest, allowBorrowing: boolean): boolean {
  const node = req.cq.node;
  const u = req.usage;
  for (let i = 0; i < u.fr.length; i++) {
    const fr = u.fr[i]!;
    const v = u.amount[i]!;
    if (!allowBorrowing && s.quota.cqBorrowingWith(node, fr, v)) return false;
    if (v > s.quota.available(node, fr)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- classical

function classify(s: PreemptionState, req: PreemptionRequest, w: number, hierarchicalAdvantage: boolean): number {
  const same = s.cqOf[w] === req.cq.index;
  const policy = same ? req.cq.within : req.cq.reclaim;
  if (!satisfiesPolicy(s, req, w, policy, same) || s.preemptedAt[w] === s.now || !usesResources(s, w, req.frs)) return Variant.Never;
  if (same) return Variant.WithinCQ;
  if (hierarchicalAdvantage) return Variant.HierarchicalReclaim;
  if (!req.cq.borrowWithin) return Variant.ReclaimWithoutBorrowing;
  const candidatePriority = s.priority[w]!;
  const threshold = req.cq.maxPriorityThreshold;
  if (candidatePriority >= req.priority || (threshold !== null && candidatePriority > threshold)) return Variant.ReclaimWithoutBorrowing;
  return Variant.ReclaimWhileBorrowing;
}

function candidateIsValid(s: PreemptionState, req: PreemptionRequest, c: Candidate, borrow: boolean): boolean {
  const cqIndex = s.cqOf[c.w]!;
  if (cqIndex === req.cq.index) return true;
  if (borrow && c.variant === Variant.ReclaimWithoutBorrowing) return false;
  const cq = s.model.cqs[cqIndex]!;
  if (s.quota.withinNominal(cq.node, req.frs)) return false;
  for (const node of cq.path) {
    if (node === c.lca) break;
    if (s.quota.withinNominal(node, req.frs)) return false;
  }
  return true;
}

function reasonOf(variant: number): number {
  switch (variant) {
    case Variant.WithinCQ:
      return PreemptionReason.InClusterQueue;
    case Variant.ReclaimWhileBorrowing:
      return PreemptionReason.InCohortReclaimWhileBorrowing;
    default:
      return PreemptionReason.InCohortReclamation;
  }
}

/**
 * One queue's admitted workloads of one priority, read from the most recently
 * admitted backwards: a stream of preemption candidates in Kueue's order.
 */
interface Stream {
  list: readonly number[];
  cursor: number;
  priority: number;
  /** Admission fair sharing: the stream's ClusterQueue, and its one LocalQueue with that LocalQueue's usage (null: not ordered by it). */
  cq: number;
  localQueue: { lq: number; usage: number } | null;
  /** 0 hierarchical reclaim, 1 priority (cohort), 2 same queue: the order of Kueue's candidate lists. */
  rank: number;
  lca: number;
  advantage: boolean;
}

/**
 * Classical candidates, merged lazily from per-(queue, priority) streams in
 * Kueue's order — hierarchical-reclaim, then cohort, then same-queue
 * candidates, each by lowest priority, then most recently admitted — so a
 * search that needs two victims does not sort hundreds.
 */
class CandidateMerge {
  private readonly heap: Stream[] = [];
  private readonly out: Candidate[] = [];
  private readonly s: PreemptionState;
  private readonly req: PreemptionRequest;

  constructor(s: PreemptionState, req: PreemptionRequest, streams: Stream[]) {
    this.s = s;
    this.req = req;
    for (const st of streams) if (this.settle(st)) this.push(st);
  }

  /** Whether some stream of this rank has a candidate left (before any is read). */
  hasRank(rank: number): boolean {
    return this.heap.some((st) => st.rank === rank);
  }

  at(i: number): Candidate | undefined {
    while (this.out.length <= i && this.heap.length > 0) {
      const st = this.heap[0]!;
      const w = st.list[st.cursor]!;
      this.out.push({ w, lca: st.lca, variant: classify(this.s, this.req, w, st.advantage), rank: st.rank });
      st.cursor--;
      if (this.settle(st)) this.down(0);
      else {
        const last = this.heap.pop()!;
        if (this.heap.length > 0) {
          this.heap[0] = last;
          this.down(0);
        }
      }
    }
    return this.out[i];
  }

  /** Moves a stream's cursor to its next valid candidate; false when exhausted. */
  private settle(st: Stream): boolean {
    while (st.cursor >= 0) {
      const w = st.list[st.cursor]!;
      if (w >= 0 && classify(this.s, this.req, w, st.advantage) !== Variant.Never) return true;
      st.cursor--;
    }
    return false;
  }

  private less(a: Stream, b: Stream): boolean {
    if (a.rank !== b.rank) return a.rank < b.rank;
    if (a.cq === b.cq) {
      const byUsage = usageFirst(a.localQueue, b.localQueue);
      if (byUsage !== 0) return byUsage < 0;
    }
    if (a.priority !== b.priority) return a.priority < b.priority;
    const wa = a.list[a.cursor]!;
    const wb = b.list[b.cursor]!;
    const ta = this.s.admitTime[wa]!;
    const tb = this.s.admitTime[wb]!;
    if (ta !== tb) return ta > tb;
    return wa < wb;
  }

  private push(st: Stream): void {
    const h = this.heap;
    let i = h.length;
    h.push(st);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(st, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = st;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const x = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.less(h[r]!, h[l]!) ? r : l;
      if (!this.less(h[m]!, x)) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = x;
  }
}

function streamsOf(s: PreemptionState, req: PreemptionRequest, cq: number, rank: number, lca: number, advantage: boolean, out: Stream[]): void {
  const same = cq === req.cq.index;
  const policy = same ? req.cq.within : req.cq.reclaim;
  const orEqual = same && policy === WithinPolicy.LowerOrNewerEqualPriority;
  const any = !same && policy === ReclaimPolicy.Any;
  const lqOf = s.localQueueOf ?? null;
  for (const [p, list] of s.admittedByPriority(cq)) {
    if (list.length === 0 || !(any || p < req.priority || (orEqual && p === req.priority))) continue;
    const first = lqOf ? list.find((w) => w >= 0) : undefined;
    if (!lqOf || first === undefined || lqOf(first) === null) {
      out.push({ list, cursor: list.length - 1, priority: p, rank, lca, advantage, cq, localQueue: null });
      continue;
    }
    // Admission fair sharing: one stream per LocalQueue, so the one with the higher usage gives its candidates first.
    const byLq = new Map<number, { lq: number; usage: number; list: number[] }>();
    for (const w of list) {
      if (w < 0) continue;
      const at = lqOf(w)!;
      let entry = byLq.get(at.lq);
      if (!entry) byLq.set(at.lq, (entry = { ...at, list: [] }));
      entry.list.push(w);
    }
    for (const { lq, usage, list: own } of byLq.values()) out.push({ list: own, cursor: own.length - 1, priority: p, rank, lca, advantage, cq, localQueue: { lq, usage } });
  }
}

function streamsInSubtree(s: PreemptionState, req: PreemptionRequest, current: number, subtreeRoot: number, skip: number, advantage: boolean, out: Stream[]): void {
  const model = s.model;
  for (const child of model.childCohorts[current]!) {
    if (child === skip || s.quota.withinNominal(child, req.frs)) continue;
    streamsInSubtree(s, req, child, subtreeRoot, skip, advantage, out);
  }
  for (const cq of model.childCqs[current]!) {
    if (cq === req.cq.index) continue;
    if (!s.quota.withinNominal(model.cqs[cq]!.node, req.frs)) streamsOf(s, req, cq, advantage ? 0 : 1, subtreeRoot, advantage, out);
  }
}

function classicalPreemptions(s: PreemptionState, req: PreemptionRequest): Targets | null {
  const cq = req.cq;
  const streams: Stream[] = [];
  if (cq.within !== WithinPolicy.Never) streamsOf(s, req, cq.index, 2, -1, false, streams);
  const borrowForbidden = !cq.borrowWithin;
  // When the queue is at or above nominal and may not preempt while borrowing, Kueue's only attempt
  // allows borrowing, where cohort candidates without a hierarchical advantage are invalid.
  const onlyHierarchy = borrowForbidden && !queueUnderNominal(s, req);
  // They are useful otherwise only in the attempt without borrowing, which cannot succeed when even
  // evicting every own lower-priority workload leaves the preemptor above nominal: skip them then too.
  const skipWithoutAdvantage = onlyHierarchy || (borrowForbidden && !fitsNominalAfterOwnRemovals(s, req));
  if (cq.path.length > 0 && cq.reclaim !== ReclaimPolicy.Never) {
    const remaining = new Array<number>(req.usage.fr.length).fill(0);
    let advantage = s.quota.fitInQuota(cq.node, req.usage.fr, req.usage.amount, remaining);
    let previous = -1;
    for (const ancestor of cq.path) {
      if (advantage || !skipWithoutAdvantage) streamsInSubtree(s, req, ancestor, ancestor, previous, advantage, streams);
      const next = remaining.slice();
      const fits = s.quota.fitInQuota(ancestor, req.usage.fr, remaining, next);
      for (let i = 0; i < next.length; i++) remaining[i] = next[i]!;
      advantage = advantage || fits;
      previous = ancestor;
    }
  }
  if (streams.length === 0) return null;
  // Candidates are read during nomination, before any eviction of the cycle: none is already evicted, so
  // Kueue's "evicted first" lists are empty.
  const all = new CandidateMerge(s, req, streams);
  const hasHierarchy = all.hasRank(0);
  const noOtherQueues = !hasHierarchy && !all.hasRank(1);
  if (noOtherQueues && !all.hasRank(2)) return null;
  let attempts: boolean[];
  if (noOtherQueues || onlyHierarchy) attempts = [true];
  else if (borrowForbidden && !hasHierarchy) attempts = [false, true];
  else attempts = [true, false];

  for (const borrowing of attempts) {
    const targets: Candidate[] = [];
    for (let i = 0; ; i++) {
      const c = all.at(i);
      if (!c) break;
      if (!candidateIsValid(s, req, c, borrowing)) continue;
      removeWorkload(s, c.w);
      targets.push(c);
      if (workloadFits(s, req, borrowing)) {
        const kept = fillBack(s, req, targets, borrowing);
        for (const t of kept) addWorkload(s, t.w);
        return { workloads: kept.map((t) => t.w), reasons: kept.map((t) => reasonOf(t.variant)) };
      }
    }
    for (const t of targets) addWorkload(s, t.w);
  }
  return null;
}

/** Whether the preemptor could fit within its nominal quota if every own preemptible workload were gone. */
function fitsNominalAfterOwnRemovals(s: PreemptionState, req: PreemptionRequest): boolean {
  const u = req.usage;
  for (let i = 0; i < u.fr.length; i++) {
    const fr = u.fr[i]!;
    if (s.quota.usage(req.cq.node, fr) - ownPreemptible(s, req.cq, req.priority, fr) + u.amount[i]! > s.quota.nominal(req.cq.node, fr)) return false;
  }
  return true;
}

function queueUnderNominal(s: PreemptionState, req: PreemptionRequest): boolean {
  for (const fr of req.frs) if (s.quota.usage(req.cq.node, fr) >= s.quota.nominal(req.cq.node, fr)) return false;
  return true;
}

/** Minimal set: walk the targets in reverse (skipping the last) and put back every one the preemptor does not need. */
function fillBack<T extends { w: number }>(s: PreemptionState, req: PreemptionRequest, targets: T[], allowBorrowing: boolean): T[] {
  for (let i = targets.length - 2; i >= 0; i--) {
    addWorkload(s, targets[i]!.w);
    if (workloadFits(s, req, allowBorrowing)) {
      targets[i] = targets[targets.length - 1]!;
      targets.pop();
    } else {
      removeWorkload(s, targets[i]!.w);
    }
  }
  return targets;
}

// ------------------------------------------------------------- fair sharing

interface FairTarget {
  w: number;
  reason: number;
}

function cqIsBorrowing(s: PreemptionState, cq: CqModel, frs: readonly number[]): boolean {
  if (cq.path.length === 0) return false;
  for (const fr of frs) if (s.quota.cqBorrowingWith(cq.node, fr, 0)) return true;
  return false;
}

function findFairCandidates(s: PreemptionState, req: PreemptionRequest): number[] {
  const cq = req.cq;
  const out: number[] = [];
  if (cq.within !== WithinPolicy.Never) {
    for (const w of s.admitted[cq.index]!) if (s.preemptedAt[w] !== s.now && satisfiesPolicy(s, req, w, cq.within, true) && usesResources(s, w, req.frs)) out.push(w);
  }
  if (cq.path.length > 0 && cq.reclaim !== ReclaimPolicy.Never) {
    for (const other of s.model.cqsOfRoot.get(cq.root) ?? []) {
      if (other === cq.index) continue;
      const otherCq = s.model.cqs[other]!;
      if (!cqIsBorrowing(s, otherCq, req.frs)) continue;
      for (const w of s.admitted[other]!) if (s.preemptedAt[w] !== s.now && satisfiesPolicy(s, req, w, cq.reclaim, false) && usesResources(s, w, req.frs)) out.push(w);
    }
  }
  return out;
}

/** Kueue's TargetClusterQueueOrdering over candidates grouped by queue. */
class TargetOrdering {
  private readonly byCq = new Map<number, { list: number[]; head: number }>();
  private readonly prunedCqs = new Set<number>();
  private readonly prunedCohorts = new Set<number>();
  readonly ancestors: Set<number>;

  private readonly s: PreemptionState;
  private readonly req: PreemptionRequest;

  constructor(s: PreemptionState, req: PreemptionRequest, candidates: readonly number[]) {
    this.s = s;
    this.req = req;
    this.ancestors = new Set(req.cq.path);
    for (const w of candidates) {
      const cq = s.cqOf[w]!;
      let entry = this.byCq.get(cq);
      if (!entry) {
        entry = { list: [], head: 0 };
        this.byCq.set(cq, entry);
      }
      entry.list.push(w);
    }
  }

  hasWorkload(cq: number): boolean {
    const e = this.byCq.get(cq);
    return !!e && e.head < e.list.length;
  }

  peek(cq: number): number {
    const e = this.byCq.get(cq)!;
    return e.list[e.head]!;
  }

  pop(cq: number): number {
    const e = this.byCq.get(cq)!;
    return e.list[e.head++]!;
  }

  drop(cq: number): void {
    this.prunedCqs.add(cq);
  }

  /** The next target ClusterQueue, or -1 when none is left. */
  next(): number {
    const cq = this.req.cq;
    if (cq.path.length === 0) return !this.prunedCqs.has(cq.index) && this.hasWorkload(cq.index) ? cq.index : -1;
    const root = cq.root;
    while (!this.prunedCohorts.has(root)) {
      const target = this.nextTarget(root);
      if (target >= 0) return target;
    }
    return -1;
  }

  private nextTarget(cohort: number): number {
    const s = this.s;
    const model = s.model;
    const order = candidateOrder(s, this.req.cq.index);
    let highestCq = -1;
    let highestCqDrs = -1;
    for (const cq of model.childCqs[cohort]!) {
      if (this.prunedCqs.has(cq)) continue;
      const drs = s.quota.drsKey(model.cqs[cq]!.node);
      if ((drs === 0 && cq !== this.req.cq.index) || !this.hasWorkload(cq)) {
        this.prunedCqs.add(cq);
      } else if (drs === highestCqDrs && highestCq >= 0) {
        if (order(this.peek(cq), this.peek(highestCq)) < 0) highestCq = cq;
      } else if (drs > highestCqDrs) {
        highestCqDrs = drs;
        highestCq = cq;
      }
    }
    let highestCohort = -1;
    let highestCohortDrs = -1;
    for (const child of model.childCohorts[cohort]!) {
      if (this.prunedCohorts.has(child)) continue;
      const drs = s.quota.drsKey(child);
      if (drs === 0 && !this.ancestors.has(child)) this.prunedCohorts.add(child);
      else if (drs >= highestCohortDrs) {
        highestCohortDrs = drs;
        highestCohort = child;
      }
    }
    if (highestCohort < 0 && highestCq < 0) {
      this.prunedCohorts.add(cohort);
      return -1;
    }
    if (highestCohortDrs >= highestCqDrs) return this.nextTarget(highestCohort);
    return highestCq;
  }

  /** AlmostLCA nodes of the preemptor's and the target's queues. */
  almostLcas(targetCq: number): [number, number] {
    const model = this.s.model;
    const target = model.cqs[targetCq]!;
    let lca = -1;
    for (const node of target.path) {
      if (this.ancestors.has(node)) {
        lca = node;
        break;
      }
    }
    const almost = (cq: CqModel) => {
      let a = cq.node;
      for (const node of cq.path) {
        if (node === lca) return a;
        a = node;
      }
      return a;
    };
    return [almost(this.req.cq), almost(target)];
  }
}

function fitsForFairSharing(s: PreemptionState, req: PreemptionRequest): boolean {
  s.quota.removeUsage(req.cq.node, req.usage);
  const fits = workloadFits(s, req, true);
  s.quota.addUsage(req.cq.node, req.usage);
  return fits;
}

function strategyAllows(strategy: FairStrategy, preemptorNew: number, targetOld: number, targetNew: number): boolean {
  return strategy === 'LessThanOrEqualToFinalShare' ? preemptorNew <= targetNew : preemptorNew < targetOld;
}

function fairPreemptions(s: PreemptionState, req: PreemptionRequest): Targets | null {
  const candidates = findFairCandidates(s, req);
  if (candidates.length === 0) return null;
  candidates.sort(candidateOrder(s, req.cq.index));
  const strategies = s.strategies.length ? s.strategies : (['LessThanOrEqualToFinalShare', 'LessThanInitialShare'] as const);

  s.quota.addUsage(req.cq.node, req.usage);
  const targets: FairTarget[] = [];
  const retry: number[] = [];
  let fits = runFirstStrategy(s, req, candidates, strategies[0]!, targets, retry);
  if (!fits && strategies.length > 1) fits = runSecondStrategy(s, req, retry, targets);
  s.quota.removeUsage(req.cq.node, req.usage);

  if (!fits) {
    for (const t of targets) addWorkload(s, t.w);
    return null;
  }
  const kept = fillBack(s, req, targets, true);
  for (const t of kept) addWorkload(s, t.w);
  return { workloads: kept.map((t) => t.w), reasons: kept.map((t) => t.reason) };
}

function runFirstStrategy(s: PreemptionState, req: PreemptionRequest, candidates: number[], strategy: FairStrategy, targets: FairTarget[], retry: number[]): boolean {
  const ordering = new TargetOrdering(s, req, candidates);
  for (;;) {
    const candCq = ordering.next();
    if (candCq < 0) return false;
    if (candCq === req.cq.index) {
      const w = ordering.pop(candCq);
      removeWorkload(s, w);
      targets.push({ w, reason: PreemptionReason.InClusterQueue });
      if (fitsForFairSharing(s, req)) return true;
      continue;
    }
    const [preemptorLca, targetLca] = ordering.almostLcas(candCq);
    const preemptorNew = s.quota.drsKey(preemptorLca);
    const targetOld = s.quota.drsKey(targetLca);
    while (ordering.hasWorkload(candCq)) {
      const w = ordering.pop(candCq);
      removeWorkload(s, w);
      const targetNew = s.quota.drsKey(targetLca);
      if (strategyAllows(strategy, preemptorNew, targetOld, targetNew)) {
        targets.push({ w, reason: PreemptionReason.InCohortFairSharing });
        if (fitsForFairSharing(s, req)) return true;
        break;
      }
      addWorkload(s, w);
      retry.push(w);
    }
  }
}

function runSecondStrategy(s: PreemptionState, req: PreemptionRequest, retry: number[], targets: FairTarget[]): boolean {
  const ordering = new TargetOrdering(s, req, retry);
  for (;;) {
    const candCq = ordering.next();
    if (candCq < 0) return false;
    const [preemptorLca, targetLca] = ordering.almostLcas(candCq);
    if (s.quota.drsKey(preemptorLca) < s.quota.drsKey(targetLca)) {
      const w = ordering.pop(candCq);
      removeWorkload(s, w);
      targets.push({ w, reason: PreemptionReason.InCohortFairSharing });
      if (fitsForFairSharing(s, req)) return true;
    }
    ordering.drop(candCq);
  }
}
