/**
 * A simulation job in a worker, end to end over a real MessageChannel (the
 * transport a Web Worker uses): progress arrives, cancel stops it with what
 * it finished, a newer run supersedes the one in flight, errors are named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JobClient, type WorkerLike } from './job-client.ts';
import type { JobContext } from '../../sim/kernel/job.ts';
import { channelWorker, closeChannelWorkers } from './testing.ts';
import type { JobProgress } from '../../sim/kernel/job.ts';

interface CountInput {
  upTo: number;
  fail?: boolean;
  /** Post the count so far as a preliminary result every this many. */
  preliminaryEvery?: number;
}

/** A job like the simulators': work in slices, breathe between them, return what is done when cancelled. */
async function countJob(input: CountInput, context: JobContext<{ counted: number }>): Promise<{ counted: number }> {
  if (input.fail) throw new Error('trials must be a whole number ≥ 1 (got 0)');
  let counted = 0;
  while (counted < input.upTo && !context.cancelled) {
    counted += 1;
    context.progress(counted, input.upTo, 'counting');
    if (input.preliminaryEvery && counted % input.preliminaryEvery === 0 && counted < input.upTo) context.preliminary?.({ counted });
    await context.breathe();
  }
  return { counted };
}

const workerOverChannel = (): WorkerLike => channelWorker(countJob);

afterEach(() => {
  closeChannelWorkers();
});

describe('a simulation job in a worker', () => {
  it('reports progress and returns its result', async () => {
    const client = new JobClient<CountInput, { counted: number }>(workerOverChannel);
    const seen: JobProgress[] = [];
    const outcome = await client.run({ upTo: 20 }, { onProgress: (p) => seen.push(p) });
    expect(outcome).toEqual({ status: 'done', result: { counted: 20 } });
    expect(seen.at(-1)).toEqual({ done: 20, total: 20, phase: 'counting' });
    expect(seen.length).toBeGreaterThan(1);
    client.dispose();
  });

  it('posts its figures so far on the way, before the final result', async () => {
    const client = new JobClient<CountInput, { counted: number }>(workerOverChannel);
    const firstLooks: number[] = [];
    const outcome = await client.run({ upTo: 30, preliminaryEvery: 10 }, { onPreliminary: (r) => firstLooks.push(r.counted) });
    expect(firstLooks).toEqual([10, 20]);
    expect(outcome).toEqual({ status: 'done', result: { counted: 30 } });
    client.dispose();
  });

  it('stops on cancel with what it finished', async () => {
    const client = new JobClient<CountInput, { counted: number }>(workerOverChannel);
    const outcome = client.run({ upTo: 1_000_000 }, {
      onProgress: (p) => {
        if (p.done === 50) client.cancel();
      },
    });
    const result = await outcome;
    expect(result.status).toBe('cancelled');
    if (result.status !== 'cancelled') return;
    expect(result.result!.counted).toBeGreaterThanOrEqual(50);
    expect(result.result!.counted).toBeLessThan(1_000_000);
    client.dispose();
  });

  it('a newer run supersedes the one in flight, which never reports a result', async () => {
    const client = new JobClient<CountInput, { counted: number }>(workerOverChannel);
    const first = client.run({ upTo: 1_000_000 });
    const second = client.run({ upTo: 10 });
    expect(await first).toEqual({ status: 'superseded' });
    expect(await second).toEqual({ status: 'done', result: { counted: 10 } });
    client.dispose();
  });

  it('a failing job is reported with its message, and the worker takes the next job', async () => {
    const client = new JobClient<CountInput, { counted: number }>(workerOverChannel);
    expect(await client.run({ upTo: 1, fail: true })).toEqual({ status: 'failed', message: 'trials must be a whole number ≥ 1 (got 0)' });
    expect(await client.run({ upTo: 3 })).toEqual({ status: 'done', result: { counted: 3 } });
    client.dispose();
  });
});
