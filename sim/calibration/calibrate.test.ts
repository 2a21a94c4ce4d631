import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { DeliveryParameters, EffortRange } from '../delivery/parameters.ts';
import { DEFAULT_EFFORT, EFFORT_STAGES, INITIATIVE_SIZES } from '../delivery/parameters.ts';
import type { DeliveryHistory } from '../history/types.ts';
import { backTestDelivery } from './backtest.ts';
import { applyCalibration, calibrateDelivery, intakeCadence, type Calibration, type CalibrationScenario } from './calibrate.ts';
import { synthesizeHistory } from './synthetic.ts';

const samples = loadSamples();
const sample = (id: string) => samples.find((s) => s.id === id)!;
/** A sample run for `months` (the synthetic history spans the whole plan). */
const planOf = (id: string, months: number, parameters: CalibrationScenario['delivery'] = {}): CalibrationScenario => {
  const s = sample(id);
  return { ...s, costModel: { ...s.costModel, horizonMonths: months }, delivery: { ...s.delivery, ...parameters } };
};

/** Does the interval reported for each fitted parameter hold the value that generated the history? */
function hits(calibration: Calibration, truth: DeliveryParameters): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  for (const p of calibration.parameters) {
    const [group, a, b] = p.key.split('.');
    if (group === 'effort') {
      const t = truth.effort[a as 'small'][b as 'model'];
      const low = p.low as EffortRange;
      const high = p.high as EffortRange;
      out.push([`${p.key}.p10`, t.p10 >= low.p10 && t.p10 <= high.p10], [`${p.key}.p90`, t.p90 >= low.p90 && t.p90 <= high.p90]);
    } else {
      const t = group === 'sizeMix' ? truth.sizeMix[a as 'small'] : (truth[p.key as keyof DeliveryParameters] as number);
      out.push([p.key, t >= (p.low as number) && t <= (p.high as number)]);
    }
  }
  return out;
}

describe('calibration recovers the process that generated a history', () => {
  const CASES = 20;
  const MONTHS = 72;
  for (const id of ['sample-centralized-ai-team', 'sample-three-pilot-pods']) {
    it(`${id}: each fitted parameter's 95% interval holds the generating value in ≥ 90% of ${CASES} seeded histories`, () => {
      const scenario = sample(id);
      const byKey = new Map<string, { in: number; of: number }>();
      for (let seed = 1; seed <= CASES; seed++) {
        const { history, truth, asOf } = synthesizeHistory({ scenario, seed, months: MONTHS });
        for (const [key, inside] of hits(calibrateDelivery(history, scenario, { asOf }), truth)) {
          const h = byKey.get(key) ?? { in: 0, of: 0 };
          h.of++;
          if (inside) h.in++;
          byKey.set(key, h);
        }
      }
      // The intake cadence is read from waits that include queueing shorter than a cadence: reported apart (README).
      const cadence = [...byKey].filter(([k]) => k.includes('Cadence'));
      const others = [...byKey].filter(([k]) => !k.includes('Cadence'));
      const pooled = others.reduce((s, [, h]) => ({ in: s.in + h.in, of: s.of + h.of }), { in: 0, of: 0 });
      expect(pooled.of).toBeGreaterThan(CASES * 20);
      expect(pooled.in / pooled.of).toBeGreaterThanOrEqual(0.9);
      for (const [key, h] of others) expect(h.in / h.of, key).toBeGreaterThanOrEqual(0.7);
      for (const [key, h] of cadence) expect(h.of, key).toBe(CASES);
      expect(byKey.has('arrivalsPerAreaPerMonth') && byKey.has('reworkBaseProbability') && byKey.has('changeFailureRate') && byKey.has('effort.medium.model.p90')).toBe(true);
    });
  }

  it('reads the hand-off cadence within 15% of the generating one on the centralized design, and says where it comes from', () => {
    const scenario = sample('sample-centralized-ai-team');
    let sum = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { history, asOf } = synthesizeHistory({ scenario, seed, months: 72 });
      const p = calibrateDelivery(history, scenario, { asOf }).parameters.find((x) => x.key === 'handoffCadenceWeeks')!;
      expect(p.breakdown?.map((b) => b.label)).toEqual(expect.arrayContaining(['Central AI team', 'Product engineering']));
      sum += p.value as number;
    }
    expect(Math.abs(sum / 10 - 2) / 2).toBeLessThan(0.15);
  });

  it('the intake cadence of waits that never queue is twice their mean', () => {
    const waits = Array.from({ length: 200 }, (_, i) => (3 * (i + 0.5)) / 200);
    expect(intakeCadence(waits).value).toBeCloseTo(3, 6);
  });
});

