/**
 * What a cluster can take before anything is applied: its version, whether
 * Kueue's CRDs are installed and serve the API version podplan writes, and
 * the GPU nodes it has, grouped into node pools the scenario can import.
 */
import type { KubeObject } from './kube-client.ts';
import { GPU_PRODUCT_LABEL, type GpuNodeGroup } from '../../sim/cluster/import-capacity.ts';
import { GPU_RESOURCE } from '../../sim/cluster/schema.ts';
import { parseQuantity } from '../../sim/k8s/quantity.ts';
import { KUEUE_API_VERSION } from '../../sim/manifests/objects.ts';
import { serverVersion, type ClusterConnection } from './connection.ts';
import { detectKueueVersion } from './kueue-version.ts';
import type { KueueCrd, ClusterCapabilities } from '../../sim/api/cluster.ts';
export type { KueueCrd, ClusterCapabilities } from '../../sim/api/cluster.ts';

/** The Kueue kinds podplan writes; each must be served at v1beta2. */
export const KUEUE_KINDS = ['Topology', 'ResourceFlavor', 'Cohort', 'ClusterQueue', 'LocalQueue', 'WorkloadPriorityClass'] as const;

export { capacityFromGpuNodes, flavorNameFor, type GpuNodeGroup } from '../../sim/cluster/import-capacity.ts';

interface CrdObject extends KubeObject {
  spec?: { group?: string; names?: { kind?: string }; versions?: Array<{ name: string; served?: boolean; storage?: boolean }> };
}

interface NodeObject extends KubeObject {
  status?: { capacity?: Record<string, string>; allocatable?: Record<string, string> };
}


export async function checkCapabilities(connection: ClusterConnection): Promise<ClusterCapabilities> {
  const version = await serverVersion(connection);
  const crdList = await connection.call('listing CustomResourceDefinitions', () =>
    connection.objects.list<CrdObject>('apiextensions.k8s.io/v1', 'CustomResourceDefinition'),
  );
  const kueueGroup = KUEUE_API_VERSION.split('/')[0];
  const crds: KueueCrd[] = crdList.items
    .filter((crd) => crd.spec?.group === kueueGroup)
    .map((crd) => ({
      kind: crd.spec?.names?.kind ?? '',
      served: (crd.spec?.versions ?? []).filter((v) => v.served).map((v) => v.name),
      storage: (crd.spec?.versions ?? []).find((v) => v.storage)?.name ?? null,
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
  const wantedVersion = KUEUE_API_VERSION.split('/')[1]!;
  const missingKinds = KUEUE_KINDS.filter((kind) => !crds.some((crd) => crd.kind === kind && crd.served.includes(wantedVersion)));

  const detected = await detectKueueVersion(connection);
  const nodeList = await connection.call('listing nodes', () => connection.objects.list<NodeObject>('v1', 'Node'));
  const gpuNodes = groupGpuNodes(nodeList.items);
  return {
    context: connection.context,
    server: connection.server,
    version,
    kueue: { installed: crds.length > 0, servesV1beta2: missingKinds.length === 0, crds, missingKinds: [...missingKinds], detected },
    gpuNodes,
    totalGpus: gpuNodes.reduce((sum, g) => sum + g.nodes * g.gpusPerNode, 0),
  };
}

/** Groups GPU nodes by product and shape (GPUs, CPU, memory), so each group becomes one node pool. */
export function groupGpuNodes(nodes: readonly NodeObject[]): GpuNodeGroup[] {
  const groups = new Map<string, GpuNodeGroup>();
  for (const node of nodes) {
    const capacity = node.status?.capacity ?? {};
    const gpus = capacity[GPU_RESOURCE] ? Math.floor(parseQuantity(capacity[GPU_RESOURCE])) : 0;
    if (gpus <= 0) continue;
    const product = node.metadata?.labels?.[GPU_PRODUCT_LABEL] ?? 'unlabelled';
    const cpu = capacity.cpu ? parseQuantity(capacity.cpu) : 0;
    const memoryGiB = capacity.memory ? Math.round(parseQuantity(capacity.memory) / 2 ** 30) : 0;
    const key = `${product}\u0000${gpus}\u0000${cpu}\u0000${memoryGiB}`;
    const group = groups.get(key) ?? { product, nodes: 0, gpusPerNode: gpus, cpuCoresPerNode: cpu, memoryGiBPerNode: memoryGiB };
    group.nodes += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.product.localeCompare(b.product) || b.nodes - a.nodes);
}
