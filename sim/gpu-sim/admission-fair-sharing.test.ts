/**
 * Admission fair sharing, held to Kueue's documentation (concepts/Admission
 * Fair Sharing, its setup example, KEP-4136's entry penalty example) and to
 * how Kueue's controllers compute usage (pkg/util/admissionfairsharing).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/schema.ts';
import { alphaRate } from './admission-fair-sharing.ts';
import { generateWorkloads } from './generators.ts';
import { checkInvariants } from './invariants.ts';
import { Prng } from './prng.ts';
import { GpuSimulation } from './simulator.ts';
import { jobs, policy } from './testing.ts';

interface AfsOptions {
  strategy?: 'StrictFIFO' | 'BestEffortFIFO';
  nominal?: string;
  halfLife?: string;
  sampling?: string;
  resourceWeights?: Record<string, number>;
  weightA?: string;
  weightB?: string;
  /** Leave the ClusterQueue without admissionScope (Kueue's plain queue order). */
  noScope?: boolean;
  /** Leave the Kueue Configuration without admissionFairSharing. */
  noConfig?: boolean;
}

/** The docs' setup (admission-fair-sharing-setup.yaml): ClusterQueue "cluster-queue" with 9 CPUs, LocalQueues lq-a and lq-b of weight 1 in namespace default. */
function docsSetup(o: AfsOptions = {}): Cluster {
  const cluster = policy([{ name: 'cluster-queue', nominal: o.nominal ?? '9', strategy: o.strategy ?? 'StrictFIFO' }]);
  const queue = cluster.queues[0]!;
  queue.namespace = 'default';
  queue.localQueue = 'lq-a';
  queue.localQueueFairSharingWeight = o.weightA ?? '1';
  queue.extraLocalQueues = [{ name: 'lq-b', fairSharingWeight: o.weightB ?? '1' }];
  if (!o.noScope) queue.admissionScope = { admissionMode: 'UsageBasedAdmissionFairSharing' };
  if (!o.noConfig) cluster.admissionFairSharing = { usageHalfLifeTime: o.halfLife ?? '1h', usageSamplingInterval: o.sampling ?? '5m', resourceWeights: o.resourceWeights ?? {} };
  return cluster;
}

const usageOf = (sim: GpuSimulation, lq: string) => sim.localQueueUsage().find((u) => u.localQueue === lq)!;

/** lq-a fills the queue from time 0; one of its jobs ends at 2400 s, when lq-a's later job (1800 s) and lq-b's (1801 s) both wait for the free CPU. */
const heavyAndLight = [
  ...jobs('a-early', 'default/lq-a', 1, { duration: 2400 }),
  ...jobs('a', 'default/lq-a', 8, { duration: 7200 }),
  ...jobs('a-late', 'default/lq-a', 1, { at: 1800, duration: 7200 }),
  ...jobs('b', 'default/lq-b', 1, { at: 1801, duration: 7200 }),
];

describe('Admission Fair Sharing docs: how it works', () => {
  it("workloads from the LocalQueue with lower historical usage are admitted before those from a high-usage one: lq-b's job goes before lq-a's older one", () => {
    const sim = new GpuSimulation(docsSetup(), heavyAndLight);
    sim.runUntil(2400);
    expect(sim.state('b')).toBe('running');
    expect(sim.state('a-late')).toBe('pending');
    expect(usageOf(sim, 'default/lq-a').usage).toBeGreaterThan(usageOf(sim, 'default/lq-b').usage);
  });

  it('without admissionScope on the ClusterQueue the same workloads go in creation order: lq-a\'s older job first', () => {
    const sim = new GpuSimulation(docsSetup({ noScope: true }), heavyAndLight);
    sim.runUntil(2400);
    expect(sim.state('a-late')).toBe('running');
    expect(sim.state('b')).toBe('pending');
    expect(sim.localQueueUsage()).toEqual([]);
  });

  it('a ClusterQueue with admissionScope is ordered as usual while the Kueue Configuration has no admissionFairSharing', () => {
    const sim = new GpuSimulation(docsSetup({ noConfig: true }), heavyAndLight);
    sim.runUntil(2400);
    expect(sim.state('a-late')).toBe('running');
  });

  it('"why is it pending" names each LocalQueue of the ClusterQueue with its usage, so the user sees why lq-b went first', () => {
    const sim = new GpuSimulation(docsSetup(), heavyAndLight);
    sim.runUntil(2400);
    const why = sim.explain('a-late').admissionFairSharing!;
    expect(why.localQueue).toBe('default/lq-a');
    expect(why.localQueues.map((lq) => lq.localQueue)).toEqual(['default/lq-a', 'default/lq-b']);
    expect(why.localQueues[0]!.consumedResources.cpu).toBeGreaterThan(0);
    expect(why.localQueues[1]!.consumedResources.cpu ?? 0).toBeLessThan(why.localQueues[0]!.consumedResources.cpu!);
  });
});

