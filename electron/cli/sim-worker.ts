/**
 * Simulations on the command line run in a Node worker thread (as the UI's
 * run in a Web Worker), so the main thread stays free to print progress and
 * to hear Ctrl+C. The worker steps the pure sim/ code in slices and breathes
 * between them; a stop request makes it return what it finished.
 *
 * The messages are the UI's (sim/kernel/job.ts), one job at a time per
 * worker: main → worker `run` then maybe `cancel`; worker → main `progress`,
 * then `done` (with `cancelled`) or `failed`; then maybe the next `run` (the
 * seeds of `runWorkerJobs`). Nobody watches a first look here, so the
 * context has no `preliminary`.
 */
import { parentPort, Worker } from 'node:worker_threads';
import type { JobContext, JobMessage, JobRequest } from '../../sim/kernel/job.ts';
import { markStartup } from './startup-trace.ts';

/** The job id of a worker that runs one job. */
const JOB_ID = 1;

/**
 * Worker side: run `handler` for each `run` message, one after another (the main side sends the
 * next only when the previous is done), with progress throttled to `progressIntervalMs`. A worker
 * may take several jobs (`runWorkerJobs` keeps one per lane, so its code is parsed and compiled
 * once); the main side terminates it when it has no more.
 */
export function hostWorkerJob<I, R>(handler: (input: I, context: JobContext<R>) => Promise<R>, progressIntervalMs = 100): void {
  const port = parentPort;
  if (!port) throw new Error('hostWorkerJob must run in a worker thread.');
  const cancelled = new Set<number>();
  const post = (message: JobMessage<R>) => port.postMessage(message);
  port.on('message', (message: JobRequest<I>) => {
    if (message.kind === 'cancel') {
      cancelled.add(message.jobId);
      return;
    }
    const jobId = message.jobId;
    markStartup(`simulation job ${jobId} started in a worker`);
    // The simulator's first slice ends with its first progress report, or with the result when one slice was the whole run.
    let firstSlice = true;
    const markFirstSlice = () => {
      if (firstSlice) markStartup(`simulation job ${jobId}: first simulated events done`);
      firstSlice = false;
    };
    let last = -Infinity;
    const context: JobContext<R> = {
      get cancelled() {
        return cancelled.has(jobId);
      },
      progress(done, total, phase) {
        markFirstSlice();
        const t = performance.now();
        if (done < total && t - last < progressIntervalMs) return;
        last = t;
        post({ kind: 'progress', jobId, done, total, ...(phase === undefined ? {} : { phase }) });
      },
      // setImmediate runs after the poll phase, where the port's messages (a cancel) are delivered.
      breathe: () => new Promise((resolve) => setImmediate(resolve)),
    };
    handler(message.input, context).then(
      (result) => {
        markFirstSlice();
        post({ kind: 'done', jobId, result, cancelled: cancelled.has(jobId) });
      },
      (error: unknown) => post({ kind: 'failed', jobId, message: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** The CLI's simulation workers (electron/cli/workers/). */
export type WorkerName = 'gpu' | 'delivery' | 'crossover';

/**
 * The entry file of a simulation worker, found beside this module: the
 * TypeScript source (electron/cli/workers/<name>.ts), or in the bundled CLI
 * (scripts/build-cli.mjs puts this module in dist/cli/ and each worker, self-contained,
 * in dist/cli/workers/<name>.mjs) the worker's bundle.
 */
export function workerEntry(name: WorkerName): URL {
  const bundled = !import.meta.url.endsWith('.ts');
  return new URL(`./workers/${name}.${bundled ? 'mjs' : 'ts'}`, import.meta.url);
}

export interface WorkerRunOptions {
  onProgress?(done: number, total: number, phase?: string): void;
  /** Resolves when the user asks to stop (Ctrl+C): the worker returns what it finished. */
  stop?: Promise<unknown>;
}

/** One job on a running worker: resolves with its result; a failure in the worker (or its exit) rejects. */
function jobOn<I, R>(worker: Worker, jobId: number, input: I, options: WorkerRunOptions): Promise<{ result: R; cancelled: boolean }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const onMessage = (message: JobMessage<R>) => {
      if (message.jobId !== jobId) return;
      if (message.kind === 'progress') options.onProgress?.(message.done, message.total, message.phase);
      else if (message.kind === 'done') finish(() => resolve({ result: message.result, cancelled: message.cancelled }));
      else if (message.kind === 'failed') finish(() => reject(new Error(message.message)));
    };
    const onError = (error: Error) => finish(() => reject(error));
    const onExit = (code: number) => finish(() => reject(new Error(`The simulation worker stopped unexpectedly (exit code ${code}).`)));
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      fn();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    void options.stop?.then(() => {
      if (!settled) worker.postMessage({ kind: 'cancel', jobId } satisfies JobRequest<I>);
    });
    worker.postMessage({ kind: 'run', jobId, input } satisfies JobRequest<I>);
  });
}

/** Main side: runs the job in a fresh worker from `entry` and resolves with its result; a failure in the worker rejects with its message. */
export async function runWorkerJob<I, R>(entry: URL, input: I, options: WorkerRunOptions = {}): Promise<{ result: R; cancelled: boolean }> {
  const worker = new Worker(entry);
  try {
    return await jobOn<I, R>(worker, JOB_ID, input, options);
  } finally {
    void worker.terminate();
  }
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
 * Worker threads kept between batches of jobs, as the GPU tab keeps its Web
 * Workers between runs: later batches run on warm code. `runWorkerJobs` is
 * one batch on lanes it closes at once (a CLI command runs once).
 */
export class WorkerLanes {
  private readonly entry: URL;
  private readonly workers: Worker[] = [];
  private nextJobId = 1;

  constructor(entry: URL) {
    this.entry = entry;
  }

  /**
   * Starts the first `count` lanes' workers now, so their start-up (module
   * loading, compilation) overlaps the host's own work before the first job
   * (reading and parsing the scenario). Idempotent.
   */
  prestart(count: number): this {
    while (this.workers.length < count) this.workers.push(new Worker(this.entry));
    return this;
  }

  /**
   * One job on lane `lane` (its worker started on first use): for a host that
   * hands out work as results come in (the delivery pool's blocks, until the
   * stopping rule is met). One job at a time per lane.
   */
  runOn<I, R>(lane: number, input: I, options: WorkerRunOptions = {}): Promise<{ result: R; cancelled: boolean }> {
    while (this.workers.length <= lane) this.workers.push(new Worker(this.entry));
    return jobOn<I, R>(this.workers[lane]!, this.nextJobId++, input, options);
  }

  /**
   * Several independent jobs (one per seed) in parallel, at most `parallel` at once, each lane one
   * worker speaking the one job protocol. Results come back in input order; a job not started
   * because of a stop is `undefined`. The first failure rejects (the others are stopped).
   */
  async run<I, R>(inputs: readonly I[], options: WorkerPoolOptions): Promise<Array<{ result: R; cancelled: boolean } | undefined>> {
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
    // One worker per lane, taking the lane's seeds in turn: one start-up per lane, and later seeds run on warm code.
    const lane = async (worker: Worker) => {
      while (next < inputs.length && !stopped && failure === null) {
        const k = next++;
        try {
          results[k] = await jobOn<I, R>(worker, k + 1, inputs[k]!, {
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
    const count = Math.max(1, Math.min(options.parallel, inputs.length));
    while (this.workers.length < count) this.workers.push(new Worker(this.entry));
    await Promise.all(this.workers.slice(0, count).map(lane));
    if (failure !== null) throw failure;
    return results;
  }

  close(): void {
    for (const worker of this.workers.splice(0)) void worker.terminate();
  }
}

/** One batch of jobs on fresh worker threads, closed when it ends (see `WorkerLanes.run`). */
export async function runWorkerJobs<I, R>(entry: URL, inputs: readonly I[], options: WorkerPoolOptions): Promise<Array<{ result: R; cancelled: boolean } | undefined>> {
  const lanes = new WorkerLanes(entry);
  try {
    return await lanes.run<I, R>(inputs, options);
  } finally {
    lanes.close();
  }
}
