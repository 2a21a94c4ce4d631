/** The delivery simulation's Web Worker: the same job `podplan simulate delivery` runs in a Node worker thread. */
import { runDeliveryJob, type DeliveryJobInput, type DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { hostJobs, type JobPort } from '../../workers/job-host.ts';

// The project's lib is DOM (not WebWorker); inside a worker `self` is the worker global, which is a JobPort.
hostJobs<DeliveryJobInput, DeliveryJobResult>(self as unknown as JobPort, (input, context) => runDeliveryJob(input, context, { now: () => performance.now() }));
