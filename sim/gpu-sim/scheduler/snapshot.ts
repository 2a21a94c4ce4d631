/**
 * The state a scheduling cycle reads, after Kueue's cache snapshot
 * (pkg/cache/scheduler/snapshot.go): quota usage per ClusterQueue and cohort
 * (the quota tree), the workloads admitted in each ClusterQueue (by priority,
 * for the preemptor's bounds), a version per cohort tree that every
 * admission and release bumps (the caches' key), and
 * `simulateWorkloadRemoval`, which returns its undo. The flavor assigner and
 * the preemptor read it through `AssignerState`.
 *
 * Unlike Kueue's, it is not a copy taken at the start of each cycle: the
 * simulator is single-threaded, so the cycle reads the live state and undoes
 * what it only simulates.
 */
import { displayValue } from '../../kueue/resource-value.ts';
import type { AssignerState } from '../flavor-assigner.ts';
import { ReclaimPolicy, WithinPolicy, type CqModel, type SimModel } from '../model.ts';
import { CoverageMemo, type FairStrategy } from '../preemption.ts';
import type { Quota, Usage } from '../quota.ts';
import type { AtSnapshot, CohortSnapshot, QueueSnapshot } from '../types.ts';
import type { Clock, WorkloadStatus } from './status.ts';

/** The workloads admitted in one ClusterQueue, kept by priority too. */
class AdmittedWorkloads {
  /** Workload indices (swap-removed). */
  readonly list: number[] = [];
  /** Admitted workloads' priorities → count, for the cheap "any preemption candidate?" check. */
  private readonly priorities = new Map<number, number>();
  /** Admitted usage by priority, per fr: bounds how much preempting lower-priority workloads could free. */
  readonly usageByPriority = new Map<number, Float64Array>();
  /** Admitted workloads by priority in admission order; -1 marks a removed one (compacted now and then). */
  readonly byPriority = new Map<number, number[]>();
  readonly removedByPriority = new Map<number, number>();
  private minPriorityCache: number | null = null;

  addPriority(p: number): void {
    this.priorities.set(p, (this.priorities.get(p) ?? 0) + 1);
    this.minPriorityCache = null;
  }

  removePriority(p: number): void {
    const n = (this.priorities.get(p) ?? 0) - 1;
    if (n <= 0) this.priorities.delete(p);
    else this.priorities.set(p, n);
    this.minPriorityCache = null;
  }

  /** Lowest priority among admitted workloads (+Infinity when none). */
  minPriority(): number {
    if (this.minPriorityCache === null) {
      let min = Number.POSITIVE_INFINITY;
      for (const p of this.priorities.keys()) if (p < min) min = p;
      this.minPriorityCache = min;
    }
    return this.minPriorityCache;
  }
}

export class Snapshot implements AssignerState {
  readonly model: SimModel;
  readonly quota: Quota;
  readonly fairSharing: boolean;
  readonly strategies: readonly FairStrategy[];
  readonly priority: Int32Array;
  readonly queueTime: Float64Array;
  readonly admitTime: Float64Array;
  readonly cqOf: Int32Array;
  readonly evictionPending: Uint8Array;
  readonly preemptedAt: Float64Array;
  readonly usageOf: Array<Usage | null>;
  /** Per ClusterQueue: the admitted workloads. */
  readonly admitted: number[][];
  readonly maxWorkloadUsage: Float64Array;
  readonly coverageMemo: CoverageMemo | null;
  /** Per tree node (used at roots): bumped on every admission and release in the tree. */
  readonly version: Int32Array;
  /** Per tree node (used at roots): bumped on every release in the tree. */
  readonly releases: Int32Array;
  /** Admission fair sharing: a workload's LocalQueue and its usage for the preemptor's candidate order (set by the simulator when a ClusterQueue uses it). */
  localQueueOf: ((w: number) => { lq: number; usage: number } | null) | null = null;
  private readonly clock: Clock;
  private readonly byCq: AdmittedWorkloads[];
  private readonly admittedPos: Int32Array;
  private readonly admittedPrioPos: Int32Array;
  private readonly releasedByRoot: Array<Float64Array | undefined>;
  private readonly availStamp: Int32Array;
  private readonly availValue: Float64Array;

