/**
 * Exec credential plugins (client.authentication.k8s.io ExecCredential), run
 * by Podplan itself instead of client-node: client-node gives a plugin no
 * timeout, leaves it running when the caller gives up, and puts its raw
 * stderr in the error. Here a plugin runs non-interactively in its own
 * process group (plugin-process.ts), within `timeoutMs`, and every failure is
 * a ClusterError that names the plugin and its user, with at most one
 * redacted line of what it printed. The server is never blamed for a plugin.
 *
 * A credential is reused within a connection, and across connections until
 * its expirationTimestamp (so `serve` does not run `aws eks get-token` for
 * every click); one without an expiry is reused only within its connection.
 */
import path from 'node:path';
import type { RequestOptions } from 'node:https';
import type { KubeconfigCluster, KubeconfigUser } from './kubeconfig.ts';
import { ClusterError } from './errors.ts';
import { PluginProcessError, runPluginProcess, type PluginEnd } from './plugin-process.ts';
import { redactedExcerpt, redactSecrets } from './redact.ts';

/** How long a credential plugin may take before it is stopped. Long enough for a token exchange over a slow VPN. */
export const CREDENTIAL_PLUGIN_TIMEOUT_MS = 30_000;
/** A credential that expires within this margin is fetched again rather than sent. */
const EXPIRY_MARGIN_MS = 10_000;

/** The `exec` section of a kubeconfig user, as written in the file. */
export interface ExecPluginConfig {
  command: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  apiVersion?: string;
  interactiveMode?: string;
  provideClusterInfo?: boolean;
}

export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

export interface ExecAuthOptions {
  user: string;
  /** The kubeconfig file that defined the user: a relative command path is relative to it, as in kubectl. */
  kubeconfigPath?: string;
  cluster?: KubeconfigCluster;
  timeoutMs?: number;
}

/** Credentials that carry an expiry, shared by every connection of this process. */
const sharedCache = new Map<string, ExecCredentialStatus>();

function isExecPluginConfig(value: unknown): value is ExecPluginConfig {
  return typeof value === 'object' && value !== null && typeof (value as { command?: unknown }).command === 'string';
}

/** The plugin of a kubeconfig user, if it authenticates with one. */
export function execPluginOf(user: KubeconfigUser | null | undefined): ExecPluginConfig | null {
  const exec: unknown = user?.exec ?? (user?.authProvider as { config?: { exec?: unknown } } | undefined)?.config?.exec;
  return isExecPluginConfig(exec) ? exec : null;
}

