/**
 * The queue manager, after Kueue's pkg/cache/queue: per ClusterQueue the
 * pending workloads (as classes of identical ones, see queues.ts), the head
 * each cycle takes, the inadmissible lists, and the requeue of inadmissible
 * workloads when quota is released in their cohort tree. StrictFIFO queues
 * park a head that does not fit; BestEffortFIFO queues set its class aside
 * and try the next.
 */
import type { CycleEntry } from '../fair-sharing.ts';
import { Mode, type Assignment, type ConstraintModel, type FlavorAssigner, type ShapeModel } from '../flavor-assigner.ts';
import { ReclaimPolicy, Strategy, WithinPolicy, type CqModel, type SimModel } from '../model.ts';
import type { Targets } from '../preemption.ts';
import { ClusterQueueState, dominates, WorkloadClass, type DirtyGroup } from '../queues.ts';
import { Reason, type QuotaFailure } from '../reasons.ts';
import type { WorkloadTable } from '../workloads.ts';
import type { Admissibility } from './admissibility.ts';
import type { ReasonLog } from './reason-log.ts';
import type { Snapshot } from './snapshot.ts';
import { WorkloadState, type Clock, type WorkloadStatus } from './status.ts';

/** Priorities within ±this get numeric class keys (exact: shape × 2·span + priority + span stays below 2^53). */
const PRIORITY_SPAN = 2 ** 20;

/** A ClusterQueue's head taken for a cycle, and what the cycle nominates for it. */
export interface SchedulingEntry extends CycleEntry {
  /** Preemption targets when the assignment needs preemption (null: none found). */
  targets: Targets | null;
  /** The cohort tree's version and release count when the head was taken (the failure memo's key). */
  version: number;
  releases: number;
  cls: WorkloadClass;
}

/** What the queue manager reads besides its own state. */
export interface QueueManagerDeps {
  model: SimModel;
  table: WorkloadTable;
  status: WorkloadStatus;
  clock: Clock;
  snapshot: Snapshot;
  admissibility: Admissibility;
  assigner: FlavorAssigner;
  reasons: ReasonLog;
  shapes: readonly ShapeModel[];
  constraints: ReadonlyArray<ConstraintModel | null>;
  /** Admission fair sharing: per workload its LocalQueue, -1 where its queue does not order by LocalQueue usage. */
  localQueueOf?: Int32Array;
}

export class QueueManager {
  readonly queues: ClusterQueueState[];
  readonly classes: WorkloadClass[] = [];
  /** Per workload: its class (-1 before it is first queued). */
  readonly classOf: Int32Array;
  private readonly model: SimModel;
  private readonly table: WorkloadTable;
  private readonly status: WorkloadStatus;
  private readonly clock: Clock;
  private readonly snapshot: Snapshot;
  private readonly admissibility: Admissibility;
  private readonly assigner: FlavorAssigner;
  private readonly reasons: ReasonLog;
  private readonly shapes: readonly ShapeModel[];
  private readonly constraints: ReadonlyArray<ConstraintModel | null>;
  private readonly localQueueOf: Int32Array | undefined;
  /** Cohort trees (roots) that released quota since the last requeue. */
  private readonly dirtyRoot: Uint8Array;
  /**
   * ClusterQueues that may have a head (a class in the heap or a hot group),
   * ascending: `heads()` looks at these, not at every queue at every instant.
   * Added to when a class is activated or a group turns hot; pruned by `heads()`.
   */
  private readonly busy: number[] = [];
  private readonly isBusy: Uint8Array;

  constructor(deps: QueueManagerDeps) {
    this.model = deps.model;
    this.table = deps.table;
    this.status = deps.status;
    this.clock = deps.clock;
    this.snapshot = deps.snapshot;
    this.admissibility = deps.admissibility;
    this.assigner = deps.assigner;
    this.reasons = deps.reasons;
    this.shapes = deps.shapes;
    this.constraints = deps.constraints;
    this.localQueueOf = deps.localQueueOf;
    this.classOf = new Int32Array(deps.table.n).fill(-1);
    this.queues = deps.model.cqs.map(() => new ClusterQueueState(deps.status.queueTime));
    this.dirtyRoot = new Uint8Array(deps.model.tree.nodes.length);
    this.isBusy = new Uint8Array(deps.model.cqs.length);
  }

