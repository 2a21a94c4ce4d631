/**
 * The plan for one scenario on one cluster: every desired object classified
 * against the live state (create, update, unchanged, or not podplan's to
 * touch) plus the objects a prune would remove. Diff and apply both start
 * here, so they always agree on what is whose.
 */
import type { KubeObject } from './kube-client.ts';
import { objectRef, scenarioLabelValue, type ManagedKind, type ManifestObject } from '../../sim/manifests/objects.ts';
import { liveSatisfies } from './compare.ts';
import type { ClusterConnection } from './connection.ts';
import { ownershipOf, pruneCandidates, readPlanState, type LiveState } from './live-state.ts';

export type PlannedAction =
  | 'create'
  | 'update'
  | 'unchanged'
  /** Exists and carries no podplan label: left alone unless the user adopts it. */
  | 'not-managed'
  /** Managed by podplan for another scenario: left alone unless adopted. */
  | 'other-scenario'
  /** Its kind is not served (e.g. Kueue's CRDs are not installed). */
  | 'kind-missing';

export interface PlannedObject {
  ref: string;
  kind: ManagedKind;
  desired: ManifestObject;
  live: KubeObject | null;
  action: PlannedAction;
}

export interface Plan {
  scenarioLabel: string;
  objects: PlannedObject[];
  prune: Array<{ ref: string; object: KubeObject }>;
  missingKinds: ManagedKind[];
  /** List requests the plan took. */
  requests: number;
}

export interface PlanOptions {
  /** Take over objects that exist without podplan's labels or belong to another scenario. */
  adopt?: boolean;
}

export function classify(desired: readonly ManifestObject[], live: LiveState, scenarioLabel: string, options: PlanOptions = {}): PlannedObject[] {
  return desired.map((object) => {
    const ref = objectRef(object);
    const kind = object.kind as ManagedKind;
    const current = live.byRef.get(ref) ?? null;
    let action: PlannedAction;
    if (live.missingKinds.has(kind)) action = 'kind-missing';
    else if (!current) action = 'create';
    else {
      const owner = ownershipOf(current, scenarioLabel);
      if (owner === 'unmanaged' && !options.adopt) action = 'not-managed';
      else if (owner === 'other-scenario' && !options.adopt) action = 'other-scenario';
      else action = liveSatisfies(object, current) ? 'unchanged' : 'update';
    }
    return { ref, kind, desired: object, live: current, action };
  });
}

export async function makePlan(connection: ClusterConnection, scenarioId: string, desired: readonly ManifestObject[], options: PlanOptions = {}): Promise<Plan> {
  const scenarioLabel = scenarioLabelValue(scenarioId);
  const live = await readPlanState(connection, desired, scenarioLabel, { adopt: options.adopt ?? false });
  return {
    scenarioLabel,
    objects: classify(desired, live, scenarioLabel, options),
    prune: pruneCandidates(live, desired, scenarioLabel),
    missingKinds: [...live.missingKinds],
    requests: live.requests,
  };
}