/** The plugin as a person would type it, redacted (arguments may carry secrets), at most 160 characters. */
export function describePlugin(plugin: ExecPluginConfig): string {
  const text = redactSecrets([plugin.command, ...(plugin.args ?? [])].join(' '));
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function expired(status: ExecCredentialStatus): boolean {
  if (!status.expirationTimestamp) return false;
  const at = Date.parse(status.expirationTimestamp);
  return Number.isFinite(at) && at - EXPIRY_MARGIN_MS <= Date.now();
}

/** One user's plugin for one connection: runs it when a credential is needed, at most once at a time. */
export class ExecAuth {
  readonly plugin: ExecPluginConfig;
  private readonly options: ExecAuthOptions;
  private readonly cacheKey: string;
  private pending: Promise<ExecCredentialStatus> | null = null;
  /** What `pending` resolved to, once it has. */
  private current: ExecCredentialStatus | null = null;

  constructor(plugin: ExecPluginConfig, options: ExecAuthOptions) {
    this.plugin = plugin;
    this.options = options;
    this.cacheKey = JSON.stringify([options.user, options.cluster?.server ?? '', plugin]);
  }

  /** A valid credential: the cached one, else a fresh run of the plugin (shared by concurrent callers). */
  credential(): Promise<ExecCredentialStatus> {
    const shared = sharedCache.get(this.cacheKey);
    if (shared && !expired(shared)) return Promise.resolve(shared);
    if (!this.pending || (this.current && expired(this.current))) {
      this.current = null;
      // A failed run stays failed for this connection (one command, one API request): the calls
      // after it fail at once instead of each running, and maybe waiting for, the plugin again.
      this.pending = this.run().then((status) => (this.current = status));
    }
    return this.pending;
  }

  /** Puts the credential into a request's TLS options and headers. */
  async apply(options: RequestOptions): Promise<void> {
    const status = await this.credential();
    if (status.clientCertificateData) options.cert = status.clientCertificateData;
    if (status.clientKeyData) options.key = status.clientKeyData;
    if (status.token) options.headers = { ...options.headers, Authorization: `Bearer ${status.token}` };
  }

  private where(): string {
    return `The credential plugin "${describePlugin(this.plugin)}" of user "${this.options.user}"`;
  }

  private async run(): Promise<ExecCredentialStatus> {
    const { plugin } = this;
    const apiVersion = plugin.apiVersion ?? 'client.authentication.k8s.io/v1';
    if (plugin.interactiveMode === 'Always') {
      throw new ClusterError(
        'unauthorized',
        `${this.where()} needs a terminal (interactiveMode: Always), which Podplan never gives a plugin. Log in with it in a terminal first (for example with kubectl), then retry.`,
      );
    }
    const timeoutMs = this.options.timeoutMs ?? CREDENTIAL_PLUGIN_TIMEOUT_MS;
    let stdout: string;
    try {
      stdout = await runPluginProcess(this.commandPath(), {
        args: plugin.args ?? [],
        env: { ...process.env, ...Object.fromEntries((plugin.env ?? []).map((e) => [e.name, e.value])), KUBERNETES_EXEC_INFO: JSON.stringify(this.execInfo(apiVersion)) },
        timeoutMs,
      });
    } catch (error) {
      if (error instanceof PluginProcessError) throw this.failure(error.end, error.stderr);
      throw error;
    }
    const status = this.parse(stdout, apiVersion);
    if (status.expirationTimestamp) sharedCache.set(this.cacheKey, status);
    return status;
  }

  /** kubectl's rule: a command with a path separator but not absolute is relative to its kubeconfig file. */
  private commandPath(): string {
    const { command } = this.plugin;
    if (!command.includes('/') || path.isAbsolute(command) || !this.options.kubeconfigPath) return command;
    return path.resolve(path.dirname(this.options.kubeconfigPath), command);
  }

  /** KUBERNETES_EXEC_INFO: never interactive; the cluster only when the kubeconfig asks for it. */
  private execInfo(apiVersion: string): unknown {
    const cluster = this.options.cluster;
    return {
      apiVersion,
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        ...(this.plugin.provideClusterInfo && cluster
          ? {
              cluster: {
                server: cluster.server,
                ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
                ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
                ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
              },
            }
          : {}),
      },
    };
  }

  private parse(stdout: string, apiVersion: string): ExecCredentialStatus {
    let value: unknown;
    try {
      value = JSON.parse(stdout);
    } catch {
      throw new ClusterError('unauthorized', `${this.where()} printed something that is not an ExecCredential (not JSON, ${Buffer.byteLength(stdout)} bytes).`);
    }
    const credential = value as { kind?: unknown; apiVersion?: unknown; status?: ExecCredentialStatus };
    if (credential?.kind !== 'ExecCredential' || typeof credential.status !== 'object' || credential.status === null) {
      throw new ClusterError('unauthorized', `${this.where()} printed JSON that is not an ExecCredential (no kind ExecCredential with a status).`);
    }
    if (credential.apiVersion !== apiVersion) {
      throw new ClusterError('unauthorized', `${this.where()} answered with ${String(credential.apiVersion)}, but the kubeconfig asks for ${apiVersion}.`);
    }
    const { token, clientCertificateData, clientKeyData, expirationTimestamp } = credential.status;
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    const status: ExecCredentialStatus = {
      ...(text(token) ? { token: text(token) } : {}),
      ...(text(clientCertificateData) ? { clientCertificateData: text(clientCertificateData) } : {}),
      ...(text(clientKeyData) ? { clientKeyData: text(clientKeyData) } : {}),
      ...(text(expirationTimestamp) ? { expirationTimestamp: text(expirationTimestamp) } : {}),
    };
    if (!status.token && !(status.clientCertificateData && status.clientKeyData)) {
      throw new ClusterError('unauthorized', `${this.where()} gave neither a token nor a client certificate and key.`);
    }
    return status;
  }

  private failure(end: PluginEnd, stderr: string): ClusterError {
    const said = redactedExcerpt(stderr);
    const tail = said ? `: ${said}` : '.';
    switch (end.kind) {
      case 'timeout':
        return new ClusterError(
          'timeout',
          `${this.where()} did not finish within ${Math.max(1, Math.round(end.ms / 1000))} s and was stopped, with every process it started. ` +
            'Podplan gives a plugin no terminal: if it waits for a login or a prompt, log in with it in a terminal first, then retry.',
        );
      case 'exit':
        return new ClusterError(
          'unauthorized',
          end.code === null ? `${this.where()} was killed by ${end.signal ?? 'a signal'}${tail}` : `${this.where()} failed with exit code ${end.code}${tail}`,
        );
      case 'not-found':
        return new ClusterError('kubeconfig', `${this.where()} could not be started: it was not found (is it installed, and on the PATH of the process running Podplan?).`);
      case 'not-startable':
        return new ClusterError('kubeconfig', `${this.where()} could not be started (${end.code}): check that it is an executable program.`);
      case 'too-much-output':
        return new ClusterError('unauthorized', `${this.where()} printed more than ${Math.round(end.limit / 1024)} KB and was stopped; an ExecCredential is far smaller.`);
      case 'stopped':
        return new ClusterError('unauthorized', `${this.where()} was stopped because Podplan is shutting down.`);
    }
  }
}