describe('Admission Fair Sharing docs: usage decays over time (usageHalfLifeTime, usageSamplingInterval)', () => {
  it('a LocalQueue that stopped using the queue has its consumed usage halved after each half-life', () => {
    // lq-a holds 4 CPUs for 6 h, then nothing; lq-b's probe at 7 h makes an instant to look at.
    const workloads = [...jobs('a', 'default/lq-a', 4, { duration: 6 * 3600 }), ...jobs('probe', 'default/lq-b', 1, { at: 7 * 3600, duration: 1 })];
    const sim = new GpuSimulation(docsSetup({ halfLife: '1h', sampling: '5m' }), workloads);
    sim.runUntil(6 * 3600);
    const atStop = usageOf(sim, 'default/lq-a').consumedResources.cpu!;
    expect(atStop).toBeGreaterThan(3.9);
    sim.runUntil(7 * 3600);
    expect(usageOf(sim, 'default/lq-a').consumedResources.cpu).toBeCloseTo(atStop / 2, 2);
  });

  it("settles at 31999m for a LocalQueue holding 32 CPUs when the half-life equals the sampling interval, the value the docs' kubectl output shows: Kueue keeps whole millis, truncated", () => {
    const workloads = [...jobs('a', 'default/lq-a', 1, { size: 32, duration: 10 * 3600 }), ...jobs('probe', 'default/lq-b', 1, { at: 5 * 3600, duration: 1 })];
    const sim = new GpuSimulation(docsSetup({ nominal: '33', halfLife: '5m', sampling: '5m' }), workloads);
    sim.runUntil(5 * 3600);
    expect(usageOf(sim, 'default/lq-a').consumedResources).toEqual({ cpu: 31.999 });
  });

  it('a usageHalfLifeTime of 0 resets usage at every sample: history no longer orders the queue', () => {
    const sim = new GpuSimulation(docsSetup({ halfLife: '0s' }), heavyAndLight);
    sim.runUntil(2400);
    expect(usageOf(sim, 'default/lq-a').consumedResources).toEqual({});
    expect(sim.state('a-late')).toBe('running');
  });

  it('the decay factor is 1 − 0.5^(elapsed / half-life), as in Kueue: one half-life halves, a 5-minute sample of a 168h half-life moves 0.03%', () => {
    expect(alphaRate(3600, 3600)).toBe(0.5);
    expect(alphaRate(300, 168 * 3600)).toBeCloseTo(3.4381e-4, 7);
    expect(alphaRate(300, 0)).toBe(0);
  });
});

