/**
 * Helpers for the backend and CLI tests: a real SQLite store in a temp
 * directory, a real server on 127.0.0.1, and raw HTTP requests for the
 * cases `fetch` will not send (a forged Host header, a streamed body).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStoreInDir } from '../../data/store/data-dir.ts';
import type { ScenarioStore } from '../../data/store/types.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { ApiError, createApiClient, type ApiClient } from '../../renderer/api/client.ts';
import { startBackend, type Backend, type BackendOptions } from './server.ts';

export function makeTempDir(prefix = 'podplan-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestBackend {
  backend: Backend;
  store: ScenarioStore;
  /** Authenticated with the bearer token. */
  client: ApiClient;
  dataDir: string;
  /** Unexpected errors the server logged. */
  logged: unknown[];
  stop(): Promise<void>;
}

export async function startTestBackend(options: Omit<BackendOptions, 'store'> = {}): Promise<TestBackend> {
  const temp = makeTempDir();
  const store = openStoreInDir(temp.dir);
  const logged: unknown[] = [];
  const backend = await startBackend({ log: (_message, error) => logged.push(error), ...options, store });
  return {
    backend,
    store,
    client: createApiClient({ baseUrl: backend.origin, token: backend.token }),
    dataDir: temp.dir,
    logged,
    async stop() {
      await backend.close();
      store.close();
      temp.remove();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request exactly as given: any Host, any headers, a body sent in
 * one piece or streamed as `chunks` (chunked encoding, no Content-Length).
 */
export function rawRequest(options: {
  port: number;
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  chunks?: AsyncIterable<Buffer> | Iterable<Buffer>;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { Host: `127.0.0.1:${options.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // The server may answer and hang up before a large body is fully sent; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.chunks) {
      void (async () => {
        try {
          for await (const chunk of options.chunks ?? []) {
            if (req.destroyed) return;
            if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
          }
          req.end();
        } catch {
          // the server hung up: the response (or error) above decides
        }
      })();
    } else {
      req.end(options.body);
    }
  });
}

/** The bearer token of `kubeconfigYaml`: tests look for it everywhere it must not be. */
export const SECRET_TOKEN = 'podplan-secret-test-token-123';

/**
 * A kubeconfig whose user authenticates with `SECRET_TOKEN`, with contexts
 * "fake" (namespace team-a, the current one unless told otherwise) and "other".
 * `server` may be plain HTTP (a fake API server): TLS checks are then off.
 */
export function kubeconfigYaml(server: string, options: { currentContext?: boolean; token?: string; caPem?: string } = {}): string {
  const tls = options.caPem
    ? [`    certificate-authority-data: ${Buffer.from(options.caPem).toString('base64')}`]
    : // client-node refuses plain HTTP unless TLS verification is off (a fake server has no TLS).
      ['    insecure-skip-tls-verify: true'];
  return [
    'apiVersion: v1',
    'kind: Config',
    ...(options.currentContext === false ? [] : ['current-context: fake']),
    'clusters:',
    '- name: fake-cluster',
    '  cluster:',
    `    server: ${server}`,
    ...tls,
    'contexts:',
    '- name: fake',
    '  context: {cluster: fake-cluster, user: token-user, namespace: team-a}',
    '- name: other',
    '  context: {cluster: fake-cluster, user: token-user}',
    'users:',
    '- name: token-user',
    '  user:',
    `    token: ${options.token ?? SECRET_TOKEN}`,
    '',
  ].join('\n');
}

/** A loopback port nothing listens on (for "connection refused"). */
export async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A copy of `base` that shares no Kubernetes name with any other copy: a new
 * id, and every namespace, ClusterQueue, cohort, flavor and priority class
 * prefixed with it (references follow). Cluster tests share one API server,
 * and cluster-scoped objects labelled for another scenario are left alone.
 */
export function uniqueScenario(base: Scenario, prefix: string): Scenario {
  const id = `${prefix}-${randomBytes(3).toString('hex')}`;
  const scenario = structuredClone(base);
  const rename = (name: string) => `${id}-${name}`;
  scenario.id = id;
  scenario.name = `${base.name} (${id})`;
  const { cluster } = scenario;
  const renameGroups = (groups: Array<{ flavors: Array<{ name: string }> }>) => {
    for (const group of groups) for (const flavor of group.flavors) flavor.name = rename(flavor.name);
  };
  for (const flavor of cluster.flavors) flavor.name = rename(flavor.name);
  for (const pool of cluster.nodePools) pool.flavor = rename(pool.flavor);
  for (const cohort of cluster.cohorts) {
    cohort.name = rename(cohort.name);
    if (cohort.parentName !== undefined) cohort.parentName = rename(cohort.parentName);
    renameGroups(cohort.resourceGroups);
  }
  for (const queue of cluster.queues) {
    queue.namespace = rename(queue.namespace);
    queue.clusterQueue = rename(queue.clusterQueue);
    if (queue.cohortName !== undefined) queue.cohortName = rename(queue.cohortName);
    renameGroups(queue.resourceGroups);
  }
  for (const priority of cluster.priorityClasses) priority.name = rename(priority.name);
  return scenario;
}

/** The ApiError a call fails with (it must fail, and with an ApiError). */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
