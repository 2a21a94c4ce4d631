/**
 * Trace import of a ~200 MB trace (issue #13, finding 4: a 200 MB trace of
 * 5.6 M rows took 284 s and 3.5 GB). Writes a valid generic CSV to the temp
 * directory (16-character hex job ids, like PAI's and Helios' ids: long
 * enough that V8 would slice them out of their chunk), imports it in a child
 * process through the CLI's own path (`importTraceTable`, bytes in 1 MiB
 * chunks, progress as the CLI prints it) and reports time, rows and peak
 * memory (the child's maximum RSS) against "≤ 1 GB". The readable-spec path
 * (the UI worker's) is measured the same way, for comparison. The file is
 * deleted afterwards.
 *
 *   npm run bench -- trace-import            (PODPLAN_TRACE_BENCH_MB=50 for a smaller file)
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types.ts';

const TARGET_MB = 1024;
const TEAMS = 8;

interface ChildFigures {
  seconds: number;
  rows: number;
  imported: number;
  problems: number;
  maxRssMB: number;
  progressEvents: number;
  lastProgress: string;
}

/** Writes ~`megabytes` MB of valid rows; returns the row count. */
async function writeTrace(file: string, megabytes: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('id,user,vc,submit_time,duration,gpus_per_pod,pods\n');
  let bytes = 0;
  let rows = 0;
  while (bytes < megabytes * 1e6) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++, rows++) {
      const id = (0x1000_0000_0000_0000n + BigInt(rows) * 7919n).toString(16);
      lines.push(`${id},u${rows % 40},vc${rows % TEAMS},${1_585_699_200 + rows * 3},${60 + ((rows * 7919) % 36_000)},${[1, 2, 4, 8][rows % 4]},${1 + (rows % 5 === 0 ? 1 : 0)}`);
    }
    const chunk = `${lines.join('\n')}\n`;
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return rows;
}

/** The child: one import, its figures as a JSON line on stdout, the CLI's progress lines on stderr. */
async function child(file: string, path: 'table' | 'specs'): Promise<void> {
  const { ClusterSchema } = await import('../../sim/cluster/schema.ts');
  const { importTraceFile, importTraceTable } = await import('../../data/traces/read.ts');
  const { traceProgressLine, traceProgressPrinter } = await import('../../data/traces/progress.ts');
  const queues = Array.from({ length: TEAMS }, (_, t) => ({
    id: `vc${t}`,
    namespace: `vc${t}`,
    clusterQueue: `vc${t}`,
    localQueue: 'lq',
    resourceGroups: [{ coveredResources: ['nvidia.com/gpu'], flavors: [{ name: 'a100', resources: [{ name: 'nvidia.com/gpu', nominalQuota: '64' }] }] }],
  }));
  const cluster = ClusterSchema.parse({ queues, flavors: [{ name: 'a100' }] });
  // As the CLI maps them: a vc named after a ClusterQueue is that team.
  const teams = Object.fromEntries(queues.map((q) => [q.clusterQueue, q.id]));
  const options = { format: 'generic' as const, mapping: { teamBy: 'vc' as const, teams }, onBadRow: 'skip' as const };
  let progressEvents = 0;
  let lastProgress = '';
  const print = traceProgressPrinter((line) => process.stderr.write(`  ${line}`), () => performance.now());
  const onProgress = (p: Parameters<typeof print>[0]) => {
    progressEvents++;
    lastProgress = traceProgressLine(p);
    print(p);
  };
  const started = performance.now();
  const result = path === 'table' ? await importTraceTable(file, cluster, options, { onProgress }) : await importTraceFile(file, cluster, options, { onProgress });
  const seconds = (performance.now() - started) / 1000;
  const figures: ChildFigures = { seconds, rows: result.rows, imported: result.imported, problems: result.problems.length + result.moreProblems, maxRssMB: process.resourceUsage().maxRSS / 1024, progressEvents, lastProgress };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function runChild(file: string, path: 'table' | 'specs'): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [fileURLToPath(import.meta.url), '--child', file, path], { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(new Error(`trace import child (${path}) failed: ${error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildFigures);
    });
    child.stderr?.pipe(process.stderr);
  });
}

export async function benchTraceImport(): Promise<BenchResult[]> {
  const megabytes = Number(process.env.PODPLAN_TRACE_BENCH_MB ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'podplan-trace-bench-'));
  const file = join(dir, 'trace.csv');
  try {
    const rows = await writeTrace(file, megabytes);
    const sizeMB = statSync(file).size / 1e6;
    process.stderr.write(`  wrote ${sizeMB.toFixed(0)} MB, ${rows.toLocaleString('en')} rows\n`);
    const results: BenchResult[] = [];
    for (const path of ['table', 'specs'] as const) {
      const f = await runChild(file, path);
      const label = path === 'table' ? 'CLI path, WorkloadTable' : 'UI worker path, WorkloadSpec objects';
      results.push({
        name: `trace-import: ${sizeMB.toFixed(0)} MB generic CSV, ${label}: peak memory`,
        value: Math.round(f.maxRssMB),
        unit: 'MB',
        target: `≤ ${TARGET_MB} MB`,
        pass: f.maxRssMB <= TARGET_MB && f.imported === rows,
        detail: `${f.seconds.toFixed(1)} s, ${f.imported.toLocaleString('en')} of ${rows.toLocaleString('en')} rows imported (${f.problems} bad), ${(sizeMB / f.seconds).toFixed(0)} MB/s, ${f.progressEvents} progress reports (last: ${f.lastProgress}); max RSS of the child process; load ${loadavg()[0]?.toFixed(1)}`,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4] === 'specs' ? 'specs' : 'table');
}
