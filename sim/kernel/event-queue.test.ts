import { describe, expect, it } from 'vitest';
import { EventQueue, TimedFifo } from './event-queue.ts';
import { streamRng } from './prng.ts';

describe('EventQueue', () => {
  it('pops by time, and first in first out among equal times', () => {
    const q = new EventQueue(2);
    q.push(5, 0, 1);
    q.push(1, 0, 2);
    q.push(5, 0, 3);
    q.push(1, 0, 4);
    q.push(3, 0, 5);
    q.push(5, 0, 6);
    const out: Array<[number, number]> = [];
    while (q.pop()) out.push([q.time, q.subject]);
    expect(out).toEqual([
      [1, 2],
      [1, 4],
      [3, 5],
      [5, 1],
      [5, 3],
      [5, 6],
    ]);
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('sorts many random events (with ties) exactly like a stable sort', () => {
    const rng = streamRng(3);
    const q = new EventQueue(4);
    const items: Array<{ t: number; id: number }> = [];
    for (let id = 0; id < 5000; id++) {
      const t = Math.floor(rng.next() * 200);
      items.push({ t, id });
      q.push(t, 0, id);
      // Interleave pops to exercise sift-down on a changing heap.
      if (id % 7 === 6) {
        q.pop();
        const p = q.subject;
        const idx = items.findIndex((x) => x.id === p);
        const expected = [...items].sort((a, b) => a.t - b.t || a.id - b.id)[0]!;
        expect(items[idx]).toEqual(expected);
        items.splice(idx, 1);
      }
    }
    const expected = [...items].sort((a, b) => a.t - b.t || a.id - b.id).map((x) => x.id);
    const got: number[] = [];
    while (q.pop()) got.push(q.subject);
    expect(got).toEqual(expected);
  });

  it('clear() restarts the sequence so runs are repeatable', () => {
    const q = new EventQueue();
    q.push(1, 0, 1);
    q.clear();
    expect(q.size).toBe(0);
    q.push(2, 0, 9);
    q.push(2, 0, 8);
    const order: number[] = [];
    while (q.pop()) order.push(q.subject);
    expect(order).toEqual([9, 8]);
  });

  it('carries each event\'s kind, subject and epoch', () => {
    const q = new EventQueue(2);
    q.push(2, 7, 40, 3);
    q.push(1, 255, 41, -1);
    q.push(2, 1, 42);
    const out: number[][] = [];
    while (q.pop()) out.push([q.time, q.kind, q.subject, q.epoch]);
    expect(out).toEqual([
      [1, 255, 41, -1],
      [2, 7, 40, 3],
      [2, 1, 42, 0],
    ]);
  });
});

describe('TimedFifo beside an EventQueue', () => {
  it('orders with the heap by (time, sequence) exactly as one queue would', () => {
    const rng = streamRng(4);
    const heap = new EventQueue();
    const fifo = new TimedFifo();
    const single = new EventQueue();
    let clock = 0;
    let lastGrid = 0;
    const merged: number[] = [];
    const reference: number[] = [];
    for (let id = 0; id < 3000; id++) {
      // Grid times for the FIFO (never earlier than the last), free times for the heap; both at or after the clock.
      if (rng.next() < 0.4) {
        lastGrid = Math.max(lastGrid, Math.floor(clock) + 1 + Math.floor(rng.next() * 2));
        fifo.push(lastGrid, heap.takeSeq(), id);
        single.push(lastGrid, 0, id);
      } else {
        const t = clock + Math.floor(rng.next() * 4);
        heap.push(t, 0, id);
        single.push(t, 0, id);
      }
      if (id % 3 === 2) {
        const fromFifo = fifo.peekTime() < heap.peekTime() || (fifo.peekTime() === heap.peekTime() && fifo.peekSeq() < heap.peekSeq());
        if (fromFifo) merged.push(fifo.pop());
        else {
          heap.pop();
          merged.push(heap.subject);
        }
        single.pop();
        reference.push(single.subject);
        clock = single.time;
      }
    }
    expect(merged).toEqual(reference);
  });

  it('refuses an event earlier than the last one', () => {
    const fifo = new TimedFifo();
    fifo.push(2, 0, 1);
    expect(() => fifo.push(1, 1, 2)).toThrow(/time order/);
    for (let k = 0; k < 200; k++) fifo.push(2 + k, k + 2, k); // grows past 64
    expect(fifo.pop()).toBe(1);
    expect(fifo.size).toBe(200);
    expect(fifo.pop()).toBe(0);
  });
});
