/**
 * What a run measures, as Kueue's metrics and more: counters per
 * ClusterQueue (submitted, admitted, completed, preempted…), waits, GPU-hours
 * allocated, running, borrowed and lent (areas under piecewise-constant
 * curves, brought up to date by `touch*` before every change), per-flavor
 * totals, serving SLO attainment, and the sampled series (per queue and for
 * the cluster, with a node heatmap). `*Results` turn them into the result's
 * figures.
 */
import type { SimModel } from '../model.ts';
import { GrowableF64, percentiles } from '../metrics.ts';
import type { NodeState } from '../nodes.ts';
import type { Quota, Usage } from '../quota.ts';
import type { FlavorResult, QueueResult, QueueSeries, SeriesResult, ServingResult, TeamResult } from '../types.ts';
import { WORKLOAD_KINDS, type WorkloadTable } from '../workloads.ts';
import { WorkloadState, type WorkloadStatus } from './status.ts';

/** The replicas of one serving deployment: how many are wanted and running, and what was demanded and served. */
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

export class RunMetrics {
  // Run totals.
  events = 0;
  arrivals = 0;
  admissions = 0;
  preemptions = 0;
  /** Scheduling cycles, and instants cut short by the cycle budget. */
  rounds = 0;
  stalledInstants = 0;

  // Per ClusterQueue.
  readonly cqSubmitted: Int32Array;
  readonly cqAdmittedEver: Int32Array;
  readonly cqCompleted: Int32Array;
  readonly cqDeleted: Int32Array;
  readonly cqDeletedUnadmitted: Int32Array;
  readonly cqDeactivated: Int32Array;
  readonly cqPreempted: Int32Array;
  readonly cqPreemptionsIssued: Int32Array;
  readonly cqTimeouts: Int32Array;
  /** GPU-hours of work lost to preemption (run time thrown away). */
  readonly cqLost: Float64Array;
  readonly cqWaits: GrowableF64[];
  readonly cqStartWaits: GrowableF64[];
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

  // Per flavor.
  private readonly flavorAlloc: Float64Array;
  private readonly flavorRunning: Float64Array;
  private readonly flavorAllocArea: Float64Array;
  private readonly flavorRunningArea: Float64Array;
  private flavorLast = 0;

  // Serving.
  private readonly serving: ServingGroup[] = [];
  private readonly servingOfGroup: Int32Array;

  // Series.
  readonly sampleInterval: number;
  private nextSample = 0;
  private lastSampleTime = 0;
  private lastLent: Float64Array;
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

  private readonly model: SimModel;
  private readonly quota: Quota;
  private readonly table: WorkloadTable;
  private readonly nodes: NodeState;
  private readonly status: WorkloadStatus;

  constructor(model: SimModel, quota: Quota, table: WorkloadTable, nodes: NodeState, status: WorkloadStatus, options: { until: number; sampleInterval?: number; nodeHeatmap?: boolean }) {
    this.model = model;
    this.quota = quota;
    this.table = table;
    this.nodes = nodes;
    this.status = status;
    const cqCount = model.cqs.length;
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
    const n = table.n;
    this.servingOfGroup = new Int32Array(table.groups.length).fill(-1);
    const servingKind = WORKLOAD_KINDS.indexOf('serving');
    for (let i = 0; i < n; i++) {
      const g = table.group[i]!;
      if (g >= 0 && table.kind[i] === servingKind && this.servingOfGroup[g] === -1) {
        this.servingOfGroup[g] = this.serving.length;
        this.serving.push({ name: table.groups[g]!, cq: status.cqOf[i]!, active: 0, running: 0, demanded: 0, served: 0, samples: 0, met: 0 });
      }
    }

    let horizon = 0;
    for (let i = 0; i < n; i++) {
      const end = table.submit[i]! + (Number.isFinite(table.duration[i]!) ? table.duration[i]! : 0);
      const del = table.endTime[i]!;
      horizon = Math.max(horizon, Number.isNaN(del) ? end : Math.min(Math.max(end, table.submit[i]!), del));
    }
    if (Number.isFinite(options.until)) horizon = options.until;
    this.sampleInterval = options.sampleInterval ?? Math.max(1, horizon / 500);
    this.seriesAlloc = model.cqs.map(() => new GrowableF64());
    this.seriesRunning = model.cqs.map(() => new GrowableF64());
    this.seriesBorrowed = model.cqs.map(() => new GrowableF64());
    this.seriesLent = model.cqs.map(() => new GrowableF64());
    this.seriesPending = model.cqs.map(() => new GrowableF64());
    const heatmap = options.nodeHeatmap ?? model.nodes.length <= 2000;
    this.heatmap = heatmap ? model.nodes.map(() => new GrowableF64()) : null;
  }

