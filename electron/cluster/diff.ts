/**
 * What an apply would change, field by field (M13 "diff"): for each object
 * to create or update, a server-side apply with dryRun=All, compared with
 * the live object after both lose the fields only the server writes. Server
 * defaults appear on both sides, so they never show as changes.
 */
import { FIELD_MANAGER, type ManifestObject } from '../../sim/manifests/objects.ts';
import { fieldChanges, withoutServerFields } from './compare.ts';
import type { ClusterConnection } from './connection.ts';
import { makePlan, type PlanOptions, type PlannedAction } from './plan.ts';
import { mapLimit } from './concurrency.ts';
import { ClusterError } from './errors.ts';
import type { DiffStatus, ObjectDiff, DiffResult } from '../../sim/api/cluster.ts';
export type { DiffStatus, ObjectDiff, DiffResult } from '../../sim/api/cluster.ts';

const NOTES: Partial<Record<PlannedAction, string>> = {
  'not-managed': 'exists on the cluster without podplan\'s labels; podplan leaves it alone (apply with --adopt to take it over)',
  'other-scenario': 'is managed by podplan for another scenario; left alone (apply with --adopt to take it over)',
  'kind-missing': 'its kind is not served by this cluster (are Kueue\'s CRDs installed?)',
};

export async function diffScenario(
  connection: ClusterConnection,
  scenarioId: string,
  desired: readonly ManifestObject[],
  options: PlanOptions & { concurrency?: number; forceConflicts?: boolean } = {},
): Promise<DiffResult> {
  const plan = await makePlan(connection, scenarioId, desired, options);
  // A dry run inside a namespace that does not exist yet fails (the dry run of the namespace creates nothing):
  // such objects are new by definition, and their diff is the object as podplan would send it.
  const namespacesToCreate = new Set(plan.objects.filter((o) => o.kind === 'Namespace' && o.action === 'create').map((o) => o.desired.metadata.name));
  const objects = await mapLimit(plan.objects, options.concurrency ?? 8, async (planned): Promise<ObjectDiff> => {
    const base = { ref: planned.ref, kind: planned.kind };
    if (planned.action === 'unchanged') return { ...base, status: 'unchanged', changes: [] };
    if (planned.action !== 'create' && planned.action !== 'update') return { ...base, status: planned.action, changes: [], note: NOTES[planned.action] };
    const namespace = planned.desired.metadata.namespace;
    if (namespace && namespacesToCreate.has(namespace)) {
      return { ...base, status: 'created', changes: fieldChanges(undefined, withoutServerFields(planned.desired)), note: `in namespace ${namespace}, which the apply creates first` };
    }
    try {
      const dryRun = await connection.call(`dry-running ${planned.ref}`, () =>
        connection.objects.apply(planned.desired, { fieldManager: FIELD_MANAGER, force: options.forceConflicts ?? false, dryRun: true, fieldValidation: 'Ignore' }),
      );
      const after = withoutServerFields(dryRun);
      const before = planned.live ? withoutServerFields(planned.live) : undefined;
      const changes = fieldChanges(before, after);
      if (planned.action === 'update' && changes.length === 0) return { ...base, status: 'unchanged', changes };
      return { ...base, status: planned.action === 'create' ? 'created' : 'changed', changes };
    } catch (error) {
      const status = error instanceof ClusterError && error.kind === 'conflict' ? 'conflict' : 'error';
      return { ...base, status, changes: [], note: error instanceof Error ? error.message : String(error) };
    }
  });
  for (const { ref, object } of plan.prune) {
    objects.push({ ref, kind: object.kind ?? '', status: 'to-be-pruned', changes: [], note: 'carries this scenario\'s labels but is no longer in the plan' });
  }
  const counts = { created: 0, changed: 0, unchanged: 0, 'to-be-pruned': 0, 'not-managed': 0, 'other-scenario': 0, 'kind-missing': 0, conflict: 0, error: 0 } satisfies Record<DiffStatus, number>;
  for (const object of objects) counts[object.status]++;
  return {
    context: connection.context,
    server: connection.server,
    objects,
    counts,
    hasChanges: counts.created + counts.changed + counts.conflict + counts['to-be-pruned'] > 0,
  };
}
