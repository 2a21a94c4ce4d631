/**
 * The cluster as it is, for the kinds podplan manages: list requests (not
 * one read per object), indexed by `kind/namespace/name`, and what podplan
 * may touch told apart from what it may not. `readPlanState` reads what one
 * plan involves, so a re-apply costs the same on a cluster with thousands of
 * namespaces as on an empty one; `readLiveState` reads everything (import).
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
import { mapLimit } from './concurrency.ts';
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
  /** List requests made. */
  requests: number;
}

function refOfLive(kind: string, object: KubeObject): string {
  return objectRef({ kind, metadata: { name: object.metadata?.name ?? '', namespace: object.metadata?.namespace, labels: {} } });
}

/** Lists the live objects of each kind given, all of them. */
export async function readLiveState(connection: ClusterConnection, kinds: Iterable<ManagedKind> = APPLY_ORDER): Promise<LiveState> {
  const state: LiveState = { byRef: new Map(), missingKinds: new Set(), requests: 0 };
  await Promise.all([...new Set(kinds)].map((kind) => listInto(connection, state, kind)));
  return state;
}

interface ListScope {
  labelSelector?: string;
  fieldSelector?: string;
  /** Metadata alone; an object already read in full is kept as it is. */
  metadataOnly?: boolean;
}

/** Lists one kind (all of it, or what `scope` selects) into `state`; a kind the server does not serve is noted as missing. */
async function listInto(connection: ClusterConnection, state: LiveState, kind: ManagedKind, scope: ListScope = {}, partial?: Set<string>): Promise<void> {
  const apiVersion = API_VERSION_OF[kind];
  state.requests++;
  try {
    const list = await connection.call(`listing ${kind} objects`, () => connection.objects.list(apiVersion, kind, scope));
    for (const item of list.items) {
      const ref = refOfLive(kind, item);
      if (scope.metadataOnly) {
        if (state.byRef.has(ref)) continue;
        partial?.add(ref);
      }
      state.byRef.set(ref, item);
    }
  } catch (error) {
    // A kind whose API is not served (Kueue's CRDs absent) answers 404.
    if (error instanceof ClusterError && error.kind === 'not-found') {
      state.missingKinds.add(kind);
      return;
    }
    throw error;
  }
}

/** Namespaced kinds whose objects a plan names with at most this many distinct names are looked up by name; more, and the kind is listed whole. */
const MAX_NAMES_LOOKED_UP = 8;

/**
 * What a plan needs to know of the cluster, read in up to three rounds of
 * parallel lists instead of every object of every kind:
 *
 * 1. this scenario's objects of each kind (label selector), in full: what a
 *    re-apply compares and what a prune may delete. When every planned
 *    object is among them (a re-apply, a diff), that is all.
 * 2. for a cluster-scoped kind with a planned object not found in round 1,
 *    the metadata of the whole kind: the object may exist without podplan's
 *    labels or as another scenario's, and its labels say which. Namespaces
 *    too, when a namespaced object was not found.
 * 3. for a namespaced object not found in round 1 whose namespace exists,
 *    the metadata of the objects of that kind with that name in any
 *    namespace (field selector; podplan gives every namespace the same
 *    names): where an object podplan must not overwrite can be. In a
 *    namespace that does not exist, nothing can.
 *
 * Objects known by their metadata alone are not this scenario's; with
 * `adopt` the planned ones among them are read in full, since the plan then
 * compares them.
 */
export async function readPlanState(connection: ClusterConnection, desired: readonly ManifestObject[], scenarioLabel: string, options: { adopt?: boolean } = {}): Promise<LiveState> {
  const state: LiveState = { byRef: new Map(), missingKinds: new Set(), requests: 0 };
  const partial = new Set<string>();
  await Promise.all(APPLY_ORDER.map((kind) => listInto(connection, state, kind, { labelSelector: `${SCENARIO_LABEL}=${scenarioLabel}` })));

  const notFound = desired.filter((object) => !state.missingKinds.has(object.kind as ManagedKind) && !state.byRef.has(objectRef(object)));
  const namespaced = notFound.filter((object) => object.metadata.namespace !== undefined);
  const wholeKinds = new Set<ManagedKind>(notFound.filter((object) => object.metadata.namespace === undefined).map((object) => object.kind as ManagedKind));
  if (namespaced.length > 0) wholeKinds.add('Namespace');
  await Promise.all([...wholeKinds].map((kind) => listInto(connection, state, kind, { metadataOnly: true }, partial)));

  const inExistingNamespaces = namespaced.filter((object) => state.byRef.has(objectRef({ kind: 'Namespace', metadata: { name: object.metadata.namespace!, labels: {} } })));
  const namesByKind = new Map<ManagedKind, Set<string>>();
  for (const object of inExistingNamespaces) {
    const kind = object.kind as ManagedKind;
    if (!namesByKind.has(kind)) namesByKind.set(kind, new Set());
    namesByKind.get(kind)!.add(object.metadata.name);
  }
  await Promise.all(
    [...namesByKind].flatMap(([kind, names]) =>
      names.size > MAX_NAMES_LOOKED_UP
        ? [listInto(connection, state, kind, { metadataOnly: true }, partial)]
        : [...names].map((name) => listInto(connection, state, kind, { fieldSelector: `metadata.name=${name}`, metadataOnly: true }, partial)),
    ),
  );

  if (options.adopt) {
    const toRead = desired.filter((object) => partial.has(objectRef(object)));
    await mapLimit(toRead, 16, async (object) => {
      state.requests++;
      const { apiVersion, kind, metadata } = object;
      const full = await connection.call(`reading ${objectRef(object)}`, () => connection.objects.get(apiVersion, kind, metadata.name, metadata.namespace));
      state.byRef.set(objectRef(object), { ...full, apiVersion, kind });
    });
  }
  return state;
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