  // ------------------------------------------------------------ GPU areas

  /** Brings a ClusterQueue's areas up to `now` (before any of its curves changes). */
  touchCq(cq: number, now: number): void {
    const dt = now - this.cqLast[cq]!;
    if (dt > 0) {
      this.cqAllocArea[cq]! += this.cqAlloc[cq]! * dt;
      const fc = this.flavorAlloc.length;
      for (let k = cq * fc; k < cq * fc + fc; k++) this.cqFlavorAllocArea[k]! += this.cqFlavorAlloc[k]! * dt;
      this.cqRunningArea[cq]! += this.cqRunning[cq]! * dt;
      this.cqBorrowedArea[cq]! += this.cqBorrowed[cq]! * dt;
    }
    this.cqLast[cq] = now;
  }

  /** Brings the per-flavor areas up to `now`. */
  touchFlavors(now: number): void {
    const dt = now - this.flavorLast;
    if (dt > 0) {
      for (let f = 0; f < this.flavorAlloc.length; f++) {
        this.flavorAllocArea[f]! += this.flavorAlloc[f]! * dt;
        this.flavorRunningArea[f]! += this.flavorRunning[f]! * dt;
      }
    }
    this.flavorLast = now;
  }

  /** GPUs allocated (quota) change by ±usage; the queue's borrowed GPUs follow the quota tree (already updated). */
  changeAlloc(cqIndex: number, usage: Usage, sign: number): void {
    const model = this.model;
    const gpu = model.gpuResource;
    for (let i = 0; i < usage.fr.length; i++) {
      const fr = usage.fr[i]!;
      if (model.frResource[fr] !== gpu) continue;
      this.cqAlloc[cqIndex]! += sign * usage.amount[i]!;
      this.cqFlavorAlloc[cqIndex * this.flavorAlloc.length + model.frFlavor[fr]!]! += sign * usage.amount[i]!;
      this.flavorAlloc[model.frFlavor[fr]!]! += sign * usage.amount[i]!;
    }
    const node = model.cqs[cqIndex]!.node;
    let borrowed = 0;
    for (const fr of this.gpuFrsOfCq[cqIndex]!) borrowed += Math.max(0, this.quota.usage(node, fr) - this.quota.nominal(node, fr));
    this.cqBorrowed[cqIndex] = borrowed;
  }

  /** GPUs bound to nodes (running pods) of a queue on a flavor change by `gpus`. */
  changeRunning(cq: number, flavor: number, gpus: number, now: number): void {
    this.flavorRunning[flavor]! += gpus;
    this.touchCq(cq, now);
    this.cqRunning[cq]! += gpus;
  }

  // -------------------------------------------------------------- serving

  private servingIndex(w: number): number {
    const g = this.table.group[w]!;
    return g >= 0 ? this.servingOfGroup[g]! : -1;
  }

  /** A serving replica is wanted (it arrived). */
  servingArrived(w: number): void {
    const sg = this.servingIndex(w);
    if (sg >= 0) this.serving[sg]!.active++;
  }

  servingStarted(w: number): void {
    const sg = this.servingIndex(w);
    if (sg >= 0) this.serving[sg]!.running++;
  }

  /** A running serving replica stops running at `until`: it served since it started. */
  servingStopped(w: number, until: number): void {
    const sg = this.servingIndex(w);
    if (sg < 0) return;
    const g = this.serving[sg]!;
    g.running--;
    g.served += Math.max(0, until - this.status.runStart[w]!);
  }

  /** A serving replica leaves (scaled down or finished): its demanded window closes. */
  servingClosed(w: number, now: number): void {
    const sg = this.servingIndex(w);
    if (sg < 0) return;
    const g = this.serving[sg]!;
    g.active--;
    g.demanded += now - this.table.submit[w]!;
  }

  /** At the end: replicas still alive were demanded (and, if running, served) up to now. */
  closeServingAtEnd(now: number): void {
    if (!this.serving.length) return;
    const state = this.status.state;
    for (let w = 0; w < state.length; w++) {
      const s = state[w]!;
      if (this.servingIndex(w) < 0 || s === WorkloadState.NotSubmitted || s === WorkloadState.Finished || s === WorkloadState.Deleted || s === WorkloadState.Deactivated) continue;
      if (s === WorkloadState.Running) this.servingStopped(w, now);
      this.serving[this.servingIndex(w)]!.demanded += now - this.table.submit[w]!;
    }
  }

