/**
 * Report: `podplan report SAMPLE --format pdf` end to end, as a user runs
 * it — a fresh CLI process that reads the file, runs the delivery and GPU
 * simulations (worker threads, the scenario's trials and seeds), builds the
 * report and has Chromium print it. Median of several runs after a warm-up
 * (the first run fills the OS file cache). Target (docs/performance-targets.md): ≤ 3 s.
 *
 *   node test/bench/report.ts
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, type BenchResult } from './types.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = 'three-pilot-pods.podplan.json';
const TARGET_MS = 3000;

async function once(out: string): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [path.join(ROOT, 'bin/podplan.mjs'), 'report', path.join(ROOT, 'data/samples', SAMPLE), '--format', 'pdf', '--out', out, '--date', '2026-12-07'], { cwd: ROOT });
  return performance.now() - started;
}

export async function benchReport(runs = 5, warmup = 1): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'podplan-bench-report-'));
  try {
    const out = path.join(dir, 'report.pdf');
    for (let i = 0; i < warmup; i++) await once(out);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await once(out));
    const value = median(times);
    return [
      {
        name: `report: podplan report ${SAMPLE} --format pdf, end to end`,
        value: Math.round(value),
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: value <= TARGET_MS,
        detail: `${runs} runs after ${warmup} warm-up: ${times.map((t) => Math.round(t)).join(', ')} ms; load average ${loadavg()[0]?.toFixed(1)}`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  for (const result of await benchReport()) {
    console.log(`${result.name}: ${result.value} ${result.unit} (target ${result.target}: ${result.pass ? 'meets target' : 'MISSES target'})`);
    if (result.detail) console.log(`  ${result.detail}`);
  }
}
