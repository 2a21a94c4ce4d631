/**
 * Node-level placement after admission: fragmentation ("admitted,
 * unschedulable"), best-fit vs spread, gangs, waitForPodsReady with
 * Kueue's requeue backoff, capacity changes and serving SLOs.
 */
import { describe, expect, it } from 'vitest';
import { MONTH_SECONDS } from './model.ts';
import { GpuSimulation } from './simulator.ts';
import { jobs, policy } from './testing.ts';

const GPU = 'nvidia.com/gpu';
const gpuQueue = (nominal: string, nodes = 2, gpusPerNode = 8) =>
  policy([{ name: 'q', flavors: { gpu: { nominal } }, resource: GPU }], { pools: { gpu: { nodes, gpusPerNode } } });

describe('placement on nodes after admission', () => {
  it('a gang admitted by quota with no node set that fits waits as admitted, unschedulable (NoNodeFits)', () => {
    const sim = new GpuSimulation(gpuQueue('16'), [...jobs('j1', 'q', 1, { resource: GPU, size: 5, duration: 100 }), ...jobs('j2', 'q', 1, { resource: GPU, size: 5, duration: 500 }), ...jobs('j3', 'q', 1, { at: 1, resource: GPU, size: 5 })]);
    sim.runUntil(1);
    expect(sim.queueUsage('q', GPU)).toBe(15);
    expect(sim.explain('j3')).toMatchObject({ state: 'admitted-unschedulable', reason: 'NoNodeFits' });
    sim.runUntil(100);
    expect(sim.state('j3')).toBe('running');
  });

  it('best-fit packs pods onto the fullest node that fits; spread leaves every node fragmented', () => {
    const workloads = [...jobs('small', 'q', 4, { resource: GPU, size: 2, duration: 1000 }), ...jobs('whole-node', 'q', 1, { at: 1, resource: GPU, size: 8 })];
    const packed = new GpuSimulation(gpuQueue('16'), workloads);
    packed.runUntil(1);
    expect(packed.state('whole-node')).toBe('running');
    const spread = new GpuSimulation(gpuQueue('16'), workloads, { placement: 'spread' });
    spread.runUntil(1);
    expect(spread.state('whole-node')).toBe('admitted-unschedulable');
    const result = spread.run();
    expect(result.series.fragmentedGpus.some((g) => g === 8)).toBe(true);
  });

  it('gangs are all-or-nothing; a non-gang workload binds the pods that fit and holds them', () => {
    const base = [...jobs('blocker', 'q', 2, { resource: GPU, size: 4, duration: 1000 })];
    const gang = new GpuSimulation(gpuQueue('24'), [...base, ...jobs('gang', 'q', 1, { at: 1, resource: GPU, size: 4, pods: 3 })], { placement: 'spread' });
    gang.runUntil(1);
    expect(gang.state('gang')).toBe('admitted-unschedulable');
    expect(gang.placedCount[gang.workloadIndex('gang')]).toBe(0);
    const loose = new GpuSimulation(gpuQueue('24'), [...base, ...jobs('loose', 'q', 1, { at: 1, resource: GPU, size: 4, pods: 3, gang: false })], { placement: 'spread' });
    loose.runUntil(1);
    expect(loose.state('loose')).toBe('admitted-unschedulable');
    expect(loose.placedCount[loose.workloadIndex('loose')]).toBe(2);
    loose.runUntil(1000);
    expect(loose.state('loose')).toBe('running');
  });

  it('waitForPodsReady: evicted after the timeout, requeued with a 60 s backoff doubling each time, deactivated past backoffLimitCount', () => {
    const workloads = [...jobs('j1', 'q', 1, { resource: GPU, size: 5, duration: 100_000 }), ...jobs('j2', 'q', 1, { resource: GPU, size: 5, duration: 100_000 }), ...jobs('j3', 'q', 1, { at: 1, resource: GPU, size: 5 })];
    const sim = new GpuSimulation(gpuQueue('16'), workloads, { waitForPodsReady: { timeoutSeconds: 1800, backoffLimitCount: 2 } });
    sim.runUntil(20_000);
    const timeline = sim.timelineOf('j3').map((e) => [e.time, e.state, e.reason]);
    expect(timeline).toEqual([
      [1, 'pending', 'NotYetTried'],
      [1, 'admitted-unschedulable', 'NoNodeFits'],
      [1801, 'backoff', 'Backoff'],
      [1861, 'pending', 'NotYetTried'],
      [1861, 'admitted-unschedulable', 'NoNodeFits'],
      [3661, 'backoff', 'Backoff'],
      [3781, 'pending', 'NotYetTried'],
      [3781, 'admitted-unschedulable', 'NoNodeFits'],
      [5581, 'deactivated', 'Deactivated'],
    ]);
    expect(sim.explain('j3').reason).toBe('Deactivated');
    const r = sim.run();
    expect(r.queues[0]!.podsReadyEvictions).toBe(3);
    expect(r.queues[0]!.deactivated).toBe(1);
  });

  it('the backoff stops doubling at 3600 s', () => {
    const workloads = [...jobs('j1', 'q', 1, { resource: GPU, size: 5, duration: 1e9 }), ...jobs('j2', 'q', 1, { resource: GPU, size: 5, duration: 1e9 }), ...jobs('j3', 'q', 1, { at: 1, resource: GPU, size: 5 })];
    const sim = new GpuSimulation(gpuQueue('16'), workloads, { waitForPodsReady: { timeoutSeconds: 60 } });
    sim.runUntil(100_000);
    const backoffs = sim.timelineOf('j3').filter((e, i, all) => e.state === 'pending' && i > 0 && all[i - 1]!.state === 'backoff').map((e) => e.time);
    const gaps = backoffs.map((t, i) => t - (i === 0 ? 1 : backoffs[i - 1]!) - 60);
    expect(gaps.slice(0, 8)).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('node pools grow with their capacity changes: a workload that did not fit gets nodes when the pool grows', () => {
    const cluster = gpuQueue('24', 1, 8);
    cluster.nodePools[0]!.capacityChanges = [{ month: 2, nodeCount: 3 }];
    const sim = new GpuSimulation(cluster, [...jobs('a', 'q', 1, { resource: GPU, size: 8, duration: 1e9 }), ...jobs('b', 'q', 1, { at: 1, resource: GPU, size: 8 })]);
    sim.runUntil(10);
    expect(sim.state('b')).toBe('admitted-unschedulable');
    sim.runUntil(MONTH_SECONDS + 1);
    expect(sim.state('b')).toBe('running');
  });
});

describe('serving SLO attainment', () => {
  it('replicas that cannot all run lower the attainment', () => {
    const cluster = gpuQueue('8', 1, 4);
    const replicas = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, queue: 'q', submitTime: 0, endTime: 3600, duration: Number.POSITIVE_INFINITY, podSets: [{ count: 1, requests: { [GPU]: 4 } }], kind: 'serving' as const, group: 'api' }));
    const full = new GpuSimulation(gpuQueue('8', 2, 4), replicas(2)).run();
    expect(full.serving[0]).toMatchObject({ group: 'api', attainment: 1, replicaHoursDemanded: 2, replicaHoursServed: 2 });
    const half = new GpuSimulation(cluster, replicas(2)).run();
    expect(half.serving[0]!.attainment).toBeCloseTo(0.5, 5);
    expect(half.serving[0]!.samplesMet).toBe(0);
  });
});
