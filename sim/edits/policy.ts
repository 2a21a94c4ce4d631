/**
 * Pure edits of a scenario's GPU capacity and quota policy (`scenario.cluster`).
 * Like `editing/edits.ts`, each returns a new document (or the same one when
 * nothing changes) and leaves the input untouched, so the editor store can
 * record it for undo and the autosaver can store it.
 *
 * Optional quantities (borrowingLimit, lendingLimit, fair-sharing weights)
 * are unset by an empty string: unset means "Kueue's default", which the
 * form shows as such.
 */
import {
  GPU_RESOURCE,
  type CapacityChange,
  type Cluster,
  type Cohort,
  type NodePool,
  type PriorityClass,
  type ResourceFlavor,
  type ResourceGroup,
  type ResourceQuotaEntry,
  type TeamQueue,
  type QuotaField,
} from '../cluster/schema.ts';
import type { Scenario } from '../scenario/index.ts';
import { uniqueId } from './scenario.ts';

/** Where a quota grid lives: a team's ClusterQueue (by id) or a Cohort (by index). */
export type QuotaOwner = { kind: 'queue'; id: string } | { kind: 'cohort'; index: number };


/** Resources a new queue covers: what a GPU workload's pods request. */
export const DEFAULT_COVERED_RESOURCES = ['cpu', 'memory', GPU_RESOURCE] as const;

/**
 * Shape of a node pool added from scratch: an 8-GPU server as NVIDIA's DGX
 * H100 datasheet describes it (8 × H100 80GB, 2 × 56-core Xeon 8480C = 112
 * cores, 2 TB memory). Cost per GPU-hour is the user's figure; it starts at 0.
 */
export const NEW_POOL_SHAPE = {
  gpuModel: 'NVIDIA H100 80GB',
  gpusPerNode: 8,
  cpuCoresPerNode: 112,
  memoryGiBPerNode: 2048,
  costPerGpuHour: 0,
  source: 'NVIDIA DGX H100 datasheet (8 GPUs, 112 cores, 2 TB)',
} as const;

function withCluster(scenario: Scenario, fn: (cluster: Cluster) => Cluster): Scenario {
  const cluster = fn(scenario.cluster);
  return cluster === scenario.cluster ? scenario : { ...scenario, cluster };
}

function replaceAt<T>(items: readonly T[], index: number, fn: (item: T) => T): T[] | null {
  const item = items[index];
  if (item === undefined) return null;
  const next = fn(item);
  if (next === item) return null;
  const copy = [...items];
  copy[index] = next;
  return copy;
}

function removeAt<T>(items: readonly T[], index: number): T[] | null {
  if (index < 0 || index >= items.length) return null;
  return items.filter((_, i) => i !== index);
}

/** Sets or (for an empty string / undefined) unsets an optional key. */
function setOptional<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | '' | undefined): T {
  if (value === '' || value === undefined) {
    if (!(key in object)) return object;
    const copy = { ...object };
    delete copy[key];
    return copy;
  }
  if (object[key] === value) return object;
  return { ...object, [key]: value };
}

