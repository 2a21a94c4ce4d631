/**
 * Reading the live cluster's Kueue Workloads for a replay (M10, issue #15):
 * `workloads.kueue.x-k8s.io` across all namespaces (or the given ones),
 * page by page (limit + continue), each page converted and dropped before
 * the next is asked for, so 50,000 objects never sit in memory at once. The
 * conversion itself is pure (sim/traces/kueue-workloads.ts).
 *
 * Failures name what to do: a 403 names the verb, the resource and the
 * namespace and what to grant; a 404 on the resource means the cluster has
 * no Kueue; an expired continue token (410) says the read took too long.
 */
import { createWorkloadReplay, type CensoredTreatment, type PendingTreatment, type WorkloadReplay } from '../../sim/traces/kueue-workloads.ts';
import type { ClusterConnection } from './connection.ts';
import { ClusterError } from './errors.ts';

const KUEUE_GROUP = 'kueue.x-k8s.io';
/** v1beta2 first (served from Kueue 0.15, storage from 0.16); v1beta1 for older Kueue (same fields the replay reads, bar priorityClassName). */
const VERSIONS = [`${KUEUE_GROUP}/v1beta2`, `${KUEUE_GROUP}/v1beta1`] as const;
export const WORKLOADS_RESOURCE = `workloads.${KUEUE_GROUP}`;
/**
 * Objects per list request. 1,000 Workloads are ~1.5 MB of JSON per page; on
 * the test API server a 5,000-object read took 660 ms in pages of 500 and
 * 500 ms in pages of 1,000 (2,500 gained nothing more): the time is the
 * server's, per request.
 */
export const WORKLOAD_PAGE_SIZE = 1000;

export interface ReadWorkloadsOptions {
  /** Namespaces to read; empty or absent = all namespaces (one cluster-wide list). */
  namespaces?: readonly string[];
  /** The moment of the read, epoch seconds (the caller's clock, passed to the pure conversion). */
  now: number;
  /** Epoch seconds; see WorkloadReplayOptions.since. */
  since?: number;
  censored?: CensoredTreatment;
  pending?: PendingTreatment;
  pageSize?: number;
  /** After each page: objects read so far, and the server's estimate of those left (when it gives one). */
  onPage?(read: number, remaining: number | undefined): void;
}

export interface ClusterWorkloadReplay extends WorkloadReplay {
  context: string;
  server: string;
  /** The Workload API version read. */
  apiVersion: string;
  /** Namespaces read, or null for all. */
  namespaces: string[] | null;
  /** List requests made. */
  pages: number;
}

const scopeOf = (namespace: string | undefined) => (namespace ? `in namespace "${namespace}"` : 'across all namespaces (cluster scope)');

function forbidden(error: ClusterError, namespace: string | undefined): ClusterError {
  const grant = namespace
    ? `a Role in namespace "${namespace}" (or a ClusterRole) with apiGroups ["${KUEUE_GROUP}"], resources ["workloads"], verbs ["list"], bound to this user`
    : `a ClusterRole with apiGroups ["${KUEUE_GROUP}"], resources ["workloads"], verbs ["list"] and a ClusterRoleBinding to this user — or read only the namespaces you may list with --namespace`;
  return new ClusterError(
    'forbidden',
    `Forbidden (403): this context's user may not list ${WORKLOADS_RESOURCE} ${scopeOf(namespace)} (verb list, resource workloads, API group ${KUEUE_GROUP}). ` +
      `Grant ${grant}, e.g. kubectl create clusterrole podplan-workload-reader --verb=list --resource=${WORKLOADS_RESOURCE}. The API server said: ${error.message.replace(/^Forbidden \(403\) while [^:]*: /, '')}`,
    { status: 403 },
  );
}

function noKueue(): ClusterError {
  return new ClusterError(
    'not-found',
    `This cluster has no Kueue (${WORKLOADS_RESOURCE} not found: neither v1beta2 nor v1beta1 is served). Install Kueue, or pick the context of a cluster that runs it.`,
    { status: 404 },
  );
}

/**
 * Lists the Workloads page by page into the replay conversion. A cluster
 * (or namespaces) with no Workloads gives an empty replay (`counts.read`
 * 0), not an error: the caller says "no workloads".
 */
export async function readClusterWorkloads(connection: ClusterConnection, options: ReadWorkloadsOptions): Promise<ClusterWorkloadReplay> {
  const pageSize = options.pageSize ?? WORKLOAD_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) throw new Error(`pageSize ${pageSize} must be a whole number from 1 to 10,000`);
  const replay = createWorkloadReplay({
    now: options.now,
    ...(options.since === undefined ? {} : { since: options.since }),
    ...(options.censored === undefined ? {} : { censored: options.censored }),
    ...(options.pending === undefined ? {} : { pending: options.pending }),
  });
  const namespaces = options.namespaces?.length ? [...new Set(options.namespaces)] : null;
  let apiVersion: string | undefined;
  let read = 0;
  let pages = 0;

  const firstPage = async (namespace: string | undefined) => {
    // The served version is found once, by the first page: a 404 on v1beta2 then v1beta1 means no Kueue.
    for (const version of apiVersion ? [apiVersion] : VERSIONS) {
      try {
        const page = await listPage(version, namespace, undefined);
        apiVersion = version;
        return page;
      } catch (error) {
        if (!(error instanceof ClusterError && error.kind === 'not-found' && !apiVersion)) throw error;
      }
    }
    throw noKueue();
  };
  const listPage = async (version: string, namespace: string | undefined, continueToken: string | undefined) => {
    pages++;
    try {
      return await connection.call(`listing ${WORKLOADS_RESOURCE} ${scopeOf(namespace)}`, () =>
        connection.objects.listPage(version, 'Workload', { limit: pageSize, ...(namespace ? { namespace } : {}), ...(continueToken ? { continueToken } : {}) }),
      );
    } catch (error) {
      if (error instanceof ClusterError && error.status === 403) throw forbidden(error, namespace);
      if (error instanceof ClusterError && error.status === 410) {
        throw new ClusterError(
          'server',
          `The list of ${WORKLOADS_RESOURCE} ${scopeOf(namespace)} expired part way (410 Gone after ${read.toLocaleString('en-US')} objects): the API server keeps a list's snapshot for a few minutes. Run the import again, or narrow it with --namespace.`,
          { status: 410 },
        );
      }
      throw error;
    }
  };

  for (const namespace of namespaces ?? [undefined]) {
    let page = await firstPage(namespace);
    for (;;) {
      for (const item of page.items) replay.add(item);
      read += page.items.length;
      options.onPage?.(read, page.remainingItemCount);
      if (!page.continueToken) break;
      page = await listPage(apiVersion!, namespace, page.continueToken);
    }
  }
  return { ...replay.finish(), context: connection.context, server: connection.server, apiVersion: apiVersion ?? VERSIONS[0], namespaces, pages };
}
