/**
 * The UI side of a simulation Web Worker: `run` posts a job and resolves with
 * its outcome; a newer `run` supersedes the one in flight (it resolves as
 * `superseded`, so a debounced re-run never shows a stale result), and
 * `cancel` asks the worker to stop at its next slice. The worker is created
 * on first use and kept (its module is parsed once).
 */
import type { JobMessage, JobProgress, JobRequest } from '../../sim/kernel/job.ts';

export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export type JobOutcome<R> =
  | { status: 'done'; result: R }
  | { status: 'cancelled'; result: R | undefined }
  | { status: 'superseded' }
  | { status: 'failed'; message: string };

interface Pending<R> {
  jobId: number;
  resolve(outcome: JobOutcome<R>): void;
  onProgress: ((progress: JobProgress) => void) | undefined;
  onPreliminary: ((result: R) => void) | undefined;
}

export interface RunCallbacks<R> {
  onProgress?(progress: JobProgress): void;
  /** Figures from the work done so far (the outcome's result supersedes them). */
  onPreliminary?(result: R): void;
}

/** What a simulation store runs its jobs through: one worker (`JobClient`) or a pool of them (`SeedPool`). */
export interface JobRunner<I, R> {
  readonly running: boolean;
  run(input: I, callbacks?: RunCallbacks<R>): Promise<JobOutcome<R>>;
  cancel(): void;
  dispose(): void;
}

export class JobClient<I, R> implements JobRunner<I, R> {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private pending: Pending<R> | null = null;

  private readonly createWorker: () => WorkerLike;

  constructor(createWorker: () => WorkerLike) {
    this.createWorker = createWorker;
  }

  get running(): boolean {
    return this.pending !== null;
  }

  run(input: I, callbacks: RunCallbacks<R> = {}): Promise<JobOutcome<R>> {
    const worker = this.ensureWorker();
    this.supersede();
    const jobId = this.nextId++;
    return new Promise((resolve) => {
      this.pending = { jobId, resolve, onProgress: callbacks.onProgress?.bind(callbacks), onPreliminary: callbacks.onPreliminary?.bind(callbacks) };
      worker.postMessage({ kind: 'run', jobId, input } satisfies JobRequest<I>);
    });
  }

  /** Ask the running job to stop; its promise resolves as `cancelled` with what it finished. */
  cancel(): void {
    if (this.pending && this.worker) this.worker.postMessage({ kind: 'cancel', jobId: this.pending.jobId } satisfies JobRequest<I>);
  }

  dispose(): void {
    this.supersede();
    this.worker?.terminate();
    this.worker = null;
  }

  private supersede(): void {
    const previous = this.pending;
    if (!previous) return;
    this.pending = null;
    this.worker?.postMessage({ kind: 'cancel', jobId: previous.jobId } satisfies JobRequest<I>);
    previous.resolve({ status: 'superseded' });
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (event: MessageEvent) => this.receive(event.data as JobMessage<R>));
    worker.addEventListener('error', (event: ErrorEvent) => {
      // A worker that failed to load or crashed: fail the job and start a fresh worker next time.
      const pending = this.pending;
      this.pending = null;
      this.worker?.terminate();
      this.worker = null;
      pending?.resolve({ status: 'failed', message: event.message || 'The simulation worker stopped unexpectedly.' });
    });
    this.worker = worker;
    return worker;
  }

  private receive(message: JobMessage<R>): void {
    const pending = this.pending;
    if (!pending || message.jobId !== pending.jobId) return;
    if (message.kind === 'progress') {
      pending.onProgress?.({ done: message.done, total: message.total, ...(message.phase === undefined ? {} : { phase: message.phase }) });
      return;
    }
    if (message.kind === 'preliminary') {
      pending.onPreliminary?.(message.result);
      return;
    }
    this.pending = null;
    if (message.kind === 'failed') pending.resolve({ status: 'failed', message: message.message });
    else if (message.cancelled) pending.resolve({ status: 'cancelled', result: message.result });
    else pending.resolve({ status: 'done', result: message.result });
  }
}
