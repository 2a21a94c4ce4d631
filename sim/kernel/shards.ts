/**
 * Shards of a sweep: a sweep is a list of independent units of work (a GPU
 * policy × a seed, a crossover point), each with a stable index; shard i of
 * n runs the units whose index is ≡ i (mod n). Round-robin rather than
 * contiguous blocks because neighbouring units cost alike (the seeds of one
 * policy, the points near one end of a range), so every shard gets a fair
 * mix. Shards are 0-based, as Kubernetes' JOB_COMPLETION_INDEX is, so an
 * Indexed Job passes its index through unchanged.
 */

export interface Shard {
  /** 0-based: 0 … count − 1. */
  index: number;
  count: number;
}

/** The most shards a sweep may be cut into (Kubernetes caps an Indexed Job's completions at 100,000). */
export const MAX_SHARDS = 100_000;

/** The one shard of an unsharded run. */
export const WHOLE: Shard = { index: 0, count: 1 };

/**
 * "i/n" → the shard, or the reason it is not one, naming the value and the valid range
 * ("2/2": the index must be from 0 to 1). Indices are 0-based (JOB_COMPLETION_INDEX).
 */
export function parseShard(text: string): { shard: Shard } | { problem: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return { problem: `"${text}" is not a shard: write i/n, a 0-based index i of n shards (e.g. 0/4 … 3/4)` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && count <= MAX_SHARDS)) return { problem: `"${text}": the number of shards n must be from 1 to ${MAX_SHARDS.toLocaleString('en-US')} (got ${m[2]})` };
  if (index >= count) return { problem: `"${text}": the shard index is 0-based, so with ${count} shard${count === 1 ? '' : 's'} it must be from 0 to ${count - 1} (got ${m[1]})` };
  return { shard: { index, count } };
}

export const shardText = (s: Shard): string => `${s.index}/${s.count}`;

/** The indices of the units of `total` that `shard` runs, in order. */
export function shardUnits(total: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let i = shard.index; i < total; i += shard.count) out.push(i);
  return out;
}

/** A shard's units as it reported them, with the name of where they came from (a file, a log). */
export interface ShardUnits {
  source: string;
  shard: Shard;
  indices: readonly number[];
}

/**
 * Whether shards together cover units 0 … total − 1 exactly once: every problem named —
 * missing shards (by i/n), a shard present twice (both sources), a shard whose units
 * are not the ones its index says, a shard cut for another count.
 */
export function coverageProblems(total: number, shards: readonly ShardUnits[]): string[] {
  const problems: string[] = [];
  const counts = [...new Set(shards.map((s) => s.shard.count))];
  if (counts.length > 1) {
    problems.push(`the shards were cut for different numbers of shards: ${shards.map((s) => `${s.source} is ${shardText(s.shard)}`).join(', ')}`);
    return problems;
  }
  const count = counts[0] ?? 1;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const first = seen.get(s.shard.index);
    if (first !== undefined) problems.push(`shard ${shardText(s.shard)} is given twice: ${first} and ${s.source}`);
    else seen.set(s.shard.index, s.source);
    const expected = shardUnits(total, s.shard);
    if (expected.length !== s.indices.length || expected.some((v, k) => s.indices[k] !== v)) {
      problems.push(`${s.source}: shard ${shardText(s.shard)} should hold units ${listed(expected)} of ${total}, but holds ${listed(s.indices)} (an interrupted or edited shard)`);
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) problems.push(`missing shard${missing.length > 1 ? 's' : ''} ${missing.slice(0, 20).map((i) => `${i}/${count}`).join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}`);
  return problems;
}

function listed(indices: readonly number[]): string {
  if (indices.length === 0) return 'none';
  const shown = indices.slice(0, 8).join(', ');
  return indices.length > 8 ? `${shown}, … (${indices.length})` : shown;
}

/** What a shard writes: the sweep it belongs to (`header`, equal in every shard of one sweep), which shard, and its units' results. */
export interface ShardFile<H, U extends { index: number }> {
  format: typeof SHARD_FORMAT;
  version: 1;
  header: H;
  shard: Shard;
  units: U[];
}

export const SHARD_FORMAT = 'podplan-sweep-shard';

/** A shard file with where it was read from, for the problems' words. */
export interface ShardSource<H, U extends { index: number }> {
  source: string;
  file: ShardFile<H, U>;
}

/**
 * The units of several shards of one sweep, in index order, or every reason they cannot be merged:
 * a shard of another sweep (its header differs from the first's: `sameSweep` says how, naming the
 * field), missing or duplicate shards, units not those of the shard's index.
 */
export function mergeShardUnits<H, U extends { index: number }>(
  shards: ReadonlyArray<ShardSource<H, U>>,
  total: (header: H) => number,
  sameSweep: (a: H, b: H) => string | null,
): { header: H; units: U[] } | { problems: string[] } {
  const first = shards[0];
  if (!first) return { problems: ['no shard to merge'] };
  const problems: string[] = [];
  for (const s of shards.slice(1)) {
    const difference = sameSweep(first.file.header, s.file.header);
    if (difference) problems.push(`${s.source} belongs to another sweep than ${first.source}: ${difference}`);
  }
  if (problems.length) return { problems };
  const n = total(first.file.header);
  problems.push(...coverageProblems(n, shards.map((s) => ({ source: s.source, shard: s.file.shard, indices: s.file.units.map((u) => u.index) }))));
  if (problems.length) return { problems };
  const units = shards.flatMap((s) => s.file.units).sort((a, b) => a.index - b.index);
  return { header: first.file.header, units };
}

/** How two sweep headers differ, by their first differing field ("seeds: 5 here, 3 there"); null when equal. */
export function headerDifference(a: object, b: object): string | null {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // The identity hash last: a differing seed count or candidate list says more than two hashes.
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort((k, l) => Number(k === 'sweep') - Number(l === 'sweep'));
  for (const key of keys) {
    const u = JSON.stringify(x[key]);
    const v = JSON.stringify(y[key]);
    if (u !== v) return `${key}: ${short(v)} there, ${short(u)} in the first`;
  }
  return null;
}

const short = (text: string | undefined) => (text === undefined ? 'absent' : text.length > 80 ? `${text.slice(0, 77)}…` : text);
