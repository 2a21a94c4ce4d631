/**
 * The GPU scheduling simulator (M11): a discrete-event kernel (time in
 * seconds, a typed-array event heap, arrivals pre-sorted) driving Kueue's
 * admission semantics — per-ClusterQueue heads, the flavor assigner, the
 * preemptor and the (fair-sharing) cycle ordering — plus node-level
 * placement, waitForPodsReady eviction with backoff, and metrics.
 *
 * At each instant: events are applied (completions and evictions release
 * quota; arrivals join their queue), then scheduling cycles run until no
 * ClusterQueue has a head worth trying: every cycle takes one head per
 * queue, nominates them all against the same state, orders them as Kueue
 * does and admits them one by one with Kueue's re-checks (reservations for
 * preemptors without targets, no overlapping preemption targets, fit after
 * earlier admissions). Preemptions are issued at the end of the cycle.
 *
 * Cost is proportional to state changes, not to backlog: only a quota
 * release in a cohort tree moves its inadmissible workloads back (as
 * Kueue's queue manager does), classes of identical pending workloads are
 * tried once per state, and a cheap necessary test (could any flavor fit
 * the available quota, could any preemption candidate exist) keeps
 * hopeless classes aside without running the flavor assigner.
 */
import type { Cluster } from '../cluster/schema.ts';
import { displayValue } from '../kueue/resource-value.ts';
import { EventQueue } from '../kernel/event-queue.ts';
import { classicalOrder, FairSharingIterator, type CycleEntry } from './fair-sharing.ts';
import { FlavorAssigner, flavorMatches, Mode, type Assignment, type AssignerState, type ConstraintModel, type ShapeModel } from './flavor-assigner.ts';
import { GrowableF64, GrowableI32, percentiles } from './metrics.ts';
import { ReclaimPolicy, SimModel, Strategy, WithinPolicy, type CqModel } from './model.ts';
import { NodeState } from './nodes.ts';
import { CoverageMemo, getTargets, mayAdmit, type FairStrategy, type Targets } from './preemption.ts';
import { Quota, type Usage } from './quota.ts';
import { ClusterQueueState, dominates, WorkloadClass, type DirtyGroup } from './queues.ts';
import { Reason, reasonName, type QuotaFailure } from './reasons.ts';
import type {
  AtSnapshot,
  CohortSnapshot,
  GpuSimOptions,
  GpuSimResult,
  PendingExplanation,
  QueueResult,
  QueueSeries,
  QueueSnapshot,
  ServingResult,
  TeamResult,
  TimelineEntry,
  WorkloadStateName,
} from './types.ts';
import { tableFromSpecs, WorkloadTable, WORKLOAD_KINDS, type WorkloadSpec } from './workloads.ts';

/** Workload states. */
export const St = {
  NotSubmitted: 0,
  Pending: 1,
  Backoff: 2,
  /** Quota reserved, not all pods running ("admitted, unschedulable" while nodes do not fit). */
  Admitted: 3,
  Running: 4,
  Finished: 5,
  Deleted: 6,
  Deactivated: 7,
} as const;

const STATE_NAMES: readonly WorkloadStateName[] = ['not-submitted', 'pending', 'backoff', 'admitted-unschedulable', 'running', 'finished', 'deleted', 'deactivated'];

const Ev = { Complete: 1, Delete: 2, PodsReadyTimeout: 3, BackoffDone: 4, Capacity: 5 } as const;

const DEFAULT_TIMEOUT = 1800;
const DEFAULT_BACKOFF_BASE = 60;
const DEFAULT_BACKOFF_MAX = 3600;

interface Entry extends CycleEntry {
  targets: Targets | null;
  version: number;
  releases: number;
  cls: WorkloadClass;
}

interface ServingGroup {
  name: string;
  cq: number;
  active: number;
  running: number;
  demanded: number;
  served: number;
  samples: number;
  met: number;
}

export class GpuSimulation implements AssignerState {
  readonly model: SimModel;
  readonly quota: Quota;
  readonly table: WorkloadTable;
  readonly nodes: NodeState;
  readonly n: number;
  readonly fairSharing: boolean;
  readonly strategies: readonly FairStrategy[];

  // Per workload.
  readonly st: Uint8Array;
  readonly cqOf: Int32Array;
  readonly priority: Int32Array;
  readonly queueTime: Float64Array;
  readonly admitTime: Float64Array;
  readonly firstAdmit: Float64Array;
  readonly firstStart: Float64Array;
  readonly finishTime: Float64Array;
  readonly runStart: Float64Array;
  readonly epoch: Int32Array;
  readonly requeues: Int32Array;
  readonly preemptedCount: Int32Array;
  readonly preemptedBy: Int32Array;
  readonly preemptedAt: Float64Array;
  readonly evictionPending: Uint8Array;
  readonly ownReason: Uint8Array;
  readonly ownReasonArg: Int32Array;
  readonly reasonSince: Float64Array;
  readonly admittedPos: Int32Array;
  private readonly admittedPrioPos: Int32Array;
  readonly placedCount: Int32Array;
  readonly classOf: Int32Array;
  readonly usageOf: Array<Usage | null>;
  readonly podSetFlavorOf: Array<number[] | null>;
  readonly placedNodes: Array<Int32Array | null>;

  // Per ClusterQueue / tree node.
  readonly admitted: number[][];
  readonly maxWorkloadUsage: Float64Array;
  readonly coverageMemo: CoverageMemo | null;
  private readonly availStamp: Int32Array;
  private readonly releasedByRoot = new Map<number, Float64Array>();
  private readonly availValue: Float64Array;
  readonly queues: ClusterQueueState[];
  readonly classes: WorkloadClass[] = [];
  readonly version: Int32Array;
  readonly releases: Int32Array;
  private readonly dirtyRoot: Uint8Array;
  private dirtyRoots: number[] = [];

  readonly shapes: ShapeModel[];
  readonly constraints: Array<ConstraintModel | null>;
  private readonly shapePods: Int32Array;
  private readonly assigner: FlavorAssigner;
  private readonly events = new EventQueue();
  private readonly arrivalOrder: Int32Array;
  private nextArrival = 0;
  private unplaced: number[] = [];
  private placementDirty = false;
  now = 0;
  private readonly until: number;
  private readonly waitForPodsReady: { timeout: number; base: number; max: number; limit: number | null } | null;
  private readonly onEvent: ((phase: 'event' | 'scheduled') => void) | null;

  // Metrics.
  private eventCount = 0;
  private arrivals = 0;
  private admissions = 0;
  private preemptionCount = 0;
  private rounds = 0;
  /** Queued events that can change the state by themselves (completions, deletions, capacity changes). */
  private liveEvents = 0;
  /** Of those, node-pool capacity changes: they alone do not keep a run without `until` going once every workload is done. */
  private capacityEvents = 0;
  private quietEvents = 0;
  private stalledInstants = 0;
  private cancelled = false;
  private readonly gpuFrsOfCq: number[][];
  private readonly cqAlloc: Float64Array;
  private readonly cqRunning: Float64Array;
  private readonly cqBorrowed: Float64Array;
  private readonly cqLast: Float64Array;
  private readonly cqAllocArea: Float64Array;
  /** GPUs allocated per (ClusterQueue, flavor), cq-major, and their area: each flavor has its own price per GPU-hour. */
  private readonly cqFlavorAlloc: Float64Array;
  private readonly cqFlavorAllocArea: Float64Array;
  private readonly cqRunningArea: Float64Array;
  private readonly cqBorrowedArea: Float64Array;
  private readonly cqLentArea: Float64Array;
  private readonly cqSubmitted: Int32Array;
  private readonly cqAdmittedEver: Int32Array;
  private readonly cqCompleted: Int32Array;
  private readonly cqDeleted: Int32Array;
  private readonly cqDeletedUnadmitted: Int32Array;
  private readonly cqDeactivated: Int32Array;
  private readonly cqPreempted: Int32Array;
  private readonly cqPreemptionsIssued: Int32Array;
  private readonly cqLost: Float64Array;
  private readonly cqTimeouts: Int32Array;
  private readonly cqWaits: GrowableF64[];
  private readonly cqStartWaits: GrowableF64[];
  private readonly flavorAlloc: Float64Array;
  private readonly flavorRunning: Float64Array;
  private readonly flavorAllocArea: Float64Array;
  private readonly flavorRunningArea: Float64Array;
  private flavorLast = 0;
  private readonly serving: ServingGroup[] = [];
  private readonly servingOfGroup: Int32Array;

  // Series.
  private readonly sampleInterval: number;
  private nextSample = 0;
  private lastSampleTime = 0;
  private lastLent: Float64Array = new Float64Array(0);
  private readonly sampleTimes = new GrowableF64();
  private readonly seriesAlloc: GrowableF64[];
  private readonly seriesRunning: GrowableF64[];
  private readonly seriesBorrowed: GrowableF64[];
  private readonly seriesLent: GrowableF64[];
  private readonly seriesPending: GrowableF64[];
  private readonly seriesTotal = new GrowableF64();
  private readonly seriesClusterAlloc = new GrowableF64();
  private readonly seriesClusterRunning = new GrowableF64();
  private readonly seriesIdle = new GrowableF64();
  private readonly seriesFrag = new GrowableF64();
  private readonly heatmap: GrowableF64[] | null;
  private readonly atTimes: number[];
  private nextAt = 0;
  private readonly atSnapshots: AtSnapshot[] = [];

