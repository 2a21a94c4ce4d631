/**
 * A small Kubernetes REST client for exactly the calls podplan makes, with
 * JSON in and out untouched. client-node's typed API re-serialises objects
 * through its models, which silently drops fields it renames (LimitRange's
 * `default` becomes `_default`): for server-side apply the body must be what
 * podplan generated, byte for byte. TLS material and credentials come from
 * the kubeconfig (kubeconfig.ts; exec plugins through `RequestAuth`), read
 * once per connection, and one keep-alive agent serves all its requests.
 */
import { Agent, request, type RequestOptions } from 'node:https';
import { request as httpRequest, Agent as HttpAgent } from 'node:http';
import { clientNodeAuth, needsAuthProvider, requestCredentials, type Kubeconfig, type RequestCredentials } from './kubeconfig.ts';
import { redactSecrets } from './redact.ts';

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
    super(redactSecrets(message));
    this.name = 'KubeApiError';
    this.status = status;
    this.body = body;
  }
}

/**
 * A 2xx answer that is not what a Kubernetes API server sends (an HTML page,
 * a proxy's login form, JSON of another shape): summarised, never quoted.
 */
export class NotKubernetesJsonError extends Error {
  readonly status: number;
  readonly contentType: string;
  readonly bytes: number;
  constructor(status: number, contentType: string, bytes: number) {
    super(`HTTP ${status} with a body that is not Kubernetes JSON`);
    this.name = 'NotKubernetesJsonError';
    this.status = status;
    this.contentType = contentType;
    this.bytes = bytes;
  }
}

/** Adds credentials to a request that the kubeconfig itself does not hold (an exec plugin run by Podplan). */
export interface RequestAuth {
  apply(options: RequestOptions): Promise<void>;
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
  Topology: { plural: 'topologies', namespaced: false },
  ResourceFlavor: { plural: 'resourceflavors', namespaced: false },
  WorkloadPriorityClass: { plural: 'workloadpriorityclasses', namespaced: false },
  Cohort: { plural: 'cohorts', namespaced: false },
  ClusterQueue: { plural: 'clusterqueues', namespaced: false },
  LocalQueue: { plural: 'localqueues', namespaced: true },
  Workload: { plural: 'workloads', namespaced: true },
};

export function resourcePath(apiVersion: string, kind: string, namespace?: string, name?: string): string {
  const resource = RESOURCES[kind];
  if (!resource) throw new Error(`podplan does not know the REST path of kind ${kind}`);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** Metadata alone when the server can (every API server since 1.15), else the full list. */
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const METADATA_ONLY_OBJECT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: boolean;
  /**
   * The server's check of the body for duplicate and unknown fields. An
   * apply is checked against the schema in any case (a field the schema
   * does not declare is refused), so `Ignore` only skips the second pass,
   * whose warnings nothing reads: `kubectl apply --validate=false` sends it.
   */
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  /** Answer with the object's metadata only, for a caller that does not read the object back. */
  metadataResponse?: boolean;
}

export class KubeClient {
  private readonly kc: Kubeconfig;
  private readonly auth: RequestAuth | undefined;
  private readonly url: URL;
  private agent: Agent | HttpAgent | null = null;
  /** The kubeconfig's TLS material and credentials, read at the first request. */
  private credentials: RequestCredentials | null = null;
  /** A legacy auth-provider's per-request credentials (client-node, loaded only for such a user). */
  private authProvider: Promise<(options: RequestOptions) => Promise<void>> | null = null;

  constructor(kc: Kubeconfig, auth?: RequestAuth) {
    this.kc = kc;
    this.auth = auth;
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error('the current context has no cluster server');
    this.url = new URL(server);
  }

  get server(): string {
    return this.url.origin;
  }

  async version(): Promise<{ gitVersion: string; major: string; minor: string }> {
    const info = await this.send('GET', '/version');
    if (typeof (info as { gitVersion?: unknown }).gitVersion !== 'string') throw new NotKubernetesJsonError(200, 'application/json', JSON.stringify(info).length);
    return info as { gitVersion: string; major: string; minor: string };
  }

