import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { nodeCountAt } from '../cluster/capacity.ts';
import { GPU_RESOURCE, type Cluster } from '../cluster/schema.ts';
import { promisedQuota, withNominalQuota } from './analysis.ts';
import { compareGpuPolicies, compareOverSeeds } from './compare.ts';
import { resolveWorkloads } from './job.ts';
import { recommendNominalQuotas } from './recommend.ts';
import { gpuSimulationBound, GpuSimulationSectionSchema } from './section.ts';
import { pairedDifference, seedList, seedOf, spreadOf, spreadOverSeeds } from './seeds.ts';
import { simulateGpu } from './simulator.ts';
import { summarizeGpuResult } from './summary.ts';
import { sweepNominalQuota, sweepOverSeeds } from './sweep.ts';
import { quotaSizedWorkloads } from './testing.ts';
import type { WorkloadTable } from './workloads.ts';

const HOUR = 3600;
const DAY = 86_400;
const pilotsScenario = loadSamples().find((s) => s.cluster.nodePools.length > 1)!;
const pilots = pilotsScenario.cluster;
const names = Object.fromEntries(pilotsScenario.teams.map((t) => [t.id, t.name]));

describe('figures over seeds', () => {
  it('seed k draws from base + k, wrapping within the seed bound', () => {
    expect(seedList(7, 3)).toEqual([7, 8, 9]);
    expect(seedOf(2_147_483_647, 1)).toBe(0);
  });

  it('the median and range of a figure; a null (nothing admitted) ranks above every number', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, seeds: 3 });
    expect(spreadOf([4, 1, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4, seeds: 4 });
    expect(spreadOf([5, null, 1])).toEqual({ median: 5, min: 1, max: null, seeds: 3 });
    expect(spreadOf([null, null, 1])).toEqual({ median: null, min: 1, max: null, seeds: 3 });
    expect(spreadOf([])).toEqual({ median: null, min: null, max: null, seeds: 0 });
  });

  it('a paired difference is significant only when every seed moves the same way; one pair cannot tell', () => {
    expect(pairedDifference([10, 20, 30], [15, 26, 31])).toMatchObject({ median: 5, min: 1, max: 6, significant: true });
    expect(pairedDifference([10, 20, 30], [15, 18, 31])).toMatchObject({ min: -2, max: 5, significant: false });
    expect(pairedDifference([10, 20], [10, 25])).toMatchObject({ min: 0, significant: false });
    expect(pairedDifference([10], [20])).toMatchObject({ median: 10, significant: null });
    // A seed where either side admitted nothing has no difference to take.
    expect(pairedDifference([null, 20, 30], [5, 25, 35])).toMatchObject({ seeds: 2, median: 5, significant: true });
    expect(() => pairedDifference([1], [1, 2])).toThrow('1 seeds of A against 2 of B');
  });
});

describe('the saved number of seeds', () => {
  it('is optional (files saved before it load unchanged) and refused outside its bounds, naming them', () => {
    expect(GpuSimulationSectionSchema.parse({}).seeds).toBeUndefined();
    expect(GpuSimulationSectionSchema.parse({ seeds: 32 }).seeds).toBe(32);
    const over = GpuSimulationSectionSchema.safeParse({ seeds: 33 });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe('must be at most 32 seeds');
    expect(GpuSimulationSectionSchema.safeParse({ seeds: 0 }).error?.issues[0]?.message).toBe('must be at least 1 seed');
    expect(GpuSimulationSectionSchema.safeParse({ seeds: 2.5 }).success).toBe(false);
    expect(gpuSimulationBound('seeds').words).toBe('a whole number of seeds from 1 to 32');
    expect(gpuSimulationBound('seeds').accepts(5)).toBe(true);
    expect(gpuSimulationBound('seeds').accepts(0)).toBe(false);
  });
});

describe('one workload resolution per seed', () => {
  const source = { kind: 'generated' as const, seed: 4, days: 2, teams: quotaSizedWorkloads(pilots, 0.8) };

  it('seed 0 is the base seed (single runs unchanged); seed k its own draw', () => {
    const base = resolveWorkloads(pilots, source);
    const zero = resolveWorkloads(pilots, source, 0);
    const second = resolveWorkloads(pilots, source, 1);
    expect(zero.seed).toBe(4);
    expect((zero.workloads as WorkloadTable).n).toBe((base.workloads as WorkloadTable).n);
    expect(second.seed).toBe(5);
    expect(second.count).toBe(resolveWorkloads(pilots, { ...source, seed: 5 }).count);
  });

  it('a trace has one set of jobs and no seeds', () => {
    expect(() => resolveWorkloads(pilots, { kind: 'trace', name: 't.csv', workloads: [] }, 1)).toThrow('a trace has one set of jobs and no seeds');
  });
});

/** Three seeds of the pilots sample over two days: the tables every analysis below shares. */
const SEEDS = 3;
const days = 2 * DAY;
const tables = Array.from({ length: SEEDS }, (_, k) => resolveWorkloads(pilots, { kind: 'generated', seed: 1, days: 2, teams: quotaSizedWorkloads(pilots, 0.8) }, k).workloads);

