/**
 * GPU capacity (M8) and quota policy (M9), as stored in the scenario.
 *
 * The shapes follow Kueue's v1beta2 API (ResourceFlavor, Cohort,
 * ClusterQueue, LocalQueue, WorkloadPriorityClass) and core Kubernetes
 * (Namespace, ResourceQuota, LimitRange, PriorityClass), so a policy maps to
 * manifests field by field and a live cluster imports back without loss.
 * Quotas are Kubernetes quantity strings. The schema checks structure only:
 * a half-edited policy still saves; `validatePolicy` reports what the API
 * server would refuse, and export/apply refuse while such problems remain.
 * Object and array defaults are factories: zod hands out a default value as
 * is, and a shared instance would leak one scenario's edits into the next.
 */
import { z } from 'zod';
import { KUEUE_VERSIONS, NEWEST_KUEUE_VERSION } from './kueue-versions.ts';

const quantity = z.string().trim().min(1, 'must not be empty').max(64);
const objectName = z.string().max(253);
const labels = z.record(z.string().max(317), z.string().max(63));

export const CapacityChangeSchema = z.object({
  /** Month (1-based, from the plan start) from which the pool has `nodeCount` nodes. */
  month: z.number().int().min(1).max(120),
  nodeCount: z.number().int().min(0).max(100_000),
});

export const NodePoolSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  /** The Kueue ResourceFlavor this pool's nodes belong to. */
  flavor: objectName,
  /** Marketing name of the GPU, e.g. "NVIDIA H100 80GB"; shown, not used for scheduling. */
  gpuModel: z.string().max(200).default(''),
  gpusPerNode: z.number().int().min(0).max(64),
  nodeCount: z.number().int().min(0).max(100_000),
  cpuCoresPerNode: z.number().min(0).max(4096),
  memoryGiBPerNode: z.number().min(0).max(65_536),
  /** USD per GPU-hour (on-demand or amortised; the user's figure). */
  costPerGpuHour: z.number().min(0).max(10_000),
  capacityChanges: z.array(CapacityChangeSchema).max(240).default(() => []),
  /**
   * How the pool's nodes are spread over the topology of its flavor (when the
   * flavor has a `topologyName`): nodes per domain at each level, keyed by the
   * level's node label, e.g. { "cloud.provider.com/topology-rack": 8,
   * "cloud.provider.com/topology-block": 32 } — 8 nodes a rack, 4 racks a
   * block. Node k sits in domain floor(k / n) of each level, so the labels are
   * deterministic (`topologyDomainValue`). Unset: the pool is not laid out.
   */
  topology: z.object({ nodesPerDomain: z.record(z.string().max(317), z.number().int().min(1).max(100_000)) }).optional(),
});