  async get<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, name: string, namespace?: string): Promise<T> {
    return (await this.send('GET', resourcePath(apiVersion, kind, namespace, name))) as T;
  }

  /**
   * Lists every object of a kind (all namespaces unless one is given), following `continue` tokens.
   * `metadataOnly` asks for the objects' metadata alone (PartialObjectMetadata): what telling
   * whose an object is takes, at a fraction of the server's cost for custom resources.
   */
  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string; fieldSelector?: string; metadataOnly?: boolean } = {},
  ): Promise<KubeList<T>> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '500' });
      if (options.labelSelector) query.set('labelSelector', options.labelSelector);
      if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
      if (token) query.set('continue', token);
      const path = `${resourcePath(apiVersion, kind, options.namespace)}?${query}`;
      const page = (await (options.metadataOnly ? this.send('GET', path, undefined, undefined, METADATA_ONLY) : this.send('GET', path))) as KubeList<T> & { kind?: unknown };
      // An empty PartialObjectMetadataList leaves out `items`.
      if (page.kind === 'PartialObjectMetadataList') page.items ??= [];
      // A list without items is not from a Kubernetes API server (a proxy answering every path with the same JSON).
      if (!Array.isArray(page.items)) throw new NotKubernetesJsonError(200, 'application/json', JSON.stringify(page).length);
      items.push(...page.items.map((item) => ({ ...item, apiVersion, kind })));
      token = page.metadata?.continue || undefined;
    } while (token);
    return { items };
  }

  /**
   * One page of a list (`limit` objects at most, from `continueToken`): what
   * a caller streams through when the whole list would not fit in memory.
   * Items keep the apiVersion and kind the list names.
   */
  async listPage<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; limit: number; continueToken?: string },
  ): Promise<{ items: T[]; continueToken: string | undefined; remainingItemCount?: number }> {
    const query = new URLSearchParams({ limit: String(options.limit) });
    if (options.continueToken) query.set('continue', options.continueToken);
    const page = (await this.send('GET', `${resourcePath(apiVersion, kind, options.namespace)}?${query}`)) as KubeList<T> & { metadata?: { remainingItemCount?: number } };
    if (!Array.isArray(page.items)) throw new NotKubernetesJsonError(200, 'application/json', JSON.stringify(page).length);
    const remaining = page.metadata?.remainingItemCount;
    return { items: page.items, continueToken: page.metadata?.continue || undefined, ...(typeof remaining === 'number' ? { remainingItemCount: remaining } : {}) };
  }

  /** Server-side apply: PATCH with application/apply-patch+yaml (JSON is YAML). */
  async apply<T extends KubeObject = KubeObject>(object: KubeObject, options: ApplyOptions): Promise<T> {
    const query = new URLSearchParams({ fieldManager: options.fieldManager });
    if (options.force) query.set('force', 'true');
    if (options.dryRun) query.set('dryRun', 'All');
    if (options.fieldValidation) query.set('fieldValidation', options.fieldValidation);
    const path = resourcePath(object.apiVersion ?? '', object.kind ?? '', object.metadata?.namespace, object.metadata?.name);
    return (await this.send('PATCH', `${path}?${query}`, object, 'application/apply-patch+yaml', options.metadataResponse ? METADATA_ONLY_OBJECT : undefined)) as T;
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
    this.credentials ??= requestCredentials(this.kc);
    const { headers, ...tls } = this.credentials;
    const options: RequestOptions = { ...tls, headers: { ...headers } };
    if (needsAuthProvider(this.kc)) await (await (this.authProvider ??= clientNodeAuth(this.kc)))(options);
    await this.auth?.apply(options);
    if (!this.agent) {
      const tls = { ca: options.ca, cert: options.cert, key: options.key, pfx: options.pfx, passphrase: options.passphrase, rejectUnauthorized: options.rejectUnauthorized, servername: options.servername };
      this.agent = this.url.protocol === 'https:' ? new Agent({ ...tls, keepAlive: true, maxSockets: 32 }) : new HttpAgent({ keepAlive: true, maxSockets: 32 });
    }
    return { headers: options.headers, auth: options.auth, agent: this.agent };
  }

  private async send(method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json'): Promise<unknown> {
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
            Accept: accept,
            ...(payload !== undefined ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            const text = body.toString('utf8');
            const status = res.statusCode ?? 0;
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              // Not JSON (a web page, a proxy, a plain-text error): only its size and type travel on, never its text.
              const contentType = String(res.headers['content-type'] ?? 'no content type').split(';')[0]!.trim();
              if (status >= 200 && status < 300) reject(new NotKubernetesJsonError(status, contentType, body.length));
              else reject(new KubeApiError(status, { nonJson: { contentType, bytes: body.length } }));
              return;
            }
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