describe('analyses over seeds', () => {
  it('A vs B pairs seed k of A with seed k of B; a policy change that moves nothing is not significant', () => {
    const b = withNominalQuota(pilots, { queue: 'pod-1', flavor: 'h100', resource: GPU_RESOURCE }, 12);
    const pairs = tables.map((t) => compareGpuPolicies(pilots, b, t, { until: days }));
    const over = compareOverSeeds(pairs, seedList(1, SEEDS));
    expect(over.seeds).toBe(SEEDS);
    expect(over.spreadA.teams.map((t) => t.team)).toEqual(pairs[0]!.summaryA.teams.map((t) => t.team));
    const same = compareOverSeeds(tables.map((t) => compareGpuPolicies(pilots, pilots, t, { until: days })));
    for (const team of same.teams) expect(team.difference!.waitP90.significant ?? false).toBe(false);
    // The spread of A is that of each seed's own run.
    const pod1 = over.spreadA.teams.find((t) => t.team === 'pod-1')!;
    const p90s = pairs.map((p) => p.summaryA.teams.find((t) => t.team === 'pod-1')!.wait.p90);
    expect(pod1.waitP90).toEqual(spreadOf(p90s));
  });

  it('a sweep over seeds has a median and range per value and team, named after the teams', () => {
    const sweeps = tables.map((t) => sweepNominalQuota(pilots, t, { queue: 'pod-1', flavor: 'h100', from: 0, to: 8, step: 8, names }, { until: days }));
    const over = sweepOverSeeds(sweeps, seedList(1, SEEDS));
    expect(over.queueName).toBe('Recommendations pod');
    expect(over.points.map((p) => p.value)).toEqual([0, 8]);
    for (const point of over.points) {
      expect(point.seeds).toBe(SEEDS);
      const pod1 = point.teams.find((t) => t.team === 'pod-1')!;
      expect(pod1.name).toBe('Recommendations pod');
      expect(pod1.p90Wait).toEqual(spreadOf(sweeps.map((s) => s.points.find((p) => p.value === point.value)!.teams.find((t) => t.team === 'pod-1')!.p90Wait)));
    }
  });

  it('the recommender runs every quota vector over every seed, labels its progress with team names, and reports the spread', () => {
    const labels: string[] = [];
    const rec = recommendNominalQuotas(pilots, tables, { targets: { 'pod-1': 2 * HOUR }, flavor: 'h100', names, maxRuns: 30, seedValues: seedList(1, SEEDS) }, { until: days }, { onProgress: (p) => labels.push(p.label) });
    expect(rec.seeds).toBe(SEEDS);
    expect(rec.runs % SEEDS).toBe(0);
    expect(labels.some((l) => l.startsWith('Recommendations pod h100 nvidia.com/gpu = ') && l.endsWith(`(seed ${SEEDS} of ${SEEDS})`))).toBe(true);
    expect(labels.every((l) => !/\bpod-1\b/.test(l))).toBe(true);
    const pod1 = rec.teams[0]!;
    expect(pod1.name).toBe('Recommendations pod');
    expect(pod1.p90Spread.seeds).toBe(SEEDS);
    expect(rec.finalSpread!.seeds).toBe(SEEDS);
  });
});

/** Every month in which some pool of the flavor changes, and month 1. */
function monthsOf(cluster: Cluster, flavor: string): number[] {
  return [1, ...cluster.nodePools.filter((p) => p.flavor === flavor).flatMap((p) => p.capacityChanges.map((c) => c.month))];
}

describe('a recommendation never promises more than exists', () => {
  it('on every sample, every recommended policy fits every flavor\'s capacity in every month', () => {
    for (const scenario of loadSamples()) {
      const cluster = scenario.cluster;
      const table = resolveWorkloads(cluster, { kind: 'generated', seed: 1, days: 1, teams: quotaSizedWorkloads(cluster, 0.8) }).workloads;
      const targets = Object.fromEntries(cluster.queues.map((q) => [q.teamId ?? q.id, 10 * 60]));
      for (const flavor of cluster.flavors.map((f) => f.name)) {
        const rec = recommendNominalQuotas(cluster, table, { targets, flavor, maxRuns: 40 }, { until: DAY });
        for (const f of cluster.flavors.map((x) => x.name)) {
          for (const month of monthsOf(cluster, f)) {
            const exists = cluster.nodePools.filter((p) => p.flavor === f).reduce((n, p) => n + p.gpusPerNode * nodeCountAt(p, month), 0);
            expect(promisedQuota(rec.cluster, f, GPU_RESOURCE), `${scenario.name}: ${f} in month ${month}, tuning ${flavor}`).toBeLessThanOrEqual(exists);
          }
        }
        expect(rec.capacity.every((c) => c.overCommitted === 0)).toBe(true);
      }
    }
  });
});

// Raising a team's nominalQuota on fixed demand: sim/edits/gpu-simulation.test.ts, from the scenario's own demand.

describe('spreadOverSeeds', () => {
  it('one summary is its own median, with no spread', () => {
    const one = summarizeGpuResult(simulateGpu(pilots, tables[0]!, { until: days }));
    const spread = spreadOverSeeds([one]);
    const t = spread.teams[0]!;
    expect(t.waitP90).toEqual({ median: one.teams[0]!.wait.p90, min: one.teams[0]!.wait.p90, max: one.teams[0]!.wait.p90, seeds: 1 });
  });
});
