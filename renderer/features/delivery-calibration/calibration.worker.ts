/** The calibration's Web Worker: the same job `podplan calibrate` runs. */
import { runCalibrationJob, type CalibrationJobInput, type CalibrationJobResult } from '../../../sim/calibration/job.ts';
import { hostJobs, type JobPort } from '../../workers/job-host.ts';

// The project's lib is DOM (not WebWorker); inside a worker `self` is the worker global, which is a JobPort.
hostJobs<CalibrationJobInput, CalibrationJobResult>(self as unknown as JobPort, (input, context) => runCalibrationJob(input, context));
