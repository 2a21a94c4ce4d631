import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { ReadinessAnswers } from '../readiness/schema.ts';
import type { Scenario } from '../scenario/schema.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import { monthStartWeek } from './compiled-design.ts';
import { INITIATIVE_SIZES } from './parameters.ts';
import type { Portfolio } from './portfolio.ts';
import { simulateDelivery, type DeliveryInput } from './simulate.ts';

/**
 * Figures of the engine as it was before the speed work (commit f8651c0,
 * 2,000 trials, seed 1, every design of both samples): time to production
 * mean / P50 / P85 / P95, cycle time P50 / P85 / P95, shipped within the
 * horizon, rework loops and failed deploys per initiative, flow efficiency.
 * The faster engine takes the same random draws in the same order and does
 * the same arithmetic, so the figures must be identical, not just close —
 * except the means and the flow efficiency (figures 1 and 11), which are
 * ratios of floating-point sums: since trials run in blocks of 50 whose sums
 * are added in block order (so any number of workers gives the same bits),
 * those sums are added in a different grouping and differ in the last bits
 * (relative 1e-15 here; `expectSameFigures` allows 1e-12).
 */
const BEFORE: Record<string, number[]> = {
  'sample-centralized-ai-team centralized': [25.063809656258922, 20.90093085106383, 40.239692982456134, 56.36796874999999, 20.15772532188841, 39.307670454545445, 55.28266129032257, 18.2575, 0.6526938622442602, 0.11067127796991541, 0.7927241100638714],
  'sample-centralized-ai-team pods': [26.82280387383252, 21.183870967741935, 45.6782894736842, 63.86467391304347, 19.601315789473684, 42.56446078431372, 59.19513888888888, 17.964, 0.10390016250677112, 0.11067127796991541, 0.7415314356773663],
  'sample-centralized-ai-team pods-platform': [26.68654823030763, 21.201851851851853, 44.995990566037726, 63.53187499999999, 19.50235849056604, 41.88377659574467, 58.42265624999999, 18.0795, 0.10390016250677112, 0.11142130922121755, 0.676580866631187],
  'sample-three-pilot-pods centralized': [26.65916650880163, 22.022592905405407, 42.67223011363637, 60.43009868421053, 21.98443140794224, 42.62196180555556, 60.40304487179487, 26.221, 0.67422336507054, 0.10990339842935576, 0.79002263270982],
  'sample-three-pilot-pods pods': [27.154397678790946, 20.54959862385321, 46.52507716049383, 68.66727941176471, 19.103652263374485, 43.00220070422535, 62.489583333333336, 25.2885, 0.10488567655848217, 0.10990339842935576, 0.6768547120854059],
  'sample-three-pilot-pods pods-platform': [29.70115110741726, 22.208841463414632, 51.245442708333336, 76.72098214285714, 20.64483695652174, 47.03125, 69.38875, 24.546, 0.10488567655848217, 0.11061227326429912, 0.6704085682620994],
};

/**
 * Heavier cases, same engine before the speed work (60 trials, seed 3): 300
 * listed initiatives crowding the queues (rings and heaps grow), and no
 * hand-off wait with a fractional WIP limit; the last figure is initiatives
 * unfinished per trial.
 */
const BEFORE_CROWDED: Record<string, number[]> = {
  'crowd pods sample centralized': [217.57048274087535, 170.64583333333334, 411, 539.5, 63.666666666666664, 222.375, 353.3125, 29.216666666666665, 1.5817460317460317, 0.11317460317460318, 0.3824633267750952, 195],
  'crowd centralized sample centralized': [323.0972574252906, 325.859375, 532.33125, 592.659375, 23.337053571428573, 52.25738636363636, 67.56374999999998, 19.416666666666668, 0.6754580464464932, 0.11191504259540203, 0.0819345221425213, 157.18333333333334],
  'no hand-off wait, fractional WIP limit centralized': [21.212137352080823, 17.444444444444443, 35.66875, 51.98749999999998, 16.46590909090909, 34.712500000000006, 50.48749999999998, 19.683333333333334, 0.6313269493844049, 0.11969904240766074, 0.9232320037679391, 0],
  'no hand-off wait, fractional WIP limit pods': [26.445386774689148, 21.625, 45.10625, 59.93124999999999, 20.125, 42.334375, 56.86249999999998, 18.266666666666666, 0.09644322845417237, 0.11969904240766074, 0.7524938914887264, 0],
  'no hand-off wait, fractional WIP limit pods-platform': [29.34641131775371, 24.53125, 48.40416666666667, 63.496874999999996, 22.916666666666668, 45.212500000000006, 59.99374999999999, 17.716666666666665, 0.09644322845417237, 0.11969904240766074, 0.6372373481662214, 0],
};

