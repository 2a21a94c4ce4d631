/**
 * Credential plugins for tests: small shell scripts in a temp dir that
 * behave like real ones going wrong (hang, wait on stdin, fail loudly) or
 * right (print an ExecCredential). Each records its pid, and the pid of the
 * child it starts, so a test can check that nothing outlives Podplan.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ClusterError } from './errors.ts';

/** A token a failing plugin prints on stderr; it must appear in no output of Podplan. */
export const PLUGIN_LEAKED_TOKEN = 'sk-live-51HgTq2eZvKYlo2C0123456789';

export type PluginBehaviour =
  /** Starts a child, then sleeps until killed. */
  | { kind: 'hang' }
  /** Reads stdin to its end, then prints a credential (hangs forever if stdin were a terminal left open). */
  | { kind: 'reads-stdin'; token: string }
  /** Prints an error that quotes a token, exits 1. */
  | { kind: 'fails-with-token' }
  /** Prints an ExecCredential: a token, or a client certificate and key (PEM). */
  | { kind: 'credential'; token?: string; certPem?: string; keyPem?: string; expirationTimestamp?: string }
  /** Prints KUBERNETES_EXEC_INFO to a file, then a credential. */
  | { kind: 'records-exec-info'; token: string };

function credentialJson(status: Record<string, string | undefined>): string {
  return JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status });
}

/** Writes an executable plugin script in `dir` and returns its path; `dir/<name>.pid` and `<name>.child.pid` get the pids. */
export function writePlugin(dir: string, name: string, behaviour: PluginBehaviour): string {
  const file = path.join(dir, `${name}.sh`);
  const pidFile = path.join(dir, `${name}.pid`);
  const lines = ['#!/bin/sh', `echo $$ > '${pidFile}'`];
  const print = (json: string) => `cat <<'PODPLAN_EOF'\n${json}\nPODPLAN_EOF`;
  switch (behaviour.kind) {
    case 'hang':
      lines.push('sleep 600 &', `echo $! > '${path.join(dir, `${name}.child.pid`)}'`, 'wait');
      break;
    case 'reads-stdin':
      lines.push('cat > /dev/null', print(credentialJson({ token: behaviour.token })));
      break;
    case 'fails-with-token':
      lines.push(`echo "error: auth failed for token ${PLUGIN_LEAKED_TOKEN}" >&2`, 'exit 1');
      break;
    case 'credential':
      lines.push(
        print(
          credentialJson({
            token: behaviour.token,
            clientCertificateData: behaviour.certPem,
            clientKeyData: behaviour.keyPem,
            expirationTimestamp: behaviour.expirationTimestamp,
          }),
        ),
      );
      break;
    case 'records-exec-info':
      lines.push(`printf '%s' "$KUBERNETES_EXEC_INFO" > '${path.join(dir, `${name}.exec-info.json`)}'`, print(credentialJson({ token: behaviour.token })));
      break;
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** The pids a plugin recorded (itself, and the child a hanging one started). */
export function pluginPids(dir: string, name: string): number[] {
  return [`${name}.pid`, `${name}.child.pid`]
    .map((f) => path.join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => Number(readFileSync(f, 'utf8').trim()))
    .filter((pid) => pid > 0);
}

/**
 * Whether a process still runs. A zombie (killed, its exit status not yet
 * collected) answers `kill -0` but runs nothing: once serve is SIGKILLed its
 * plugins are re-parented to PID 1, which in a CI container may never reap.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill -0 is all there is
  }
}

/** Waits until `check` holds, polling; false after `ms`. */
export async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** A kubeconfig whose user gets its credential from `command` (exec, client.authentication.k8s.io/v1). */
export function execKubeconfigYaml(server: string, command: string, options: { caData?: string; interactiveMode?: string; provideClusterInfo?: boolean } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: plugin',
    'clusters:',
    '- name: plugin-cluster',
    '  cluster:',
    `    server: ${server}`,
    options.caData ? `    certificate-authority-data: ${options.caData}` : '    insecure-skip-tls-verify: true',
    'contexts:',
    '- name: plugin',
    '  context: {cluster: plugin-cluster, user: plugin-user}',
    'users:',
    '- name: plugin-user',
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1',
    `      command: ${command}`,
    '      args: ["--cluster", "test"]',
    `      interactiveMode: ${options.interactiveMode ?? 'Never'}`,
    ...(options.provideClusterInfo ? ['      provideClusterInfo: true'] : []),
    '',
  ].join('\n');
}

/** The ClusterError a cluster call fails with (it must fail, and with a ClusterError). */
export async function clusterFailure(run: () => Promise<unknown>): Promise<ClusterError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ClusterError) return error;
    throw new Error(`expected a ClusterError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a failure');
}

/**
 * Whether Podplan's watchdog for the plugin group `pgid` runs (Linux: read
 * from /proc). Serve spawns it just after the plugin, so a test that kills
 * serve waits for it first: the plugin can write its pid files before then.
 */
export function watchdogRunning(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('podplan-plugin-watchdog') && args.includes(String(pgid))) return isAlive(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return false;
}
