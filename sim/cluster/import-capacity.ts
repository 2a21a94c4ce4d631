/**
 * Node pools and flavors from a cluster's GPU nodes (M8 "import capacity
 * from a live cluster"): one pool per GPU product and node shape, one
 * ResourceFlavor per product selecting its nodes by the GPU operator's
 * `nvidia.com/gpu.product` label. Pure, so the UI and the CLI import alike.
 */
import type { NodePool, ResourceFlavor } from './schema.ts';

export const GPU_PRODUCT_LABEL = 'nvidia.com/gpu.product';

/** GPU nodes of one product and shape, as a capability check finds them. */
export interface GpuNodeGroup {
  /** The value of the node label `nvidia.com/gpu.product`, or "unlabelled". */
  product: string;
  nodes: number;
  gpusPerNode: number;
  cpuCoresPerNode: number;
  memoryGiBPerNode: number;
}

/** "NVIDIA-H100-80GB-HBM3" → "nvidia-h100-80gb-hbm3" (a DNS-1123 name). */
export function flavorNameFor(product: string): string {
  const name = product
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name || 'gpu';
}

export function capacityFromGpuNodes(groups: readonly GpuNodeGroup[], costPerGpuHour = 0): { nodePools: NodePool[]; flavors: ResourceFlavor[] } {
  const flavors = new Map<string, ResourceFlavor>();
  const nodePools: NodePool[] = groups.map((group, i) => {
    const flavor = flavorNameFor(group.product);
    if (!flavors.has(flavor)) {
      flavors.set(flavor, { name: flavor, nodeLabels: group.product === 'unlabelled' ? {} : { [GPU_PRODUCT_LABEL]: group.product }, nodeTaints: [] });
    }
    return {
      id: `imported-${flavor}-${i + 1}`,
      name: `${group.product} × ${group.gpusPerNode}`,
      flavor,
      gpuModel: group.product,
      gpusPerNode: group.gpusPerNode,
      nodeCount: group.nodes,
      cpuCoresPerNode: group.cpuCoresPerNode,
      memoryGiBPerNode: group.memoryGiBPerNode,
      costPerGpuHour,
      capacityChanges: [],
    };
  });
  return { nodePools, flavors: [...flavors.values()] };
}
