#!/usr/bin/env node
// The `podplan` command. Podplan runs its TypeScript directly on Node 24
// (type stripping), or the same code bundled by `npm run build:cli`
// (dist/cli, faster to start) while that bundle is up to date. On an older
// Node this shim re-runs itself with the Node 24 that npm installed for the
// project (the `node` package), forwarding the arguments, stdio, signals and
// exit code.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

const args = process.argv.slice(2);
if (major < REQUIRED_MAJOR && args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // The version needs no Node 24: answering here saves the second process start (what `podplan --version` prints on any Node).
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else if (major < REQUIRED_MAJOR) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    process.stderr.write(
      `podplan needs Node.js ${REQUIRED_MAJOR} or newer (this is ${process.version}), and the project's own Node ${REQUIRED_MAJOR} ` +
        `was not found at ${pinned}.\nRun "npm install" in the Podplan directory, or run podplan with Node ${REQUIRED_MAJOR}.\n`,
    );
    process.exit(1);
  }
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  // The child shares the terminal, so Ctrl+C reaches it directly; forward what does not (kill, systemd).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    process.stderr.write(`podplan: could not start ${pinned}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Exit the way the child did, so callers see the same signal.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
} else {
  // Cache compiled (and type-stripped) modules between runs: it roughly halves start-up.
  const { enableCompileCache, getCompileCacheDir } = await import('node:module');
  enableCompileCache?.();
  // Worker threads (the simulations) start their own module loader, which reads the cache only from the
  // environment: without this, each worker strips and compiles its ~160 modules afresh (~1 s on two cores).
  const cacheDir = getCompileCacheDir?.();
  if (cacheDir && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cacheDir;
  const { runCli } = await import(cliEntry());
  await runCli(args);
}

/**
 * The bundled CLI (dist/cli/main.mjs, scripts/build-cli.mjs) while every file
 * it was built from is as it was at the build (size and mtime, as
 * dist/cli/inputs.json lists them); the TypeScript source otherwise, or with
 * PODPLAN_CLI_SOURCE=1. An edit since the build never runs stale code.
 */
function cliEntry() {
  const source = new URL('../electron/cli/main.ts', import.meta.url);
  const chose = (entry, why) => {
    // PODPLAN_TRACE_STARTUP's mark (electron/cli/startup-trace.ts), so a benchmark or a test knows which ran.
    if (process.env.PODPLAN_TRACE_STARTUP === '1') writeSync(2, `podplan startup: running ${why} at ${performance.now().toFixed(1)} ms\n`);
    return entry.href;
  };
  if (process.env.PODPLAN_CLI_SOURCE === '1') return chose(source, 'the TypeScript source (PODPLAN_CLI_SOURCE=1)');
  const bundle = new URL('../dist/cli/', import.meta.url);
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(new URL('inputs.json', bundle), 'utf8')).files;
  } catch {
    return chose(source, 'the TypeScript source (no bundle: npm run build:cli makes one)');
  }
  const root = fileURLToPath(new URL('../', import.meta.url));
  for (const [file, [size, mtimeMs]] of Object.entries(inputs)) {
    const now = statSync(join(root, file), { throwIfNoEntry: false });
    if (now?.size !== size || now.mtimeMs !== mtimeMs) return chose(source, `the TypeScript source (the bundle is older than ${file})`);
  }
  return chose(new URL('main.mjs', bundle), 'the bundle dist/cli');
}