  private markBusy(cqIndex: number): void {
    if (this.isBusy[cqIndex]) return;
    this.isBusy[cqIndex] = 1;
    const busy = this.busy;
    let i = busy.length;
    busy.push(cqIndex);
    while (i > 0 && busy[i - 1]! > cqIndex) {
      busy[i] = busy[i - 1]!;
      i--;
    }
    busy[i] = cqIndex;
  }

  /** Pending workloads of a ClusterQueue (in backoff included). */
  pending(cq: number): number {
    return this.queues[cq]!.pending;
  }

  addPending(cq: number, delta: number): void {
    this.queues[cq]!.pending += delta;
  }

  /** Workloads pending or holding quota, over all queues. */
  waiting(): number {
    let waiting = 0;
    for (let cq = 0; cq < this.queues.length; cq++) waiting += this.queues[cq]!.pending + this.snapshot.admittedCount(cq);
    return waiting;
  }

  // ------------------------------------------------------------ queueing

  /** Puts a pending workload into its class; a class that is inadmissible stays so when nothing relevant changed. */
  enqueue(w: number): void {
    const cqIndex = this.status.cqOf[w]!;
    const cq = this.model.cqs[cqIndex]!;
    const q = this.queues[cqIndex]!;
    if (cq.inactiveReason) {
      this.reasons.setOwn(w, Reason.ClusterQueueInactive, -1);
      return;
    }
    const c = this.classFor(w);
    this.classOf[w] = c.id;
    const wasEmpty = c.size === 0;
    const pos = c.insert(w, this.status.queueTime);
    this.reasons.setOwn(w, Reason.NotYetTried, -1);
    if (c.active) {
      if (pos < c.cursor) c.cursor = pos;
      if (pos <= c.cursor) q.heap.update(c);
      return;
    }
    if (!wasEmpty && this.memoValid(c, cq)) {
      this.reasons.recordClass(c, w);
      return;
    }
    if (!wasEmpty && !this.admissibility.canProgress(cq, c)) {
      c.memoVersion = this.snapshot.version[cq.root]!;
      c.memoReleases = this.snapshot.releases[cq.root]!;
      c.memoOracle = true;
      this.reasons.recordClass(c, w);
      return;
    }
    this.activate(c);
    if (!wasEmpty) c.checkedVersion = this.snapshot.version[cq.root]!;
  }

  /** Takes a workload out of its queue (admitted or deleted). */
  remove(w: number): void {
    const cqIndex = this.status.cqOf[w]!;
    const c = this.classOf[w]! >= 0 ? this.classes[this.classOf[w]!]! : null;
    const q = this.queues[cqIndex]!;
    if (c && c.remove(w)) {
      if (c.size === 0) {
        q.heap.remove(c);
        c.active = false;
        c.memoVersion = -1;
      } else q.heap.update(c);
    }
    if (q.sticky === w) q.sticky = -1;
    if (q.parkedHead === w) q.parkedHead = -1;
  }

  /**
   * Quota was released in the tree of `root`. Its inadmissible workloads come
   * back only at the batched requeue (Kueue's requeuer waits
   * `REQUEUE_BATCH_SECONDS`; releases meanwhile join the same batch), so the
   * freed quota first goes to the heads already in the heaps. True when this
   * release opened a batch: the caller schedules its requeue.
   */
  noteRelease(root: number): boolean {
    if (this.dirtyRoot[root]) return false;
    this.dirtyRoot[root] = 1;
    return true;
  }

