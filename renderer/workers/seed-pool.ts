/**
 * A small pool of simulation Web Workers that runs one job as K independent
 * per-seed jobs in parallel and merges what they return. Each worker speaks
 * the one job protocol (`sim/kernel/job.ts`) through its own `JobClient`, so
 * nothing here is a second protocol: the pool only splits, schedules and
 * merges. Seeds are independent and seeded per seed, so the merged figures
 * are the same for any pool size.
 *
 * Progress is over all seeds (the share of the per-seed jobs done); cancel
 * stops every running seed and merges the seeds that finished (when none
 * finished, the stopped seeds' partial figures, as a single run keeps them);
 * a newer run supersedes the whole set; a seed that fails fails the run,
 * naming the seed.
 */
import type { JobProgress } from '../../sim/kernel/job.ts';
import { JobClient, type JobOutcome, type JobRunner, type RunCallbacks, type WorkerLike } from './job-client.ts';

export interface SeedSplit<I, P, Q, R> {
  /** The per-seed jobs of an input, seed 0 first (one for a trace). */
  split(input: I): P[];
  /** The result from the per-seed results that finished (seed order; a hole for one that did not), or null when there is none. */
  merge(input: I, results: ReadonlyArray<Q | undefined>, asked: number): R | null;
  /** A first look from seed 0's preliminary figures (absent: none is shown). */
  preliminary?(input: I, first: Q): R | null;
}

/** Workers in a pool: the machine's cores (at least 1), never more than there are seeds to run. */
export function poolSize(hardwareConcurrency: number | undefined, limit = 8): number {
  return Math.max(1, Math.min(limit, Math.floor(hardwareConcurrency ?? 2) || 2));
}

export class SeedPool<I, P, Q, R> implements JobRunner<I, R> {
  private readonly clients: Array<JobClient<P, Q>> = [];
  private readonly createWorker: () => WorkerLike;
  private readonly splitter: SeedSplit<I, P, Q, R>;
  private readonly size: number;
  private generation = 0;
  private cancelled = false;
  private active = false;

  constructor(createWorker: () => WorkerLike, splitter: SeedSplit<I, P, Q, R>, size: number) {
    this.createWorker = createWorker;
    this.splitter = splitter;
    this.size = Math.max(1, size);
  }

  get running(): boolean {
    return this.active;
  }

  async run(input: I, callbacks: RunCallbacks<R> = {}): Promise<JobOutcome<R>> {
    const generation = ++this.generation;
    this.cancelled = false;
    this.active = true;
    const parts = this.splitter.split(input);
    const finished: Array<Q | undefined> = new Array<Q | undefined>(parts.length).fill(undefined);
    const partial: Array<Q | undefined> = new Array<Q | undefined>(parts.length).fill(undefined);
    const shares = new Array<number>(parts.length).fill(0);
    let next = 0;
    let done = 0;
    let failed: string | null = null;
    let superseded = false;
    // "Simulating day 3.2 of 7 (seed 2 of 5; 1 of 5 seeds done)": what the latest seed does first, then where the set stands.
    const report = (k: number | null, phase: string | undefined) => {
      const share = shares.reduce((a, b) => a + b, 0);
      const progress: JobProgress = { done: Math.round(share * 1000), total: parts.length * 1000 };
      const seeds = `${done} of ${parts.length} seeds done`;
      const text = parts.length < 2 ? phase : k !== null && phase ? `${phase} (seed ${k + 1} of ${parts.length}; ${seeds})` : seeds;
      callbacks.onProgress?.(text ? { ...progress, phase: text } : progress);
    };
    const stopping = () => this.cancelled || failed !== null || generation !== this.generation;
    const lane = async (client: JobClient<P, Q>) => {
      while (next < parts.length && !stopping()) {
        const k = next++;
        const onPreliminary = k === 0 && this.splitter.preliminary && callbacks.onPreliminary ? (q: Q) => {
          const r = this.splitter.preliminary!(input, q);
          if (r !== null && !stopping()) callbacks.onPreliminary!(r);
        } : undefined;
        const outcome = await client.run(parts[k]!, {
          onProgress: (p) => {
            shares[k] = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
            report(k, p.phase);
          },
          ...(onPreliminary ? { onPreliminary } : {}),
        });
        if (outcome.status === 'superseded') {
          superseded = true;
          return;
        }
        if (outcome.status === 'failed') {
          if (failed === null) failed = parts.length > 1 ? `seed ${k + 1} of ${parts.length}: ${outcome.message}` : outcome.message;
          for (const c of this.clients) c.cancel();
          return;
        }
        if (outcome.status === 'cancelled') {
          partial[k] = outcome.result;
          return;
        }
        finished[k] = outcome.result;
        shares[k] = 1;
        done++;
        report(null, undefined);
      }
    };
    const lanes = Math.min(this.size, parts.length);
    while (this.clients.length < lanes) this.clients.push(new JobClient<P, Q>(this.createWorker));
    await Promise.all(this.clients.slice(0, lanes).map(lane));
    if (generation !== this.generation || superseded) return { status: 'superseded' };
    this.active = false;
    if (failed !== null) return { status: 'failed', message: failed };
    const any = finished.some((q) => q !== undefined);
    const merged = this.splitter.merge(input, any ? finished : partial, parts.length);
    if (this.cancelled || done < parts.length) return { status: 'cancelled', result: merged ?? undefined };
    return merged === null ? { status: 'failed', message: 'No seed finished.' } : { status: 'done', result: merged };
  }

  cancel(): void {
    if (!this.active) return;
    this.cancelled = true;
    for (const client of this.clients) client.cancel();
  }

  dispose(): void {
    this.generation++;
    this.active = false;
    for (const client of this.clients.splice(0)) client.dispose();
  }
}
