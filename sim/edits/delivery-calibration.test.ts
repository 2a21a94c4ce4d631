import { describe, expect, it } from 'vitest';
import { parseScenarioDocument } from '../scenario/index.ts';
import { makePodsScenario } from '../scenario/testing/scenarios.ts';
import type { DeliveryCalibration, FittedParameterRecord } from '../delivery/schema.ts';
import { acceptAllFitted, acceptFitted, clearCalibration, historySource, rejectFitted, setCalibration, withOverride } from './delivery-calibration.ts';

const fitted = (key: string, value: FittedParameterRecord['value'], low: FittedParameterRecord['value'], high: FittedParameterRecord['value']): FittedParameterRecord => ({
  key,
  label: key,
  value,
  low,
  high,
  items: 120,
  from: '2025-01-06',
  to: '2026-06-30',
  status: 'pending',
});

const calibration = (): DeliveryCalibration => ({
  history: { source: 'history.csv', format: 'transitions', items: 120, from: '2025-01-06', to: '2026-06-30' },
  fitted: [fitted('arrivalsPerAreaPerMonth', 0.5, 0.42, 0.6), fitted('effort.medium.discovery', { p10: 2, p90: 6 }, { p10: 1.6, p90: 5 }, { p10: 2.4, p90: 7.5 }), fitted('changeFailureRate', 0.2, 0.12, 0.3)],
});

describe('values fitted from a delivery history', () => {
  it('are offered, not used, until the user accepts them', () => {
    const scenario = setCalibration(makePodsScenario(), calibration());
    expect(scenario.delivery.parameters).toEqual({});
    expect(scenario.delivery.calibration!.fitted.every((f) => f.status === 'pending')).toBe(true);
  });

  it('accepting one writes it as an override and names the history as its source', () => {
    const scenario = acceptFitted(setCalibration(makePodsScenario(), calibration()), 'effort.medium.discovery');
    expect(scenario.delivery.parameters.effort?.medium?.discovery).toEqual({ p10: 2, p90: 6 });
    expect(historySource(scenario, 'effort.medium.discovery')).toBe('your history: 120 items, 2025-01-06 to 2026-06-30');
    expect(historySource(scenario, 'changeFailureRate')).toBeNull();
  });

  it('rejecting an accepted value restores the override it replaced', () => {
    let scenario = makePodsScenario();
    scenario = { ...scenario, delivery: { ...scenario.delivery, parameters: { changeFailureRate: 0.15 } } };
    scenario = acceptFitted(setCalibration(scenario, calibration()), 'changeFailureRate');
    expect(scenario.delivery.parameters.changeFailureRate).toBe(0.2);
    scenario = rejectFitted(scenario, 'changeFailureRate');
    expect(scenario.delivery.parameters.changeFailureRate).toBe(0.15);
    expect(scenario.delivery.calibration!.fitted.find((f) => f.key === 'changeFailureRate')!.status).toBe('rejected');
  });

  it('accept all is one change, and clearing puts every default back', () => {
    const before = setCalibration(makePodsScenario(), calibration());
    const all = acceptAllFitted(before);
    expect(all.delivery.parameters).toEqual({ arrivalsPerAreaPerMonth: 0.5, changeFailureRate: 0.2, effort: { medium: { discovery: { p10: 2, p90: 6 } } } });
    const cleared = clearCalibration(all);
    expect(cleared.delivery.parameters).toEqual({});
    expect(cleared.delivery.calibration).toBeUndefined();
  });

  it('a scenario with a calibration survives the file round trip', () => {
    const scenario = acceptFitted(setCalibration(makePodsScenario(), calibration()), 'arrivalsPerAreaPerMonth');
    const read = parseScenarioDocument(JSON.parse(JSON.stringify(scenario))).scenario;
    expect(read.delivery.calibration).toEqual(scenario.delivery.calibration);
    expect(read.delivery.parameters.arrivalsPerAreaPerMonth).toBe(0.5);
  });

  it('a value outside the documented bounds is refused with its name, never clamped', () => {
    expect(() => withOverride({}, 'changeFailureRate', 7)).toThrow(/changeFailureRate: 7 cannot be used/);
    expect(() => withOverride({}, 'effort.huge.discovery', 3)).toThrow(/"effort.huge.discovery" is not a delivery parameter/);
  });
});

describe('the size mix', () => {
  it('is accepted and rejected as one distribution, never one share beside the others’ defaults', () => {
    const withMix: DeliveryCalibration = {
      ...calibration(),
      fitted: [fitted('sizeMix.small', 0.35, 0.25, 0.46), fitted('sizeMix.medium', 0.6, 0.49, 0.7), fitted('sizeMix.large', 0.05, 0.01, 0.14)],
    };
    const accepted = acceptFitted(setCalibration(makePodsScenario(), withMix), 'sizeMix.small');
    expect(accepted.delivery.parameters.sizeMix).toEqual({ small: 0.35, medium: 0.6, large: 0.05 });
    expect(accepted.delivery.calibration!.fitted.every((f) => f.status === 'accepted')).toBe(true);
    const rejected = rejectFitted(accepted, 'sizeMix.large');
    expect(rejected.delivery.parameters.sizeMix).toBeUndefined();
    expect(rejected.delivery.calibration!.fitted.every((f) => f.status === 'rejected')).toBe(true);
  });
});