  private classFor(w: number): WorkloadClass {
    // A workload's class never changes (its queue, shape, priority, constraints and LocalQueue are fixed): requeues reuse it.
    const known = this.classOf[w]!;
    if (known >= 0) return this.classes[known]!;
    const cqIndex = this.status.cqOf[w]!;
    const q = this.queues[cqIndex]!;
    const shape = this.table.shape[w]!;
    const p = this.status.priority[w]!;
    const constraint = this.table.constraint[w]!;
    const cq = this.model.cqs[cqIndex]!;
    // LowerOrNewerEqualPriority makes the answer depend on creation time: no grouping then.
    // Admission fair sharing orders by LocalQueue: a class (and a group) holds one LocalQueue's workloads.
    const lq = this.localQueueOf?.[w] ?? -1;
    const lqKey = lq >= 0 ? `|${lq}` : '';
    // Numeric keys for the common case (a string per arrival showed in profiles of a million jobs).
    const key = cq.within === WithinPolicy.LowerOrNewerEqualPriority ? `w${w}` : lq < 0 && constraint < 0 && Math.abs(p) < PRIORITY_SPAN ? shape * 2 * PRIORITY_SPAN + p + PRIORITY_SPAN : `${shape}|${p}|${constraint}${lqKey}`;
    let c = q.classes.get(key);
    if (!c) {
      c = new WorkloadClass(this.classes.length, cqIndex, p, shape, constraint);
      const s = this.shapes[shape]!;
      c.localQueue = lq;
      c.groupKey = `${p}|${constraint}${lqKey}`;
      c.sizeKey = s.gpus * 1e6;
      if (s.podSets.length === 1) {
        const ps = s.podSets[0]!;
        const totals = new Float64Array(this.model.resources.length + 1);
        for (let i = 0; i < ps.resources.length; i++) if (ps.resources[i]! < totals.length - 1) totals[ps.resources[i]!] = ps.total[i]!;
        totals[totals.length - 1] = this.model.cqs[cqIndex]!.podsResource >= 0 ? ps.count : 0;
        c.totals = totals;
        let sum = 0;
        for (const v of totals) sum += Math.log1p(v);
        c.sizeKey += sum;
      }
      this.classes.push(c);
      q.classes.set(key, c);
    }
    return c;
  }

  private activate(c: WorkloadClass): void {
    c.active = true;
    c.cursor = 0;
    c.memoVersion = -1;
    c.memoReleases = -1;
    c.checkedVersion = -1;
    const q = this.queues[c.cq]!;
    if (c.heapPos < 0 && c.size > 0) {
      q.heap.push(c);
      this.markBusy(c.cq);
    } else q.heap.update(c);
  }

  private deactivate(c: WorkloadClass): void {
    const q = this.queues[c.cq]!;
    q.heap.remove(c);
    c.active = false;
    c.cursor = 0;
    q.markInadmissible(c);
    // A class set aside before any member was evaluated still says why it waits.
    if (this.reasons.recording && !c.failure && c.size > 0) c.failure = this.cheapFailure(this.model.cqs[c.cq]!, c);
    if (this.reasons.recording && c.failure) {
      for (let i = c.start; i < c.members.length; i++) this.reasons.recordClass(c, c.members[i]!);
    }
  }

  private memoValid(c: WorkloadClass, cq: CqModel): boolean {
    if (c.memoVersion < 0) return false;
    return c.memoOracle ? this.snapshot.version[cq.root] === c.memoVersion : this.snapshot.releases[cq.root] === c.memoReleases;
  }

  // ---------------------------------------------------------------- heads

