import { describe, expect, it } from 'vitest';
import { CompletionQueue, EventQueue, ServerPool, TimedFifo } from './kernel.ts';
import { streamRng } from './rng.ts';

describe('EventQueue', () => {
  it('pops by time, and first in first out among equal times', () => {
    const q = new EventQueue(2);
    q.push(5, 1);
    q.push(1, 2);
    q.push(5, 3);
    q.push(1, 4);
    q.push(3, 5);
    q.push(5, 6);
    const out: Array<[number, number]> = [];
    while (q.size) {
      const p = q.pop();
      out.push([q.time, p]);
    }
    expect(out).toEqual([
      [1, 2],
      [1, 4],
      [3, 5],
      [5, 1],
      [5, 3],
      [5, 6],
    ]);
    expect(q.pop()).toBe(-1);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('sorts many random events (with ties) exactly like a stable sort', () => {
    const rng = streamRng(3);
    const q = new EventQueue(4);
    const items: Array<{ t: number; id: number }> = [];
    for (let id = 0; id < 5000; id++) {
      const t = Math.floor(rng.next() * 200);
      items.push({ t, id });
      q.push(t, id);
      // Interleave pops to exercise sift-down on a changing heap.
      if (id % 7 === 6) {
        const p = q.pop();
        const idx = items.findIndex((x) => x.id === p);
        const expected = [...items].sort((a, b) => a.t - b.t || a.id - b.id)[0]!;
        expect(items[idx]).toEqual(expected);
        items.splice(idx, 1);
      }
    }
    const expected = [...items].sort((a, b) => a.t - b.t || a.id - b.id).map((x) => x.id);
    const got: number[] = [];
    while (q.size) got.push(q.pop());
    expect(got).toEqual(expected);
  });

  it('clear() restarts the sequence so runs are repeatable', () => {
    const q = new EventQueue();
    q.push(1, 1);
    q.clear();
    expect(q.size).toBe(0);
    q.push(2, 9);
    q.push(2, 8);
    expect([q.pop(), q.pop()]).toEqual([9, 8]);
  });
});

describe('CompletionQueue', () => {
  it('gives exactly the order of an EventQueue, ties included, when each pop is refilled or settled', () => {
    const rng = streamRng(11);
    const reference = new EventQueue(4);
    const q = new CompletionQueue(4, 4);
    // 40 payloads (crews), each pending once: a popped one is pushed again later, as a crew starts its next task.
    for (let p = 0; p < 40; p++) {
      const t = Math.floor(rng.next() * 50);
      reference.push(t, p);
      q.push(t, p);
    }
    const want: number[] = [];
    const got: number[] = [];
    for (let k = 0; k < 20_000; k++) {
      const p = reference.pop();
      want.push(p, reference.time);
      expect(q.peekTime()).toBe(reference.time);
      const popped = q.pop();
      got.push(popped, q.time);
      if (rng.next() < 0.8) {
        // Equal times are common here (whole numbers), so the sequence decides often.
        const t = reference.time + Math.floor(rng.next() * 20);
        reference.push(t, p);
        if (rng.next() < 0.5) q.push(t, popped);
        else {
          q.nextTime = t;
          q.pushAtNextTime(popped);
        }
      } else if (reference.size === 0) break;
    }
    expect(got).toEqual(want);
  });

  it('grows the per-payload sequence numbers for a payload beyond the room it was given', () => {
    const q = new CompletionQueue(4, 4);
    q.push(3, 100);
    q.push(3, 7);
    q.push(1, 200);
    expect(q.peekTime()).toBe(1);
    expect(q.pop()).toBe(200);
    expect(q.peekTime()).toBe(3);
    expect(q.peekSeq()).toBe(0);
    expect([q.pop(), (q.settle(), q.pop())]).toEqual([100, 7]);
  });
});

describe('ServerPool', () => {
  it('serves up to capacity and queues the rest first in, first out', () => {
    const pool = new ServerPool(2, [2, 1]);
    expect(pool.request(0, 10)).toBe(true);
    expect(pool.request(0, 11)).toBe(true);
    expect(pool.request(0, 12)).toBe(false);
    expect(pool.request(0, 13)).toBe(false);
    expect(pool.request(1, 20)).toBe(true);
    expect(pool.queueLength(0)).toBe(2);
    expect(pool.release(0)).toBe(12);
    expect(pool.release(0)).toBe(13);
    expect(pool.release(0)).toBe(-1);
    expect(pool.busy(0)).toBe(1);
    expect(pool.busy(1)).toBe(1);
  });

  it('holds work while closed and admits it in order when capacity opens', () => {
    const pool = new ServerPool(1);
    for (let i = 0; i < 40; i++) expect(pool.request(0, i)).toBe(false); // grows the ring past 16
    pool.setCapacity(0, 3);
    const started: number[] = [];
    for (let item = pool.admit(0); item >= 0; item = pool.admit(0)) started.push(item);
    expect(started).toEqual([0, 1, 2]);
    expect(pool.release(0)).toBe(3);
    expect(pool.queueLength(0)).toBe(36);
    pool.reset();
    expect(pool.queueLength(0)).toBe(0);
    expect(pool.busy(0)).toBe(0);
    expect(pool.capacity(0)).toBe(3);
  });

  it('keeps FIFO order across ring wrap-around and growth (against an array model)', () => {
    const pool = new ServerPool(1, [1]);
    const model: number[] = [];
    let busy = 0;
    let next = 0;
    for (let round = 0; round < 200; round++) {
      for (let k = 0; k < 1 + (round % 23); k++) {
        const item = next++;
        if (pool.request(0, item)) busy++;
        else model.push(item);
      }
      for (let k = 0; k < round % 17 && busy > 0; k++) {
        const item = pool.release(0);
        if (model.length) expect(item).toBe(model.shift());
        else {
          expect(item).toBe(-1);
          busy--;
        }
      }
      expect(pool.queueLength(0)).toBe(model.length);
    }
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
        single.push(lastGrid, id);
      } else {
        const t = clock + Math.floor(rng.next() * 4);
        heap.push(t, id);
        single.push(t, id);
      }
      if (id % 3 === 2) {
        const fromFifo = fifo.peekTime() < heap.peekTime() || (fifo.peekTime() === heap.peekTime() && fifo.peekSeq() < heap.peekSeq());
        merged.push(fromFifo ? fifo.pop() : heap.pop());
        reference.push(single.pop());
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
