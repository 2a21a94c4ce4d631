import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, seal, undo } from './history.ts';

interface Doc {
  name: string;
  n: number;
}

describe('undo/redo history', () => {
  const a: Doc = { name: 'a', n: 0 };
  const b: Doc = { name: 'b', n: 1 };
  const c: Doc = { name: 'c', n: 2 };

  it('undo restores the previous document and redo re-applies it', () => {
    let h = createHistory(a);
    h = record(h, b, { now: 0 });
    h = record(h, c, { now: 10_000 });
    expect(h.present).toBe(c);
    h = undo(h);
    expect(h.present).toBe(b);
    h = undo(h);
    expect(h.present).toBe(a);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe(b);
    h = redo(h);
    expect(h.present).toBe(c);
    expect(canRedo(h)).toBe(false);
  });

  it('undo and redo at the ends change nothing', () => {
    const h = createHistory(a);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it('a new edit clears the redo stack', () => {
    let h = createHistory(a);
    h = record(h, b, { now: 0 });
    h = undo(h);
    expect(canRedo(h)).toBe(true);
    h = record(h, c, { now: 1 });
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual([a]);
  });

  it('typing in the same field coalesces into one undo step', () => {
    let h = createHistory(a);
    let doc = a;
    for (let i = 1; i <= 5; i++) {
      doc = { name: 'a'.repeat(i + 1), n: 0 };
      h = record(h, doc, { coalesceKey: 'name', now: i * 200 });
    }
    expect(h.present.name).toBe('aaaaaa');
    expect(h.past).toHaveLength(1);
    h = undo(h);
    expect(h.present).toBe(a);
  });

  it('does not coalesce different fields, after a pause, or after seal', () => {
    let h = createHistory(a);
    h = record(h, { name: 'x', n: 0 }, { coalesceKey: 'name', now: 0 });
    h = record(h, { name: 'x', n: 1 }, { coalesceKey: 'n', now: 100 });
    expect(h.past).toHaveLength(2);
    h = record(h, { name: 'x', n: 2 }, { coalesceKey: 'n', now: 100 + 5_000 });
    expect(h.past).toHaveLength(3);
    h = seal(h);
    h = record(h, { name: 'x', n: 3 }, { coalesceKey: 'n', now: 100 + 5_001 });
    expect(h.past).toHaveLength(4);
  });

  it('changes without a key never coalesce', () => {
    let h = createHistory(a);
    h = record(h, b, { now: 0 });
    h = record(h, c, { now: 1 });
    expect(h.past).toHaveLength(2);
  });

  it('caps the number of undo steps, dropping the oldest', () => {
    let h = createHistory<Doc>({ name: 'start', n: -1 });
    for (let i = 0; i < 10; i++) h = record(h, { name: 'x', n: i }, { now: i }, { limit: 3 });
    expect(h.past.map((d) => d.n)).toEqual([6, 7, 8]);
    expect(h.present.n).toBe(9);
  });

  it('recording the present document again is a no-op', () => {
    const h = createHistory(a);
    expect(record(h, a, { now: 0 })).toBe(h);
  });
});