describe('what the calibration says about a history', () => {
  const scenario = sample('sample-three-pilot-pods');
  const { history, asOf } = synthesizeHistory({ scenario, seed: 3, months: 24 });

  it('names its source, keeps what the history cannot inform, and counts open items as censored', () => {
    const cal = calibrateDelivery(history, scenario, { asOf });
    expect(cal.design).toBe('pods-platform');
    expect(cal.openItems).toBeGreaterThan(0);
    for (const p of cal.parameters) expect(p.source).toBe(`your history: ${p.items} items, ${cal.from}–${cal.to}`);
    expect(cal.notInHistory).toEqual(expect.arrayContaining(['focusFactor', 'crewSize', 'podHandoffCadenceWeeks']));
    const applied = applyCalibration({ focusFactor: 0.6 }, cal);
    expect(applied.focusFactor).toBe(0.6);
    expect(applied.effort?.medium?.model?.p90).toBe((cal.parameters.find((p) => p.key === 'effort.medium.model')!.value as EffortRange).p90);
  });

  it('warns when the history is shorter than a forecast needs', () => {
    const few: DeliveryHistory = { ...history, items: history.items.slice(0, 12) };
    const cal = calibrateDelivery(few, scenario);
    expect(cal.warnings[0]).toMatch(/^12 items over .* weeks: fewer than a forecast needs \(LinearB asks ≥ 30 items and ≥ 5 weeks\)/);
  });

  it('refuses a fitted value outside the documented bounds, with the reason, and never clamps it', () => {
    // Every item fails its first two deploys: a change failure rate of about 2/3 is above the documented 0.6.
    const failing: DeliveryHistory = {
      ...history,
      items: history.items.map((item) => {
        const k = item.changes.findIndex((c) => c.status === 'Deploy');
        if (k < 0 || k + 1 >= item.changes.length) return item;
        const at = item.changes[k + 1]!.at;
        return { ...item, changes: [...item.changes.slice(0, k + 1), { at, status: 'Recovering' }, { at, status: 'Deploy' }, { at, status: 'Recovering' }, { at, status: 'Deploy' }, ...item.changes.slice(k + 1)] };
      }),
    };
    const cfr = calibrateDelivery(failing, scenario, { asOf }).parameters.find((p) => p.key === 'changeFailureRate')!;
    expect(cfr.value).toBeGreaterThan(0.6);
    expect(cfr.refused).toMatch(/outside the documented bounds 0–0\.6/);
    expect(applyCalibration({}, { parameters: [cfr] }).changeFailureRate).toBeUndefined();
  });

  it('says which waiting statuses name a team the design does not have', () => {
    const renamed: DeliveryHistory = { ...history, mapping: { ...history.mapping, statuses: { ...history.mapping.statuses, 'Ready for Recommendations pod': { kind: 'waiting', team: 'recsys' } } } };
    expect(calibrateDelivery(renamed, scenario, { asOf }).warnings.some((w) => w.startsWith('statuses waiting for a team the pods-platform design does not have (recsys)'))).toBe(true);
  });

  it('refuses a status the mapping does not know, naming it and the item', () => {
    const unmapped: DeliveryHistory = { ...history, mapping: { ...history.mapping, statuses: { ...history.mapping.statuses } } };
    delete unmapped.mapping.statuses.Integration;
    expect(() => calibrateDelivery(unmapped, scenario)).toThrow(/status "Integration" is not in the mapping/);
  });
});

describe('the back-test', () => {
  const MONTHS = 72;
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

  it('a correctly specified model covers about 50% and 85% of the newer items (mean of 40 histories, both samples)', () => {
    // The same model generates the histories (the engine, traced) and forecasts them (fitted on their older two-thirds).
    const p50: number[] = [];
    const p85: number[] = [];
    for (const id of ['sample-centralized-ai-team', 'sample-three-pilot-pods']) {
      const scenario = planOf(id, 96);
      for (let seed = 1; seed <= 20; seed++) {
        const { history } = synthesizeHistory({ scenario, seed, months: 96 });
        const bt = backTestDelivery(history, scenario, { trials: 200, seed: 1000 + seed });
        expect(bt.qq.map((p) => p.q)).toEqual(Array.from({ length: 19 }, (_, k) => (k + 1) / 20));
        if (bt.coverage.p50 !== null) p50.push(bt.coverage.p50);
        if (bt.coverage.p85 !== null) p85.push(bt.coverage.p85);
      }
    }
    expect(p50.length).toBeGreaterThanOrEqual(36);
    expect(p85.length).toBeGreaterThanOrEqual(20);
    expect(Math.abs(mean(p50) - 0.5)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(mean(p85) - 0.85)).toBeLessThanOrEqual(0.08);
  });

  it('flags a model that does not describe the history: efforts twice the defaults, forecast with the defaults', () => {
    const doubled = Object.fromEntries(INITIATIVE_SIZES.map((size) => [size, Object.fromEntries(EFFORT_STAGES.map((stage) => [stage, { p10: DEFAULT_EFFORT[size][stage].p10 * 2, p90: DEFAULT_EFFORT[size][stage].p90 * 2 }]))]));
    const generating = planOf('sample-centralized-ai-team', MONTHS);
    const misSpecified = planOf('sample-centralized-ai-team', MONTHS);
    let flagged = 0;
    const coverage: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const { history } = synthesizeHistory({ scenario: generating, parameters: { effort: doubled, arrivalsPerAreaPerMonth: 0.2 }, seed, months: MONTHS });
      // The user rejects the fitted efforts: the forecast keeps the defaults.
      const bt = backTestDelivery(history, misSpecified, { trials: 200, seed: 1000 + seed, accept: new Set(['arrivalsPerAreaPerMonth', 'sizeMix.small', 'sizeMix.medium', 'sizeMix.large']) });
      if (bt.warning?.startsWith('the model does not describe your history: ')) flagged++;
      if (bt.coverage.p50 !== null) coverage.push(bt.coverage.p50);
    }
    expect(flagged).toBeGreaterThanOrEqual(7);
    expect(mean(coverage)).toBeLessThan(0.3);
  });
});
