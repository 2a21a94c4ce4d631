/**
 * Simulations on the command line run in a Node worker thread (as the UI's
 * run in a Web Worker), so the main thread stays free to print progress and
 * to hear Ctrl+C. The worker steps the pure sim/ code in slices and breathes
 * between them; a stop request makes it return what it finished.
 *
 * The messages are the UI's (sim/kernel/job.ts), one job per worker: main →
 * worker `run` then maybe `cancel`; worker → main `progress`, then `done`
 * (with `cancelled`) or `failed`. Nobody watches a first look here, so the
 * context has no `preliminary`.
 */
import { parentPort, Worker } from 'node:worker_threads';
import type { JobContext, JobMessage, JobRequest } from '../../sim/kernel/job.ts';

/** The one job a CLI worker runs. */
const JOB_ID = 1;

/** Worker side: run `handler` on the first `run` message, with progress throttled to `progressIntervalMs`. */
export function hostWorkerJob<I, R>(handler: (input: I, context: JobContext<R>) => Promise<R>, progressIntervalMs = 100): void {
  const port = parentPort;
  if (!port) throw new Error('hostWorkerJob must run in a worker thread.');
  let cancelled = false;
  let last = -Infinity;
  const post = (message: JobMessage<R>) => port.postMessage(message);
  const context: JobContext<R> = {
    get cancelled() {
      return cancelled;
    },
    progress(done, total, phase) {
      const t = performance.now();
      if (done < total && t - last < progressIntervalMs) return;
      last = t;
      post({ kind: 'progress', jobId: JOB_ID, done, total, ...(phase === undefined ? {} : { phase }) });
    },
    // setImmediate runs after the poll phase, where the port's messages (a cancel) are delivered.
    breathe: () => new Promise((resolve) => setImmediate(resolve)),
  };
  port.on('message', (message: JobRequest<I>) => {
    if (message.kind === 'cancel') {
      cancelled = true;
      return;
    }
    handler(message.input, context).then(
      (result) => {
        post({ kind: 'done', jobId: JOB_ID, result, cancelled });
        port.close();
      },
      (error: unknown) => {
        post({ kind: 'failed', jobId: JOB_ID, message: error instanceof Error ? error.message : String(error) });
        port.close();
      },
    );
  });
}

export interface WorkerRunOptions {
  onProgress?(done: number, total: number, phase?: string): void;
  /** Resolves when the user asks to stop (Ctrl+C): the worker returns what it finished. */
  stop?: Promise<unknown>;
}

/** Main side: runs the job in a fresh worker from `entry` and resolves with its result; a failure in the worker rejects with its message. */
export function runWorkerJob<I, R>(entry: URL, input: I, options: WorkerRunOptions = {}): Promise<{ result: R; cancelled: boolean }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: JobMessage<R>) => {
      if (message.kind === 'progress') options.onProgress?.(message.done, message.total, message.phase);
      else if (message.kind === 'done') finish(() => resolve({ result: message.result, cancelled: message.cancelled }));
      else if (message.kind === 'failed') finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`The simulation worker stopped unexpectedly (exit code ${code}).`))));
    void options.stop?.then(() => {
      if (!settled) worker.postMessage({ kind: 'cancel', jobId: JOB_ID } satisfies JobRequest<I>);
    });
    worker.postMessage({ kind: 'run', jobId: JOB_ID, input } satisfies JobRequest<I>);
  });
}

export interface WorkerPoolOptions {
  /** Progress over all jobs: the sum of their shares done, of `inputs.length`; `phase` is the latest job's, with "(seed k of K)". */
  onProgress?(done: number, total: number, phase?: string): void;
  /** Resolves when the user asks to stop (Ctrl+C): every running worker returns what it finished; jobs not started are not run. */
  stop?: Promise<unknown>;
  /** Workers at once (the machine's cores, at least 1). */
  parallel: number;
}

/**
 * Several independent jobs (one per seed) in parallel worker threads, at most `parallel` at once,
 * each a fresh worker speaking the one job protocol. Results come back in input order; a job not
 * started because of a stop is `undefined`. The first failure rejects (the others are stopped).
 */
export async function runWorkerJobs<I, R>(entry: URL, inputs: readonly I[], options: WorkerPoolOptions): Promise<Array<{ result: R; cancelled: boolean } | undefined>> {
  const results: Array<{ result: R; cancelled: boolean } | undefined> = new Array<{ result: R; cancelled: boolean } | undefined>(inputs.length).fill(undefined);
  const shares = new Array<number>(inputs.length).fill(0);
  let stopped = false;
  let failure: unknown = null;
  // One stop for all: a failure stops the others as Ctrl+C would.
  let stopAll: () => void = () => {};
  const stop = new Promise<void>((resolve) => {
    stopAll = resolve;
  });
  void options.stop?.then(() => {
    stopped = true;
    stopAll();
  });
  let next = 0;
  const lane = async () => {
    while (next < inputs.length && !stopped && failure === null) {
      const k = next++;
      try {
        results[k] = await runWorkerJob<I, R>(entry, inputs[k]!, {
          stop,
          onProgress: (done, total, phase) => {
            shares[k] = total > 0 ? Math.min(1, done / total) : 0;
            const share = shares.reduce((a, b) => a + b, 0);
            options.onProgress?.(share, inputs.length, inputs.length > 1 ? `${phase ?? 'Simulating'} (seed ${k + 1} of ${inputs.length})` : phase);
          },
        });
        shares[k] = 1;
      } catch (error) {
        failure ??= inputs.length > 1 ? new Error(`seed ${k + 1} of ${inputs.length}: ${error instanceof Error ? error.message : String(error)}`) : error;
        stopAll();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, inputs.length)) }, lane));
  if (failure !== null) throw failure;
  return results;
}
