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

export const BLOCK = 'cloud.provider.com/topology-block';
export const RACK = 'cloud.provider.com/topology-rack';

export interface TasSpec {
  teams: Array<{ team: string; cohort?: string; gpus: string; borrowingLimit?: string }>;
  /** Nodes of the one TAS pool, their GPUs, and how they sit in racks and blocks. */
  nodes: number;
  gpusPerNode?: number;
  nodesPerRack: number;
  nodesPerBlock: number;
  /** Topology levels (default block, rack, hostname). */
  levels?: string[];
}

/** A cluster with one TAS flavor ("h100-tas", Topology "default") laid out in blocks and racks, as the Kueue TAS docs set one up. */
export function tasPolicy(spec: TasSpec): Cluster {
  const levels = spec.levels ?? [BLOCK, RACK, 'kubernetes.io/hostname'];
  const nodesPerDomain: Record<string, number> = {};
  if (levels.includes(BLOCK)) nodesPerDomain[BLOCK] = spec.nodesPerBlock;
  if (levels.includes(RACK)) nodesPerDomain[RACK] = spec.nodesPerRack;
  const base = gpuPolicy(spec.teams.map((t) => ({ team: t.team, cohort: t.cohort, gpus: { 'h100-tas': t.gpus }, borrowingLimit: t.borrowingLimit })));
  base.nodePools[0] = { ...base.nodePools[0]!, gpusPerNode: spec.gpusPerNode ?? 8, nodeCount: spec.nodes, topology: { nodesPerDomain } };
  base.flavors[0] = { ...base.flavors[0]!, topologyName: 'default' };
  base.topologies = [{ name: 'default', levels: levels.map((nodeLabel) => ({ nodeLabel })) }];
  return base;
}
