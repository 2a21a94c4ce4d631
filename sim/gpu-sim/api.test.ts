/** The simulator's API: bad input, progress and cancellation, snapshots, series, explanations. */
import { describe, expect, it } from 'vitest';
import { GpuSimulation, REQUEUE_BATCH_SECONDS, simulateGpu } from './simulator.ts';
import { jobs, policy } from './testing.ts';

const cluster = () =>
  policy(
    [
      { name: 'team-a', cohort: 'ml', nominal: '4' },
      { name: 'team-b', cohort: 'ml', nominal: '4' },
      { name: 'team-c', cohort: 'ads', nominal: '2' },
    ],
    {
      cohorts: [{ name: 'org' }, { name: 'ml', parent: 'org' }, { name: 'ads', parent: 'org' }],
      priorityClasses: [{ name: 'high', value: 100 }],
    },
  );

describe('simulator API', () => {
  it('without until, a run ends when the last workload finishes, not at a node pool\'s later growth', () => {
    const grows = policy([{ name: 'a', resource: 'nvidia.com/gpu', flavors: { gpu: { nominal: '8' } } }], { pools: { gpu: { nodes: 1, gpusPerNode: 8 } } });
    grows.nodePools[0]!.capacityChanges = [{ month: 3, nodeCount: 2 }];
    const result = simulateGpu(grows, jobs('j', 'a', 3, { resource: 'nvidia.com/gpu', size: 8, duration: 3600 }));
    // One at a time: each waiting job comes back at the batched requeue, a second after the previous one's quota is freed.
    expect(result.endTime).toBe(3 * 3600 + 2 * REQUEUE_BATCH_SECONDS);
    expect(result.queues[0]!.completed).toBe(3);
    expect(result.queues[0]!.gpuHoursByFlavor).toEqual({ gpu: 24 });
  });

  it('names the field at fault in bad input', () => {
    expect(() => simulateGpu(cluster(), [{ id: 'x', queue: 'nope', submitTime: 0, duration: 1, podSets: [{ count: 1, requests: { cpu: 1 } }] }])).toThrow(/queue "nope" matches no ClusterQueue/);
    expect(() => simulateGpu(cluster(), [{ id: 'x', queue: 'team-a', submitTime: -1, duration: 1, podSets: [{ count: 1, requests: { cpu: 1 } }] }])).toThrow(/workloads\[0\] \(x\)\.submitTime/);
    expect(() => simulateGpu(cluster(), [{ id: 'x', queue: 'team-a', submitTime: 0, duration: 1, podSets: [{ count: 1, requests: { cpu: '12 cores' } }] }])).toThrow(/podSets\[0\]\.requests\.cpu/);
    expect(() => simulateGpu(cluster(), [{ id: 'x', queue: 'team-a', submitTime: 0, duration: 1, priority: 'urgent', podSets: [{ count: 1, requests: { cpu: 1 } }] }])).toThrow(/priority class "urgent"/);
    expect(() => simulateGpu(cluster(), [...jobs('dup', 'team-a', 1), ...jobs('dup', 'team-a', 1)])).toThrow(/duplicate id/);
  });

  it('resolves LocalQueues (namespace/localQueue) and priority class names', () => {
    const sim = new GpuSimulation(cluster(), [{ id: 'x', queue: 'team-a/team-a-lq', submitTime: 0, duration: 10, priority: 'high', podSets: [{ count: 1, requests: { cpu: '500m' } }] }]);
    sim.runUntil(0);
    expect(sim.state('x')).toBe('running');
    expect(sim.queueUsage('team-a', 'cpu')).toBe(0.5);
    expect(sim.priority[0]).toBe(100);
  });

  it('reports progress and stops when cancelled', () => {
    const progress: number[] = [];
    let polls = 0;
    const result = simulateGpu(cluster(), jobs('j', 'team-a', 200, { every: 10, duration: 5 }), {
      progressEvery: 20,
      onProgress: (p) => progress.push(p.fraction),
      shouldCancel: () => ++polls >= 3,
    });
    expect(result.cancelled).toBe(true);
    expect(progress.length).toBe(3);
    expect(progress[2]!).toBeLessThan(1);
    expect(result.arrivals).toBeLessThan(200);
  });

  it('at each requested time, every ClusterQueue and Cohort reports admitted and pending counts, usage and weighted share', () => {
    const result = simulateGpu(cluster(), [...jobs('a', 'team-a', 12, { duration: 100 }), ...jobs('c', 'team-c', 1, { duration: 100 })], { at: [50, 500] });
    const [during, after] = result.at;
    const cq = (name: string) => during!.clusterQueues.find((q) => q.name === name)!;
    const cohort = (name: string) => during!.cohorts.find((c) => c.name === name)!;
    // team-a takes its 4, team-b's 4 and team-c's idle 1 through org: 9 of 10 CPUs.
    expect(cq('team-a')).toMatchObject({ admitted: 9, pending: 3, usage: { 'default-flavor/cpu': 9 } });
    expect(cq('team-a').weightedShare).toBeGreaterThan(0);
    expect(cq('team-b').weightedShare).toBe(0);
    expect(cohort('ml')).toMatchObject({ parent: 'org', admitted: 9, pending: 3, usage: { 'default-flavor/cpu': 9 } });
    expect(cohort('org')).toMatchObject({ parent: null, admitted: 10, pending: 3 });
    expect(cohort('org').weightedShare).toBe(0);
    expect(after!.clusterQueues.every((q) => q.pending === 0)).toBe(true);
  });

  it('series are aligned: one value per sample time for every queue and cluster figure', () => {
    const result = simulateGpu(
      policy([{ name: 'q', flavors: { gpu: { nominal: '8' } }, resource: 'nvidia.com/gpu' }], { pools: { gpu: { nodes: 1, gpusPerNode: 8 } } }),
      jobs('j', 'q', 20, { resource: 'nvidia.com/gpu', size: 2, every: 30, duration: 100 }),
      { sampleInterval: 10 },
    );
    const n = result.series.times.length;
    expect(n).toBeGreaterThan(50);
    for (const key of ['totalGpus', 'allocatedGpus', 'runningGpus', 'idleGpus', 'fragmentedGpus'] as const) expect(result.series[key]).toHaveLength(n);
    expect(result.series.queues[0]!.allocatedGpus).toHaveLength(n);
    expect(result.series.nodes!.gpusUsed[0]).toHaveLength(n);
    expect(Math.max(...result.series.runningGpus)).toBeLessThanOrEqual(8);
    // 20 jobs × 2 GPUs × 100 s = 4000 GPU-seconds.
    expect(result.queues[0]!.gpuHoursRunning * 3600).toBeCloseTo(4000, 6);
    expect(result.flavors.find((f) => f.flavor === 'gpu')!.gpuHoursAllocated * 3600).toBeCloseTo(4000, 6);
  });

  it('explains a pending workload and rejects an unknown id', () => {
    const sim = new GpuSimulation(cluster(), jobs('a', 'team-a', 12, { duration: 100 }));
    sim.runUntil(0);
    const why = sim.explain('a-11');
    expect(why).toMatchObject({ id: 'a-11', clusterQueue: 'team-a', state: 'pending', reason: 'CohortHasNothingToLend', since: 0 });
    expect(why.message).toMatch(/needs 1 cpu of flavor default-flavor; 0 available to team-a/);
    // The short reason can name what is short, not only the long message.
    expect(why.resource).toBe('cpu');
    expect(() => sim.explain('missing')).toThrow(/no workload "missing"/);
  });
});
