/**
 * The worked examples of Kueue's documentation (kueue.sigs.k8s.io: Cluster
 * Queue, Cohort, Preemption, Fair Sharing) and PRODUCT.md, run through the
 * simulator as workloads arriving over time.
 */
import { describe, expect, it } from 'vitest';
import { GpuSimulation } from './simulator.ts';
import { jobs, policy } from './testing.ts';
import type { WorkloadSpec } from './workloads.ts';

const ab = (a: object = {}, b: object = {}) =>
  policy([
    { name: 'team-a', cohort: 'team-ab', nominal: '9', ...a },
    { name: 'team-b', cohort: 'team-ab', nominal: '12', ...b },
  ]);

describe('Cluster Queue docs: borrowing, borrowingLimit, lendingLimit', () => {
  it('team-a (nominal 9) and team-b (nominal 12) in one cohort: team-a admits up to 9+12 = 21 CPUs while team-b is idle', () => {
    const sim = new GpuSimulation(ab(), jobs('a', 'team-a', 25));
    sim.runUntil(0);
    expect(sim.queueUsage('team-a', 'cpu')).toBe(21);
    expect(sim.explain('a-24').reason).toBe('CohortHasNothingToLend');
  });

  it('with borrowingLimit 1 on team-a, team-a is capped at 9+1 = 10 CPUs', () => {
    const sim = new GpuSimulation(ab({ borrowingLimit: '1' }), jobs('a', 'team-a', 25));
    sim.runUntil(0);
    expect(sim.queueUsage('team-a', 'cpu')).toBe(10);
    expect(sim.explain('a-24').reason).toBe('BorrowingLimitReached');
  });

  it('team-b without a borrowingLimit can use up to 12+9 CPUs', () => {
    const sim = new GpuSimulation(ab({ borrowingLimit: '1' }), jobs('b', 'team-b', 25));
    sim.runUntil(0);
    expect(sim.queueUsage('team-b', 'cpu')).toBe(21);
  });

  it('with lendingLimit 1 on team-b, team-a can use at most 9+1 = 10 CPUs, and team-b still gets 12-1 = 11 while team-a borrows', () => {
    const sim = new GpuSimulation(ab({}, { lendingLimit: '1' }), [...jobs('a', 'team-a', 25), ...jobs('b', 'team-b', 12, { at: 10 })]);
    sim.runUntil(0);
    expect(sim.queueUsage('team-a', 'cpu')).toBe(10);
    sim.runUntil(10);
    expect(sim.queueUsage('team-b', 'cpu')).toBe(11);
    expect(sim.explain('b-11').reason).toBe('NominalQuotaLentOut');
  });

  it('without a lendingLimit on team-a, team-b (lendingLimit 1) can use up to 9+12 CPUs', () => {
    const sim = new GpuSimulation(ab({}, { lendingLimit: '1' }), jobs('b', 'team-b', 25));
    sim.runUntil(0);
    expect(sim.queueUsage('team-b', 'cpu')).toBe(21);
  });

  it('a workload that fits within its nominal quota is admitted before an older one that would borrow (team-b before new team-a work)', () => {
    const workloads: WorkloadSpec[] = [
      ...jobs('a-nominal', 'team-a', 9, { duration: 100 }),
      ...jobs('a-borrow', 'team-a', 1, { at: 10, size: 12 }),
      ...jobs('b-nominal', 'team-b', 1, { at: 10, size: 12 }),
    ];
    // Make team-a's borrower the older of the two.
    workloads.find((w) => w.id === 'a-borrow')!.submitTime = 9;
    const sim = new GpuSimulation(ab(), workloads);
    sim.runUntil(9);
    expect(sim.state('a-borrow')).toBe('running');
    const later = new GpuSimulation(ab(), workloads.map((w) => (w.id === 'a-borrow' ? { ...w, submitTime: 10 } : w)));
    later.runUntil(10);
    expect(later.state('b-nominal')).toBe('running');
    expect(later.state('a-borrow')).toBe('pending');
  });

  it('a ClusterQueue can only borrow quota for flavors it defines', () => {
    const cluster = policy([
      { name: 'team-a', cohort: 'c', flavors: { spot: { nominal: '2' } } },
      { name: 'team-b', cohort: 'c', flavors: { spot: { nominal: '0' }, 'on-demand': { nominal: '10' } } },
    ]);
    const sim = new GpuSimulation(cluster, jobs('a', 'team-a', 5));
    sim.runUntil(0);
    expect(sim.queueUsage('team-a', 'cpu')).toBe(2);
    expect(sim.explain('a-4').reason).toBe('CohortHasNothingToLend');
  });
});

