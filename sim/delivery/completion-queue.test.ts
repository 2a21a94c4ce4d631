import { describe, expect, it } from 'vitest';
import { EventQueue } from '../kernel/event-queue.ts';
import { streamRng } from '../kernel/prng.ts';
import { CompletionQueue } from './completion-queue.ts';

describe('CompletionQueue', () => {
  it('gives exactly the order of an EventQueue, ties included, when each pop is refilled or settled', () => {
    const rng = streamRng(11);
    const reference = new EventQueue(4);
    const q = new CompletionQueue(4, 4);
    // 40 payloads (crews), each pending once: a popped one is pushed again later, as a crew starts its next task.
    for (let p = 0; p < 40; p++) {
      const t = Math.floor(rng.next() * 50);
      reference.push(t, 0, p);
      q.push(t, p);
    }
    const want: number[] = [];
    const got: number[] = [];
    for (let k = 0; k < 20_000; k++) {
      reference.pop();
      const p = reference.subject;
      want.push(p, reference.time);
      expect(q.peekTime()).toBe(reference.time);
      const popped = q.pop();
      got.push(popped, q.time);
      if (rng.next() < 0.8) {
        // Equal times are common here (whole numbers), so the sequence decides often.
        const t = reference.time + Math.floor(rng.next() * 20);
        reference.push(t, 0, p);
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
