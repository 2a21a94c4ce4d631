/**
 * Kubernetes objects generated from a scenario's quota policy (M12): the
 * exact documents podplan exports and applies. Pure and deterministic: the
 * same scenario gives the same objects in the same order, key for key.
 */
import { labelValueProblem } from '../k8s/names.ts';
import { localQueuesOf } from '../cluster/admission-fair-sharing.ts';
import type { Cluster, Cohort, PriorityClass, ResourceFlavor, ResourceGroup, TeamQueue, Topology } from '../cluster/schema.ts';
import { levelWord } from '../cluster/topology.ts';

export const KUEUE_API_VERSION = 'kueue.x-k8s.io/v1beta2';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'podplan';
export const SCENARIO_LABEL = 'podplan.io/scenario';
export const FIELD_MANAGER = 'podplan';

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/**
 * The kinds in apply order: namespaces first, then what lives in them, then
 * Kueue's cluster-scoped objects from the bottom (flavors) up to the queues
 * that reference them.
 */
export const APPLY_ORDER = [
  'Namespace',
  'PriorityClass',
  'ResourceQuota',
  'LimitRange',
  'RoleBinding',
  'Topology',
  'ResourceFlavor',
  'WorkloadPriorityClass',
  'Cohort',
  'ClusterQueue',
  'LocalQueue',
] as const;

export type ManagedKind = (typeof APPLY_ORDER)[number];

/** The scenario label's value: the scenario id when it is a valid label value, else a stable hash of it. */
export function scenarioLabelValue(scenarioId: string): string {
  if (labelValueProblem(scenarioId) === null && scenarioId.length > 0) return scenarioId;
  let hash = 0x811c9dc5;
  for (let i = 0; i < scenarioId.length; i++) {
    hash ^= scenarioId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `scenario-${hash.toString(16).padStart(8, '0')}`;
}

function labelsFor(scenarioId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [SCENARIO_LABEL]: scenarioLabelValue(scenarioId) };
}

/** Drops undefined members so YAML has no `key: null` noise and output stays byte-stable. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function resourceGroupsManifest(groups: readonly ResourceGroup[]) {
  return groups.map((group) => ({
    coveredResources: [...group.coveredResources],
    flavors: group.flavors.map((flavor) => ({
      name: flavor.name,
      resources: flavor.resources.map((r) =>
        compact({ name: r.name, nominalQuota: r.nominalQuota, borrowingLimit: r.borrowingLimit, lendingLimit: r.lendingLimit }),
      ),
    })),
  }));
}

function namespaceObjects(queue: TeamQueue, labels: (extra?: Record<string, string>) => Record<string, string>): ManifestObject[] {
  const ns = queue.namespace;
  const objects: ManifestObject[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: labels() } }];
  if (Object.keys(queue.namespaceQuota).length > 0) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'podplan-quota', namespace: ns, labels: labels() },
      spec: { hard: sortedRecord(queue.namespaceQuota) },
    });
  }
  const { default: limits, defaultRequest } = queue.limitRange;
  if (Object.keys(limits).length > 0 || Object.keys(defaultRequest).length > 0) {
    objects.push({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'podplan-defaults', namespace: ns, labels: labels() },
      spec: {
        limits: [
          compact({
            type: 'Container',
            default: Object.keys(limits).length ? sortedRecord(limits) : undefined,
            defaultRequest: Object.keys(defaultRequest).length ? sortedRecord(defaultRequest) : undefined,
          }),
        ],
      },
    });
  }
  if (queue.teamGroup.trim()) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'podplan-team-edit', namespace: ns, labels: labels() },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: queue.teamGroup.trim() }],
    });
  }
  // The team's LocalQueue, then any further ones submitting to the same ClusterQueue (admission fair sharing weighs them).
  for (const lq of localQueuesOf(queue)) {
    objects.push({
      apiVersion: KUEUE_API_VERSION,
      kind: 'LocalQueue',
      metadata: { name: lq.name, namespace: ns, labels: labels() },
      spec: compact({ clusterQueue: queue.clusterQueue, fairSharing: lq.weight !== undefined ? { weight: lq.weight } : undefined }),
    });
  }
  return objects;
}

function clusterQueueObject(queue: TeamQueue, labels: Record<string, string>): ManifestObject {
  const { preemption, flavorFungibility } = queue;
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ClusterQueue',
    metadata: { name: queue.clusterQueue, labels },
    spec: compact({
      cohortName: queue.cohortName,
      // Only the team's own namespace may submit to its queue.
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': queue.namespace } },
      queueingStrategy: queue.queueingStrategy,
      resourceGroups: resourceGroupsManifest(queue.resourceGroups),
      preemption: {
        withinClusterQueue: preemption.withinClusterQueue,
        reclaimWithinCohort: preemption.reclaimWithinCohort,
        borrowWithinCohort: compact({
          policy: preemption.borrowWithinCohort.policy,
          maxPriorityThreshold: preemption.borrowWithinCohort.maxPriorityThreshold,
        }),
      },
      flavorFungibility: { whenCanBorrow: flavorFungibility.whenCanBorrow, whenCanPreempt: flavorFungibility.whenCanPreempt },
      fairSharing: queue.fairSharingWeight !== undefined ? { weight: queue.fairSharingWeight } : undefined,
      concurrentAdmissionPolicy: concurrentAdmissionPolicy(queue),
      admissionScope: queue.admissionScope ? { admissionMode: queue.admissionScope.admissionMode } : undefined,
    }),
  };
}

/** Kueue 0.18+ only: validation refuses it for an older target, so it is written as given. */
function concurrentAdmissionPolicy(queue: TeamQueue): Record<string, unknown> | undefined {
  const policy = queue.concurrentAdmission;
  if (!policy) return undefined;
  const constraints = policy.lastAcceptableFlavorName !== undefined ? { lastAcceptableFlavorName: policy.lastAcceptableFlavorName } : undefined;
  return { migration: compact({ mode: policy.migrationMode, constraints }) };
}

