/**
 * A zustand store for one kind of simulation run in a Web Worker: the last
 * finished result stays on screen while a newer run (after an input change)
 * computes; progress and cancel are the worker's; an error names the problem
 * and keeps the previous result. A job's preliminary figures (from the work
 * done so far) replace the shown result at once, flagged `preliminary`, so a
 * re-run after a slider move shows a first look within one slice. Each
 * simulator makes its own store with
 * `createSimulationStore` (e.g. `features/delivery/store.ts`).
 */
import { useEffect } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { JobClient, type JobRunner, type WorkerLike } from '../workers/job-client.ts';
import type { JobProgress } from '../../sim/kernel/job.ts';

export type SimulationStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SimulationState<I, R> {
  status: SimulationStatus;
  progress: JobProgress | null;
  /** The last result that finished (or a cancelled run's partial one, or the running one's preliminary figures), for `resultKey`'s input. */
  result: R | null;
  resultKey: string | null;
  /** `result` is the running job's figures so far; the finished ones replace it. */
  preliminary: boolean;
  /** Input key of the run in flight. */
  runningKey: string | null;
  error: string | null;
  /** Run for `input`; `key` identifies the input (a run for the key already shown or running is skipped unless forced). */
  run(input: I, key: string, options?: { force?: boolean }): Promise<void>;
  cancel(): void;
  reset(): void;
}

export type SimulationStore<I, R> = UseBoundStore<StoreApi<SimulationState<I, R>>>;

/** `runner`: a worker factory (one Web Worker runs each job) or a runner of its own (a pool that splits a job by seed, `workers/seed-pool.ts`). */
export function createSimulationStore<I, R>(runner: (() => WorkerLike) | JobRunner<I, R>): SimulationStore<I, R> {
  const client: JobRunner<I, R> = typeof runner === 'function' ? new JobClient<I, R>(runner) : runner;
  return create<SimulationState<I, R>>()((set, get) => ({
    status: 'idle',
    progress: null,
    result: null,
    resultKey: null,
    preliminary: false,
    runningKey: null,
    error: null,
    async run(input, key, options = {}) {
      const s = get();
      if (!options.force && (s.runningKey === key || (s.runningKey === null && s.resultKey === key && s.status === 'done'))) return;
      set({ status: 'running', runningKey: key, progress: null, error: null });
      const outcome = await client.run(input, {
        onProgress: (progress) => {
          if (get().runningKey === key) set({ progress });
        },
        onPreliminary: (result) => {
          if (get().runningKey === key) set({ result, resultKey: key, preliminary: true });
        },
      });
      if (outcome.status === 'superseded') return;
      // A failed run keeps what is shown (its own preliminary figures stay flagged as such).
      if (outcome.status === 'failed') set({ status: 'error', runningKey: null, progress: null, error: outcome.message });
      else if (outcome.status === 'cancelled') set({ status: 'cancelled', runningKey: null, progress: null, ...(outcome.result ? { result: outcome.result, resultKey: key, preliminary: false } : {}) });
      else set({ status: 'done', runningKey: null, progress: null, result: outcome.result, resultKey: key, preliminary: false });
    },
    cancel() {
      client.cancel();
    },
    reset() {
      client.dispose();
      set({ status: 'idle', progress: null, result: null, resultKey: null, preliminary: false, runningKey: null, error: null });
    },
  }));
}

/** Re-run `store` for `input` `delayMs` after its key last changed (the previous result stays shown meanwhile). */
export function useDebouncedRun<I, R>(store: SimulationStore<I, R>, input: I | null, key: string, delayMs = 300): void {
  const run = store((s) => s.run);
  useEffect(() => {
    if (input === null) return;
    const timer = setTimeout(() => void run(input, key), delayMs);
    return () => clearTimeout(timer);
    // The key stands for the input: a new object with the same key is the same run.
  }, [key, delayMs, run]);
}
