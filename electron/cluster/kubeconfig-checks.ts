/**
 * What client-node lets through and then fails on obscurely: a file that is
 * not a kubeconfig at all (read as an empty one), a context naming a cluster
 * or user that does not exist, a server address that is not a URL, and the
 * `tokenFile` field (which client-node ignores, so the request goes out
 * without credentials and gets a 401). Each becomes a `kubeconfig`
 * ClusterError that names the file, context, cluster, user or address.
 * Messages never quote the file's content: it may hold a token or a key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kubeconfig, KubeconfigCluster, KubeconfigUser } from './kubeconfig.ts';
import YAML from 'yaml';
import { ClusterError } from './errors.ts';

/** Per merged kubeconfig: the file each user came from (first one wins, as in the merge) and its token file, absolute. */
export interface KubeconfigSources {
  userFiles: Map<string, string>;
  tokenFiles: Map<string, string>;
}

const KUBECONFIG_FIELDS = ['apiVersion', 'kind', 'clusters', 'contexts', 'users', 'current-context', 'preferences'];

function parseYaml(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: YAML.parse(text) as unknown };
  } catch {
    // client-node reports a file that does not parse (by its first line).
    return { ok: false };
  }
}

/** Throws when `text` (from `file`) parses but is clearly not a kubeconfig. An empty file is an empty kubeconfig, as for kubectl. */
export function checkKubeconfigShape(file: string, text: string): void {
  const parsed = parseYaml(text);
  if (!parsed.ok || parsed.value === null || parsed.value === undefined) return;
  const { value } = parsed;
  const notKubeconfig = (why: string) => new ClusterError('kubeconfig', `${file} is not a kubeconfig: ${why}`);
  if (typeof value !== 'object') throw notKubeconfig('it is plain text, not YAML with clusters, contexts and users. Choose the file kubectl uses (often ~/.kube/config).');
  if (Array.isArray(value)) throw notKubeconfig('it is a YAML list, not a mapping with clusters, contexts and users.');
  const record = value as Record<string, unknown>;
  if (typeof record.kind === 'string' && record.kind !== 'Config') throw notKubeconfig(`its kind is "${record.kind.slice(0, 60)}", not Config.`);
  if (!KUBECONFIG_FIELDS.some((field) => field in record)) throw notKubeconfig('it has none of the fields of one (clusters, contexts, users).');
}

/** Records where each user of `file` came from and its `tokenFile`, relative paths resolved against the file, as kubectl does. */
export function readKubeconfigSources(file: string, text: string, sources: KubeconfigSources): void {
  const parsed = parseYaml(text);
  if (!parsed.ok) return;
  const users = (parsed.value as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) return;
  for (const entry of users as unknown[]) {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || sources.userFiles.has(name)) continue;
    sources.userFiles.set(name, file);
    const tokenFile = (entry as { user?: { tokenFile?: unknown } }).user?.tokenFile;
    if (typeof tokenFile === 'string' && tokenFile !== '') sources.tokenFiles.set(name, path.resolve(path.dirname(file), tokenFile));
  }
}

export interface ConnectionTarget {
  server: string;
  cluster: KubeconfigCluster | null;
  user: KubeconfigUser | null;
  /** The kubeconfig file that defined the user. */
  userFile: string | undefined;
  /** The token read from the user's tokenFile, when it has one and no token. */
  token: string | undefined;
}

const nameList = (names: string[], what: string): string => (names.length ? `${what}: ${names.join(', ')}` : `it has no ${what}`);

/** The current context's cluster, server and user, or a ClusterError naming what is missing or wrong. */
export function resolveConnectionTarget(kc: Kubeconfig, sources: KubeconfigSources | undefined): ConnectionTarget {
  const contextName = kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  if (!context) throw new ClusterError('kubeconfig', `Context "${contextName}" is not in the kubeconfig.`);
  if (!context.cluster) throw new ClusterError('kubeconfig', `Context "${contextName}" names no cluster: set its cluster in the kubeconfig.`);
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) {
    throw new ClusterError(
      'kubeconfig',
      `Context "${contextName}" names cluster "${context.cluster}", which is not in the kubeconfig (${nameList(kc.getClusters().map((c) => c.name), 'clusters')}).`,
    );
  }
  if (!cluster.server) throw new ClusterError('kubeconfig', `Cluster "${cluster.name}" of context "${contextName}" has no server address.`);
  if (!validServerUrl(cluster.server)) {
    throw new ClusterError(
      'kubeconfig',
      `Context "${contextName}": the server address "${cluster.server.slice(0, 200)}" of cluster "${cluster.name}" is not a valid URL (expected https://host:port).`,
    );
  }
  let user: KubeconfigUser | null = null;
  if (context.user) {
    user = kc.getUser(context.user);
    if (!user) {
      throw new ClusterError('kubeconfig', `Context "${contextName}" names user "${context.user}", which is not in the kubeconfig (${nameList(kc.getUsers().map((u) => u.name), 'users')}).`);
    }
  }
  const tokenFile = user && !user.token ? sources?.tokenFiles.get(user.name) : undefined;
  return {
    server: cluster.server,
    cluster,
    user,
    userFile: user ? sources?.userFiles.get(user.name) : undefined,
    token: tokenFile && user ? readTokenFile(tokenFile, user.name, contextName) : undefined,
  };
}

function validServerUrl(server: string): boolean {
  try {
    const url = new URL(server);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function readTokenFile(file: string, userName: string, contextName: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'unknown error'})`;
    throw new ClusterError('kubeconfig', `The token file ${file} of user "${userName}" (context "${contextName}") ${why}.`);
  }
  const token = text.trim();
  if (!token) throw new ClusterError('kubeconfig', `The token file ${file} of user "${userName}" (context "${contextName}") is empty.`);
  return token;
}
