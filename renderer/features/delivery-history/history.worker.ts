/** The delivery history import's Web Worker: reads the picked file in chunks (progress, cancel) through the pure importer. */
import { hostJobs, type JobPort } from '../../workers/job-host.ts';
import { importHistoryJob } from './model/import-job.ts';

hostJobs(self as unknown as JobPort, importHistoryJob);
