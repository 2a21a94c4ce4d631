import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../delivery/distributions.ts';
import { bernoulliMixture, erfc, fitLognormal, garwood, gammaP, kaplanMeier, lognormalP10P90, poissonRate, survivalCdf, survivalQuantile, wilson, type Duration } from './fit.ts';

describe('the estimators give the textbook values', () => {
  it('erfc and the incomplete gamma match tabulated values', () => {
    expect(erfc(0.5)).toBeCloseTo(0.4795001222, 6);
    expect(erfc(-1)).toBeCloseTo(1.8427007929, 6);
    // P(a, x) for a = 1 is 1 − e^−x; P(3, 2) = 0.3233235838.
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(gammaP(3, 2)).toBeCloseTo(0.3233235838, 9);
    expect(gammaP(10, 15)).toBeCloseTo(0.9301463393, 8);
  });

  it('Garwood intervals match the exact Poisson tables', () => {
    const zero = garwood(0);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(3.6889, 4);
    const one = garwood(1);
    expect(one.low).toBeCloseTo(0.0253, 4);
    expect(one.high).toBeCloseTo(5.5716, 4);
    const ten = garwood(10);
    expect(ten.low).toBeCloseTo(4.7954, 4);
    expect(ten.high).toBeCloseTo(18.3904, 4);
    const rate = poissonRate(10, 5);
    expect(rate.value).toBe(2);
    expect(rate.low).toBeCloseTo(4.7954 / 5, 4);
  });

  it('Wilson intervals match the published values', () => {
    const half = wilson(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    expect(() => wilson(3, 2)).toThrow(/0 ≤ k ≤ n/);
  });

  it('the lognormal fit without censoring is the log mean and the log standard deviation (MLE)', () => {
    const xs = [1, 2, 3, 5, 8, 13].map((time) => ({ time, censored: false }));
    const logs = xs.map((d) => Math.log(d.time));
    const mu = logs.reduce((s, v) => s + v, 0) / logs.length;
    const sigma = Math.sqrt(logs.reduce((s, v) => s + (v - mu) ** 2, 0) / logs.length);
    const fit = fitLognormal(xs)!;
    expect(fit.mu).toBeCloseTo(mu, 8);
    expect(fit.sigma).toBeCloseTo(sigma, 6);
    // Observed information of the normal MLE: var(μ) = σ²/n, var(log σ) = 1/(2n).
    expect(fit.covariance[0]).toBeCloseTo((sigma * sigma) / 6, 5);
    expect(fit.covariance[2]).toBeCloseTo(1 / 12, 5);
  });

  it('the lognormal fit recovers μ and σ when the longest durations are censored, and dropping them would not', () => {
    const mu = Math.log(6);
    const sigma = 0.6;
    const cut = 9;
    const n = 400;
    const xs: Duration[] = Array.from({ length: n }, (_, i) => {
      const time = Math.exp(mu + sigma * normalQuantile((i + 0.5) / n));
      return time > cut ? { time: cut, censored: true } : { time, censored: false };
    });
    expect(xs.filter((d) => d.censored).length).toBeGreaterThan(80);
    const fit = fitLognormal(xs)!;
    expect(fit.mu).toBeCloseTo(mu, 2);
    expect(fit.sigma).toBeCloseTo(sigma, 2);
    const dropped = fitLognormal(xs.filter((d) => !d.censored))!;
    expect(dropped.mu).toBeLessThan(mu - 0.1);
    const { p10, p90 } = lognormalP10P90(fit);
    expect(p10.low).toBeLessThan(Math.exp(mu - 1.2816 * sigma));
    expect(p10.high).toBeGreaterThan(Math.exp(mu - 1.2816 * sigma));
    expect(p90.low).toBeLessThan(Math.exp(mu + 1.2816 * sigma));
    expect(p90.high).toBeGreaterThan(Math.exp(mu + 1.2816 * sigma));
  });

  it('refuses to fit a spread from fewer than two durations', () => {
    expect(fitLognormal([{ time: 3, censored: false }, { time: 5, censored: true }])).toBeNull();
  });

  it('the mixture estimate is the plain proportion when nothing else can cause the event', () => {
    const trials = Array.from({ length: 40 }, (_, i) => ({ event: i < 10, clean: 1 }));
    const est = bernoulliMixture(trials);
    expect(est.value).toBeCloseTo(0.25, 6);
    expect(est.low).toBeGreaterThan(0.12);
    expect(est.high).toBeLessThan(0.42);
  });

  it('the mixture estimate removes what the other terms explain', () => {
    // P(event) = 1 − (1 − p)·0.8 with p = 0.1 → 0.28: 28 events in 100.
    const trials = Array.from({ length: 100 }, (_, i) => ({ event: i < 28, clean: 0.8 }));
    expect(bernoulliMixture(trials).value).toBeCloseTo(0.1, 4);
    // Fewer events than the other terms explain: p = 0, interval from 0.
    const few = Array.from({ length: 100 }, (_, i) => ({ event: i < 5, clean: 0.8 }));
    expect(bernoulliMixture(few).value).toBe(0);
    expect(bernoulliMixture(few).low).toBe(0);
  });

  it('Kaplan–Meier: the textbook example', () => {
    // 6 events and 2 censored (at 3 and 5).
    const xs: Duration[] = [1, 2, 3, 4, 5, 6].map((time) => ({ time, censored: false }));
    xs.push({ time: 3, censored: true }, { time: 5, censored: true });
    const km = kaplanMeier(xs);
    // S(1) = 7/8, S(2) = 6/8, S(3) = 6/8·5/6 (the one censored at 3 is still at risk at 3), S(4) = …·3/4.
    expect(km.survival[0]).toBeCloseTo(7 / 8, 12);
    expect(km.survival[2]).toBeCloseTo((6 / 8) * (5 / 6), 12);
    expect(km.survival[3]).toBeCloseTo((6 / 8) * (5 / 6) * (3 / 4), 12);
    expect(survivalCdf(km, 2.5)).toBeCloseTo(2 / 8, 12);
    // The longest time is a shipped one: nothing is left beyond it.
    expect(survivalCdf(km, 7)).toBe(1);
    // The longest still open: beyond it the share is unknown.
    expect(survivalCdf(kaplanMeier([...xs, { time: 6.5, censored: true }]), 7)).toBeNull();
    expect(survivalQuantile(km, 0.5)).toBe(4);
  });
});
