/**
 * The crossover cut into shards (`podplan crossover --shard i/n`): each point
 * (counted over the sweeps in order, demand then headcount) is one unit of
 * work, run on the crossover's one seed, so a point's figures do not depend
 * on the shard that ran it. A shard keeps its points as they are; merging
 * puts every point back in its sweep and computes the findings from the
 * points (`crossoverSweep`), exactly as one run does.
 *
 * Points go through JSON in a shard file, and a team with no productive
 * people has an infinite utilisation, which JSON cannot hold: non-finite
 * numbers are written as `{"$number": "Infinity"}` and read back as numbers.
 */
import { headerDifference, mergeShardUnits, type ShardSource } from '../kernel/shards.ts';
import { crossoverSweep, type Crossover, type CrossoverAxis, type CrossoverPoint } from './crossover.ts';

export interface CrossoverShardHeader {
  kind: 'crossover';
  /** sha256 of the scenario bytes, the ranges, trials, seed and the Podplan version (computed by the caller). */
  sweep: string;
  podplan: string;
  scenario: { id: string; name: string };
  currency: string;
  seed: number;
  trialsPerPoint: number;
  /** Each sweep's axis, the scenario's own value, its notes and how many points it has. */
  sweeps: Array<{ axis: CrossoverAxis; base: number; notes: string[]; points: number }>;
}

export interface CrossoverUnit {
  index: number;
  axis: CrossoverAxis;
  /** The point with non-finite numbers encoded (`encodeNumbers`). */
  point: unknown;
}

const NUMBER_KEY = '$number';

/** A copy of `value` where every non-finite number is `{"$number": "Infinity" | "-Infinity" | "NaN"}`, so JSON keeps it. */
export function encodeNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { [NUMBER_KEY]: String(value) };
  if (Array.isArray(value)) return value.map(encodeNumbers);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeNumbers(v)]));
  return value;
}

export function decodeNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeNumbers);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === NUMBER_KEY && typeof entries[0]![1] === 'string') return Number(entries[0]![1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeNumbers(v)]));
  }
  return value;
}

export const crossoverPointCount = (header: Pick<CrossoverShardHeader, 'sweeps'>): number => header.sweeps.reduce((n, s) => n + s.points, 0);

/** The crossover from every point of it (the units of all shards, in index order), as one run gives it. */
export function crossoverFromUnits(header: CrossoverShardHeader, units: readonly CrossoverUnit[]): Crossover {
  let next = 0;
  const sweeps = header.sweeps.map((s) => {
    const points = units.slice(next, next + s.points).map((u) => decodeNumbers(u.point) as CrossoverPoint);
    next += s.points;
    return crossoverSweep(s.axis, s.base, points, s.notes);
  });
  return { seed: header.seed, trialsPerPoint: header.trialsPerPoint, cancelled: false, sweeps };
}

/** Shards of one crossover → the crossover, or every reason they cannot be merged (naming the shard files). */
export function mergeCrossover(shards: ReadonlyArray<ShardSource<CrossoverShardHeader, CrossoverUnit>>): { header: CrossoverShardHeader; crossover: Crossover } | { problems: string[] } {
  const merged = mergeShardUnits(shards, crossoverPointCount, headerDifference);
  if ('problems' in merged) return merged;
  return { header: merged.header, crossover: crossoverFromUnits(merged.header, merged.units) };
}
