/** The crossover's Web Worker: the same job `podplan crossover` runs in a Node worker thread. */
import { runCrossoverJob, type CrossoverJobInput, type CrossoverJobResult } from '../../../sim/delivery/crossover-job.ts';
import { hostJobs, type JobPort } from '../../workers/job-host.ts';

// The project's lib is DOM (not WebWorker); inside a worker `self` is the worker global, which is a JobPort.
hostJobs<CrossoverJobInput, CrossoverJobResult>(self as unknown as JobPort, (input, context) => runCrossoverJob(input, context, { now: () => performance.now() }));