describe('Cohort docs: cohort quota and hierarchical cohorts', () => {
  it("a Cohort's nominalQuota is a shared pool: a ClusterQueue with nominalQuota 0 can use the cohort's 12 CPUs", () => {
    const cluster = policy([{ name: 'my-cluster-queue', cohort: 'hello-cohort', nominal: '0' }], { cohorts: [{ name: 'hello-cohort', nominal: '12' }] });
    const sim = new GpuSimulation(cluster, jobs('w', 'my-cluster-queue', 15));
    sim.runUntil(0);
    expect(sim.queueUsage('my-cluster-queue', 'cpu')).toBe(12);
  });

  it('with fair sharing, important-org (weight 0.75) trends towards 75% of the common resources and regular-org (0.25) towards 25%', () => {
    const cluster = policy(
      [
        { name: 'important-cq', cohort: 'important-org', nominal: '0', reclaim: 'Any' },
        { name: 'regular-cq', cohort: 'regular-org', nominal: '0', reclaim: 'Any' },
      ],
      {
        fairSharing: true,
        cohorts: [
          { name: 'root-cohort', nominal: '100' },
          { name: 'important-org', parent: 'root-cohort', weight: '0.75' },
          { name: 'regular-org', parent: 'root-cohort', weight: '0.25' },
        ],
      },
    );
    const sim = new GpuSimulation(cluster, [...jobs('imp', 'important-cq', 150, { duration: 10_000 }), ...jobs('reg', 'regular-cq', 150, { duration: 10_000 })]);
    sim.runUntil(0);
    expect(sim.queueUsage('important-cq', 'cpu')).toBe(75);
    expect(sim.queueUsage('regular-cq', 'cpu')).toBe(25);
  });
});

describe('Queueing strategy docs: StrictFIFO and BestEffortFIFO', () => {
  const queued = (strategy: 'StrictFIFO' | 'BestEffortFIFO') =>
    new GpuSimulation(policy([{ name: 'q', nominal: '10', strategy }]), [
      ...jobs('running', 'q', 1, { size: 6, duration: 100 }),
      ...jobs('big', 'q', 1, { at: 1, size: 8 }),
      ...jobs('small', 'q', 1, { at: 2, size: 2 }),
    ]);

  it('StrictFIFO: an older workload that does not fit blocks newer ones that would fit', () => {
    const sim = queued('StrictFIFO');
    sim.runUntil(2);
    expect(sim.state('small')).toBe('pending');
    expect(sim.explain('small').reason).toBe('BehindStrictFIFOHead');
    expect(sim.explain('big').reason).toBe('InsufficientNominalQuota');
    sim.runUntil(100);
    expect(sim.state('big')).toBe('running');
  });

  it('BestEffortFIFO: newer workloads that fit are admitted past an older one that does not', () => {
    const sim = queued('BestEffortFIFO');
    sim.runUntil(2);
    expect(sim.state('small')).toBe('running');
    expect(sim.explain('big').reason).toBe('InsufficientNominalQuota');
  });

  it('both strategies order by priority, then creation time', () => {
    const sim = new GpuSimulation(policy([{ name: 'q', nominal: '1' }]), [
      ...jobs('blocker', 'q', 1, { duration: 10 }),
      ...jobs('old-low', 'q', 1, { at: 1, priority: 0 }),
      ...jobs('new-high', 'q', 1, { at: 2, priority: 5 }),
      ...jobs('newer-high', 'q', 1, { at: 3, priority: 5 }),
    ]);
    // The blocker's quota frees at 10; the waiting workloads come back at Kueue's batched requeue, a second later.
    sim.runUntil(11);
    expect(sim.state('new-high')).toBe('running');
    expect(sim.state('newer-high')).toBe('pending');
    expect(sim.state('old-low')).toBe('pending');
  });
});

