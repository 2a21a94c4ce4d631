import { describe, expect, it } from 'vitest';
import { compileSampler, distributionIssues, distributionMean, distributionVariance, lognormalFromP10P90, normalQuantile, QuantileTable, quantile, sample, type Distribution } from './distributions.ts';
import { streamRng } from '../kernel/prng.ts';

function moments(d: Distribution, n: number, seed: number): { mean: number; variance: number; values: Float64Array } {
  const rng = streamRng(seed, 0);
  const values = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    values[i] = sample(d, rng);
    sum += values[i]!;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, variance: ss / (n - 1), values };
}

describe('normal quantile (Wichura AS241)', () => {
  it('matches reference values to 1e-12', () => {
    // Python statistics.NormalDist().inv_cdf.
    const ref: Array<[number, number]> = [
      [1e-10, -6.361340902404056],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400538],
      [0.1, -1.2815515655446008],
      [0.3, -0.5244005127080407],
      [0.5, 0],
      [0.9, 1.2815515655446008],
      [0.975, 1.9599639845400536],
      [0.999, 3.090232306167813],
    ];
    for (const [p, z] of ref) expect(normalQuantile(p)).toBeCloseTo(z, 12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(2)).toBeNaN();
  });
});

describe('distributions', () => {
  const cases: Array<[string, Distribution]> = [
    ['exponential', { kind: 'exponential', mean: 2.5 }],
    ['uniform', { kind: 'uniform', min: 1, max: 4 }],
    ['lognormal from P10/P90', { kind: 'lognormal', p10: 2, p90: 8 }],
    ['gamma', { kind: 'gamma', shape: 2.5, scale: 1.5 }],
    ['gamma, shape < 1', { kind: 'gamma', shape: 0.6, scale: 2 }],
    ['erlang-3', { kind: 'erlang', k: 3, mean: 6 }],
  ];
  for (const [name, d] of cases) {
    it(`${name}: sample mean within 1% and variance within 4% of theory`, () => {
      const { mean, variance } = moments(d, 400_000, 11);
      expect(Math.abs(mean / distributionMean(d) - 1)).toBeLessThan(0.01);
      expect(Math.abs(variance / distributionVariance(d) - 1)).toBeLessThan(0.04);
    });
  }

  it('deterministic is constant', () => {
    const { mean, variance } = moments({ kind: 'deterministic', value: 3 }, 1000, 1);
    expect(mean).toBe(3);
    expect(variance).toBe(0);
  });

  it('lognormal from P10/P90 has those percentiles', () => {
    const d: Distribution = { kind: 'lognormal', p10: 2, p90: 8 };
    expect(quantile(d, 0.1)).toBeCloseTo(2, 10);
    expect(quantile(d, 0.9)).toBeCloseTo(8, 10);
    const { values } = moments(d, 200_000, 3);
    const sorted = Float64Array.from(values).sort();
    expect(sorted[20_000]! / 2).toBeCloseTo(1, 1);
    expect(sorted[180_000]! / 8).toBeCloseTo(1, 1);
    const { mu, sigma } = lognormalFromP10P90(2, 8);
    expect(Math.exp(mu)).toBeCloseTo(4, 10); // the median is the geometric mean of P10 and P90
    expect(sigma).toBeCloseTo(Math.log(4) / (2 * 1.2815515655446004), 12);
    expect(() => lognormalFromP10P90(5, 2)).toThrow(/P10/);
  });

  it('compiled samplers draw the same numbers as sample()', () => {
    for (const d of [{ kind: 'exponential', mean: 2 }, { kind: 'uniform', min: 0, max: 1 }, { kind: 'lognormal', p10: 1, p90: 3 }] as Distribution[]) {
      const a = streamRng(5, 1);
      const b = streamRng(5, 1);
      const f = compileSampler(d);
      for (let i = 0; i < 100; i++) expect(f(a)).toBeCloseTo(sample(d, b), 12);
    }
  });

  it('the tabulated inverse CDF keeps the lognormal mean within 0.1% and the P10/P90 within 0.5%', () => {
    const d: Distribution = { kind: 'lognormal', p10: 2, p90: 8 };
    const table = QuantileTable.forDistribution(d);
    const rng = streamRng(9, 0);
    const n = 1_000_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += table.at(rng.next());
    expect(Math.abs(sum / n / distributionMean(d) - 1)).toBeLessThan(0.003);
    // Exact mean of the tabulated distribution (piecewise linear inverse CDF): trapezoid over the table.
    let exact = 0;
    for (let i = 0; i < table.size; i++) exact += (table.values[i]! + table.values[i + 1]!) / 2 / table.size;
    expect(Math.abs(exact / distributionMean(d) - 1)).toBeLessThan(0.001);
    expect(table.at(0.1) / 2).toBeCloseTo(1, 2);
    expect(table.at(0.9) / 8).toBeCloseTo(1, 2);
  });

  it('names the field of an invalid distribution', () => {
    expect(distributionIssues({ kind: 'lognormal', p10: 0, p90: 1 }, 'service')).toEqual(['service.p10 must be a positive number (got 0)']);
    expect(distributionIssues({ kind: 'erlang', k: 1.5, mean: 1 })[0]).toMatch(/k must be an integer/);
    expect(distributionIssues({ kind: 'exponential', mean: 1 })).toEqual([]);
  });
});