describe('Admission Fair Sharing docs: entry penalty', () => {
  it('each admitted workload adds its penalty at once, so a tenant submitting many workloads together does not get them all in first: admissions alternate between the LocalQueues', () => {
    // Both LocalQueues start with no usage and submit 6 one-CPU jobs at once into 4 CPUs; lq-b's are listed first (older on ties).
    const late = new GpuSimulation(docsSetup({ nominal: '4', strategy: 'BestEffortFIFO' }), [...jobs('b', 'default/lq-b', 6, { duration: 3600 }), ...jobs('a', 'default/lq-a', 6, { duration: 3600 })]);
    late.runUntil(0);
    const running = ['a-0', 'a-1', 'a-2', 'b-0', 'b-1', 'b-2'].filter((id) => late.state(id) === 'running');
    expect(running).toEqual(['a-0', 'a-1', 'b-0', 'b-1']);
    const fifo = new GpuSimulation(docsSetup({ nominal: '4', strategy: 'BestEffortFIFO', noScope: true }), [...jobs('b', 'default/lq-b', 6, { duration: 3600 }), ...jobs('a', 'default/lq-a', 6, { duration: 3600 })]);
    fifo.runUntil(0);
    expect(['b-0', 'b-1', 'b-2', 'b-3'].map((id) => fifo.state(id))).toEqual(['running', 'running', 'running', 'running']);
  });

  it("KEP-4136's example: tenant A at 0.1 CPU, tenant B at 0.05, a 5m interval; B's 1000-CPU job is admitted, and its penalty puts A's job before B's next one without waiting for the next sample", () => {
    // Short jobs at time 0 leave the penalties A ≈ 0.112 CPU, B ≈ 0.056 CPU (half-life 1h); everything else arrives at 100 s, before the first sample.
    const workloads = [
      ...jobs('a-history', 'default/lq-a', 1, { size: 2, duration: 60 }),
      ...jobs('b-history', 'default/lq-b', 1, { size: 1, duration: 60 }),
      ...jobs('b-big', 'default/lq-b', 1, { at: 100, size: 1000, duration: 3600 }),
      ...jobs('b-next', 'default/lq-b', 1, { at: 100, size: 1, duration: 3600 }),
      ...jobs('a-next', 'default/lq-a', 1, { at: 100, size: 1, duration: 3600 }),
    ];
    const sim = new GpuSimulation(docsSetup({ nominal: '1001', halfLife: '1h', sampling: '5m' }), workloads);
    sim.runUntil(0);
    expect(usageOf(sim, 'default/lq-a').consumedResources.cpu).toBeCloseTo(0.112, 3);
    expect(usageOf(sim, 'default/lq-b').consumedResources.cpu).toBeCloseTo(0.056, 3);
    sim.runUntil(100);
    expect([sim.state('b-big'), sim.state('a-next'), sim.state('b-next')]).toEqual(['running', 'running', 'pending']);
  });

  it('the penalty is α(usageSamplingInterval) × the requests: a 1000-CPU workload under a 5m interval and 1h half-life adds 56.12 CPUs', () => {
    const sim = new GpuSimulation(docsSetup({ nominal: '1000', halfLife: '1h', sampling: '5m' }), jobs('big', 'default/lq-b', 1, { size: 1000, duration: 1 }));
    sim.runUntil(0);
    expect(usageOf(sim, 'default/lq-b').consumedResources.cpu).toBe(Math.trunc(1_000_000 * alphaRate(300, 3600)) / 1000);
  });
});

describe('Admission Fair Sharing docs: weights', () => {
  it('a LocalQueue of weight 2 is treated as if it used half as many resources: with twice lq-b\'s usage it still goes first', () => {
    // lq-a holds 3 CPUs, lq-b 2, from time 0; at 2 h one job of each arrives for the one CPU left.
    const workloads = [
      ...jobs('a-hold', 'default/lq-a', 3, { duration: 4 * 3600 }),
      ...jobs('b-hold', 'default/lq-b', 2, { duration: 4 * 3600 }),
      ...jobs('a-next', 'default/lq-a', 1, { at: 2 * 3600, duration: 60 }),
      ...jobs('b-next', 'default/lq-b', 1, { at: 2 * 3600, duration: 60 }),
    ];
    const weighted = new GpuSimulation(docsSetup({ nominal: '6', strategy: 'BestEffortFIFO', weightA: '2' }), workloads);
    weighted.runUntil(2 * 3600);
    expect(weighted.state('a-next')).toBe('running');
    expect(weighted.state('b-next')).toBe('pending');
    const a = usageOf(weighted, 'default/lq-a');
    expect(a.usage).toBeCloseTo(a.consumedResources.cpu! / 2, 9);
    const equal = new GpuSimulation(docsSetup({ nominal: '6', strategy: 'BestEffortFIFO' }), workloads);
    equal.runUntil(2 * 3600);
    expect(equal.state('b-next')).toBe('running');
    expect(equal.state('a-next')).toBe('pending');
  });

  it('resourceWeights (the docs\' example: cpu 2.0, memory 1.0) make cpu usage count twice as much as memory usage', () => {
    const cluster = docsSetup({ strategy: 'BestEffortFIFO', resourceWeights: { cpu: 2, memory: 1 } });
    cluster.queues[0]!.resourceGroups = [
      { coveredResources: ['cpu', 'memory'], flavors: [{ name: 'default-flavor', resources: [{ name: 'cpu', nominalQuota: '4' }, { name: 'memory', nominalQuota: '5' }] }] },
    ];
    // lq-a holds 3 CPUs, lq-b 4 (bytes of) memory, from time 0; at 2 h one job of each arrives for the CPU and byte left.
    const job = (id: string, lq: string, requests: Record<string, number>, submitTime: number, duration: number) => ({ id, queue: lq, submitTime, priority: 0, podSets: [{ count: 1, requests }], duration });
    const workloads = [
      job('a-hold', 'default/lq-a', { cpu: 3 }, 0, 4 * 3600),
      job('b-hold', 'default/lq-b', { memory: 4 }, 0, 4 * 3600),
      job('a-next', 'default/lq-a', { cpu: 1, memory: 1 }, 2 * 3600, 60),
      job('b-next', 'default/lq-b', { cpu: 1, memory: 1 }, 2 * 3600, 60),
    ];
    const sim = new GpuSimulation(cluster, workloads);
    sim.runUntil(2 * 3600);
    const a = usageOf(sim, 'default/lq-a');
    const b = usageOf(sim, 'default/lq-b');
    expect(a.usage).toBeCloseTo(2 * a.consumedResources.cpu!, 9);
    expect(b.usage).toBeCloseTo(2 * b.consumedResources.cpu! + b.consumedResources.memory!, 9);
    expect(a.consumedResources.cpu).toBeLessThan(b.consumedResources.memory!);
    expect(sim.state('b-next')).toBe('running');
    expect(sim.state('a-next')).toBe('pending');
    const unweighted = new GpuSimulation({ ...cluster, admissionFairSharing: { ...cluster.admissionFairSharing!, resourceWeights: {} } }, workloads);
    unweighted.runUntil(2 * 3600);
    expect(unweighted.state('a-next')).toBe('running');
    expect(unweighted.state('b-next')).toBe('pending');
  });
});

