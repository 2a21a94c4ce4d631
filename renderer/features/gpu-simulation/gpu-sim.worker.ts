/** The GPU simulation tab's Web Worker: runs, analyses and trace import, each a job of the shared host (progress, cancel, a newer run supersedes). */
import { hostJobs, type JobPort } from '../../workers/job-host.ts';
import { gpuJob } from './model/jobs.ts';

hostJobs(self as unknown as JobPort, gpuJob);
