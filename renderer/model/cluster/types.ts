/** The cluster model's types as the GPU screens use them (from sim/cluster/schema.ts). */
import type { NodePool, ResourceFlavor } from '../../../sim/cluster/schema.ts';

export {
  GPU_RESOURCE,
  type Cluster,
  type Cohort,
  type FlavorQuotas,
  type NodePool,
  type PriorityClass,
  type ResourceFlavor,
  type ResourceGroup,
  type ResourceQuotaEntry,
  type TeamQueue,
} from '../../../sim/cluster/schema.ts';

export type CapacityChange = NodePool['capacityChanges'][number];
export type Taint = ResourceFlavor['nodeTaints'][number];
