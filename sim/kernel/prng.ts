/**
 * The one seeded pseudo-random generator of the simulators: xoshiro128**
 * (Blackman & Vigna, 2018) on four 32-bit words, seeded through SplitMix32
 * from one 32-bit word.
 *
 * Only 32-bit integer arithmetic (`Math.imul`, shifts, `>>> 0`) is used, so a
 * seed gives bit-identical streams in Node and in every browser.
 *
 * Two seeding entry points make that word, each pinned by its simulator's
 * seeded results (changing either changes every saved result):
 *
 * - `mixSeed(seed, …keys)`: keyed streams, for the delivery simulator;
 * - `foldSeed(seed)`: any number folded to 32 bits, for the GPU workload
 *   generators (`sim/gpu-sim/prng.ts`, whose `Prng` draws its
 *   distributions from this generator).
 *
 * Keyed seed → stream split (documented contract; tests pin it):
 *
 *   state = splitmix32 sequence started at mix(seed, key1, key2, …)
 *
 * where `mix` folds each 32-bit word of the seed and of the keys into a
 * running hash with the Murmur3 finaliser. The delivery simulator uses the
 * keys (trial, stream), e.g. stream 0 = arrivals, 1 = initiative attributes,
 * so trial k of seed s is the same wherever and in whatever order it runs,
 * trials are independent of one another, and adding a trial never shifts
 * another's numbers.
 */

/** A source of uniform numbers in (0, 1). */
export interface RandomSource {
  /** Uniform in the open interval (0, 1): never 0, never 1. */
  next(): number;
  /** A raw 32-bit unsigned integer. */
  nextUint32(): number;
}

const TWO_POW_32 = 4294967296;

/** Murmur3's 32-bit finaliser: a bijection that avalanches every input bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One fold step of `mixSeed`: the low and the high 32-bit word of a safe integer. */
function foldKey(h: number, value: number): number {
  const v = Number.isFinite(value) ? Math.trunc(value) : 0;
  const lo = v >>> 0;
  const hi = Math.floor(v / TWO_POW_32) >>> 0;
  h = fmix32((h ^ lo) + 0x7f4a7c15);
  return fmix32((h ^ hi) + 0x6a09e667);
}

/**
 * The GPU generators' seed word: the low 32 bits of ⌊seed⌋ xor the high ones
 * times the golden ratio, so negative, fractional and > 32-bit seeds all
 * give a stream (and a seed below 2^32 is its own word).
 */
export function foldSeed(seed: number): number {
  const lo = Math.floor(seed) >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  return (lo ^ Math.imul(hi, 0x9e3779b9)) >>> 0;
}

/** Fold a seed and keys (any safe integers) into one 32-bit word. */
export function mixSeed(seed: number, ...keys: readonly number[]): number {
  let h = foldKey(0x9e3779b9, seed);
  for (const key of keys) h = foldKey(h, key);
  return h;
}

/** `mixSeed(seed, trial, stream)` without the rest array (once per trial and stream). */
export function mixSeed3(seed: number, trial: number, stream: number): number {
  return foldKey(foldKey(foldKey(0x9e3779b9, seed), trial), stream);
}

/**
 * xoshiro128** with in-place reseeding (no allocation per trial). The state
 * lives in an Int32Array: as object fields, words ≥ 2^31 would be boxed
 * numbers and every draw would be twice as slow.
 */
export class Xoshiro128 implements RandomSource {
  private readonly s = new Int32Array(4);

  constructor(seed = 0, ...keys: number[]) {
    this.seedWord(mixSeed(seed, ...keys));
  }

  /** Restart as the stream of (seed, keys…). */
  reseed(seed: number, ...keys: readonly number[]): void {
    this.seedWord(mixSeed(seed, ...keys));
  }

  /** Restart as the stream of (seed, trial, stream): `reseed(seed, trial, stream)` without the rest array. */
  reseedTrial(seed: number, trial: number, stream: number): void {
    this.seedWord(mixSeed3(seed, trial, stream));
  }

  /** Restart from one 32-bit word through SplitMix32 (the four state words are its first four outputs). */
  seedWord(word: number): void {
    let x = word >>> 0;
    const s = this.s;
    for (let k = 0; k < 4; k++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      s[k] = z ^ (z >>> 16);
    }
    // The all-zero state is the generator's only fixed point.
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  }

  nextUint32(): number {
    const st = this.s;
    const s0 = st[0]!;
    const s1 = st[1]!;
    const s2 = st[2]!;
    const s3 = st[3]!;
    // result = rotl(s1 * 5, 7) * 9
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    st[1] = s1 ^ n2;
    st[0] = s0 ^ n3;
    n2 ^= t;
    st[2] = n2;
    st[3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** (k + 0.5) / 2^32 for a 32-bit k: uniform in (0, 1), symmetric, never 0 or 1. */
  next(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Uniform in [0, 1) with 53 bits of precision, from two draws (27 high bits, then 26). */
  nextFloat53(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67_108_864 + lo) / 9_007_199_254_740_992;
  }

  /** Set the four state words directly (reference vectors, restoring a saved position). */
  setState(a: number, b: number, c: number, d: number): void {
    const s = this.s;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  }

  /** The four state words (for tests and for saving a stream position). */
  state(): [number, number, number, number] {
    const s = this.s;
    return [s[0]! >>> 0, s[1]! >>> 0, s[2]! >>> 0, s[3]! >>> 0];
  }
}

/**
 * Counter-based uniform in (0, 1) for (word, i, k): the k-th draw of item i
 * of a stream whose word is `mixSeed(seed, …keys)`. Stateless, so a model can
 * take exactly the draws it needs, in any order, and item i's k-th draw is
 * the same whatever else happened (common random numbers).
 */
export function counterUniform(word: number, i: number, k: number): number {
  return ((counterBits(word, i, k) >>> 0) + 0.5) / TWO_POW_32;
}

/**
 * The 32 bits behind `counterUniform(word, i, k)`, as a signed 32-bit integer:
 * `counterUniform = ((bits >>> 0) + 0.5) / 2^32`. A hot loop calls this and
 * divides itself: a fraction returned by a call V8 does not inline is boxed
 * (allocated), a 32-bit integer is not.
 */
export function counterBits(word: number, i: number, k: number): number {
  return fmix32((fmix32((word + Math.imul(i, 0x9e3779b1)) >>> 0) ^ Math.imul(k + 1, 0x632be5ab)) >>> 0) | 0;
}

/** A fresh generator started from one 32-bit word (see `foldSeed`). */
export function wordRng(word: number): Xoshiro128 {
  const rng = new Xoshiro128();
  rng.seedWord(word);
  return rng;
}

/** A fresh generator for (seed, keys…): e.g. `streamRng(seed, trial, 1)`. */
export function streamRng(seed: number, ...keys: number[]): Xoshiro128 {
  return new Xoshiro128(seed, ...keys);
}
