/**
 * The calibration's runs (the fit on the whole history and the back-test) in
 * their own Web Worker, so importing a history never interrupts the
 * comparison.
 */
import type { CalibrationJobInput, CalibrationJobResult } from '../../../sim/calibration/job.ts';
import { createSimulationStore } from '../../stores/simulation.ts';

const calibrationWorker = () => new Worker(new URL('./calibration.worker.ts', import.meta.url), { type: 'module', name: 'delivery-calibration' });

export const useCalibrationRun = createSimulationStore<CalibrationJobInput, CalibrationJobResult>(calibrationWorker);