  /** One head per ClusterQueue that has one worth trying (the assignment is left for the cycle to nominate). */
  heads(): SchedulingEntry[] {
    const entries: SchedulingEntry[] = [];
    const model = this.model;
    const { version, releases } = this.snapshot;
    let reserving: CqModel[] | null = null;
    const busy = this.busy;
    let kept = 0;
    for (let i = 0; i < busy.length; i++) {
      const cqIndex = busy[i]!;
      const q = this.queues[cqIndex]!;
      if (q.heap.size === 0 && q.hot.size === 0) this.isBusy[cqIndex] = 0;
      else busy[kept++] = cqIndex;
    }
    busy.length = kept;
    for (let bi = 0; bi < kept; bi++) {
      const cqIndex = busy[bi]!;
      const q = this.queues[cqIndex]!;
      const cq = model.cqs[cqIndex]!;
      let head = -1;
      let cls: WorkloadClass | null = null;
      if (cq.strategy === Strategy.StrictFIFO) {
        const top = q.heap.top()!;
        head = top.first();
        cls = top;
        if (q.parkedHead === head) {
          const valid = q.parkOracle ? version[cq.root] === q.parkVersion : releases[cq.root] === q.parkReleases;
          if (valid) {
            if (q.parkReserves) (reserving ??= []).push(cq);
            continue;
          }
        }
      } else {
        const treeVersion = version[cq.root]!;
        // selectRepresentative only deletes g from hot or keeps it there, so the set can be walked live (no copy per queue per instant).
        if (q.hot.size) for (const g of q.hot) if (g.repVersion !== treeVersion || !g.rep || !g.rep.active) this.selectRepresentative(cq, q, g);
        if (q.sticky >= 0 && this.status.state[q.sticky] === WorkloadState.Pending) {
          const c = this.classes[this.classOf[q.sticky]!]!;
          if (c.active) {
            head = q.sticky;
            cls = c;
          }
        }
        while (head < 0) {
          const top = q.heap.top();
          if (!top) break;
          if (this.memoValid(top, cq) || top.head() < 0) {
            this.retire(cq, q, top);
            continue;
          }
          // The state changed since this class was last found promising: re-check cheaply before a full evaluation.
          if (top.checkedVersion !== treeVersion) {
            if (!this.admissibility.canProgress(cq, top)) {
              if (!top.failure) top.failure = this.cheapFailure(cq, top);
              this.retire(cq, q, top);
              continue;
            }
            top.checkedVersion = treeVersion;
          }
          head = top.head();
          cls = top;
        }
        if (head < 0) continue;
      }
      entries.push(this.entry(head, cq, cls!));
    }
    // A StrictFIFO head in preemption mode without targets is retried in every
    // cycle in Kueue (requeued at once), reserving its quota each time: it
    // joins every cycle in which another head of its cohort tree competes.
    if (reserving && entries.length > 0) {
      for (const cq of reserving) {
        if (entries.some((e) => e.cq.root === cq.root)) {
          const q = this.queues[cq.index]!;
          entries.push(this.entry(q.parkedHead, cq, q.heap.top()!));
        }
      }
    }
    return entries;
  }

  private entry(w: number, cq: CqModel, cls: WorkloadClass): SchedulingEntry {
    return {
      w,
      cq,
      priority: this.status.priority[w]!,
      queueTime: this.status.queueTime[w]!,
      assignment: undefined as unknown as Assignment,
      targets: null,
      version: this.snapshot.version[cq.root]!,
      releases: this.snapshot.releases[cq.root]!,
      cls,
    };
  }

  /** A reason for a class never evaluated in full (it could not progress from the start). */
  private cheapFailure(cq: CqModel, c: WorkloadClass): QuotaFailure {
    const w = c.head() >= 0 ? c.head() : c.first();
    const a = this.assigner.assign(w, cq, c.priority, this.status.queueTime[w]!, this.shapes[c.shape]!, c.constraint >= 0 ? this.constraints[c.constraint]! : null);
    return a.failure ?? { code: Reason.CohortHasNothingToLend, fr: -1, needed: 0, available: 0, noCandidates: true };
  }

  // -------------------------------------------------------------- requeue

