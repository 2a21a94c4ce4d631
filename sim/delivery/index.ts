/**
 * The delivery simulator (M6): Monte Carlo discrete-event simulation of AI
 * initiatives flowing through an org design. See README.md in this folder.
 */
export * from '../kernel/prng.ts';
export * from './distributions.ts';
export * from '../kernel/event-queue.ts';
export * from '../kernel/server-pool.ts';
export * from './completion-queue.ts';
export * from './theory.ts';
export * from './queue-model.ts';
export * from './parameters.ts';
export * from './design.ts';
export * from './design-load.ts';
export * from './portfolio.ts';
export { DesignAccumulator, HIST_BIN_WEEKS, HIST_BINS, HIST_MAX_WEEKS } from './accumulator.ts';
export { DesignSimulator, TRACE_TASK_KINDS, type DeliveryTraceObserver, type TraceTaskKind } from './engine.ts';
export * from './results.ts';
export * from './simulate.ts';
export * from './sensitivity.ts';
export * from './explain.ts';
export * from './crossover.ts';