const crowd: Portfolio = {
  areas: [
    { id: 'a', name: 'A', startMonth: 1 },
    { id: 'b', name: 'B', startMonth: 2 },
  ],
  initiatives: Array.from({ length: 300 }, (_, k) => ({ name: `i${k}`, size: INITIATIVE_SIZES[k % 3]!, arrivalMonth: 1 + (k % 7) / 7 })),
};

/**
 * The samples with the readiness answers they had when these figures were
 * recorded (before the two samples shared one organisation's answers).
 */
const RECORDED_ANSWERS: Record<string, ReadinessAnswers> = {
  'sample-centralized-ai-team': { ownerCandidates: 1, optimizingFor: 'coordination', productLevelMeasurement: 'partly', bottleneck: 'decision-making', notes: '' },
  'sample-three-pilot-pods': { ownerCandidates: 5, optimizingFor: 'velocity', productLevelMeasurement: 'yes', bottleneck: 'decision-making', notes: '' },
};
const recordedSamples = (): Scenario[] => loadSamples().map((s) => ({ ...s, readiness: { ...RECORDED_ANSWERS[s.id]!, scope: 'scenario' } }));

/** Every figure identical, but the sums' ratios (mean and flow efficiency: indices 0 and 10) to 1e-12 relative. */
function expectSameFigures(got: Record<string, number[]>, want: Record<string, number[]>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [key, figures] of Object.entries(want)) {
    const g = got[key]!;
    expect(g.length, key).toBe(figures.length);
    figures.forEach((w, k) => {
      if (k === 0 || k === 10) expect(Math.abs(g[k]! - w) / Math.abs(w), `${key} figure ${k + 1}`).toBeLessThan(1e-12);
      else expect(g[k], `${key} figure ${k + 1}`).toBe(w);
    });
  }
}

describe('the optimised delivery engine', () => {
  it('gives exactly the figures of the engine before it for a fixed seed', () => {
    const got: Record<string, number[]> = {};
    for (const scenario of recordedSamples()) {
      const r = simulateDelivery({ scenario }, { trials: 2000, seed: 1 });
      for (const d of r.designs) {
        got[`${scenario.id} ${d.kind}`] = [d.timeToProduction.mean, d.timeToProduction.p50, d.timeToProduction.p85, d.timeToProduction.p95, d.cycleTime.p50, d.cycleTime.p85, d.cycleTime.p95, d.shippedInHorizon, d.rework.loopsPerInitiative, d.rework.deployFailuresPerInitiative, d.flowEfficiency];
      }
    }
    expectSameFigures(got, BEFORE);
  });

  it('gives exactly the figures of the engine before it when queues crowd and hand-offs are immediate', () => {
    const samples = recordedSamples();
    const pods = samples.find((s) => s.id === 'sample-three-pilot-pods')!;
    const centralized = samples.find((s) => s.id === 'sample-centralized-ai-team')!;
    const cases: Array<[string, DeliveryInput]> = [
      ['crowd pods sample', { scenario: pods, portfolio: crowd }],
      ['crowd centralized sample', { scenario: centralized, portfolio: crowd }],
      ['no hand-off wait, fractional WIP limit', { scenario: centralized, parameters: { handoffCadenceWeeks: 0, podHandoffCadenceWeeks: 0, wipLimitPerCrew: 1.5, contextSwitchCost: 0.3 } }],
    ];
    const got: Record<string, number[]> = {};
    for (const [name, input] of cases) {
      for (const d of simulateDelivery(input, { trials: 60, seed: 3 }).designs) {
        if (d.shippedInHorizon === 0) continue;
        got[`${name} ${d.kind}`] = [d.timeToProduction.mean, d.timeToProduction.p50, d.timeToProduction.p85, d.timeToProduction.p95, d.cycleTime.p50, d.cycleTime.p85, d.cycleTime.p95, d.shippedInHorizon, d.rework.loopsPerInitiative, d.rework.deployFailuresPerInitiative, d.flowEfficiency, d.unfinishedPerTrial];
      }
    }
    expectSameFigures(got, BEFORE_CROWDED);
  });

  it('finds each month boundary exactly where Math.floor(t / WEEKS_PER_MONTH) changes', () => {
    const below = (t: number) => {
      const f = new Float64Array([t]);
      const b = new BigInt64Array(f.buffer);
      b[0]! -= 1n;
      return f[0]!;
    };
    for (let m = 1; m <= 240; m++) {
      const t = monthStartWeek(m);
      expect(Math.floor(t / WEEKS_PER_MONTH), `month ${m}`).toBe(m);
      expect(Math.floor(below(t) / WEEKS_PER_MONTH), `month ${m}`).toBe(m - 1);
    }
    expect(monthStartWeek(0)).toBe(0);
  });
});
