/**
 * The quota policy compiled for simulation: ClusterQueues with their
 * resource groups as (flavor, resource) indices into Kueue's quota tree
 * (`buildQuotaTree`), the cohort tree with fair-sharing weights, node pools
 * expanded to nodes, and name lookups for queues and priority classes.
 * Everything the scheduler touches per decision is an integer index.
 */
import { kueueTargetOf, type KueueVersion } from '../cluster/kueue-versions.ts';
import { nodeCountAt } from '../cluster/capacity.ts';
import { GPU_RESOURCE, type Cluster, type TeamQueue } from '../cluster/schema.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import { buildQuotaTree, type QuotaTree } from '../kueue/quota-tree.ts';

/** Average month length used for capacity changes (365.25 / 12 days). */
export const MONTH_SECONDS = 30.4375 * 86_400;

export const Strategy = { StrictFIFO: 0, BestEffortFIFO: 1 } as const;
export type Strategy = (typeof Strategy)[keyof typeof Strategy];

export const WithinPolicy = { Never: 0, LowerPriority: 1, LowerOrNewerEqualPriority: 2 } as const;
export type WithinPolicy = (typeof WithinPolicy)[keyof typeof WithinPolicy];

export const ReclaimPolicy = { Never: 0, LowerPriority: 1, Any: 2 } as const;
export type ReclaimPolicy = (typeof ReclaimPolicy)[keyof typeof ReclaimPolicy];

export interface FlavorModel {
  id: number;
  name: string;
  /** False when a ClusterQueue references a flavor no ResourceFlavor defines (Kueue keeps such a queue inactive). */
  defined: boolean;
  /** Keys of NoSchedule / NoExecute taints: pods must tolerate them. */
  taints: readonly string[];
}

export interface GroupModel {
  /** Resource ids covered by the group, in the order the policy lists them. */
  covered: readonly number[];
  /** Flavor ids in the order Kueue tries them. */
  flavors: readonly number[];
  /** fr[f * covered.length + k]: quota-tree (flavor, resource) index for flavors[f] × covered[k], or -1. */
  fr: Int32Array;
}

export interface CqModel {
  index: number;
  name: string;
  node: number;
  team: string;
  queueId: string;
  /** Ancestor cohort nodes from the parent to the root (empty without a cohort). */
  path: readonly number[];
  root: number;
  strategy: Strategy;
  within: WithinPolicy;
  reclaim: ReclaimPolicy;
  borrowWithin: boolean;
  /** borrowWithinCohort.maxPriorityThreshold, or null. */
  maxPriorityThreshold: number | null;
  whenCanBorrowTryNext: boolean;
  whenCanPreemptTryNext: boolean;
  groups: readonly GroupModel[];
  /** resource id → group index, or -1 when the queue does not cover the resource. */
  groupOfResource: Int32Array;
  /** The queue covers the reserved "pods" resource: each pod counts one. */
  podsResource: number;
  /** Why the queue cannot admit anything, or null when active. */
  inactiveReason: string | null;
}

export interface NodeModel {
  pool: string;
  flavor: number;
  gpus: number;
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  /** Index within its pool (nodes beyond the pool's current count are offline). */
  ordinal: number;
}

export interface PoolModel {
  id: string;
  flavor: number;
  firstNode: number;
  maxNodes: number;
  /** (time in seconds from the start, node count) in time order; the first entry is at time 0. */
  schedule: Array<{ time: number; count: number }>;
  costPerGpuHour: number;
}

export class SimModel {
  readonly tree: QuotaTree;
  readonly resources: string[] = [];
  readonly flavors: FlavorModel[] = [];
  readonly cqs: CqModel[] = [];
  readonly nodes: NodeModel[] = [];
  readonly pools: PoolModel[] = [];
  /** tree node → ClusterQueue index, or -1 for cohorts. */
  readonly cqOfNode: Int32Array;
  /** tree node → fair-sharing weight (1 when unset). */
  readonly weight: Float64Array;
  /** tree node → its root. */
  readonly rootOf: Int32Array;
  /** tree node (cohort) → height as Kueue's getNodeHeight computes it. */
  readonly height: Int32Array;
  /** Cohort tree node → child cohort nodes / child ClusterQueue indices. */
  readonly childCohorts: number[][];
  readonly childCqs: number[][];
  /** Root node → ClusterQueue indices in the whole tree. */
  readonly cqsOfRoot = new Map<number, number[]>();
  /** fr → resource id and flavor id. */
  readonly frResource: Int32Array;
  readonly frFlavor: Int32Array;
  /** [node * frCount + fr] → Kueue's potentialAvailable (static under a policy). */
  readonly potential: Float64Array;
  /** [node * resourceCount + r] → "lendable" of node's parent for resource r (the DRS denominator), 0 for roots. */
  readonly lendable: Float64Array;
  readonly gpuResource: number;
  readonly priorityValues = new Map<string, number>();
  readonly fairSharing: boolean;
  /** The target Kueue version: which words explanations quote (kueue-reasons.ts). */
  readonly kueueVersion: KueueVersion;
  private readonly queueLookup = new Map<string, number>();
  private readonly resourceIndex = new Map<string, number>();
  private readonly flavorIndex = new Map<string, number>();

