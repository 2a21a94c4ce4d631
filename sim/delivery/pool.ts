/**
 * A comparison on every core: blocks of trials go to a pool of workers
 * (Web Workers in the UI, worker threads in the CLI), each speaking the one
 * job protocol (`sim/kernel/job.ts`, a `BlocksJob`), and come back to a
 * `ComparisonMerger` that merges them in block order and applies the
 * stopping rule. Blocks are fixed (`BLOCK_TRIALS`, independent of the pool),
 * seeded per trial and accumulated from fresh accumulators, so the figures
 * and the trial count are bit-identical for any number of workers and equal
 * to `simulateDelivery`'s. Each lane keeps one job in flight; blocks a lane
 * simulated beyond the stop are discarded.
 *
 * The host gives the lanes (`dispatch`), the clock (sim/ reads none) and the
 * cancel flag.
 */
import { BLOCK_TRIALS } from './convergence.ts';
import { DESIGN_KINDS } from './design.ts';
import { compared, convergenceText, deliveryInput, FIRST_LOOK_TRIALS, PRELIMINARY_EVERY_MS, type BlocksJob, type CompareJob, type DeliveryJobResult } from './job.ts';
import { ComparisonMerger, prepareRun, expectedInitiatives, trialPlan, type DeliveryBlock } from './simulate.ts';

/**
 * Blocks per job under the stopping rule: a job of a few blocks amortises a
 * message round trip without running far past the stop. A fixed count has
 * no stop to overshoot, so its jobs are larger (about `JOBS_PER_LANE` per
 * lane, at most `MAX_BLOCKS_PER_JOB`): each round trip leaves its worker idle
 * while the main thread merges and posts the next job.
 */
export const BLOCKS_PER_JOB = 2;
const JOBS_PER_LANE = 6;
const MAX_BLOCKS_PER_JOB = 16;

function blocksPerJob(fixed: boolean, remaining: number, lanes: number): number {
  if (!fixed) return BLOCKS_PER_JOB;
  return Math.max(BLOCKS_PER_JOB, Math.min(MAX_BLOCKS_PER_JOB, Math.ceil(remaining / (lanes * JOBS_PER_LANE))));
}

export interface PoolHost {
  /** Lanes (workers) to keep busy, at least 1. */
  lanes: number;
  /** Run a job on lane `lane` (one at a time per lane); null or fewer blocks when it was cancelled. */
  dispatch(lane: number, job: BlocksJob): Promise<DeliveryBlock[] | null>;
  now(): number;
  readonly cancelled: boolean;
  progress?(done: number, total: number, phase: string): void;
  /** Figures so far: after the first block, then every `PRELIMINARY_EVERY_MS`. */
  preliminary?(result: DeliveryJobResult): void;
  /** Distinguishes this run's prepared state in the workers' caches. */
  runKey: string;
}

/** The comparison `job` on the host's lanes; resolves with the merged result (cancelled: the blocks merged in order so far). */
export async function runComparisonOnPool(job: CompareJob, host: PoolHost): Promise<DeliveryJobResult> {
  const designs = job.designs ?? DESIGN_KINDS;
  const prepared = prepareRun(deliveryInput(job), designs);
  const plan = trialPlan({ ...(job.trials === undefined ? {} : { trials: job.trials }), ...(job.precision === undefined ? {} : { precision: job.precision }) });
  const merger = new ComparisonMerger(prepared, plan, job.seed);
  const expected = expectedInitiatives(prepared);
  const result = () => merger.result({ cancelled: host.cancelled, expectedInitiativesPerTrial: expected });
  const { designs: _designs, precision: _precision, kind: _kind, ...base } = job;
  const lanes = Math.max(1, Math.floor(host.lanes));
  let next = 0;
  let firstLook = true;
  let nextPreliminary = Infinity;
  const lane = async (k: number) => {
    while (!merger.finished && !host.cancelled && next < merger.blockCount) {
      const from = next;
      // The first job is one block, so a first look comes after FIRST_LOOK_TRIALS (= one block).
      const count = Math.min(from === 0 ? 1 : blocksPerJob(plan.fixed, merger.blockCount - from, lanes), merger.blockCount - from);
      next += count;
      const blocks = await host.dispatch(k, { ...base, designs, kind: 'blocks', runKey: host.runKey, from, count, limit: plan.limit });
      for (const b of blocks ?? []) merger.add(b);
      const sofar = merger.trialsMerged;
      // The stopping rule's end is not known ahead: its progress is against the least it runs, then one block on.
      if (plan.fixed) host.progress?.(sofar, plan.limit, `${sofar.toLocaleString('en-US')} of ${plan.limit.toLocaleString('en-US')} trials`);
      else host.progress?.(sofar, Math.max(plan.minTrials, sofar + BLOCK_TRIALS), `converging… ${sofar.toLocaleString('en-US')} trials`);
      if (host.preliminary && !merger.finished && !host.cancelled) {
        const t = host.now();
        if (firstLook ? sofar >= FIRST_LOOK_TRIALS : t >= nextPreliminary) {
          host.preliminary(compared(result()));
          firstLook = false;
          nextPreliminary = t + PRELIMINARY_EVERY_MS;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, k) => lane(k)));
  const final = result();
  host.progress?.(final.trials, final.trials, convergenceText(final));
  return compared(final);
}
