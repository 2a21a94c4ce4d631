/**
 * Property-based checks: random small policies (cohort trees, limits,
 * preemption and queueing settings, fair sharing, one or two GPU models
 * with node pools) and random workloads; after every event the invariants
 * are recomputed from scratch. A tiny generator on the simulator's own
 * seeded PRNG (no property-testing library): a failure names its seed.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { Cluster } from '../cluster/schema.ts';
import { generateWorkloads } from './generators.ts';
import { checkInvariants } from './invariants.ts';
import { Prng } from './prng.ts';
import { GpuSimulation } from './simulator.ts';
import { policy, type QueueSpec, quotaSizedWorkloads } from './testing.ts';
import type { GpuSimOptions } from './types.ts';
import type { WorkloadSpec } from './workloads.ts';

const GPU = 'nvidia.com/gpu';

interface Case {
  cluster: Cluster;
  workloads: WorkloadSpec[];
  options: GpuSimOptions;
}

function pick<T>(rng: Prng, items: readonly T[]): T {
  return items[rng.int(items.length)]!;
}

/** `fairOnly`: the setting of Kueue's no-ping-pong proof — one flat cohort, one GPU model, only cohort (fair-sharing) preemption. */
function randomCase(seed: number, fairOnly = false): Case {
  const rng = new Prng(seed);
  const flavors = fairOnly || rng.next() < 0.5 ? ['f0'] : ['f0', 'f1'];
  const hierarchical = !fairOnly && rng.next() < 0.4;
  const cohorts = hierarchical
    ? [{ name: 'root', nominal: rng.next() < 0.3 ? String(rng.int(4)) : undefined, resource: GPU }, { name: 'left', parent: 'root', weight: pick(rng, [undefined, '0.5', '2']) }, { name: 'right', parent: 'root', lendingLimit: undefined }]
    : [];
  const cohortNames = hierarchical ? ['root', 'left', 'right'] : fairOnly ? ['c1'] : ['c1', 'c2'];
  const queueCount = 2 + rng.int(4);
  const queues: QueueSpec[] = [];
  for (let q = 0; q < queueCount; q++) {
    const cohort = rng.next() < 0.85 ? pick(rng, cohortNames) : undefined;
    const flavorQuota: QueueSpec['flavors'] = {};
    for (const f of flavors) {
      if (flavorQuota && (f === 'f0' || rng.next() < 0.7)) {
        const nominal = rng.int(9);
        flavorQuota[f] = {
          nominal: String(nominal),
          borrowingLimit: cohort && rng.next() < 0.4 ? String(rng.int(6)) : undefined,
          lendingLimit: cohort && rng.next() < 0.4 ? String(rng.int(nominal + 1)) : undefined,
        };
      }
    }
    const within = fairOnly ? 'Never' : pick(rng, ['Never', 'LowerPriority', 'LowerOrNewerEqualPriority'] as const);
    const reclaim = pick(rng, ['Never', 'LowerPriority', 'Any'] as const);
    queues.push({
      name: `q${q}`,
      cohort,
      resource: GPU,
      flavors: flavorQuota,
      within,
      reclaim,
      borrowWithin: reclaim !== 'Never' && rng.next() < 0.3 ? { policy: 'LowerPriority', maxPriorityThreshold: rng.next() < 0.5 ? 5 : undefined } : undefined,
      strategy: rng.next() < 0.25 ? 'StrictFIFO' : 'BestEffortFIFO',
      weight: rng.next() < 0.3 ? pick(rng, ['0', '0.5', '2']) : undefined,
      whenCanBorrow: pick(rng, ['MayStopSearch', 'TryNextFlavor'] as const),
      whenCanPreempt: pick(rng, ['MayStopSearch', 'TryNextFlavor'] as const),
    });
  }
  const pools: Record<string, { nodes: number; gpusPerNode: number }> = {};
  for (const f of flavors) pools[f] = { nodes: 1 + rng.int(3), gpusPerNode: pick(rng, [2, 4, 8]) };
  const cluster = policy(queues, {
    cohorts: cohorts.map((c) => ({ ...c, nominal: c.nominal })),
    fairSharing: rng.next() < 0.35,
    pools,
  });

  const workloads: WorkloadSpec[] = [];
  const count = 15 + rng.int(45);
  for (let i = 0; i < count; i++) {
    const pods = 1 + rng.int(3);
    const podSets = [{ count: pods, requests: { [GPU]: 1 + rng.int(4) } }];
    if (rng.next() < 0.15) podSets.push({ count: 1, requests: { [GPU]: 1 } });
    const submitTime = rng.int(40) * 50;
    workloads.push({
      id: `w${i}`,
      queue: `q${rng.int(queueCount)}`,
      submitTime,
      priority: pick(rng, [0, 5, 10]),
      podSets,
      duration: 50 + rng.int(800),
      gang: rng.next() < 0.8,
      flavors: rng.next() < 0.15 ? [pick(rng, flavors)] : undefined,
      endTime: rng.next() < 0.05 ? submitTime + rng.int(20) * 50 : undefined,
    });
  }
  const options: GpuSimOptions = {
    placement: rng.next() < 0.7 ? 'best-fit' : 'spread',
    waitForPodsReady: rng.next() < 0.3 ? { timeoutSeconds: 200 + rng.int(400), backoffLimitCount: rng.next() < 0.5 ? 2 : undefined } : false,
  };
  return { cluster, workloads, options };
}

