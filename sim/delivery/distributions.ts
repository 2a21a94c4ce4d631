/**
 * Probability distributions as plain data (JSON-able, so a queue model or a
 * parameter set can be saved and shared), with exact samplers, their
 * moments, and a tabulated inverse-CDF sampler for the hot loop.
 *
 * Every continuous sampler except the gamma family takes exactly one uniform
 * per draw (inverse transform), so two runs that differ only in a parameter
 * consume the same random numbers in the same places (common random numbers).
 */
import type { RandomSource } from '../kernel/prng.ts';

export type Distribution =
  | { kind: 'deterministic'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  /** Lognormal given by its 10th and 90th percentiles (the way people estimate effort). */
  | { kind: 'lognormal'; p10: number; p90: number }
  /** Gamma with shape k and scale θ (mean kθ). */
  | { kind: 'gamma'; shape: number; scale: number }
  /** Erlang-k: the sum of k exponentials, given by its mean. */
  | { kind: 'erlang'; k: number; mean: number };

/** z of the 90th percentile of the standard normal. */
export const Z90 = 1.2815515655446004;

// Wichura (1988), Algorithm AS 241 (PPND16): the standard normal quantile to ~1e-16.
const A = [3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227];
const B = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854];
const C = [1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414];
const D = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-09];
const E = [6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-05, 2.0103343992922881e-07];
const F = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 1.8463183175100548e-05, 1.421511758316446e-07, 2.0442631033899397e-15];

function poly(c: readonly number[], x: number): number {
  let r = c[7]!;
  for (let i = 6; i >= 0; i--) r = r * x + c[i]!;
  return r;
}

/** Inverse of the standard normal CDF for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return Number.NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    value = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -value : value;
}

/** μ and σ of ln X for a lognormal X with the given 10th and 90th percentiles. */
export function lognormalFromP10P90(p10: number, p90: number): { mu: number; sigma: number } {
  if (!(p10 > 0) || !(p90 >= p10)) throw new Error(`lognormal needs 0 < P10 ≤ P90 (got P10 ${p10}, P90 ${p90})`);
  const l10 = Math.log(p10);
  const l90 = Math.log(p90);
  return { mu: (l10 + l90) / 2, sigma: (l90 - l10) / (2 * Z90) };
}

/** Quantile function (inverse CDF) where one exists in closed form; gamma/erlang have none here. */
export function quantile(d: Distribution, p: number): number {
  switch (d.kind) {
    case 'deterministic':
      return d.value;
    case 'exponential':
      return -d.mean * Math.log(1 - p);
    case 'uniform':
      return d.min + (d.max - d.min) * p;
    case 'lognormal': {
      const { mu, sigma } = lognormalFromP10P90(d.p10, d.p90);
      return Math.exp(mu + sigma * normalQuantile(p));
    }
    case 'gamma':
    case 'erlang':
      throw new Error(`no closed-form quantile for the ${d.kind} distribution`);
  }
}

export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case 'deterministic':
      return d.value;
    case 'exponential':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal': {
      const { mu, sigma } = lognormalFromP10P90(d.p10, d.p90);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
    case 'gamma':
      return d.shape * d.scale;
    case 'erlang':
      return d.mean;
  }
}

export function distributionVariance(d: Distribution): number {
  switch (d.kind) {
    case 'deterministic':
      return 0;
    case 'exponential':
      return d.mean * d.mean;
    case 'uniform':
      return ((d.max - d.min) * (d.max - d.min)) / 12;
    case 'lognormal': {
      const { mu, sigma } = lognormalFromP10P90(d.p10, d.p90);
      const s2 = sigma * sigma;
      return Math.expm1(s2) * Math.exp(2 * mu + s2);
    }
    case 'gamma':
      return d.shape * d.scale * d.scale;
    case 'erlang':
      return (d.mean * d.mean) / d.k;
  }
}

