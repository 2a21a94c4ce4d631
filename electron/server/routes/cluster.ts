/**
 * Cluster operations (M13) for the UI: kubeconfig contexts, a capability
 * check, a diff, an apply streamed as NDJSON, and an import of the live
 * policy into a new scenario.
 *
 * The request names kubeconfig files by path (on the machine running the
 * backend) and a context; credentials are read from those files by the
 * cluster module and stay in memory for the one request. Nothing of them is
 * stored, logged or sent back: errors carry the cluster module's messages
 * (server, verb, resource, never a token), and a kubeconfig that does not
 * parse is reported by its first line only (YAML errors quote the file).
 * Failures map to 502 `cluster` with `clusterError` (400 for kubeconfig
 * problems); every call to the cluster is bounded (10 s) by the module.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ApplyStreamEvent, ClusterTarget, ClusterWorkloadsResponse, ContextsResponse } from '../../../sim/api/contract.ts';
import { CENSORED_TREATMENTS, observedWaits, parseSince, PENDING_TREATMENTS } from '../../../sim/traces/index.ts';
import {
  applyScenario,
  checkCapabilities,
  connect,
  diffScenario,
  importClusterPolicy,
  listContexts,
  makePlan,
  readClusterWorkloads,
  type ClusterConnection,
} from '../../cluster/index.ts';
import { SCENARIO_SCHEMA_VERSION, validateScenario } from '../../../sim/scenario/index.ts';
import { HttpError } from '../errors.ts';
import { NdjsonResponse, parseBody, type RouteTable } from '../router.ts';
import { validManifests } from './manifests.ts';

const kubeconfigPath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096)
  .refine((p) => path.isAbsolute(p), 'must be an absolute path (the backend does not share the caller\'s working directory)');

const targetFields = {
  kubeconfigPaths: z.array(kubeconfigPath).max(32, 'at most 32 kubeconfig files').optional(),
  context: z.string().min(1, 'must not be empty').max(1000).optional(),
};
const flag = z.boolean({ error: 'must be true or false' }).optional();

const TargetBody = z.object(targetFields).default({});
const DiffBody = z.object({ ...targetFields, adopt: flag }).default({});
const ApplyBody = z
  .object({
    ...targetFields,
    dryRun: flag,
    forceConflicts: flag,
    adopt: flag,
    prune: z.array(z.string().min(1).max(1000)).max(10_000).optional(),
  })
  .default({});
const WorkloadsBody = z
  .object({
    ...targetFields,
    namespaces: z.array(z.string().min(1, 'must not be empty').max(63, 'must be at most 63 characters (a namespace name)')).max(1000, 'at most 1,000 namespaces').optional(),
    since: z.string().trim().min(1, 'must not be empty').max(100).optional(),
    censored: z.enum(CENSORED_TREATMENTS as [string, ...string[]], { error: `must be one of ${CENSORED_TREATMENTS.join(', ')}` }).optional(),
    pending: z.enum(PENDING_TREATMENTS as [string, ...string[]], { error: `must be one of ${PENDING_TREATMENTS.join(', ')}` }).optional(),
  })
  .default({});
const ImportBody = z.object({ ...targetFields, name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional() }).default({});

function connectTo(target: ClusterTarget): Promise<ClusterConnection> {
  return connect({
    ...(target.kubeconfigPaths?.length ? { kubeconfigPaths: target.kubeconfigPaths } : {}),
    ...(target.context === undefined ? {} : { context: target.context }),
  });
}

/** Runs `fn` on a connection for this request only, then closes its keep-alive sockets (a long-running backend must not collect them). */
async function withConnection<T>(target: ClusterTarget, fn: (connection: ClusterConnection) => Promise<T>): Promise<T> {
  const connection = await connectTo(target);
  try {
    return await fn(connection);
  } finally {
    connection.objects.close();
  }
}

function importedScenarioName(context: string): string {
  const name = `Imported from ${context}`;
  return name.length > 200 ? `${name.slice(0, 199)}…` : name;
}

export const clusterRoutes: Pick<
  RouteTable,
  | 'GET /api/cluster/contexts'
  | 'POST /api/cluster/capabilities'
  | 'POST /api/scenarios/:id/cluster/diff'
  | 'POST /api/scenarios/:id/cluster/apply'
  | 'POST /api/cluster/import'
  | 'POST /api/cluster/workloads'
