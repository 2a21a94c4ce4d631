/**
 * Test support: policies and workloads written the way Kueue's
 * documentation writes its examples (CPU-only ClusterQueues on one
 * "default-flavor"), and GPU clusters with node pools.
 */
import { ClusterSchema, type Cluster } from '../cluster/schema.ts';
import { demandFromOldLoad, nominalGpus, queueDemands, workloadSpecs } from './demand.ts';
import type { TeamWorkloadSpec } from './generators.ts';
import type { WorkloadSpec } from './workloads.ts';

export interface FlavorQuota {
  nominal: string;
  borrowingLimit?: string;
  lendingLimit?: string;
}

export interface QueueSpec {
  name: string;
  cohort?: string;
  /** Shorthand: nominal quota of `resource` on "default-flavor". */
  nominal?: string;
  borrowingLimit?: string;
  lendingLimit?: string;
  /** Flavor name → quota of `resource`, in the order Kueue tries them. */
  flavors?: Record<string, FlavorQuota>;
  resource?: string;
  within?: 'Never' | 'LowerPriority' | 'LowerOrNewerEqualPriority';
  reclaim?: 'Never' | 'LowerPriority' | 'Any';
  borrowWithin?: { policy: 'Never' | 'LowerPriority'; maxPriorityThreshold?: number };
  strategy?: 'StrictFIFO' | 'BestEffortFIFO';
  weight?: string;
  whenCanBorrow?: 'MayStopSearch' | 'TryNextFlavor';
  whenCanPreempt?: 'MayStopSearch' | 'TryNextFlavor';
}

export interface PolicyExtras {
  cohorts?: Array<{ name: string; parent?: string; weight?: string; nominal?: string; resource?: string; lendingLimit?: string }>;
  fairSharing?: boolean;
  /** Node pools: flavor → nodes × GPUs per node. */
  pools?: Record<string, { nodes: number; gpusPerNode: number; cpuPerNode?: number; memoryGiBPerNode?: number }>;
  priorityClasses?: Array<{ name: string; value: number }>;
}

export function policy(queues: readonly QueueSpec[], extras: PolicyExtras = {}): Cluster {
  const flavorNames = new Set<string>(['default-flavor']);
  for (const q of queues) for (const f of Object.keys(q.flavors ?? {})) flavorNames.add(f);
  for (const f of Object.keys(extras.pools ?? {})) flavorNames.add(f);
  return ClusterSchema.parse({
    flavors: [...flavorNames].map((name) => ({ name })),
    nodePools: Object.entries(extras.pools ?? {}).map(([flavor, p]) => ({
      id: `${flavor}-pool`,
      name: `${flavor} pool`,
      flavor,
      gpusPerNode: p.gpusPerNode,
      nodeCount: p.nodes,
      cpuCoresPerNode: p.cpuPerNode ?? 1000,
      memoryGiBPerNode: p.memoryGiBPerNode ?? 10_000,
      costPerGpuHour: 2,
    })),
    cohorts: (extras.cohorts ?? []).map((c) => ({
      name: c.name,
      parentName: c.parent,
      fairSharingWeight: c.weight,
      resourceGroups: c.nominal
        ? [{ coveredResources: [c.resource ?? 'cpu'], flavors: [{ name: 'default-flavor', resources: [{ name: c.resource ?? 'cpu', nominalQuota: c.nominal, lendingLimit: c.lendingLimit }] }] }]
        : [],
    })),
    queues: queues.map((q) => {
      const resource = q.resource ?? 'cpu';
      const flavors = q.flavors ?? { 'default-flavor': { nominal: q.nominal ?? '0', borrowingLimit: q.borrowingLimit, lendingLimit: q.lendingLimit } };
      return {
        id: q.name,
        namespace: q.name,
        clusterQueue: q.name,
        localQueue: `${q.name}-lq`,
        cohortName: q.cohort,
        queueingStrategy: q.strategy ?? 'BestEffortFIFO',
        fairSharingWeight: q.weight,
        preemption: {
          withinClusterQueue: q.within ?? 'Never',
          reclaimWithinCohort: q.reclaim ?? 'Never',
          borrowWithinCohort: q.borrowWithin ?? { policy: 'Never' },
        },
        flavorFungibility: { whenCanBorrow: q.whenCanBorrow ?? 'MayStopSearch', whenCanPreempt: q.whenCanPreempt ?? 'TryNextFlavor' },
        resourceGroups: [
          {
            coveredResources: [resource],
            flavors: Object.entries(flavors).map(([name, f]) => ({
              name,
              resources: [{ name: resource, nominalQuota: f.nominal, borrowingLimit: f.borrowingLimit, lendingLimit: f.lendingLimit }],
            })),
          },
        ],
      };
    }),
    priorityClasses: extras.priorityClasses ?? [],
    fairSharing: extras.fairSharing ?? false,
  });
}

export interface JobOptions {
  at?: number;
  /** Per-pod request of the queue's resource (default 1). */
  size?: number;
  resource?: string;
  pods?: number;
  duration?: number;
  priority?: number;
  flavors?: string[];
  gang?: boolean;
  /** Seconds between consecutive submissions (default 0). */
  every?: number;
}

/** `count` identical workloads named `<prefix>-<i>`. */
export function jobs(prefix: string, queue: string, count: number, o: JobOptions = {}): WorkloadSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: count === 1 ? prefix : `${prefix}-${i}`,
    queue,
    submitTime: (o.at ?? 0) + i * (o.every ?? 0),
    priority: o.priority ?? 0,
    podSets: [{ count: o.pods ?? 1, requests: { [o.resource ?? 'cpu']: o.size ?? 1 } }],
    duration: o.duration ?? 1000,
    flavors: o.flavors,
    gang: o.gang,
  }));
}

/**
 * Workloads sized by the queues' nominal GPUs at `load` (the pre-v8 sizing,
 * which migrated scenarios keep): a busy, policy-shaped workload for tests
 * and benchmarks of the scheduler, where demand is not what is under test.
 */
export function quotaSizedWorkloads(cluster: Cluster, load: number): TeamWorkloadSpec[] {
  const saved = cluster.queues.map((q) => demandFromOldLoad(q.id, nominalGpus(q), load));
  return workloadSpecs(cluster, queueDemands(cluster, [], saved));
}
