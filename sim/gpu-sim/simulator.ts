/**
 * The GPU scheduling simulator (M11): a discrete-event loop (time in
 * seconds, the kernel's event queue, arrivals pre-sorted) driving Kueue's
 * admission semantics, and each workload's lifecycle through it: arrive →
 * queued → admitted → placed on nodes → running → finished, with deletions,
 * preemptions, waitForPodsReady eviction with backoff and node-pool
 * capacity changes on the way.
 *
 * At each instant: events are applied (completions and evictions release
 * quota; arrivals join their queue), then scheduling cycles run until no
 * ClusterQueue has a head worth trying. The parts have Kueue's names and
 * live in scheduler/:
 *
 * - `status.ts`: per-workload status (named states) and the clock;
 * - `snapshot.ts`: quota usage per ClusterQueue and cohort, the admitted
 *   workloads, simulate-removal — what the flavor assigner and preemptor read;
 * - `queue-manager.ts`: heads, inadmissible lists, requeue on release (with
 *   `admissibility.ts`, the cheap test that keeps hopeless classes aside);
 * - `cycle.ts`: one scheduling cycle as a numbered pipeline;
 * - `placement.ts`: pods onto nodes; `run-metrics.ts`: counters, GPU-hours,
 *   series; `reason-log.ts` and `explanations.ts`: why a workload waits.
 *
 * Cost is proportional to state changes, not to backlog: only a quota
 * release in a cohort tree moves its inadmissible workloads back (as
 * Kueue's queue manager does), classes of identical pending workloads are
 * tried once per state, and a cheap necessary test keeps hopeless classes
 * aside without running the flavor assigner.
 */
import { kueueVersionInfo } from '../cluster/kueue-versions.ts';
import type { Cluster } from '../cluster/schema.ts';
import { nodeName } from '../cluster/topology.ts';
import { displayValue } from '../kueue/resource-value.ts';
import { EventQueue } from '../kernel/event-queue.ts';
import { AdmissionFairSharingState, type LocalQueueUsage } from './admission-fair-sharing.ts';
import { FlavorAssigner, type ConstraintModel, type ShapeModel } from './flavor-assigner.ts';
import { SimModel } from './model.ts';
import { NodeState } from './nodes.ts';
import type { FairStrategy } from './preemption.ts';
import { Quota, type Usage } from './quota.ts';
import { Reason } from './reasons.ts';
import { Admissibility } from './scheduler/admissibility.ts';
import { SchedulingCycle } from './scheduler/cycle.ts';
import { Explanations, type WaitReason } from './scheduler/explanations.ts';
import { Placement } from './scheduler/placement.ts';
import { QueueManager, type SchedulingEntry } from './scheduler/queue-manager.ts';
import { ReasonLog } from './scheduler/reason-log.ts';
import { RunMetrics } from './scheduler/run-metrics.ts';
import { Snapshot } from './scheduler/snapshot.ts';
import { Clock, STATE_NAMES, WorkloadState, WorkloadStatus } from './scheduler/status.ts';
import { TopologyPlacer } from './tas.ts';
import type { AtSnapshot, TopologyFragmentation, GpuSimOptions, GpuSimResult, PendingExplanation, TimelineEntry, WorkloadStateName } from './types.ts';
import { tableFromSpecs, WorkloadTable, type WorkloadSpec } from './workloads.ts';

/** Workload states, named as Kueue names them. */
export { WorkloadState };

/** What an event does to its subject (a workload, or a node pool for capacity changes). */
const SimEvent = {
  /** A running workload's duration is over. */
  WorkloadFinished: 1,
  /** A workload's end time: it is deleted whatever its state (serving scaled down, a trace's end). */
  WorkloadDeleted: 2,
  /** waitForPodsReady: an admitted workload's pods were not all running in time. */
  PodsReadyTimeout: 3,
  /** The requeue backoff after a PodsReady timeout is over. */
  BackoffExpired: 4,
  /** A node pool's node count changes (epoch: the new count). */
  PoolCapacityChanged: 5,
  /** The batched requeue of a cohort tree's inadmissible workloads after it released quota (subject: the tree's root). */
  InadmissibleRequeue: 6,
} as const;

/** Kueue's requeuer batches a tree's requeue after a release by this long (RequeueBatchPeriodProd, 1 s). */
export const REQUEUE_BATCH_SECONDS = 1;

const DEFAULT_TIMEOUT = 1800;
const DEFAULT_BACKOFF_BASE = 60;
const DEFAULT_BACKOFF_MAX = 3600;

export class GpuSimulation {
  readonly model: SimModel;
  readonly quota: Quota;
  readonly table: WorkloadTable;
  readonly nodes: NodeState;
  readonly n: number;
  readonly fairSharing: boolean;
  readonly strategies: readonly FairStrategy[];
  readonly shapes: ShapeModel[];
  readonly constraints: Array<ConstraintModel | null>;
  /** The TAS flavors' topology trees and placement (null without a TAS flavor). */
  readonly topology: TopologyPlacer | null;