  constructor(model: SimModel, quota: Quota, status: WorkloadStatus, clock: Clock, fairSharing: boolean, strategies: readonly FairStrategy[]) {
    this.model = model;
    this.quota = quota;
    this.clock = clock;
    this.fairSharing = fairSharing;
    this.strategies = strategies;
    this.priority = status.priority;
    this.queueTime = status.queueTime;
    this.admitTime = status.admitTime;
    this.cqOf = status.cqOf;
    this.evictionPending = status.evictionPending;
    this.preemptedAt = status.preemptedAt;
    this.usageOf = status.usageOf;
    const n = status.state.length;
    const cells = model.cqs.length * model.tree.frCount;
    this.byCq = model.cqs.map(() => new AdmittedWorkloads());
    this.admitted = this.byCq.map((a) => a.list);
    this.admittedPos = new Int32Array(n).fill(-1);
    this.admittedPrioPos = new Int32Array(n).fill(-1);
    this.maxWorkloadUsage = new Float64Array(cells);
    const priorities = [...new Set(status.priority)].sort((a, b) => a - b);
    this.coverageMemo = priorities.length <= 16 ? new CoverageMemo(model.cqs.length, model.tree.frCount, priorities) : null;
    this.availStamp = new Int32Array(cells);
    this.availValue = new Float64Array(cells);
    this.version = new Int32Array(model.tree.nodes.length);
    this.releases = new Int32Array(model.tree.nodes.length);
    this.releasedByRoot = new Array<Float64Array | undefined>(model.tree.nodes.length);
  }

  get now(): number {
    return this.clock.now;
  }

  // ------------------------------------------------------------ admission

  /** Reserves `usage` for workload w in its ClusterQueue. */
  admit(w: number, usage: Usage): void {
    const cqIndex = this.cqOf[w]!;
    const cq = this.model.cqs[cqIndex]!;
    const mine = this.byCq[cqIndex]!;
    this.quota.addUsage(cq.node, usage);
    this.version[cq.root]!++;
    const p = this.priority[w]!;
    mine.addPriority(p);
    this.addPriorityUsage(mine, usage, 1, p);
    let list = mine.byPriority.get(p);
    if (!list) {
      list = [];
      mine.byPriority.set(p, list);
      mine.removedByPriority.set(p, 0);
    }
    this.admittedPrioPos[w] = list.length;
    list.push(w);
    const frCount = this.model.tree.frCount;
    for (let i = 0; i < usage.fr.length; i++) {
      const k = cqIndex * frCount + usage.fr[i]!;
      if (usage.amount[i]! > this.maxWorkloadUsage[k]!) this.maxWorkloadUsage[k] = usage.amount[i]!;
    }
    this.usageOf[w] = usage;
    this.admittedPos[w] = mine.list.length;
    mine.list.push(w);
  }

  /** TAS nodes were freed by another cohort tree (or came online): the tree of `root` may now place what waited for them. */
  nodesFreed(root: number): void {
    this.version[root]!++;
    this.releases[root]!++;
  }