  constructor(cluster: Cluster, options: { startMonth?: number; horizonSeconds?: number } = {}) {
    this.tree = buildQuotaTree(cluster);
    const tree = this.tree;
    this.fairSharing = cluster.fairSharing;
    this.kueueVersion = kueueTargetOf(cluster);
    for (const pc of cluster.priorityClasses) this.priorityValues.set(pc.name, pc.value);

    for (const flavor of cluster.flavors) {
      this.flavorIndex.set(flavor.name, this.flavors.length);
      this.flavors.push({
        id: this.flavors.length,
        name: flavor.name,
        defined: true,
        taints: flavor.nodeTaints.filter((t) => t.effect !== 'PreferNoSchedule').map((t) => t.key),
      });
    }
    this.gpuResource = this.resourceId(GPU_RESOURCE);
    for (const { flavor, resource } of tree.flavorResources) {
      this.flavorId(flavor);
      this.resourceId(resource);
    }
    this.frResource = new Int32Array(tree.frCount);
    this.frFlavor = new Int32Array(tree.frCount);
    tree.flavorResources.forEach(({ flavor, resource }, fr) => {
      this.frResource[fr] = this.resourceId(resource);
      this.frFlavor[fr] = this.flavorId(flavor);
    });

    const nodeCount = tree.nodes.length;
    this.cqOfNode = new Int32Array(nodeCount).fill(-1);
    this.weight = new Float64Array(nodeCount).fill(1);
    this.rootOf = new Int32Array(nodeCount);
    this.height = new Int32Array(nodeCount);
    this.childCohorts = tree.nodes.map(() => []);
    this.childCqs = tree.nodes.map(() => []);
    for (const cohort of cluster.cohorts) {
      const node = tree.node('cohort', cohort.name);
      if (node >= 0 && cohort.fairSharingWeight !== undefined) this.weight[node] = safeWeight(cohort.fairSharingWeight);
    }

    const looseCount = new Map<string, number>();
    for (const q of cluster.queues) {
      for (const name of new Set([q.teamId, q.localQueue, q.namespace])) if (name) looseCount.set(name, (looseCount.get(name) ?? 0) + 1);
    }
    cluster.queues.forEach((queue, index) => this.cqs.push(this.compileQueue(queue, index, looseCount)));
    for (const node of tree.nodes) {
      this.rootOf[node.index] = tree.root(node.index);
      if (node.parent >= 0) {
        if (node.kind === 'cohort') this.childCohorts[node.parent]!.push(node.index);
        else this.childCqs[node.parent]!.push(this.cqOfNode[node.index]!);
      }
    }
    for (const cq of this.cqs) {
      const list = this.cqsOfRoot.get(cq.root) ?? [];
      list.push(cq.index);
      this.cqsOfRoot.set(cq.root, list);
    }
    const heightOf = (node: number): number => {
      let h = Math.min(this.childCohorts[node]!.length + this.childCqs[node]!.length, 1);
      for (const child of this.childCohorts[node]!) h = Math.max(h, heightOf(child) + 1);
      this.height[node] = h;
      return h;
    };
    for (const node of tree.nodes) if (node.parent < 0 && node.kind === 'cohort') heightOf(node.index);

    const frCount = tree.frCount;
    this.potential = new Float64Array(nodeCount * frCount);
    for (let node = 0; node < nodeCount; node++) for (let fr = 0; fr < frCount; fr++) this.potential[node * frCount + fr] = tree.potentialAvailable(node, fr);
    const resourceCount = this.resources.length;
    this.lendable = new Float64Array(nodeCount * resourceCount);
    for (let node = 0; node < nodeCount; node++) {
      const parent = tree.nodes[node]!.parent;
      if (parent < 0) continue;
      for (let fr = 0; fr < frCount; fr++) this.lendable[node * resourceCount + this.frResource[fr]!]! += this.potential[parent * frCount + fr]!;
    }

    this.compileNodes(cluster, options.startMonth ?? 1, options.horizonSeconds ?? Number.POSITIVE_INFINITY);
  }

  resourceId(name: string): number {
    let r = this.resourceIndex.get(name);
    if (r === undefined) {
      r = this.resources.length;
      this.resources.push(name);
      this.resourceIndex.set(name, r);
    }
    return r;
  }

  hasResource(name: string): boolean {
    return this.resourceIndex.has(name);
  }

  flavorId(name: string): number {
    let f = this.flavorIndex.get(name);
    if (f === undefined) {
      f = this.flavors.length;
      this.flavors.push({ id: f, name, defined: false, taints: [] });
      this.flavorIndex.set(name, f);
    }
    return f;
  }

  findFlavor(name: string): number {
    return this.flavorIndex.get(name) ?? -1;
  }

  /** Resolves a workload's queue reference to a ClusterQueue index, or -1. */
  resolveQueue(name: string): number {
    return this.queueLookup.get(name) ?? -1;
  }

