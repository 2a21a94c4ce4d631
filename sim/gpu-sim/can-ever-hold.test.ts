/**
 * "Max" and "can ever hold" are two different figures with one definition
 * each: the policy summary's Max adds a team's flavors together (all its
 * workloads at once), its "One job" is the most on any one flavor — and that
 * is exactly where the simulator starts saying a workload "can ever" not fit.
 */
import { describe, expect, it } from 'vitest';
import { summarisePolicy } from '../kueue/policy-summary.ts';
import { loadSamples } from '../../data/samples/index.ts';
import { GpuSimulation } from './simulator.ts';
import { GPU_RESOURCE } from '../cluster/schema.ts';

const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!.cluster;

describe('what a ClusterQueue can ever hold', () => {
  it('the summary’s “One job” is the largest workload the simulator admits; one GPU more can never be admitted, and the message names the bound', () => {
    const summary = summarisePolicy(pods);
    for (const queue of summary.queues) {
      const { amount, flavor } = queue.largestWorkload;
      expect(amount).toBe(Math.max(...queue.flavors.map((f) => f.maxUsable)));
      expect(queue.maxUsableTotal).toBeGreaterThan(amount); // two flavors: Max adds them together
      const job = (id: string, gpus: number) => ({ id, queue: queue.clusterQueue, submitTime: 0, priority: 0, podSets: [{ count: 1, requests: { [GPU_RESOURCE]: gpus } }], duration: 3600 });
      const sim = new GpuSimulation(pods, [job('fits', amount), job('too-big', amount + 1)], { until: 86_400 });
      sim.runUntil(60);
      expect(sim.explain('too-big').reason).toBe('ExceedsMaximumCapacity');
      expect(sim.explain('too-big').message).toContain(`at most ${amount} ${GPU_RESOURCE} on any one flavor (${flavor}), and a workload's pods cannot span flavors`);
      expect(sim.explain('fits').reason).not.toBe('ExceedsMaximumCapacity');
    }
  });
});