  /** Gives back an admitted workload's quota; returns its cohort tree's root (whose inadmissible workloads may now fit). */
  release(w: number): number {
    const cqIndex = this.cqOf[w]!;
    const cq = this.model.cqs[cqIndex]!;
    const usage = this.usageOf[w]!;
    const mine = this.byCq[cqIndex]!;
    this.quota.removeUsage(cq.node, usage);
    this.version[cq.root]!++;
    this.releases[cq.root]!++;
    const released = this.released(cq.root);
    for (let i = 0; i < usage.fr.length; i++) released[usage.fr[i]!]! += usage.amount[i]!;
    const list = mine.list;
    const pos = this.admittedPos[w]!;
    const last = list.pop()!;
    if (last !== w) {
      list[pos] = last;
      this.admittedPos[last] = pos;
    }
    this.admittedPos[w] = -1;
    const p = this.priority[w]!;
    mine.removePriority(p);
    this.addPriorityUsage(mine, usage, -1, p);
    this.unlistByPriority(mine, w, p);
    this.usageOf[w] = null;
    return cq.root;
  }

  private unlistByPriority(mine: AdmittedWorkloads, w: number, p: number): void {
    const list = mine.byPriority.get(p)!;
    list[this.admittedPrioPos[w]!] = -1;
    const removed = mine.removedByPriority.get(p)! + 1;
    if (removed > 16 && removed * 2 > list.length) {
      let k = 0;
      for (const x of list) {
        if (x < 0) continue;
        this.admittedPrioPos[x] = k;
        list[k++] = x;
      }
      list.length = k;
      mine.removedByPriority.set(p, 0);
    } else mine.removedByPriority.set(p, removed);
  }

  private addPriorityUsage(mine: AdmittedWorkloads, usage: Usage, sign: number, p: number): void {
    let arr = mine.usageByPriority.get(p);
    if (!arr) {
      arr = new Float64Array(this.model.tree.frCount);
      mine.usageByPriority.set(p, arr);
    }
    for (let i = 0; i < usage.fr.length; i++) arr[usage.fr[i]!]! += sign * usage.amount[i]!;
  }

  /**
   * Kueue's SimulateWorkloadRemoval: takes the workloads' usage out of the
   * quota tree and returns the function that puts it back (versions are not
   * bumped: nothing is admitted or released).
   */
  simulateWorkloadRemoval(workloads: readonly number[]): () => void {
    for (const w of workloads) this.quota.removeUsage(this.model.cqs[this.cqOf[w]!]!.node, this.usageOf[w]!);
    return () => {
      for (const w of workloads) this.quota.addUsage(this.model.cqs[this.cqOf[w]!]!.node, this.usageOf[w]!);
    };
  }

  // --------------------------------------------------------------- reads

  admittedCount(cq: number): number {
    return this.byCq[cq]!.list.length;
  }

  usageByPriority(cq: number): ReadonlyMap<number, Float64Array> {
    return this.byCq[cq]!.usageByPriority;
  }

  admittedByPriority(cq: number): ReadonlyMap<number, readonly number[]> {
    return this.byCq[cq]!.byPriority;
  }

  /** Available quota of (queue, fr), cached per version of the queue's cohort tree. */
  available(cq: CqModel, fr: number): number {
    const k = cq.index * this.model.tree.frCount + fr;
    const stamp = this.version[cq.root]! + 1;
    if (this.availStamp[k] !== stamp) {
      this.availStamp[k] = stamp;
      this.availValue[k] = this.quota.available(cq.node, fr);
    }
    return this.availValue[k]!;
  }

  /** Whether every amount fits the available quota of (queue, fr) (cached like `available`). */
  fitsAvailable(cq: CqModel, frs: readonly number[], amounts: readonly number[]): boolean {
    for (let i = 0; i < frs.length; i++) if (amounts[i]! > this.available(cq, frs[i]!)) return false;
    return true;
  }

  /** Per cohort tree: cumulative quota released per fr. */
  released(root: number): Float64Array {
    let r = this.releasedByRoot[root];
    if (!r) {
      r = new Float64Array(this.model.tree.frCount);
      this.releasedByRoot[root] = r;
    }
    return r;
  }