export const TaintSchema = z.object({
  key: z.string().max(317),
  value: z.string().max(63).default(''),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

export const ResourceFlavorSchema = z.object({
  name: objectName,
  nodeLabels: labels.default(() => ({})),
  nodeTaints: z.array(TaintSchema).max(8).default(() => []),
  /** Kueue's `spec.topologyName`: a Topology makes this a TAS flavor (its pods are placed by topology-aware scheduling). */
  topologyName: objectName.optional(),
});

/** Kueue's Topology: levels from the broadest (block) to the narrowest (rack, then usually the node). */
export const TopologySchema = z.object({
  name: objectName,
  levels: z.array(z.object({ nodeLabel: z.string().max(317) })).max(16),
});

export const ResourceQuotaEntrySchema = z.object({
  /** A resource name: nvidia.com/gpu, cpu, memory, or any other. */
  name: z.string().max(317),
  nominalQuota: quantity,
  /** Unset = may borrow everything the cohort lends. Not allowed without a cohort. */
  borrowingLimit: quantity.optional(),
  /** Unset = lends all unused nominal quota. */
  lendingLimit: quantity.optional(),
});

export const FlavorQuotasSchema = z.object({
  name: objectName,
  resources: z.array(ResourceQuotaEntrySchema).max(64),
});

export const ResourceGroupSchema = z.object({
  coveredResources: z.array(z.string().max(317)).max(64),
  flavors: z.array(FlavorQuotasSchema).max(64),
});

export const PreemptionSchema = z.object({
  withinClusterQueue: z.enum(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority']).default('Never'),
  reclaimWithinCohort: z.enum(['Never', 'LowerPriority', 'Any']).default('Never'),
  borrowWithinCohort: z
    .object({
      policy: z.enum(['Never', 'LowerPriority']).default('Never'),
      maxPriorityThreshold: z.number().int().optional(),
    })
    .default(() => ({ policy: 'Never' as const })),
});

export const FlavorFungibilitySchema = z.object({
  whenCanBorrow: z.enum(['MayStopSearch', 'TryNextFlavor']).default('MayStopSearch'),
  whenCanPreempt: z.enum(['MayStopSearch', 'TryNextFlavor']).default('TryNextFlavor'),
});

export const CohortSchema = z.object({
  name: objectName,
  /** Parent in the cohort tree; unset = a root. */
  parentName: objectName.optional(),
  /** Fair-sharing weight as a quantity; unset = 1. */
  fairSharingWeight: quantity.optional(),
  /** Quota the cohort itself holds and lends to its subtree. */
  resourceGroups: z.array(ResourceGroupSchema).max(16).default(() => []),
});

export const ConcurrentAdmissionSchema = z.object({
  /** migration.mode: TryPreferredFlavors moves a running workload to a more preferred flavor; RetainFirstAdmission keeps it. */
  migrationMode: z.enum(['TryPreferredFlavors', 'RetainFirstAdmission']),
  /** migration.constraints.lastAcceptableFlavorName (TryPreferredFlavors only). */
  lastAcceptableFlavorName: objectName.optional(),
});

/** A further LocalQueue in the team's namespace that submits to the team's ClusterQueue (e.g. one per project). */
export const ExtraLocalQueueSchema = z.object({
  name: objectName,
  /** LocalQueue `spec.fairSharing.weight` (admission fair sharing); unset = 1. */
  fairSharingWeight: quantity.optional(),
});

/** ClusterQueue `spec.admissionScope`: UsageBasedAdmissionFairSharing orders its pending workloads by their LocalQueue's recent usage. */
export const AdmissionScopeSchema = z.object({
  admissionMode: z.enum(['UsageBasedAdmissionFairSharing', 'NoAdmissionFairSharing']),
});

/**
 * Kueue's Configuration `admissionFairSharing` (beta since 0.15); unset = off.
 * Durations are Go durations ("168h", "5m"), weights plain numbers; the
 * schema keeps what was typed and `validatePolicy` refuses what Kueue would.
 */
export const AdmissionFairSharingSchema = z.object({
  /** Time after which a LocalQueue's consumed usage decays by half; 0 resets it at every sample. Kueue has no default. */
  usageHalfLifeTime: z.string().trim().max(64),
  /** How often Kueue samples every LocalQueue's usage (Kueue's default 5m). */
  usageSamplingInterval: z.string().trim().max(64).default('5m'),
  /** Weight of each resource in a LocalQueue's usage; a resource not listed weighs 1. */
  resourceWeights: z.record(z.string().max(317), z.number()).default(() => ({})),
});

/** One team's slice of the cluster: its namespace, ClusterQueue and LocalQueue. */
export const TeamQueueSchema = z.object({
  id: z.string().min(1).max(200),
  /** The org team this queue belongs to, when the scenario models it. */
  teamId: z.string().max(200).optional(),
  namespace: z.string().max(253),
  clusterQueue: objectName,
  localQueue: objectName,
  /** Group bound to the namespace's `edit` ClusterRole (RBAC RoleBinding); empty = no binding. */
  teamGroup: z.string().max(253).default(''),
  cohortName: objectName.optional(),
  queueingStrategy: z.enum(['StrictFIFO', 'BestEffortFIFO']).default('BestEffortFIFO'),
  fairSharingWeight: quantity.optional(),
  admissionScope: AdmissionScopeSchema.optional(),
  /** The team LocalQueue's `spec.fairSharing.weight` (admission fair sharing); unset = 1. */
  localQueueFairSharingWeight: quantity.optional(),
  extraLocalQueues: z.array(ExtraLocalQueueSchema).max(1_000).optional(),
  preemption: PreemptionSchema.default(() => ({ withinClusterQueue: 'Never' as const, reclaimWithinCohort: 'Never' as const, borrowWithinCohort: { policy: 'Never' as const } })),
  flavorFungibility: FlavorFungibilitySchema.default(() => ({ whenCanBorrow: 'MayStopSearch' as const, whenCanPreempt: 'TryNextFlavor' as const })),
  /** ClusterQueue.spec.concurrentAdmissionPolicy (Kueue 0.18+, alpha): exported, not simulated. Unset = none. */
  concurrentAdmission: ConcurrentAdmissionSchema.optional(),
  resourceGroups: z.array(ResourceGroupSchema).max(16),
  /** Namespace ResourceQuota `spec.hard`, e.g. { "requests.nvidia.com/gpu": "16", "pods": "200" }. */
  namespaceQuota: z.record(z.string().max(317), quantity).default(() => ({})),
  /** LimitRange defaults for containers that set none. */
  limitRange: z
    .object({
      defaultRequest: z.record(z.string().max(317), quantity).default(() => ({})),
      default: z.record(z.string().max(317), quantity).default(() => ({})),
    })
    .default(() => ({ defaultRequest: {}, default: {} })),
});

export const PriorityClassSchema = z.object({
  name: objectName,
  value: z.number().int().min(-2_147_483_648).max(1_000_000_000),
  description: z.string().max(2048).default(''),
  /** PreemptLowerPriority (Kubernetes default) or Never. */
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).default('PreemptLowerPriority'),
});

export const ClusterSchema = z.object({
  nodePools: z.array(NodePoolSchema).max(1_000).default(() => []),
  flavors: z.array(ResourceFlavorSchema).max(1_000).default(() => []),
  cohorts: z.array(CohortSchema).max(5_000).default(() => []),
  queues: z.array(TeamQueueSchema).max(10_000).default(() => []),
  priorityClasses: z.array(PriorityClassSchema).max(100).default(() => []),
  /** Kueue Topology objects for topology-aware scheduling; unset (not `[]`) keeps files without TAS unchanged. */
  topologies: z.array(TopologySchema).max(100).optional(),
  /** Kueue's fair sharing (a Kueue configuration setting, used by the simulator). */
  fairSharing: z.boolean().default(false),
  /** The Kueue version of the cluster (kueue-versions.ts): export, validation and simulation follow it. */
  kueueVersion: z.enum(KUEUE_VERSIONS).default(NEWEST_KUEUE_VERSION),
  admissionFairSharing: AdmissionFairSharingSchema.optional(),
});

export type NodePool = z.infer<typeof NodePoolSchema>;
export type ResourceFlavor = z.infer<typeof ResourceFlavorSchema>;
export type ResourceGroup = z.infer<typeof ResourceGroupSchema>;
export type FlavorQuotas = z.infer<typeof FlavorQuotasSchema>;
export type ResourceQuotaEntry = z.infer<typeof ResourceQuotaEntrySchema>;
export type Cohort = z.infer<typeof CohortSchema>;
export type TeamQueue = z.infer<typeof TeamQueueSchema>;
export type ConcurrentAdmission = z.infer<typeof ConcurrentAdmissionSchema>;
export type PriorityClass = z.infer<typeof PriorityClassSchema>;
export type Cluster = z.infer<typeof ClusterSchema>;
export type AdmissionFairSharing = z.infer<typeof AdmissionFairSharingSchema>;
export type ExtraLocalQueue = z.infer<typeof ExtraLocalQueueSchema>;
export type Topology = z.infer<typeof TopologySchema>;
/** A workload's (or generated class's) topology request, as Kueue's podset-required-topology / podset-preferred-topology annotations. */
export interface TopologyRequest {
  /** The level's node label, e.g. cloud.provider.com/topology-rack. */
  level: string;
  mode: 'required' | 'preferred';
}
export const TopologyRequestSchema = z.object({ level: z.string().min(1, 'must name a topology level').max(317), mode: z.enum(['required', 'preferred']) });

/** The node label Kubernetes sets to the node's name: as a Topology's lowest level, TAS assigns pods to nodes. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

export const EMPTY_CLUSTER: Cluster = { nodePools: [], flavors: [], cohorts: [], queues: [], priorityClasses: [], fairSharing: false, kueueVersion: NEWEST_KUEUE_VERSION };

/** The resource name Kubernetes' device plugin uses for NVIDIA GPUs. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** One planned change of a node pool's size. */
export type CapacityChange = NodePool['capacityChanges'][number];
/** A taint a flavor's nodes carry. */
export type Taint = ResourceFlavor['nodeTaints'][number];

/** The quota fields of a ClusterQueue's or Cohort's resource, in Kueue's words. */
export const QUOTA_FIELDS = ['nominalQuota', 'borrowingLimit', 'lendingLimit'] as const;
export type QuotaField = (typeof QUOTA_FIELDS)[number];
