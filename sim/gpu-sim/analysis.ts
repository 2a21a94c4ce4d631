/**
 * What the analyses share: runs of the simulator on one fixed workload under
 * changed policies, stepped in slices like `GpuSimulation` (a Web Worker
 * posts progress and yields between slices; `shouldCancel` stops early), and
 * edits of a policy's nominal quota.
 */
import type { Cluster, TeamQueue } from '../cluster/schema.ts';
import { GPU_RESOURCE } from '../cluster/schema.ts';
import { resourceValue } from '../kueue/resource-value.ts';
import { nodeCountAt } from '../cluster/capacity.ts';
import { GpuSimulation } from './simulator.ts';
import type { GpuSimOptions, GpuSimResult } from './types.ts';
import type { WorkloadSpec, WorkloadTable } from './workloads.ts';

export type Workloads = readonly WorkloadSpec[] | WorkloadTable;

export interface AnalysisProgress {
  /** Simulations finished so far. */
  runs: number;
  /** The most runs this analysis will do (it may stop sooner). */
  maxRuns: number;
  /** Rough share done, 0..1. */
  fraction: number;
  /** What the current run tries, by name, e.g. "Recommendations pod h100 nvidia.com/gpu = 12 (seed 3 of 5)". */
  label: string;
}

export interface AnalysisHooks {
  onProgress?: (progress: AnalysisProgress) => void;
  /** Polled between slices; true stops the analysis (its result says `cancelled`). */
  shouldCancel?: () => boolean;
}

/** Simulator options the analyses pass to every run (no per-run callbacks). */
export type AnalysisOptions = Omit<GpuSimOptions, 'onProgress' | 'shouldCancel' | 'onEvent' | 'progressEvery'>;

/** A generator-driven analysis: `step` runs up to `maxInstants` of the current simulation and returns false when done. */
export abstract class SteppedAnalysis<R> {
  protected budget = 10_000;
  protected runsDone = 0;
  protected cancelled = false;
  private label = '';
  private iterator: Generator<void, R> | null = null;
  private value: R | undefined;
  private finished = false;
  protected readonly hooks: AnalysisHooks;
  protected readonly options: AnalysisOptions;

  constructor(options: AnalysisOptions, hooks: AnalysisHooks) {
    this.options = { recordTimelines: false, nodeHeatmap: false, ...options };
    this.hooks = hooks;
  }

  protected abstract run(): Generator<void, R>;
  protected abstract maxRuns(): number;

  step(maxInstants: number): boolean {
    if (this.finished) return false;
    this.budget = Math.max(1, maxInstants);
    this.iterator ??= this.run();
    const next = this.iterator.next();
    if (next.done) {
      this.value = next.value;
      this.finished = true;
      return false;
    }
    return true;
  }

  result(): R {
    while (this.step(Number.POSITIVE_INFINITY)) {
      /* run to the end */
    }
    return this.value!;
  }

  /** One simulation, sliced: yields after every `budget` instants, reporting progress and polling for cancel. */
  protected *simulate(cluster: Cluster, workloads: Workloads, label: string, seed?: number): Generator<void, GpuSimResult> {
    this.label = label;
    const sim = new GpuSimulation(cluster, workloads, { ...this.options, ...(seed !== undefined ? { seed } : {}), shouldCancel: () => this.pollCancel() });
    while (sim.step(this.budget)) {
      this.report(0.5);
      if (this.pollCancel()) break;
      yield;
    }
    const result = sim.result();
    if (result.cancelled) this.cancelled = true;
    this.runsDone++;
    this.report(0);
    return result;
  }

  private pollCancel(): boolean {
    if (!this.cancelled && this.hooks.shouldCancel?.()) this.cancelled = true;
    return this.cancelled;
  }

  private report(partial: number): void {
    const max = Math.max(1, this.maxRuns());
    this.hooks.onProgress?.({ runs: this.runsDone, maxRuns: max, fraction: Math.min(1, (this.runsDone + partial) / max), label: this.label });
  }
}

/**
 * What a team's queue is called in labels, legends, progress and errors: the policy's team name
 * (`names`, team id → name, from the scenario's teams), else the ClusterQueue's name — never an internal id.
 */
export function queueLabel(cluster: Cluster, names: Readonly<Record<string, string>>, ref: string): string {
  const queue = cluster.queues.find((q) => q.clusterQueue === ref || q.id === ref) ?? cluster.queues.find((q) => q.teamId === ref);
  const named = (queue?.teamId !== undefined ? names[queue.teamId] : undefined) ?? names[ref];
  return named ?? queue?.clusterQueue ?? ref;
}

