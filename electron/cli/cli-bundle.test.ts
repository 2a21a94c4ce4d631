/**
 * The bundled CLI (scripts/build-cli.mjs → dist/cli) as `bin/podplan.mjs`
 * runs it: chosen only while it is up to date, and answering exactly as the
 * TypeScript source does, simulation workers included.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));
const INPUTS = fileURLToPath(new URL('../../dist/cli/inputs.json', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));

/** Runs podplan as a user does; `source` forces the TypeScript source. The start-up marks say which code ran. */
function podplan(args: string[], options: { source?: boolean } = {}) {
  const env = { ...process.env, PODPLAN_TRACE_STARTUP: '1', ...(options.source ? { PODPLAN_CLI_SOURCE: '1' } : {}) };
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  const ran = /podplan startup: running (.*) at /.exec(result.stderr)?.[1] ?? '';
  const stderr = result.stderr.split('\n').filter((line) => !line.startsWith('podplan startup: ')).join('\n');
  return { code: result.status, stdout: result.stdout, stderr, ran };
}

/** Rewrites dist/cli/inputs.json whole (a podplan starting meanwhile reads the old or the new one). */
function writeInputs(text: string): void {
  writeFileSync(`${INPUTS}.tmp`, text);
  renameSync(`${INPUTS}.tmp`, INPUTS);
}

describe('the bundled CLI', () => {
  beforeAll(() => {
    // Build only when the bundle is missing or out of date: other tests may be running it right now.
    if (podplan(['--version']).ran === 'the bundle dist/cli') return;
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    expect(build.status, build.stderr).toBe(0);
  }, 200_000);

  it('runs when up to date, with the help and version of the source', () => {
    for (const args of [['--version'], ['--help'], ['simulate', '--help'], ['simulate', 'gpu', '--help'], ['import', 'workloads', '--help']]) {
      const bundled = podplan(args);
      const source = podplan(args, { source: true });
      expect(bundled.ran, args.join(' ')).toBe('the bundle dist/cli');
      expect(source.ran, args.join(' ')).toContain('the TypeScript source');
      expect(bundled, args.join(' ')).toEqual({ ...source, ran: bundled.ran });
    }
  });

  it('simulates in its own worker threads, figure for figure as the source does', () => {
    for (const args of [
      ['simulate', 'gpu', SAMPLE, '--days', '2', '--seeds', '3', '--json'],
      ['simulate', 'delivery', SAMPLE, '--trials', '200', '--json'],
      ['validate', SAMPLE, '--json'],
    ]) {
      const bundled = podplan(args);
      expect(bundled.ran).toBe('the bundle dist/cli');
      expect(bundled.code, bundled.stderr).toBe(0);
      const source = podplan(args, { source: true });
      expect(source.code, source.stderr).toBe(0);
      // Delivery runs report their own wall time; every figure of the model is compared.
      const figures = (stdout: string) => JSON.stringify(JSON.parse(stdout), (key, value: unknown) => (/^(elapsedMs|durationMs|ms)$/.test(key) ? undefined : value));
      expect(figures(bundled.stdout), args.join(' ')).toBe(figures(source.stdout));
    }
  }, 240_000);

  it('is not run once a file it was built from has changed: the source runs, naming that file', () => {
    const original = readFileSync(INPUTS, 'utf8');
    const inputs = JSON.parse(original) as { files: Record<string, [number, number]> };
    const file = 'electron/cli/main.ts';
    expect(inputs.files[file]).toBeDefined();
    // As if main.ts had been edited after the build.
    inputs.files[file] = [inputs.files[file]![0], inputs.files[file]![1] - 1000];
    writeInputs(JSON.stringify(inputs));
    try {
      const result = podplan(['--version']);
      expect(result.code).toBe(0);
      expect(result.ran).toBe(`the TypeScript source (the bundle is older than ${file})`);
    } finally {
      writeInputs(original);
    }
    expect(podplan(['--version']).ran).toBe('the bundle dist/cli');
  });
});
