/**
 * Playwright fixtures: every test gets its own backend, started exactly as a
 * user would (`podplan serve --port 0 --data-dir <fresh dir> --json`), and a
 * page signed in through the printed token link. The server is killed and
 * the data directory removed afterwards.
 *
 * `server.api` is an API client with the bearer token, for checking what is
 * stored (e.g. that a refused import changed nothing).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiClient, type ApiClient } from '../../renderer/api/client.ts';
import { isCi } from '../cluster/context.ts';
import { KUBECONFIG_ENV, SKIP_ENV } from './cluster-env.ts';

function withoutKubeconfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { KUBECONFIG: _ignored, ...rest } = env;
  return rest;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CLI to start; overridable to run the specs against another build. */
const cliPath = process.env.PODPLAN_E2E_BIN ?? path.join(repoRoot, 'bin', 'podplan.mjs');

export interface PodplanServer {
  /** The sign-in link the server printed (`…/?token=…`). */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  api: ApiClient;
  /** Everything the server wrote to stderr, for failure reports. */
  stderr(): string;
}

interface ListeningEvent {
  event: 'listening';
  url: string;
}

function isListening(value: unknown): value is ListeningEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { event?: unknown }).event === 'listening' &&
    typeof (value as { url?: unknown }).url === 'string'
  );
}

function waitForListening(child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<ListeningEvent> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`podplan serve did not print a listening line within ${timeoutMs} ms.\nstdout: ${buffer}\nstderr: ${stderr()}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (!line.startsWith('{')) continue;
        try {
          const parsed: unknown = JSON.parse(line);
          if (isListening(parsed)) {
            cleanup();
            resolve(parsed);
            return;
          }
        } catch {
          // Not a JSON event line; keep reading.
        }
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`podplan serve exited (code ${code}, signal ${signal}) before listening.\nstderr: ${stderr()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

export const test = base.extend<{ server: PodplanServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this destructuring; it needs none.
  server: async ({}, use, testInfo) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'podplan-e2e-'));
    // With a test cluster (cluster-setup.ts), the backend's default kubeconfig is its admin kubeconfig;
    // without one, HOME points at the empty data dir so that no real ~/.kube/config is ever used.
    const kubeconfig = process.env[KUBECONFIG_ENV];
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--data-dir', dataDir, '--json'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: kubeconfig ? { ...process.env, KUBECONFIG: kubeconfig } : { ...withoutKubeconfig(process.env), HOME: dataDir },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    try {
      const listening = await waitForListening(child, () => stderr, 20_000);
      const url = new URL(listening.url);
      const token = url.searchParams.get('token') ?? '';
      const origin = url.origin;
      await use({ url: listening.url, origin, token, dataDir, api: createApiClient({ baseUrl: origin, token }), stderr: () => stderr });
    } finally {
      await stop(child);
      if (stderr && testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server-stderr', { body: stderr, contentType: 'text/plain' });
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  page: async ({ page, server }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Scenarios', level: 1 })).toBeVisible();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/**
 * The test cluster's admin kubeconfig (see cluster-setup.ts). Without one,
 * the calling test is skipped, or fails when CI is set.
 */
export function requireTestCluster(): string {
  const kubeconfig = process.env[KUBECONFIG_ENV];
  if (kubeconfig) return kubeconfig;
  const reason = process.env[SKIP_ENV] ?? 'no test cluster was started (is cluster-setup.ts registered as globalSetup?)';
  if (isCi()) throw new Error(`CI is set and the cluster specs cannot run: ${reason}`);
  test.skip(true, reason);
  return '';
}

/** The save status in the status bar. */
export function saveStatus(page: Page) {
  return page.getByRole('status', { name: 'Save status' });
}

/** Waits until everything typed is stored. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveText('Saved');
}

/** A team's card in the editor, by its position (1-based) in the list. */
export function teamCard(page: Page, index: number) {
  return page.getByRole('group', { name: new RegExp(`^Team ${index}:`) });
}

/** Rows of the scenario list, by exact scenario name. */
export function scenarioRows(page: Page, name: string) {
  return page.getByRole('table', { name: 'Scenarios' }).getByRole('row', { name, exact: true });
}

export const SAMPLE_CENTRALIZED = 'Centralized AI team (today)';
export const SAMPLE_PODS = 'Three pilot pods with an AI platform team';
