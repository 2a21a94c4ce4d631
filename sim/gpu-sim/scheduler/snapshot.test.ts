import { describe, expect, it } from 'vitest';
import { GpuSimulation } from '../simulator.ts';
import { jobs, policy } from '../testing.ts';

/** team-a (nominal 9) and team-b (nominal 12) share a cohort; team-a's 3-CPU jobs fill 21 CPUs by borrowing. */
function borrowingTeamA(): GpuSimulation {
  const cluster = policy([
    { name: 'team-a', cohort: 'team-ab', nominal: '9' },
    { name: 'team-b', cohort: 'team-ab', nominal: '12', within: 'LowerPriority', reclaim: 'Any' },
  ]);
  const sim = new GpuSimulation(cluster, [...jobs('low', 'team-a', 4, { size: 3, priority: 1 }), ...jobs('high', 'team-a', 3, { size: 3, priority: 5 })]);
  sim.runUntil(0);
  return sim;
}

const index = (sim: GpuSimulation, name: string) => sim.model.cqs.find((cq) => cq.name === name)!;

describe('Snapshot', () => {
  it('simulateWorkloadRemoval takes workloads out of their ClusterQueue and cohort, and its undo puts them back', () => {
    const sim = borrowingTeamA();
    const snapshot = sim.snapshot;
    const teamA = index(sim, 'team-a');
    expect(sim.queueUsage('team-a', 'cpu')).toBe(21);
    const version = snapshot.version[teamA.root];
    const undo = snapshot.simulateWorkloadRemoval(snapshot.admitted[teamA.index]!.slice(0, 2));
    expect(sim.queueUsage('team-a', 'cpu')).toBe(15);
    undo();
    expect(sim.queueUsage('team-a', 'cpu')).toBe(21);
    // Only simulated: nothing was admitted or released.
    expect(snapshot.version[teamA.root]).toBe(version);
    expect(snapshot.admittedCount(teamA.index)).toBe(7);
  });

  it('keeps the admitted workloads by priority, with their usage', () => {
    const sim = borrowingTeamA();
    const teamA = index(sim, 'team-a').index;
    const byPriority = sim.snapshot.admittedByPriority(teamA);
    expect([...byPriority.keys()].sort()).toEqual([1, 5]);
    expect(byPriority.get(1)!.map((w) => sim.table.id(w))).toEqual(['low-0', 'low-1', 'low-2', 'low-3']);
    // 4 × 3 CPUs at priority 1, in millicores per flavor-resource.
    expect([...sim.snapshot.usageByPriority(teamA).get(1)!].reduce((a, b) => a + b, 0)).toBe(12_000);
  });

  it('says whether a preemption candidate can exist: team-b may reclaim from borrowing team-a, team-a has no one to preempt', () => {
    const sim = borrowingTeamA();
    expect(sim.snapshot.candidatesPossible(index(sim, 'team-b'), 0)).toBe(true);
    expect(sim.snapshot.candidatesPossible(index(sim, 'team-a'), 10)).toBe(false);
  });

  it('counts a release in the cohort tree (the queue manager requeues on it), an admission only as a version', () => {
    const sim = borrowingTeamA();
    const root = index(sim, 'team-a').root;
    const { version, releases } = sim.snapshot;
    const [v, r] = [version[root]!, releases[root]!];
    expect(r).toBe(0);
    sim.runUntil(1000); // every job finishes
    expect(releases[root]! - r).toBe(7);
    expect(version[root]! - v).toBe(7);
  });
});
