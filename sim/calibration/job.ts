/**
 * Calibration as a job (the one job protocol, `sim/kernel/job.ts`), so the
 * Delivery tab's worker and the CLI run the same code: the fit on the whole
 * history (the values the user may accept) and the back-test (a fit on its
 * older two-thirds, simulated and compared with the newer third).
 */
import type { JobContext } from '../kernel/job.ts';
import type { DeliveryHistory } from '../history/types.ts';
import { backTestDelivery, type BackTest } from './backtest.ts';
import { calibrateDelivery, type Calibration, type CalibrationScenario } from './calibrate.ts';

export interface CalibrationJobInput {
  history: DeliveryHistory;
  scenario: CalibrationScenario;
  /** Trials of the back-test's forecast. */
  trials: number;
  seed: number;
}

export interface CalibrationJobResult {
  calibration: Calibration;
  /** Null when the history is too short to split (the reason in `backTestError`). */
  backTest: BackTest | null;
  backTestError: string | null;
}

/** Trials of the back-test's forecast, in the tab and `podplan calibrate` alike (so both show the same coverage): P50 and P85 within about 2% on the samples. */
export const BACK_TEST_TRIALS = 1000;

export async function runCalibrationJob(input: CalibrationJobInput, context: JobContext<CalibrationJobResult>): Promise<CalibrationJobResult> {
  context.progress(0, 2, 'fitting the whole history');
  const calibration = calibrateDelivery(input.history, input.scenario);
  await context.breathe();
  context.progress(1, 2, 'back-testing: fit on the older two-thirds, forecast the newer third');
  let backTest: BackTest | null = null;
  let backTestError: string | null = null;
  try {
    backTest = backTestDelivery(input.history, input.scenario, { trials: input.trials, seed: input.seed });
  } catch (error) {
    backTestError = error instanceof Error ? error.message : String(error);
  }
  context.progress(2, 2, 'done');
  return { calibration, backTest, backTestError };
}
