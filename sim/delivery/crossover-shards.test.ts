/** The crossover cut into shards at point level merges into exactly the whole crossover, for any number of shards. */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { SHARD_FORMAT, type Shard } from '../kernel/shards.ts';
import { CrossoverRun, type CrossoverOptions } from './crossover.ts';
import { crossoverFromUnits, decodeNumbers, encodeNumbers, mergeCrossover, type CrossoverShardHeader, type CrossoverUnit } from './crossover-shards.ts';
import type { DeliveryInput } from './simulate.ts';

const samples = loadSamples();
const options: CrossoverOptions = { trials: 40, seed: 3, demand: { from: 0.1, to: 1, steps: 4 }, headcount: { from: 0.5, to: 2, steps: 3 } };

function run(input: DeliveryInput, shard?: Shard): CrossoverRun {
  const r = new CrossoverRun(input, { ...options, ...(shard ? { shard } : {}) });
  while (!r.finished) r.step(7);
  return r;
}

function shardOf(input: DeliveryInput, shard: Shard) {
  const r = run(input, shard);
  const header: CrossoverShardHeader = { kind: 'crossover', sweep: 'x', podplan: 'test', scenario: { id: 'a', name: 'A' }, currency: 'USD', seed: options.seed, trialsPerPoint: options.trials, sweeps: r.plan };
  const units: CrossoverUnit[] = r.finishedPoints.map((p) => ({ index: p.index, axis: p.axis, point: encodeNumbers(p.point) }));
  const file = JSON.parse(JSON.stringify({ format: SHARD_FORMAT, version: 1, header, shard, units })) as { format: typeof SHARD_FORMAT; version: 1; header: CrossoverShardHeader; shard: Shard; units: CrossoverUnit[] };
  return { source: `shard-${shard.index}-of-${shard.count}.json`, file };
}

describe('the crossover in shards', () => {
  for (const scenario of samples) {
    it(`merges into the whole crossover for 1, 2 and 7 shards (${scenario.id})`, () => {
      const input: DeliveryInput = { scenario };
      const whole = JSON.stringify(encodeNumbers(run(input).result()));
      for (const count of [1, 2, 7]) {
        const shards = Array.from({ length: count }, (_, i) => shardOf(input, { index: i, count }));
        const merged = mergeCrossover(shards);
        if ('problems' in merged) throw new Error(merged.problems.join('; '));
        expect(JSON.stringify(encodeNumbers(merged.crossover))).toBe(whole);
      }
    });
  }

  it('a shard runs only its own points', () => {
    const r = run({ scenario: samples[0]! }, { index: 1, count: 3 });
    const total = r.plan.reduce((n, s) => n + s.points, 0);
    expect(r.finishedPoints.map((p) => p.index)).toEqual(Array.from({ length: total }, (_, i) => i).filter((i) => i % 3 === 1));
    expect(r.trialsTotal).toBe(r.finishedPoints.length * options.trials);
  });

  it('keeps an infinite utilisation (a team with no productive people) through JSON', () => {
    expect(decodeNumbers(JSON.parse(JSON.stringify(encodeNumbers({ u: [Infinity, -Infinity, 1.5], name: 'Infinity' }))))).toEqual({ u: [Infinity, -Infinity, 1.5], name: 'Infinity' });
    const shard = shardOf({ scenario: samples[0]! }, { index: 0, count: 1 });
    expect(crossoverFromUnits(shard.file.header, shard.file.units).cancelled).toBe(false);
  });
});
