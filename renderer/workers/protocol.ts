/**
 * The messages between the UI thread and a simulation Web Worker. One job
 * runs at a time per worker; a newer `run` supersedes the current one (its
 * progress stops and it ends as `superseded`), and `cancel` stops it at the
 * next slice boundary with whatever it finished. A long job may post
 * `preliminary` results on the way (figures from the work done so far), so a
 * first look is on screen within one slice instead of at the end.
 */

export type JobRequest<I> = { kind: 'run'; jobId: number; input: I } | { kind: 'cancel'; jobId: number };

export interface JobProgress {
  done: number;
  total: number;
  /** What the job is doing, in the user's words ("trial 4,000 of 10,000", "importing rows"). */
  phase?: string;
}

export type JobMessage<R> =
  | ({ kind: 'progress'; jobId: number } & JobProgress)
  /** Figures from the work done so far; the `done` message that follows supersedes them. */
  | { kind: 'preliminary'; jobId: number; result: R }
  /** `cancelled`: the job stopped early on request; `result` covers what it finished (if the handler returns one). */
  | { kind: 'done'; jobId: number; result: R; cancelled: boolean }
  | { kind: 'failed'; jobId: number; message: string };
