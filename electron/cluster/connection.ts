/**
 * Choosing a cluster: kubeconfig files (several paths as in KUBECONFIG, or a
 * picked file), a context, and a connection whose every call is bounded in
 * time. Credentials stay inside the Kubeconfig object: nothing here writes
 * them anywhere or puts them in a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from './kube-client.ts';
import { Kubeconfig } from './kubeconfig.ts';
import { ClusterError, toClusterError, withTimeout } from './errors.ts';
import { ExecAuth, execPluginOf } from './exec-auth.ts';
import { checkKubeconfigShape, readKubeconfigSources, resolveConnectionTarget, type KubeconfigSources } from './kubeconfig-checks.ts';
import type { ContextInfo, ServerVersion } from '../../sim/api/cluster.ts';
export type { ContextInfo, ServerVersion } from '../../sim/api/cluster.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface KubeconfigChoice {
  /** Files to merge, in KUBECONFIG order; empty = $KUBECONFIG, else ~/.kube/config. */
  kubeconfigPaths?: string[];
  context?: string;
}

export function kubeconfigPathsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

/** Where each user of a merged Kubeconfig came from, and its token file (client-node ignores `tokenFile`). */
const sourcesOf = new WeakMap<Kubeconfig, KubeconfigSources>();

/** Loads and merges kubeconfig files; the first file that sets current-context wins, as kubectl does. */
export async function loadKubeConfig(choice: KubeconfigChoice = {}): Promise<Kubeconfig> {
  const paths = choice.kubeconfigPaths?.length ? choice.kubeconfigPaths : kubeconfigPathsFromEnv();
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length === 0) {
    throw new ClusterError('kubeconfig', `No kubeconfig file found (looked at ${paths.join(', ')}). Pick a file or set KUBECONFIG.`);
  }
  const merged = new Kubeconfig();
  const sources: KubeconfigSources = { userFiles: new Map(), tokenFiles: new Map() };
  let currentContext = '';
  for (const path of existing) {
    const one = new Kubeconfig();
    try {
      const text = readFileSync(path, 'utf8');
      // Any YAML reads as a kubeconfig, even a file that is not one at all (as an empty one).
      checkKubeconfigShape(path, text);
      readKubeconfigSources(path, text, sources);
      one.loadFromText(text, path);
    } catch (error) {
      if (error instanceof ClusterError) throw error;
      throw new ClusterError('kubeconfig', `The kubeconfig file ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!currentContext && one.getCurrentContext()) currentContext = one.getCurrentContext();
    const names = (list: Array<{ name: string }>) => new Set(list.map((x) => x.name));
    const have = { clusters: names(merged.getClusters()), users: names(merged.getUsers()), contexts: names(merged.getContexts()) };
    merged.loadFromOptions({
      clusters: [...merged.getClusters(), ...one.getClusters().filter((c) => !have.clusters.has(c.name))],
      users: [...merged.getUsers(), ...one.getUsers().filter((u) => !have.users.has(u.name))],
      contexts: [...merged.getContexts(), ...one.getContexts().filter((c) => !have.contexts.has(c.name))],
      currentContext: currentContext || undefined,
    });
  }
  const wanted = choice.context ?? currentContext;
  if (!wanted) throw new ClusterError('kubeconfig', 'The kubeconfig sets no current context: choose one.');
  if (!merged.getContextObject(wanted)) {
    const known = merged.getContexts().map((c) => c.name);
    throw new ClusterError('kubeconfig', `Context "${wanted}" is not in the kubeconfig (known: ${known.join(', ') || 'none'})`);
  }
  merged.setCurrentContext(wanted);
  sourcesOf.set(merged, sources);
  return merged;
}

export function describeContexts(kc: Kubeconfig): ContextInfo[] {
  return kc.getContexts().map((context) => {
    const cluster = kc.getCluster(context.cluster);
    const user = kc.getUser(context.user);
    const auth = user?.exec
      ? `exec: ${String((user.exec as { command?: unknown }).command)}`
      : user?.certData || user?.certFile
        ? 'client certificate'
        : user?.token || user?.authProvider || sourcesOf.get(kc)?.tokenFiles.has(context.user)
          ? 'token'
          : user?.username
            ? 'basic auth'
            : 'none';
    return { name: context.name, cluster: context.cluster, server: cluster?.server ?? '', user: context.user, namespace: context.namespace ?? null, auth };
  });
}

/** A live connection to one context; every call is bounded by `timeoutMs`. */
export interface ClusterConnection {
  kc: Kubeconfig;
  context: string;
  server: string;
  objects: KubeClient;
  timeoutMs: number;
  /** Runs a call against the cluster with the timeout and error classification applied. */
  call<T>(doing: string, run: () => Promise<T>): Promise<T>;
}

export interface ConnectOptions extends KubeconfigChoice {
  /** Bound of each call to the API server (default 10 s). */
  timeoutMs?: number;
  /** Bound of an exec credential plugin run (default CREDENTIAL_PLUGIN_TIMEOUT_MS, 30 s). */
  pluginTimeoutMs?: number;
}

export async function connect(choice: ConnectOptions = {}): Promise<ClusterConnection> {
  const kc = await loadKubeConfig(choice);
  // Every way the chosen context can be unusable is named here, before any request (finding: "unexpected error: Invalid URL").
  const target = resolveConnectionTarget(kc, sourcesOf.get(kc));
  const { server } = target;
  const timeoutMs = choice.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const plugin = execPluginOf(target.user);
  const execAuth = plugin
    ? new ExecAuth(plugin, {
        user: target.user?.name ?? '',
        ...(target.userFile ? { kubeconfigPath: target.userFile } : {}),
        ...(target.cluster ? { cluster: target.cluster } : {}),
        ...(choice.pluginTimeoutMs === undefined ? {} : { timeoutMs: choice.pluginTimeoutMs }),
      })
    : null;
  // The Kubeconfig requests authenticate with: the token file read, and the plugin left to ExecAuth (bounded in time).
  const requestConfig = new Kubeconfig();
  requestConfig.loadFromOptions({
    clusters: kc.getClusters(),
    contexts: kc.getContexts(),
    users: kc.getUsers().map((u) =>
      u.name === target.user?.name ? { ...u, exec: undefined, authProvider: plugin ? undefined : u.authProvider, ...(target.token === undefined ? {} : { token: target.token }) } : u,
    ),
    currentContext: kc.getCurrentContext(),
  });
  return {
    kc,
    context: kc.getCurrentContext(),
    server,
    objects: new KubeClient(requestConfig, execAuth ?? undefined),
    timeoutMs,
    async call<T>(doing: string, run: () => Promise<T>): Promise<T> {
      // The plugin runs first, under its own timeout: a plugin that hangs is named, not the server.
      await execAuth?.credential();
      const deadline = Date.now() + timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await withTimeout(run(), Math.max(1, deadline - Date.now()), server, doing);
        } catch (error) {
          const clusterError = toClusterError(error, server, doing);
          // 429 (priority and fairness, or a CRD's storage still initialising) and 503 mean "try again shortly";
          // every call podplan makes is a read or an idempotent server-side apply, so retrying is safe.
          const retryable = clusterError.status === 429 || clusterError.status === 503;
          const wait = Math.min(2_000, 100 * 2 ** attempt);
          if (!retryable || Date.now() + wait >= deadline) throw clusterError;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    },
  };
}

export interface KubeconfigContexts {
  kubeconfigPaths: string[];
  /** The merged files' current context (kubectl's rule: the first file that sets one), or null. */
  currentContext: string | null;
  contexts: ContextInfo[];
}

/**
 * Every context of the merged kubeconfig files. When no file sets a current
 * context the list is still given (`currentContext` null), so the user can pick.
 */
export async function listContexts(paths?: readonly string[]): Promise<KubeconfigContexts> {
  const kubeconfigPaths = paths?.length ? [...paths] : kubeconfigPathsFromEnv();
  let currentContext: string | null = null;
  let first: string | undefined;
  let readable = true;
  for (const file of kubeconfigPaths.filter((p) => existsSync(p))) {
    const one = new Kubeconfig();
    try {
      one.loadFromFile(file);
    } catch {
      readable = false; // loadKubeConfig below reports the file and why
      break;
    }
    // A file that is not a kubeconfig reads as an empty one: say so rather than list no contexts.
    checkKubeconfigShape(file, readFileSync(file, 'utf8'));
    currentContext ??= one.getCurrentContext() || null;
    first ??= one.getContexts()[0]?.name;
  }
  if (readable && first === undefined && kubeconfigPaths.some((p) => existsSync(p))) {
    return { kubeconfigPaths, currentContext: null, contexts: [] };
  }
  const kc = await loadKubeConfig({ kubeconfigPaths, ...(readable && currentContext === null && first !== undefined ? { context: first } : {}) });
  return { kubeconfigPaths, currentContext, contexts: describeContexts(kc) };
}

export async function serverVersion(connection: ClusterConnection): Promise<ServerVersion> {
  const info = await connection.call('reading the server version', () => connection.objects.version());
  return { gitVersion: info.gitVersion, major: info.major, minor: info.minor };
}
