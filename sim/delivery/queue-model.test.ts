/**
 * The kernel against queueing theory (issue 5, "Correctness against theory"):
 * long runs with fixed seeds; each assertion also checks the batch-means
 * standard error, so the tolerance is at least two standard errors wide and a
 * pass is not luck.
 */
import { describe, expect, it } from 'vitest';
import { distributionMean, distributionVariance, type Distribution } from './distributions.ts';
import { queueModelIssues, runQueueModel, type QueueModel } from './queue-model.ts';
import { erlangC, kingmanMeanWait, mm1MeanQueueLength, mmcMeanWait, pollaczekKhinchineMeanWait, queueTheory } from './theory.ts';

const exp = (mean: number): Distribution => ({ kind: 'exponential', mean });

function check(model: QueueModel, seed: number, tolerance: number) {
  const result = runQueueModel(model, seed);
  const theory = queueTheory(model);
  const relError = Math.abs(result.meanWait / theory.meanWait - 1);
  const relSe = result.meanWaitStdError / theory.meanWait;
  // Little's law on every run, with L measured by integrating N(t) over the window.
  expect(result.littlesLaw.relativeError).toBeLessThan(0.01);
  expect(Math.abs(result.utilisation / theory.utilisation - 1)).toBeLessThan(0.01);
  expect(relSe).toBeLessThan(tolerance / 2);
  expect(relError, `mean wait ${result.meanWait} vs ${theory.formula} ${theory.meanWait} (batch SE ${(relSe * 100).toFixed(2)}%)`).toBeLessThan(tolerance);
  return { result, theory };
}

describe('theory formulas', () => {
  it('Erlang C and the M/M/c wait', () => {
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12); // M/M/1: P(wait) = ρ
    expect(mmcMeanWait(0.8, 1, 1)).toBeCloseTo(4, 12); // ρ/(μ − λ)
    // Textbook M/M/2, λ = 1, μ = 1 (a = 1): C = 1/3, Wq = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(mmcMeanWait(1, 1, 2)).toBeCloseTo(1 / 3, 12);
    expect(mmcMeanWait(2, 1, 2)).toBe(Infinity);
  });

  it('Pollaczek–Khinchine reduces to M/M/1 and halves for deterministic service', () => {
    expect(pollaczekKhinchineMeanWait(0.8, 1, 1)).toBeCloseTo(4, 12);
    expect(pollaczekKhinchineMeanWait(0.8, 1, 0)).toBeCloseTo(2, 12);
    expect(kingmanMeanWait(0.8, 1, 1, 1)).toBeCloseTo(4, 12);
  });

  it("Reinertsen's queue sizes: about 4 waiting at 80% utilisation, about 19 at 95%", () => {
    expect(mm1MeanQueueLength(0.8)).toBeCloseTo(3.2, 12);
    expect(mm1MeanQueueLength(0.95)).toBeCloseTo(18.05, 12);
  });

  it('rejects an invalid queue model naming the field', () => {
    expect(queueModelIssues({ interarrival: exp(1), servers: 0, service: { kind: 'uniform', min: 2, max: 1 }, customers: 10, warmupCustomers: 0 })).toEqual([
      'service.max must be ≥ min (got 1)',
      'servers must be an integer ≥ 1 (got 0)',
    ]);
    expect(() => runQueueModel({ interarrival: exp(1), servers: 1, service: exp(1), customers: 0, warmupCustomers: 0 }, 1)).toThrow(/customers/);
  });
});

describe('M/M/c against Erlang C (within 2%)', () => {
  // Customers per case sized so the batch-means standard error is under 1% (about 0.7–0.9% at ρ = 0.9).
  const cases: Array<[number, number, number]> = [
    [1, 0.5, 1_000_000],
    [1, 0.8, 4_000_000],
    [1, 0.9, 10_000_000],
    [4, 0.5, 2_000_000],
    [4, 0.8, 5_000_000],
    [4, 0.9, 10_000_000],
  ];
  for (const [c, rho, customers] of cases) {
    it(`c = ${c}, ρ = ${rho}`, () => {
      const model: QueueModel = { interarrival: exp(1 / (rho * c)), servers: c, service: exp(1), customers, warmupCustomers: 50_000, batches: 25 };
      const { theory } = check(model, 20260 + c * 10 + Math.round(rho * 10), 0.02);
      expect(theory.exact).toBe(true);
    });
  }
});

describe('M/G/1 against Pollaczek–Khinchine (within 3%)', () => {
  const services: Array<[string, Distribution]> = [
    ['M/D/1 (deterministic service)', { kind: 'deterministic', value: 1 }],
    ['lognormal service (P10 0.4, P90 1.8)', { kind: 'lognormal', p10: 0.4, p90: 1.8 }],
    ['uniform service (0.2–1.8)', { kind: 'uniform', min: 0.2, max: 1.8 }],
  ];
  for (const [name, service] of services) {
    it(`${name} at ρ = 0.8`, () => {
      const es = distributionMean(service);
      const model: QueueModel = { interarrival: exp(es / 0.8), servers: 1, service, customers: 3_000_000, warmupCustomers: 50_000, batches: 25 };
      const { theory } = check(model, 7, 0.03);
      expect(theory.meanWait).toBeCloseTo(pollaczekKhinchineMeanWait(0.8 / es, es, distributionVariance(service)), 12);
    });
  }
});

describe('the plain queue', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const model: QueueModel = { interarrival: exp(1.25), servers: 2, service: exp(2), customers: 20_000, warmupCustomers: 1000 };
    expect(runQueueModel(model, 5)).toEqual(runQueueModel(model, 5));
    expect(runQueueModel(model, 6).meanWait).not.toBe(runQueueModel(model, 5).meanWait);
  });

  it("holds Little's law on short runs too (L by time integration vs λW)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = runQueueModel({ interarrival: exp(1), servers: 3, service: { kind: 'gamma', shape: 2, scale: 1.2 }, customers: 20_000, warmupCustomers: 500 }, seed);
      expect(r.littlesLaw.relativeError).toBeLessThan(0.01);
    }
  });
});
