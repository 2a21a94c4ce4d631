/**
 * Kubeconfig files read by Podplan itself, with the same model and rules as
 * client-node's `KubeConfig` (the field names, relative certificate paths
 * resolved against the file, `token-file`, the first matching name wins),
 * and the TLS material and credentials a request needs.
 *
 * Why not client-node's: loading @kubernetes/client-node takes 0.5–0.9 s
 * (it pulls in every generated API model), more than a whole `podplan apply`
 * of an unchanged plan. Users that authenticate with a legacy
 * `auth-provider` (gcp, azure, oidc) still go through client-node, loaded
 * only for them; exec plugins are run by exec-auth.ts.
 */
import { readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import path from 'node:path';
import type { KubeConfig as ClientNodeKubeConfig } from '@kubernetes/client-node';
import YAML from 'yaml';

export interface KubeconfigCluster {
  name: string;
  server: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

export interface KubeconfigUser {
  name: string;
  token?: string;
  certData?: string | null;
  certFile?: string | null;
  keyData?: string | null;
  keyFile?: string | null;
  username?: string | null;
  password?: string | null;
  impersonateUser?: string | null;
  exec?: unknown;
  authProvider?: unknown;
}

export interface KubeconfigContext {
  name: string;
  cluster: string;
  /** Empty when the context names no user. */
  user: string;
  namespace?: string;
}

type Raw = Record<string, unknown> | undefined;

const record = (value: unknown): Raw => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function entries(list: unknown): Array<Record<string, unknown>> {
  return Array.isArray(list) ? list.map((entry) => record(entry) ?? {}) : [];
}

function absolute(root: string, file: string | undefined | null): string | undefined {
  if (!file) return undefined;
  return path.isAbsolute(file) ? file : path.join(root, file);
}

function readClusters(list: unknown, root: string): KubeconfigCluster[] {
  return entries(list).map((entry, i) => {
    const name = nonEmpty(entry.name);
    if (!name) throw new Error(`clusters[${i}].name is missing`);
    const cluster = record(entry.cluster);
    if (!cluster) throw new Error(`clusters[${i}].cluster is missing`);
    const server = nonEmpty(cluster.server);
    if (!server) throw new Error(`clusters[${i}].cluster.server is missing`);
    return {
      name,
      server: server.replace(/\/$/, ''),
      caData: nonEmpty(cluster['certificate-authority-data']),
      caFile: absolute(root, nonEmpty(cluster['certificate-authority'])),
      skipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
      tlsServerName: nonEmpty(cluster['tls-server-name']),
      proxyUrl: nonEmpty(cluster['proxy-url']),
    };
  });
}

function readUsers(list: unknown, root: string): KubeconfigUser[] {
  return entries(list).map((entry, i) => {
    const name = nonEmpty(entry.name);
    if (!name) throw new Error(`users[${i}].name is missing`);
    const user = record(entry.user) ?? {};
    const tokenFile = nonEmpty(user['token-file']);
    return {
      name,
      token: nonEmpty(user.token) ?? (tokenFile ? readFileSync(tokenFile, 'utf8') : undefined),
      certData: nonEmpty(user['client-certificate-data']) ?? null,
      certFile: absolute(root, nonEmpty(user['client-certificate'])) ?? null,
      keyData: nonEmpty(user['client-key-data']) ?? null,
      keyFile: absolute(root, nonEmpty(user['client-key'])) ?? null,
      username: nonEmpty(user.username) ?? null,
      password: nonEmpty(user.password) ?? null,
      impersonateUser: nonEmpty(user.as) ?? null,
      exec: user.exec ?? null,
      authProvider: user['auth-provider'] ?? null,
    };
  });
}

function readContexts(list: unknown): KubeconfigContext[] {
  return entries(list).map((entry, i) => {
    const name = nonEmpty(entry.name);
    if (!name) throw new Error(`contexts[${i}].name is missing`);
    const context = record(entry.context);
    if (!context) throw new Error(`contexts[${i}].context is missing`);
    const cluster = nonEmpty(context.cluster);
    if (!cluster) throw new Error(`contexts[${i}].context.cluster is missing`);
    return { name, cluster, user: nonEmpty(context.user) ?? '', namespace: nonEmpty(context.namespace) };
  });
}

export interface KubeconfigOptions {
  clusters: KubeconfigCluster[];
  users: KubeconfigUser[];
  contexts: KubeconfigContext[];
  currentContext?: string | undefined;
}

/** One kubeconfig (a file, or several merged): clusters, users, contexts and the current context. */
export class Kubeconfig {
  private clusters: KubeconfigCluster[] = [];
  private users: KubeconfigUser[] = [];
  private contexts: KubeconfigContext[] = [];
  private currentContext = '';

  static fromFile(file: string): Kubeconfig {
    const kc = new Kubeconfig();
    kc.loadFromFile(file);
    return kc;
  }

  /** Reads a kubeconfig file; an empty file is an empty kubeconfig. Throws (without quoting the file) when it does not parse. */
  loadFromFile(file: string): void {
    this.loadFromText(readFileSync(file, 'utf8'), file);
  }

  /** `text` as read from `file` (relative paths in it are relative to the file's directory). */
  loadFromText(text: string, file: string): void {
    const parsed = record(YAML.parse(text) as unknown) ?? {};
    const root = path.dirname(file);
    this.clusters = readClusters(parsed.clusters, root);
    this.users = readUsers(parsed.users, root);
    this.contexts = readContexts(parsed.contexts);
    this.currentContext = nonEmpty(parsed['current-context']) ?? '';
  }

  loadFromOptions(options: KubeconfigOptions): void {
    this.clusters = options.clusters;
    this.users = options.users;
    this.contexts = options.contexts;
    this.currentContext = options.currentContext ?? '';
  }

  getClusters(): KubeconfigCluster[] {
    return this.clusters;
  }

  getUsers(): KubeconfigUser[] {
    return this.users;
  }

  getContexts(): KubeconfigContext[] {
    return this.contexts;
  }

  getCurrentContext(): string {
    return this.currentContext;
  }

  setCurrentContext(name: string): void {
    this.currentContext = name;
  }

  getContextObject(name: string): KubeconfigContext | null {
    return this.contexts.find((c) => c.name === name) ?? null;
  }

  getCluster(name: string): KubeconfigCluster | null {
    return this.clusters.find((c) => c.name === name) ?? null;
  }

  getUser(name: string): KubeconfigUser | null {
    return this.users.find((u) => u.name === name) ?? null;
  }

  getCurrentCluster(): KubeconfigCluster | null {
    const context = this.getContextObject(this.currentContext);
    return context ? this.getCluster(context.cluster) : null;
  }

  getCurrentUser(): KubeconfigUser | null {
    const context = this.getContextObject(this.currentContext);
    return context?.user ? this.getUser(context.user) : null;
  }

  /** The kubeconfig as JSON in the file format (kubectl reads JSON as YAML). */
  exportConfig(): string {
    return JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: this.clusters.map((c) => ({
        name: c.name,
        cluster: {
          server: c.server,
          'certificate-authority-data': c.caData,
          'certificate-authority': c.caFile,
          'insecure-skip-tls-verify': c.skipTLSVerify,
          'tls-server-name': c.tlsServerName,
          'proxy-url': c.proxyUrl,
        },
      })),
      users: this.users.map((u) => ({
        name: u.name,
        user: {
          as: u.impersonateUser ?? undefined,
          'auth-provider': u.authProvider ?? undefined,
          'client-certificate-data': u.certData ?? undefined,
          'client-certificate': u.certFile ?? undefined,
          exec: u.exec ?? undefined,
          'client-key-data': u.keyData ?? undefined,
          'client-key': u.keyFile ?? undefined,
          token: u.token,
          password: u.password ?? undefined,
          username: u.username ?? undefined,
        },
      })),
      contexts: this.contexts.map(({ name, user, ...context }) => ({ name, context: { ...context, user: user || undefined } })),
      preferences: {},
      'current-context': this.currentContext,
    });
  }
}