describe('Flavor assignment and flavorFungibility docs', () => {
  const twoFlavors = (extra: object = {}) =>
    policy([{ name: 'q', cohort: 'c', flavors: { spot: { nominal: '9' }, 'on-demand': { nominal: '18' } }, ...extra }, { name: 'lender', cohort: 'c', flavors: { spot: { nominal: '4' } } }]);

  it('Kueue assigns the first flavor in the list with enough unused quota', () => {
    const sim = new GpuSimulation(twoFlavors(), [...jobs('first', 'q', 1, { size: 8 }), ...jobs('second', 'q', 1, { at: 1, size: 4 }), ...jobs('third', 'q', 1, { at: 2, size: 8 })]);
    sim.runUntil(0);
    expect(sim.flavorsOf('first')).toEqual(['spot']);
    sim.runUntil(1);
    // spot has 1 unused nominal + 4 lendable by the cohort: by default (whenCanBorrow MayStopSearch) it borrows in spot.
    expect(sim.flavorsOf('second')).toEqual(['spot']);
    sim.runUntil(2);
    // Nothing is left in spot for 8 more: the next flavor.
    expect(sim.flavorsOf('third')).toEqual(['on-demand']);
  });

  it('whenCanBorrow TryNextFlavor: a workload prefers a later flavor where it fits without borrowing', () => {
    const sim = new GpuSimulation(twoFlavors({ whenCanBorrow: 'TryNextFlavor' }), [...jobs('first', 'q', 1, { size: 8 }), ...jobs('second', 'q', 1, { at: 1, size: 4 })]);
    sim.runUntil(1);
    expect(sim.flavorsOf('second')).toEqual(['on-demand']);
  });

  it('whenCanPreempt TryNextFlavor (default): rather than preempting in the first flavor, it fits in the next one', () => {
    const cluster = policy([{ name: 'q', flavors: { spot: { nominal: '8' }, 'on-demand': { nominal: '8' } }, within: 'LowerPriority' }]);
    const sim = new GpuSimulation(cluster, [...jobs('low', 'q', 1, { size: 8, priority: 0 }), ...jobs('high', 'q', 1, { at: 1, size: 8, priority: 10 })]);
    sim.runUntil(1);
    expect(sim.flavorsOf('high')).toEqual(['on-demand']);
    expect(sim.state('low')).toBe('running');
  });

  it('whenCanPreempt MayStopSearch: it preempts in the first flavor where preemption makes room', () => {
    const cluster = policy([{ name: 'q', flavors: { spot: { nominal: '8' }, 'on-demand': { nominal: '8' } }, within: 'LowerPriority', whenCanPreempt: 'MayStopSearch' }]);
    const sim = new GpuSimulation(cluster, [...jobs('low', 'q', 1, { size: 8, priority: 0 }), ...jobs('high', 'q', 1, { at: 1, size: 8, priority: 10 })]);
    sim.runUntil(1);
    expect(sim.flavorsOf('high')).toEqual(['spot']);
    // The preempted workload is requeued and, with spot taken, lands on on-demand.
    expect(sim.result().queues[0]!.preempted).toBe(1);
    expect(sim.flavorsOf('low')).toEqual(['on-demand']);
    expect(sim.timelineOf('low').some((e) => e.reason === 'PreemptedBy' && e.other === 'high')).toBe(true);
  });

  it('a workload whose node selector matches no flavor of the queue waits with FlavorMismatch', () => {
    const sim = new GpuSimulation(twoFlavors(), jobs('picky', 'q', 1, { flavors: ['h100'] }));
    sim.runUntil(0);
    expect(sim.explain('picky').reason).toBe('FlavorMismatch');
  });
});