  /**
   * A head that could not be admitted goes back: inadmissible (BestEffortFIFO,
   * its class memoised) or parked at the front (StrictFIFO). True if this
   * changed queue state.
   */
  requeueFailed(e: SchedulingEntry): boolean {
    const w = e.w;
    if (this.status.state[w] !== WorkloadState.Pending) return false;
    const cq = e.cq;
    const q = this.queues[cq.index]!;
    const failure: QuotaFailure = e.assignment.failure ?? { code: Reason.CohortHasNothingToLend, fr: -1, needed: 0, available: 0, noCandidates: true };
    if (e.assignment.mode === Mode.Preempt) failure.noCandidates = true;
    const c = e.cls;
    c.failure = failure;
    c.failedAt = this.clock.now;
    this.reasons.setOwn(w, Reason.None, -1);
    if (q.sticky === w) q.sticky = -1;
    if (cq.strategy === Strategy.StrictFIFO) {
      const changed = q.parkedHead !== w || q.parkVersion !== e.version;
      // Reserving heads are re-checked on any change in the tree: an admission elsewhere may give them targets.
      const reserves = e.assignment.mode === Mode.Preempt && (e.targets?.workloads.length ?? 0) === 0 && cq.reclaim !== ReclaimPolicy.Any;
      q.parkedHead = w;
      q.parkVersion = e.version;
      q.parkReleases = e.releases;
      q.parkOracle = e.assignment.oracleUsed || reserves;
      q.parkReserves = reserves;
      q.parkFailure = failure;
      this.reasons.recordClass(c, w);
      return changed;
    }
    // BestEffortFIFO: this member is tried; the class memo decides whether the next one is worth a try.
    if (c.head() === w) c.cursor++;
    c.memoVersion = e.version;
    c.memoReleases = e.releases;
    c.memoOracle = e.assignment.oracleUsed;
    this.reasons.recordClass(c, w);
    if (!c.memoOracle || c.head() < 0) this.deactivate(c);
    else {
      q.markPartly(c);
      q.heap.update(c);
    }
    return true;
  }

  /** The batched requeue of a tree that released quota: its inadmissible classes go back to the heaps, unless they provably cannot progress. */
  requeueInadmissible(root: number): void {
    if (!this.dirtyRoot[root]) return;
    this.dirtyRoot[root] = 0;
    const { version, releases } = this.snapshot;
    for (const cqIndex of this.model.cqsOfRoot.get(root) ?? []) {
      const cq = this.model.cqs[cqIndex]!;
      const q = this.queues[cqIndex]!;
      if (q.parkedHead >= 0) {
        const head = q.heap.top()?.first() ?? -1;
        if (head !== q.parkedHead || this.admissibility.canProgress(cq, this.classes[this.classOf[head]!]!)) q.parkedHead = -1;
        else {
          q.parkVersion = version[root]!;
          q.parkReleases = releases[root]!;
          q.parkOracle = true;
        }
      }
      for (const c of q.partly) {
        if (c.dirty !== 1) continue;
        c.dirty = 0;
        if (c.active && c.size > 0) {
          c.cursor = 0;
          c.memoVersion = -1;
          q.heap.update(c);
        }
      }
      q.partly = [];
      for (const g of [...q.dirtyGroups.values()]) this.selectRepresentative(cq, q, g);
    }
  }

