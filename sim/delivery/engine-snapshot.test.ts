import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { simulateDelivery } from './simulate.ts';

/**
 * Figures of the engine as it was before the speed work (commit f8651c0,
 * 2,000 trials, seed 1, every design of both samples): time to production
 * mean / P50 / P85 / P95, cycle time P50 / P85 / P95, shipped within the
 * horizon, rework loops and failed deploys per initiative, flow efficiency.
 * The faster engine takes the same random draws in the same order and does
 * the same arithmetic, so the figures must be identical, not just close.
 */
const BEFORE: Record<string, number[]> = {
  'sample-centralized-ai-team centralized': [25.063809656258922, 20.90093085106383, 40.239692982456134, 56.36796874999999, 20.15772532188841, 39.307670454545445, 55.28266129032257, 18.2575, 0.6526938622442602, 0.11067127796991541, 0.7927241100638714],
  'sample-centralized-ai-team pods': [26.82280387383252, 21.183870967741935, 45.6782894736842, 63.86467391304347, 19.601315789473684, 42.56446078431372, 59.19513888888888, 17.964, 0.10390016250677112, 0.11067127796991541, 0.7415314356773663],
  'sample-centralized-ai-team pods-platform': [26.68654823030763, 21.201851851851853, 44.995990566037726, 63.53187499999999, 19.50235849056604, 41.88377659574467, 58.42265624999999, 18.0795, 0.10390016250677112, 0.11142130922121755, 0.676580866631187],
  'sample-three-pilot-pods centralized': [26.65916650880163, 22.022592905405407, 42.67223011363637, 60.43009868421053, 21.98443140794224, 42.62196180555556, 60.40304487179487, 26.221, 0.67422336507054, 0.10990339842935576, 0.79002263270982],
  'sample-three-pilot-pods pods': [27.154397678790946, 20.54959862385321, 46.52507716049383, 68.66727941176471, 19.103652263374485, 43.00220070422535, 62.489583333333336, 25.2885, 0.10488567655848217, 0.10990339842935576, 0.6768547120854059],
  'sample-three-pilot-pods pods-platform': [29.70115110741726, 22.208841463414632, 51.245442708333336, 76.72098214285714, 20.64483695652174, 47.03125, 69.38875, 24.546, 0.10488567655848217, 0.11061227326429912, 0.6704085682620994],
};

describe('the optimised delivery engine', () => {
  it('gives exactly the figures of the engine before it for a fixed seed', () => {
    const got: Record<string, number[]> = {};
    for (const scenario of loadSamples()) {
      const r = simulateDelivery({ scenario }, { trials: 2000, seed: 1 });
      for (const d of r.designs) {
        got[`${scenario.id} ${d.kind}`] = [d.timeToProduction.mean, d.timeToProduction.p50, d.timeToProduction.p85, d.timeToProduction.p95, d.cycleTime.p50, d.cycleTime.p85, d.cycleTime.p95, d.shippedInHorizon, d.rework.loopsPerInitiative, d.rework.deployFailuresPerInitiative, d.flowEfficiency];
      }
    }
    expect(got).toEqual(BEFORE);
  });
});
