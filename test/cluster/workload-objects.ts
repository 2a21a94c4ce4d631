// Kueue Workload objects on the test API server as Kueue itself would leave
// them: created through the API, then their conditions (and admission) set
// through the status subresource. Shared by the replay's cluster tests and
// its benchmark. There is no Kueue controller here: nothing else touches them.
import { Agent, request } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

export type ConditionType = 'QuotaReserved' | 'Admitted' | 'Evicted' | 'Finished';

export interface WorkloadFixture {
  namespace: string;
  name: string;
  queueName?: string;
  /** Pods × per-pod requests (one container). */
  count?: number;
  requests?: Record<string, string>;
  priority?: number;
  /** Seconds after the server's creationTimestamp of each condition, status True unless given. */
  conditions?: Array<{ type: ConditionType; after: number; status?: 'True' | 'False' }>;
  status?: Record<string, unknown>;
}

/** A raw JSON client on the admin kubeconfig: exact bodies, a keep-alive agent for many requests. */
export class RawKube {
  private readonly kc = new KubeConfig();
  private agent: Agent | null = null;
  private readonly url: URL;
  constructor(kubeconfigPath: string) {
    this.kc.loadFromFile(kubeconfigPath);
    this.url = new URL(this.kc.getCurrentCluster()!.server);
  }

  async send(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const options: { headers: Record<string, string>; ca?: unknown; cert?: unknown; key?: unknown } = { headers: {} };
    await this.kc.applyToHTTPSOptions(options as never);
    this.agent ??= new Agent({ ca: options.ca as string, cert: options.cert as string, key: options.key as string, keepAlive: true, maxSockets: 16 });
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          hostname: this.url.hostname,
          port: this.url.port,
          method,
          path,
          agent: this.agent!,
          headers: { ...options.headers, Accept: 'application/json', ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  async ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const { status, json } = await this.send(method, path, body);
    if (status < 200 || status >= 300) throw new Error(`${method} ${path}: HTTP ${status}: ${String(json.message ?? JSON.stringify(json))}`);
    return json;
  }

  async namespace(name: string): Promise<void> {
    const { status, json } = await this.send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    if (status !== 201 && status !== 409) throw new Error(`namespace ${name}: HTTP ${status}: ${String(json.message)}`);
  }

  close(): void {
    this.agent?.destroy();
  }
}

const BASE = '/apis/kueue.x-k8s.io/v1beta2';

/** Creates the Workload, then sets its status as Kueue would; returns the server's creationTimestamp (epoch seconds). */
export async function putWorkload(kube: RawKube, w: WorkloadFixture): Promise<number> {
  const count = w.count ?? 1;
  const body = {
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    kind: 'Workload',
    metadata: { name: w.name, namespace: w.namespace },
    spec: {
      ...(w.queueName === undefined ? { queueName: 'default' } : w.queueName === '' ? {} : { queueName: w.queueName }),
      ...(w.priority === undefined ? {} : { priority: w.priority }),
      podSets: [{ name: 'main', count, template: { spec: { containers: [{ name: 'c', image: 'trainer', resources: { requests: w.requests ?? { 'nvidia.com/gpu': '1' } } }] } } }],
    },
  };
  const created = await kube.ok('POST', `${BASE}/namespaces/${w.namespace}/workloads`, body);
  const metadata = created.metadata as { creationTimestamp: string; resourceVersion: string };
  const t0 = Date.parse(metadata.creationTimestamp);
  if (!w.conditions?.length && !w.status) return t0 / 1000;
  const conditions = (w.conditions ?? []).map((c) => ({ type: c.type, status: c.status ?? 'True', reason: c.type, message: 'set by the test', lastTransitionTime: new Date(t0 + c.after * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') }));
  const reserved = conditions.some((c) => c.type === 'QuotaReserved' && c.status === 'True');
  const status = {
    ...w.status,
    conditions,
    // Kueue writes the admission with the reservation; the CRD checks it has one assignment per pod set.
    ...(reserved ? { admission: { clusterQueue: 'cq', podSetAssignments: [{ name: 'main', count, flavors: { 'nvidia.com/gpu': 'h100' } }] } } : {}),
  };
  await kube.ok('PUT', `${BASE}/namespaces/${w.namespace}/workloads/${w.name}/status`, { ...created, status });
  return t0 / 1000;
}

/** Runs `fn` over `items` with at most `parallel` at once. */
export async function inParallel<T>(items: readonly T[], parallel: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}
