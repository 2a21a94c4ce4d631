/** Shards of a sweep: i/n parsed or refused naming the range, round-robin units, and coverage checked before any merge. */
import { describe, expect, it } from 'vitest';
import { coverageProblems, headerDifference, parseShard, shardUnits } from './shards.ts';

describe('shards', () => {
  it('reads i/n, 0-based like JOB_COMPLETION_INDEX', () => {
    expect(parseShard('0/1')).toEqual({ shard: { index: 0, count: 1 } });
    expect(parseShard(' 6 / 7 ')).toEqual({ shard: { index: 6, count: 7 } });
  });

  it('refuses a shard out of range or malformed, naming the value and the valid range', () => {
    expect(parseShard('2/2')).toEqual({ problem: expect.stringMatching(/"2\/2".*0-based.*from 0 to 1 \(got 2\)/) });
    expect(parseShard('7/3')).toEqual({ problem: expect.stringMatching(/from 0 to 2 \(got 7\)/) });
    expect(parseShard('0/0')).toEqual({ problem: expect.stringMatching(/"0\/0".*number of shards n must be from 1/) });
    for (const bad of ['3/', 'a/b', '/2', '-1/2', '1.5/2', '']) expect(parseShard(bad)).toEqual({ problem: expect.stringContaining(`"${bad}" is not a shard: write i/n`) });
  });

  it('gives shard i the units ≡ i (mod n), so the shards together hold every unit once', () => {
    expect(shardUnits(10, { index: 1, count: 3 })).toEqual([1, 4, 7]);
    expect(shardUnits(2, { index: 5, count: 7 })).toEqual([]);
    const all = [0, 1, 2, 3, 4, 5, 6].flatMap((i) => shardUnits(20, { index: i, count: 7 }));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('names missing and doubled shards, and a shard holding other units than its index says', () => {
    const shard = (source: string, index: number, indices = shardUnits(9, { index, count: 3 })) => ({ source, shard: { index, count: 3 }, indices });
    expect(coverageProblems(9, [shard('a.json', 0), shard('b.json', 1), shard('c.json', 2)])).toEqual([]);
    expect(coverageProblems(9, [shard('a.json', 0), shard('c.json', 2)])).toEqual(['missing shard 1/3']);
    expect(coverageProblems(9, [shard('a.json', 0), shard('b.json', 1), shard('c.json', 2), shard('d.json', 2)])).toEqual(['shard 2/3 is given twice: c.json and d.json']);
    expect(coverageProblems(9, [shard('a.json', 0, [0, 3]), shard('b.json', 1), shard('c.json', 2)])).toEqual([expect.stringMatching(/^a\.json: shard 0\/3 should hold units 0, 3, 6 of 9, but holds 0, 3/)]);
    expect(coverageProblems(9, [shard('a.json', 0), { source: 'x.json', shard: { index: 1, count: 2 }, indices: [1] }])[0]).toMatch(/different numbers of shards: a\.json is 0\/3, x\.json is 1\/2/);
  });

  it('says how two sweeps differ by the field that differs, the identity hash last', () => {
    expect(headerDifference({ sweep: 'aaa', seeds: [1, 2] }, { sweep: 'bbb', seeds: [1, 2, 3] })).toBe('seeds: [1,2,3] there, [1,2] in the first');
    expect(headerDifference({ sweep: 'aaa' }, { sweep: 'aaa' })).toBeNull();
  });
});