describe('invariants hold after every event, over random policies and workloads', () => {
  it('no GPU double-booked; usage within nominal + borrowingLimit; nothing lent beyond lendingLimit; gangs all-or-nothing; every BestEffortFIFO pending workload has a reason', () => {
    const failures: string[] = [];
    let events = 0;
    let preemptions = 0;
    let admissions = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const c = randomCase(seed);
      let sim: GpuSimulation | null = null;
      const problems: string[] = [];
      sim = new GpuSimulation(c.cluster, c.workloads, {
        ...c.options,
        onEvent: (phase) => {
          events++;
          if (problems.length < 3) problems.push(...checkInvariants(sim!, phase === 'scheduled'));
        },
      });
      const result = sim.run();
      preemptions += result.preemptions;
      admissions += result.admissions;
      if (problems.length) failures.push(`seed ${seed}: ${problems.slice(0, 3).join('; ')}`);
    }
    expect(failures).toEqual([]);
    // The random cases exercise the machinery, not just idle queues.
    expect(events).toBeGreaterThan(10_000);
    expect(admissions).toBeGreaterThan(3000);
    expect(preemptions).toBeGreaterThan(50);
  });

  it('a workload is preempted at most once per instant, so preemption churn always ends (with and without fair sharing)', () => {
    let preemptions = 0;
    for (let seed = 1000; seed < 1100; seed++) {
      const c = randomCase(seed, seed % 2 === 0);
      const sim = new GpuSimulation(c.cluster, c.workloads, { ...c.options, fairSharing: seed % 3 !== 0, recordTimelines: true });
      const result = sim.run();
      preemptions += result.preemptions;
      expect(result.stalledInstants).toBe(0);
      for (const w of c.workloads) {
        const times = sim.timelineOf(w.id).filter((e) => e.reason === 'PreemptedBy').map((e) => e.time);
        expect(new Set(times).size, `seed ${seed}: ${w.id} preempted twice at one instant`).toBe(times.length);
      }
    }
    expect(preemptions).toBeGreaterThan(20);
  });

  it('the same seed gives identical results; results do not depend on how the run is sliced', () => {
    for (const seed of [3, 17, 42]) {
      const c = randomCase(seed);
      const a = new GpuSimulation(c.cluster, c.workloads, c.options).run();
      const b = new GpuSimulation(c.cluster, c.workloads, c.options).run();
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      const sliced = new GpuSimulation(c.cluster, c.workloads, c.options);
      while (sliced.step(3)) {
        /* a worker would post progress here */
      }
      expect(JSON.stringify(sliced.result())).toBe(JSON.stringify(a));
    }
  });

  it("the sample scenarios' policies run cleanly with their default team workloads", () => {
    for (const scenario of loadSamples()) {
      const cluster = scenario.cluster;
      const table = generateWorkloads(cluster, quotaSizedWorkloads(cluster, 0.95), { seed: 3, horizonSeconds: 7 * 86_400 });
      const problems: string[] = [];
      const sim: GpuSimulation = new GpuSimulation(cluster, table, {
        waitForPodsReady: true,
        at: [86_400, 3 * 86_400],
        onEvent: (phase) => {
          if (problems.length < 3) problems.push(...checkInvariants(sim, phase === 'scheduled'));
        },
      });
      const result = sim.run();
      expect(problems, scenario.name).toEqual([]);
      expect(result.admissions).toBeGreaterThan(100);
      expect(result.at).toHaveLength(2);
      expect(result.at[0]!.clusterQueues).toHaveLength(cluster.queues.length);
      for (const q of result.queues) expect(q.wait.count).toBeGreaterThan(0);
    }
  });
});
