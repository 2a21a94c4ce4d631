/**
 * Two behaviours of Kueue's scheduler and queue manager found by running the
 * same steps through real Kueue 0.16.2 (test/kueue-diff): a StrictFIFO head
 * that holds its reservation in every cycle, and freed quota going to the
 * heads already waiting before the batched requeue of inadmissible workloads.
 */
import { describe, expect, it } from 'vitest';
import { GpuSimulation, REQUEUE_BATCH_SECONDS } from './simulator.ts';
import { jobs, policy } from './testing.ts';

describe('A: a StrictFIFO head in preemption mode without candidates reserves its quota in every cycle', () => {
  const steps = (reclaim: 'Never' | 'Any') =>
    new GpuSimulation(
      policy([
        { name: 'a', cohort: 'c', nominal: '2', strategy: 'StrictFIFO', reclaim },
        { name: 'b', cohort: 'c', nominal: '2' },
      ]),
      [
        ...jobs('w01-b', 'b', 1, { size: 3 }),
        ...jobs('w02-a', 'a', 1, { at: 1, size: 2 }),
        ...jobs('w03-b', 'b', 1, { at: 2 }),
      ],
    );

  it('keeps a newer workload of another queue out of the free quota, cycle after cycle', () => {
    const sim = steps('Never');
    sim.runUntil(2);
    expect(sim.state('w01-b')).toBe('running');
    expect(sim.state('w02-a')).toBe('pending');
    expect(sim.state('w03-b')).toBe('pending');
    sim.runUntil(500);
    expect(sim.state('w03-b')).toBe('pending');
  });

  it('reserves nothing when reclaimWithinCohort is Any (it would have found targets)', () => {
    const sim = steps('Any');
    sim.runUntil(2);
    expect(sim.state('w02-a')).toBe('running');
    expect(sim.explain('w01-b').preemptedBy).toBe('w02-a');
  });

  it('a BestEffortFIFO head reserves for one cycle only: the newer workload takes the free quota', () => {
    const sim = new GpuSimulation(
      policy([
        { name: 'a', cohort: 'c', nominal: '2' },
        { name: 'b', cohort: 'c', nominal: '2' },
      ]),
      [...jobs('w01-b', 'b', 1, { size: 3 }), ...jobs('w02-a', 'a', 1, { at: 1, size: 2 }), ...jobs('w03-b', 'b', 1, { at: 2 })],
    );
    sim.runUntil(2);
    expect(sim.state('w03-b')).toBe('running');
  });
});

describe('B: freed quota goes first to the heads already waiting; inadmissible workloads come back at the batched requeue', () => {
  const cluster = policy([
    { name: 'x', cohort: 'c', nominal: '1', strategy: 'StrictFIFO' },
    { name: 'y', cohort: 'c', nominal: '4' },
    { name: 'z', cohort: 'c', nominal: '1' },
  ]);
  const workloads = [
    ...jobs('w01-y', 'y', 1, { size: 2, duration: 10 }),
    ...jobs('w02-y', 'y', 1, { size: 2 }),
    ...jobs('w03-x', 'x', 1),
    ...jobs('w04-z', 'z', 1),
    ...jobs('w05-z', 'z', 1, { at: 1, size: 2 }),
    ...jobs('w06-x', 'x', 1, { at: 2, size: 2 }),
  ];

  it('the StrictFIFO head of x takes the released quota before the older, inadmissible workload of z', () => {
    const sim = new GpuSimulation(cluster, workloads);
    sim.runUntil(9);
    expect(sim.state('w05-z')).toBe('pending');
    expect(sim.state('w06-x')).toBe('pending');
    sim.runUntil(10);
    expect(sim.state('w06-x')).toBe('running');
    sim.runUntil(10 + REQUEUE_BATCH_SECONDS);
    expect(sim.state('w05-z')).toBe('pending');
  });

  it('when no head waits, the inadmissible workload gets the quota at the requeue, a batch period after the release', () => {
    const sim = new GpuSimulation(cluster, workloads.filter((w) => w.id !== 'w06-x'));
    sim.runUntil(10);
    expect(sim.state('w05-z')).toBe('pending');
    sim.runUntil(10 + REQUEUE_BATCH_SECONDS);
    expect(sim.state('w05-z')).toBe('running');
    expect(REQUEUE_BATCH_SECONDS).toBe(1);
  });
});
