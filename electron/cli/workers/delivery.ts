/** Worker thread of `podplan simulate delivery`: the same job the UI's Web Worker runs. */
import { runDeliveryJob, type DeliveryJobInput, type DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { hostWorkerJob } from '../sim-worker.ts';

hostWorkerJob<DeliveryJobInput, DeliveryJobResult>((input, context) => runDeliveryJob(input, context, { now: () => performance.now() }));
