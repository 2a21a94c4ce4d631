/**
 * A small Kubernetes REST client for exactly the calls podplan makes, with
 * JSON in and out untouched. client-node's typed API re-serialises objects
 * through its models, which silently drops fields it renames (LimitRange's
 * `default` becomes `_default`): for server-side apply the body must be what
 * podplan generated, byte for byte. Authentication and TLS still come from
 * client-node's KubeConfig (client certificates, tokens, exec plugins), and
 * one keep-alive agent serves all requests of a connection.
 */
import { Agent, request, type RequestOptions } from 'node:https';
import { request as httpRequest, Agent as HttpAgent } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: Array<{ manager?: string; operation?: string; fieldsV1?: unknown }>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  items: T[];
  metadata?: { continue?: string };
}

/** A non-2xx answer from the API server, with its Status body. */
export class KubeApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : `HTTP ${status}`;
    super(message);
    this.name = 'KubeApiError';
    this.status = status;
    this.body = body;
  }
}

/** REST names of the kinds podplan reads or writes (no discovery round trip needed). */
const RESOURCES: Record<string, { plural: string; namespaced: boolean }> = {
  Namespace: { plural: 'namespaces', namespaced: false },
  Node: { plural: 'nodes', namespaced: false },
  PriorityClass: { plural: 'priorityclasses', namespaced: false },
  CustomResourceDefinition: { plural: 'customresourcedefinitions', namespaced: false },
  ResourceQuota: { plural: 'resourcequotas', namespaced: true },
  LimitRange: { plural: 'limitranges', namespaced: true },
  RoleBinding: { plural: 'rolebindings', namespaced: true },
  ConfigMap: { plural: 'configmaps', namespaced: true },
  Secret: { plural: 'secrets', namespaced: true },
  Service: { plural: 'services', namespaced: true },
  Pod: { plural: 'pods', namespaced: true },
  PersistentVolumeClaim: { plural: 'persistentvolumeclaims', namespaced: true },
  Deployment: { plural: 'deployments', namespaced: true },
  StatefulSet: { plural: 'statefulsets', namespaced: true },
  Job: { plural: 'jobs', namespaced: true },
  ResourceFlavor: { plural: 'resourceflavors', namespaced: false },
  WorkloadPriorityClass: { plural: 'workloadpriorityclasses', namespaced: false },
  Cohort: { plural: 'cohorts', namespaced: false },
  ClusterQueue: { plural: 'clusterqueues', namespaced: false },
  LocalQueue: { plural: 'localqueues', namespaced: true },
};

export function resourcePath(apiVersion: string, kind: string, namespace?: string, name?: string): string {
  const resource = RESOURCES[kind];
  if (!resource) throw new Error(`podplan does not know the REST path of kind ${kind}`);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: boolean;
}

export class KubeClient {
  private readonly kc: KubeConfig;
  private readonly url: URL;
  private agent: Agent | HttpAgent | null = null;

  constructor(kc: KubeConfig) {
    this.kc = kc;
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error('the current context has no cluster server');
    this.url = new URL(server);
  }

  get server(): string {
    return this.url.origin;
  }

  async version(): Promise<{ gitVersion: string; major: string; minor: string }> {
    return (await this.send('GET', '/version')) as { gitVersion: string; major: string; minor: string };
  }

  async get<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, name: string, namespace?: string): Promise<T> {
    return (await this.send('GET', resourcePath(apiVersion, kind, namespace, name))) as T;
  }

  /** Lists every object of a kind (all namespaces unless one is given), following `continue` tokens. */
  async list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, options: { namespace?: string; labelSelector?: string } = {}): Promise<KubeList<T>> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '500' });
      if (options.labelSelector) query.set('labelSelector', options.labelSelector);
      if (token) query.set('continue', token);
      const page = (await this.send('GET', `${resourcePath(apiVersion, kind, options.namespace)}?${query}`)) as KubeList<T>;
      items.push(...page.items.map((item) => ({ ...item, apiVersion, kind })));
      token = page.metadata?.continue || undefined;
    } while (token);
    return { items };
  }

  /** Server-side apply: PATCH with application/apply-patch+yaml (JSON is YAML). */
  async apply<T extends KubeObject = KubeObject>(object: KubeObject, options: ApplyOptions): Promise<T> {
    const query = new URLSearchParams({ fieldManager: options.fieldManager });
    if (options.force) query.set('force', 'true');
    if (options.dryRun) query.set('dryRun', 'All');
    const path = resourcePath(object.apiVersion ?? '', object.kind ?? '', object.metadata?.namespace, object.metadata?.name);
    return (await this.send('PATCH', `${path}?${query}`, object, 'application/apply-patch+yaml')) as T;
  }

  async create<T extends KubeObject = KubeObject>(object: KubeObject): Promise<T> {
    return (await this.send('POST', resourcePath(object.apiVersion ?? '', object.kind ?? '', object.metadata?.namespace), object)) as T;
  }

  async delete(object: KubeObject, options: { dryRun?: boolean } = {}): Promise<void> {
    const query = options.dryRun ? '?dryRun=All' : '';
    await this.send('DELETE', `${resourcePath(object.apiVersion ?? '', object.kind ?? '', object.metadata?.namespace, object.metadata?.name)}${query}`);
  }

  close(): void {
    this.agent?.destroy();
    this.agent = null;
  }

  private async requestOptions(): Promise<RequestOptions> {
    // client-node fills in TLS material and the Authorization header (running exec plugins as needed).
    const options: RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(options);
    if (!this.agent) {
      const tls = { ca: options.ca, cert: options.cert, key: options.key, pfx: options.pfx, passphrase: options.passphrase, rejectUnauthorized: options.rejectUnauthorized, servername: options.servername };
      this.agent = this.url.protocol === 'https:' ? new Agent({ ...tls, keepAlive: true, maxSockets: 32 }) : new HttpAgent({ keepAlive: true, maxSockets: 32 });
    }
    return { headers: options.headers, auth: options.auth, agent: this.agent };
  }

  private async send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    const base = await this.requestOptions();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const send = this.url.protocol === 'https:' ? request : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        {
          ...base,
          protocol: this.url.protocol,
          hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
          port: this.url.port || (this.url.protocol === 'https:' ? 443 : 80),
          method,
          path: `${this.url.pathname.replace(/\/$/, '')}${path}`,
          headers: {
            ...base.headers,
            Accept: 'application/json',
            ...(payload !== undefined ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              // Non-JSON bodies (proxies, plain-text errors) are passed on as text.
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(parsed);
            else reject(new KubeApiError(status, parsed));
          });
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
