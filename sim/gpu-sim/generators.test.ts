/** Seeded PRNG and synthetic workload generators (M10). */
import { describe, expect, it } from 'vitest';
import { arrivals, generateWorkloads, WEEK_PATTERN, WORKDAY_PATTERN } from './generators.ts';
import { Prng } from './prng.ts';
import { simulateGpu } from './simulator.ts';
import { policy, quotaSizedWorkloads } from './testing.ts';

const DAY = 86_400;

describe('seeded PRNG', () => {
  it('the same seed gives the same stream; different seeds differ; values are uniform in [0, 1)', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(xs.slice(0, 10));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('log-normal draws hit the requested median and P90', () => {
    const rng = new Prng(7);
    const xs = Array.from({ length: 20_000 }, () => rng.lognormal(2, 8)).sort((x, y) => x - y);
    expect(xs[10_000]!).toBeGreaterThan(1.9);
    expect(xs[10_000]!).toBeLessThan(2.1);
    expect(xs[18_000]!).toBeGreaterThan(7.5);
    expect(xs[18_000]!).toBeLessThan(8.5);
  });
});

describe('synthetic workloads', () => {
  const cluster = policy([{ name: 'team-a', flavors: { h100: { nominal: '16' }, a100: { nominal: '16' } }, resource: 'nvidia.com/gpu' }], {
    priorityClasses: [
      { name: 'batch', value: 0 },
      { name: 'serving', value: 1000 },
    ],
    pools: { h100: { nodes: 2, gpusPerNode: 8 }, a100: { nodes: 2, gpusPerNode: 8 } },
  });

  it('training arrivals follow the rate with the daily and weekly pattern', () => {
    const rng = new Prng(1);
    const times = arrivals(rng, 200, 28 * DAY, WORKDAY_PATTERN, WEEK_PATTERN);
    expect(times.length / 28).toBeGreaterThan(185);
    expect(times.length / 28).toBeLessThan(215);
    const hourOf = (t: number) => Math.floor((t % DAY) / 3600);
    const dayOf = (t: number) => Math.floor((t % (7 * DAY)) / DAY);
    const night = times.filter((t) => hourOf(t) < 5).length;
    const morning = times.filter((t) => hourOf(t) >= 9 && hourOf(t) < 14).length;
    expect(morning).toBeGreaterThan(4 * night);
    const weekend = times.filter((t) => dayOf(t) >= 5).length / 2;
    const weekday = times.filter((t) => dayOf(t) < 5).length / 5;
    expect(weekday).toBeGreaterThan(2.5 * weekend);
  });

  it('serving replicas follow "replicas needed by hour"; notebooks arrive in working hours; jobs honour flavor requirements', () => {
    const table = generateWorkloads(
      cluster,
      [
        {
          queue: 'team-a',
          training: [{ jobsPerDay: 20, gpusPerPod: { 1: 0.5, 8: 0.5 }, podsPerJob: { 1: 0.5, 2: 0.5 }, durationHours: { median: 2, p90: 6 }, priorityClass: 'batch', flavors: ['h100'] }],
          serving: [{ name: 'api', replicasByHour: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 4 : 1)), gpusPerReplica: 1, priorityClass: 'serving' }],
          notebooks: { sessionsPerDay: 10, sessionHours: { median: 1, p90: 2 } },
        },
      ],
      { seed: 5, horizonSeconds: 7 * DAY },
    );
    const serving: number[] = [];
    const notebooks: number[] = [];
    for (let i = 0; i < table.n; i++) {
      const kind = table.kind[i];
      if (kind === 1) serving.push(i);
      if (kind === 2) notebooks.push(i);
      if (kind === 0) expect(table.constraints[table.constraint[i]!]!.flavors).toEqual(['h100']);
    }
    const liveAt = (t: number) => serving.filter((i) => table.submit[i]! <= t && t < table.endTime[i]!).length;
    expect(liveAt(3 * 3600)).toBe(1);
    expect(liveAt(10 * 3600)).toBe(4);
    expect(liveAt(DAY + 21 * 3600)).toBe(1);
    for (const i of notebooks) {
      const hour = Math.floor((table.submit[i]! % DAY) / 3600);
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(20);
    }
    expect(notebooks.length).toBeGreaterThan(20);
  });

  it('the same seed generates the same workloads and the same simulation', () => {
    const teams = quotaSizedWorkloads(cluster, 0.9);
    const run = (seed: number) => simulateGpu(cluster, generateWorkloads(cluster, teams, { seed, horizonSeconds: 3 * DAY }), { seed });
    const a = run(11);
    expect(JSON.stringify(run(11))).toBe(JSON.stringify(a));
    expect(JSON.stringify(run(12))).not.toBe(JSON.stringify(a));
    expect(a.queues[0]!.submitted).toBeGreaterThan(50);
    expect(a.queues[0]!.gpuHoursRunning).toBeGreaterThan(0);
  });
});