  // --------------------------------------------------------------- series

  /** Takes the samples due before time t (the state is constant between events). */
  sampleBefore(t: number, pending: (cq: number) => number, minPendingGpuPerPod: () => Float64Array): void {
    while (this.nextSample < t) {
      this.sample(this.nextSample, pending, minPendingGpuPerPod());
      this.nextSample += this.sampleInterval;
    }
  }

  /** Whether the last sample is before `end` (the run's end gets one). */
  needsFinalSample(end: number): boolean {
    return this.sampleTimes.length === 0 || this.sampleTimes.data[this.sampleTimes.length - 1]! < end;
  }

  sample(t: number, pending: (cq: number) => number, minPending: Float64Array): void {
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
      this.seriesPending[cq]!.push(pending(cq));
    }
    let total = 0;
    let alloc = 0;
    let running = 0;
    let free = 0;
    let frag = 0;
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

  // -------------------------------------------------------------- results

  /** Per ClusterQueue figures; `pendingAtEnd` and `admittedAtEnd` come from the queues and the snapshot. */
  queueResults(pendingAtEnd: (cq: number) => number, admittedAtEnd: (cq: number) => number): QueueResult[] {
    const model = this.model;
    return model.cqs.map((cq) => {
      const i = cq.index;
      return {
        clusterQueue: cq.name,
        team: cq.team,
        cohort: cq.path.length ? model.tree.nodes[cq.path[0]!]!.name : null,
        submitted: this.cqSubmitted[i]!,
        admitted: this.cqAdmittedEver[i]!,
        completed: this.cqCompleted[i]!,
        pendingAtEnd: pendingAtEnd(i),
        admittedAtEnd: admittedAtEnd(i),
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
  }

  /** Per team: its ClusterQueues' figures summed, waits merged. */
  teamResults(queues: readonly QueueResult[]): TeamResult[] {
    const model = this.model;
    const teams = new Map<string, number[]>();
    model.cqs.forEach((cq) => teams.set(cq.team, [...(teams.get(cq.team) ?? []), cq.index]));
    return [...teams.entries()].map(([team, cqs]) => {
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
  }

  servingResults(): ServingResult[] {
    return this.serving.map((g) => ({
      group: g.name,
      clusterQueue: this.model.cqs[g.cq]!.name,
      replicaHoursDemanded: g.demanded / 3600,
      replicaHoursServed: g.served / 3600,
      attainment: g.demanded > 0 ? Math.min(1, g.served / g.demanded) : 1,
      samplesMet: g.samples > 0 ? g.met / g.samples : 1,
    }));
  }

  flavorResults(): FlavorResult[] {
    return this.model.flavors.map((f) => ({
      flavor: f.name,
      gpus: this.nodes.totalGpus[f.id]!,
      gpuHoursAllocated: this.flavorAllocArea[f.id]! / 3600,
      gpuHoursRunning: this.flavorRunningArea[f.id]! / 3600,
    }));
  }

  seriesResult(): SeriesResult {
    const model = this.model;
    const queues: QueueSeries[] = model.cqs.map((cq) => ({
      clusterQueue: cq.name,
      allocatedGpus: Array.from(this.seriesAlloc[cq.index]!.view()),
      runningGpus: Array.from(this.seriesRunning[cq.index]!.view()),
      borrowedGpus: Array.from(this.seriesBorrowed[cq.index]!.view()),
      lentGpus: Array.from(this.seriesLent[cq.index]!.view()),
      pending: Array.from(this.seriesPending[cq.index]!.view()),
    }));
    return {
      times: Array.from(this.sampleTimes.view()),
      queues,
      totalGpus: Array.from(this.seriesTotal.view()),
      allocatedGpus: Array.from(this.seriesClusterAlloc.view()),
      runningGpus: Array.from(this.seriesClusterRunning.view()),
      idleGpus: Array.from(this.seriesIdle.view()),
      fragmentedGpus: Array.from(this.seriesFrag.view()),
      ...(this.heatmap ? { nodes: { names: model.nodes.map((node) => `${node.pool}-${node.ordinal}`), gpusUsed: this.heatmap.map((h) => Array.from(h.view())) } } : {}),
    };
  }
}

function mergeByFlavor(parts: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const part of parts) for (const [flavor, hours] of Object.entries(part)) merged[flavor] = (merged[flavor] ?? 0) + hours;
  return merged;
}