> = {
  'GET /api/cluster/contexts': {
    handle: ({ query }) => {
      const { kubeconfigPaths } = parseBody(z.object({ kubeconfigPaths: targetFields.kubeconfigPaths }), { kubeconfigPaths: query.getAll('kubeconfig') });
      return listContexts(kubeconfigPaths) satisfies Promise<ContextsResponse>;
    },
  },
  'POST /api/cluster/capabilities': {
    handle: async ({ body }) => withConnection(parseBody(TargetBody, body), checkCapabilities),
  },
  'POST /api/scenarios/:id/cluster/diff': {
    handle: async ({ params, body, store }) => {
      const request = parseBody(DiffBody, body);
      const { scenarioId, objects } = validManifests(store, params.id, 'there is nothing to compare with the cluster');
      return withConnection(request, (connection) => diffScenario(connection, scenarioId, objects, { adopt: request.adopt ?? false }));
    },
  },
  /**
   * Streams progress lines, then the result. Checked before the stream
   * starts (so they answer with their own status): the body, the scenario,
   * its policy (422), the kubeconfig (400), the cluster being reachable and
   * the prune confirmation (502 / 400).
   *
   * Prune rule: `prune` lists the refs the user confirmed from the diff's
   * `to-be-pruned`. A ref that is not a prune candidate now (already gone,
   * back in the plan, not this scenario's) is refused with 400: the diff the
   * user saw is stale. Objects are deleted only when the confirmation covers
   * every current candidate; a partial confirmation prunes nothing (the
   * cluster module prunes all candidates or none) and the result's
   * `notPruned` lists what stays. Apply re-reads the live state, so a
   * candidate that appears between this check and the apply (another apply
   * of the same scenario at that very moment) would be pruned too; it is
   * still only an object podplan created for this scenario.
   */
  'POST /api/scenarios/:id/cluster/apply': {
    handle: async ({ params, body, store }) => {
      const request = parseBody(ApplyBody, body);
      const { scenarioId, objects } = validManifests(store, params.id, 'nothing can be applied');
      const connection = await connectTo(request);
      const options = { adopt: request.adopt ?? false };
      let candidates: string[];
      try {
        candidates = (await makePlan(connection, scenarioId, objects, options)).prune.map((p) => p.ref);
      } catch (error) {
        connection.objects.close();
        throw error;
      }
      const confirmed = [...new Set(request.prune ?? [])];
      const stale = confirmed.filter((ref) => !candidates.includes(ref));
      if (stale.length > 0) {
        connection.objects.close();
        throw new HttpError(
          400,
          'bad-request',
          `Not objects this apply would prune: ${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}. The cluster changed since the diff: run the diff again and confirm its list. Nothing was applied.`,
        );
      }
      const pruneAll = candidates.length > 0 && confirmed.length === candidates.length;
      return new NdjsonResponse<ApplyStreamEvent>(async (send) => {
        try {
          const result = await applyScenario(connection, scenarioId, objects, {
            ...options,
            dryRun: request.dryRun ?? false,
            forceConflicts: request.forceConflicts ?? false,
            prune: pruneAll,
            onProgress: (progress) => send({ type: 'progress', ...progress }),
          });
          const pruned = new Set(result.results.filter((r) => r.status === 'pruned').map((r) => r.ref));
          send({ type: 'result', ...result, notPruned: candidates.filter((ref) => !pruned.has(ref)) });
        } finally {
          connection.objects.close();
        }
      });
    },
  },
  'POST /api/cluster/import': {
    status: 201,
    handle: async ({ body, store }) => {
      const request = parseBody(ImportBody, body);
      const { connection, cluster, notes } = await withConnection(request, async (connection) => ({ connection, ...(await importClusterPolicy(connection)) }));
      const today = new Date().toISOString().slice(0, 10);
      const description = [`Quota policy read from context "${connection.context}" (${connection.server}) on ${today}.`, ...notes.map((n) => `- ${n}`)]
        .join('\n')
        .slice(0, 20_000);
      const scenario = validateScenario({
        schemaVersion: SCENARIO_SCHEMA_VERSION,
        id: randomUUID(),
        name: request.name ?? importedScenarioName(connection.context),
        description,
        teams: [],
        cluster,
      });
      const record = store.createScenario(scenario, { snapshotReason: 'import' });
      return { record, notes };
    },
  },
  'POST /api/cluster/workloads': {
    handle: async ({ body }) => {
      const request = parseBody(WorkloadsBody, body);
      // The one clock read of the replay; the conversion in sim/ is given it.
      const now = Date.now() / 1000;
      let since: number | undefined;
      if (request.since !== undefined) {
        try {
          since = parseSince(request.since, now);
        } catch (error) {
          throw new HttpError(400, 'bad-request', `${error instanceof Error ? error.message : String(error)}.`);
        }
      }
      const replay = await withConnection(request, (connection) =>
        readClusterWorkloads(connection, {
          now,
          ...(request.namespaces ? { namespaces: request.namespaces } : {}),
          ...(since === undefined ? {} : { since }),
          ...(request.censored ? { censored: request.censored as ClusterWorkloadsResponse['censored'] } : {}),
          ...(request.pending ? { pending: request.pending as ClusterWorkloadsResponse['pending'] } : {}),
        }),
      );
      const finite = (n: number) => (Number.isFinite(n) ? n : null);
      const waits = Object.fromEntries([...observedWaits(replay.rows, (r) => r.queue)].map(([queue, w]) => [queue, { ...w, p50: finite(w.p50), p90: finite(w.p90) }]));
      return {
        context: replay.context,
        server: replay.server,
        apiVersion: replay.apiVersion,
        namespaces: replay.namespaces,
        now,
        since: since ?? null,
        sinceText: request.since ?? null,
        censored: replay.censored,
        pending: replay.pending,
        rows: replay.rows,
        counts: replay.counts,
        problems: replay.problems,
        moreProblems: replay.moreProblems,
        observedWaits: waits,
        pages: replay.pages,
      } satisfies ClusterWorkloadsResponse;
    },
  },
};
