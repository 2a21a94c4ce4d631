/**
 * The simulator follows the target Kueue version's defaults: 0.19 enables
 * waitForPodsReady when the configuration does not mention it (CHANGELOG-0.19
 * #11855), 0.16 does not; an explicit option wins over either.
 */
import { describe, expect, it } from 'vitest';
import type { KueueVersion } from '../cluster/kueue-versions.ts';
import { GpuSimulation } from './simulator.ts';
import { jobs, policy } from './testing.ts';

const GPU = 'nvidia.com/gpu';
/** Two 5-GPU jobs fill one node each of two 8-GPU nodes; a third 5-GPU job is admitted by quota (16) but fits no node. */
const workloads = [...jobs('j1', 'q', 1, { resource: GPU, size: 5, duration: 100_000 }), ...jobs('j2', 'q', 1, { resource: GPU, size: 5, duration: 100_000 }), ...jobs('j3', 'q', 1, { at: 1, resource: GPU, size: 5 })];
const cluster = (kueueVersion: KueueVersion) => ({ ...policy([{ name: 'q', flavors: { gpu: { nominal: '16' } }, resource: GPU }], { pools: { gpu: { nodes: 2, gpusPerNode: 8 } } }), kueueVersion });

describe('the target Kueue version’s defaults in the simulator', () => {
  it('Kueue 0.19: an admitted workload whose pods cannot run is evicted after the 30-minute waitForPodsReady timeout', () => {
    const sim = new GpuSimulation(cluster('0.19'), workloads);
    sim.runUntil(1802);
    expect(sim.timelineOf('j3').map((e) => [e.time, e.state])).toContainEqual([1801, 'backoff']);
  });

  it('Kueue 0.16: the same workload stays admitted, unschedulable (waitForPodsReady is off unless configured)', () => {
    const sim = new GpuSimulation(cluster('0.16'), workloads);
    sim.runUntil(1802);
    expect(sim.explain('j3')).toMatchObject({ state: 'admitted-unschedulable', reason: 'NoNodeFits' });
  });

  it('an explicit waitForPodsReady option overrides the version’s default either way', () => {
    const off = new GpuSimulation(cluster('0.19'), workloads, { waitForPodsReady: false });
    off.runUntil(1802);
    expect(off.state('j3')).toBe('admitted-unschedulable');
    const on = new GpuSimulation(cluster('0.16'), workloads, { waitForPodsReady: true });
    on.runUntil(1802);
    expect(on.state('j3')).toBe('backoff');
  });
});
