/**
 * The cluster as it is, for the kinds podplan manages: one list request per
 * kind (not one read per object), indexed by `kind/namespace/name`, and what
 * podplan may touch told apart from what it may not.
 */
import type { KubeObject } from './kube-client.ts';
import {
  APPLY_ORDER,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  objectRef,
  SCENARIO_LABEL,
  type ManagedKind,
  type ManifestObject,
} from '../../sim/manifests/objects.ts';
import { KUEUE_API_VERSION } from '../../sim/manifests/objects.ts';
import type { ClusterConnection } from './connection.ts';
import { ClusterError } from './errors.ts';

export const API_VERSION_OF: Record<ManagedKind, string> = {
  Namespace: 'v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  Topology: KUEUE_API_VERSION,
  ResourceFlavor: KUEUE_API_VERSION,
  WorkloadPriorityClass: KUEUE_API_VERSION,
  Cohort: KUEUE_API_VERSION,
  ClusterQueue: KUEUE_API_VERSION,
  LocalQueue: KUEUE_API_VERSION,
};

export type Ownership = 'this-scenario' | 'other-scenario' | 'unmanaged';

export function ownershipOf(object: KubeObject, scenarioLabel: string): Ownership {
  const labels = object.metadata?.labels ?? {};
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) return 'unmanaged';
  return labels[SCENARIO_LABEL] === scenarioLabel ? 'this-scenario' : 'other-scenario';
}

export interface LiveState {
  byRef: Map<string, KubeObject>;
  /** Kinds whose API the server does not serve (e.g. Kueue not installed). */
  missingKinds: Set<ManagedKind>;
}

function refOfLive(kind: string, object: KubeObject): string {
  return objectRef({ kind, metadata: { name: object.metadata?.name ?? '', namespace: object.metadata?.namespace, labels: {} } });
}

/** Lists the live objects of each kind the plan (or a prune) involves. */
export async function readLiveState(connection: ClusterConnection, kinds: Iterable<ManagedKind> = APPLY_ORDER): Promise<LiveState> {
  const byRef = new Map<string, KubeObject>();
  const missingKinds = new Set<ManagedKind>();
  await Promise.all(
    [...new Set(kinds)].map(async (kind) => {
      try {
        const list = await connection.call(`listing ${kind} objects`, () => connection.objects.list(API_VERSION_OF[kind], kind));
        for (const item of list.items) byRef.set(refOfLive(kind, item), { ...item, kind, apiVersion: API_VERSION_OF[kind] });
      } catch (error) {
        // A kind whose API is not served (Kueue's CRDs absent) answers 404.
        if (error instanceof ClusterError && error.kind === 'not-found') {
          missingKinds.add(kind);
          return;
        }
        throw error;
      }
    }),
  );
  return { byRef, missingKinds };
}

/** Objects that carry this scenario's labels and are no longer in the plan: what a prune would delete. */
export function pruneCandidates(live: LiveState, desired: readonly ManifestObject[], scenarioLabel: string): Array<{ ref: string; object: KubeObject }> {
  const wanted = new Set(desired.map(objectRef));
  const candidates: Array<{ ref: string; object: KubeObject }> = [];
  for (const [ref, object] of live.byRef) {
    if (!wanted.has(ref) && ownershipOf(object, scenarioLabel) === 'this-scenario') candidates.push({ ref, object });
  }
  const rank = (o: KubeObject) => APPLY_ORDER.indexOf(o.kind as ManagedKind);
  // Delete in reverse apply order: queues before the cohorts and flavors they name, namespaces last.
  return candidates.sort((a, b) => rank(b.object) - rank(a.object) || a.ref.localeCompare(b.ref));
}
