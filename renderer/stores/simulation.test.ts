/**
 * The simulation store keeps the last result on screen while a newer run
 * computes, skips a run for the input already shown, and keeps the previous
 * result when a run fails.
 */
import { describe, expect, it } from 'vitest';
import { hostJobs } from '../workers/job-host.ts';
import type { WorkerLike } from '../workers/job-client.ts';
import { createSimulationStore } from './simulation.ts';

type Handler = Parameters<typeof hostJobs<number, number>>[1];

function doublingWorker(calls: number[]): () => WorkerLike {
  return workerWith(async (input: number) => {
    calls.push(input);
    if (input < 0) throw new Error(`load must be ≥ 0 (got ${input})`);
    return input * 2;
  });
}

function workerWith(handler: Handler): () => WorkerLike {
  return () => {
    const channel = new MessageChannel();
    hostJobs(channel.port2 as unknown as Parameters<typeof hostJobs>[0], handler);
    channel.port1.start();
    channel.port2.start();
    return {
      postMessage: (m) => channel.port1.postMessage(m),
      addEventListener: (type: string, listener: (event: never) => void) => {
        if (type === 'message') channel.port1.addEventListener('message', listener as (event: MessageEvent) => void);
      },
      terminate: () => {
        channel.port1.close();
        channel.port2.close();
      },
    };
  };
}

describe('simulation store', () => {
  it('shows the previous result while the next run computes, then the new one', async () => {
    const calls: number[] = [];
    const store = createSimulationStore<number, number>(doublingWorker(calls));
    await store.getState().run(2, 'two');
    expect(store.getState()).toMatchObject({ status: 'done', result: 4, resultKey: 'two' });
    const next = store.getState().run(5, 'five');
    expect(store.getState()).toMatchObject({ status: 'running', result: 4, resultKey: 'two', runningKey: 'five' });
    await next;
    expect(store.getState()).toMatchObject({ status: 'done', result: 10, resultKey: 'five', runningKey: null });
    store.getState().reset();
  });

  it('does not re-run the input already shown', async () => {
    const calls: number[] = [];
    const store = createSimulationStore<number, number>(doublingWorker(calls));
    await store.getState().run(3, 'three');
    await store.getState().run(3, 'three');
    expect(calls).toEqual([3]);
    await store.getState().run(3, 'three', { force: true });
    expect(calls).toEqual([3, 3]);
    store.getState().reset();
  });

  it('shows a running job’s figures so far at once, flagged as preliminary, until its final ones replace them', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = createSimulationStore<number, number>(
      workerWith(async (input, context) => {
        context.preliminary?.(input);
        await gate;
        return input * 10;
      }),
    );
    const running = store.getState().run(7, 'seven');
    await expect.poll(() => store.getState().result).toBe(7);
    expect(store.getState()).toMatchObject({ status: 'running', resultKey: 'seven', preliminary: true });
    release();
    await running;
    expect(store.getState()).toMatchObject({ status: 'done', result: 70, resultKey: 'seven', preliminary: false });
    store.getState().reset();
  });

  it('a failed run names the problem and keeps the last good result', async () => {
    const store = createSimulationStore<number, number>(doublingWorker([]));
    await store.getState().run(1, 'one');
    await store.getState().run(-1, 'minus');
    expect(store.getState()).toMatchObject({ status: 'error', error: 'load must be ≥ 0 (got -1)', result: 2, resultKey: 'one' });
    store.getState().reset();
  });
});
