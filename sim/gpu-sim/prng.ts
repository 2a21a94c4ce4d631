/**
 * The GPU workload generators' random draws: uniform, exponential, normal
 * (Box–Muller), log-normal by median and P90, Poisson, geometric and
 * weighted discrete choice, all taken from the simulators' one generator
 * (xoshiro128** in sim/kernel/prng.ts) seeded through `foldSeed`, so any
 * number (including 0) is a seed and the same seed yields the same stream
 * in Node and in every browser.
 */
import { foldSeed, wordRng, type Xoshiro128 } from '../kernel/prng.ts';

export class Prng {
  private readonly bits: Xoshiro128;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.bits = wordRng(foldSeed(seed));
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    return this.bits.nextUint32();
  }

  /** Uniform in [0, 1) with 53 bits of precision. */
  next(): number {
    return this.bits.nextFloat53();
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.spareNormal !== null) {
      const value = this.spareNormal;
      this.spareNormal = null;
      return value;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal given its median and 90th percentile (P90 ≥ median). */
  lognormal(median: number, p90: number): number {
    const sigma = p90 > median && median > 0 ? Math.log(p90 / median) / 1.2815515655446004 : 0;
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson-distributed count (Knuth for small means, normal approximation above 60). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Geometric number of trials ≥ 1 with the given mean (≥ 1). */
  geometric(mean: number): number {
    if (mean <= 1) return 1;
    const p = 1 / mean;
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** Index drawn with probability proportional to weights (all ≥ 0, not all 0). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** An independent generator derived from this one (for per-team streams). */
  fork(label: number): Prng {
    return new Prng((this.nextU32() ^ Math.imul(label + 1, 0x27d4eb2d)) >>> 0);
  }
}

/** A discrete distribution as value → weight, e.g. { 1: 0.5, 2: 0.3, 8: 0.2 }. */
export type Discrete = Readonly<Record<string, number>>;

/** Draws a value from a discrete distribution (keys are numbers). */
export function drawDiscrete(rng: Prng, dist: Discrete): number {
  let table = discreteTables.get(dist);
  if (!table) {
    const keys = Object.keys(dist);
    if (keys.length === 0) throw new Error('discrete distribution has no values');
    table = { values: keys.map(Number), weights: keys.map((k) => Math.max(0, dist[k]!)) };
    discreteTables.set(dist, table);
  }
  return table.values[rng.weightedIndex(table.weights)]!;
}

/** Values and weights per distribution object, built once: a generator draws from the same few objects millions of times (the objects are read-only). */
const discreteTables = new WeakMap<Discrete, { values: number[]; weights: number[] }>();