  // Timelines.
  private readonly timeline: { t: GrowableF64; w: GrowableI32; code: GrowableI32; other: GrowableI32 } | null;
  private readonly options: GpuSimOptions;

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
    const wfpr = options.waitForPodsReady;
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
    this.st = new Uint8Array(n);
    this.cqOf = new Int32Array(n);
    this.priority = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.cqOf[i] = cqOfQueue[table.queueRef[i]!]!;
      const pc = table.priorityClassRef[i]!;
      this.priority[i] = pc >= 0 ? classValues[pc]! : table.priority[i]!;
    }
    this.queueTime = new Float64Array(n);
    this.admitTime = new Float64Array(n).fill(Number.NaN);
    this.firstAdmit = new Float64Array(n).fill(Number.NaN);
    this.firstStart = new Float64Array(n).fill(Number.NaN);
    this.finishTime = new Float64Array(n).fill(Number.NaN);
    this.runStart = new Float64Array(n).fill(Number.NaN);
    this.epoch = new Int32Array(n);
    this.requeues = new Int32Array(n);
    this.preemptedCount = new Int32Array(n);
    this.preemptedBy = new Int32Array(n).fill(-1);
    this.preemptedAt = new Float64Array(n).fill(Number.NaN);
    this.evictionPending = new Uint8Array(n);
    this.ownReason = new Uint8Array(n);
    this.ownReasonArg = new Int32Array(n).fill(-1);
    this.reasonSince = new Float64Array(n);
    this.admittedPos = new Int32Array(n).fill(-1);
    this.admittedPrioPos = new Int32Array(n).fill(-1);
    this.placedCount = new Int32Array(n);
    this.classOf = new Int32Array(n).fill(-1);
    this.usageOf = new Array<Usage | null>(n).fill(null);
    this.podSetFlavorOf = new Array<number[] | null>(n).fill(null);
    this.placedNodes = new Array<Int32Array | null>(n).fill(null);

    // Shapes and constraints.
    this.shapes = table.shapes.map((shape) => {
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
    this.shapePods = Int32Array.from(this.shapes.map((s) => s.podSets.reduce((sum, ps) => sum + ps.count, 0)));
    this.constraints = table.constraints.map((c) => ({
      flavors: c.flavors ? new Set(c.flavors.map((f) => model.findFlavor(f)).filter((f) => f >= 0)) : null,
      tolerations: new Set(c.tolerations),
    }));

    this.nodes = new NodeState(model, options.placement ?? 'best-fit');
    this.assigner = new FlavorAssigner(this);

    const cqCount = model.cqs.length;
    this.admitted = model.cqs.map(() => []);
    this.maxWorkloadUsage = new Float64Array(model.cqs.length * model.tree.frCount);
    const priorities = [...new Set(this.priority)].sort((a, b) => a - b);
    this.coverageMemo = priorities.length <= 16 ? new CoverageMemo(model.cqs.length, model.tree.frCount, priorities) : null;
    this.availStamp = new Int32Array(model.cqs.length * model.tree.frCount);
    this.availValue = new Float64Array(model.cqs.length * model.tree.frCount);
    this.queues = model.cqs.map(() => new ClusterQueueState(this.queueTime));
    const treeNodes = model.tree.nodes.length;
    this.version = new Int32Array(treeNodes);
    this.releases = new Int32Array(treeNodes);
    this.dirtyRoot = new Uint8Array(treeNodes);

    // Arrivals in time order.
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => table.submit[a]! - table.submit[b]! || a - b);
    this.arrivalOrder = Int32Array.from(order);

    // Metrics.
    this.gpuFrsOfCq = model.cqs.map(() => {
      const frs: number[] = [];
      for (let fr = 0; fr < model.tree.frCount; fr++) if (model.frResource[fr] === model.gpuResource) frs.push(fr);
      return frs;
    });
    const f64 = () => new Float64Array(cqCount);
    const i32 = () => new Int32Array(cqCount);
    this.cqAlloc = f64();
    this.cqRunning = f64();
    this.cqBorrowed = f64();
    this.cqLast = f64();
    this.cqAllocArea = f64();
    this.cqRunningArea = f64();
    this.cqBorrowedArea = f64();
    this.cqLentArea = f64();
    this.cqLost = f64();
    this.cqSubmitted = i32();
    this.cqAdmittedEver = i32();
    this.cqCompleted = i32();
    this.cqDeleted = i32();
    this.cqDeletedUnadmitted = i32();
    this.cqDeactivated = i32();
    this.cqPreempted = i32();
    this.cqPreemptionsIssued = i32();
    this.cqTimeouts = i32();
    this.lastLent = new Float64Array(cqCount);
    this.cqWaits = model.cqs.map(() => new GrowableF64());
    this.cqStartWaits = model.cqs.map(() => new GrowableF64());
    const fc = model.flavors.length;
    this.cqFlavorAlloc = new Float64Array(cqCount * fc);
    this.cqFlavorAllocArea = new Float64Array(cqCount * fc);
    this.flavorAlloc = new Float64Array(fc);
    this.flavorRunning = new Float64Array(fc);
    this.flavorAllocArea = new Float64Array(fc);
    this.flavorRunningArea = new Float64Array(fc);
    this.servingOfGroup = new Int32Array(table.groups.length).fill(-1);
    const servingKind = WORKLOAD_KINDS.indexOf('serving');
    for (let i = 0; i < n; i++) {
      const g = table.group[i]!;
      if (g >= 0 && table.kind[i] === servingKind && this.servingOfGroup[g] === -1) {
        this.servingOfGroup[g] = this.serving.length;
        this.serving.push({ name: table.groups[g]!, cq: this.cqOf[i]!, active: 0, running: 0, demanded: 0, served: 0, samples: 0, met: 0 });
      }
    }

    // Series.
    let horizon = 0;
    for (let i = 0; i < n; i++) {
      const end = table.submit[i]! + (Number.isFinite(table.duration[i]!) ? table.duration[i]! : 0);
      const del = table.endTime[i]!;
      horizon = Math.max(horizon, Number.isNaN(del) ? end : Math.min(Math.max(end, table.submit[i]!), del));
    }
    if (Number.isFinite(this.until)) horizon = this.until;
    this.sampleInterval = options.sampleInterval ?? Math.max(1, horizon / 500);
    this.seriesAlloc = model.cqs.map(() => new GrowableF64());
    this.seriesRunning = model.cqs.map(() => new GrowableF64());
    this.seriesBorrowed = model.cqs.map(() => new GrowableF64());
    this.seriesLent = model.cqs.map(() => new GrowableF64());
    this.seriesPending = model.cqs.map(() => new GrowableF64());
    const heatmap = options.nodeHeatmap ?? model.nodes.length <= 2000;
    this.heatmap = heatmap ? model.nodes.map(() => new GrowableF64()) : null;
    this.atTimes = [...(options.at ?? [])].filter((t) => Number.isFinite(t) && t >= 0).sort((a, b) => a - b);
    const record = options.recordTimelines ?? n <= 20_000;
    this.timeline = record ? { t: new GrowableF64(), w: new GrowableI32(), code: new GrowableI32(), other: new GrowableI32() } : null;

    // Capacity changes.
    model.pools.forEach((pool, p) => {
      for (const step of pool.schedule.slice(1)) this.pushEvent(step.time, Ev.Capacity, p, step.count);
    });
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
    let nextReport = this.eventCount + every;
    for (let k = 0; k < maxInstants; k++) {
      if (this.cancelled) return false;
      const t = this.nextTime();
      if (!Number.isFinite(t) || t > this.until || this.onlyFutileCycles() || this.allWorkDone()) {
        this.finish(Number.isFinite(this.until) ? this.until : this.now);
        return false;
      }
      this.advanceTo(t);
      this.processInstant(t);
      if (this.eventCount >= nextReport) {
        nextReport = this.eventCount + every;
        this.options.onProgress?.({ simTime: this.now, fraction: this.n ? this.nextArrival / this.n : 1, events: this.eventCount });
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
    const u = w >= 0 ? this.usageOf[w] : null;
    if (!u) return [];
    return [...new Set(u.fr.map((fr) => this.model.tree.flavorResources[fr]!.flavor))];
  }

  /** Ids of workloads holding quota in a ClusterQueue. */
  admittedIds(clusterQueue: string): string[] {
    const cq = this.model.cqs.find((c) => c.name === clusterQueue);
    if (!cq) throw new Error(`no ClusterQueue ${clusterQueue}`);
    return this.admitted[cq.index]!.map((w) => this.table.id(w)).sort();
  }

  private finished = false;

  private finish(t: number): void {
    if (this.finished) return;
    this.finished = true;
    const end = Number.isFinite(t) ? Math.max(t, this.now) : this.now;
    this.advanceTo(end);
    if (this.sampleTimes.length === 0 || this.sampleTimes.data[this.sampleTimes.length - 1]! < end) this.sample(end);
    this.now = end;
    for (let cq = 0; cq < this.model.cqs.length; cq++) this.touchCq(cq);
    this.touchFlavors();
    // Serving replicas still alive at the end: demanded and (if running) served up to now.
    if (this.serving.length) {
      for (let w = 0; w < this.n; w++) {
        const s = this.st[w]!;
        if (this.servingIndex(w) < 0 || s === St.NotSubmitted || s === St.Finished || s === St.Deleted || s === St.Deactivated) continue;
        if (s === St.Running) this.accountServing(w, this.now);
        this.serving[this.servingIndex(w)]!.demanded += this.now - this.table.submit[w]!;
      }
    }
  }

  /**
   * Only waitForPodsReady timeouts and backoffs remain, and they have gone
   * round without starting anything: the rest would repeat forever (Kueue
   * requeues without limit when backoffLimitCount is unset).
   */
  private onlyFutileCycles(): boolean {
    if (this.liveEvents > 0 || this.nextArrival < this.n) return false;
    let waiting = 0;
    for (const q of this.queues) waiting += q.pending + q.admittedCount;
    return this.quietEvents > 3 * waiting + 10;
  }

  /** Without `until`, a run ends when every workload is done, even if node pools still change capacity later (a trace must not run to month 7). */
  private allWorkDone(): boolean {
    if (Number.isFinite(this.until) || this.nextArrival < this.n || this.liveEvents > this.capacityEvents) return false;
    for (const q of this.queues) if (q.pending + q.admittedCount > 0) return false;
    return true;
  }

  private nextTime(): number {
    const arrival = this.nextArrival < this.n ? this.table.submit[this.arrivalOrder[this.nextArrival]!]! : Number.POSITIVE_INFINITY;
    return Math.min(arrival, this.events.peekTime());
  }

  /** Takes the samples and `at` snapshots due before time t (state is constant between events). */
  private advanceTo(t: number): void {
    while (this.nextSample < t) {
      this.sample(this.nextSample);
      this.nextSample += this.sampleInterval;
    }
    while (this.nextAt < this.atTimes.length && this.atTimes[this.nextAt]! < t) {
      this.atSnapshots.push(this.snapshotAt(this.atTimes[this.nextAt]!));
      this.nextAt++;
    }
  }

  private processInstant(t: number): void {
    this.now = t;
    // Events first (releases), then arrivals.
    const events = this.events;
    while (events.peekTime() === t) {
      events.pop();
      this.eventCount++;
      this.handleEvent(events.kind, events.subject, events.epoch);
      this.onEvent?.('event');
    }
    while (this.nextArrival < this.n && this.table.submit[this.arrivalOrder[this.nextArrival]!] === t) {
      const w = this.arrivalOrder[this.nextArrival++]!;
      this.eventCount++;
      this.arrive(w);
      this.onEvent?.('event');
    }
    if (this.placementDirty) this.retryPlacement();
    this.schedule();
    if (this.placementDirty) this.retryPlacement();
    this.onEvent?.('scheduled');
  }

  private pushEvent(time: number, kind: number, subject: number, epoch: number): void {
    if (kind === Ev.Complete || kind === Ev.Delete || kind === Ev.Capacity) this.liveEvents++;
    if (kind === Ev.Capacity) this.capacityEvents++;
    this.events.push(time, kind, subject, epoch);
  }

  private handleEvent(kind: number, subject: number, epoch: number): void {
    if (kind === Ev.Capacity) this.capacityEvents--;
    if (kind === Ev.Complete || kind === Ev.Delete || kind === Ev.Capacity) this.liveEvents--;
    else if (this.liveEvents === 0 && this.nextArrival >= this.n) this.quietEvents++;
    switch (kind) {
      case Ev.Complete:
        if (this.epoch[subject] === epoch && this.st[subject] === St.Running) this.release(subject, St.Finished);
        break;
      case Ev.Delete:
        this.deleteWorkload(subject);
        break;
      case Ev.PodsReadyTimeout:
        if (this.epoch[subject] === epoch && this.st[subject] === St.Admitted) this.podsReadyTimeout(subject);
        break;
      case Ev.BackoffDone:
        if (this.epoch[subject] === epoch && this.st[subject] === St.Backoff) {
          this.st[subject] = St.Pending;
          this.enqueue(subject);
        }
        break;
      case Ev.Capacity:
        this.setPoolSize(subject, epoch);
        break;
    }
  }

  // ------------------------------------------------------------ lifecycle

  private arrive(w: number): void {
    this.arrivals++;
    const cq = this.cqOf[w]!;
    this.cqSubmitted[cq]!++;
    this.queueTime[w] = this.table.submit[w]!;
    this.st[w] = St.Pending;
    this.queues[cq]!.pending++;
    const end = this.table.endTime[w]!;
    if (!Number.isNaN(end)) this.pushEvent(end, Ev.Delete, w, 0);
    const sg = this.servingIndex(w);
    if (sg >= 0) this.serving[sg]!.active++;
    this.enqueue(w);
  }

  private servingIndex(w: number): number {
    const g = this.table.group[w]!;
    return g >= 0 ? this.servingOfGroup[g]! : -1;
  }

  /** Puts a pending workload into its class; a class that is inadmissible stays so when nothing relevant changed. */
  private enqueue(w: number): void {
    const cqIndex = this.cqOf[w]!;
    const cq = this.model.cqs[cqIndex]!;
    const q = this.queues[cqIndex]!;
    if (cq.inactiveReason) {
      this.setOwnReason(w, Reason.ClusterQueueInactive, -1);
      return;
    }
    const c = this.classFor(w);
    this.classOf[w] = c.id;
    const wasEmpty = c.size === 0;
    const pos = c.insert(w, this.queueTime);
    this.setOwnReason(w, Reason.NotYetTried, -1);
    if (c.active) {
      if (pos < c.cursor) c.cursor = pos;
      if (pos <= c.cursor) q.heap.update(c);
      return;
    }
    if (!wasEmpty && this.memoValid(c, cq)) {
      this.recordClassReason(c, w);
      return;
    }
    if (!wasEmpty && !this.canProgress(cq, c)) {
      c.memoVersion = this.version[cq.root]!;
      c.memoReleases = this.releases[cq.root]!;
      c.memoOracle = true;
      this.recordClassReason(c, w);
      return;
    }
    this.activate(c);
    if (!wasEmpty) c.checkedVersion = this.version[cq.root]!;
  }

  private classFor(w: number): WorkloadClass {
    const cqIndex = this.cqOf[w]!;
    const q = this.queues[cqIndex]!;
    const shape = this.table.shape[w]!;
    const p = this.priority[w]!;
    const constraint = this.table.constraint[w]!;
    const cq = this.model.cqs[cqIndex]!;
    // LowerOrNewerEqualPriority makes the answer depend on creation time: no grouping then.
    const key = cq.within === WithinPolicy.LowerOrNewerEqualPriority ? `w${w}` : `${shape}|${p}|${constraint}`;
    let c = q.classes.get(key);
    if (!c) {
      c = new WorkloadClass(this.classes.length, cqIndex, p, shape, constraint);
      const s = this.shapes[shape]!;
      c.groupKey = `${p}|${constraint}`;
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
    if (c.heapPos < 0 && c.size > 0) q.heap.push(c);
    else q.heap.update(c);
  }

  private deactivate(c: WorkloadClass): void {
    const q = this.queues[c.cq]!;
    q.heap.remove(c);
    c.active = false;
    c.cursor = 0;
    q.markInadmissible(c);
    if (this.timeline && c.failure) {
      for (let i = c.start; i < c.members.length; i++) this.recordClassReason(c, c.members[i]!);
    }
  }

  private memoValid(c: WorkloadClass, cq: CqModel): boolean {
    if (c.memoVersion < 0) return false;
    return c.memoOracle ? this.version[cq.root] === c.memoVersion : this.releases[cq.root] === c.memoReleases;
  }

  private removeFromQueue(w: number): void {
    const cqIndex = this.cqOf[w]!;
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

  private deleteWorkload(w: number): void {
    const s = this.st[w]!;
    if (s === St.Pending || s === St.Backoff) {
      if (s === St.Pending) this.removeFromQueue(w);
      this.queues[this.cqOf[w]!]!.pending--;
      this.st[w] = St.Deleted;
      this.epoch[w]!++;
      this.finishTime[w] = this.now;
      this.cqDeleted[this.cqOf[w]!]!++;
      if (Number.isNaN(this.firstAdmit[w]!)) this.cqDeletedUnadmitted[this.cqOf[w]!]!++;
      this.closeServing(w);
      this.record(w, Reason.None, -1);
    } else if (s === St.Admitted || s === St.Running) {
      this.release(w, St.Deleted);
    }
  }

  /** Releases quota and nodes of an admitted workload; `to` is its next state. */
  private release(w: number, to: number): void {
    const cqIndex = this.cqOf[w]!;
    const cq = this.model.cqs[cqIndex]!;
    const usage = this.usageOf[w]!;
    const wasRunning = this.st[w] === St.Running;
    this.touchCq(cqIndex);
    this.touchFlavors();
    if (wasRunning) this.accountServing(w, this.now);
    this.quota.removeUsage(cq.node, usage);
    this.changeAlloc(cqIndex, usage, -1);
    this.bumpRelease(cq.root);
    const released = this.released(cq.root);
    for (let i = 0; i < usage.fr.length; i++) released[usage.fr[i]!]! += usage.amount[i]!;
    // Remove from the admitted list (swap-remove).
    const list = this.admitted[cqIndex]!;
    const pos = this.admittedPos[w]!;
    const last = list.pop()!;
    if (last !== w) {
      list[pos] = last;
      this.admittedPos[last] = pos;
    }
    this.admittedPos[w] = -1;
    const q = this.queues[cqIndex]!;
    q.removeAdmittedPriority(this.priority[w]!);
    this.addPriorityUsage(cqIndex, this.priority[w]!, usage, -1);
    this.unlistAdmitted(w);
    q.admittedCount--;
    this.unbindAll(w);
    if (this.st[w] === St.Admitted) {
      const i = this.unplaced.indexOf(w);
      if (i >= 0) this.unplaced.splice(i, 1);
    }
    this.usageOf[w] = null;
    this.podSetFlavorOf[w] = null;
    this.epoch[w]!++;
    this.st[w] = to;
    if (to === St.Finished || to === St.Deleted) {
      this.finishTime[w] = this.now;
      if (to === St.Finished) this.cqCompleted[cqIndex]!++;
      else this.cqDeleted[cqIndex]!++;
      this.closeServing(w);
      this.record(w, Reason.None, -1);
    }
  }

  private bumpRelease(root: number): void {
    this.version[root]!++;
    this.releases[root]!++;
    if (!this.dirtyRoot[root]) {
      this.dirtyRoot[root] = 1;
      this.dirtyRoots.push(root);
    }
  }

  /** Evicts an admitted workload back to the queue (preemption, node loss). */
  private evict(w: number, preemptor: number): void {
    const cqIndex = this.cqOf[w]!;
    if (this.st[w] === St.Running) {
      const lost = (this.shapes[this.table.shape[w]!]!.gpus * (this.now - this.runStart[w]!)) / 3600;
      this.cqLost[cqIndex]! += lost;
    }
    this.release(w, St.Pending);
    this.evictionPending[w] = 0;
    this.queues[cqIndex]!.pending++;
    if (preemptor >= 0) {
      this.preemptedBy[w] = preemptor;
      this.preemptedAt[w] = this.now;
      this.preemptedCount[w]!++;
      this.cqPreempted[cqIndex]!++;
      this.preemptionCount++;
    }
    this.record(w, preemptor >= 0 ? Reason.PreemptedBy : Reason.NotYetTried, preemptor);
    this.enqueue(w);
  }

  private podsReadyTimeout(w: number): void {
    const cfg = this.waitForPodsReady!;
    const cqIndex = this.cqOf[w]!;
    this.cqTimeouts[cqIndex]!++;
    this.release(w, St.Backoff);
    const count = this.requeues[w]! + 1;
    if (cfg.limit !== null && count > cfg.limit) {
      this.st[w] = St.Deactivated;
      this.cqDeactivated[cqIndex]!++;
      this.setOwnReason(w, Reason.Deactivated, count - 1);
      return;
    }
    this.requeues[w] = count;
    this.queues[cqIndex]!.pending++;
    const wait = Math.min(cfg.base * 2 ** (count - 1), cfg.max);
    this.queueTime[w] = this.now;
    this.setOwnReason(w, Reason.Backoff, -1);
    this.pushEvent(this.now + wait, Ev.BackoffDone, w, this.epoch[w]!);
  }

  private setPoolSize(p: number, count: number): void {
    const pool = this.model.pools[p]!;
    this.touchFlavors();
    const removed = new Set<number>();
    for (let k = count; k < pool.maxNodes; k++) {
      const node = pool.firstNode + k;
      if (this.nodes.online[node] === 1 && this.nodes.pods[node]! > 0) removed.add(node);
    }
    if (removed.size) {
      // Nodes removed: workloads with pods on them are evicted and requeued.
      const victims: number[] = [];
      for (let w = 0; w < this.n; w++) {
        const placed = this.placedNodes[w];
        if (!placed || (this.st[w] !== St.Running && this.st[w] !== St.Admitted)) continue;
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
    this.placementDirty = true;
  }

  // ----------------------------------------------------------- scheduling

  private schedule(): void {
    this.requeueDirtyRoots();
    let idle = 0;
    // Defensive bound: every round admits, preempts or retires a head, so this is never reached in practice.
    let budget = 1000 + 20 * this.n;
    for (;;) {
      const entries = this.collectHeads();
      if (entries.length === 0) break;
      this.rounds++;
      const progressed = this.runCycle(entries);
      this.requeueDirtyRoots();
      if (!progressed && ++idle > 3) break;
      if (progressed) idle = 0;
      if (--budget < 0) {
        this.stalledInstants++;
        break;
      }
    }
    this.labelStrictFollowers();
  }

  private collectHeads(): Entry[] {
    const entries: Entry[] = [];
    const model = this.model;
    for (let cqIndex = 0; cqIndex < model.cqs.length; cqIndex++) {
      const q = this.queues[cqIndex]!;
      if (q.heap.size === 0 && q.hot.size === 0) continue;
      const cq = model.cqs[cqIndex]!;
      let head = -1;
      let cls: WorkloadClass | null = null;
      if (cq.strategy === Strategy.StrictFIFO) {
        const top = q.heap.top()!;
        head = top.first();
        cls = top;
        if (q.parkedHead === head) {
          const valid = q.parkOracle ? this.version[cq.root] === q.parkVersion : this.releases[cq.root] === q.parkReleases;
          if (valid) continue;
        }
      } else {
        const version = this.version[cq.root]!;
        if (q.hot.size) for (const g of [...q.hot]) if (g.repVersion !== version || !g.rep || !g.rep.active) this.selectRepresentative(cq, q, g);
        if (q.sticky >= 0 && this.st[q.sticky] === St.Pending) {
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
          if (top.checkedVersion !== version) {
            if (!this.canProgress(cq, top)) {
              if (!top.failure) top.failure = this.cheapFailure(cq, top);
              this.retire(cq, q, top);
              continue;
            }
            top.checkedVersion = version;
          }
          head = top.head();
          cls = top;
        }
        if (head < 0) continue;
      }
      entries.push({
        w: head,
        cq,
        priority: this.priority[head]!,
        queueTime: this.queueTime[head]!,
        assignment: undefined as unknown as Assignment,
        targets: null,
        version: this.version[cq.root]!,
        releases: this.releases[cq.root]!,
        cls: cls!,
      });
    }
    // Nominate every head against the same state.
    for (const e of entries) {
      const w = e.w;
      const shape = this.shapes[this.table.shape[w]!]!;
      const c = this.table.constraint[w]!;
      e.assignment = this.assigner.assign(w, e.cq, e.priority, e.queueTime, shape, c >= 0 ? this.constraints[c]! : null);
      if (e.assignment.mode === Mode.Preempt) {
        e.targets = getTargets(this, { w, cq: e.cq, priority: e.priority, queueTime: e.queueTime, frs: e.assignment.preemptFrs, usage: e.assignment.usage });
      }
    }
    return entries;
  }

  /** One scheduling cycle over the nominated heads; true when it changed anything. */
  private runCycle(entries: Entry[]): boolean {
    let order: Entry[] | null = null;
    let fair: FairSharingIterator<Entry> | null = null;
    if (this.fairSharing) fair = new FairSharingIterator(this.model, this.quota, entries);
    else order = [...entries].sort(classicalOrder);
    const preempted = new Set<number>();
    /** Targets issued in this cycle, per cohort tree (only those of the same tree affect a queue's quota). */
    const preemptedByRoot = new Map<number, number[]>();
    const reservations: Array<{ node: number; usage: Usage }> = [];
    const victims: Array<{ w: number; by: number }> = [];
    const failed: Entry[] = [];
    let progressed = false;
    let i = 0;
    for (;;) {
      let e: Entry;
      if (fair) {
        if (!fair.hasNext()) break;
        e = fair.pop();
      } else {
        if (i >= order!.length) break;
        e = order![i++]!;
      }
      const a = e.assignment;
      const cq = e.cq;
      if (a.mode === Mode.NoFit) {
        failed.push(e);
        continue;
      }
      const targets = e.targets?.workloads ?? [];
      if (a.mode === Mode.Preempt && targets.length === 0) {
        if (cq.reclaim !== ReclaimPolicy.Any) {
          const reserve = this.resourcesToReserve(e);
          this.quota.addUsage(cq.node, reserve);
          reservations.push({ node: cq.node, usage: reserve });
        }
        failed.push(e);
        continue;
      }
      if (targets.some((t) => preempted.has(t))) {
        this.setOwnReason(e.w, Reason.CapacityTakenInCycle, -1);
        continue;
      }
      if (!this.fitsAfterRemovals(cq, a.usage, preemptedByRoot.get(cq.root), targets, preempted)) {
        this.setOwnReason(e.w, Reason.CapacityTakenInCycle, -1);
        continue;
      }
      if (a.mode === Mode.Preempt) {
        this.quota.addUsage(cq.node, a.usage);
        reservations.push({ node: cq.node, usage: a.usage });
        let list = preemptedByRoot.get(cq.root);
        if (!list) {
          list = [];
          preemptedByRoot.set(cq.root, list);
        }
        for (const t of targets) {
          preempted.add(t);
          list.push(t);
          this.evictionPending[t] = 1;
          victims.push({ w: t, by: e.w });
        }
        this.cqPreemptionsIssued[cq.index]! += targets.length;
        if (cq.strategy === Strategy.BestEffortFIFO) this.queues[cq.index]!.sticky = e.w;
        this.setOwnReason(e.w, Reason.PendingPreemption, targets.length);
        progressed = true;
        continue;
      }
      this.admit(e);
      progressed = true;
    }
    for (const r of reservations) this.quota.removeUsage(r.node, r.usage);
    for (const v of victims) if (this.st[v.w] === St.Admitted || this.st[v.w] === St.Running) this.evict(v.w, v.by);
    for (const e of failed) {
      if (this.fail(e)) progressed = true;
    }
    return progressed;
  }

  /** Kueue's resourcesToReserve for a preemptor without targets: capacity up to its limits, so lower-priority work elsewhere cannot take it. */
  private resourcesToReserve(e: Entry): Usage {
    const out: Usage = { fr: [], amount: [] };
    const node = e.cq.node;
    const u = e.assignment.usage;
    for (let i = 0; i < u.fr.length; i++) {
      const fr = u.fr[i]!;
      const amount = u.amount[i]!;
      const usage = this.quota.usage(node, fr);
      const nominal = this.quota.nominal(node, fr);
      let reserve: number;
      if (e.assignment.borrowing > 0) {
        const limit = this.quota.borrowingLimit(node, fr);
        reserve = limit < 0 ? amount : Math.min(amount, nominal + limit - usage);
      } else reserve = Math.min(amount, nominal - usage);
      out.fr.push(fr);
      out.amount.push(Math.max(0, reserve));
    }
    return out;
  }

  /** Kueue's `fits`: the entry's usage fits once this cycle's targets (and its own) are gone. */
  private fitsAfterRemovals(cq: CqModel, usage: Usage, preemptedInTree: readonly number[] | undefined, targets: readonly number[], preempted: Set<number>): boolean {
    if (!preemptedInTree?.length && targets.length === 0) return this.quota.fits(cq.node, usage);
    const removed: number[] = preemptedInTree ? [...preemptedInTree] : [];
    for (const t of targets) if (!preempted.has(t)) removed.push(t);
    for (const t of removed) this.quota.removeUsage(this.model.cqs[this.cqOf[t]!]!.node, this.usageOf[t]!);
    const fits = this.quota.fits(cq.node, usage);
    for (const t of removed) this.quota.addUsage(this.model.cqs[this.cqOf[t]!]!.node, this.usageOf[t]!);
    return fits;
  }

  /** A head that could not be admitted: inadmissible (BestEffortFIFO) or blocking (StrictFIFO). True if this changed queue state. */
  private fail(e: Entry): boolean {
    const w = e.w;
    if (this.st[w] !== St.Pending) return false;
    const cq = e.cq;
    const q = this.queues[cq.index]!;
    const failure: QuotaFailure = e.assignment.failure ?? { code: Reason.CohortHasNothingToLend, fr: -1, needed: 0, available: 0, noCandidates: true };
    if (e.assignment.mode === Mode.Preempt) failure.noCandidates = true;
    const c = e.cls;
    c.failure = failure;
    c.failedAt = this.now;
    this.setOwnReason(w, Reason.None, -1);
    if (q.sticky === w) q.sticky = -1;
    if (cq.strategy === Strategy.StrictFIFO) {
      const changed = q.parkedHead !== w || q.parkVersion !== e.version;
      q.parkedHead = w;
      q.parkVersion = e.version;
      q.parkReleases = e.releases;
      q.parkOracle = e.assignment.oracleUsed;
      q.parkFailure = failure;
      this.recordClassReason(c, w);
      return changed;
    }
    // BestEffortFIFO: this member is tried; the class memo decides whether the next one is worth a try.
    if (c.head() === w) c.cursor++;
    c.memoVersion = e.version;
    c.memoReleases = e.releases;
    c.memoOracle = e.assignment.oracleUsed;
    this.recordClassReason(c, w);
    if (!c.memoOracle || c.head() < 0) this.deactivate(c);
    else {
      q.markPartly(c);
      q.heap.update(c);
    }
    return true;
  }

  private admit(e: Entry): void {
    const w = e.w;
    const cq = e.cq;
    const a = e.assignment;
    const cqIndex = cq.index;
    const q = this.queues[cqIndex]!;
    this.touchCq(cqIndex);
    this.touchFlavors();
    this.quota.addUsage(cq.node, a.usage);
    this.changeAlloc(cqIndex, a.usage, 1);
    this.version[cq.root]!++;
    this.removeFromQueue(w);
    q.pending--;
    q.admittedCount++;
    q.addAdmittedPriority(this.priority[w]!);
    this.addPriorityUsage(cqIndex, this.priority[w]!, a.usage, 1);
    this.listAdmitted(w);
    const frCount = this.model.tree.frCount;
    for (let i = 0; i < a.usage.fr.length; i++) {
      const k = cqIndex * frCount + a.usage.fr[i]!;
      if (a.usage.amount[i]! > this.maxWorkloadUsage[k]!) this.maxWorkloadUsage[k] = a.usage.amount[i]!;
    }
    this.usageOf[w] = a.usage;
    this.podSetFlavorOf[w] = a.podSetFlavor;
    this.st[w] = St.Admitted;
    this.admitTime[w] = this.now;
    this.admissions++;
    if (Number.isNaN(this.firstAdmit[w]!)) {
      this.firstAdmit[w] = this.now;
      this.cqAdmittedEver[cqIndex]!++;
      this.cqWaits[cqIndex]!.push(this.now - this.table.submit[w]!);
    }
    this.preemptedBy[w] = -1;
    this.admittedPos[w] = this.admitted[cqIndex]!.length;
    this.admitted[cqIndex]!.push(w);
    this.placedNodes[w] = new Int32Array(this.shapePods[this.table.shape[w]!]!).fill(-1);
    this.placedCount[w] = 0;
    if (this.tryPlace(w)) this.startRunning(w);
    else {
      this.insertUnplaced(w);
      this.setOwnReason(w, Reason.NoNodeFits, -1);
    }
    if (this.waitForPodsReady && this.st[w] === St.Admitted) this.pushEvent(this.now + this.waitForPodsReady.timeout, Ev.PodsReadyTimeout, w, this.epoch[w]!);
  }

  /** Moves inadmissible classes of trees that released quota back to the heaps, unless they provably cannot progress. */
  private requeueDirtyRoots(): void {
    if (this.dirtyRoots.length === 0) return;
    const roots = this.dirtyRoots;
    this.dirtyRoots = [];
    for (const root of roots) {
      this.dirtyRoot[root] = 0;
      for (const cqIndex of this.model.cqsOfRoot.get(root) ?? []) {
        const cq = this.model.cqs[cqIndex]!;
        const q = this.queues[cqIndex]!;
        if (q.parkedHead >= 0) {
          const head = q.heap.top()?.first() ?? -1;
          if (head !== q.parkedHead || this.canProgress(cq, this.classes[this.classOf[head]!]!)) q.parkedHead = -1;
          else {
            q.parkVersion = this.version[root]!;
            q.parkReleases = this.releases[root]!;
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
  }

  /**
   * Activates, for one (priority, constraints) group of inadmissible classes,
   * the oldest class the cheap test finds able to progress now — the one
   * Kueue's heap would reach first among those that can succeed. Along a
   * dominance chain the able classes are a prefix, found by binary search.
   */
  private selectRepresentative(cq: CqModel, q: ClusterQueueState, g: DirtyGroup): void {
    if (!g.rep && g.waitFrs && !this.thresholdReached(cq, g)) return;
    const version = this.version[cq.root]!;
    const old = g.rep;
    g.rep = null;
    if (old) {
      old.repOf = null;
      if (old.active) this.deactivate(old);
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
      if (hi > 0 && this.canProgress(cq, list[0]!)) lo = 1;
      else {
        hi = 0;
        if (list.length > 0) this.setThresholds(cq, list[0]!, g);
      }
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.canProgress(cq, list[mid]!)) lo = mid + 1;
        else hi = mid;
      }
      for (let i = 0; i < lo; i++) consider(list[i]!, i);
    } else {
      for (let i = 0; i < list.length; i++) if (this.canProgress(cq, list[i]!)) consider(list[i]!, i);
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
  }

  /** Deactivates a head that cannot progress; if it stood for a group, the group's next eligible class takes its place. */
  private retire(cq: CqModel, q: ClusterQueueState, c: WorkloadClass): void {
    const g = c.repOf;
    this.deactivate(c);
    if (g && g.rep === c) this.selectRepresentative(cq, q, g);
  }

  private thresholdReached(cq: CqModel, g: DirtyGroup): boolean {
    const released = this.released(cq.root);
    const frs = g.waitFrs!;
    const until = g.waitUntil!;
    for (let i = 0; i < frs.length; i++) if (released[frs[i]!]! >= until[i]!) return true;
    return false;
  }

  /**
   * For a queue without preemption, records what must be released before the
   * group's smallest class could fit: per flavor it could use, a resource
   * short of quota and by how much. Available quota only grows by releases.
   */
  private setThresholds(cq: CqModel, c: WorkloadClass, g: DirtyGroup): void {
    g.waitFrs = null;
    g.waitUntil = null;
    if (cq.within !== WithinPolicy.Never || (cq.path.length > 0 && cq.reclaim !== ReclaimPolicy.Never) || cq.inactiveReason) return;
    const options = c.options ?? this.classOptions(cq, c);
    const released = this.released(cq.root);
    for (const podSet of options) {
      for (const group of podSet) {
        const frs: number[] = [];
        const until: number[] = [];
        let fits = false;
        for (const o of group) {
          let blocked = -1;
          for (let i = 0; i < o.frs.length; i++) {
            const short = o.amounts[i]! - this.availableCached(cq, o.frs[i]!);
            if (short > 0) {
              frs.push(o.frs[i]!);
              until.push(released[o.frs[i]!]! + short);
              blocked = i;
              break;
            }
          }
          if (blocked < 0) fits = true;
        }
        if (!fits) {
          g.waitFrs = frs;
          g.waitUntil = until;
          return;
        }
      }
    }
  }

  /** Per cohort tree: cumulative quota released per fr. */
  private released(root: number): Float64Array {
    let r = this.releasedByRoot.get(root);
    if (!r) {
      r = new Float64Array(this.model.tree.frCount);
      this.releasedByRoot.set(root, r);
    }
    return r;
  }

  private olderHead(a: WorkloadClass, b: WorkloadClass): boolean {
    const wa = a.first();
    const wb = b.first();
    const ta = this.queueTime[wa]!;
    const tb = this.queueTime[wb]!;
    return ta !== tb ? ta < tb : wa < wb;
  }

  /**
   * A necessary condition for a class to get anywhere now: for every pod
   * set, some flavor whose requests each fit the available quota or could be
   * freed by preempting candidates that exist (see `mayAdmit`).
   */
  private canProgress(cq: CqModel, c: WorkloadClass): boolean {
    if (cq.inactiveReason) return false;
    const options = c.options ?? this.classOptions(cq, c);
    const noPreemption = cq.within === WithinPolicy.Never && (cq.path.length === 0 || cq.reclaim === ReclaimPolicy.Never);
    const start = c.flatStart;
    if (start && noPreemption) {
      // Fast path: one pod set, one resource group, quota only.
      const frs = c.flatFr!;
      const amounts = c.flatAmount!;
      const frCount = this.model.tree.frCount;
      const stamp = this.version[cq.root]! + 1;
      const base = cq.index * frCount;
      for (let o = 0; o + 1 < start.length; o++) {
        let fits = true;
        for (let i = start[o]!; i < start[o + 1]!; i++) {
          const fr = frs[i]!;
          const k = base + fr;
          if (this.availStamp[k] !== stamp) {
            this.availStamp[k] = stamp;
            this.availValue[k] = this.quota.available(cq.node, fr);
          }
          if (amounts[i]! > this.availValue[k]!) {
            fits = false;
            break;
          }
        }
        if (fits) return true;
      }
      return false;
    }
    for (const podSet of options) {
      for (const group of podSet) {
        let ok = false;
        for (const o of group) {
          if (this.fitsCached(cq, o.frs, o.amounts) || (!noPreemption && mayAdmit(this, cq, c.priority, o.frs, o.amounts))) {
            ok = true;
            break;
          }
        }
        if (!ok) return false;
      }
    }
    return true;
  }

  /** Available quota of (queue, fr), cached per state version of the queue's tree. */
  private availableCached(cq: CqModel, fr: number): number {
    const k = cq.index * this.model.tree.frCount + fr;
    const stamp = this.version[cq.root]! + 1;
    if (this.availStamp[k] !== stamp) {
      this.availStamp[k] = stamp;
      this.availValue[k] = this.quota.available(cq.node, fr);
    }
    return this.availValue[k]!;
  }

  private fitsCached(cq: CqModel, frs: readonly number[], amounts: readonly number[]): boolean {
    for (let i = 0; i < frs.length; i++) if (amounts[i]! > this.availableCached(cq, frs[i]!)) return false;
    return true;
  }

  private classOptions(cq: CqModel, c: WorkloadClass): Array<Array<Array<{ frs: number[]; amounts: number[] }>>> {
    const shape = this.shapes[c.shape]!;
    const constraint = c.constraint >= 0 ? this.constraints[c.constraint]! : null;
    const out: Array<Array<Array<{ frs: number[]; amounts: number[] }>>> = [];
    for (const ps of shape.podSets) {
      const groups = new Set<number>();
      for (const r of ps.resources) groups.add(cq.groupOfResource[r] ?? -1);
      if (cq.podsResource >= 0) groups.add(cq.groupOfResource[cq.podsResource]!);
      const perGroup: Array<Array<{ frs: number[]; amounts: number[] }>> = [];
      for (const gi of groups) {
        const options: Array<{ frs: number[]; amounts: number[] }> = [];
        if (gi >= 0) {
          const group = cq.groups[gi]!;
          for (let fi = 0; fi < group.flavors.length; fi++) {
            if (!flavorMatches(this.model, group.flavors[fi]!, constraint)) continue;
            const frs: number[] = [];
            const amounts: number[] = [];
            let possible = true;
            for (let k = 0; k < group.covered.length; k++) {
              const r = group.covered[k]!;
              const idx = ps.resources.indexOf(r);
              let need = idx >= 0 ? ps.total[idx]! : 0;
              if (r === cq.podsResource) need += ps.count;
              if (need === 0) continue;
              const fr = group.fr[fi * group.covered.length + k]!;
              if (fr < 0) possible = false;
              frs.push(fr);
              amounts.push(need);
            }
            if (possible) options.push({ frs, amounts });
          }
        }
        perGroup.push(options);
      }
      out.push(perGroup);
    }
    c.options = out;
    if (out.length === 1 && out[0]!.length === 1) {
      const opts = out[0]![0]!;
      const start = new Int32Array(opts.length + 1);
      const frs: number[] = [];
      const amounts: number[] = [];
      opts.forEach((o, i) => {
        start[i] = frs.length;
        frs.push(...o.frs);
        amounts.push(...o.amounts);
      });
      start[opts.length] = frs.length;
      c.flatStart = start;
      c.flatFr = Int32Array.from(frs);
      c.flatAmount = Float64Array.from(amounts);
    }
    return out;
  }

  /** Whether a class asks at least as much of every resource as one (same priority and constraints) that cannot progress. */
  private dominatesFailed(c: WorkloadClass, failed: readonly WorkloadClass[]): boolean {
    const mine = c.totals;
    if (!mine) return false;
    for (const f of failed) {
      if (f.groupKey !== c.groupKey) continue;
      const theirs = f.totals!;
      let dominates = true;
      for (let r = 0; r < mine.length; r++) {
        if (mine[r]! < theirs[r]!) {
          dominates = false;
          break;
        }
      }
      if (dominates) return true;
    }
    return false;
  }

  /** A reason for a class never evaluated in full (it could not progress from the start). */
  private cheapFailure(cq: CqModel, c: WorkloadClass): QuotaFailure {
    const w = c.head() >= 0 ? c.head() : c.first();
    const a = this.assigner.assign(w, cq, c.priority, this.queueTime[w]!, this.shapes[c.shape]!, c.constraint >= 0 ? this.constraints[c.constraint]! : null);
    return a.failure ?? { code: Reason.CohortHasNothingToLend, fr: -1, needed: 0, available: 0, noCandidates: true };
  }

  /** Cheap upper bound: false only when no admitted workload can be a preemption candidate for (cq, priority). */
  candidatesPossible(cq: CqModel, priority: number): boolean {
    if (cq.within !== WithinPolicy.Never) {
      const min = this.queues[cq.index]!.minAdmittedPriority();
      if (cq.within === WithinPolicy.LowerPriority ? min < priority : min <= priority) return true;
    }
    if (cq.path.length > 0 && cq.reclaim !== ReclaimPolicy.Never) {
      // Classical preemption: a queue at or above nominal everywhere that may not preempt while borrowing
      // can take cohort candidates only through a hierarchical advantage, which a flat cohort never gives.
      if (!this.fairSharing && !cq.borrowWithin && cq.path.length === 1 && !this.underNominalSomewhere(cq)) return false;
      for (const other of this.model.cqsOfRoot.get(cq.root)!) {
        if (other === cq.index) continue;
        const oq = this.queues[other]!;
        if (oq.admittedCount === 0) continue;
        if (cq.reclaim === ReclaimPolicy.LowerPriority && oq.minAdmittedPriority() >= priority) continue;
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

  usageByPriority(cq: number): ReadonlyMap<number, Float64Array> {
    return this.queues[cq]!.usageByPriority;
  }

  admittedByPriority(cq: number): ReadonlyMap<number, readonly number[]> {
    return this.queues[cq]!.admittedByPriority;
  }

  private listAdmitted(w: number): void {
    const q = this.queues[this.cqOf[w]!]!;
    const p = this.priority[w]!;
    let list = q.admittedByPriority.get(p);
    if (!list) {
      list = [];
      q.admittedByPriority.set(p, list);
      q.removedByPriority.set(p, 0);
    }
    this.admittedPrioPos[w] = list.length;
    list.push(w);
  }

  private unlistAdmitted(w: number): void {
    const q = this.queues[this.cqOf[w]!]!;
    const p = this.priority[w]!;
    const list = q.admittedByPriority.get(p)!;
    list[this.admittedPrioPos[w]!] = -1;
    const removed = q.removedByPriority.get(p)! + 1;
    if (removed > 16 && removed * 2 > list.length) {
      let k = 0;
      for (const x of list) {
        if (x < 0) continue;
        this.admittedPrioPos[x] = k;
        list[k++] = x;
      }
      list.length = k;
      q.removedByPriority.set(p, 0);
    } else q.removedByPriority.set(p, removed);
  }

  private addPriorityUsage(cq: number, p: number, usage: Usage, sign: number): void {
    const map = this.queues[cq]!.usageByPriority;
    let arr = map.get(p);
    if (!arr) {
      arr = new Float64Array(this.model.tree.frCount);
      map.set(p, arr);
    }
    for (let i = 0; i < usage.fr.length; i++) arr[usage.fr[i]!]! += sign * usage.amount[i]!;
  }

  /** StrictFIFO: everything behind a blocked head waits for it. */
  private labelStrictFollowers(): void {
    if (!this.timeline) return;
    for (let cqIndex = 0; cqIndex < this.model.cqs.length; cqIndex++) {
      const cq = this.model.cqs[cqIndex]!;
      const q = this.queues[cqIndex]!;
      if (cq.strategy !== Strategy.StrictFIFO || q.parkedHead < 0) continue;
      for (const c of q.heap.items) {
        for (let i = c.start; i < c.members.length; i++) {
          const w = c.members[i]!;
          if (w !== q.parkedHead) this.record(w, Reason.BehindStrictFIFOHead, q.parkedHead);
        }
      }
    }
  }

  // ------------------------------------------------------------ placement

  private tryPlace(w: number): boolean {
    const shape = this.shapes[this.table.shape[w]!]!;
    const flavors = this.podSetFlavorOf[w]!;
    const placed = this.placedNodes[w]!;
    const gang = this.table.gang[w] === 1;
    const nodes = this.nodes;
    if (gang) {
      for (let p = 0; p < shape.podSets.length; p++) {
        const f = flavors[p]!;
        const ps = shape.podSets[p]!;
        if (f >= 0 && nodes.hasNodes(f) && !nodes.mayFit(f, ps.count, ps.gpuPerPod)) return false;
      }
    }
    this.touchFlavors();
    const bound: number[] = [];
    let offset = 0;
    let complete = true;
    for (let p = 0; p < shape.podSets.length; p++) {
      const ps = shape.podSets[p]!;
      const f = flavors[p]!;
      for (let k = 0; k < ps.count; k++) {
        const slot = offset + k;
        if (placed[slot] !== -1) continue;
        if (f < 0 || !nodes.hasNodes(f)) {
          placed[slot] = -2; // quota-only flavor: nothing to bind
          this.placedCount[w]!++;
          continue;
        }
        const node = nodes.pick(f, ps.gpuPerPod, ps.cpuPerPod, ps.memPerPod);
        if (node < 0) {
          complete = false;
          if (gang) break;
          continue;
        }
        nodes.bind(node, ps.gpuPerPod, ps.cpuPerPod, ps.memPerPod);
        placed[slot] = node;
        this.placedCount[w]!++;
        bound.push(slot);
        this.flavorRunning[f]! += ps.gpuPerPod;
        this.cqRunningChange(w, ps.gpuPerPod);
      }
      if (!complete && gang) break;
      offset += ps.count;
    }
    if (!complete && gang) {
      // All or nothing: undo this attempt.
      this.unbindSlots(w, bound);
      return false;
    }
    return complete;
  }

  private cqRunningChange(w: number, gpus: number): void {
    const cqIndex = this.cqOf[w]!;
    this.touchCq(cqIndex);
    this.cqRunning[cqIndex]! += gpus;
  }

  private unbindSlots(w: number, slots: readonly number[]): void {
    const shape = this.shapes[this.table.shape[w]!]!;
    const placed = this.placedNodes[w]!;
    this.touchFlavors();
    for (const slot of slots) {
      const ps = this.podSetOfSlot(shape, slot);
      const node = placed[slot]!;
      if (node >= 0) {
        this.nodes.unbind(node, ps.gpuPerPod, ps.cpuPerPod, ps.memPerPod);
        this.flavorRunning[this.nodes.flavorOf[node]!]! -= ps.gpuPerPod;
        this.cqRunningChange(w, -ps.gpuPerPod);
      }
      placed[slot] = -1;
      this.placedCount[w]!--;
    }
    if (slots.length) this.placementDirty = true;
  }

  private unbindAll(w: number): void {
    const placed = this.placedNodes[w];
    if (!placed) return;
    const slots: number[] = [];
    for (let s = 0; s < placed.length; s++) if (placed[s] !== -1) slots.push(s);
    this.unbindSlots(w, slots);
    this.placedNodes[w] = null;
    this.placedCount[w] = 0;
  }

  private podSetOfSlot(shape: ShapeModel, slot: number): ShapeModel['podSets'][number] {
    let offset = 0;
    for (const ps of shape.podSets) {
      if (slot < offset + ps.count) return ps;
      offset += ps.count;
    }
    return shape.podSets[shape.podSets.length - 1]!;
  }

  private insertUnplaced(w: number): void {
    const list = this.unplaced;
    const p = this.priority[w]!;
    let i = list.length;
    while (i > 0) {
      const o = list[i - 1]!;
      const op = this.priority[o]!;
      if (op > p || (op === p && (this.admitTime[o]! < this.admitTime[w]! || (this.admitTime[o] === this.admitTime[w] && o < w)))) break;
      i--;
    }
    list.splice(i, 0, w);
  }

  private retryPlacement(): void {
    this.placementDirty = false;
    if (this.unplaced.length === 0) return;
    const still: number[] = [];
    for (const w of this.unplaced) {
      if (this.st[w] !== St.Admitted) continue;
      if (this.tryPlace(w)) this.startRunning(w);
      else still.push(w);
    }
    this.unplaced = still;
    this.placementDirty = false;
  }

  private startRunning(w: number): void {
    this.quietEvents = 0;
    this.st[w] = St.Running;
    this.runStart[w] = this.now;
    this.setOwnReason(w, Reason.None, -1);
    const cqIndex = this.cqOf[w]!;
    if (Number.isNaN(this.firstStart[w]!)) {
      this.firstStart[w] = this.now;
      this.cqStartWaits[cqIndex]!.push(this.now - this.table.submit[w]!);
    }
    const sg = this.servingIndex(w);
    if (sg >= 0) this.serving[sg]!.running++;
    const d = this.table.duration[w]!;
    if (Number.isFinite(d)) this.pushEvent(this.now + d, Ev.Complete, w, this.epoch[w]!);
    this.record(w, Reason.None, -1);
  }

  /** A serving replica leaves (scaled down or finished): its demanded window closes. */
  private closeServing(w: number): void {
    const sg = this.servingIndex(w);
    if (sg < 0) return;
    const g = this.serving[sg]!;
    g.active--;
    g.demanded += this.now - this.table.submit[w]!;
  }

  private accountServing(w: number, until: number): void {
    const sg = this.servingIndex(w);
    if (sg < 0) return;
    const g = this.serving[sg]!;
    g.running--;
    g.served += Math.max(0, until - this.runStart[w]!);
  }

  // -------------------------------------------------------------- metrics

  private touchCq(cq: number): void {
    const dt = this.now - this.cqLast[cq]!;
    if (dt > 0) {
      this.cqAllocArea[cq]! += this.cqAlloc[cq]! * dt;
      const fc = this.flavorAlloc.length;
      for (let k = cq * fc; k < cq * fc + fc; k++) this.cqFlavorAllocArea[k]! += this.cqFlavorAlloc[k]! * dt;
      this.cqRunningArea[cq]! += this.cqRunning[cq]! * dt;
      this.cqBorrowedArea[cq]! += this.cqBorrowed[cq]! * dt;
    }
    this.cqLast[cq] = this.now;
  }

  private touchFlavors(): void {
    const dt = this.now - this.flavorLast;
    if (dt > 0) {
      for (let f = 0; f < this.flavorAlloc.length; f++) {
        this.flavorAllocArea[f]! += this.flavorAlloc[f]! * dt;
        this.flavorRunningArea[f]! += this.flavorRunning[f]! * dt;
      }
    }
    this.flavorLast = this.now;
  }

  private changeAlloc(cqIndex: number, usage: Usage, sign: number): void {
    const gpu = this.model.gpuResource;
    for (let i = 0; i < usage.fr.length; i++) {
      const fr = usage.fr[i]!;
      if (this.model.frResource[fr] !== gpu) continue;
      this.cqAlloc[cqIndex]! += sign * usage.amount[i]!;
      this.cqFlavorAlloc[cqIndex * this.flavorAlloc.length + this.model.frFlavor[fr]!]! += sign * usage.amount[i]!;
      this.flavorAlloc[this.model.frFlavor[fr]!]! += sign * usage.amount[i]!;
    }
    const node = this.model.cqs[cqIndex]!.node;
    let borrowed = 0;
    for (const fr of this.gpuFrsOfCq[cqIndex]!) borrowed += Math.max(0, this.quota.usage(node, fr) - this.quota.nominal(node, fr));
    this.cqBorrowed[cqIndex] = borrowed;
  }

  private sample(t: number): void {
    const model = this.model;
    this.sampleTimes.push(t);
    const lent = this.lentNow();
    const dt = t - this.lastSampleTime;
    if (dt > 0) for (let cq = 0; cq < model.cqs.length; cq++) this.cqLentArea[cq]! += this.lastLent[cq]! * dt;
    this.lastSampleTime = t;
    this.lastLent = lent;
    for (let cq = 0; cq < model.cqs.length; cq++) {
      this.seriesAlloc[cq]!.push(this.cqAlloc[cq]!);
      this.seriesRunning[cq]!.push(this.cqRunning[cq]!);
      this.seriesBorrowed[cq]!.push(this.cqBorrowed[cq]!);
      this.seriesLent[cq]!.push(lent[cq]!);
      this.seriesPending[cq]!.push(this.queues[cq]!.pending);
    }
    let total = 0;
    let alloc = 0;
    let running = 0;
    let free = 0;
    let frag = 0;
    const minPending = this.minPendingGpuPerPod();
    for (let f = 0; f < model.flavors.length; f++) {
      total += this.nodes.totalGpus[f]!;
      free += this.nodes.freeGpus[f]!;
      alloc += this.flavorAlloc[f]!;
      running += this.flavorRunning[f]!;
      const m = minPending[f]!;
      if (Number.isFinite(m) && m > 1) frag += this.nodes.fragmentedGpus(f, m);
    }
    this.seriesTotal.push(total);
    this.seriesClusterAlloc.push(alloc);
    this.seriesClusterRunning.push(running);
    this.seriesIdle.push(free);
    this.seriesFrag.push(frag);
    if (this.heatmap) {
      for (let node = 0; node < model.nodes.length; node++) {
        const used = this.nodes.online[node] ? model.nodes[node]!.gpus - this.nodes.freeGpu[node]! : 0;
        this.heatmap[node]!.push(used);
      }
    }
    for (const g of this.serving) {
      if (g.active > 0) {
        g.samples++;
        if (g.running >= g.active) g.met++;
      }
    }
  }

  /** Smallest per-pod GPU request among pending workloads, per flavor they could use. */
  private minPendingGpuPerPod(): Float64Array {
    const out = new Float64Array(this.model.flavors.length).fill(Number.POSITIVE_INFINITY);
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
    for (const w of this.unplaced) {
      const shape = this.shapes[this.table.shape[w]!]!;
      const flavors = this.podSetFlavorOf[w];
      if (!flavors) continue;
      shape.podSets.forEach((ps, p) => {
        const f = flavors[p]!;
        if (f >= 0 && ps.gpuPerPod > 0) out[f] = Math.min(out[f]!, ps.gpuPerPod);
      });
    }
    return out;
  }

  /** GPUs each ClusterQueue lends now: its cohort tree's borrowed GPUs split by unused lendable nominal quota. */
  private lentNow(): Float64Array {
    const model = this.model;
    const out = new Float64Array(model.cqs.length);
    for (const [, cqs] of model.cqsOfRoot) {
      if (cqs.length < 2) continue;
      for (let fr = 0; fr < model.tree.frCount; fr++) {
        if (model.frResource[fr] !== model.gpuResource) continue;
        let borrowed = 0;
        let lendable = 0;
        for (const cq of cqs) {
          const node = model.cqs[cq]!.node;
          const u = this.quota.usage(node, fr);
          const nom = this.quota.nominal(node, fr);
          borrowed += Math.max(0, u - nom);
          lendable += this.unusedLendable(node, fr);
        }
        if (borrowed === 0 || lendable === 0) continue;
        for (const cq of cqs) {
          const mine = this.unusedLendable(model.cqs[cq]!.node, fr);
          out[cq]! += Math.min(mine, (borrowed * mine) / lendable);
        }
      }
    }
    return out;
  }

  private unusedLendable(node: number, fr: number): number {
    const u = this.quota.usage(node, fr);
    const nom = this.quota.nominal(node, fr);
    const ll = this.model.tree.lendingLimit[node * this.model.tree.frCount + fr]!;
    const unused = Math.max(0, nom - u);
    return ll < 0 ? unused : Math.min(ll, unused);
  }

  // -------------------------------------------------------------- reasons

  private setOwnReason(w: number, code: number, arg: number): void {
    if (this.ownReason[w] !== code || this.ownReasonArg[w] !== arg) {
      this.ownReason[w] = code;
      this.ownReasonArg[w] = arg;
      this.reasonSince[w] = this.now;
    }
    if (code !== Reason.None) this.record(w, code, arg);
  }

  private recordClassReason(c: WorkloadClass, w: number): void {
    if (!this.timeline || !c.failure) return;
    this.record(w, c.failure.code, -1);
  }

  private readonly lastRecorded = new Map<number, number>();

  private record(w: number, code: number, other: number): void {
    const tl = this.timeline;
    if (!tl) return;
    const key = this.st[w]! * 64 + code;
    if (this.lastRecorded.get(w) === key && code !== Reason.PreemptedBy) return;
    this.lastRecorded.set(w, key);
    tl.t.push(this.now);
    tl.w.push(w);
    tl.code.push(key);
    tl.other.push(other);
  }

  /** The reason a workload is not running right now (Reason.None when it runs or is done). */
  reasonOf(w: number): { code: number; other: number; failure: QuotaFailure | null } {
    const s = this.st[w]!;
    if (s === St.Running || s === St.Finished || s === St.Deleted || s === St.NotSubmitted) return { code: Reason.None, other: -1, failure: null };
    if (s === St.Deactivated) return { code: Reason.Deactivated, other: -1, failure: null };
    if (s === St.Backoff) return { code: Reason.Backoff, other: -1, failure: null };
    if (s === St.Admitted) return { code: Reason.NoNodeFits, other: -1, failure: null };
    const cq = this.model.cqs[this.cqOf[w]!]!;
    if (cq.inactiveReason) return { code: Reason.ClusterQueueInactive, other: -1, failure: null };
    const q = this.queues[cq.index]!;
    const c = this.classOf[w]! >= 0 ? this.classes[this.classOf[w]!]! : null;
    const own = this.ownReason[w]!;
    if (own === Reason.PendingPreemption || own === Reason.CapacityTakenInCycle) return { code: own, other: this.ownReasonArg[w]!, failure: c?.failure ?? null };
    let code: number = own;
    let other = -1;
    let failure: QuotaFailure | null = null;
    if (cq.strategy === Strategy.StrictFIFO) {
      const head = q.heap.top()?.first() ?? -1;
      if (head >= 0 && head !== w) {
        code = Reason.BehindStrictFIFOHead;
        other = head;
      } else if (q.parkedHead === w && q.parkFailure) {
        failure = q.parkFailure;
        code = failure.code;
      }
    } else if (c && c.failure && (!c.active || this.triedInActivation(c, w))) {
      failure = c.failure;
      code = failure.code;
    }
    if (this.preemptedBy[w]! >= 0 && code !== Reason.BehindStrictFIFOHead) return { code: Reason.PreemptedBy, other: this.preemptedBy[w]!, failure };
    return { code, other, failure };
  }

  private triedInActivation(c: WorkloadClass, w: number): boolean {
    for (let i = c.start; i < c.start + c.cursor && i < c.members.length; i++) if (c.members[i] === w) return true;
    return false;
  }

  // -------------------------------------------------------------- outputs

  workloadIndex(id: string): number {
    if (this.table.ids) return this.table.ids.indexOf(id);
    const m = /^wl-(\d+)$/.exec(id);
    return m ? Number(m[1]) : -1;
  }

  stateName(w: number): WorkloadStateName {
    return STATE_NAMES[this.st[w]!]!;
  }

  /** "Why is this workload pending?" */
  explain(id: string): PendingExplanation {
    const w = this.workloadIndex(id);
    if (w < 0 || w >= this.n) throw new Error(`no workload "${id}"`);
    const cq = this.model.cqs[this.cqOf[w]!]!;
    const r = this.reasonOf(w);
    return {
      id,
      clusterQueue: cq.name,
      state: this.stateName(w),
      reason: reasonName(r.code),
      message: this.message(w, r.code, r.other, r.failure),
      resource: r.failure && r.failure.fr >= 0 ? this.model.tree.flavorResources[r.failure.fr]!.resource : null,
      since: this.reasonSince[w]!,
      preemptedBy: this.preemptedBy[w]! >= 0 ? this.table.id(this.preemptedBy[w]!) : null,
    };
  }

  private message(w: number, code: number, other: number, failure: QuotaFailure | null): string {
    const model = this.model;
    const cq = model.cqs[this.cqOf[w]!]!;
    const detail = (f: QuotaFailure | null) => {
      if (!f || f.fr < 0) return '';
      const { flavor, resource } = model.tree.flavorResources[f.fr]!;
      const show = (v: number) => displayValue(resource, v);
      return ` (needs ${show(f.needed)} ${resource} of flavor ${flavor}; ${show(f.available)} available to ${cq.name}${f.noCandidates ? '; no workload can be preempted for it' : ''})`;
    };
    switch (code) {
      case Reason.None:
        return this.st[w] === St.Running ? 'running' : this.stateName(w);
      case Reason.NotYetTried:
        return 'submitted, not evaluated yet';
      case Reason.InsufficientNominalQuota:
        return `insufficient unused nominal quota in ClusterQueue ${cq.name}${detail(failure)}`;
      case Reason.NominalQuotaLentOut:
        return `its nominal quota is lent to borrowing queues of the cohort; reclaiming it needs preemption${detail(failure)}`;
      case Reason.CohortHasNothingToLend:
        return `needs to borrow, and the cohort has nothing left to lend${detail(failure)}`;
      case Reason.BorrowingLimitReached:
        return `admitting it would exceed nominalQuota + borrowingLimit of ${cq.name}${detail(failure)}`;
      case Reason.ExceedsMaximumCapacity:
        return `requests more than ${cq.name} can ever hold under this policy${detail(failure)}`;
      case Reason.BehindStrictFIFOHead:
        return `behind the StrictFIFO head ${other >= 0 ? this.table.id(other) : ''} of ${cq.name}, which does not fit`;
      case Reason.NoNodeFits:
        return 'admitted by quota, but no set of nodes can host its pods (admitted, unschedulable)';
      case Reason.PreemptedBy:
        return `preempted by ${other >= 0 ? this.table.id(other) : 'another workload'}${failure ? `; now ${reasonName(failure.code)}${detail(failure)}` : ''}`;
      case Reason.PendingPreemption:
        return `preempting ${other} workload(s) to make room`;
      case Reason.Backoff:
        return `requeued after the waitForPodsReady timeout (${this.requeues[w]} time(s)); in backoff`;
      case Reason.Deactivated:
        return `deactivated after exceeding waitForPodsReady's backoffLimitCount`;
      case Reason.FlavorMismatch:
        return `no flavor of ${cq.name} matches its node selector or tolerations`;
      case Reason.ResourceNotInQueue:
        return `requests a resource ${cq.name} does not cover`;
      case Reason.ClusterQueueInactive:
        return `ClusterQueue ${cq.name} is inactive: ${cq.inactiveReason ?? ''}`;
      case Reason.CapacityTakenInCycle:
        return 'fitted at nomination, but another workload took the capacity in the same scheduling cycle';
      default:
        return reasonName(code);
    }
  }

  /** A workload's recorded state and reason changes (when timelines are recorded). */
  timelineOf(id: string): TimelineEntry[] {
    const w = this.workloadIndex(id);
    const tl = this.timeline;
    if (!tl || w < 0) return [];
    const out: TimelineEntry[] = [];
    const ws = tl.w.view();
    for (let i = 0; i < ws.length; i++) {
      if (ws[i] !== w) continue;
      const key = tl.code.data[i]!;
      const other = tl.other.data[i]!;
      out.push({ time: tl.t.data[i]!, state: STATE_NAMES[Math.floor(key / 64)]!, reason: reasonName(key % 64), other: other >= 0 ? this.table.id(other) : null });
    }
    return out;
  }

  /** Every ClusterQueue's and Cohort's admitted / pending counts, usage and weighted share at the current time. */
  snapshotAt(time: number): AtSnapshot {
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
      const q = this.queues[cq.index]!;
      const share = this.quota.weightedShare(cq.node);
      return {
        name: cq.name,
        cohort: cq.path.length ? tree.nodes[cq.path[0]!]!.name : null,
        admitted: q.admittedCount,
        pending: q.pending,
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
        admitted: cqs.reduce((sum, cq) => sum + this.queues[cq]!.admittedCount, 0),
        pending: cqs.reduce((sum, cq) => sum + this.queues[cq]!.pending, 0),
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

  result(): GpuSimResult {
    const model = this.model;
    const tree = model.tree;
    // `at` times after the end report the final state.
    while (this.nextAt < this.atTimes.length) this.atSnapshots.push(this.snapshotAt(this.atTimes[this.nextAt++]!));
    const queues: QueueResult[] = model.cqs.map((cq) => {
      const i = cq.index;
      const q = this.queues[i]!;
      return {
        clusterQueue: cq.name,
        team: cq.team,
        cohort: cq.path.length ? tree.nodes[cq.path[0]!]!.name : null,
        submitted: this.cqSubmitted[i]!,
        admitted: this.cqAdmittedEver[i]!,
        completed: this.cqCompleted[i]!,
        pendingAtEnd: q.pending,
        admittedAtEnd: q.admittedCount,
        deleted: this.cqDeleted[i]!,
        deactivated: this.cqDeactivated[i]!,
        wait: percentiles(this.cqWaits[i]!.view()),
        startWait: percentiles(this.cqStartWaits[i]!.view()),
        neverAdmitted: this.cqSubmitted[i]! - this.cqAdmittedEver[i]! - this.cqDeletedUnadmitted[i]!,
        gpuHoursAllocated: this.cqAllocArea[i]! / 3600,
        gpuHoursByFlavor: Object.fromEntries(model.flavors.flatMap((f) => {
          const area = this.cqFlavorAllocArea[i * model.flavors.length + f.id]!;
          return area > 0 ? [[f.name, area / 3600]] : [];
        })),
        gpuHoursRunning: this.cqRunningArea[i]! / 3600,
        borrowedGpuHours: this.cqBorrowedArea[i]! / 3600,
        lentGpuHours: this.cqLentArea[i]! / 3600,
        preempted: this.cqPreempted[i]!,
        preemptionsIssued: this.cqPreemptionsIssued[i]!,
        gpuHoursLostToPreemption: this.cqLost[i]!,
        podsReadyEvictions: this.cqTimeouts[i]!,
      };
    });
    const teams = new Map<string, number[]>();
    model.cqs.forEach((cq) => teams.set(cq.team, [...(teams.get(cq.team) ?? []), cq.index]));
    const teamResults: TeamResult[] = [...teams.entries()].map(([team, cqs]) => {
      const merge = (arrays: GrowableF64[]) => {
        const all = new GrowableF64();
        for (const cq of cqs) for (const v of arrays[cq]!.view()) all.push(v);
        return percentiles(all.view());
      };
      const sum = (f: (q: QueueResult) => number) => cqs.reduce((s, cq) => s + f(queues[cq]!), 0);
      return {
        team,
        clusterQueues: cqs.map((cq) => model.cqs[cq]!.name),
        submitted: sum((q) => q.submitted),
        admitted: sum((q) => q.admitted),
        completed: sum((q) => q.completed),
        wait: merge(this.cqWaits),
        startWait: merge(this.cqStartWaits),
        gpuHoursAllocated: sum((q) => q.gpuHoursAllocated),
        gpuHoursByFlavor: mergeByFlavor(cqs.map((cq) => queues[cq]!.gpuHoursByFlavor)),
        gpuHoursRunning: sum((q) => q.gpuHoursRunning),
        borrowedGpuHours: sum((q) => q.borrowedGpuHours),
        lentGpuHours: sum((q) => q.lentGpuHours),
        preempted: sum((q) => q.preempted),
        gpuHoursLostToPreemption: sum((q) => q.gpuHoursLostToPreemption),
      };
    });
    const serving: ServingResult[] = this.serving.map((g) => ({
      group: g.name,
      clusterQueue: model.cqs[g.cq]!.name,
      replicaHoursDemanded: g.demanded / 3600,
      replicaHoursServed: g.served / 3600,
      attainment: g.demanded > 0 ? Math.min(1, g.served / g.demanded) : 1,
      samplesMet: g.samples > 0 ? g.met / g.samples : 1,
    }));
    const series: QueueSeries[] = model.cqs.map((cq) => ({
      clusterQueue: cq.name,
      allocatedGpus: Array.from(this.seriesAlloc[cq.index]!.view()),
      runningGpus: Array.from(this.seriesRunning[cq.index]!.view()),
      borrowedGpus: Array.from(this.seriesBorrowed[cq.index]!.view()),
      lentGpus: Array.from(this.seriesLent[cq.index]!.view()),
      pending: Array.from(this.seriesPending[cq.index]!.view()),
    }));
    return {
      seed: this.options.seed ?? null,
      endTime: this.now,
      cancelled: this.cancelled,
      events: this.eventCount,
      arrivals: this.arrivals,
      admissions: this.admissions,
      preemptions: this.preemptionCount,
      schedulingRounds: this.rounds,
      stalledInstants: this.stalledInstants,
      queues,
      teams: teamResults,
      serving,
      flavors: model.flavors.map((f) => ({
        flavor: f.name,
        gpus: this.nodes.totalGpus[f.id]!,
        gpuHoursAllocated: this.flavorAllocArea[f.id]! / 3600,
        gpuHoursRunning: this.flavorRunningArea[f.id]! / 3600,
      })),
      series: {
        times: Array.from(this.sampleTimes.view()),
        queues: series,
        totalGpus: Array.from(this.seriesTotal.view()),
        allocatedGpus: Array.from(this.seriesClusterAlloc.view()),
        runningGpus: Array.from(this.seriesClusterRunning.view()),
        idleGpus: Array.from(this.seriesIdle.view()),
        fragmentedGpus: Array.from(this.seriesFrag.view()),
        ...(this.heatmap
          ? { nodes: { names: model.nodes.map((node) => `${node.pool}-${node.ordinal}`), gpusUsed: this.heatmap.map((h) => Array.from(h.view())) } }
          : {}),
      },
      at: this.atSnapshots,
    };
  }

}

/** Runs a whole simulation: the policy, its workloads, options. */
export function simulateGpu(cluster: Cluster, workloads: readonly WorkloadSpec[] | WorkloadTable, options: GpuSimOptions = {}): GpuSimResult {
  return new GpuSimulation(cluster, workloads, options).run();
}

function mergeByFlavor(parts: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const part of parts) for (const [flavor, hours] of Object.entries(part)) merged[flavor] = (merged[flavor] ?? 0) + hours;
  return merged;
}
