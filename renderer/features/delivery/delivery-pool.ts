/**
 * The delivery comparison on every core: a pool of Web Workers, each
 * speaking the one job protocol through its own `JobClient` (the shape of
 * `workers/seed-pool.ts`), fed blocks of trials by `runComparisonOnPool`,
 * which merges them in block order and applies the stopping rule: the
 * figures and the trial count are the same for any pool size. Other jobs
 * (the tornado) run on the first worker.
 *
 * Progress is over merged trials; a first look comes after the first block
 * and then every second; cancel stops every lane and keeps the blocks merged;
 * a newer run supersedes the whole set; a failing block fails the run.
 */
import type { DeliveryJobInput, DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { runComparisonOnPool } from '../../../sim/delivery/pool.ts';
import { JobClient, type JobOutcome, type JobRunner, type RunCallbacks, type WorkerLike } from '../../workers/job-client.ts';

/** Workers for the comparison: the machine's cores less one for the page, at least 1. */
export function deliveryPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, (Math.floor(hardwareConcurrency ?? 2) || 2) - 1);
}

export class DeliveryPool implements JobRunner<DeliveryJobInput, DeliveryJobResult> {
  private readonly clients: Array<JobClient<DeliveryJobInput, DeliveryJobResult>> = [];
  private readonly createWorker: () => WorkerLike;
  readonly size: number;
  private generation = 0;
  private cancelled = false;
  private active = false;

  constructor(createWorker: () => WorkerLike, size: number) {
    this.createWorker = createWorker;
    this.size = Math.max(1, Math.floor(size));
  }

  get running(): boolean {
    return this.active;
  }

  private client(lane: number): JobClient<DeliveryJobInput, DeliveryJobResult> {
    while (this.clients.length <= lane) this.clients.push(new JobClient<DeliveryJobInput, DeliveryJobResult>(this.createWorker));
    return this.clients[lane]!;
  }

  async run(input: DeliveryJobInput, callbacks: RunCallbacks<DeliveryJobResult> = {}): Promise<JobOutcome<DeliveryJobResult>> {
    const generation = ++this.generation;
    this.cancelled = false;
    this.active = true;
    if (input.kind !== 'compare') {
      const outcome = await this.client(0).run(input, callbacks);
      if (generation === this.generation) this.active = false;
      return outcome;
    }
    let failed: string | null = null;
    let superseded = false;
    const current = () => generation === this.generation && !superseded;
    const stopping = () => this.cancelled || failed !== null || !current();
    let result: DeliveryJobResult;
    try {
      result = await runComparisonOnPool(input, {
        lanes: this.size,
        runKey: `run-${generation}`,
        now: () => performance.now(),
        get cancelled() {
          return stopping();
        },
        progress: (done, total, phase) => {
          if (current()) callbacks.onProgress?.({ done, total, phase });
        },
        preliminary: (r) => {
          if (current()) callbacks.onPreliminary?.(r);
        },
        dispatch: async (lane, job) => {
          const outcome = await this.client(lane).run(job);
          if (outcome.status === 'superseded') superseded = true;
          else if (outcome.status === 'failed') {
            failed ??= outcome.message;
            for (const c of this.clients) c.cancel();
          } else if (outcome.result?.kind === 'blocks') return outcome.result.blocks;
          return null;
        },
      });
    } catch (error) {
      failed ??= error instanceof Error ? error.message : String(error);
      result = { kind: 'blocks', blocks: [] };
    }
    if (!current()) return { status: 'superseded' };
    this.active = false;
    if (failed !== null) return { status: 'failed', message: failed };
    if (this.cancelled) return { status: 'cancelled', result };
    return { status: 'done', result };
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
