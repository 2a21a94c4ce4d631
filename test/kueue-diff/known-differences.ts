/**
 * Steps where the simulator is known to differ from Kueue, keyed by case and
 * step, each naming the Kueue behaviour not modelled yet. The test asserts
 * these steps still differ, so when a fix lands it fails naming the entry to
 * delete. Nothing else may differ.
 *
 * Empty since the two behaviours this suite first found are modelled:
 * A, a StrictFIFO head in preemption mode without targets reserves its quota
 * in every cycle (unless reclaimWithinCohort is Any); B, inadmissible
 * workloads return through the requeuer's 1 s batch, so freed quota goes
 * first to the heads already in the heaps (sim/gpu-sim/README.md, "Queues").
 */
export type KnownBehaviour = string;

export const KNOWN_DIFFERENCES: Readonly<Record<string, Readonly<Record<number, KnownBehaviour>>>> = {
  // None: behaviours A and B are modelled (sim/gpu-sim/README.md, "Queues"); every stable step agrees.
};