function cohortObject(cohort: Cohort, labels: Record<string, string>): ManifestObject {
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'Cohort',
    metadata: { name: cohort.name, labels },
    spec: compact({
      parentName: cohort.parentName,
      resourceGroups: cohort.resourceGroups.length ? resourceGroupsManifest(cohort.resourceGroups) : undefined,
      fairSharing: cohort.fairSharingWeight !== undefined ? { weight: cohort.fairSharingWeight } : undefined,
    }),
  };
}

function flavorObject(flavor: ResourceFlavor, labels: Record<string, string>): ManifestObject {
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ResourceFlavor',
    metadata: { name: flavor.name, labels },
    spec: compact({
      nodeLabels: Object.keys(flavor.nodeLabels).length ? sortedRecord(flavor.nodeLabels) : undefined,
      nodeTaints: flavor.nodeTaints.length ? flavor.nodeTaints.map((t) => compact({ key: t.key, value: t.value || undefined, effect: t.effect })) : undefined,
      topologyName: flavor.topologyName,
    }),
  };
}

/** The annotation on a Topology saying how each pool's nodes must be labelled (podplan does not label nodes; the cloud provider or the admin does). */
export const LAYOUT_ANNOTATION = 'podplan.io/node-layout';

/**
 * Kueue's Topology (kueue.x-k8s.io/v1beta2, served by Kueue 0.16 and 0.19
 * alike), with the node layout the plan assumes in an annotation, one line
 * per pool: "h100-pool (flavor h100-tas): 8 nodes per rack, 32 per block".
 */
function topologyObject(topology: Topology, cluster: Cluster, labels: Record<string, string>): ManifestObject {
  const flavors = new Set(cluster.flavors.filter((f) => f.topologyName === topology.name).map((f) => f.name));
  const layout = cluster.nodePools
    .filter((pool) => flavors.has(pool.flavor) && pool.topology)
    .map((pool) => {
      const per = topology.levels
        .map((l) => l.nodeLabel)
        .filter((label) => pool.topology!.nodesPerDomain[label] !== undefined)
        .reverse()
        .map((label) => `${pool.topology!.nodesPerDomain[label]} nodes per ${levelWord(label)}`);
      return `${pool.id} (flavor ${pool.flavor}): ${per.join(', ')}`;
    });
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'Topology',
    metadata: { name: topology.name, labels, ...(layout.length ? { annotations: { [LAYOUT_ANNOTATION]: layout.join('\n') } } : {}) },
    spec: { levels: topology.levels.map((l) => ({ nodeLabel: l.nodeLabel })) },
  };
}

function priorityObjects(pc: PriorityClass, labels: Record<string, string>): ManifestObject[] {
  return [
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: pc.name, labels },
      value: pc.value,
      globalDefault: false,
      preemptionPolicy: pc.preemptionPolicy,
      ...(pc.description ? { description: pc.description } : {}),
    },
    {
      apiVersion: KUEUE_API_VERSION,
      kind: 'WorkloadPriorityClass',
      metadata: { name: pc.name, labels },
      value: pc.value,
      ...(pc.description ? { description: pc.description } : {}),
    },
  ];
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const kindRank = new Map<string, number>(APPLY_ORDER.map((kind, i) => [kind, i]));

/** Sorts objects into apply order: by kind, then namespace, then name. */
export function inApplyOrder<T extends Pick<ManifestObject, 'kind' | 'metadata'>>(objects: readonly T[]): T[] {
  const key = (o: T) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
  return [...objects].sort((a, b) => {
    const byKind = (kindRank.get(a.kind) ?? 99) - (kindRank.get(b.kind) ?? 99);
    if (byKind !== 0) return byKind;
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Every object the policy implies, in apply order. Run `validatePolicy` first: this does not re-check names. */
export function generateManifests(scenarioId: string, cluster: Cluster): ManifestObject[] {
  const labels = (extra?: Record<string, string>) => labelsFor(scenarioId, extra);
  const objects: ManifestObject[] = [];
  for (const queue of cluster.queues) {
    objects.push(...namespaceObjects(queue, labels));
    objects.push(clusterQueueObject(queue, labels()));
  }
  for (const pc of cluster.priorityClasses) objects.push(...priorityObjects(pc, labels()));
  for (const topology of cluster.topologies ?? []) objects.push(topologyObject(topology, cluster, labels()));
  for (const flavor of cluster.flavors) objects.push(flavorObject(flavor, labels()));
  for (const cohort of cluster.cohorts) objects.push(cohortObject(cohort, labels()));
  return inApplyOrder(objects);
}

/** `kind/namespace/name` or `kind/name`: how objects are named in diffs and apply results. */
export function objectRef(object: Pick<ManifestObject, 'kind' | 'metadata'>): string {
  return object.metadata.namespace ? `${object.kind}/${object.metadata.namespace}/${object.metadata.name}` : `${object.kind}/${object.metadata.name}`;
}
