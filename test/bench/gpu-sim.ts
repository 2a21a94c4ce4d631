/**
 * GPU scheduling simulator benchmarks (issue 6, docs/performance-targets.md targets):
 *
 * - Kueue's scheduler-performance baseline shape (test/performance/scheduler/
 *   configs/baseline): 5 cohorts × 6 ClusterQueues, nominal 20 CPU,
 *   borrowingLimit 100, reclaimWithinCohort Any, withinClusterQueue
 *   LowerPriority; per queue 350 small (1 CPU, 200 ms, priority 50, every
 *   100 ms), 100 medium (5 CPU, 500 ms, priority 100, every 500 ms), 50
 *   large (20 CPU, 1 s, priority 200, every 1.2 s): 15,000 workloads.
 *   Target ≤ 0.35 s (Kueue takes ≈ 351 s in real time). And 5 seeds of it
 *   (seed k jitters the submissions) in 2 worker threads as `podplan
 *   simulate gpu --seeds 5` runs them: target ≤ 0.5 s wall.
 * - Kueue's TAS shape (configs/tas): the baseline's queues on 640 nodes in
 *   10 racks, 15,000 workloads of 2–8 pods asking for a rack (required or
 *   preferred). Target ≤ 0.5 s. Also alone: `npm run bench -- gpu-sim-tas`.
 * - The large-scale shape: 1,000 ClusterQueues (100 cohorts × 10), 50,000
 *   workloads of the same classes. Target ≤ 2 s.
 * - 1,000,000 jobs on 10,000 GPUs (1,250 nodes × 8 GPUs, two GPU models,
 *   50 teams in 5 cohorts, generated training jobs, notebooks and serving):
 *   the growth 10k → 100k in this process, then 1M in a process of its own
 *   per run (`gpu-sim-1m.ts`, target ≤ 8 s and ≤ 1 GB max RSS).
 *
 * Times include building the workload table and the simulation (not the
 * policy parse). Median over runs after a warm-up.
 *
 * - Trace import throughput (rows/s) of the streaming importers on 200,000
 *   rows each of Helios CSV and Philly JSON fed in 1 MiB chunks (no target
 *   in the issue: reported).
 *
 *   node test/bench/gpu-sim.ts
 */
import { loadavg } from 'node:os';
import { ClusterSchema, type Cluster } from '../../sim/cluster/schema.ts';
import { GpuSimulation } from '../../sim/gpu-sim/simulator.ts';
import type { GpuSimResult } from '../../sim/gpu-sim/types.ts';
import type { WorkloadTable } from '../../sim/gpu-sim/workloads.ts';
import { createTraceImporter, type TraceFormat } from '../../sim/traces/index.ts';
import { median, type BenchResult } from './types.ts';
import { kueuePolicy, kueueTasPolicy, kueueTasWorkloads, kueueWorkloads, type KueueShape } from './kueue-shape.ts';
import { runWorkerJobs, WorkerLanes } from '../../electron/cli/sim-worker.ts';
import { bigCluster, bigTable, daysFor } from './big-cluster.ts';
import { benchGpuSim1M } from './gpu-sim-1m.ts';
import type { SeedRunInput, SeedRunOutput } from './gpu-sim-seed-worker.ts';

// ------------------------------------------------------------ trace import

const TRACE_ROWS = 200_000;
const USERS = 500;

/** A Helios-layout trace of `rows` jobs for users u0…u499 (deterministic arithmetic, no PRNG needed). */
function heliosTrace(rows: number): string {
  const lines = ['job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration'];
  for (let i = 0; i < rows; i++) {
    const nodes = 1 + (i % 4 === 0 ? 1 : 0);
    const gpus = nodes * [1, 2, 4, 8][i % 4]!;
    const submit = 1_585_699_200 + i * 13;
    const duration = 60 + ((i * 7919) % 36_000);
    lines.push(`${i},u${i % USERS},vc${i % 20},${gpus},${gpus * 6},${nodes},COMPLETED,${submit},${submit + 30},${submit + 30 + duration},${duration}`);
  }
  return `${lines.join('\n')}\n`;
}

const stamp = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');

function phillyTrace(rows: number): string {
  const jobs: string[] = [];
  for (let i = 0; i < rows; i++) {
    const submit = 1_506_902_400 + i * 13;
    const gpus = Array.from({ length: [1, 2, 4, 8][i % 4]! }, (_, g) => `gpu${g}`);
    jobs.push(JSON.stringify({ status: 'Pass', vc: `vc${i % 20}`, jobid: `application_${i}`, attempts: [{ start_time: stamp(submit + 30), end_time: stamp(submit + 90 + (i % 3600)), detail: [{ ip: `10.0.${i % 250}.1`, gpus }] }], submitted_time: stamp(submit), user: `u${i % USERS}` }));
  }
  return `[\n${jobs.join(',\n')}\n]\n`;
}

