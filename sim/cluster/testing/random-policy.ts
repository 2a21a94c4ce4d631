/**
 * Random but valid quota policies, for property tests and for checking that
 * every generated manifest is accepted by a real API server. Deterministic
 * for a seed (mulberry32), and exercising what the editor allows: cohort
 * trees, borrowing and lending limits, every preemption and fungibility
 * option, quantities in their different spellings, taints, priorities.
 */
import { ClusterSchema, type Cluster, type ResourceGroup } from '../schema.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESOURCES = ['cpu', 'memory', 'nvidia.com/gpu'] as const;

/** `prefix` keeps names unique across policies that share one API server. */
export function randomPolicy(seed: number, prefix: string): Cluster {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;

  /** One spelling per quota entry, so a lendingLimit of n never exceeds a nominal of m ≥ n. */
  const spelling = (resource: string): ((value: number) => string) => {
    if (resource === 'memory') return pick([(v: number) => `${v}Gi`, (v: number) => `${v * 1024}Mi`, (v: number) => `${v}G`]);
    if (resource === 'cpu') return pick([(v: number) => String(v), (v: number) => `${v * 1000}m`, (v: number) => `${v}.5`]);
    return (v: number) => String(v);
  };

  const flavors = Array.from({ length: int(1, 3) }, (_, i) => ({
    name: `${prefix}-f${i}`,
    nodeLabels: chance(0.7) ? { 'nvidia.com/gpu.product': pick(['NVIDIA-H100-80GB-HBM3', 'NVIDIA-A100-SXM4-80GB', 'NVIDIA-L4']) } : {},
    nodeTaints: chance(0.3) ? [{ key: 'nvidia.com/gpu', value: pick(['', 'present']), effect: pick(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const) }] : [],
  }));

  const cohortNames: string[] = [];
  const cohorts = Array.from({ length: int(0, 4) }, (_, i) => {
    const name = `${prefix}-c${i}`;
    const parentName = cohortNames.length && chance(0.6) ? pick(cohortNames) : undefined;
    cohortNames.push(name);
    return { name, parentName, fairSharingWeight: chance(0.3) ? pick(['1', '2', '0.5', '500m']) : undefined, resourceGroups: [] as ResourceGroup[] };
  });

  const queues = Array.from({ length: int(1, 6) }, (_, i) => {
    const cohortName = cohortNames.length && chance(0.8) ? pick(cohortNames) : undefined;
    const covered = RESOURCES.filter(() => chance(0.7));
    if (covered.length === 0) covered.push('nvidia.com/gpu');
    const queueFlavors = flavors.filter(() => chance(0.7)).map((f) => f.name);
    if (queueFlavors.length === 0) queueFlavors.push(flavors[0]!.name);
    const reclaim = pick(['Never', 'LowerPriority', 'Any'] as const);
    return {
      id: `q${i}`,
      namespace: `${prefix}-ns${i}`,
      clusterQueue: `${prefix}-cq${i}`,
      localQueue: pick(['default', `lq-${i}`]),
      teamGroup: chance(0.7) ? `team-${i}@example.com` : '',
      cohortName,
      queueingStrategy: pick(['StrictFIFO', 'BestEffortFIFO'] as const),
      fairSharingWeight: chance(0.3) ? pick(['1', '3', '0']) : undefined,
      preemption: {
        withinClusterQueue: pick(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority'] as const),
        reclaimWithinCohort: reclaim,
        borrowWithinCohort:
          reclaim !== 'Never' && chance(0.5) ? { policy: 'LowerPriority' as const, maxPriorityThreshold: chance(0.5) ? int(0, 1000) : undefined } : { policy: 'Never' as const },
      },
      flavorFungibility: { whenCanBorrow: pick(['MayStopSearch', 'TryNextFlavor'] as const), whenCanPreempt: pick(['MayStopSearch', 'TryNextFlavor'] as const) },
      resourceGroups: [
        {
          coveredResources: [...covered],
          flavors: queueFlavors.map((name) => ({
            name,
            resources: covered.map((resource) => {
              const nominal = int(0, 64);
              const quantity = spelling(resource);
              return {
                name: resource,
                nominalQuota: quantity(nominal),
                borrowingLimit: cohortName && chance(0.5) ? quantity(int(0, 32)) : undefined,
                lendingLimit: cohortName && chance(0.4) ? quantity(int(0, nominal)) : undefined,
              };
            }),
          })),
        },
      ],
      namespaceQuota: chance(0.8) ? { 'requests.nvidia.com/gpu': String(int(0, 128)), pods: String(int(1, 1000)), 'requests.cpu': `${int(1, 512)}` } : {},
      limitRange: chance(0.6)
        ? { defaultRequest: { cpu: '500m', memory: '1Gi' }, default: { cpu: String(int(1, 8)), memory: `${int(1, 64)}Gi` } }
        : { defaultRequest: {}, default: {} },
    };
  });

  const priorityClasses = Array.from({ length: int(0, 3) }, (_, i) => ({
    name: `${prefix}-p${i}`,
    value: int(-100, 1_000_000),
    description: chance(0.5) ? `Priority ${i}: "quoted" and: colons` : '',
    preemptionPolicy: pick(['PreemptLowerPriority', 'Never'] as const),
  }));

  return ClusterSchema.parse({ nodePools: [], flavors, cohorts, queues, priorityClasses, fairSharing: chance(0.5) });
}
