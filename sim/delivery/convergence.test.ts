/**
 * How precise the delivery percentiles are: the batch-means interval covers
 * a known answer about 95% of the time although the items of a trial are
 * correlated, and the stopping rule stops where it says, the same way
 * however the blocks were simulated.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { streamRng, type RandomSource } from '../kernel/prng.ts';
import { HIST_BIN_WEEKS, HIST_BINS, histogramQuantile } from './accumulator.ts';
import { batchMeansInterval, BLOCK_TRIALS, MIN_ADAPTIVE_TRIALS, tQuantile975 } from './convergence.ts';
import { normalQuantile } from './distributions.ts';
import { ComparisonMerger, DeliveryRun, prepareRun, simulateDelivery, TrialRunner, trialPlan } from './simulate.ts';

const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;

function normal(rng: RandomSource): number {
  return Math.sqrt(-2 * Math.log(rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

const bin = (hist: Float64Array, weeks: number) => hist[Math.min(HIST_BINS, Math.floor(weeks / HIST_BIN_WEEKS))]!++;

describe('95% intervals of the percentiles', () => {
  it('gives Student t quantiles', () => {
    expect(tQuantile975(4)).toBeCloseTo(2.776, 2);
    expect(tQuantile975(19)).toBeCloseTo(2.093, 3);
    expect(tQuantile975(31)).toBeCloseTo(2.0395, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(1000)).toBeCloseTo(1.9623, 3);
  });

  it('covers a known P85 about 95% of the time when the items of a trial are correlated, where treating them as independent does not', () => {
    // Each trial shares a shift (its queues): 30 items of 20 + U + V weeks, U ~ N(0, 3²) per trial, V ~ N(0, 4²)
    // per item; the items are N(20, 5²), so the P85 is 20 + 5 z(0.85).
    const truth = 20 + 5 * normalQuantile(0.85);
    const runs = 200;
    const blocks = 40;
    const trialsPerBlock = 10;
    const items = 30;
    let covered = 0;
    let coveredNaive = 0;
    for (let r = 0; r < runs; r++) {
      const rng = streamRng(7, r);
      const all = new Float64Array(HIST_BINS + 1);
      const p85s: number[] = [];
      for (let b = 0; b < blocks; b++) {
        const hist = new Float64Array(HIST_BINS + 1);
        for (let t = 0; t < trialsPerBlock; t++) {
          const shift = 3 * normal(rng);
          for (let i = 0; i < items; i++) {
            const weeks = 20 + shift + 4 * normal(rng);
            bin(hist, weeks);
            bin(all, weeks);
          }
        }
        p85s.push(histogramQuantile(hist, 0.85));
      }
      const center = histogramQuantile(all, 0.85);
      const interval = batchMeansInterval(center, p85s)!;
      if (interval.low <= truth && truth <= interval.high) covered++;
      // The order-statistic interval for independent items: ranks n p ± 1.96 √(n p (1 − p)).
      const n = blocks * trialsPerBlock * items;
      const spread = 1.96 * Math.sqrt(n * 0.85 * 0.15);
      if (histogramQuantile(all, (n * 0.85 - spread) / n) <= truth && truth <= histogramQuantile(all, (n * 0.85 + spread) / n)) coveredNaive++;
    }
    expect(covered / runs).toBeGreaterThan(0.9);
    expect(covered / runs).toBeLessThan(0.99);
    expect(coveredNaive / runs).toBeLessThan(0.75);
  });

  it('covers the engine\'s own P50, P85 and P95 (from a run 75 times longer) in about 95% of runs with other seeds', () => {
    const prepared = prepareRun({ scenario: pods }, ['pods']);
    const reference = simulateDelivery(prepared, { trials: 30_000, seed: 999 }).designs[0]!.timeToProduction;
    const runs = 40;
    const covered = { p50: 0, p85: 0, p95: 0 };
    for (let s = 1; s <= runs; s++) {
      const t = simulateDelivery(prepared, { trials: 400, seed: s }).designs[0]!.timeToProduction;
      for (const p of ['p50', 'p85', 'p95'] as const) {
        const i = t.intervals[p]!;
        if (i.low <= reference[p] && reference[p] <= i.high) covered[p]++;
      }
    }
    for (const p of ['p50', 'p85', 'p95'] as const) expect(covered[p] / runs, p).toBeGreaterThanOrEqual(0.85);
  });
});

describe('the stopping rule and the blocks', () => {
  it(`runs until every meaningful design's P85 is known within ±2%, in whole blocks, at least ${MIN_ADAPTIVE_TRIALS.toLocaleString('en-US')} trials`, () => {
    const r = simulateDelivery({ scenario: pods }, { seed: 3 });
    expect(r.convergence.rule).toBe('stopping-rule');
    expect(r.convergence.converged).toBe(true);
    expect(r.trials % BLOCK_TRIALS).toBe(0);
    expect(r.trials).toBeGreaterThanOrEqual(MIN_ADAPTIVE_TRIALS);
    expect(r.convergence.worstP85HalfWidth).toBeLessThanOrEqual(0.02);
    for (const d of r.designs.filter((x) => x.verdict.meaningful)) {
      const p85 = d.timeToProduction.intervals.p85!;
      expect(p85.low).toBeLessThan(d.timeToProduction.p85);
      expect(p85.high).toBeGreaterThan(d.timeToProduction.p85);
      expect(p85.halfWidth / d.timeToProduction.p85).toBeLessThanOrEqual(0.02);
      for (const clock of [d.cycleTime, d.prototypeToProduction]) expect(clock.intervals.p50).not.toBeNull();
    }
    // One block fewer was not enough.
    const fewer = simulateDelivery({ scenario: pods }, { seed: 3, trials: r.trials - BLOCK_TRIALS });
    if (r.trials > MIN_ADAPTIVE_TRIALS) expect(fewer.convergence.worstP85HalfWidth!).toBeGreaterThan(0.02);
  });

  it('a looser precision stops sooner; an explicit count runs exactly that many', () => {
    const loose = simulateDelivery({ scenario: pods }, { seed: 3, precision: 0.05 });
    expect(loose.trials).toBe(MIN_ADAPTIVE_TRIALS);
    const fixed = simulateDelivery({ scenario: pods }, { seed: 3, trials: 123 });
    expect(fixed.trials).toBe(123);
    expect(fixed.convergence.rule).toBe('fixed');
    expect(fixed.convergence.blocks).toBe(2);
  });

  it('gives the same figures however the blocks are simulated: in slices, in one go, or out of order', () => {
    const prepared = prepareRun({ scenario: pods });
    const inOneGo = simulateDelivery(prepared, { seed: 9, trials: 430 });
    const sliced = new DeliveryRun(prepared, { seed: 9, trials: 430 });
    while (!sliced.finished) sliced.step(7);
    expect(sliced.result()).toEqual(inOneGo);
    // Blocks from three "workers", arriving in a scrambled order.
    const merger = new ComparisonMerger(prepared, trialPlan({ trials: 430 }), 9);
    const lanes = [new TrialRunner(prepared, 9), new TrialRunner(prepared, 9), new TrialRunner(prepared, 9)];
    const blocks = Array.from({ length: merger.blockCount }, (_, b) => lanes[b % 3]!.blocks(b, 1, 430)[0]!);
    for (const b of [...blocks].reverse()) merger.add(b);
    expect(merger.result({ expectedInitiativesPerTrial: new TrialRunner(prepared, 9).expectedCount })).toEqual(inOneGo);
  });
});
