import { describe, expect, it } from 'vitest';
import { nodeCountAt } from '../cluster/capacity.ts';
import { summarisePolicy } from './policy-summary.ts';
import { gpuPolicy } from '../cluster/testing/policies.ts';

describe('policy summary', () => {
  it('shows each team its guaranteed GPUs and what it can borrow from its cohort', () => {
    const summary = summarisePolicy(
      gpuPolicy([
        { team: 'recs', cohort: 'pods', gpus: { h100: '6' }, borrowingLimit: '4' },
        { team: 'search', cohort: 'pods', gpus: { h100: '10' }, lendingLimit: '2' },
      ]),
    );
    const recs = summary.queues.find((q) => q.clusterQueue === 'recs')!;
    const search = summary.queues.find((q) => q.clusterQueue === 'search')!;
    expect(recs.flavors[0]).toMatchObject({ flavor: 'h100', guaranteed: 6, maxUsable: 8, canBorrow: 2 });
    expect(search.flavors[0]).toMatchObject({ guaranteed: 10, neverLent: 8, maxUsable: 16, canBorrow: 6 });
  });

  it('compares nominal quota with the physical GPUs of each flavor', () => {
    const policy = gpuPolicy([
      { team: 'a', gpus: { h100: '12', a100: '4' } },
      { team: 'b', gpus: { h100: '12', a100: '4' } },
    ]);
    const byFlavor = Object.fromEntries(summarisePolicy(policy).flavors.map((f) => [f.flavor, f]));
    // 2 nodes × 8 GPUs = 16 per flavor.
    expect(byFlavor.h100).toMatchObject({ physical: 16, nominal: 24, status: 'over-committed' });
    expect(byFlavor.a100).toMatchObject({ physical: 16, nominal: 8, status: 'under-committed' });
  });

  it('planned capacity changes apply from their month on', () => {
    const policy = gpuPolicy([{ team: 'a', gpus: { h100: '16' } }]);
    policy.nodePools[0]!.capacityChanges = [{ month: 7, nodeCount: 4 }];
    expect(nodeCountAt(policy.nodePools[0]!, 6)).toBe(2);
    expect(summarisePolicy(policy, { month: 7 }).flavors[0]).toMatchObject({ physical: 32, status: 'under-committed' });
  });
});