describe('Preemption docs: classic preemption', () => {
  it('withinClusterQueue LowerPriority: a higher-priority workload preempts a lower-priority one in its ClusterQueue', () => {
    const sim = new GpuSimulation(policy([{ name: 'q', nominal: '4', within: 'LowerPriority' }]), [...jobs('low', 'q', 1, { size: 4 }), ...jobs('high', 'q', 1, { at: 5, size: 4, priority: 100 })]);
    sim.runUntil(5);
    expect(sim.state('high')).toBe('running');
    expect(sim.explain('low')).toMatchObject({ state: 'pending', reason: 'PreemptedBy', preemptedBy: 'high' });
  });

  it('withinClusterQueue Never: the higher-priority workload waits', () => {
    const sim = new GpuSimulation(policy([{ name: 'q', nominal: '4' }]), [...jobs('low', 'q', 1, { size: 4 }), ...jobs('high', 'q', 1, { at: 5, size: 4, priority: 100 })]);
    sim.runUntil(5);
    expect(sim.state('high')).toBe('pending');
    expect(sim.state('low')).toBe('running');
  });

  it('withinClusterQueue LowerOrNewerEqualPriority: a pending workload preempts an equal-priority one created after it', () => {
    const run = (within: 'LowerPriority' | 'LowerOrNewerEqualPriority') => {
      const sim = new GpuSimulation(policy([{ name: 'q', nominal: '2', within }]), [
        ...jobs('x', 'q', 1, { duration: 2 }),
        ...jobs('y', 'q', 1, { duration: 5 }),
        ...jobs('old', 'q', 1, { at: 1, size: 2 }),
        ...jobs('new', 'q', 1, { at: 3 }),
      ]);
      // y frees its GPU at 5; 'old' comes back at the batched requeue a second later and needs new's GPU too.
      sim.runUntil(6);
      return sim;
    };
    const newer = run('LowerOrNewerEqualPriority');
    expect(newer.state('old')).toBe('running');
    expect(newer.explain('new').preemptedBy).toBe('old');
    const lower = run('LowerPriority');
    expect(lower.state('old')).toBe('pending');
    expect(lower.state('new')).toBe('running');
  });

  it('a borrowing queue is preempted first when its lender reclaims (reclaimWithinCohort Any), only as much as needed', () => {
    const cluster = ab({}, { reclaim: 'Any' });
    const sim = new GpuSimulation(cluster, [...jobs('a', 'team-a', 21, { every: 1, duration: 10_000 }), ...jobs('b', 'team-b', 1, { at: 100, size: 5 })]);
    sim.runUntil(100);
    expect(sim.state('b')).toBe('running');
    // The five most recently admitted of team-a's borrowed workloads go; the rest stay.
    const preempted = Array.from({ length: 21 }, (_, i) => `a-${i}`).filter((id) => sim.explain(id).preemptedBy === 'b');
    expect(preempted).toEqual(['a-16', 'a-17', 'a-18', 'a-19', 'a-20']);
    expect(sim.queueUsage('team-a', 'cpu')).toBe(16);
  });

  it('reclaimWithinCohort LowerPriority: only lower-priority workloads of borrowing queues are reclaimed', () => {
    const run = (priority: number) => {
      const sim = new GpuSimulation(ab({}, { reclaim: 'LowerPriority' }), [...jobs('a', 'team-a', 21, { priority, duration: 10_000 }), ...jobs('b', 'team-b', 1, { at: 100, size: 5, priority: 50 })]);
      sim.runUntil(100);
      return sim;
    };
    expect(run(10).state('b')).toBe('running');
    const equal = run(50);
    expect(equal.state('b')).toBe('pending');
    expect(equal.explain('b').reason).toBe('NominalQuotaLentOut');
  });

  it('reclaimWithinCohort Never: the lender waits for borrowers to finish', () => {
    const sim = new GpuSimulation(ab(), [...jobs('a', 'team-a', 21, { duration: 500 }), ...jobs('b', 'team-b', 1, { at: 100, size: 5 })]);
    sim.runUntil(100);
    expect(sim.state('b')).toBe('pending');
    // team-a's workloads end at 500; b comes back at the batched requeue a second later.
    sim.runUntil(500);
    expect(sim.state('b')).toBe('pending');
    sim.runUntil(501);
    expect(sim.state('b')).toBe('running');
  });

  it('workloads of queues within their nominal quota are never preempted to reclaim', () => {
    const cluster = policy([
      { name: 'borrower', cohort: 'c', nominal: '2' },
      { name: 'steady', cohort: 'c', nominal: '4' },
      { name: 'reclaimer', cohort: 'c', nominal: '4', reclaim: 'Any' },
    ]);
    const sim = new GpuSimulation(cluster, [...jobs('s', 'steady', 4, { duration: 10_000 }), ...jobs('b', 'borrower', 6, { duration: 10_000 }), ...jobs('r', 'reclaimer', 1, { at: 10, size: 4 })]);
    sim.runUntil(10);
    expect(sim.state('r')).toBe('running');
    expect(sim.admittedIds('steady')).toHaveLength(4);
    expect(sim.queueUsage('borrower', 'cpu')).toBe(2);
  });

  it("candidates: a borrowing queue's workloads go before the preemptor's own lower-priority ones", () => {
    const cluster = policy([
      { name: 'a', cohort: 'c', nominal: '4', within: 'LowerPriority', reclaim: 'Any' },
      { name: 'b', cohort: 'c', nominal: '4' },
    ]);
    const sim = new GpuSimulation(cluster, [...jobs('a-low', 'a', 2, { duration: 10_000 }), ...jobs('b', 'b', 6, { duration: 10_000, every: 1 }), ...jobs('a-high', 'a', 1, { at: 20, priority: 10 })]);
    sim.runUntil(20);
    expect(sim.state('a-high')).toBe('running');
    expect(sim.explain('b-5').preemptedBy).toBe('a-high');
    expect(sim.admittedIds('a')).toEqual(['a-high', 'a-low-0', 'a-low-1']);
  });

  it('candidates: lowest priority first, then the most recently admitted', () => {
    const cluster = ab({}, { reclaim: 'Any' });
    const workloads = [
      ...jobs('a-base', 'team-a', 9, { priority: 9, duration: 10_000 }),
      ...jobs('a-p5', 'team-a', 1, { at: 1, priority: 5, duration: 10_000 }),
      ...jobs('a-p1-old', 'team-a', 1, { at: 2, priority: 1, duration: 10_000 }),
      ...jobs('a-p1-new', 'team-a', 1, { at: 3, priority: 1, duration: 10_000 }),
      ...jobs('a-fill', 'team-a', 9, { at: 4, priority: 9, duration: 10_000 }),
      ...jobs('b', 'team-b', 1, { at: 10 }),
    ];
    const sim = new GpuSimulation(cluster, workloads);
    sim.runUntil(10);
    expect(sim.explain('a-p1-new').preemptedBy).toBe('b');
    expect(sim.state('a-p1-old')).toBe('running');
  });

  it('the victim set is minimal: greedy selection, then targets not needed are put back', () => {
    const sim = new GpuSimulation(policy([{ name: 'q', nominal: '6', within: 'LowerPriority' }]), [
      ...jobs('big', 'q', 1, { size: 4, duration: 10_000 }),
      ...jobs('other', 'q', 1, { size: 1, duration: 10_000 }),
      ...jobs('small', 'q', 1, { at: 1, size: 1, duration: 10_000 }),
      ...jobs('high', 'q', 1, { at: 5, size: 4, priority: 10 }),
    ]);
    sim.runUntil(5);
    expect(sim.state('high')).toBe('running');
    // Greedy takes "small" (most recent) then "big"; "small" alone is not needed and is put back.
    expect(sim.explain('big').preemptedBy).toBe('high');
    expect(sim.state('small')).toBe('running');
    expect(sim.state('other')).toBe('running');
  });

  it('borrowWithinCohort LowerPriority: a workload that must borrow may preempt lower-priority borrowers up to maxPriorityThreshold', () => {
    const run = (victimPriority: number, borrowWithin: { policy: 'Never' | 'LowerPriority'; maxPriorityThreshold?: number }) => {
      const cluster = policy([
        { name: 'a', cohort: 'c', nominal: '2', reclaim: 'LowerPriority', borrowWithin },
        { name: 'b', cohort: 'c', nominal: '6' },
        { name: 'c', cohort: 'c', nominal: '0' },
      ]);
      const sim = new GpuSimulation(cluster, [...jobs('c', 'c', 6, { priority: victimPriority, duration: 10_000 }), ...jobs('a', 'a', 1, { at: 10, size: 4, priority: 10 })]);
      sim.runUntil(10);
      return sim;
    };
    const allowed = run(1, { policy: 'LowerPriority', maxPriorityThreshold: 5 });
    expect(allowed.state('a')).toBe('running');
    expect(Array.from({ length: 6 }, (_, i) => `c-${i}`).filter((id) => allowed.explain(id).preemptedBy === 'a')).toHaveLength(2);
    expect(run(7, { policy: 'LowerPriority', maxPriorityThreshold: 5 }).state('a')).toBe('pending');
    expect(run(1, { policy: 'Never' }).state('a')).toBe('pending');
  });
});

