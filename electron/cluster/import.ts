/**
 * Reading a live cluster back into a scenario's policy (M13 "import"): Kueue
 * flavors, cohorts, ClusterQueues and LocalQueues, the namespaces' quotas,
 * limit ranges and team bindings, priority classes, and GPU node pools.
 * Quantities are kept as the cluster states them.
 */
import type { KubeObject } from './kube-client.ts';
import { ClusterSchema, type Cluster, type Cohort, type ResourceFlavor, type ResourceGroup, type TeamQueue, type Topology } from '../../sim/cluster/schema.ts';
import { capacityFromGpuNodes, groupGpuNodes } from './capabilities.ts';
import type { ClusterConnection } from './connection.ts';
import type { API_VERSION_OF} from './live-state.ts';
import { readLiveState } from './live-state.ts';
import { detectKueueVersion } from './kueue-version.ts';
import { NEWEST_KUEUE_VERSION } from '../../sim/cluster/kueue-versions.ts';

type Loose = Record<string, unknown>;

const asRecord = (value: unknown): Loose => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
const stringMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(asRecord(value)).flatMap(([k, v]) => (asString(v) !== undefined ? [[k, asString(v)!]] : [])));

function resourceGroupsOf(spec: Loose): ResourceGroup[] {
  return asArray(spec.resourceGroups).map((g) => {
    const group = asRecord(g);
    return {
      coveredResources: asArray(group.coveredResources).map(String),
      flavors: asArray(group.flavors).map((f) => {
        const flavor = asRecord(f);
        return {
          name: String(flavor.name ?? ''),
          resources: asArray(flavor.resources).map((r) => {
            const quota = asRecord(r);
            return {
              name: String(quota.name ?? ''),
              nominalQuota: asString(quota.nominalQuota) ?? '0',
              borrowingLimit: asString(quota.borrowingLimit),
              lendingLimit: asString(quota.lendingLimit),
            };
          }),
        };
      }),
    };
  });
}

const specOf = (object: KubeObject): Loose => asRecord((object as unknown as Loose).spec);

/** System priority classes (system-cluster-critical, …) are the cluster's, not a team policy. */
const isSystemPriority = (name: string, value: number) => name.startsWith('system-') || value > 1_000_000_000;