/** A ClusterQueue by its name, queue id or team id. */
export function findQueue(cluster: Cluster, ref: string): TeamQueue {
  const queue = cluster.queues.find((q) => q.clusterQueue === ref || q.id === ref) ?? cluster.queues.find((q) => q.teamId === ref);
  if (!queue) throw new Error(`queue: "${ref}" is not a ClusterQueue, queue id or team of the policy`);
  return queue;
}

export interface QuotaRef {
  /** ClusterQueue name, queue id or team id. */
  queue: string;
  /** ResourceFlavor; default the queue's first flavor covering `resource`. */
  flavor?: string;
  /** Default nvidia.com/gpu. */
  resource?: string;
}

/** The flavor and resource a quota reference names, checked against the queue. */
export function resolveQuota(cluster: Cluster, ref: QuotaRef): { queue: TeamQueue; flavor: string; resource: string; nominal: number } {
  const queue = findQueue(cluster, ref.queue);
  const resource = ref.resource ?? GPU_RESOURCE;
  for (const group of queue.resourceGroups) {
    for (const flavor of group.flavors) {
      if (ref.flavor !== undefined && flavor.name !== ref.flavor) continue;
      const entry = flavor.resources.find((r) => r.name === resource);
      if (entry) return { queue, flavor: flavor.name, resource, nominal: quotaNumber(resource, entry.nominalQuota) };
    }
  }
  throw new Error(`flavor: ClusterQueue "${queue.clusterQueue}" has no quota for ${resource}${ref.flavor ? ` on flavor "${ref.flavor}"` : ''}`);
}

/** A quota in the user's units (cores for cpu). */
function quotaNumber(resource: string, quantity: string): number {
  const value = resourceValue(resource, quantity);
  return resource === 'cpu' ? value / 1000 : value;
}

/**
 * A copy of the policy with one queue's nominalQuota set. A lendingLimit
 * above the new nominal is lowered to it (Kueue's API refuses lendingLimit >
 * nominalQuota).
 */
export function withNominalQuota(cluster: Cluster, ref: { queue: string; flavor: string; resource: string }, value: number): Cluster {
  const copy = structuredClone(cluster);
  const queue = findQueue(copy, ref.queue);
  for (const group of queue.resourceGroups) {
    for (const flavor of group.flavors) {
      if (flavor.name !== ref.flavor) continue;
      for (const entry of flavor.resources) {
        if (entry.name !== ref.resource) continue;
        entry.nominalQuota = String(value);
        if (entry.lendingLimit !== undefined && quotaNumber(ref.resource, entry.lendingLimit) > value) entry.lendingLimit = String(value);
      }
    }
  }
  return copy;
}

/**
 * The fewest GPUs a flavor's node pools bring in any month of the plan, and the first month it
 * happens: what a set of nominal quotas may promise of that flavor without promising GPUs that do
 * not exist. Capacity is piecewise constant (month 1, then each planned change), so those months are
 * all that need checking; `months` bounds the plan (default: every planned change).
 */
export function flavorCapacityFloor(cluster: Pick<Cluster, 'nodePools'>, flavor: string, months?: number): { gpus: number; month: number } {
  const pools = cluster.nodePools.filter((p) => p.flavor === flavor);
  const checked = [...new Set([1, ...pools.flatMap((p) => p.capacityChanges.map((c) => c.month))])].filter((m) => months === undefined || m <= months).sort((a, b) => a - b);
  let floor = { gpus: Number.POSITIVE_INFINITY, month: 1 };
  for (const month of checked) {
    const gpus = pools.reduce((n, p) => n + p.gpusPerNode * nodeCountAt(p, month), 0);
    if (gpus < floor.gpus) floor = { gpus, month };
  }
  return floor;
}

/** The nominal quota of `resource` on `flavor` that the policy promises in all: every ClusterQueue's and every Cohort's own. */
export function promisedQuota(cluster: Cluster, flavor: string, resource: string): number {
  let sum = 0;
  for (const group of [...cluster.queues.flatMap((q) => q.resourceGroups), ...cluster.cohorts.flatMap((c) => c.resourceGroups)]) {
    for (const f of group.flavors) {
      if (f.name !== flavor) continue;
      for (const r of f.resources) if (r.name === resource) sum += quotaNumber(resource, r.nominalQuota);
    }
  }
  return sum;
}

/** Sum of the GPUs the node pools of a flavor bring (at the start). */
export function flavorGpus(cluster: Cluster, flavor: string): number {
  return cluster.nodePools.filter((p) => p.flavor === flavor).reduce((n, p) => n + p.gpusPerNode * p.nodeCount, 0);
}