  /** The scheduler's parts (see the module comment). */
  readonly status: WorkloadStatus;
  readonly snapshot: Snapshot;
  readonly queueManager: QueueManager;
  readonly placement: Placement;
  readonly metrics: RunMetrics;
  readonly reasons: ReasonLog;
  readonly explanations: Explanations;
  /** Admission fair sharing's per-LocalQueue usage; null when no ClusterQueue orders by it. */
  readonly admissionFairSharing: AdmissionFairSharingState | null;
  private readonly cycle: SchedulingCycle;

  // Per workload: the arrays callers read under these names (the rest of the status is in `status`).
  readonly st: Uint8Array;
  readonly cqOf: Int32Array;
  readonly priority: Int32Array;
  readonly firstAdmit: Float64Array;
  readonly usageOf: ReadonlyArray<Usage | null>;
  readonly placedNodes: ReadonlyArray<Int32Array | null>;
  readonly placedCount: Int32Array;

  private readonly clock = new Clock();
  private readonly events = new EventQueue();
  private readonly arrivalOrder: Int32Array;
  private nextArrival = 0;
  private readonly until: number;
  private readonly waitForPodsReady: { timeout: number; base: number; max: number; limit: number | null } | null;
  private readonly onEvent: ((phase: 'event' | 'scheduled') => void) | null;
  private readonly options: GpuSimOptions;
  /** Queued events that can change the state by themselves (completions, deletions, capacity changes). */
  private liveEvents = 0;
  /** Of those, node-pool capacity changes: they alone do not keep a run without `until` going once every workload is done. */
  private capacityEvents = 0;
  private quietEvents = 0;
  private cancelled = false;
  private finished = false;
  private readonly atTimes: number[];
  private nextAt = 0;
  private readonly atSnapshots: AtSnapshot[] = [];
  private readonly fragmentation: TopologyFragmentation[] = [];
  private readonly assigner: FlavorAssigner;
  /** Per TAS flavor: the cohort trees (roots) whose queues list it — nodes freed there may admit their TAS workloads. */
  private readonly rootsOfFlavor: number[][];