export async function importClusterPolicy(connection: ClusterConnection): Promise<{ cluster: Cluster; notes: string[] }> {
  const live = await readLiveState(connection);
  const notes: string[] = [];
  if (live.missingKinds.size) notes.push(`Not served by this cluster, so not imported: ${[...live.missingKinds].join(', ')}`);
  const byKind = (kind: keyof typeof API_VERSION_OF) => [...live.byRef.values()].filter((o) => o.kind === kind);

  const flavors: ResourceFlavor[] = byKind('ResourceFlavor').map((o) => {
    const spec = specOf(o);
    return {
      name: o.metadata?.name ?? '',
      nodeLabels: stringMap(spec.nodeLabels),
      nodeTaints: asArray(spec.nodeTaints).map((t) => {
        const taint = asRecord(t);
        return { key: String(taint.key ?? ''), value: asString(taint.value) ?? '', effect: (asString(taint.effect) ?? 'NoSchedule') as ResourceFlavor['nodeTaints'][number]['effect'] };
      }),
      ...(asString(spec.topologyName) !== undefined ? { topologyName: asString(spec.topologyName) } : {}),
    };
  });
  const topologies: Topology[] = byKind('Topology').map((o) => ({
    name: o.metadata?.name ?? '',
    levels: asArray(specOf(o).levels).map((l) => ({ nodeLabel: String(asRecord(l).nodeLabel ?? '') })),
  }));

  const cohorts: Cohort[] = byKind('Cohort').map((o) => {
    const spec = specOf(o);
    return {
      name: o.metadata?.name ?? '',
      parentName: asString(spec.parentName),
      fairSharingWeight: asString(asRecord(spec.fairSharing).weight),
      resourceGroups: resourceGroupsOf(spec),
    };
  });

  const localQueues = byKind('LocalQueue');
  const quotas = byKind('ResourceQuota');
  const limitRanges = byKind('LimitRange');
  const bindings = byKind('RoleBinding');
  const queues: TeamQueue[] = byKind('ClusterQueue').map((o) => {
    const name = o.metadata?.name ?? '';
    const spec = specOf(o);
    const localQueue = localQueues.find((lq) => specOf(lq).clusterQueue === name);
    const selected = asString(asRecord(asRecord(spec.namespaceSelector).matchLabels)['kubernetes.io/metadata.name']);
    const namespace = localQueue?.metadata?.namespace ?? selected ?? name;
    if (!localQueue) notes.push(`ClusterQueue ${name} has no LocalQueue; a LocalQueue "default" in namespace ${namespace} was assumed`);
    const quota = quotas.find((q) => q.metadata?.namespace === namespace && q.metadata?.name === 'podplan-quota') ?? quotas.find((q) => q.metadata?.namespace === namespace);
    const limitRange = limitRanges.find((l) => l.metadata?.namespace === namespace);
    const containerLimits = asRecord(asArray(specOf(limitRange ?? {}).limits).find((l) => asRecord(l).type === 'Container'));
    const binding = bindings.find((b) => b.metadata?.namespace === namespace && b.metadata?.name === 'podplan-team-edit');
    const group = asArray((binding as unknown as Loose | undefined)?.subjects).map(asRecord).find((s) => s.kind === 'Group');
    const preemption = asRecord(spec.preemption);
    const fungibility = asRecord(spec.flavorFungibility);
    // Admission fair sharing: the queue's admissionScope, its LocalQueues' weights, and further LocalQueues of the namespace on it.
    const admissionMode = asString(asRecord(spec.admissionScope).admissionMode);
    const weightOf = (lq: typeof localQueue) => asString(asRecord(specOf(lq ?? {}).fairSharing).weight);
    const lqWeight = weightOf(localQueue);
    const extra = localQueues.filter((lq) => lq !== localQueue && specOf(lq).clusterQueue === name);
    for (const lq of extra.filter((x) => x.metadata?.namespace !== namespace)) notes.push(`LocalQueue ${lq.metadata?.namespace}/${lq.metadata?.name} submits to ClusterQueue ${name} from another namespace; only LocalQueues in ${namespace} were imported`);
    const extraLocalQueues = extra.filter((lq) => lq.metadata?.namespace === namespace).map((lq) => ({ name: lq.metadata?.name ?? '', ...(weightOf(lq) !== undefined ? { fairSharingWeight: weightOf(lq) } : {}) }));
    return {
      ...(admissionMode === 'UsageBasedAdmissionFairSharing' || admissionMode === 'NoAdmissionFairSharing' ? { admissionScope: { admissionMode } } : {}),
      ...(lqWeight !== undefined ? { localQueueFairSharingWeight: lqWeight } : {}),
      ...(extraLocalQueues.length ? { extraLocalQueues } : {}),
      id: `imported-${name}`,
      namespace,
      clusterQueue: name,
      localQueue: localQueue?.metadata?.name ?? 'default',
      teamGroup: asString(group?.name) ?? '',
      cohortName: asString(spec.cohortName) ?? asString(spec.cohort),
      queueingStrategy: spec.queueingStrategy === 'StrictFIFO' ? 'StrictFIFO' : 'BestEffortFIFO',
      fairSharingWeight: asString(asRecord(spec.fairSharing).weight),
      preemption: {
        withinClusterQueue: (asString(preemption.withinClusterQueue) ?? 'Never') as TeamQueue['preemption']['withinClusterQueue'],
        reclaimWithinCohort: (asString(preemption.reclaimWithinCohort) ?? 'Never') as TeamQueue['preemption']['reclaimWithinCohort'],
        borrowWithinCohort: {
          policy: (asString(asRecord(preemption.borrowWithinCohort).policy) ?? 'Never') as 'Never',
          maxPriorityThreshold: typeof asRecord(preemption.borrowWithinCohort).maxPriorityThreshold === 'number' ? (asRecord(preemption.borrowWithinCohort).maxPriorityThreshold as number) : undefined,
        },
      },
      flavorFungibility: {
        whenCanBorrow: (asString(fungibility.whenCanBorrow) ?? 'MayStopSearch') as 'MayStopSearch',
        whenCanPreempt: (asString(fungibility.whenCanPreempt) ?? 'TryNextFlavor') as 'TryNextFlavor',
      },
      concurrentAdmission: concurrentAdmissionOf(spec.concurrentAdmissionPolicy),
      resourceGroups: resourceGroupsOf(spec),
      namespaceQuota: stringMap(asRecord(specOf(quota ?? {}).hard)),
      limitRange: { defaultRequest: stringMap(containerLimits.defaultRequest), default: stringMap(containerLimits.default) },
    };
  });

  const priorityByName = new Map<string, Cluster['priorityClasses'][number]>();
  for (const o of byKind('WorkloadPriorityClass')) {
    const raw = o as unknown as Loose;
    const value = Number(raw.value ?? 0);
    priorityByName.set(o.metadata?.name ?? '', { name: o.metadata?.name ?? '', value, description: asString(raw.description) ?? '', preemptionPolicy: 'PreemptLowerPriority' });
  }
  for (const o of byKind('PriorityClass')) {
    const raw = o as unknown as Loose;
    const name = o.metadata?.name ?? '';
    const value = Number(raw.value ?? 0);
    if (isSystemPriority(name, value)) continue;
    priorityByName.set(name, { name, value, description: asString(raw.description) ?? '', preemptionPolicy: raw.preemptionPolicy === 'Never' ? 'Never' : 'PreemptLowerPriority' });
  }

  const nodes = await connection.call('listing nodes', () => connection.objects.list('v1', 'Node'));
  const capacity = capacityFromGpuNodes(groupGpuNodes(nodes.items));
  const flavorNames = new Set(flavors.map((f) => f.name));
  for (const flavor of capacity.flavors) if (!flavorNames.has(flavor.name)) flavors.push(flavor);

  // The policy targets the Kueue the cluster runs; when that cannot be read, the newest (the schema's default), said in a note.
  const detected = await detectKueueVersion(connection);
  if (detected.target === null) notes.push(`Kueue version not detected; the scenario targets Kueue ${NEWEST_KUEUE_VERSION}. ${detected.notes.join(' ')}`);
  else notes.push(`Targets Kueue ${detected.target}, the version the cluster runs: ${detected.notes.join(' ')}`);

  const cluster = ClusterSchema.parse({
    kueueVersion: detected.target ?? NEWEST_KUEUE_VERSION,
    nodePools: capacity.nodePools,
    flavors,
    cohorts,
    queues,
    priorityClasses: [...priorityByName.values()].sort((a, b) => b.value - a.value),
    ...(topologies.length ? { topologies } : {}),
    fairSharing: false,
  });
  if (flavors.some((f) => f.topologyName !== undefined)) notes.push('TAS flavors imported with their Topology; set each node pool\'s layout (nodes per rack, per block) in GPU capacity to simulate topology-aware scheduling');
  return { cluster, notes };
}

/** ClusterQueue.spec.concurrentAdmissionPolicy (Kueue 0.18+) as the policy keeps it; undefined when absent. */
function concurrentAdmissionOf(value: unknown): TeamQueue['concurrentAdmission'] {
  const migration = asRecord(asRecord(value).migration);
  const mode = migration.mode;
  if (mode !== 'TryPreferredFlavors' && mode !== 'RetainFirstAdmission') return undefined;
  const last = asString(asRecord(migration.constraints).lastAcceptableFlavorName);
  return { migrationMode: mode, ...(last === undefined ? {} : { lastAcceptableFlavorName: last }) };
}
