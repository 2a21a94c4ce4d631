/**
 * Small, readable policies for tests: a GPU cluster with two flavors and a
 * cohort of team queues, built the way a platform lead would describe it.
 */
import { ClusterSchema, type Cluster } from '../schema.ts';

export interface TeamSpec {
  team: string;
  cohort?: string;
  gpus: Record<string, string>;
  borrowingLimit?: string;
  lendingLimit?: string;
}

export function gpuPolicy(teams: TeamSpec[], extra: Partial<Cluster> = {}): Cluster {
  const flavorNames = [...new Set(teams.flatMap((t) => Object.keys(t.gpus)))];
  return ClusterSchema.parse({
    nodePools: flavorNames.map((flavor) => ({
      id: `${flavor}-pool`,
      name: `${flavor} pool`,
      flavor,
      gpusPerNode: 8,
      nodeCount: 2,
      cpuCoresPerNode: 96,
      memoryGiBPerNode: 1024,
      costPerGpuHour: 2,
    })),
    flavors: flavorNames.map((name) => ({ name, nodeLabels: { 'nvidia.com/gpu.product': name.toUpperCase() } })),
    queues: teams.map((t) => ({
      id: t.team,
      namespace: `team-${t.team}`,
      clusterQueue: t.team,
      localQueue: 'default',
      teamGroup: `${t.team}-engineers`,
      cohortName: t.cohort,
      resourceGroups: [
        {
          coveredResources: ['nvidia.com/gpu'],
          flavors: Object.entries(t.gpus).map(([name, nominalQuota]) => ({
            name,
            resources: [{ name: 'nvidia.com/gpu', nominalQuota, borrowingLimit: t.borrowingLimit, lendingLimit: t.lendingLimit }],
          })),
        },
      ],
      namespaceQuota: { 'requests.nvidia.com/gpu': '64', pods: '200' },
    })),
    ...extra,
  });
}