  constructor(cluster: Cluster, workloads: readonly WorkloadSpec[] | WorkloadTable, options: GpuSimOptions = {}) {
    this.options = options;
    this.table = workloads instanceof WorkloadTable ? workloads : tableFromSpecs(workloads);
    const table = this.table;
    const n = table.n;
    this.n = n;
    this.until = options.until ?? Number.POSITIVE_INFINITY;
    this.model = new SimModel(cluster, { startMonth: options.startMonth, horizonSeconds: this.until });
    const model = this.model;
    this.quota = new Quota(model);
    const fs = options.fairSharing;
    this.fairSharing = fs === undefined ? model.fairSharing : typeof fs === 'boolean' ? fs : true;
    this.strategies = typeof fs === 'object' && fs.preemptionStrategies ? fs.preemptionStrategies : ['LessThanOrEqualToFinalShare', 'LessThanInitialShare'];
    // Unset: what the target Kueue version does by default (0.19 turns it on).
    const wfpr = options.waitForPodsReady ?? kueueVersionInfo(model.kueueVersion).defaults.waitForPodsReady;
    this.waitForPodsReady = wfpr
      ? {
          timeout: (typeof wfpr === 'object' ? wfpr.timeoutSeconds : undefined) ?? DEFAULT_TIMEOUT,
          base: (typeof wfpr === 'object' ? wfpr.backoffBaseSeconds : undefined) ?? DEFAULT_BACKOFF_BASE,
          max: (typeof wfpr === 'object' ? wfpr.backoffMaxSeconds : undefined) ?? DEFAULT_BACKOFF_MAX,
          limit: (typeof wfpr === 'object' ? wfpr.backoffLimitCount : undefined) ?? null,
        }
      : null;
    this.onEvent = options.onEvent ?? null;

    // Resolve queues and priorities.
    const cqOfQueue = table.queueNames.map((name) => model.resolveQueue(name));
    const unknown = table.queueNames.filter((_, q) => cqOfQueue[q]! < 0);
    if (unknown.length) {
      const known = model.cqs.map((c) => c.name).join(', ');
      throw new Error(`workload queue ${unknown.map((u) => `"${u}"`).join(', ')} matches no ClusterQueue or LocalQueue of the policy (ClusterQueues: ${known || 'none'})`);
    }
    const classValues = table.priorityClassNames.map((name) => {
      const v = model.priorityOf(name);
      if (v === undefined) throw new Error(`workload priority class "${name}" is not defined in the policy's priorityClasses`);
      return v;
    });
    const status = new WorkloadStatus(n);
    this.status = status;
    for (let i = 0; i < n; i++) {
      status.cqOf[i] = cqOfQueue[table.queueRef[i]!]!;
      const pc = table.priorityClassRef[i]!;
      status.priority[i] = pc >= 0 ? classValues[pc]! : table.priority[i]!;
    }
    this.shapes = compileShapes(model, table);
    this.constraints = table.constraints.map((c) => ({
      flavors: c.flavors ? new Set(c.flavors.map((f) => model.findFlavor(f)).filter((f) => f >= 0)) : null,
      tolerations: new Set(c.tolerations),
      topology: c.topology ? { level: c.topology.level, required: c.topology.mode === 'required' } : null,
    }));

    // The scheduler's parts.
    const clock = this.clock;
    this.nodes = new NodeState(model, options.placement ?? 'best-fit');
    const shapes = this.shapes;
    const tas = new TopologyPlacer(cluster, model, this.nodes, { topologyOf: status.topologyOf, shapeOf: (w) => shapes[table.shape[w]!]! });
    this.topology = tas.any ? tas : null;
    this.rootsOfFlavor = model.flavors.map((_, f) => (tas.isTas(f) ? [...new Set(model.cqs.filter((cq) => cq.groups.some((g) => g.flavors.includes(f))).map((cq) => cq.root))] : []));
    this.checkTopologyRequests();
    this.snapshot = new Snapshot(model, this.quota, status, clock, this.fairSharing, this.strategies);
    const assigner = new FlavorAssigner(this.snapshot, this.topology);
    this.assigner = assigner;
    this.reasons = new ReasonLog(status.state, clock, options.recordTimelines ?? n <= 20_000);
    const admissibility = new Admissibility(model, this.snapshot, this.shapes, this.constraints);
    const afs = AdmissionFairSharingState.create(cluster, model, table, status.cqOf, this.shapes);
    this.admissionFairSharing = afs;
    this.queueManager = new QueueManager({ model, table, status, clock, snapshot: this.snapshot, admissibility, assigner, reasons: this.reasons, shapes: this.shapes, constraints: this.constraints, localQueueOf: afs?.lqOf });
    if (afs) {
      for (const cq of afs.cqs) this.queueManager.queues[cq]!.heap.orderByUsage((lq) => afs.usage(lq));
      this.snapshot.localQueueOf = (w) => {
        const lq = afs.lqOf[w]!;
        return lq < 0 ? null : { lq, usage: afs.usage(lq) };
      };
    }
    this.metrics = new RunMetrics(model, this.quota, table, this.nodes, status, { until: this.until, sampleInterval: options.sampleInterval, nodeHeatmap: options.nodeHeatmap });
    this.placement = new Placement(this.nodes, table, this.shapes, status, this.metrics, clock);
    this.explanations = new Explanations(model, table, status, this.queueManager, this.reasons, this.topology);
    this.cycle = new SchedulingCycle({
      model,
      quota: this.quota,
      table,
      status,
      snapshot: this.snapshot,
      queues: this.queueManager,
      assigner,
      reasons: this.reasons,
      metrics: this.metrics,
      shapes: this.shapes,
      constraints: this.constraints,
      fairSharing: this.fairSharing,
      actions: { admit: (e) => this.admit(e), evict: (w, by) => this.evict(w, by) },
    });

    this.st = status.state;
    this.cqOf = status.cqOf;
    this.priority = status.priority;
    this.firstAdmit = status.firstAdmit;
    this.usageOf = status.usageOf;
    this.placedNodes = this.placement.placedNodes;
    this.placedCount = this.placement.placedCount;

    // Arrivals in time order.
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => table.submit[a]! - table.submit[b]! || a - b);
    this.arrivalOrder = Int32Array.from(order);
    this.atTimes = [...(options.at ?? [])].filter((t) => Number.isFinite(t) && t >= 0).sort((a, b) => a - b);

