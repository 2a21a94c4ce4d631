/**
 * The policy at a glance (M9): what each team is guaranteed and can borrow,
 * and how the quota handed out compares with the GPUs that physically
 * exist, per flavor. Derived from the policy with Kueue's own arithmetic.
 */
import { buildQuotaTree } from './quota-tree.ts';
import { displayValue } from './resource-value.ts';
import { capacityByFlavor } from '../cluster/capacity.ts';
import { GPU_RESOURCE, type Cluster } from '../cluster/schema.ts';

export interface QueueFlavorSummary {
  flavor: string;
  /** nominalQuota: the team's guaranteed share (reclaimable from borrowers when preemption allows). */
  guaranteed: number;
  /** Part of the nominal quota no one else can ever borrow (nominal − lendingLimit). */
  neverLent: number;
  /** The most the team can hold when the rest of its cohort is idle. */
  maxUsable: number;
  /** maxUsable − guaranteed. */
  canBorrow: number;
}

export interface QueuePolicySummary {
  clusterQueue: string;
  namespace: string;
  cohort: string | null;
  resource: string;
  flavors: QueueFlavorSummary[];
  guaranteedTotal: number;
  /** Σ maxUsable over flavors: all of the team's workloads at once, on every flavor. */
  maxUsableTotal: number;
  /**
   * The largest single workload the queue can ever admit: a workload's pod
   * sets take one flavor each, so this is the most on any one flavor (what the
   * GPU simulation calls "can ever hold"); null flavor when there is none.
   */
  largestWorkload: { amount: number; flavor: string | null };
}

export interface FlavorCommitment {
  flavor: string;
  physical: number;
  /** Σ nominalQuota of every ClusterQueue and Cohort on this flavor. */
  nominal: number;
  /** nominal ÷ physical; > 1 is over-commitment (guarantees that cannot all be honoured at once). */
  ratio: number;
  status: 'over-committed' | 'under-committed' | 'balanced' | 'no-capacity';
}

export interface PolicySummary {
  resource: string;
  month: number;
  queues: QueuePolicySummary[];
  flavors: FlavorCommitment[];
}

/** Summarises one resource (GPUs by default) for the capacity of a given month. */
export function summarisePolicy(cluster: Cluster, options: { resource?: string; month?: number } = {}): PolicySummary {
  const resource = options.resource ?? GPU_RESOURCE;
  const month = options.month ?? 1;
  const tree = buildQuotaTree(cluster);
  const show = (value: number) => displayValue(resource, value);

  const queues: QueuePolicySummary[] = cluster.queues.map((queue) => {
    const node = tree.node('clusterQueue', queue.clusterQueue);
    const flavors: QueueFlavorSummary[] = [];
    for (const group of queue.resourceGroups) {
      if (!group.coveredResources.includes(resource)) continue;
      for (const flavor of group.flavors) {
        const fr = tree.fr(flavor.name, resource);
        if (fr < 0) continue;
        const i = node * tree.frCount + fr;
        const guaranteed = show(tree.nominal[i]!);
        const maxUsable = show(tree.potentialAvailable(node, fr));
        flavors.push({ flavor: flavor.name, guaranteed, neverLent: show(tree.localQuota(node, fr)), maxUsable, canBorrow: Math.max(0, maxUsable - guaranteed) });
      }
    }
    return {
      clusterQueue: queue.clusterQueue,
      namespace: queue.namespace,
      cohort: queue.cohortName ?? null,
      resource,
      flavors,
      guaranteedTotal: flavors.reduce((sum, f) => sum + f.guaranteed, 0),
      maxUsableTotal: flavors.reduce((sum, f) => sum + f.maxUsable, 0),
      largestWorkload: flavors.reduce<{ amount: number; flavor: string | null }>((best, f) => (f.maxUsable > best.amount ? { amount: f.maxUsable, flavor: f.flavor } : best), { amount: 0, flavor: null }),
    };
  });

  const physical = new Map<string, number>();
  if (resource === GPU_RESOURCE) for (const c of capacityByFlavor(cluster, month)) physical.set(c.flavor, c.gpus);
  else if (resource === 'cpu') for (const c of capacityByFlavor(cluster, month)) physical.set(c.flavor, c.cpuCores);
  else if (resource === 'memory') for (const c of capacityByFlavor(cluster, month)) physical.set(c.flavor, c.memoryGiB * 2 ** 30);
  const nominal = new Map<string, number>();
  for (let fr = 0; fr < tree.frCount; fr++) {
    const { flavor, resource: r } = tree.flavorResources[fr]!;
    if (r !== resource) continue;
    let sum = 0;
    for (const node of tree.nodes) sum += tree.nominal[node.index * tree.frCount + fr]!;
    nominal.set(flavor, (nominal.get(flavor) ?? 0) + show(sum));
  }
  const flavorNames = [...new Set([...cluster.flavors.map((f) => f.name), ...nominal.keys()])];
  const flavors: FlavorCommitment[] = flavorNames.map((flavor) => {
    const phys = physical.get(flavor) ?? 0;
    const nom = nominal.get(flavor) ?? 0;
    const ratio = phys > 0 ? nom / phys : nom > 0 ? Number.POSITIVE_INFINITY : 0;
    const status = phys === 0 ? (nom > 0 ? 'no-capacity' : 'balanced') : ratio > 1.0001 ? 'over-committed' : ratio < 0.9999 ? 'under-committed' : 'balanced';
    return { flavor, physical: phys, nominal: nom, ratio, status };
  });
  return { resource, month, queues, flavors };
}
