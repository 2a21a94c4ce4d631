/**
 * The seed pool over real MessageChannels (a Web Worker's transport): the
 * per-seed jobs run on at most `size` workers at once, merge in seed order
 * whatever the pool size, report progress over all seeds, keep the finished
 * seeds on cancel, name a failing seed, and a newer run supersedes the set.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobContext, JobProgress } from '../../sim/kernel/job.ts';
import type { WorkerLike } from './job-client.ts';
import { channelWorker, closeChannelWorkers } from './testing.ts';
import { poolSize, SeedPool, type SeedSplit } from './seed-pool.ts';

interface SeedInput {
  seed: number;
  steps: number;
  failSeed?: number;
  /** Seeds from this one on never finish on their own (they wait for a cancel). */
  holdFrom?: number;
}

let running = 0;
let mostAtOnce = 0;

async function seedJob(input: SeedInput, context: JobContext<number>): Promise<number> {
  running++;
  mostAtOnce = Math.max(mostAtOnce, running);
  try {
    if (input.seed === input.failSeed) throw new Error('load: 12 must be a share from 0.05 to 10');
    let step = 0;
    const endless = input.holdFrom !== undefined && input.seed >= input.holdFrom;
    while ((endless || step < input.steps) && !context.cancelled) {
      step++;
      context.progress(Math.min(step, input.steps), input.steps, 'simulating');
      await context.breathe();
    }
    return input.seed * 100 + Math.min(step, input.steps);
  } finally {
    running--;
  }
}

const worker = (): WorkerLike => channelWorker(seedJob);

afterEach(() => {
  closeChannelWorkers();
  running = 0;
  mostAtOnce = 0;
});

interface Job {
  seeds: number;
  steps: number;
  failSeed?: number;
  holdFrom?: number;
}

const split: SeedSplit<Job, SeedInput, number, number[]> = {
  split: (job) => Array.from({ length: job.seeds }, (_, seed) => ({ seed, steps: job.steps, ...(job.failSeed !== undefined ? { failSeed: job.failSeed } : {}), ...(job.holdFrom !== undefined ? { holdFrom: job.holdFrom } : {}) })),
  merge: (_job, results) => {
    const done = results.filter((r): r is number => r !== undefined);
    return done.length ? done : null;
  },
};

describe('a pool of workers running one job per seed', () => {
  it('merges in seed order for any pool size, never running more than the pool at once', async () => {
    for (const size of [1, 2, 3]) {
      mostAtOnce = 0;
      const pool = new SeedPool(worker, split, size);
      expect(await pool.run({ seeds: 5, steps: 5 })).toEqual({ status: 'done', result: [5, 105, 205, 305, 405] });
      expect(mostAtOnce).toBeLessThanOrEqual(size);
      pool.dispose();
    }
  });

  it('reports progress over all seeds', async () => {
    const pool = new SeedPool(worker, split, 2);
    const seen: JobProgress[] = [];
    await pool.run({ seeds: 3, steps: 4 }, { onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ done: 3000, total: 3000, phase: '3 of 3 seeds done' });
    expect(seen.some((p) => /^simulating \(seed 2 of 3; [0-2] of 3 seeds done\)$/.test(p.phase ?? ''))).toBe(true);
    pool.dispose();
  });

  it('keeps the seeds that finished when cancelled', async () => {
    const pool = new SeedPool(worker, split, 2);
    const outcome = pool.run({ seeds: 4, steps: 3, holdFrom: 2 }, {
      onProgress: (p) => {
        if (p.phase === '2 of 4 seeds done') pool.cancel();
      },
    });
    expect(await outcome).toEqual({ status: 'cancelled', result: [3, 103] });
    pool.dispose();
  });

  it('names the seed that failed', async () => {
    const pool = new SeedPool(worker, split, 2);
    expect(await pool.run({ seeds: 3, steps: 2, failSeed: 1 })).toEqual({ status: 'failed', message: 'seed 2 of 3: load: 12 must be a share from 0.05 to 10' });
    pool.dispose();
  });

  it('a newer run supersedes the set in flight', async () => {
    const pool = new SeedPool(worker, split, 2);
    const first = pool.run({ seeds: 3, steps: 2, holdFrom: 0 });
    const second = pool.run({ seeds: 2, steps: 2 });
    expect(await first).toEqual({ status: 'superseded' });
    expect(await second).toEqual({ status: 'done', result: [2, 102] });
    pool.dispose();
  });

  it('is as large as the machine\'s cores, at least one', () => {
    expect(poolSize(2)).toBe(2);
    expect(poolSize(undefined)).toBe(2);
    expect(poolSize(0)).toBe(2);
    expect(poolSize(64)).toBe(8);
  });
});
