/**
 * The crossover (`crossover.ts`) as a job under the one job protocol
 * (`sim/kernel/job.ts`): the UI's delivery worker and `podplan crossover`'s
 * worker thread both step it in slices of about `sliceMs`, report progress
 * in trials over all points, post the points so far after each one (the
 * chart fills in as they come), and stop on cancel with the points finished.
 */
import type { JobContext } from '../kernel/job.ts';
import type { Shard } from '../kernel/shards.ts';
import { CrossoverRun, type Crossover, type CrossoverAxis, type CrossoverPoint, type CrossoverRange } from './crossover.ts';
import type { DeliveryScenario } from './design.ts';
import { deliveryInput, nextSlice, type SliceOptions } from './job.ts';
import type { DeepPartialParameters } from './parameters.ts';
import type { ListedInitiative } from './schema.ts';

export interface CrossoverJobInput {
  kind: 'crossover';
  scenario: DeliveryScenario;
  parameters?: DeepPartialParameters;
  /** A listed portfolio (`scenario.delivery.initiatives`): then only the headcount sweep can run. */
  initiatives?: readonly ListedInitiative[];
  /** Trials per point. */
  trials: number;
  seed: number;
  /** Absent = the default range; null = no such sweep. */
  demand?: CrossoverRange | null;
  headcount?: CrossoverRange | null;
  /** Run only this shard's points (`podplan crossover --shard i/n`); the result then carries `shard`. */
  shard?: Shard;
}

export interface CrossoverJobResult {
  kind: 'crossover';
  crossover: Crossover;
  /** With a shard: every sweep's plan and the points this shard finished, by index over all sweeps. */
  shard?: {
    plan: Array<{ axis: CrossoverAxis; base: number; notes: string[]; points: number }>;
    points: Array<{ index: number; axis: CrossoverAxis; point: CrossoverPoint }>;
  };
}


const count = (n: number) => n.toLocaleString('en-US');

export async function runCrossoverJob(job: CrossoverJobInput, context: JobContext<CrossoverJobResult>, slices: SliceOptions): Promise<CrossoverJobResult> {
  const run = new CrossoverRun(deliveryInput(job), {
    trials: job.trials,
    seed: job.seed,
    ...(job.demand === undefined ? {} : { demand: job.demand }),
    ...(job.headcount === undefined ? {} : { headcount: job.headcount }),
    ...(job.shard ? { shard: job.shard } : {}),
  });
  const target = slices.sliceMs ?? 20;
  let slice = 8;
  let points = run.pointsDone;
  while (!run.finished) {
    if (context.cancelled) {
      run.cancel();
      break;
    }
    const start = slices.now();
    run.step(slice);
    const end = slices.now();
    slice = nextSlice(slice, target, end - start);
    context.progress(run.trialsCompleted, run.trialsTotal, `${run.phase}: ${count(run.trialsCompleted)} of ${count(run.trialsTotal)} trials`);
    if (context.preliminary && run.pointsDone > points && !run.finished) context.preliminary({ kind: 'crossover', crossover: run.result() });
    points = run.pointsDone;
    await context.breathe();
  }
  return { kind: 'crossover', crossover: run.result(), ...(job.shard ? { shard: { plan: run.plan, points: [...run.finishedPoints] } } : {}) };
}
