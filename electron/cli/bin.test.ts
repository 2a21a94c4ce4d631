/**
 * The `podplan` executable as users and the end-to-end tests run it: a real
 * process from `bin/podplan.mjs`, real stdio, real signals.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../server/test-support.ts';

const BIN = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));

function podplan(args: string[], options: { input?: string; node?: string } = {}) {
  const result = spawnSync(options.node ?? process.execPath, [BIN, ...args], { encoding: 'utf8', input: options.input, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The system's own Node when it is older than 24 (the case the shim exists for). */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 24) return candidate;
  }
  return undefined;
}

describe('bin/podplan.mjs', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('podplan-bin-');
  });
  afterEach(() => temp.remove());

  it('piped into a reader that stops after one line (| head -1), it ends quietly with exit 0', () => {
    const shell = spawnSync('/bin/bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" simulate delivery --trials 50 "${SAMPLE}" | head -1`], { encoding: 'utf8', timeout: 60_000 });
    expect(shell.stdout).toMatch(/^Delivery simulation of /);
    expect(shell.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(shell.status).toBe(0);
  });

  it('--help prints usage and exits 0', () => {
    const result = podplan(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: podplan <command>');
    expect(result.stderr).toBe('');
  });

  it('a bad flag exits 2 with a hint on stderr', () => {
    const result = podplan(['serve', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unknown option --bogus');
    expect(result.stderr).toContain('podplan serve --help');
  });

  it('exports to stdout and imports from stdin', () => {
    const dataDir = path.join(temp.dir, 'data');
    const id = podplan(['scenarios', 'import', SAMPLE, '--data-dir', dataDir]).stdout.trim();
    const exported = podplan(['scenarios', 'export', id, '--data-dir', dataDir]);
    expect(exported.code).toBe(0);
    const imported = podplan(['scenarios', 'import', '-', '--data-dir', dataDir, '--json'], { input: exported.stdout });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ name: 'Three pilot pods with an AI platform team', migratedFrom: null });
    expect(podplan(['validate', '-'], { input: '{"schemaVersion": 2' }).code).toBe(1);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serve --json prints the listening line, the URL answers, and ${signal} stops it cleanly`, async () => {
      const dataDir = path.join(temp.dir, 'data');
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const lines: string[] = [];
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        const first = await new Promise<string>((resolve, reject) => {
          const reader = createInterface({ input: child.stdout });
          reader.on('line', (line) => {
            lines.push(line);
            resolve(line);
          });
          child.on('exit', () => reject(new Error(`serve exited before listening: ${stderr}`)));
        });
        const event = JSON.parse(first) as { event: string; url: string; port: number; host: string; dataDir: string };
        expect(Object.keys(event)).toEqual(['event', 'url', 'port', 'host', 'dataDir']);
        expect(event).toMatchObject({ event: 'listening', host: '127.0.0.1', dataDir });
        expect(event.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${event.port}/\\?token=[A-Za-z0-9_-]{43}$`));

        const link = await fetch(event.url, { redirect: 'manual' });
        expect(link.status).toBe(302);
        const cookie = (link.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        expect(cookie).toMatch(new RegExp(`^podplan_token_${event.port}=`));
        const list = await fetch(`http://127.0.0.1:${event.port}/api/scenarios`, { headers: { Cookie: cookie } });
        expect(list.status).toBe(200);
        expect(((await list.json()) as unknown[]).length).toBeGreaterThanOrEqual(2);
        expect((await fetch(`http://127.0.0.1:${event.port}/api/scenarios`)).status).toBe(401);

        child.kill(signal);
        expect(await exited).toBe(0);
        expect(lines).toHaveLength(1);
        // A clean close checkpoints the WAL and removes it.
        expect(existsSync(path.join(dataDir, 'podplan.db-wal'))).toBe(false);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  }

  const older = olderNode();
  it.skipIf(!older)(`on an older Node (${older ?? 'none found'}) the shim answers --version itself and re-runs everything else with the project's Node 24`, () => {
    const version = podplan(['--version'], { node: older });
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(version.stdout).toBe(podplan(['--version']).stdout);
    const usage = podplan(['serve', '--bogus'], { node: older });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Unknown option --bogus');
  });
});
