#!/usr/bin/env node
// The `podplan` command. Podplan runs its TypeScript directly on Node 24
// (type stripping). On an older Node this shim re-runs itself with the Node 24
// that npm installed for the project (the `node` package), forwarding the
// arguments, stdio, signals and exit code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

if (major < REQUIRED_MAJOR) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    process.stderr.write(
      `podplan needs Node.js ${REQUIRED_MAJOR} or newer (this is ${process.version}), and the project's own Node ${REQUIRED_MAJOR} ` +
        `was not found at ${pinned}.\nRun "npm install" in the Podplan directory, or run podplan with Node ${REQUIRED_MAJOR}.\n`,
    );
    process.exit(1);
  }
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
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
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const { runCli } = await import('../electron/cli/main.ts');
  await runCli(process.argv.slice(2));
}