describe('preemption within the ClusterQueue (KEP-4136: since Kueue 0.13 candidates are ordered by LocalQueue usage)', () => {
  const preemptionCase = (o: AfsOptions) => {
    const cluster = docsSetup({ nominal: '2', strategy: 'BestEffortFIFO', ...o });
    cluster.queues[0]!.preemption = { withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Never', borrowWithinCohort: { policy: 'Never' } };
    // Two equal workloads, lq-b's admitted later; a higher-priority one needs one of their CPUs at 100 s.
    const workloads = [...jobs('a-low', 'default/lq-a', 1, { duration: 3600 }), ...jobs('b-low', 'default/lq-b', 1, { at: 10, duration: 3600 }), ...jobs('urgent', 'default/lq-a', 1, { at: 100, priority: 10, duration: 60 })];
    const sim = new GpuSimulation(cluster, workloads, { recordTimelines: true });
    sim.runUntil(100);
    return sim;
  };

  it('the workload of the LocalQueue with the higher usage is preempted, even though the other was admitted more recently', () => {
    // Same consumption, but lq-b's weight of 2 halves its usage: lq-a's workload goes.
    const sim = preemptionCase({ weightB: '2' });
    expect(sim.explain('a-low').reason).toBe('PreemptedBy');
    expect(sim.state('b-low')).toBe('running');
  });

  it('without admission fair sharing the most recently admitted one goes, as Kueue orders candidates', () => {
    const sim = preemptionCase({ weightB: '2', noScope: true });
    expect(sim.explain('b-low').reason).toBe('PreemptedBy');
    expect(sim.state('a-low')).toBe('running');
  });
});

describe('admission fair sharing leaves other clusters alone', () => {
  it('a cluster that does not use it gives byte-identical results with or without the LocalQueue weights and extra LocalQueues', () => {
    const plain = policy([{ name: 'cluster-queue', nominal: '9' }]);
    const workloads = jobs('a', 'cluster-queue', 30, { every: 120, duration: 1000 });
    const withFields = docsSetup({ noConfig: true, strategy: 'BestEffortFIFO' });
    const base = new GpuSimulation(plain, workloads, { at: [3600] }).run();
    const same = new GpuSimulation(withFields, workloads, { at: [3600] }).run();
    expect(JSON.stringify(same)).toBe(JSON.stringify(base));
  });

  it('the same inputs give the same result twice (deterministic)', () => {
    const a = new GpuSimulation(docsSetup(), heavyAndLight, { at: [1000, 5000] }).run();
    const b = new GpuSimulation(docsSetup(), heavyAndLight, { at: [1000, 5000] }).run();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.localQueues!.map((lq) => lq.localQueue)).toEqual(['default/lq-a', 'default/lq-b']);
    expect(a.at[0]!.localQueues).toHaveLength(2);
  });
});

