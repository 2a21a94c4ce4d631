import { describe, expect, it } from 'vitest';
import type { KueueVersion } from '../cluster/kueue-versions.ts';
import { kueueReasonFor, kueueReasonText } from './kueue-reasons.ts';
import { REASON_NAMES, type ReasonName } from './reasons.ts';
import { GpuSimulation } from './simulator.ts';
import { jobs, policy } from './testing.ts';

const GPU = 'nvidia.com/gpu';
const queue = (kueueVersion: KueueVersion) => ({ ...policy([{ name: 'q', flavors: { gpu: { nominal: '8' } }, resource: GPU }], { pools: { gpu: { nodes: 1, gpusPerNode: 8 } } }), kueueVersion });
const workloads = [...jobs('fills', 'q', 1, { resource: GPU, size: 8, duration: 10_000 }), ...jobs('waits', 'q', 1, { at: 1, resource: GPU, size: 4 }), ...jobs('too-big', 'q', 1, { at: 1, resource: GPU, size: 16 })];

describe('pending reasons in the target Kueue version’s words', () => {
  it('Kueue 0.19: a workload waiting for quota is WaitingForQuota, one larger than the queue can ever hold ExceedsMaxQuota', () => {
    const sim = new GpuSimulation(queue('0.19'), workloads);
    sim.runUntil(2);
    expect(sim.explain('waits')).toMatchObject({ reason: 'InsufficientNominalQuota', kueueReason: 'QuotaReserved: WaitingForQuota' });
    expect(sim.explain('too-big')).toMatchObject({ reason: 'ExceedsMaximumCapacity', kueueReason: 'QuotaReserved: ExceedsMaxQuota' });
  });

  it('Kueue 0.16: both are QuotaReserved reason Pending, as 0.16 reports them', () => {
    const sim = new GpuSimulation(queue('0.16'), workloads);
    sim.runUntil(2);
    expect(sim.explain('waits').kueueReason).toBe('QuotaReserved: Pending');
    expect(sim.explain('too-big').kueueReason).toBe('QuotaReserved: Pending');
  });

  it('evictions read the same in both versions; what Kueue has no word for keeps Podplan’s name', () => {
    for (const version of ['0.16', '0.19'] as const) {
      expect(kueueReasonFor('PreemptedBy', version)).toEqual({ condition: 'Evicted', reason: 'Preempted' });
      expect(kueueReasonFor('Backoff', version)).toEqual({ condition: 'Evicted', reason: 'PodsReadyTimeout' });
      expect(kueueReasonText('NoNodeFits', version)).toBeNull();
      expect(kueueReasonText('ResourceNotInQueue', version)).toBeNull();
    }
    expect(kueueReasonText('FlavorMismatch', '0.19')).toBe('QuotaReserved: NoMatchingFlavor');
    expect(kueueReasonText('PendingPreemption', '0.19')).toBe('QuotaReserved: WaitingForPreemptedWorkloads');
  });

  it('every 0.19 word is one Kueue 0.19.2 defines for the QuotaReserved or Evicted condition', () => {
    const kueueWords = new Set(['PendingEvaluation', 'WaitingForQuota', 'ExceedsMaxQuota', 'NoMatchingFlavor', 'TopologyPlacementFailed', 'WaitingForPreemptedWorkloads', 'Suspended', 'Misconfigured', 'WaitingForPodsReady', 'Preempted', 'PodsReadyTimeout', 'Deactivated']);
    for (const name of REASON_NAMES as readonly ReasonName[]) {
      const word = kueueReasonFor(name, '0.19');
      if (word) expect(kueueWords, name).toContain(word.reason);
    }
  });
});