  /** Cheap upper bound: false only when no admitted workload can be a preemption candidate for (cq, priority). */
  candidatesPossible(cq: CqModel, priority: number): boolean {
    if (cq.within !== WithinPolicy.Never) {
      const min = this.byCq[cq.index]!.minPriority();
      if (cq.within === WithinPolicy.LowerPriority ? min < priority : min <= priority) return true;
    }
    if (cq.path.length > 0 && cq.reclaim !== ReclaimPolicy.Never) {
      // Classical preemption: a queue at or above nominal everywhere that may not preempt while borrowing
      // can take cohort candidates only through a hierarchical advantage, which a flat cohort never gives.
      if (!this.fairSharing && !cq.borrowWithin && cq.path.length === 1 && !this.underNominalSomewhere(cq)) return false;
      for (const other of this.model.cqsOfRoot.get(cq.root)!) {
        if (other === cq.index) continue;
        const theirs = this.byCq[other]!;
        if (theirs.list.length === 0) continue;
        if (cq.reclaim === ReclaimPolicy.LowerPriority && theirs.minPriority() >= priority) continue;
        if (this.quota.borrowingAny(this.model.cqs[other]!.node)) return true;
      }
    }
    return false;
  }

  private underNominalSomewhere(cq: CqModel): boolean {
    for (const group of cq.groups) {
      for (let i = 0; i < group.fr.length; i++) {
        const fr = group.fr[i]!;
        if (fr >= 0 && this.quota.usage(cq.node, fr) < this.quota.nominal(cq.node, fr)) return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------- outputs

  /** Every ClusterQueue's and cohort's admitted / pending counts, usage and weighted share now. */
  describe(time: number, pending: (cq: number) => number): AtSnapshot {
    const model = this.model;
    const tree = model.tree;
    const frCount = tree.frCount;
    const usageRecord = (node: number, subtree: boolean): Record<string, number> => {
      const out: Record<string, number> = {};
      for (let fr = 0; fr < frCount; fr++) {
        const { flavor, resource } = tree.flavorResources[fr]!;
        let v = 0;
        if (subtree) {
          for (const cq of this.cqsUnder(node)) v += this.quota.usage(model.cqs[cq]!.node, fr);
        } else v = this.quota.usage(node, fr);
        if (v !== 0 || this.quota.nominal(node, fr) !== 0) out[`${flavor}/${resource}`] = displayValue(resource, v);
      }
      return out;
    };
    const clusterQueues: QueueSnapshot[] = model.cqs.map((cq) => {
      const share = this.quota.weightedShare(cq.node);
      return {
        name: cq.name,
        cohort: cq.path.length ? tree.nodes[cq.path[0]!]!.name : null,
        admitted: this.admittedCount(cq.index),
        pending: pending(cq.index),
        usage: usageRecord(cq.node, false),
        weightedShare: share.rounded,
        weightedSharePrecise: share.infinite ? Number.MAX_VALUE : share.precise,
      };
    });
    const cohorts: CohortSnapshot[] = [];
    for (const node of tree.nodes) {
      if (node.kind !== 'cohort') continue;
      const cqs = this.cqsUnder(node.index);
      const share = this.quota.weightedShare(node.index);
      cohorts.push({
        name: node.name,
        parent: node.parent >= 0 ? tree.nodes[node.parent]!.name : null,
        cohort: node.parent >= 0 ? tree.nodes[node.parent]!.name : null,
        admitted: cqs.reduce((sum, cq) => sum + this.admittedCount(cq), 0),
        pending: cqs.reduce((sum, cq) => sum + pending(cq), 0),
        usage: usageRecord(node.index, true),
        weightedShare: share.rounded,
        weightedSharePrecise: share.infinite ? Number.MAX_VALUE : share.precise,
      });
    }
    return { time, clusterQueues, cohorts };
  }

  private cqsUnder(node: number): number[] {
    const out: number[] = [];
    const walk = (at: number) => {
      for (const cq of this.model.childCqs[at]!) out.push(cq);
      for (const child of this.model.childCohorts[at]!) walk(child);
    };
    walk(node);
    return out;
  }
}
