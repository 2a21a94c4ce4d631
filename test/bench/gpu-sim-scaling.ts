/**
 * Does the GPU simulator's cost grow with its work and no faster (issue 18)?
 * The pods sample (data/samples/three-pilot-pods) at offered loads 0.8, 2 and
 * 10 over 7, 30 and 90 days: events per second in each cell, and per load
 * the growth exponent b of time ∝ events^b (least squares on log–log; 1 is
 * linear). The overloaded cells are the planner's interesting ones: a
 * backlog that grows all run long.
 *
 * Offered load = the demand's GPU-hours ÷ the cluster's GPU-hours, reached by
 * scaling every team's training jobs per day (serving and notebooks as the
 * sample has them), so the backlog grows from training work, as it does
 * when a cluster is undersized.
 *
 *   npm run bench -- gpu-sim-scaling
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Cluster } from '../../sim/cluster/schema.ts';
import { queueDemands, weeklyGpuHours, workloadSpecs, type QueueDemand } from '../../sim/gpu-sim/demand.ts';
import { generateWorkloads } from '../../sim/gpu-sim/generators.ts';
import { GpuSimulation } from '../../sim/gpu-sim/simulator.ts';
import { parseScenarioText } from '../../sim/scenario/index.ts';
import { median, type BenchResult } from './types.ts';

const SAMPLE = new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url);
export const LOADS = [0.8, 2, 10] as const;
export const DAYS = [7, 30, 90] as const;
/** Growth exponent above which the cost is said to grow faster than the work. */
const LINEAR_ENOUGH = 1.15;

const withoutTraining = (d: QueueDemand['demand']) => ({ ...d, training: { ...d.training, jobsPerDay: 0 } });

/** The sample's cluster and its demand scaled to an offered load. */
export function sampleAtLoad(load: number): { cluster: Cluster; demands: QueueDemand[]; trainingFactor: number } {
  const { scenario } = parseScenarioText(readFileSync(SAMPLE, 'utf8'));
  const cluster = scenario.cluster;
  const demands = queueDemands(cluster, scenario.teams, scenario.gpuSimulation.demand);
  const capacity = cluster.nodePools.reduce((s, p) => s + p.gpusPerNode * p.nodeCount, 0) * 168;
  const offered = demands.reduce((s, d) => s + weeklyGpuHours(d.demand), 0);
  const other = demands.reduce((s, d) => s + weeklyGpuHours(withoutTraining(d.demand)), 0);
  const trainingFactor = (load * capacity - other) / (offered - other);
  if (!(trainingFactor > 0)) throw new Error(`load ${load}: serving and notebooks alone offer more`);
  return { cluster, trainingFactor, demands: demands.map((d) => ({ ...d, demand: { ...d.demand, training: { ...d.demand.training, jobsPerDay: d.demand.training.jobsPerDay * trainingFactor } } })) };
}

export interface ScalingCell {
  load: number;
  days: number;
  workloads: number;
  events: number;
  cycles: number;
  preemptions: number;
  /** Median simulation time (the workload table built outside the timing). */
  ms: number;
  minMs: number;
  maxMs: number;
}

function runCell(load: number, days: number, runs: number): ScalingCell {
  const { cluster, demands } = sampleAtLoad(load);
  const teams = workloadSpecs(cluster, demands);
  const times: number[] = [];
  let last: ScalingCell | null = null;
  for (let i = 0; i < runs; i++) {
    const table = generateWorkloads(cluster, teams, { seed: 1, horizonSeconds: days * 86_400, withIds: false });
    const started = performance.now();
    const r = new GpuSimulation(cluster, table, { recordTimelines: false }).run();
    times.push(performance.now() - started);
    last = { load, days, workloads: table.n, events: r.events, cycles: r.schedulingRounds, preemptions: r.preemptions, ms: 0, minMs: 0, maxMs: 0 };
  }
  return { ...last!, ms: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

/** Least-squares slope of log(time) on log(events). */
export function growthExponent(cells: readonly Pick<ScalingCell, 'events' | 'ms'>[]): number {
  const xs = cells.map((c) => Math.log(c.events));
  const ys = cells.map((c) => Math.log(c.ms));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

const k = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en-US'));

export function benchGpuSimScaling(runs = 3): BenchResult[] {
  // Warm-up: the JIT's first pass would otherwise land on the first cell.
  runCell(2, 7, 2);
  const results: BenchResult[] = [];
  const all: ScalingCell[] = [];
  for (const load of LOADS) {
    const cells = DAYS.map((days) => {
      const cell = runCell(load, days, runs);
      process.stderr.write(`  load ${load}, ${days} days: ${cell.workloads} workloads, ${cell.events} events, ${cell.cycles} cycles, ${cell.preemptions} preemptions; ${cell.minMs.toFixed(0)}/${cell.ms.toFixed(0)}/${cell.maxMs.toFixed(0)} ms (min/median/max)\n`);
      return cell;
    });
    all.push(...cells);
    const b = growthExponent(cells);
    results.push({
      name: `gpu-sim scaling: pods sample at load ${load}, 7 → 30 → 90 days, growth exponent of time vs events`,
      value: Math.round(b * 100) / 100,
      unit: '',
      target: `≤ ${LINEAR_ENOUGH} (linear)`,
      pass: b <= LINEAR_ENOUGH,
      detail: cells.map((c) => `${c.days} d: ${k(c.events)} events in ${c.ms.toFixed(0)} ms (${c.minMs.toFixed(0)}–${c.maxMs.toFixed(0)}), ${k(Math.round(c.events / (c.ms / 1000)))} events/s, ${(c.cycles / c.events).toFixed(1)} cycles/event`).join('; ') + `; load avg ${loadavg()[0]?.toFixed(1)}`,
    });
  }
  const b = growthExponent(all);
  const slowest = all.reduce((a, c) => (c.events / c.ms < a.events / a.ms ? c : a));
  results.push({
    name: 'gpu-sim scaling: all 9 cells, growth exponent of time vs events',
    value: Math.round(b * 100) / 100,
    unit: '',
    target: `≤ ${LINEAR_ENOUGH} (linear)`,
    pass: b <= LINEAR_ENOUGH,
    detail: `slowest cell load ${slowest.load}, ${slowest.days} d at ${k(Math.round(slowest.events / (slowest.ms / 1000)))} events/s; median of ${runs} runs per cell`,
  });
  return results;
}

if (import.meta.main) {
  for (const r of benchGpuSimScaling()) console.log(`${r.name}: ${r.value} (target ${r.target}: ${r.pass ? 'meets target' : 'MISSES target'})\n  ${r.detail}`);
}
