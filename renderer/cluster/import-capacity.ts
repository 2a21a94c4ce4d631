/**
 * Node pools and flavors from the GPU nodes a capability check found (M8
 * "import capacity from a live cluster"): one pool per GPU product and node
 * shape, one ResourceFlavor per product selecting its nodes by the GPU
 * operator's `nvidia.com/gpu.product` label. The same rule as the backend's
 * `capacityFromGpuNodes`, so a UI import and a CLI import agree.
 */
import type { GpuNodeGroup } from '../../electron/api/contract.ts';
import type { NodePool, ResourceFlavor } from './types.ts';

export const PRODUCT_LABEL = 'nvidia.com/gpu.product';

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
      flavors.set(flavor, { name: flavor, nodeLabels: group.product === 'unlabelled' ? {} : { [PRODUCT_LABEL]: group.product }, nodeTaints: [] });
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
