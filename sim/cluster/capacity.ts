/** Physical capacity of the node pools over the plan's months (M8). */
import type { Cluster, NodePool } from './schema.ts';

/** Nodes in a pool in a given month: the latest planned change at or before it, else the pool's starting count. */
export function nodeCountAt(pool: Pick<NodePool, 'nodeCount' | 'capacityChanges'>, month: number): number {
  let count = pool.nodeCount;
  let latest = 0;
  for (const change of pool.capacityChanges) {
    if (change.month <= month && change.month >= latest) {
      latest = change.month;
      count = change.nodeCount;
    }
  }
  return count;
}

export interface FlavorCapacity {
  flavor: string;
  nodes: number;
  gpus: number;
  cpuCores: number;
  memoryGiB: number;
  /** Average USD per GPU-hour over the flavor's pools, weighted by GPUs. */
  costPerGpuHour: number;
}

export function capacityByFlavor(cluster: Pick<Cluster, 'nodePools' | 'flavors'>, month = 1): FlavorCapacity[] {
  const byFlavor = new Map<string, FlavorCapacity & { costWeighted: number }>();
  for (const flavor of cluster.flavors) {
    byFlavor.set(flavor.name, { flavor: flavor.name, nodes: 0, gpus: 0, cpuCores: 0, memoryGiB: 0, costPerGpuHour: 0, costWeighted: 0 });
  }
  for (const pool of cluster.nodePools) {
    const entry = byFlavor.get(pool.flavor) ?? { flavor: pool.flavor, nodes: 0, gpus: 0, cpuCores: 0, memoryGiB: 0, costPerGpuHour: 0, costWeighted: 0 };
    const nodes = nodeCountAt(pool, month);
    entry.nodes += nodes;
    entry.gpus += nodes * pool.gpusPerNode;
    entry.cpuCores += nodes * pool.cpuCoresPerNode;
    entry.memoryGiB += nodes * pool.memoryGiBPerNode;
    entry.costWeighted += nodes * pool.gpusPerNode * pool.costPerGpuHour;
    byFlavor.set(pool.flavor, entry);
  }
  return [...byFlavor.values()].map(({ costWeighted, ...entry }) => ({ ...entry, costPerGpuHour: entry.gpus ? costWeighted / entry.gpus : 0 }));
}
