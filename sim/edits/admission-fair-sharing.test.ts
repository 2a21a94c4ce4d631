import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { addExtraLocalQueue, removeExtraLocalQueue, setAdmissionFairSharing, setAdmissionScope, setLocalQueueWeight, setResourceWeight } from './admission-fair-sharing.ts';

const sample = () => loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;

describe('admission fair sharing edits', () => {
  it("turning it on starts from Kueue's example configuration; off removes it; a no-op edit keeps the scenario", () => {
    const s = sample();
    const on = setAdmissionFairSharing(s, true);
    expect(on.cluster.admissionFairSharing).toEqual({ usageHalfLifeTime: '168h', usageSamplingInterval: '5m', resourceWeights: {} });
    expect(setAdmissionFairSharing(on, true)).toBe(on);
    expect(setAdmissionFairSharing(on, false).cluster.admissionFairSharing).toBeUndefined();
    expect(setResourceWeight(on, 'memory', 0).cluster.admissionFairSharing!.resourceWeights).toEqual({ memory: 0 });
  });

  it("a queue's admissionScope, LocalQueue weights and extra LocalQueues are set, unset and removed", () => {
    const s = sample();
    const id = s.cluster.queues[0]!.id;
    let next = setAdmissionScope(s, id, 'UsageBasedAdmissionFairSharing');
    expect(next.cluster.queues[0]!.admissionScope).toEqual({ admissionMode: 'UsageBasedAdmissionFairSharing' });
    next = addExtraLocalQueue(addExtraLocalQueue(next, id), id);
    const lq = s.cluster.queues[0]!.localQueue;
    expect(next.cluster.queues[0]!.extraLocalQueues).toEqual([{ name: `${lq}-2` }, { name: `${lq}-3` }]);
    next = setLocalQueueWeight(setLocalQueueWeight(next, id, null, '2'), id, 1, '500m');
    expect(next.cluster.queues[0]!.localQueueFairSharingWeight).toBe('2');
    expect(next.cluster.queues[0]!.extraLocalQueues![1]!.fairSharingWeight).toBe('500m');
    next = removeExtraLocalQueue(removeExtraLocalQueue(next, id, 0), id, 0);
    expect('extraLocalQueues' in next.cluster.queues[0]!).toBe(false);
    expect(setAdmissionScope(next, id, null).cluster.queues[0]!.admissionScope).toBeUndefined();
  });
});