    // Capacity changes.
    model.pools.forEach((pool, p) => {
      for (const step of pool.schedule.slice(1)) this.pushEvent(step.time, SimEvent.PoolCapacityChanged, p, step.count);
    });
  }

  /**
   * A workload asking for a topology level its ClusterQueue's flavors do not
   * have would wait forever (Kueue: no flavor matches); that is bad input,
   * refused with the workload and the levels there are.
   */
  private checkTopologyRequests(): void {
    const { table, model, constraints } = this;
    if (!constraints.some((c) => c?.topology)) return;
    const checked = new Set<number>();
    for (let w = 0; w < table.n; w++) {
      const c = table.constraint[w]!;
      const request = c >= 0 ? constraints[c]!.topology : null;
      if (!request) continue;
      const cq = model.cqs[this.status.cqOf[w]!]!;
      const key = c * model.cqs.length + cq.index;
      if (checked.has(key)) continue;
      checked.add(key);
      const flavors = cq.groups.flatMap((g) => g.flavors).map((f) => this.topology?.flavors[f] ?? null);
      if (flavors.some((tf) => tf && tf.levelOf(request.level) >= 0)) continue;
      const levels = [...new Set(flavors.flatMap((tf) => (tf ? tf.labels : [])))];
      throw new Error(
        `workload ${table.id(w)}: topology level "${request.level}" is not a level of any TAS flavor of ClusterQueue ${cq.name} (${levels.length ? `levels: ${levels.join(', ')}` : 'it has no flavor with a topologyName'})`,
      );
    }
  }

  /** Simulated time (seconds). */
  get now(): number {
    return this.clock.now;
  }

  // ------------------------------------------------------------------ run

  /** Runs to the end (or `until`, or cancellation) and returns the result. */
  run(): GpuSimResult {
    while (this.step(Number.POSITIVE_INFINITY)) {
      /* step runs until done */
    }
    return this.result();
  }

  /**
   * Processes up to `maxInstants` instants; false when the simulation is
   * over. A Web Worker calls this in slices and posts progress between them.
   */
  step(maxInstants: number): boolean {
    const every = this.options.progressEvery ?? 50_000;
    const metrics = this.metrics;
    let nextReport = metrics.events + every;
    for (let k = 0; k < maxInstants; k++) {
      if (this.cancelled) return false;
      const t = this.nextTime();
      if (!Number.isFinite(t) || t > this.until || this.onlyFutileCycles() || this.allWorkDone()) {
        this.finish(Number.isFinite(this.until) ? this.until : this.now);
        return false;
      }
      this.advanceTo(t);
      this.processInstant(t);
      if (metrics.events >= nextReport) {
        nextReport = metrics.events + every;
        this.options.onProgress?.({ simTime: this.now, fraction: this.n ? this.nextArrival / this.n : 1, events: metrics.events });
        if (this.options.shouldCancel?.()) {
          this.cancelled = true;
          this.finish(this.now);
          return false;
        }
      }
    }
    return true;
  }

  /** Processes every instant up to and including time t (for stepping through a scenario). */
  runUntil(t: number): void {
    while (!this.finished && !this.cancelled) {
      const next = this.nextTime();
      if (!(next <= t) || next > this.until) break;
      this.advanceTo(next);
      this.processInstant(next);
    }
  }

  private finish(t: number): void {
    if (this.finished) return;
    this.finished = true;
    const end = Number.isFinite(t) ? Math.max(t, this.now) : this.now;
    this.advanceTo(end);
    this.sampleLocalQueueUsage(end);
    if (this.metrics.needsFinalSample(end)) this.metrics.sample(end, this.pendingOf, this.minPendingGpuPerPod());
    this.clock.now = end;
    for (let cq = 0; cq < this.model.cqs.length; cq++) this.metrics.touchCq(cq, end);
    this.metrics.touchFlavors(end);
    this.metrics.closeServingAtEnd(end);
  }

  /**
   * Only waitForPodsReady timeouts and backoffs remain, and they have gone
   * round without starting anything: the rest would repeat forever (Kueue
   * requeues without limit when backoffLimitCount is unset).
   */
  private onlyFutileCycles(): boolean {
    if (this.liveEvents > 0 || this.nextArrival < this.n) return false;
    return this.quietEvents > 3 * this.queueManager.waiting() + 10;
  }

  /** Without `until`, a run ends when every workload is done, even if node pools still change capacity later (a trace must not run to month 7). */
  private allWorkDone(): boolean {
    if (Number.isFinite(this.until) || this.nextArrival < this.n || this.liveEvents > this.capacityEvents) return false;
    return this.queueManager.waiting() === 0;
  }

  private nextTime(): number {
    const arrival = this.nextArrival < this.n ? this.table.submit[this.arrivalOrder[this.nextArrival]!]! : Number.POSITIVE_INFINITY;
    return Math.min(arrival, this.events.peekTime());
  }

  private readonly pendingOf = (cq: number): number => this.queueManager.pending(cq);

  /** Takes the samples and `at` snapshots due before time t (state is constant between events). */
  private advanceTo(t: number): void {
    this.metrics.sampleBefore(t, this.pendingOf, () => this.minPendingGpuPerPod());
    while (this.nextAt < this.atTimes.length && this.atTimes[this.nextAt]! < t) {
      this.sampleLocalQueueUsage(this.atTimes[this.nextAt]!);
      this.atSnapshots.push(this.snapshotAt(this.atTimes[this.nextAt]!));
      if (this.topology) this.fragmentation.push(...this.topology.fragmentation(this.atTimes[this.nextAt]!));
      this.nextAt++;
    }
  }

  /** Smallest per-pod GPU request among pending and unplaced workloads, per flavor they could use (for fragmentation). */
  private minPendingGpuPerPod(): Float64Array {
    const out = new Float64Array(this.model.flavors.length).fill(Number.POSITIVE_INFINITY);
    this.queueManager.minPendingGpuPerPod(out);
    this.placement.minUnplacedGpuPerPod(out);
    return out;
  }

  /** Admission fair sharing: the LocalQueue usage samples due by t (before the instant's events change what is admitted). */
  private sampleLocalQueueUsage(t: number): void {
    const afs = this.admissionFairSharing;
    if (afs?.advance(t, this.snapshot.admitted)) for (const cq of afs.cqs) this.queueManager.queues[cq]!.heap.reorder();
  }

  private processInstant(t: number): void {
    this.sampleLocalQueueUsage(t);
    this.clock.now = t;
    const events = this.events;
    const metrics = this.metrics;
    // Events first (releases), then arrivals.
    while (events.peekTime() === t) {
      events.pop();
      // The batched requeue is the scheduler's bookkeeping, not an event of the workloads.
      if (events.kind !== SimEvent.InadmissibleRequeue) metrics.events++;
      this.handleEvent(events.kind, events.subject, events.epoch);
      this.onEvent?.('event');
    }
    while (this.nextArrival < this.n && this.table.submit[this.arrivalOrder[this.nextArrival]!] === t) {
      const w = this.arrivalOrder[this.nextArrival++]!;
      metrics.events++;
      this.arrive(w);
      this.onEvent?.('event');
    }
    if (this.placement.dirty) this.retryPlacement();
    this.cycle.scheduleInstant();
    if (this.placement.dirty) this.retryPlacement();
    this.onEvent?.('scheduled');
  }

  private pushEvent(time: number, kind: number, subject: number, epoch: number): void {
    if (kind === SimEvent.WorkloadFinished || kind === SimEvent.WorkloadDeleted || kind === SimEvent.PoolCapacityChanged) this.liveEvents++;
    if (kind === SimEvent.PoolCapacityChanged) this.capacityEvents++;
    this.events.push(time, kind, subject, epoch);
  }

  private handleEvent(kind: number, subject: number, epoch: number): void {
    if (kind === SimEvent.PoolCapacityChanged) this.capacityEvents--;
    if (kind === SimEvent.WorkloadFinished || kind === SimEvent.WorkloadDeleted || kind === SimEvent.PoolCapacityChanged) this.liveEvents--;
    else if (this.liveEvents === 0 && this.nextArrival >= this.n && kind !== SimEvent.InadmissibleRequeue) this.quietEvents++;
    const { state, epoch: epochOf } = this.status;
    switch (kind) {
      case SimEvent.WorkloadFinished:
        if (epochOf[subject] === epoch && state[subject] === WorkloadState.Running) this.release(subject, WorkloadState.Finished);
        break;
      case SimEvent.WorkloadDeleted:
        this.deleteWorkload(subject);
        break;
      case SimEvent.PodsReadyTimeout:
        if (epochOf[subject] === epoch && state[subject] === WorkloadState.Admitted) this.podsReadyTimeout(subject);
        break;
      case SimEvent.BackoffExpired:
        if (epochOf[subject] === epoch && state[subject] === WorkloadState.Backoff) {
          state[subject] = WorkloadState.Pending;
          this.queueManager.enqueue(subject);
        }
        break;
      case SimEvent.PoolCapacityChanged:
        this.setPoolSize(subject, epoch);
        break;
      case SimEvent.InadmissibleRequeue:
        this.queueManager.requeueInadmissible(subject);
        break;
    }
  }

  // ------------------------------------------------------------ lifecycle

  private arrive(w: number): void {
    const status = this.status;
    this.metrics.arrivals++;
    const cq = status.cqOf[w]!;
    this.metrics.cqSubmitted[cq]!++;
    status.queueTime[w] = this.table.submit[w]!;
    status.state[w] = WorkloadState.Pending;
    this.queueManager.addPending(cq, 1);
    const end = this.table.endTime[w]!;
    if (!Number.isNaN(end)) this.pushEvent(end, SimEvent.WorkloadDeleted, w, 0);
    this.metrics.servingArrived(w);
    this.queueManager.enqueue(w);
  }

  /** Admits a nominated head: reserves its quota, leaves its queue, and its pods go to nodes. False: its topology placement was taken in this cycle. */
  private admit(e: SchedulingEntry): boolean {
    const w = e.w;
    const cqIndex = e.cq.index;
    const a = e.assignment;
    const status = this.status;
    let topology = a.topology;
    const shape = this.shapes[this.table.shape[w]!]!;
    if (topology && a.topologyVersion !== this.nodes.version && !this.topology!.stillFits(shape, topology)) {
      // An earlier admission in this cycle took its nodes: Kueue 0.19 recomputes the assignment
      // (TASRecomputeAssignmentWithinSchedulingCycle); 0.16 leaves the workload for the next cycle.
      if (!kueueVersionInfo(this.model.kueueVersion).defaults.tasRecomputeWithinCycle) return false;
      const c = this.table.constraint[w]!;
      topology = this.assigner.replaceTopology(a, e.cq, shape, c >= 0 ? this.constraints[c]! : null);
      if (!topology) return false;
    }
    status.topologyOf[w] = topology;
    const metrics = this.metrics;
    const now = this.now;
    metrics.touchCq(cqIndex, now);
    metrics.touchFlavors(now);
    this.snapshot.admit(w, a.usage);
    metrics.changeAlloc(cqIndex, a.usage, 1);
    this.queueManager.remove(w);
    if (this.admissionFairSharing?.uses(cqIndex)) {
      this.admissionFairSharing.admitted(w, now, this.snapshot.admitted);
      this.queueManager.queues[cqIndex]!.heap.reorder();
    }
    this.queueManager.addPending(cqIndex, -1);
    status.podSetFlavorOf[w] = a.podSetFlavor;
    status.state[w] = WorkloadState.Admitted;
    status.admitTime[w] = now;
    metrics.admissions++;
    if (Number.isNaN(status.firstAdmit[w]!)) {
      status.firstAdmit[w] = now;
      metrics.cqAdmittedEver[cqIndex]!++;
      metrics.cqWaits[cqIndex]!.push(now - this.table.submit[w]!);
    }
    status.preemptedBy[w] = -1;
    if (this.placement.placeAdmitted(w)) this.startRunning(w);
    else this.reasons.setOwn(w, Reason.NoNodeFits, -1);
    if (this.waitForPodsReady && status.state[w] === WorkloadState.Admitted) this.pushEvent(now + this.waitForPodsReady.timeout, SimEvent.PodsReadyTimeout, w, status.epoch[w]!);
    return true;
  }

  private startRunning(w: number): void {
    const status = this.status;
    const now = this.now;
    this.quietEvents = 0;
    status.state[w] = WorkloadState.Running;
    status.runStart[w] = now;
    this.reasons.setOwn(w, Reason.None, -1);
    if (Number.isNaN(status.firstStart[w]!)) {
      status.firstStart[w] = now;
      this.metrics.cqStartWaits[status.cqOf[w]!]!.push(now - this.table.submit[w]!);
    }
    this.metrics.servingStarted(w);
    const d = this.table.duration[w]!;
    if (Number.isFinite(d)) this.pushEvent(now + d, SimEvent.WorkloadFinished, w, status.epoch[w]!);
    this.reasons.record(w, Reason.None, -1);
  }

  private readonly startPlaced = (w: number): void => this.startRunning(w);

  private retryPlacement(): void {
    this.placement.retry(this.startPlaced);
  }

  private deleteWorkload(w: number): void {
    const status = this.status;
    const s = status.state[w]!;
    if (s === WorkloadState.Pending || s === WorkloadState.Backoff) {
      const cq = status.cqOf[w]!;
      if (s === WorkloadState.Pending) this.queueManager.remove(w);
      this.queueManager.addPending(cq, -1);
      status.state[w] = WorkloadState.Deleted;
      status.epoch[w]!++;
      status.finishTime[w] = this.now;
      this.metrics.cqDeleted[cq]!++;
      if (Number.isNaN(status.firstAdmit[w]!)) this.metrics.cqDeletedUnadmitted[cq]!++;
      this.metrics.servingClosed(w, this.now);
      this.reasons.record(w, Reason.None, -1);
    } else if (s === WorkloadState.Admitted || s === WorkloadState.Running) {
      this.release(w, WorkloadState.Deleted);
    }
  }

  /** Releases quota and nodes of an admitted workload; `to` is its next state. */
  private release(w: number, to: number): void {
    const status = this.status;
    const metrics = this.metrics;
    const now = this.now;
    const cqIndex = status.cqOf[w]!;
    const usage = status.usageOf[w]!;
    metrics.touchCq(cqIndex, now);
    metrics.touchFlavors(now);
    if (status.state[w] === WorkloadState.Running) metrics.servingStopped(w, now);
    const root = this.snapshot.release(w);
    metrics.changeAlloc(cqIndex, usage, -1);
    this.noteRelease(root);
    this.placement.release(w);
    const topology = status.topologyOf[w];
    if (topology) {
      topology.forEach((placed, p) => {
        if (placed) this.tasNodesFreed(status.podSetFlavorOf[w]![p]!, root);
      });
      status.topologyOf[w] = null;
    }
    status.podSetFlavorOf[w] = null;
    status.epoch[w]!++;
    status.state[w] = to;
    if (to === WorkloadState.Finished || to === WorkloadState.Deleted) {
      status.finishTime[w] = now;
      if (to === WorkloadState.Finished) metrics.cqCompleted[cqIndex]!++;
      else metrics.cqDeleted[cqIndex]!++;
      metrics.servingClosed(w, now);
      this.reasons.record(w, Reason.None, -1);
    }
  }

  /** Evicts an admitted workload back to the queue (preemption, node loss). */
  private evict(w: number, preemptor: number): void {
    const status = this.status;
    const metrics = this.metrics;
    const cqIndex = status.cqOf[w]!;
    if (status.state[w] === WorkloadState.Running) {
      const lost = (this.shapes[this.table.shape[w]!]!.gpus * (this.now - status.runStart[w]!)) / 3600;
      metrics.cqLost[cqIndex]! += lost;
    }
    this.release(w, WorkloadState.Pending);
    status.evictionPending[w] = 0;
    this.queueManager.addPending(cqIndex, 1);
    if (preemptor >= 0) {
      status.preemptedBy[w] = preemptor;
      status.preemptedAt[w] = this.now;
      status.preemptedCount[w]!++;
      metrics.cqPreempted[cqIndex]!++;
      metrics.preemptions++;
    }
    this.reasons.record(w, preemptor >= 0 ? Reason.PreemptedBy : Reason.NotYetTried, preemptor);
    this.queueManager.enqueue(w);
  }

  private podsReadyTimeout(w: number): void {
    const cfg = this.waitForPodsReady!;
    const status = this.status;
    const cqIndex = status.cqOf[w]!;
    this.metrics.cqTimeouts[cqIndex]!++;
    this.release(w, WorkloadState.Backoff);
    const count = status.requeues[w]! + 1;
    if (cfg.limit !== null && count > cfg.limit) {
      status.state[w] = WorkloadState.Deactivated;
      this.metrics.cqDeactivated[cqIndex]!++;
      this.reasons.setOwn(w, Reason.Deactivated, count - 1);
      return;
    }
    status.requeues[w] = count;
    this.queueManager.addPending(cqIndex, 1);
    const wait = Math.min(cfg.base * 2 ** (count - 1), cfg.max);
    status.queueTime[w] = this.now;
    this.reasons.setOwn(w, Reason.Backoff, -1);
    this.pushEvent(this.now + wait, SimEvent.BackoffExpired, w, status.epoch[w]!);
  }

  private setPoolSize(p: number, count: number): void {
    const pool = this.model.pools[p]!;
    this.metrics.touchFlavors(this.now);
    const removed = new Set<number>();
    for (let k = count; k < pool.maxNodes; k++) {
      const node = pool.firstNode + k;
      if (this.nodes.online[node] === 1 && this.nodes.pods[node]! > 0) removed.add(node);
    }
    if (removed.size) {
      // Nodes removed: workloads with pods on them are evicted and requeued.
      const victims: number[] = [];
      const state = this.status.state;
      for (let w = 0; w < this.n; w++) {
        const placed = this.placement.placedNodes[w];
        if (!placed || (state[w] !== WorkloadState.Running && state[w] !== WorkloadState.Admitted)) continue;
        for (const node of placed) {
          if (removed.has(node)) {
            victims.push(w);
            break;
          }
        }
      }
      for (const w of victims) this.evict(w, -1);
    }
    for (let k = 0; k < pool.maxNodes; k++) this.nodes.setOnline(pool.firstNode + k, k < count);
    this.placement.dirty = true;
    this.tasNodesFreed(pool.flavor, -1);
  }

  /** Quota or nodes were freed in a cohort tree: its inadmissible workloads come back at the batched requeue. */
  private noteRelease(root: number): void {
    if (this.queueManager.noteRelease(root)) this.pushEvent(this.now + REQUEUE_BATCH_SECONDS, SimEvent.InadmissibleRequeue, root, 0);
  }

  /** A TAS flavor's nodes have room again: the other cohort trees using it look at their waiting workloads again (`except`: already told). */
  private tasNodesFreed(flavor: number, except: number): void {
    for (const root of this.rootsOfFlavor[flavor] ?? []) {
      if (root === except) continue;
      this.snapshot.nodesFreed(root);
      this.noteRelease(root);
    }
  }

  // -------------------------------------------------------------- queries

  /** A ClusterQueue's current usage of a resource (cores for cpu), on one flavor or summed over all. */
  queueUsage(clusterQueue: string, resource: string, flavor?: string): number {
    const cq = this.model.cqs.find((c) => c.name === clusterQueue);
    if (!cq) throw new Error(`no ClusterQueue ${clusterQueue}`);
    let v = 0;
    this.model.tree.flavorResources.forEach((fr, i) => {
      if (fr.resource === resource && (flavor === undefined || fr.flavor === flavor)) v += this.quota.usage(cq.node, i);
    });
    return displayValue(resource, v);
  }

  state(id: string): WorkloadStateName {
    const w = this.workloadIndex(id);
    if (w < 0) throw new Error(`no workload "${id}"`);
    return this.stateName(w);
  }

  /** Flavors a workload's current admission assigned (empty when not admitted). */
  flavorsOf(id: string): string[] {
    const w = this.workloadIndex(id);
    const u = w >= 0 ? this.status.usageOf[w] : null;
    if (!u) return [];
    return [...new Set(u.fr.map((fr) => this.model.tree.flavorResources[fr]!.flavor))];
  }

  /**
   * Where a workload's pods run now: each node with its pod count and, on a
   * TAS flavor, its topology labels (block, rack, hostname). Empty when not placed.
   */
  placementOf(id: string): Array<{ node: string; pods: number; labels: Record<string, string> }> {
    const w = this.workloadIndex(id);
    const placed = w >= 0 ? this.placement.placedNodes[w] : null;
    if (!placed) return [];
    const pods = new Map<number, number>();
    for (const node of placed) if (node >= 0) pods.set(node, (pods.get(node) ?? 0) + 1);
    return [...pods]
      .sort(([a], [b]) => a - b)
      .map(([node, count]) => {
        const m = this.model.nodes[node]!;
        return { node: nodeName(m.pool, m.ordinal), pods: count, labels: this.topology?.nodeLabels(node) ?? {} };
      });
  }

  /** Ids of workloads holding quota in a ClusterQueue. */
  admittedIds(clusterQueue: string): string[] {
    const cq = this.model.cqs.find((c) => c.name === clusterQueue);
    if (!cq) throw new Error(`no ClusterQueue ${clusterQueue}`);
    return this.snapshot.admitted[cq.index]!.map((w) => this.table.id(w)).sort();
  }

  workloadIndex(id: string): number {
    if (this.table.ids) return this.table.ids.indexOf(id);
    const m = /^wl-(\d+)$/.exec(id);
    return m ? Number(m[1]) : -1;
  }

  stateName(w: number): WorkloadStateName {
    return STATE_NAMES[this.status.state[w]!]!;
  }

  /** The reason a workload is not running right now (Reason.None when it runs or is done). */
  reasonOf(w: number): WaitReason {
    return this.explanations.reasonOf(w);
  }

  /** "Why is this workload pending?" */
  explain(id: string): PendingExplanation {
    const w = this.workloadIndex(id);
    if (w < 0 || w >= this.n) throw new Error(`no workload "${id}"`);
    const explanation = this.explanations.explain(w, id);
    const afs = this.admissionFairSharing;
    if (!afs || afs.lqOf[w]! < 0) return explanation;
    // Why its LocalQueue's workloads go before or after the others' in the ClusterQueue.
    const all = afs.describe();
    const mine = all[afs.lqOf[w]!]!;
    return { ...explanation, admissionFairSharing: { localQueue: mine.localQueue, localQueues: all.filter((lq) => lq.clusterQueue === mine.clusterQueue) } };
  }

  /** Every LocalQueue's admission fair sharing usage now (empty when no ClusterQueue orders by it). */
  localQueueUsage(): LocalQueueUsage[] {
    return this.admissionFairSharing?.describe() ?? [];
  }

  /** A workload's recorded state and reason changes (when timelines are recorded). */
  timelineOf(id: string): TimelineEntry[] {
    const w = this.workloadIndex(id);
    return w < 0 ? [] : this.explanations.timelineOf(w);
  }

  /** Every ClusterQueue's and Cohort's admitted / pending counts, usage and weighted share at the current time. */
  snapshotAt(time: number): AtSnapshot {
    const snapshot = this.snapshot.describe(time, this.pendingOf);
    return this.admissionFairSharing ? { ...snapshot, localQueues: this.admissionFairSharing.describe() } : snapshot;
  }

  result(): GpuSimResult {
    // `at` times after the end report the final state.
    while (this.nextAt < this.atTimes.length) {
      this.atSnapshots.push(this.snapshotAt(this.atTimes[this.nextAt]!));
      if (this.topology) this.fragmentation.push(...this.topology.fragmentation(this.atTimes[this.nextAt]!));
      this.nextAt++;
    }
    const metrics = this.metrics;
    const queues = metrics.queueResults(this.pendingOf, (cq) => this.snapshot.admittedCount(cq));
    return {
      seed: this.options.seed ?? null,
      endTime: this.now,
      cancelled: this.cancelled,
      events: metrics.events,
      arrivals: metrics.arrivals,
      admissions: metrics.admissions,
      preemptions: metrics.preemptions,
      schedulingRounds: metrics.rounds,
      stalledInstants: metrics.stalledInstants,
      queues,
      teams: metrics.teamResults(queues),
      serving: metrics.servingResults(),
      flavors: metrics.flavorResults(),
      series: metrics.seriesResult(),
      at: this.atSnapshots,
      ...(this.admissionFairSharing ? { localQueues: this.admissionFairSharing.describe() } : {}),
      ...(this.topology ? { topology: [...this.fragmentation, ...this.topology.fragmentation(this.now)] } : {}),
    };
  }
}

/** Runs a whole simulation: the policy, its workloads, options. */
export function simulateGpu(cluster: Cluster, workloads: readonly WorkloadSpec[] | WorkloadTable, options: GpuSimOptions = {}): GpuSimResult {
  return new GpuSimulation(cluster, workloads, options).run();
}

/** The workload table's request shapes in the model's resource ids (Kueue units), with per-pod figures for placement. */
function compileShapes(model: SimModel, table: WorkloadTable): ShapeModel[] {
  return table.shapes.map((shape) => {
    let gpus = 0;
    const podSets = shape.podSets.map((ps) => {
      const resources: number[] = [];
      const perPod: number[] = [];
      const total: number[] = [];
      for (const [name, value] of ps.perPod) {
        resources.push(model.resourceId(name));
        perPod.push(value);
        total.push(value * ps.count);
      }
      const gpuPerPod = ps.perPod.get('nvidia.com/gpu') ?? 0;
      gpus += gpuPerPod * ps.count;
      return { count: ps.count, resources, perPod, total, gpuPerPod, cpuPerPod: ps.perPod.get('cpu') ?? 0, memPerPod: ps.perPod.get('memory') ?? 0 };
    });
    return { podSets, gpus };
  });
}
