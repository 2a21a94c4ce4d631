import { describe, expect, it } from 'vitest';
import { ServerPool } from './server-pool.ts';

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