describe('Preemption docs: fair sharing', () => {
  const fair = (weights: [string?, string?] = []) =>
    policy(
      [
        { name: 'a', cohort: 'c', nominal: '3', reclaim: 'Any', weight: weights[0] },
        { name: 'b', cohort: 'c', nominal: '3', reclaim: 'Any', weight: weights[1] },
        { name: 'idle', cohort: 'c', nominal: '3' },
      ],
      { fairSharing: true },
    );

  it('admission prefers the ClusterQueue with the lowest share; without fair sharing the older workload goes first', () => {
    const workloads = [...jobs('a-run', 'a', 4, { duration: 10_000 }), ...jobs('b-run', 'b', 2, { duration: 10_000 }), ...jobs('a-next', 'a', 1, { at: 10, size: 3 }), ...jobs('b-next', 'b', 1, { at: 10, size: 3 })];
    const withFairSharing = new GpuSimulation(fair(), workloads);
    withFairSharing.runUntil(10);
    expect(withFairSharing.state('b-next')).toBe('running');
    expect(withFairSharing.state('a-next')).toBe('pending');
    const classic = new GpuSimulation(fair(), workloads, { fairSharing: false });
    classic.runUntil(10);
    expect(classic.state('a-next')).toBe('running');
    expect(classic.state('b-next')).toBe('pending');
  });

  it('a queue under its nominal quota reclaims from the queue with the highest share, and preemption stops when shares are even', () => {
    const sim = new GpuSimulation(fair(), [...jobs('b', 'b', 9, { duration: 10_000, every: 1 }), ...jobs('a', 'a', 9, { at: 100, duration: 10_000 })]);
    sim.runUntil(99);
    expect(sim.queueUsage('b', 'cpu')).toBe(9);
    sim.runUntil(100);
    const a = sim.queueUsage('a', 'cpu');
    const b = sim.queueUsage('b', 'cpu');
    expect(a + b).toBe(9);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    // Shares are balanced: no further preemption happens later without new demand.
    const preemptedAt100 = Array.from({ length: 9 }, (_, i) => sim.explain(`b-${i}`).preemptedBy).filter(Boolean).length;
    sim.runUntil(5_000);
    expect(Array.from({ length: 9 }, (_, i) => sim.explain(`b-${i}`).preemptedBy).filter(Boolean).length).toBe(preemptedAt100);
  });

  it('two borrowers balanced by fair-sharing preemption do not preempt each other back (the fair sharing proof)', () => {
    const cluster = policy(
      [
        { name: 'a', cohort: 'c', nominal: '0', reclaim: 'Any' },
        { name: 'b', cohort: 'c', nominal: '0', reclaim: 'Any' },
        { name: 'owner', cohort: 'c', nominal: '8' },
      ],
      { fairSharing: true },
    );
    const sim = new GpuSimulation(cluster, [
      ...jobs('b', 'b', 8, { duration: 10_000, every: 1 }),
      ...jobs('a', 'a', 6, { at: 100, duration: 10_000 }),
      ...jobs('b-more', 'b', 1, { at: 200, duration: 10_000 }),
    ]);
    sim.runUntil(100);
    expect([sim.queueUsage('a', 'cpu'), sim.queueUsage('b', 'cpu')]).toEqual([4, 4]);
    const preempted = sim.result().preemptions;
    expect(preempted).toBe(4);
    sim.runUntil(200);
    expect(sim.state('b-more')).toBe('pending');
    expect(sim.result().preemptions).toBe(preempted);
  });

  it('weight 0: a borrowing ClusterQueue has an infinite share and is preempted first', () => {
    const cluster = policy(
      [
        { name: 'zero', cohort: 'c', nominal: '0', weight: '0' },
        { name: 'one', cohort: 'c', nominal: '0' },
        { name: 'owner', cohort: 'c', nominal: '6', reclaim: 'Any' },
      ],
      { fairSharing: true },
    );
    const sim = new GpuSimulation(cluster, [...jobs('z', 'zero', 3, { duration: 10_000 }), ...jobs('o', 'one', 3, { duration: 10_000 }), ...jobs('owner', 'owner', 1, { at: 10, size: 2 })], { at: [5] });
    sim.runUntil(10);
    expect(sim.state('owner')).toBe('running');
    expect(sim.queueUsage('zero', 'cpu')).toBe(1);
    expect(sim.queueUsage('one', 'cpu')).toBe(3);
    const snap = sim.result().at[0]!;
    expect(snap.clusterQueues.find((q) => q.name === 'zero')!.weightedShare).toBe(Number.MAX_SAFE_INTEGER);
    // one borrows 3 of the 6 lendable: ceil(3 × 1000 / 6) = 500.
    expect(snap.clusterQueues.find((q) => q.name === 'one')!.weightedShare).toBe(500);
  });

  it('weighted share = DRS / weight: competing borrowers converge to equal weighted shares, so weight 2 borrows twice as much', () => {
    const cluster = policy(
      [
        { name: 'heavy', cohort: 'c', nominal: '0', weight: '2', reclaim: 'Any' },
        { name: 'light', cohort: 'c', nominal: '0', weight: '1', reclaim: 'Any' },
        { name: 'owner', cohort: 'c', nominal: '12' },
      ],
      { fairSharing: true },
    );
    const sim = new GpuSimulation(cluster, [...jobs('h', 'heavy', 20, { duration: 10_000 }), ...jobs('l', 'light', 20, { duration: 10_000 })], { at: [1] });
    sim.runUntil(1);
    expect(sim.queueUsage('heavy', 'cpu')).toBe(8);
    expect(sim.queueUsage('light', 'cpu')).toBe(4);
    const snap = sim.result().at[0]!;
    const share = (name: string) => snap.clusterQueues.find((q) => q.name === name)!.weightedShare;
    expect(share('heavy')).toBe(share('light'));
    expect(share('light')).toBe(Math.ceil((4 * 1000) / 12));
  });
});