function importRowsPerSecond(format: TraceFormat, text: string, runs: number): { rowsPerSecond: number; mbPerSecond: number; imported: number } {
  const cluster = ClusterSchema.parse({ queues: [{ id: 'q', namespace: 'q', clusterQueue: 'q', localQueue: 'lq', resourceGroups: [] }] });
  const chunk = 1 << 20;
  const times: number[] = [];
  let imported = 0;
  for (let r = 0; r < runs + 1; r++) {
    const started = performance.now();
    const importer = createTraceImporter(cluster, { format, mapping: { teamBy: 'user', teams: {}, unmappedTeam: 'q' }, onBadRow: 'skip' });
    for (let i = 0; i < text.length; i += chunk) importer.push(text.slice(i, i + chunk));
    imported = importer.finish().imported;
    if (r > 0) times.push(performance.now() - started); // the first run warms up
  }
  process.stderr.write(`  ${format} import: ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`);
  const seconds = median(times) / 1000;
  return { rowsPerSecond: TRACE_ROWS / seconds, mbPerSecond: text.length / 2 ** 20 / seconds, imported };
}

export function benchTraceImport(): BenchResult[] {
  return (['helios', 'philly'] as const).map((format) => {
    const text = format === 'helios' ? heliosTrace(TRACE_ROWS) : phillyTrace(TRACE_ROWS);
    const { rowsPerSecond, mbPerSecond, imported } = importRowsPerSecond(format, text, 3);
    return {
      name: `gpu-sim: trace import, ${format === 'helios' ? 'Helios CSV' : 'Philly JSON'}`,
      value: Math.round(rowsPerSecond),
      unit: 'rows/s',
      target: 'none (reported)',
      pass: imported === TRACE_ROWS,
      detail: `${TRACE_ROWS} rows (${(text.length / 2 ** 20).toFixed(0)} MB) in 1 MiB chunks, ${mbPerSecond.toFixed(0)} MB/s; median of 3 after a warm-up; load ${loadavg()[0]?.toFixed(1)}`,
    };
  });
}

// -------------------------------------------------------------- measuring

interface Run {
  ms: number;
  result: GpuSimResult;
  workloads: number;
  heapMB: number;
}

function runOnce(cluster: Cluster, build: () => WorkloadTable, options = {}): Run {
  const started = performance.now();
  const table = build();
  const sim = new GpuSimulation(cluster, table, { recordTimelines: false, ...options });
  const result = sim.run();
  const ms = performance.now() - started;
  const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
  return { ms, result, workloads: table.n, heapMB };
}

function measure(label: string, cluster: Cluster, build: () => WorkloadTable, runs: number, warmup: number): { ms: number; spread: string; last: Run } {
  for (let i = 0; i < warmup; i++) runOnce(cluster, build);
  const times: number[] = [];
  let last: Run | null = null;
  for (let i = 0; i < runs; i++) {
    last = runOnce(cluster, build);
    times.push(last.ms);
  }
  process.stderr.write(`  ${label}: ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`);
  const sorted = [...times].sort((a, b) => a - b);
  return { ms: median(times), spread: `${sorted[0]!.toFixed(0)}–${sorted[sorted.length - 1]!.toFixed(0)} ms`, last: last! };
}

const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;

const SEED_WORKER = new URL('./gpu-sim-seed-worker.ts', import.meta.url);

/**
 * Seeds of the baseline shape in parallel worker threads (one worker per
 * lane taking its seeds in turn): wall time to the last seed's figures,
 * median of several runs. `warm`: the lanes stay up between runs, as the GPU
 * tab's Web Workers do when an edit re-runs the seeds (the target); cold:
 * each run starts its workers, as one `podplan simulate gpu --seeds 5` does
 * (reported: each lane's start-up and JIT warm-up are most of it).
 * `drawn` false: every seed runs Kueue's baseline table (the shape has no
 * randomness: the target's case, 5 × 15,000 workloads); true: seed k shifts
 * each queue's streams by a drawn phase, which triples the preemptions.
 */
export async function benchBaselineSeeds(shape: KueueShape, options: { seeds?: number; parallel?: number; runs?: number; drawn?: boolean; warm?: boolean } = {}): Promise<BenchResult> {
  const { seeds = 5, parallel = 2, runs = 5, drawn = false, warm = true } = options;
  const inputs: SeedRunInput[] = Array.from({ length: seeds }, (_, k) => ({ shape, seed: drawn ? k : 0 }));
  const kept = warm ? new WorkerLanes(SEED_WORKER) : null;
  const once = async () => {
    const started = performance.now();
    const out = kept ? await kept.run<SeedRunInput, SeedRunOutput>(inputs, { parallel }) : await runWorkerJobs<SeedRunInput, SeedRunOutput>(SEED_WORKER, inputs, { parallel });
    return { ms: performance.now() - started, out: out.map((o) => o!.result) };
  };
  const times: number[] = [];
  let last: SeedRunOutput[] = [];
  try {
    await once(); // warm-up: the module cache (and, kept, the lanes' code)
    for (let i = 0; i < runs; i++) {
      const r = await once();
      times.push(r.ms);
      last = r.out;
    }
  } finally {
    kept?.close();
  }
  const what = `${drawn ? 'phase-shifted seeds' : 'seeds'}, ${parallel} worker threads, ${warm ? 'kept (the tab re-running after an edit)' : 'started per run (one CLI command)'}`;
  process.stderr.write(`  baseline × ${seeds} ${what}: ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`);
  const ms = median(times);
  const sorted = [...times].sort((a, b) => a - b);
  const targeted = warm && !drawn;
  return {
    name: `gpu-sim: Kueue baseline × ${seeds} ${what}`,
    value: round(ms / 1000, 3),
    unit: 's',
    target: targeted ? '≤ 0.5 s' : 'reported',
    pass: !targeted || ms <= 500,
    detail: `${runs} runs ${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)} ms; per seed in its worker ${last.map((o) => o.ms.toFixed(0)).join(', ')} ms; ${last.map((o) => o.events).join('/')} events; load ${loadavg()[0]?.toFixed(1)}`,
  };
}

