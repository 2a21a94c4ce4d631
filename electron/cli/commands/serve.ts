/**
 * `podplan serve`: the app in a browser. Opens (or creates) the database,
 * seeds the samples on first start, serves the built UI and the API on
 * loopback, and stops cleanly on Ctrl+C / SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { seedSamplesOnFirstStart } from '../../../data/store/data-dir.ts';
import { seedOrganisationReadiness } from '../../../data/store/organisation.ts';
import { startBackend } from '../../server/server.ts';
import { redactSecrets, stopCredentialPlugins } from '../../cluster/index.ts';
import { COMMON_OPTIONS, stringOption } from '../args.ts';
import type { Command } from '../command.ts';
import { DATA_DIR_OPTION, openStore, RENDERER_DIR, resolveDataDir } from '../context.ts';
import { CliError, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${text}").`, 'Use --port 0 (the default) for a free port.');
  }
  return Number(text);
}

/** The platform's "open this URL" command; failure is only a message, the URL is printed anyway. */
function openBrowser(url: string, io: CliIo): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    // `env` also decides where the command is looked up (its PATH).
    const child = spawn(command, args, { stdio: 'ignore', detached: true, env: io.env });
    child.on('error', () => io.stderr(`Could not open a browser (${command} is not available): open the URL above yourself.\n`));
    child.unref();
  } catch {
    io.stderr(`Could not open a browser: open the URL above yourself.\n`);
  }
}

export const serveCommand: Command = {
  spec: {
    path: 'podplan serve',
    summary: 'Run Podplan in your browser: the UI and its API on this machine only, behind a per-launch access token.',
    details: [
      'Prints the URL to open (it carries the token). With --json, prints exactly one line:',
      '  {"event":"listening","url":...,"port":...,"host":...,"dataDir":...}',
      'Stop with Ctrl+C; the database is closed cleanly.',
    ],
    options: {
      ...COMMON_OPTIONS,
      port: { type: 'string', short: 'p', valueName: 'N', description: 'Port to listen on; 0 (the default) picks a free one.' },
      host: { type: 'string', valueName: 'HOST', description: 'Interface to listen on (default 127.0.0.1).' },
      'data-dir': DATA_DIR_OPTION,
      open: { type: 'boolean', description: 'Also open the URL in the default browser.' },
    },
    positionals: [],
    examples: ['podplan serve --open', 'podplan serve --port 0 --data-dir /tmp/podplan --json'],
  },
  async run({ values }, io) {
    const port = parsePort(stringOption(values, 'port'));
    const host = stringOption(values, 'host') ?? '127.0.0.1';
    if (host.trim() === '') throw new UsageError('--host must not be empty.', 'Leave it out to listen on 127.0.0.1.');
    const json = values.json === true;
    const dataDir = resolveDataDir(values, io);
    const shutdown = io.shutdownRequested();

    const store = openStore(dataDir);
    let backend: Awaited<ReturnType<typeof startBackend>>;
    try {
      const seeded = seedSamplesOnFirstStart(store);
      if (seeded.length > 0 && !json) io.stderr(`First start: added ${seeded.length} sample scenarios.\n`);
      // Before any window opens a scenario: seeding may re-save scenarios that now follow the organisation.
      seedOrganisationReadiness(store);
      backend = await startBackend({
        store,
        host,
        port,
        staticDir: RENDERER_DIR,
        // The log is a terminal or a file someone may paste: no token from a server or plugin in it.
        log: (message, error) => io.stderr(redactSecrets(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)),
      });
    } catch (error) {
      store.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`Port ${port} on ${host} is already in use: pick another with --port, or --port 0 for a free one.`, { code: 'port-in-use' });
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliError(`Cannot listen on ${host}: no such local address.`, { code: 'bad-host' });
      if (code === 'EACCES') throw new CliError(`Not allowed to listen on port ${port} (ports below 1024 need privileges).`, { code: 'port-denied' });
      throw error;
    }

    if (json) {
      io.stdout(jsonLine({ event: 'listening', url: backend.url, port: backend.port, host, dataDir }));
    } else {
      io.stdout(`Podplan is running at ${backend.url}\n`);
      io.stderr(`Data: ${path.join(dataDir, 'podplan.db')}. Press Ctrl+C to stop.\n`);
    }
    if (!LOOPBACK.has(host)) {
      io.stderr(`Warning: listening on ${host}, not only on this machine. Anyone who has the URL (with its token) can use Podplan.\n`);
    }
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      io.stderr('The UI is not built yet: run npm run build:renderer (the API works meanwhile).\n');
    }
    if (values.open === true) openBrowser(backend.url, io);

    const signal = await shutdown;
    io.stderr(`Stopping Podplan (${signal})…\n`);
    // First: a credential plugin that hangs would keep its request, and this process, alive.
    stopCredentialPlugins();
    try {
      await backend.close();
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