/** Squared coefficient of variation (variance ÷ mean²), the "C²" of Kingman's formula. */
export function squaredCv(d: Distribution): number {
  const m = distributionMean(d);
  return m === 0 ? 0 : distributionVariance(d) / (m * m);
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through the boost Gamma(k+1)·U^(1/k). */
function standardGamma(shape: number, rng: RandomSource): number {
  if (shape < 1) return standardGamma(shape + 1, rng) * Math.pow(rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normalQuantile(rng.next());
    const t = 1 + c * z;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One draw. */
export function sample(d: Distribution, rng: RandomSource): number {
  switch (d.kind) {
    case 'deterministic':
      return d.value;
    case 'exponential':
      return -d.mean * Math.log(rng.next());
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'lognormal':
      return quantile(d, rng.next());
    case 'gamma':
      return standardGamma(d.shape, rng) * d.scale;
    case 'erlang': {
      let sumLog = 0;
      for (let i = 0; i < d.k; i++) sumLog += Math.log(rng.next());
      return (-d.mean / d.k) * sumLog;
    }
  }
}

/**
 * A compiled sampler: the distribution's parameters resolved once, so the
 * hot loop pays no `switch` on strings and no repeated logarithms.
 */
export function compileSampler(d: Distribution): (rng: RandomSource) => number {
  switch (d.kind) {
    case 'deterministic': {
      const v = d.value;
      return () => v;
    }
    case 'exponential': {
      const m = -d.mean;
      return (rng) => m * Math.log(rng.next());
    }
    case 'uniform': {
      const lo = d.min;
      const w = d.max - d.min;
      return (rng) => lo + w * rng.next();
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalFromP10P90(d.p10, d.p90);
      return (rng) => Math.exp(mu + sigma * normalQuantile(rng.next()));
    }
    case 'gamma':
    case 'erlang':
      return (rng) => sample(d, rng);
  }
}

/**
 * Validation for user-entered distributions: a message per problem, naming
 * the field (empty when valid).
 */
export function distributionIssues(d: Distribution, path = 'distribution'): string[] {
  const out: string[] = [];
  const positive = (v: number, field: string) => {
    if (!(Number.isFinite(v) && v > 0)) out.push(`${path}.${field} must be a positive number (got ${v})`);
  };
  switch (d.kind) {
    case 'deterministic':
      if (!(Number.isFinite(d.value) && d.value >= 0)) out.push(`${path}.value must be a number ≥ 0 (got ${d.value})`);
      break;
    case 'exponential':
      positive(d.mean, 'mean');
      break;
    case 'uniform':
      if (!(Number.isFinite(d.min) && d.min >= 0)) out.push(`${path}.min must be a number ≥ 0 (got ${d.min})`);
      if (!(Number.isFinite(d.max) && d.max >= d.min)) out.push(`${path}.max must be ≥ min (got ${d.max})`);
      break;
    case 'lognormal':
      positive(d.p10, 'p10');
      if (!(Number.isFinite(d.p90) && d.p90 >= d.p10)) out.push(`${path}.p90 must be ≥ p10 (got ${d.p90})`);
      break;
    case 'gamma':
      positive(d.shape, 'shape');
      positive(d.scale, 'scale');
      break;
    case 'erlang':
      if (!(Number.isInteger(d.k) && d.k >= 1)) out.push(`${path}.k must be an integer ≥ 1 (got ${d.k})`);
      positive(d.mean, 'mean');
      break;
  }
  return out;
}

/**
 * Tabulated inverse CDF: `size + 1` quantiles at u = i / size, linearly
 * interpolated. One uniform, one multiply, one table read per draw, no
 * logarithm or exponential. The extreme ends are clamped to the quantiles
 * at u = 1/(4·size) and 1 − 1/(4·size) (for size 2048: the outer 0.012% of
 * each tail is pulled in), which moves the mean of the effort lognormals by
 * well under 0.1% (tested).
 */
export class QuantileTable {
  readonly size: number;
  readonly values: Float64Array;

  constructor(quantileFn: (p: number) => number, size = 2048) {
    this.size = size;
    this.values = new Float64Array(size + 1);
    const eps = 1 / (4 * size);
    for (let i = 0; i <= size; i++) {
      const p = i === 0 ? eps : i === size ? 1 - eps : i / size;
      this.values[i] = quantileFn(p);
    }
  }

  /** The value at uniform u in (0, 1). */
  at(u: number): number {
    const x = u * this.size;
    const i = x | 0;
    const v = this.values;
    const lo = v[i]!;
    return lo + (x - i) * (v[i + 1]! - lo);
  }

  static forDistribution(d: Distribution, size = 2048): QuantileTable {
    return new QuantileTable((p) => quantile(d, p), size);
  }
}
