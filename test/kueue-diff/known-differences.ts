/**
 * Steps where the simulator is known to differ from Kueue 0.16.2, keyed by
 * case and step, each naming the Kueue behaviour not modelled yet. The test
 * asserts these steps still differ, so when a fix lands it fails naming the
 * entry to delete. Nothing else may differ.
 *
 * A: a StrictFIFO head in preemption mode with no targets (it fits its
 *    nominal quota, preemption finds no candidates) reserves its quota in
 *    every cycle, not just the one it was nominated in, unless
 *    reclaimWithinCohort is Any — so others in the cohort cannot use it.
 * B: when quota is released, Kueue tries the StrictFIFO heads first: they
 *    stay in the queue heap, while BestEffortFIFO workloads that were
 *    inadmissible return through the requeuer's batch (1 s later). So of two
 *    pending borrowers Kueue admits x's newer StrictFIFO head over z's older
 *    workload; Podplan returns both at the release and nominates them in one
 *    cycle.
 */
export type KnownBehaviour = 'A' | 'B';

export const KNOWN_DIFFERENCES: Readonly<Record<string, Readonly<Record<number, KnownBehaviour>>>> = {
  'a-strict-fifo-head-reserves': { 3: 'A' },
  'b-borrowers-after-release': { 7: 'B' },
  // q's StrictFIFO head (3 GPUs, within nominal, no preemption policy) holds q's free GPU, so r cannot borrow it (5);
  // Podplan lends it to r, and from then on q cannot fit its head (6–8).
  // After w05-b finishes, Kueue admits a's StrictFIFO head w06-a (3 GPUs, borrowing) before b's inadmissible w08-b
  // returns; w08-b then reclaims b's quota by preempting w03-a. Podplan admits w08-b first and w06-a no longer fits (9–15).
  'random-6': { 9: 'B', 10: 'B', 11: 'B', 12: 'B', 13: 'B', 14: 'B', 15: 'B' },
  'queueing-strict-fifo': { 5: 'A', 6: 'A', 7: 'A', 8: 'A' },
};