describe("a team's generated demand and its LocalQueues", () => {
  const team = { queue: 'cluster-queue', training: [{ jobsPerDay: 40, gpusPerPod: { 1: 1 }, durationHours: { median: 1, p90: 2 } }] };

  it('a team with extra LocalQueues submits its generated jobs through each in turn, its own first', () => {
    const table = generateWorkloads(docsSetup(), [team], { seed: 3, horizonSeconds: 7 * 86_400 });
    const counts = new Map<string, number>();
    for (let w = 0; w < table.n; w++) counts.set(table.queueNames[table.queueRef[w]!]!, (counts.get(table.queueNames[table.queueRef[w]!]!) ?? 0) + 1);
    expect([...counts.keys()]).toEqual(['default/lq-a', 'default/lq-b']);
    expect(Math.abs(counts.get('default/lq-a')! - counts.get('default/lq-b')!)).toBeLessThanOrEqual(1);
  });

  it('a team with one LocalQueue gets the same workloads as before', () => {
    const plain = policy([{ name: 'cluster-queue', nominal: '9' }]);
    const table = generateWorkloads(plain, [team], { seed: 3, horizonSeconds: 7 * 86_400 });
    expect(table.queueNames).toEqual(['cluster-queue']);
  });
});

describe('admission fair sharing keeps the invariants over random policies and workloads', () => {
  it('no GPU double-booked, limits kept, gangs all-or-nothing, every pending workload with a reason, and usage never negative', () => {
    const GPU = 'nvidia.com/gpu';
    const failures: string[] = [];
    let admissions = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rng = new Prng(seed);
      const queueCount = 2 + rng.int(3);
      const cluster = policy(
        Array.from({ length: queueCount }, (_, q) => ({
          name: `q${q}`,
          cohort: rng.next() < 0.8 ? 'c' : undefined,
          resource: GPU,
          nominal: String(rng.int(9)),
          strategy: rng.next() < 0.3 ? ('StrictFIFO' as const) : ('BestEffortFIFO' as const),
          within: rng.next() < 0.5 ? ('LowerPriority' as const) : ('Never' as const),
          reclaim: rng.next() < 0.5 ? ('Any' as const) : ('Never' as const),
        })),
        { pools: { 'default-flavor': { nodes: 2 + rng.int(3), gpusPerNode: 4 } }, fairSharing: rng.next() < 0.3 },
      );
      cluster.admissionFairSharing = { usageHalfLifeTime: ['0s', '10m', '1h'][rng.int(3)]!, usageSamplingInterval: ['1m', '5m'][rng.int(2)]!, resourceWeights: {} };
      for (const q of cluster.queues) {
        if (rng.next() < 0.75) q.admissionScope = { admissionMode: 'UsageBasedAdmissionFairSharing' };
        q.extraLocalQueues = [{ name: 'lq-2', fairSharingWeight: ['0', '1', '2', '500m'][rng.int(4)]! }];
      }
      const workloads = Array.from({ length: 20 + rng.int(40) }, (_, i) => {
        const q = rng.int(queueCount);
        return {
          id: `w${i}`,
          queue: rng.next() < 0.5 ? `q${q}` : `q${q}/lq-2`,
          submitTime: rng.int(40) * 60,
          priority: [0, 5, 10][rng.int(3)]!,
          podSets: [{ count: 1 + rng.int(2), requests: { [GPU]: 1 + rng.int(4) } }],
          duration: 60 + rng.int(1800),
        };
      });
      const problems: string[] = [];
      const sim: GpuSimulation = new GpuSimulation(cluster, workloads, {
        onEvent: (phase) => {
          if (problems.length < 3) problems.push(...checkInvariants(sim, phase === 'scheduled'));
          for (const lq of sim.localQueueUsage()) if (Object.values(lq.consumedResources).some((v) => v < 0)) problems.push(`${lq.localQueue} consumed below 0`);
        },
      });
      admissions += sim.run().admissions;
      if (problems.length) failures.push(`seed ${seed}: ${problems.slice(0, 3).join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(admissions).toBeGreaterThan(1000);
  });
});