/** A DNS-1123 label from free text: "Search & Relevance" → "search-relevance". */
export function slugify(text: string, fallback = 'team'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug || fallback;
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

// Node pools (M8) --------------------------------------------------------------

export type NodePoolPatch = Partial<Omit<NodePool, 'id' | 'capacityChanges'>>;

/**
 * A new node pool, born valid: it copies the last pool (or starts from the
 * reference shape) and names a ResourceFlavor that exists — the first one
 * defined, or, when there is none, a new one named after its GPU model.
 */
export function addNodePool(scenario: Scenario): { scenario: Scenario; pool: NodePool } {
  const cluster = scenario.cluster;
  const last = cluster.nodePools.at(-1);
  const id = uniqueId('pool', new Set(cluster.nodePools.map((p) => p.id)));
  const pool: NodePool = last
    ? { ...structuredClone(last), id, name: `${last.name} (copy)`, capacityChanges: [] }
    : {
        id,
        name: `GPU pool ${cluster.nodePools.length + 1}`,
        flavor: cluster.flavors[0]?.name ?? '',
        gpuModel: NEW_POOL_SHAPE.gpuModel,
        gpusPerNode: NEW_POOL_SHAPE.gpusPerNode,
        nodeCount: 1,
        cpuCoresPerNode: NEW_POOL_SHAPE.cpuCoresPerNode,
        memoryGiBPerNode: NEW_POOL_SHAPE.memoryGiBPerNode,
        costPerGpuHour: NEW_POOL_SHAPE.costPerGpuHour,
        capacityChanges: [],
      };
  const flavors = [...cluster.flavors];
  if (!flavors.some((f) => f.name === pool.flavor)) {
    const first = flavors[0];
    if (first) pool.flavor = first.name;
    else {
      const name = slugify(pool.gpuModel, 'gpu');
      flavors.push({ name, nodeLabels: {}, nodeTaints: [] });
      pool.flavor = name;
    }
  }
  return { scenario: withCluster(scenario, (c) => ({ ...c, flavors, nodePools: [...c.nodePools, pool] })), pool };
}

function mapPool(scenario: Scenario, poolId: string, fn: (pool: NodePool) => NodePool): Scenario {
  return withCluster(scenario, (c) => {
    const index = c.nodePools.findIndex((p) => p.id === poolId);
    const nodePools = replaceAt(c.nodePools, index, fn);
    return nodePools ? { ...c, nodePools } : c;
  });
}

export function updateNodePool(scenario: Scenario, poolId: string, patch: NodePoolPatch): Scenario {
  return mapPool(scenario, poolId, (pool) => {
    const changed = (Object.keys(patch) as Array<keyof NodePoolPatch>).some((k) => patch[k] !== pool[k]);
    return changed ? { ...pool, ...patch } : pool;
  });
}

export function removeNodePool(scenario: Scenario, poolId: string): Scenario {
  return withCluster(scenario, (c) => {
    const nodePools = c.nodePools.filter((p) => p.id !== poolId);
    return nodePools.length === c.nodePools.length ? c : { ...c, nodePools };
  });
}

/** Adds a planned change after the pool's last one (or at month 7, the seed's "expand" phase), keeping the current count. */
export function addCapacityChange(scenario: Scenario, poolId: string): Scenario {
  return mapPool(scenario, poolId, (pool) => {
    const last = [...pool.capacityChanges].sort((a, b) => a.month - b.month).at(-1);
    const month = Math.min(120, last ? last.month + 3 : 7);
    if (pool.capacityChanges.some((c) => c.month === month)) return pool;
    const nodeCount = last ? last.nodeCount : pool.nodeCount;
    return { ...pool, capacityChanges: [...pool.capacityChanges, { month, nodeCount }] };
  });
}

export function updateCapacityChange(scenario: Scenario, poolId: string, index: number, patch: Partial<CapacityChange>): Scenario {
  return mapPool(scenario, poolId, (pool) => {
    const capacityChanges = replaceAt(pool.capacityChanges, index, (c) =>
      (patch.month === undefined || patch.month === c.month) && (patch.nodeCount === undefined || patch.nodeCount === c.nodeCount) ? c : { ...c, ...patch },
    );
    return capacityChanges ? { ...pool, capacityChanges } : pool;
  });
}

export function removeCapacityChange(scenario: Scenario, poolId: string, index: number): Scenario {
  return mapPool(scenario, poolId, (pool) => {
    const capacityChanges = removeAt(pool.capacityChanges, index);
    return capacityChanges ? { ...pool, capacityChanges } : pool;
  });
}

/** Capacity read from a live cluster replaces the scenario's node pools and flavors (one undoable edit). */
export function replaceCapacity(scenario: Scenario, capacity: { nodePools: NodePool[]; flavors: ResourceFlavor[] }): Scenario {
  return withCluster(scenario, (c) => ({ ...c, nodePools: capacity.nodePools, flavors: capacity.flavors }));
}

/** Flavors the queues and cohorts name that the scenario does not define (e.g. after an import replaced them). */
export function undefinedFlavorReferences(cluster: Cluster): string[] {
  const defined = new Set(cluster.flavors.map((f) => f.name));
  const missing = new Set<string>();
  for (const owner of [...cluster.queues, ...cluster.cohorts]) {
    for (const group of owner.resourceGroups) for (const flavor of group.flavors) if (!defined.has(flavor.name)) missing.add(flavor.name);
  }
  return [...missing];
}

// Flavors ----------------------------------------------------------------------

export function addFlavor(scenario: Scenario): { scenario: Scenario; flavor: ResourceFlavor } {
  const name = uniqueName('gpu', new Set(scenario.cluster.flavors.map((f) => f.name)));
  const flavor: ResourceFlavor = { name, nodeLabels: {}, nodeTaints: [] };
  return { scenario: withCluster(scenario, (c) => ({ ...c, flavors: [...c.flavors, flavor] })), flavor };
}

function renameInGroups(groups: readonly ResourceGroup[], from: string, to: string): ResourceGroup[] {
  let changed = false;
  const next = groups.map((group) => {
    if (!group.flavors.some((f) => f.name === from)) return group;
    changed = true;
    return { ...group, flavors: group.flavors.map((f) => (f.name === from ? { ...f, name: to } : f)) };
  });
  return changed ? next : (groups as ResourceGroup[]);
}

/**
 * Renames a flavor and every reference to it (node pools, queue and cohort
 * quotas), unless another flavor still carries the old name: then only this
 * one changes, since the references may mean the other.
 */
export function renameFlavor(scenario: Scenario, index: number, name: string): Scenario {
  return withCluster(scenario, (c) => {
    const old = c.flavors[index];
    if (!old || old.name === name) return c;
    const flavors = replaceAt(c.flavors, index, (f) => ({ ...f, name }));
    if (!flavors) return c;
    const shared = c.flavors.some((f, i) => i !== index && f.name === old.name);
    if (shared) return { ...c, flavors };
    return {
      ...c,
      flavors,
      nodePools: c.nodePools.map((p) => (p.flavor === old.name ? { ...p, flavor: name } : p)),
      queues: c.queues.map((q) => {
        const resourceGroups = renameInGroups(q.resourceGroups, old.name, name);
        return resourceGroups === q.resourceGroups ? q : { ...q, resourceGroups };
      }),
      cohorts: c.cohorts.map((co) => {
        const resourceGroups = renameInGroups(co.resourceGroups, old.name, name);
        return resourceGroups === co.resourceGroups ? co : { ...co, resourceGroups };
      }),
    };
  });
}

export function setFlavorLabels(scenario: Scenario, index: number, nodeLabels: Record<string, string>): Scenario {
  return withCluster(scenario, (c) => {
    const flavors = replaceAt(c.flavors, index, (f) => ({ ...f, nodeLabels }));
    return flavors ? { ...c, flavors } : c;
  });
}

export function setFlavorTaints(scenario: Scenario, index: number, nodeTaints: ResourceFlavor['nodeTaints']): Scenario {
  return withCluster(scenario, (c) => {
    const flavors = replaceAt(c.flavors, index, (f) => ({ ...f, nodeTaints }));
    return flavors ? { ...c, flavors } : c;
  });
}

export function removeFlavor(scenario: Scenario, index: number): Scenario {
  return withCluster(scenario, (c) => {
    const flavors = removeAt(c.flavors, index);
    return flavors ? { ...c, flavors } : c;
  });
}

// Cohorts ----------------------------------------------------------------------

export function addCohort(scenario: Scenario, parentName?: string): { scenario: Scenario; cohort: Cohort } {
  const name = uniqueName('cohort', new Set(scenario.cluster.cohorts.map((c) => c.name)));
  const cohort: Cohort = parentName ? { name, parentName, resourceGroups: [] } : { name, resourceGroups: [] };
  return { scenario: withCluster(scenario, (c) => ({ ...c, cohorts: [...c.cohorts, cohort] })), cohort };
}

/** Renames a cohort and the children and queues that point at it. */
export function renameCohort(scenario: Scenario, index: number, name: string): Scenario {
  return withCluster(scenario, (c) => {
    const old = c.cohorts[index];
    if (!old || old.name === name) return c;
    const shared = c.cohorts.some((co, i) => i !== index && co.name === old.name);
    const cohorts = c.cohorts.map((co, i) => {
      if (i === index) return { ...co, name };
      return !shared && co.parentName === old.name ? { ...co, parentName: name } : co;
    });
    if (shared) return { ...c, cohorts };
    return { ...c, cohorts, queues: c.queues.map((q) => (q.cohortName === old.name ? { ...q, cohortName: name } : q)) };
  });
}

export function setCohortParent(scenario: Scenario, index: number, parentName: string | undefined): Scenario {
  return withCluster(scenario, (c) => {
    const cohorts = replaceAt(c.cohorts, index, (co) => setOptional(co, 'parentName', parentName));
    return cohorts ? { ...c, cohorts } : c;
  });
}

export function setCohortWeight(scenario: Scenario, index: number, weight: string): Scenario {
  return withCluster(scenario, (c) => {
    const cohorts = replaceAt(c.cohorts, index, (co) => setOptional(co, 'fairSharingWeight', weight));
    return cohorts ? { ...c, cohorts } : c;
  });
}

/**
 * Removes a cohort; its child cohorts and its queues move up to its parent
 * (or become roots / cohort-less), as deleting a folder moves its contents
 * up. Returns how many queues moved, for the message.
 */
export function removeCohort(scenario: Scenario, index: number): { scenario: Scenario; movedQueues: number; movedCohorts: number } {
  const cohort = scenario.cluster.cohorts[index];
  if (!cohort) return { scenario, movedQueues: 0, movedCohorts: 0 };
  const parent = cohort.parentName;
  const others = scenario.cluster.cohorts.some((co, i) => i !== index && co.name === cohort.name);
  let movedQueues = 0;
  let movedCohorts = 0;
  const next = withCluster(scenario, (c) => ({
    ...c,
    cohorts: c.cohorts.flatMap((co, i) => {
      if (i === index) return [];
      if (others || co.parentName !== cohort.name) return [co];
      movedCohorts++;
      return [setOptional(co, 'parentName', parent)];
    }),
    queues: c.queues.map((q) => {
      if (others || q.cohortName !== cohort.name) return q;
      movedQueues++;
      return setOptional(q, 'cohortName', parent);
    }),
  }));
  return { scenario: next, movedQueues, movedCohorts };
}

/** Cohort names that may become the parent of cohort `index` without closing a cycle. */
export function parentCandidates(cluster: Cluster, index: number): string[] {
  const self = cluster.cohorts[index];
  if (!self) return [];
  const parentOf = new Map(cluster.cohorts.map((c) => [c.name, c.parentName]));
  return cluster.cohorts
    .map((c) => c.name)
    .filter((name, i, all) => all.indexOf(name) === i && name !== self.name)
    .filter((name) => {
      const seen = new Set<string>();
      for (let at: string | undefined = name; at !== undefined && !seen.has(at); at = parentOf.get(at)) {
        if (at === self.name) return false;
        seen.add(at);
      }
      return true;
    });
}

// Queues -----------------------------------------------------------------------

export type QueuePatch = Partial<
  Pick<TeamQueue, 'namespace' | 'clusterQueue' | 'localQueue' | 'teamGroup' | 'queueingStrategy' | 'teamId' | 'cohortName' | 'fairSharingWeight'>
>;

function defaultResourceGroups(cluster: Cluster): ResourceGroup[] {
  if (cluster.flavors.length === 0) return [];
  return [
    {
      coveredResources: [...DEFAULT_COVERED_RESOURCES],
      flavors: cluster.flavors.map((f) => ({ name: f.name, resources: DEFAULT_COVERED_RESOURCES.map((name) => ({ name, nominalQuota: '0' })) })),
    },
  ];
}

/**
 * A new team queue. Names come from the team (or "team-N"); preemption,
 * fungibility and strategy are Kueue's defaults; the quota grid covers every
 * flavor with zero quota, to be filled in.
 */
export function addQueue(scenario: Scenario, teamId?: string): { scenario: Scenario; queue: TeamQueue } {
  const cluster = scenario.cluster;
  const team = teamId ? scenario.teams.find((t) => t.id === teamId) : undefined;
  const base = slugify(team?.name ?? `team-${cluster.queues.length + 1}`);
  const clusterQueue = uniqueName(base, new Set([...cluster.queues.map((q) => q.clusterQueue), ...cluster.cohorts.map((c) => c.name)]));
  const namespace = uniqueName(clusterQueue.startsWith('team-') ? clusterQueue : `team-${clusterQueue}`, new Set(cluster.queues.map((q) => q.namespace)));
  const queue: TeamQueue = {
    id: uniqueId('queue', new Set(cluster.queues.map((q) => q.id))),
    ...(team ? { teamId: team.id } : {}),
    namespace,
    clusterQueue,
    localQueue: 'default',
    teamGroup: '',
    queueingStrategy: 'BestEffortFIFO',
    preemption: { withinClusterQueue: 'Never', reclaimWithinCohort: 'Never', borrowWithinCohort: { policy: 'Never' } },
    flavorFungibility: { whenCanBorrow: 'MayStopSearch', whenCanPreempt: 'TryNextFlavor' },
    resourceGroups: defaultResourceGroups(cluster),
    namespaceQuota: {},
    limitRange: { defaultRequest: {}, default: {} },
  };
  return { scenario: withCluster(scenario, (c) => ({ ...c, queues: [...c.queues, queue] })), queue };
}

function mapQueue(scenario: Scenario, queueId: string, fn: (queue: TeamQueue) => TeamQueue): Scenario {
  return withCluster(scenario, (c) => {
    const queues = replaceAt(c.queues, c.queues.findIndex((q) => q.id === queueId), fn);
    return queues ? { ...c, queues } : c;
  });
}

export function updateQueue(scenario: Scenario, queueId: string, patch: QueuePatch): Scenario {
  return mapQueue(scenario, queueId, (queue) => {
    let next = queue;
    for (const key of Object.keys(patch) as Array<keyof QueuePatch>) {
      const value = patch[key];
      if (key === 'cohortName' || key === 'fairSharingWeight' || key === 'teamId') next = setOptional(next, key, value);
      else if (value !== undefined && next[key] !== value) next = { ...next, [key]: value };
    }
    return next;
  });
}

export function setPreemption(
  scenario: Scenario,
  queueId: string,
  patch: Partial<Pick<TeamQueue['preemption'], 'withinClusterQueue' | 'reclaimWithinCohort'>> & {
    borrowPolicy?: TeamQueue['preemption']['borrowWithinCohort']['policy'];
    /** null unsets it. */
    maxPriorityThreshold?: number | null;
  },
): Scenario {
  return mapQueue(scenario, queueId, (queue) => {
    const p = queue.preemption;
    let borrow = p.borrowWithinCohort;
    if (patch.borrowPolicy !== undefined && patch.borrowPolicy !== borrow.policy) {
      // The threshold only means something with LowerPriority.
      borrow = patch.borrowPolicy === 'Never' ? { policy: 'Never' } : { ...borrow, policy: patch.borrowPolicy };
    }
    if (patch.maxPriorityThreshold !== undefined) {
      borrow = setOptional(borrow, 'maxPriorityThreshold', patch.maxPriorityThreshold ?? undefined);
    }
    const next = {
      withinClusterQueue: patch.withinClusterQueue ?? p.withinClusterQueue,
      reclaimWithinCohort: patch.reclaimWithinCohort ?? p.reclaimWithinCohort,
      borrowWithinCohort: borrow,
    };
    const same = next.withinClusterQueue === p.withinClusterQueue && next.reclaimWithinCohort === p.reclaimWithinCohort && borrow === p.borrowWithinCohort;
    return same ? queue : { ...queue, preemption: next };
  });
}

export function setFungibility(scenario: Scenario, queueId: string, patch: Partial<TeamQueue['flavorFungibility']>): Scenario {
  return mapQueue(scenario, queueId, (queue) => {
    const f = queue.flavorFungibility;
    const next = { ...f, ...patch };
    return next.whenCanBorrow === f.whenCanBorrow && next.whenCanPreempt === f.whenCanPreempt ? queue : { ...queue, flavorFungibility: next };
  });
}

export function removeQueue(scenario: Scenario, queueId: string): Scenario {
  return withCluster(scenario, (c) => {
    const queues = c.queues.filter((q) => q.id !== queueId);
    return queues.length === c.queues.length ? c : { ...c, queues };
  });
}

export type MapField = 'namespaceQuota' | 'limitRange.defaultRequest' | 'limitRange.default';

export function setQueueMap(scenario: Scenario, queueId: string, field: MapField, map: Record<string, string>): Scenario {
  return mapQueue(scenario, queueId, (queue) => {
    if (field === 'namespaceQuota') return { ...queue, namespaceQuota: map };
    const kind = field === 'limitRange.default' ? 'default' : 'defaultRequest';
    return { ...queue, limitRange: { ...queue.limitRange, [kind]: map } };
  });
}

// Quota grids (queues and cohorts) ---------------------------------------------

function mapGroups(scenario: Scenario, owner: QuotaOwner, fn: (groups: ResourceGroup[]) => ResourceGroup[] | null): Scenario {
  if (owner.kind === 'queue') {
    return mapQueue(scenario, owner.id, (q) => {
      const resourceGroups = fn(q.resourceGroups);
      return resourceGroups ? { ...q, resourceGroups } : q;
    });
  }
  return withCluster(scenario, (c) => {
    const cohorts = replaceAt(c.cohorts, owner.index, (co) => {
      const resourceGroups = fn(co.resourceGroups);
      return resourceGroups ? { ...co, resourceGroups } : co;
    });
    return cohorts ? { ...c, cohorts } : c;
  });
}

export function quotaGroups(cluster: Cluster, owner: QuotaOwner): ResourceGroup[] {
  if (owner.kind === 'queue') return cluster.queues.find((q) => q.id === owner.id)?.resourceGroups ?? [];
  return cluster.cohorts[owner.index]?.resourceGroups ?? [];
}

/** Sets one cell of a quota grid; an empty borrowing or lending limit unsets it (Kueue's default: no limit). */
export function setQuota(scenario: Scenario, owner: QuotaOwner, at: { group: number; flavor: number; resource: number }, field: QuotaField, value: string): Scenario {
  return mapGroups(scenario, owner, (groups) =>
    replaceAt(groups, at.group, (group) => {
      const flavors = replaceAt(group.flavors, at.flavor, (flavor) => {
        const resources = replaceAt(flavor.resources, at.resource, (entry): ResourceQuotaEntry => {
          if (field === 'nominalQuota') return entry.nominalQuota === value ? entry : { ...entry, nominalQuota: value };
          return setOptional(entry, field, value.trim() === '' ? undefined : value);
        });
        return resources ? { ...flavor, resources } : flavor;
      });
      return flavors ? { ...group, flavors } : group;
    }),
  );
}

/** Adds a resource group; it covers the default resources not yet covered by another group. */
export function addResourceGroup(scenario: Scenario, owner: QuotaOwner, flavorName?: string): Scenario {
  return mapGroups(scenario, owner, (groups) => {
    const covered = new Set(groups.flatMap((g) => g.coveredResources));
    const coveredResources = DEFAULT_COVERED_RESOURCES.filter((r) => !covered.has(r));
    const resources = coveredResources.length ? coveredResources : [GPU_RESOURCE];
    const flavor = flavorName ?? scenario.cluster.flavors[0]?.name ?? '';
    return [...groups, { coveredResources: [...resources], flavors: [{ name: flavor, resources: resources.map((name) => ({ name, nominalQuota: '0' })) }] }];
  });
}

export function removeResourceGroup(scenario: Scenario, owner: QuotaOwner, group: number): Scenario {
  return mapGroups(scenario, owner, (groups) => removeAt(groups, group));
}

/** Adds a flavor (tried after the others) to a group, with zero quota for each covered resource. */
export function addQuotaFlavor(scenario: Scenario, owner: QuotaOwner, group: number, flavorName: string): Scenario {
  return mapGroups(scenario, owner, (groups) =>
    replaceAt(groups, group, (g) =>
      g.flavors.some((f) => f.name === flavorName)
        ? g
        : { ...g, flavors: [...g.flavors, { name: flavorName, resources: g.coveredResources.map((name) => ({ name, nominalQuota: '0' })) }] },
    ),
  );
}

export function removeQuotaFlavor(scenario: Scenario, owner: QuotaOwner, group: number, flavor: number): Scenario {
  return mapGroups(scenario, owner, (groups) =>
    replaceAt(groups, group, (g) => {
      const flavors = removeAt(g.flavors, flavor);
      return flavors ? { ...g, flavors } : g;
    }),
  );
}

/** Moves a flavor earlier or later in the group: Kueue tries flavors in list order. */
export function moveQuotaFlavor(scenario: Scenario, owner: QuotaOwner, group: number, flavor: number, delta: -1 | 1): Scenario {
  return mapGroups(scenario, owner, (groups) =>
    replaceAt(groups, group, (g) => {
      const target = flavor + delta;
      if (flavor < 0 || target < 0 || target >= g.flavors.length) return g;
      const flavors = [...g.flavors];
      const [moved] = flavors.splice(flavor, 1);
      if (!moved) return g;
      flavors.splice(target, 0, moved);
      return { ...g, flavors };
    }),
  );
}

/** Adds a resource to a group's covered resources and a zero quota for it to each of the group's flavors. */
export function addCoveredResource(scenario: Scenario, owner: QuotaOwner, group: number, resource: string): Scenario {
  const name = resource.trim();
  if (!name) return scenario;
  return mapGroups(scenario, owner, (groups) =>
    replaceAt(groups, group, (g) =>
      g.coveredResources.includes(name)
        ? g
        : {
            coveredResources: [...g.coveredResources, name],
            flavors: g.flavors.map((f) => ({ ...f, resources: [...f.resources, { name, nominalQuota: '0' }] })),
          },
    ),
  );
}

export function removeCoveredResource(scenario: Scenario, owner: QuotaOwner, group: number, resource: string): Scenario {
  return mapGroups(scenario, owner, (groups) =>
    replaceAt(groups, group, (g) =>
      g.coveredResources.includes(resource)
        ? {
            coveredResources: g.coveredResources.filter((r) => r !== resource),
            flavors: g.flavors.map((f) => ({ ...f, resources: f.resources.filter((r) => r.name !== resource) })),
          }
        : g,
    ),
  );
}

// Priority classes and settings --------------------------------------------------

export function addPriorityClass(scenario: Scenario): { scenario: Scenario; priorityClass: PriorityClass } {
  const name = uniqueName('priority', new Set(scenario.cluster.priorityClasses.map((p) => p.name)));
  const priorityClass: PriorityClass = { name, value: 0, description: '', preemptionPolicy: 'PreemptLowerPriority' };
  return { scenario: withCluster(scenario, (c) => ({ ...c, priorityClasses: [...c.priorityClasses, priorityClass] })), priorityClass };
}

export function updatePriorityClass(scenario: Scenario, index: number, patch: Partial<PriorityClass>): Scenario {
  return withCluster(scenario, (c) => {
    const priorityClasses = replaceAt(c.priorityClasses, index, (p) =>
      (Object.keys(patch) as Array<keyof PriorityClass>).some((k) => patch[k] !== p[k]) ? { ...p, ...patch } : p,
    );
    return priorityClasses ? { ...c, priorityClasses } : c;
  });
}

export function removePriorityClass(scenario: Scenario, index: number): Scenario {
  return withCluster(scenario, (c) => {
    const priorityClasses = removeAt(c.priorityClasses, index);
    return priorityClasses ? { ...c, priorityClasses } : c;
  });
}

export function setKueueVersion(scenario: Scenario, kueueVersion: Cluster['kueueVersion']): Scenario {
  return withCluster(scenario, (c) => (c.kueueVersion === kueueVersion ? c : { ...c, kueueVersion }));
}

export function setFairSharing(scenario: Scenario, fairSharing: boolean): Scenario {
  return withCluster(scenario, (c) => (c.fairSharing === fairSharing ? c : { ...c, fairSharing }));
}
