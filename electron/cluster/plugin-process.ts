/**
 * Running a helper program Podplan does not control (an exec credential
 * plugin) so that it can never hold Podplan hostage: its own process group
 * (so it is killed together with whatever it started), stdin closed (it gets
 * no terminal to wait on), bounded output, a timeout, and one switch that
 * stops every running one (shutdown). A process exit hook and, where there
 * is a shell, a tiny watchdog make sure none outlives Podplan, even after a
 * SIGKILL that runs no hooks.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export type PluginEnd =
  | { kind: 'timeout'; ms: number }
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'not-found' }
  | { kind: 'not-startable'; code: string }
  | { kind: 'too-much-output'; limit: number }
  | { kind: 'stopped' };

/** A plugin run that did not end with exit code 0. `stderr` is raw: redact before showing any of it. */
export class PluginProcessError extends Error {
  readonly end: PluginEnd;
  readonly stderr: string;
  constructor(end: PluginEnd, stderr: string) {
    super(`plugin ${end.kind}`);
    this.name = 'PluginProcessError';
    this.end = end;
    this.stderr = stderr;
  }
}

export interface PluginRunOptions {
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Stdout beyond this is refused (an ExecCredential is a few KB). */
  maxStdoutBytes?: number;
}

const MAX_STDOUT_BYTES = 1024 * 1024;
/** Only the end of stderr is kept: the last lines say why a program failed. */
const STDERR_TAIL_BYTES = 8 * 1024;

/** Running plugins by process-group id, each with the function that stops it. */
const running = new Map<number, (end: PluginEnd) => void>();
let exitHookInstalled = false;

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous, so it also runs when the CLI ends with process.exit().
  process.on('exit', () => {
    for (const pgid of running.keys()) killGroup(pgid);
  });
}

/**
 * Kills the group of `pgid` once this Node process is gone, however it went
 * (SIGKILL runs no exit hook). Stopped by its owner when the plugin ends normally.
 */
function startWatchdog(pgid: number): ChildProcess | null {
  if (process.platform === 'win32') return null;
  try {
    const watchdog = spawn(
      'sh',
      ['-c', 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "-$2" 2>/dev/null', 'podplan-plugin-watchdog', String(process.pid), String(pgid)],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.on('error', () => undefined);
    watchdog.unref();
    return watchdog;
  } catch {
    return null;
  }
}

/**
 * Runs `command` and resolves with its stdout when it exits 0; rejects with a
 * PluginProcessError otherwise. On timeout or stop, its whole process group is
 * killed (SIGKILL: a plugin that hangs may well ignore SIGTERM).
 */
export function runPluginProcess(command: string, options: PluginRunOptions): Promise<string> {
  installExitHook();
  const maxStdout = options.maxStdoutBytes ?? MAX_STDOUT_BYTES;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      // detached = setsid(): a new process group, and no controlling terminal to prompt on.
      child = spawn(command, [...options.args], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (error) {
      reject(new PluginProcessError(startFailure(error), ''));
      return;
    }
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let ended: PluginEnd | null = null;
    const pgid = child.pid;
    const watchdog = pgid === undefined ? null : startWatchdog(pgid);

    const finish = (end: PluginEnd | null): void => {
      if (ended) return;
      ended = end ?? { kind: 'exit', code: 0, signal: null };
      clearTimeout(timer);
      if (pgid !== undefined) {
        running.delete(pgid);
        // Anything it left running in its group goes too, unless it ended well.
        if (end) killGroup(pgid);
      }
      if (watchdog?.pid !== undefined) {
        try {
          process.kill(watchdog.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      if (end) reject(new PluginProcessError(end, stderr));
      else resolve(Buffer.concat(stdout).toString('utf8'));
    };

    const timer = setTimeout(() => finish({ kind: 'timeout', ms: options.timeoutMs }), options.timeoutMs);
    if (pgid !== undefined) running.set(pgid, finish);

    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) finish({ kind: 'too-much-output', limit: maxStdout });
      else stdout.push(chunk);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });
    child.on('error', (error) => finish(startFailure(error)));
    // 'close', not 'exit': stdout is complete only when its pipe has closed.
    child.on('close', (code, signal) => finish(code === 0 ? null : { kind: 'exit', code, signal }));
  });
}

function startFailure(error: unknown): PluginEnd {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  return code === 'ENOENT' ? { kind: 'not-found' } : { kind: 'not-startable', code };
}

/** Stops every running plugin now (Podplan is shutting down); returns how many there were. */
export function stopCredentialPlugins(): number {
  const stops = [...running.values()];
  for (const stop of stops) stop({ kind: 'stopped' });
  return stops.length;
}
