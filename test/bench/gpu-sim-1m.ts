/**
 * 1,000,000 jobs on 10,000 GPUs, one process per run, as `/usr/bin/time`
 * sees it (issue 18: ≤ 8 s and ≤ 1 GB max RSS, stable: min/median/max of at
 * least 3 runs). Each run is a fresh Node process that builds the workload
 * table and simulates it, so one run's heap cannot flatter the next and the
 * RSS is the whole process's peak, start-up included.
 *
 *   npm run bench -- gpu-sim-1m           (the group: 3 runs)
 *   node test/bench/gpu-sim-1m.ts --once   (one run, JSON on stdout)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { GpuSimulation } from '../../sim/gpu-sim/simulator.ts';
import { bigCluster, bigTable, daysFor } from './big-cluster.ts';
import { median, type BenchResult } from './types.ts';

const JOBS = 1_000_000;
const TARGET_SECONDS = 8;
const TARGET_MB = 1024;
const TIME = '/usr/bin/time';

interface OnceOutput {
  ms: number;
  workloads: number;
  events: number;
  admissions: number;
  preemptions: number;
  utilisation: number;
}

function runOnce(): OnceOutput {
  const started = performance.now();
  const table = bigTable(daysFor(JOBS));
  const result = new GpuSimulation(bigCluster(), table, { recordTimelines: false }).run();
  const ms = performance.now() - started;
  const gpuHours = result.flavors.reduce((s, f) => s + f.gpuHoursRunning, 0);
  const capacity = (result.flavors.reduce((s, f) => s + f.gpus, 0) * result.endTime) / 3600;
  return { ms, workloads: table.n, events: result.events, admissions: result.admissions, preemptions: result.preemptions, utilisation: gpuHours / capacity };
}

interface ProcessRun extends OnceOutput {
  wallSeconds: number;
  maxRssMB: number;
}

/** One run in its own process under /usr/bin/time: the simulation's own figures plus the process's wall time and max RSS. */
function runProcess(): Promise<ProcessRun> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    // %e wall seconds, %M max RSS in KiB, on the last line of stderr.
    const child = spawn(TIME, ['-f', 'time:%e %M', process.execPath, self, '--once'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = /time:([\d.]+) (\d+)\s*$/.exec(err);
      if (code !== 0 || !line) return reject(new Error(`1M-job run failed (exit ${code}): ${err.slice(-2000)}`));
      resolve({ ...(JSON.parse(out) as OnceOutput), wallSeconds: Number(line[1]), maxRssMB: Number(line[2]) / 1024 });
    });
  });
}

const spread = (values: number[], digits: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(digits)}, median ${median(sorted).toFixed(digits)}, max ${sorted.at(-1)!.toFixed(digits)}`;
};

export async function benchGpuSim1M(runs = 3): Promise<BenchResult[]> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is not installed (Debian package "time"): it measures the process's max RSS`);
  const done: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await runProcess();
    process.stderr.write(`  1M jobs, run ${i + 1}: ${run.wallSeconds.toFixed(2)} s wall (simulation ${(run.ms / 1000).toFixed(2)} s), max RSS ${run.maxRssMB.toFixed(0)} MB, load ${loadavg()[0]?.toFixed(1)}\n`);
    done.push(run);
  }
  const last = done.at(-1)!;
  const wall = done.map((r) => r.wallSeconds);
  const rss = done.map((r) => r.maxRssMB);
  const sim = done.map((r) => r.ms / 1000);
  const medianWall = median(wall);
  const maxRss = Math.max(...rss);
  return [
    {
      name: 'gpu-sim: 1,000,000 jobs on 10,000 GPUs (one process per run)',
      value: Math.round(medianWall * 100) / 100,
      unit: 's',
      target: `≤ ${TARGET_SECONDS} s`,
      pass: Math.max(...wall) <= TARGET_SECONDS,
      detail: `${runs} runs, wall ${spread(wall, 2)} s; table + simulation ${spread(sim, 2)} s; ${last.workloads} workloads, ${last.events} events (${(last.events / (median(sim) * 1e6)).toFixed(2)} M events/s), ${last.admissions} admissions, ${last.preemptions} preemptions, GPU utilisation ${(last.utilisation * 100).toFixed(0)}%; load ${loadavg()[0]?.toFixed(1)}`,
    },
    {
      name: 'gpu-sim: 1,000,000 jobs, max RSS of the process (/usr/bin/time)',
      value: Math.round(median(rss)),
      unit: 'MB',
      target: `≤ ${TARGET_MB} MB`,
      pass: maxRss <= TARGET_MB,
      detail: `${runs} runs, ${spread(rss, 0)} MB`,
    },
  ];
}

if (import.meta.main) {
  if (process.argv.includes('--once')) process.stdout.write(`${JSON.stringify(runOnce())}\n`);
  else for (const r of await benchGpuSim1M()) console.log(`${r.name}: ${r.value} ${r.unit} (target ${r.target}: ${r.pass ? 'meets target' : 'MISSES target'})\n  ${r.detail}`);
}
