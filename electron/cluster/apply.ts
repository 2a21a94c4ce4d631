/**
 * Applying a scenario (M13): server-side apply with field manager `podplan`,
 * kind by kind in dependency order (namespaces, quotas, flavors, cohorts,
 * cluster queues, local queues), a bounded number of requests in flight,
 * progress after every object, and a result for each. Objects podplan does
 * not manage are never written; field conflicts are reported with the other
 * manager's name and forced only on request. When the cluster stops
 * answering, the rest is reported as not applied: running apply again
 * finishes the job, because unchanged objects are skipped.
 */
import { APPLY_ORDER, FIELD_MANAGER, KUEUE_API_VERSION, type ManifestObject } from '../../sim/manifests/objects.ts';
import type { ClusterConnection } from './connection.ts';
import { mapLimit } from './concurrency.ts';
import { ClusterError } from './errors.ts';
import { ownershipOf } from './live-state.ts';
import { makePlan, type PlannedObject, type PlanOptions } from './plan.ts';
import type { ApplyStatus, ObjectResult, ApplyProgress, ApplyResult } from '../../sim/api/cluster.ts';
export type { ApplyStatus, ObjectResult, ApplyProgress, ApplyResult } from '../../sim/api/cluster.ts';

export interface ApplyOptions extends PlanOptions {
  dryRun?: boolean;
  forceConflicts?: boolean;
  /** Delete this scenario's objects that the plan no longer has. The caller must have listed them and asked. */
  prune?: boolean;
  concurrency?: number;
  onProgress?: (progress: ApplyProgress) => void;
}

/** Failures after which nothing else will get through: stop and report the rest as not applied. */
const CONNECTION_LOST = new Set(['refused', 'timeout', 'network', 'dns', 'tls', 'unauthorized']);

