/**
 * Delivery Monte Carlo (issue 5, PRODUCT.md performance table):
 *
 * - 10,000 trials of a 20-team, 24-month scenario ≤ 150 ms: 16 pods in the
 *   seed's three waves (3 pilot, 5 refine, 8 expand; some positions open with
 *   hire months), an AI platform team, a central platform, an architecture
 *   forum and the business: the scenario's own design (pods + platform),
 *   default parameters and portfolio (one product area per pod, about 107
 *   initiatives per trial). Median of several runs after a warm-up.
 * - 1,000,000 trials ≤ 10 s: the default scenario (the first-start sample
 *   "Three pilot pods with an AI platform team", its own design, about 36
 *   initiatives per trial), one run; a 20-team run of that size takes minutes.
 * - For context (no target): the three designs side by side, 10,000 trials.
 *
 * Reports trials per second, CPU time next to wall time (the CI machine is
 * shared: wall ≫ CPU means the process waited for a core), and memory (heap
 * and RSS after the runs).
 *
 *   node test/bench/delivery.ts            # all figures
 *   node test/bench/delivery.ts --quick    # skip the 1,000,000-trial run
 */
import { loadavg } from 'node:os';
import { loadSamples } from '../../data/samples/index.ts';
import { DeliveryRun, naturalDesign, prepareRun } from '../../sim/delivery/index.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { median, type BenchResult } from './types.ts';

const TARGET_10K_MS = 150;
const TARGET_1M_MS = 10_000;
const SEED = 20260;

/** 20 teams: 16 pods in three waves, AI platform, central platform, enabling, business. */
export function twentyTeamScenario(): Scenario {
  const sample = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
  const scenario = structuredClone(sample);
  const templates = sample.teams.filter((t) => t.type === 'stream-aligned-pod');
  const others = sample.teams.filter((t) => t.type !== 'stream-aligned-pod');
  const pods = Array.from({ length: 16 }, (_, i) => {
    const template = templates[i % templates.length]!;
    return {
      ...structuredClone(template),
      id: `bench-pod-${i + 1}`,
      name: `Bench pod ${i + 1}`,
      positions: template.positions.map((p, k) => ({ ...structuredClone(p), id: `bench-pod-${i + 1}-${k + 1}` })),
    };
  });
  scenario.id = 'bench-delivery-20-teams';
  scenario.name = 'Bench: 20 teams, 24 months';
  scenario.teams = [...others, ...pods];
  const [pilot, refine, expand] = scenario.phases.waves;
  pilot!.teamIds = pods.slice(0, 3).map((t) => t.id);
  refine!.teamIds = pods.slice(3, 8).map((t) => t.id);
  expand!.teamIds = pods.slice(8).map((t) => t.id);
  refine!.startMonth = 4;
  expand!.startMonth = 7;
  scenario.readiness = { ...scenario.readiness, ownerCandidates: 16 };
  scenario.costModel.horizonMonths = 24;
  return scenario;
}

function timeRun(prepared: ReturnType<typeof prepareRun>, trials: number, seed: number): { ms: number; cpuMs: number; initiatives: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = new DeliveryRun(prepared, { trials, seed });
  while (!run.step(1000));
  const ms = performance.now() - started;
  const cpuMs = process.cpuUsage(cpu).user / 1000;
  const result = run.result();
  return { ms, cpuMs, initiatives: result.designs[0]!.initiativesPerTrial };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export async function benchDelivery(options: { runs?: number; million?: boolean } = {}): Promise<BenchResult[]> {
  const runs = options.runs ?? 7;
  const scenario = twentyTeamScenario();
  const natural = naturalDesign(scenario);
  const prepared = prepareRun({ scenario }, [natural]);
  const teams = scenario.teams.length;
  // Warm-up: let the JIT settle on the hot loop.
  timeRun(prepared, 2000, SEED);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let initiatives = 0;
  for (let r = 0; r < runs; r++) {
    const t = timeRun(prepared, 10_000, SEED + r);
    times.push(t.ms);
    cpuTimes.push(t.cpuMs);
    initiatives = t.initiatives;
  }
  const ms10k = median(times);
  const cpu10k = median(cpuTimes);
  const sorted = [...times].sort((a, b) => a - b);
  const memory = process.memoryUsage();
  const results: BenchResult[] = [
    {
      name: `delivery: 10,000 trials, ${teams} teams, 24 months (${natural})`,
      value: Math.round(ms10k),
      unit: 'ms',
      target: `≤ ${TARGET_10K_MS} ms`,
      pass: ms10k <= TARGET_10K_MS,
      detail: `${runs} runs after a warm-up, min ${sorted[0]!.toFixed(0)} / max ${sorted[sorted.length - 1]!.toFixed(0)} ms, median CPU ${cpu10k.toFixed(0)} ms; ${Math.round(10_000 / (ms10k / 1000)).toLocaleString('en-US')} trials/s; ${initiatives.toFixed(0)} initiatives per trial (${Math.round(((ms10k * 1000) / 10_000 / initiatives) * 1000)} ns per initiative, ≈ 8.6 events each); heap ${mb(memory.heapUsed)}, RSS ${mb(memory.rss)}; load average ${loadavg()[0]?.toFixed(1)}`,
    },
  ];

  const all = prepareRun({ scenario });
  const allTimes: number[] = [];
  for (let r = 0; r < 3; r++) allTimes.push(timeRun(all, 10_000, SEED + r).ms);
  const msAll = median(allTimes);
  results.push({
    name: `delivery: 10,000 trials × 3 designs side by side, ${teams} teams`,
    value: Math.round(msAll),
    unit: 'ms',
    target: 'context',
    pass: true,
    detail: `3 runs; ${Math.round(30_000 / (msAll / 1000)).toLocaleString('en-US')} design-trials/s`,
  });

  if (options.million !== false) {
    const sample = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
    const own = naturalDesign(sample);
    const small = prepareRun({ scenario: sample }, [own]);
    timeRun(small, 2000, SEED);
    const before = process.memoryUsage();
    const t = timeRun(small, 1_000_000, SEED);
    const after = process.memoryUsage();
    results.push({
      name: `delivery: 1,000,000 trials, default scenario (${sample.teams.length} teams, ${own})`,
      value: Math.round(t.ms),
      unit: 'ms',
      target: `≤ ${TARGET_1M_MS} ms`,
      pass: t.ms <= TARGET_1M_MS,
      detail: `1 run, CPU ${t.cpuMs.toFixed(0)} ms; ${Math.round(1_000_000 / (t.ms / 1000)).toLocaleString('en-US')} trials/s; ${t.initiatives.toFixed(0)} initiatives per trial; memory does not grow with trials (fixed-bin histograms): heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, RSS ${mb(after.rss)}`,
    });
  }
  return results;
}

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  for (const result of await benchDelivery({ million: !quick })) {
    console.log(`${result.name}: ${result.value} ${result.unit} (target ${result.target}: ${result.pass ? 'meets target' : 'MISSES target'})`);
    if (result.detail) console.log(`  ${result.detail}`);
  }
}