/** TLS material and credentials for the requests of a connection. */
export interface RequestCredentials {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
  /** Basic auth, "user:password". */
  auth?: string;
  headers: Record<string, string>;
}

function fileOrData(file: string | null | undefined, data: string | null | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  if (data) return Buffer.from(data, 'base64');
  return undefined;
}

/**
 * What the current context's cluster and user put on a request, as
 * client-node's `applyToHTTPSOptions` does: a CA, a client certificate and
 * key, a bearer token or basic auth, an impersonation header. A plain
 * http:// server is refused unless the kubeconfig says to skip TLS
 * verification (credentials would travel in clear).
 */
export function requestCredentials(kc: Kubeconfig): RequestCredentials {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (cluster?.server.startsWith('http:') && !cluster.skipTLSVerify) throw new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
  const credentials: RequestCredentials = { headers: {} };
  if (cluster?.skipTLSVerify) credentials.rejectUnauthorized = false;
  if (cluster?.tlsServerName) credentials.servername = cluster.tlsServerName;
  const ca = cluster ? fileOrData(cluster.caFile, cluster.caData) : undefined;
  if (ca) credentials.ca = ca;
  // A context without a user still trusts its cluster's CA (kubectl's rule; client-node skipped the CA then).
  if (!user) return credentials;
  const cert = fileOrData(user.certFile, user.certData);
  if (cert) credentials.cert = cert;
  const key = fileOrData(user.keyFile, user.keyData);
  if (key) credentials.key = key;
  if (user.impersonateUser) credentials.headers['Impersonate-User'] = user.impersonateUser;
  if (user.token) credentials.headers.Authorization = `Bearer ${user.token}`;
  if (user.username) credentials.auth = `${user.username}:${user.password ?? ''}`;
  return credentials;
}

/** A user whose credentials come from a legacy auth-provider (gcp, azure, oidc): client-node's authenticators apply them. */
export function needsAuthProvider(kc: Kubeconfig): boolean {
  return Boolean(kc.getCurrentUser()?.authProvider);
}

/**
 * client-node's KubeConfig for the same clusters, users and context, loaded
 * only for an auth-provider user: it refreshes that provider's token per
 * request into `options` (headers, TLS).
 */
export async function clientNodeAuth(kc: Kubeconfig): Promise<(options: RequestOptions) => Promise<void>> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config: ClientNodeKubeConfig = new KubeConfig();
  config.loadFromOptions({
    clusters: kc.getClusters().map((c) => ({ ...c })),
    users: kc.getUsers().map((u) => ({ ...u, exec: u.exec ?? undefined, authProvider: u.authProvider ?? undefined }) as Parameters<ClientNodeKubeConfig['loadFromOptions']>[0]['users'][number]),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
  return (options) => config.applyToHTTPSOptions(options);
}