export async function benchGpuSim(): Promise<BenchResult[]> {
  const results: BenchResult[] = [...benchTraceImport()];

  const baselineShape: KueueShape = { cohorts: 5, queuesPerCohort: 6, perQueue: [350, 100, 50] };
  const baseline = measure('baseline', kueuePolicy(baselineShape), () => kueueWorkloads(baselineShape), 9, 3);
  const b = baseline.last.result;
  results.push({
    name: 'gpu-sim: Kueue baseline, 5 cohorts × 6 CQs, 15,000 workloads',
    value: round(baseline.ms / 1000, 3),
    unit: 's',
    target: '≤ 0.35 s',
    pass: baseline.ms <= 350,
    detail: `${baseline.last.workloads} workloads, ${b.events} events, ${b.admissions} admissions, ${b.preemptions} preemptions, ${b.schedulingRounds} cycles; ${baseline.spread}; ${round(b.events / (baseline.ms / 1000) / 1e6, 2)} M events/s; load ${loadavg()[0]?.toFixed(1)}`,
  });

  results.push(await benchBaselineSeeds(baselineShape), await benchBaselineSeeds(baselineShape, { warm: false }), await benchBaselineSeeds(baselineShape, { drawn: true, runs: 3 }));
  results.push(...benchGpuSimTas());

  const largeShape: KueueShape = { cohorts: 100, queuesPerCohort: 10, perQueue: [35, 10, 5] };
  const large = measure('large-scale', kueuePolicy(largeShape), () => kueueWorkloads(largeShape), 5, 1);
  const l = large.last.result;
  results.push({
    name: 'gpu-sim: 1,000 ClusterQueues, 50,000 workloads',
    value: round(large.ms / 1000, 3),
    unit: 's',
    target: '≤ 2 s',
    pass: large.ms <= 2000,
    detail: `${large.last.workloads} workloads, ${l.events} events, ${l.admissions} admissions, ${l.preemptions} preemptions; ${large.spread}; ${round(l.events / (large.ms / 1000) / 1e6, 2)} M events/s`,
  });

  const cluster = bigCluster();
  const growth: string[] = [];
  for (const jobs of [10_000, 100_000]) {
    const run = measure(`${jobs} jobs`, cluster, () => bigTable(daysFor(jobs)), 3, 1);
    growth.push(`${(run.last.workloads / 1000).toFixed(0)}k jobs ${(run.ms / 1000).toFixed(2)} s (${round(run.last.result.events / (run.ms / 1000) / 1e6, 2)} M events/s)`);
  }
  process.stderr.write(`  growth on the 10,000-GPU cluster (in this process, warm): ${growth.join(' → ')}\n`);
  // 1M jobs: one process per run, as /usr/bin/time sees it.
  results.push(...(await benchGpuSim1M()));
  return results;
}

/**
 * Kueue's TAS harness shape (configs/tas: 640 nodes in 10 racks, 15,000
 * workloads asking for a rack, required or preferred): target ≤ 0.5 s
 * (Kueue's own run takes ≈ 400 s of real time).
 */
export function benchGpuSimTas(): BenchResult[] {
  const tas = measure('TAS shape', kueueTasPolicy(), kueueTasWorkloads, 9, 3);
  const t = tas.last.result;
  const rack = t.topology?.at(-1)?.levels.find((l) => l.word === 'rack');
  return [
    {
      name: 'gpu-sim: Kueue TAS shape, 640 nodes in 10 racks, 15,000 workloads',
      value: round(tas.ms / 1000, 3),
      unit: 's',
      target: '≤ 0.5 s',
      pass: tas.ms <= 500 && t.admissions >= tas.last.workloads,
      detail: `${tas.last.workloads} workloads, ${t.events} events, ${t.admissions} admissions, ${t.preemptions} preemptions, ${t.schedulingRounds} cycles; ${rack ? `${rack.domains} racks at the end` : 'no topology'}; ${tas.spread}; load ${loadavg()[0]?.toFixed(1)}`,
    },
  ];
}

if (import.meta.main) {
  for (const result of await benchGpuSim()) {
    console.log(`${result.name}: ${result.value} ${result.unit} (target ${result.target}: ${result.pass ? 'meets target' : 'MISSES target'})`);
    if (result.detail) console.log(`  ${result.detail}`);
  }
}