  /**
   * Activates, for one (priority, constraints) group of inadmissible classes,
   * the oldest class the cheap test finds able to progress now — the one
   * Kueue's heap would reach first among those that can succeed. Along a
   * dominance chain the able classes are a prefix, found by binary search.
   */
  private selectRepresentative(cq: CqModel, q: ClusterQueueState, g: DirtyGroup): void {
    const admissibility = this.admissibility;
    if (!g.rep && g.waitFrs && !admissibility.thresholdReached(cq, g)) return;
    const version = this.snapshot.version[cq.root]!;
    const old = g.rep;
    g.rep = null;
    if (old) {
      old.repOf = null;
      // The class of a preemptor waiting for its targets stays in the heap (Kueue's sticky workload).
      if (old.active && !(q.sticky >= 0 && this.classOf[q.sticky] === old.id)) this.deactivate(old);
    }
    const list: WorkloadClass[] = [];
    let removed = false;
    for (const c of g.classes) {
      if (c.dirty === 2 && !c.active && c.size > 0) list.push(c);
      else {
        if (c.dirty === 2) c.dirty = 0;
        removed = true;
      }
    }
    g.classes = list;
    if (removed && !g.chain) g.chain = list.every((c, i) => dominates(c, i > 0 ? list[i - 1]! : null));
    let best: WorkloadClass | null = null;
    let bestAt = -1;
    const consider = (c: WorkloadClass, i: number) => {
      if (this.memoValid(c, cq)) return;
      if (!best || this.olderHead(c, best)) {
        best = c;
        bestAt = i;
      }
    };
    if (g.chain) {
      // Usually even the smallest class cannot progress: one test settles the whole chain.
      let lo = 0;
      let hi = list.length;
      if (hi > 0 && admissibility.canProgress(cq, list[0]!)) lo = 1;
      else {
        hi = 0;
        if (list.length > 0) admissibility.setThresholds(cq, list[0]!, g);
      }
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (admissibility.canProgress(cq, list[mid]!)) lo = mid + 1;
        else hi = mid;
      }
      for (let i = 0; i < lo; i++) consider(list[i]!, i);
    } else {
      for (let i = 0; i < list.length; i++) if (admissibility.canProgress(cq, list[i]!)) consider(list[i]!, i);
    }
    const chosen = best as WorkloadClass | null;
    if (!chosen) {
      q.hot.delete(g);
      if (list.length === 0) q.dirtyGroups.delete(g.key);
      return;
    }
    list.splice(bestAt, 1);
    chosen.dirty = 0;
    this.activate(chosen);
    chosen.checkedVersion = version;
    chosen.repOf = g;
    g.rep = chosen;
    g.repVersion = version;
    q.hot.add(g);
    this.markBusy(cq.index);
  }

  /** Deactivates a head that cannot progress; if it stood for a group, the group's next eligible class takes its place. */
  private retire(cq: CqModel, q: ClusterQueueState, c: WorkloadClass): void {
    const g = c.repOf;
    this.deactivate(c);
    if (g && g.rep === c) this.selectRepresentative(cq, q, g);
  }

  private olderHead(a: WorkloadClass, b: WorkloadClass): boolean {
    const wa = a.first();
    const wb = b.first();
    const ta = this.status.queueTime[wa]!;
    const tb = this.status.queueTime[wb]!;
    return ta !== tb ? ta < tb : wa < wb;
  }

  /** StrictFIFO: everything behind a blocked head waits for it (timelines only). */
  labelStrictFollowers(): void {
    if (!this.reasons.recording) return;
    for (let cqIndex = 0; cqIndex < this.model.cqs.length; cqIndex++) {
      const cq = this.model.cqs[cqIndex]!;
      const q = this.queues[cqIndex]!;
      if (cq.strategy !== Strategy.StrictFIFO || q.parkedHead < 0) continue;
      for (const c of q.heap.items) {
        for (let i = c.start; i < c.members.length; i++) {
          const w = c.members[i]!;
          if (w !== q.parkedHead) this.reasons.record(w, Reason.BehindStrictFIFOHead, q.parkedHead);
        }
      }
    }
  }

  /** Smallest per-pod GPU request among pending classes, per flavor they could use (folded into `out`). */
  minPendingGpuPerPod(out: Float64Array): void {
    for (const c of this.classes) {
      if (c.size === 0) continue;
      const shape = this.shapes[c.shape]!;
      let m = Number.POSITIVE_INFINITY;
      for (const ps of shape.podSets) if (ps.gpuPerPod > 0) m = Math.min(m, ps.gpuPerPod);
      if (!Number.isFinite(m)) continue;
      const cq = this.model.cqs[c.cq]!;
      const g = cq.groupOfResource[this.model.gpuResource] ?? -1;
      if (g < 0) continue;
      for (const f of cq.groups[g]!.flavors) out[f] = Math.min(out[f]!, m);
    }
  }
}
