/**
 * A policy sweep cut into shards merges into exactly the bytes of the whole
 * sweep, for any number of shards; shards of another sweep, a missing or a
 * doubled shard are refused, naming the files.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { shardUnits, SHARD_FORMAT, type Shard, type ShardSource } from '../kernel/shards.ts';
import { withNominalQuota } from './analysis.ts';
import { runGpuJob } from './job.ts';
import { gpuSweepUnit, mergeGpuSweep, unitCount, unitOf, type GpuSweepHeader, type GpuSweepUnit } from './policy-sweep.ts';
import { seedList } from './seeds.ts';
import { quotaSizedWorkloads } from './testing.ts';

const scenario = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
const ref = { queue: 'ai-platform', flavor: 'h100', resource: 'nvidia.com/gpu' };
const clusters = [scenario.cluster, withNominalQuota(scenario.cluster, ref, 2), withNominalQuota(scenario.cluster, ref, 16)];
const header: GpuSweepHeader = {
  kind: 'gpu-policy-sweep',
  sweep: 'test-sweep',
  podplan: 'test',
  scenario: { id: scenario.id, name: scenario.name },
  teamNames: Object.fromEntries(scenario.teams.map((t) => [t.id, t.name])),
  candidates: ['baseline', 'platform-2', 'platform-16'],
  seeds: seedList(1, 3),
  days: 1,
  trace: null,
};
const context = { cancelled: false, progress: () => undefined, breathe: async () => undefined };
const teams = quotaSizedWorkloads(scenario.cluster, 1.5);

async function runUnit(index: number): Promise<GpuSweepUnit> {
  const { candidate, seedIndex } = unitOf(header, index);
  const run = await runGpuJob({ cluster: clusters[candidate]!, source: { kind: 'generated', seed: 1, days: 1, teams }, seedIndex }, context);
  return gpuSweepUnit(header, index, run.summary);
}

/** Shard i of n as its file comes back from disk (through JSON), units run in reverse to show order does not matter. */
async function shardFile(shard: Shard, h: GpuSweepHeader = header): Promise<ShardSource<GpuSweepHeader, GpuSweepUnit>> {
  const units: GpuSweepUnit[] = [];
  for (const u of shardUnits(unitCount(h), shard).reverse()) units.unshift(await runUnit(u));
  const file = { format: SHARD_FORMAT as typeof SHARD_FORMAT, version: 1 as const, header: h, shard, units };
  return { source: `shard-${shard.index}-of-${shard.count}.json`, file: JSON.parse(JSON.stringify(file)) as typeof file };
}

async function merged(count: number): Promise<string> {
  const shards = await Promise.all(Array.from({ length: count }, (_, i) => shardFile({ index: i, count })));
  const result = mergeGpuSweep(shards.reverse());
  if ('problems' in result) throw new Error(result.problems.join('; '));
  return JSON.stringify(result.result);
}

describe('a GPU policy sweep in shards', () => {
  it('merges into the bytes of the whole sweep for 1, 2 and 7 shards (7 shards of 9 runs)', async () => {
    const whole = await merged(1);
    expect(await merged(2)).toBe(whole);
    expect(await merged(7)).toBe(whole);
    const result = JSON.parse(whole) as { candidates: Array<{ name: string; teams: Array<{ waitP90: { seeds: number } }> }>; ranking: string[] };
    expect(result.candidates.map((c) => c.name)).toEqual(['baseline', 'platform-2', 'platform-16']);
    expect(result.candidates[0]!.teams[0]!.waitP90.seeds).toBe(3);
    expect([...result.ranking].sort()).toEqual(['baseline', 'platform-16', 'platform-2']);
  });

  it('refuses a missing shard, a doubled one, and a shard of another sweep, naming the files', async () => {
    const [a, b, c] = await Promise.all([0, 1, 2].map((i) => shardFile({ index: i, count: 3 })));
    expect(mergeGpuSweep([a!, c!])).toEqual({ problems: ['missing shard 1/3'] });
    expect(mergeGpuSweep([a!, b!, c!, { ...c!, source: 'copy.json' }])).toEqual({ problems: ['shard 2/3 is given twice: shard-2-of-3.json and copy.json'] });
    const other = await shardFile({ index: 1, count: 3 }, { ...header, sweep: 'another', days: 2 });
    expect(mergeGpuSweep([a!, { ...other, source: 'other/shard-1-of-3.json' }, c!])).toEqual({ problems: ['other/shard-1-of-3.json belongs to another sweep than shard-0-of-3.json: days: 2 there, 1 in the first'] });
  });
});
