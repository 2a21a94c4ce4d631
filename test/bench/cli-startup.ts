/**
 * `podplan` start-up as a user meets it (issue #18; docs/performance-targets.md:
 * ≤ 150 ms for `--version`/`--help`, ≤ 300 ms to the first simulated event).
 * Each figure spawns the real command N times (interleaved, so the machine's
 * load falls on every variant alike) and reports the median with min and max.
 *
 * `bin/podplan.mjs` runs the bundle (dist/cli) when it is up to date, else the
 * TypeScript source: the details say which ran, and the source's figures are
 * reported beside. "First simulated event" is read from the process's own
 * PODPLAN_TRACE_STARTUP marks (electron/cli/startup-trace.ts): the moment the
 * first worker hands the simulator its input, milliseconds after the process
 * started; the simulator's first events follow within its workload generation
 * (a few ms for a day). The end of its first slice is reported beside it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type BenchResult } from './types.ts';

const BIN = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));

interface Run {
  wallMs: number;
  marks: Array<{ mark: string; ms: number }>;
  ran: string;
}

function podplan(args: string[], options: { node?: string; source?: boolean } = {}): Run {
  const env = { ...process.env, PODPLAN_TRACE_STARTUP: '1', ...(options.source ? { PODPLAN_CLI_SOURCE: '1' } : {}) };
  const started = performance.now();
  const result = spawnSync(options.node ?? process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  const wallMs = performance.now() - started;
  const marks = [...result.stderr.matchAll(/^podplan startup: (.*) at ([\d.]+) ms$/gm)].map((m) => ({ mark: m[1]!, ms: Number(m[2]) }));
  const ran = marks.find((m) => m.mark.startsWith('running '))?.mark.slice('running '.length) ?? 'unknown';
  if (result.error) throw result.error;
  return { wallMs, marks, ran };
}

/** The system's own Node when older than 24: `podplan` on it goes through the shim's re-exec. */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 24) return candidate;
  }
  return undefined;
}

const spread = (values: number[]) => `min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))} ms`;

/** The earliest mark whose text matches, in ms since the process started. */
function firstMark(run: Run, pattern: RegExp): number {
  const times = run.marks.filter((m) => pattern.test(m.mark)).map((m) => m.ms);
  if (times.length === 0) throw new Error(`no start-up mark matching ${pattern} (marks: ${run.marks.map((m) => m.mark).join('; ')})`);
  return Math.min(...times);
}

export async function benchCliStartup(runs = 12): Promise<BenchResult[]> {
  const older = olderNode();
  const dir = mkdtempSync(join(tmpdir(), 'podplan-bench-cli-'));
  const missingKubeconfig = join(dir, 'no-kubeconfig');
  const variants = {
    version: () => podplan(['--version']),
    help: () => podplan(['--help']),
    versionOlderNode: older ? () => podplan(['--version'], { node: older }) : undefined,
    validate: () => podplan(['validate', SAMPLE]),
    simulate: () => podplan(['simulate', 'gpu', SAMPLE, '--days', '1']),
    // Apply refused at its first step (no kubeconfig): the start-up apply pays before it talks to a cluster.
    apply: () => podplan(['apply', SAMPLE, '--kubeconfig', missingKubeconfig]),
    versionSource: () => podplan(['--version'], { source: true }),
    simulateSource: () => podplan(['simulate', 'gpu', SAMPLE, '--days', '1'], { source: true }),
  };
  const results: Partial<Record<keyof typeof variants, Run[]>> = {};
  try {
    // One warm-up of each (the OS file cache and Node's compile cache, as a user's second run), then interleaved runs.
    for (let run = -1; run < runs; run++) {
      for (const [name, variant] of Object.entries(variants) as Array<[keyof typeof variants, (() => Run) | undefined]>) {
        if (!variant) continue;
        const outcome = variant();
        if (run >= 0) (results[name] ??= []).push(outcome);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const load = `load average ${loadavg()[0]?.toFixed(1)}`;
  const ran = results.version?.[0]?.ran ?? 'unknown';
  const which = ran === 'the bundle dist/cli' ? 'the bundle dist/cli' : `${ran}; "npm run build:cli" bundles it`;
  const wall = (name: keyof typeof variants) => (results[name] ?? []).map((r) => r.wallMs);
  const figure = (name: string, values: number[], target: number | null, detail: string): BenchResult => {
    const value = median(values);
    return { name, value: Math.round(value), unit: 'ms', target: target === null ? 'none (reported)' : `≤ ${target} ms`, pass: target === null || value <= target, detail: `median of ${values.length} runs, ${spread(values)}; ${detail}; ${load}` };
  };

  const firstEvent = (name: 'simulate' | 'simulateSource') => (results[name] ?? []).map((r) => firstMark(r, /started in a worker$/));
  const firstSlice = (name: 'simulate' | 'simulateSource') => (results[name] ?? []).map((r) => firstMark(r, /first simulated events done$/));
  const out: BenchResult[] = [
    figure('podplan --version (process, Node 24)', wall('version'), 150, `wall, spawn to exit, ${which}`),
    figure('podplan --help (process, Node 24)', wall('help'), 150, `wall, spawn to exit, ${which}`),
  ];
  if (older) out.push(figure(`podplan --version on ${older} (the shim re-runs Node 24)`, wall('versionOlderNode'), null, 'wall: two Node start-ups, the older one first'));
  out.push(
    figure('podplan simulate gpu --days 1: to the first simulated event', firstEvent('simulate'), 300, `ms after the process started (mark: a worker hands the simulator its input); first slice done at median ${Math.round(median(firstSlice('simulate')))} ms; whole command ${Math.round(median(wall('simulate')))} ms wall; ${which}`),
    figure('podplan validate of a sample', wall('validate'), null, `wall, spawn to exit, ${which}`),
    figure('podplan apply: start-up to its first step (cluster client loaded, kubeconfig read)', wall('apply'), null, `wall, spawn to exit, refused for a missing kubeconfig; ${which}`),
    figure('podplan --version from the TypeScript source (PODPLAN_CLI_SOURCE=1)', wall('versionSource'), null, 'wall, spawn to exit'),
    figure('podplan simulate gpu --days 1 from the TypeScript source: to the first simulated event', firstEvent('simulateSource'), null, `ms after the process started; whole command ${Math.round(median(wall('simulateSource')))} ms wall`),
  );
  return out;
}
