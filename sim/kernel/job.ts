/**
 * The one protocol every simulation job runs under, in a Web Worker (the UI)
 * or a Node worker thread (the CLI): the pure `sim/` code is stepped in
 * slices, reports progress, may post a first look, breathes between slices
 * so a cancel (or, in the UI, a newer run) is seen within one slice, and
 * when stopped returns what it finished — the same cancel semantics on both
 * sides. Hosts: renderer/workers/job-host.ts and electron/cli/sim-worker.ts.
 */

/** What a running job can do and see. */
export interface JobContext<R = unknown> {
  /** True once the user cancelled (or a newer run arrived): return what is done. */
  readonly cancelled: boolean;
  /** Report progress; a host posts it at most every so often (and always at the end). */
  progress(done: number, total: number, phase?: string): void;
  /** Figures from the work done so far (a first look; the final result supersedes them); absent where nobody is watching (the CLI). */
  preliminary?(result: R): void;
  /** Yield to the host's message loop (a macrotask, not a clamped timer) so a cancel arrives. */
  breathe(): Promise<void>;
}

export type JobHandler<I, R> = (input: I, context: JobContext<R>) => Promise<R> | R;

export interface JobProgress {
  done: number;
  total: number;
  /** What the job is doing, in the user's words ("trial 4,000 of 10,000", "importing rows"). */
  phase?: string;
}

/** To the worker: run a job (a newer `run` supersedes the current one), or stop one at its next slice. */
export type JobRequest<I> = { kind: 'run'; jobId: number; input: I } | { kind: 'cancel'; jobId: number };

/** From the worker. */
export type JobMessage<R> =
  | ({ kind: 'progress'; jobId: number } & JobProgress)
  /** Figures from the work done so far; the `done` message that follows supersedes them. */
  | { kind: 'preliminary'; jobId: number; result: R }
  /** `cancelled`: the job stopped early on request; `result` covers what it finished. */
  | { kind: 'done'; jobId: number; result: R; cancelled: boolean }
  | { kind: 'failed'; jobId: number; message: string };