  priorityOf(className: string): number | undefined {
    return this.priorityValues.get(className);
  }

  private compileQueue(queue: TeamQueue, index: number, looseCount: ReadonlyMap<string, number>): CqModel {
    const tree = this.tree;
    const node = tree.node('clusterQueue', queue.clusterQueue);
    this.cqOfNode[node] = index;
    if (queue.fairSharingWeight !== undefined) this.weight[node] = safeWeight(queue.fairSharingWeight);
    const path: number[] = [];
    for (let at = tree.nodes[node]!.parent; at >= 0; at = tree.nodes[at]!.parent) path.push(at);
    let inactiveReason: string | null = null;
    const groups: GroupModel[] = queue.resourceGroups.map((group) => {
      const covered = group.coveredResources.map((r) => this.resourceId(r));
      const flavors = group.flavors.map((f) => {
        const id = this.flavorId(f.name);
        if (!this.flavors[id]!.defined && inactiveReason === null) inactiveReason = `ResourceFlavor ${f.name} is not defined`;
        return id;
      });
      const fr = new Int32Array(flavors.length * covered.length).fill(-1);
      group.flavors.forEach((f, fi) => {
        group.coveredResources.forEach((r, k) => {
          fr[fi * covered.length + k] = tree.fr(f.name, r);
        });
      });
      return { covered, flavors, fr };
    });
    const groupOfResource = new Int32Array(Math.max(64, this.resources.length + 64)).fill(-1);
    groups.forEach((g, gi) => {
      for (const r of g.covered) if (groupOfResource[r] === -1) groupOfResource[r] = gi;
    });
    const names = [queue.clusterQueue, `${queue.namespace}/${queue.localQueue}`, queue.id, ...(queue.extraLocalQueues ?? []).map((lq) => `${queue.namespace}/${lq.name}`)];
    for (const name of names) if (!this.queueLookup.has(name)) this.queueLookup.set(name, index);
    for (const loose of [queue.teamId, queue.localQueue, queue.namespace]) {
      if (loose && looseCount.get(loose) === 1 && !this.queueLookup.has(loose)) this.queueLookup.set(loose, index);
    }
    const pods = this.resourceIndex.get('pods');
    return {
      index,
      name: queue.clusterQueue,
      node,
      team: queue.teamId ?? queue.id,
      queueId: queue.id,
      path,
      root: path.length ? path[path.length - 1]! : node,
      strategy: queue.queueingStrategy === 'StrictFIFO' ? Strategy.StrictFIFO : Strategy.BestEffortFIFO,
      within: queue.preemption.withinClusterQueue === 'LowerPriority' ? WithinPolicy.LowerPriority : queue.preemption.withinClusterQueue === 'LowerOrNewerEqualPriority' ? WithinPolicy.LowerOrNewerEqualPriority : WithinPolicy.Never,
      reclaim: queue.preemption.reclaimWithinCohort === 'Any' ? ReclaimPolicy.Any : queue.preemption.reclaimWithinCohort === 'LowerPriority' ? ReclaimPolicy.LowerPriority : ReclaimPolicy.Never,
      borrowWithin: queue.preemption.borrowWithinCohort.policy === 'LowerPriority',
      maxPriorityThreshold: queue.preemption.borrowWithinCohort.maxPriorityThreshold ?? null,
      whenCanBorrowTryNext: queue.flavorFungibility.whenCanBorrow === 'TryNextFlavor',
      whenCanPreemptTryNext: queue.flavorFungibility.whenCanPreempt === 'TryNextFlavor',
      groups,
      groupOfResource,
      podsResource: pods !== undefined && groups.some((g) => g.covered.includes(pods)) ? pods : -1,
      inactiveReason,
    };
  }

  private compileNodes(cluster: Cluster, startMonth: number, horizon: number): void {
    for (const pool of cluster.nodePools) {
      const flavor = this.flavorId(pool.flavor);
      const schedule = [{ time: 0, count: nodeCountAt(pool, startMonth) }];
      const months = [...new Set(pool.capacityChanges.map((c) => c.month))].filter((m) => m > startMonth).sort((a, b) => a - b);
      for (const month of months) {
        const time = (month - startMonth) * MONTH_SECONDS;
        if (time > horizon) break;
        schedule.push({ time, count: nodeCountAt(pool, month) });
      }
      const maxNodes = Math.max(...schedule.map((s) => s.count));
      const firstNode = this.nodes.length;
      for (let ordinal = 0; ordinal < maxNodes; ordinal++) {
        this.nodes.push({
          pool: pool.id,
          flavor,
          gpus: pool.gpusPerNode,
          cpu: Math.round(pool.cpuCoresPerNode * 1000),
          memory: Math.round(pool.memoryGiBPerNode * 2 ** 30),
          ordinal,
        });
      }
      this.pools.push({ id: pool.id, flavor, firstNode, maxNodes, schedule, costPerGpuHour: pool.costPerGpuHour });
    }
  }
}

function safeWeight(quantity: string): number {
  const w = parseQuantity(quantity);
  return Number.isFinite(w) && w >= 0 ? w : 1;
}