/** What a namespace may hold besides podplan's own objects; any of these not podplan's keeps the namespace from being pruned. */
const NAMESPACE_CONTENT_KINDS: Array<[apiVersion: string, kind: string]> = [
  ['v1', 'Pod'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Service'],
  ['v1', 'PersistentVolumeClaim'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'],
  ['v1', 'ResourceQuota'],
  ['v1', 'LimitRange'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  [KUEUE_API_VERSION, 'LocalQueue'],
];

/** Objects in a namespace that are not this scenario's (the API server's own kube-root-ca.crt and SA tokens aside). */
async function unmanagedContents(connection: ClusterConnection, namespace: string, scenarioLabel: string): Promise<string[]> {
  const found: string[] = [];
  for (const [apiVersion, kind] of NAMESPACE_CONTENT_KINDS) {
    const list = await connection.call(`listing ${kind} in ${namespace}`, () => connection.objects.list(apiVersion, kind, { namespace }));
    for (const item of list.items) {
      const name = item.metadata?.name ?? '';
      if (kind === 'ConfigMap' && name === 'kube-root-ca.crt') continue;
      if (kind === 'Secret' && (item as { type?: string }).type === 'kubernetes.io/service-account-token') continue;
      if (ownershipOf(item, scenarioLabel) !== 'this-scenario') found.push(`${kind}/${name}`);
    }
  }
  return found;
}

export async function applyScenario(
  connection: ClusterConnection,
  scenarioId: string,
  desired: readonly ManifestObject[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const plan = await makePlan(connection, scenarioId, desired, options);
  let requests = plan.requests;
  const toPrune = options.prune ? plan.prune : [];
  const total = plan.objects.length + toPrune.length;
  const results: ObjectResult[] = [];
  let lost: ClusterError | null = null;
  const failedNamespaces = new Set<string>();
  const report = (result: ObjectResult, phase: string) => {
    results.push(result);
    options.onProgress?.({ done: results.length, total, phase, last: result });
  };

  const applyOne = async (planned: PlannedObject): Promise<ObjectResult> => {
    const base = { ref: planned.ref, kind: planned.kind };
    switch (planned.action) {
      case 'unchanged':
        return { ...base, status: 'unchanged' };
      case 'not-managed':
        return { ...base, status: 'skipped', message: 'exists without podplan\'s labels; podplan does not change objects it does not manage (use adopt to take it over)' };
      case 'other-scenario':
        return { ...base, status: 'skipped', message: 'managed by podplan for another scenario (use adopt to take it over)' };
      case 'kind-missing':
        return { ...base, status: 'skipped', message: `${planned.kind} is not served by this cluster: install Kueue's CRDs first` };
      default:
        break;
    }
    const namespace = planned.desired.metadata.namespace;
    if (lost) return { ...base, status: 'not-applied', message: `not attempted: ${lost.message}` };
    if (namespace && failedNamespaces.has(namespace)) return { ...base, status: 'not-applied', message: `not attempted: namespace ${namespace} was not applied` };
    try {
      requests++;
      await connection.call(`applying ${planned.ref}`, () =>
        connection.objects.apply(planned.desired, {
          fieldManager: FIELD_MANAGER,
          force: options.forceConflicts ?? false,
          dryRun: options.dryRun ?? false,
          // The answer is not read back: its metadata is enough, and the body is podplan's own JSON (no duplicate fields to look for).
          fieldValidation: 'Ignore',
          metadataResponse: true,
        }),
      );
      return { ...base, status: planned.action === 'create' ? 'created' : 'configured' };
    } catch (error) {
      const clusterError = error instanceof ClusterError ? error : new ClusterError('server', String(error));
      if (CONNECTION_LOST.has(clusterError.kind)) lost ??= clusterError;
      if (planned.kind === 'Namespace') failedNamespaces.add(planned.desired.metadata.name);
      if (clusterError.kind === 'conflict') return { ...base, status: 'conflict', message: clusterError.message, conflicts: clusterError.conflicts };
      return { ...base, status: 'failed', message: clusterError.message };
    }
  };

  for (const kind of APPLY_ORDER) {
    const phase = plan.objects.filter((o) => o.kind === kind);
    await mapLimit(phase, options.concurrency ?? 16, async (planned) => report(await applyOne(planned), kind));
  }

  for (const { ref, object } of toPrune) {
    if (lost) {
      report({ ref, kind: object.kind ?? '', status: 'not-applied', message: `not pruned: ${lost.message}` }, 'prune');
      continue;
    }
    if (object.kind === 'Namespace') {
      const foreign = await unmanagedContents(connection, object.metadata?.name ?? '', plan.scenarioLabel).catch(() => ['(could not be listed)']);
      requests += NAMESPACE_CONTENT_KINDS.length;
      if (foreign.length) {
        report({ ref, kind: 'Namespace', status: 'skipped', message: `kept: deleting it would delete objects podplan does not manage (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''})` }, 'prune');
        continue;
      }
    }
    try {
      requests++;
      await connection.call(`pruning ${ref}`, () => connection.objects.delete(object, { dryRun: options.dryRun ?? false }));
      report({ ref, kind: object.kind ?? '', status: 'pruned' }, 'prune');
    } catch (error) {
      const clusterError = error instanceof ClusterError ? error : new ClusterError('server', String(error));
      if (CONNECTION_LOST.has(clusterError.kind)) lost ??= clusterError;
      report({ ref, kind: object.kind ?? '', status: 'failed', message: clusterError.message }, 'prune');
    }
  }

  const counts = { created: 0, configured: 0, unchanged: 0, pruned: 0, conflict: 0, failed: 0, 'not-applied': 0, skipped: 0 } satisfies Record<ApplyStatus, number>;
  for (const r of results) counts[r.status]++;
  return {
    context: connection.context,
    server: connection.server,
    dryRun: options.dryRun ?? false,
    results,
    counts,
    complete: counts.failed + counts.conflict + counts['not-applied'] === 0,
    requests,
  };
}
