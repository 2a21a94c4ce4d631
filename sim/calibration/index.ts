/**
 * The delivery model calibrated from a team's own history, and the back-test
 * that says whether it describes that history (M6, #16). See README.md.
 */
export * from './fit.ts';
export * from './calibrate.ts';
export * from './backtest.ts';
export * from './synthetic.ts';
export * from './history-csv.ts';
export * from './transitions-csv.ts';
