/** Worker thread of `podplan crossover`: the same job the UI's crossover worker runs. */
import { runCrossoverJob, type CrossoverJobInput, type CrossoverJobResult } from '../../../sim/delivery/crossover-job.ts';
import { hostWorkerJob } from '../sim-worker.ts';

hostWorkerJob<CrossoverJobInput, CrossoverJobResult>((input, context) => runCrossoverJob(input, context, { now: () => performance.now() }));
