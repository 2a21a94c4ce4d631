import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_PARAMETERS } from '../../../../sim/delivery/parameters.ts';
import { simulateDelivery } from '../../../../sim/delivery/simulate.ts';
import type { Scenario } from '../../../../sim/scenario/index.ts';
import { cumulativeFlowBands, timeBreakdownSegments, timeToProductionSeries, tornadoBars } from './charts.ts';
import { resetDeliveryParameters, setDeliveryParameter, setDeliveryRun } from '../../../../sim/edits/delivery-parameters.ts';
import { formatParameter, sliderStep } from './parameter-format.ts';
import { addInitiative, arrivalsAtRate, listInitiatives, removeInitiative, updateInitiative } from '../../../../sim/edits/delivery-portfolio.ts';
import { comparisonInput, isForScenario, sensitivityInput } from './run-input.ts';
import { deliverySensitivity } from '../../../../sim/delivery/sensitivity.ts';
import { makePodsScenario } from '../../../../sim/scenario/testing/scenarios.ts';

const pods = (): Scenario => makePodsScenario();

describe('delivery parameter edits', () => {
  it('an override is stored only while it differs from the documented default', () => {
    const doc = pods();
    const set = setDeliveryParameter(doc, 'pavedRoadAdoption', 0.3);
    expect(set.delivery.parameters.pavedRoadAdoption).toBe(0.3);
    const back = setDeliveryParameter(set, 'pavedRoadAdoption', DEFAULT_DELIVERY_PARAMETERS.pavedRoadAdoption);
    expect('pavedRoadAdoption' in back.delivery.parameters).toBe(false);
    expect(setDeliveryParameter(doc, 'pavedRoadAdoption', undefined)).toBe(doc);
  });

  it('reset all clears every override; trials and seed are kept apart from the parameters', () => {
    const doc = setDeliveryRun(setDeliveryParameter(setDeliveryParameter(pods(), 'focusFactor', 0.5), 'wipLimitPerCrew', 3), { trials: 5000, seed: 9 });
    const reset = resetDeliveryParameters(doc);
    expect(reset.delivery).toEqual({ parameters: {}, trials: 5000, seed: 9 });
    expect(resetDeliveryParameters(reset)).toBe(reset);
  });
});

describe('run inputs', () => {
  it('the run key changes with the org and the overrides, not with the quota policy', () => {
    const doc = pods();
    const key = comparisonInput(doc, null).key;
    expect(isForScenario(key, doc.id)).toBe(true);
    expect(isForScenario(key, `${doc.id}x`)).toBe(false);
    expect(comparisonInput({ ...doc, cluster: { ...doc.cluster, cohorts: [] } }, null).key).toBe(key);
    expect(comparisonInput(setDeliveryParameter(doc, 'focusFactor', 0.5), null).key).not.toBe(key);
    expect(comparisonInput({ ...doc, teams: doc.teams.slice(1) }, null).key).not.toBe(key);
    expect(sensitivityInput(doc, null, 'pods').key).not.toBe(sensitivityInput(doc, null, 'centralized').key);
  });

  it('simulates with the organisation’s readiness answers unless the scenario overrides them', () => {
    const organisation = { notes: '', bottleneck: 'talent' as const };
    const follows = pods();
    const input = comparisonInput(follows, organisation);
    expect(input.job.scenario.readiness).toEqual(organisation);
    expect(input.key).not.toBe(comparisonInput(follows, { notes: '', bottleneck: 'data' }).key);
    const overrides: Scenario = { ...follows, readiness: { notes: '', bottleneck: 'data', scope: 'scenario' } };
    expect(comparisonInput(overrides, organisation).job.scenario.readiness).toEqual({ notes: '', bottleneck: 'data' });
    expect(sensitivityInput(overrides, organisation, 'pods').job.scenario.readiness).toEqual({ notes: '', bottleneck: 'data' });
  });
});

describe('parameter display', () => {
  it('shares read as percentages and slider steps are round numbers within the range', () => {
    expect(formatParameter('pavedRoadAdoption', 0.7)).toBe('70%');
    expect(formatParameter('arrivalsPerAreaPerMonth', 1 / 3)).toBe('0.33 per month');
    expect(formatParameter('wipLimitPerCrew', 1)).toBe('1 initiative');
    expect(formatParameter('wipLimitPerCrew', 2)).toBe('2 initiatives');
    expect(formatParameter('holidayWeeksPerYear', 1)).toBe('1 week per person per year');
    expect(sliderStep('pavedRoadAdoption')).toBe(0.01);
    for (const step of [sliderStep('handoffCadenceWeeks'), sliderStep('arrivalsPerAreaPerMonth')]) expect(String(step)).toMatch(/^(0\.0*)?[125]0*$/);
  });
});

describe('delivery chart data', () => {
  const comparison = simulateDelivery({ scenario: pods() }, { trials: 200, seed: 3 });

  it('each design’s distribution covers all its shipped initiatives, whatever its bin width', () => {
    const { series, markers } = timeToProductionSeries(comparison.designs);
    expect(series).toHaveLength(comparison.designs.length);
    for (const s of series) {
      let area = 0;
      for (let i = 0; i + 1 < s.points.length; i += 2) area += (s.points[i + 1]!.x - s.points[i]!.x) * s.points[i]!.y;
      expect(area).toBeCloseTo(100, 0);
    }
    expect(markers.map((m) => m.x)).toEqual(comparison.designs.map((d) => d.timeToProduction.p50));
  });

  it('where the time goes adds up to the breakdown’s total and names the teams waited on', () => {
    for (const d of comparison.designs) {
      const segments = timeBreakdownSegments(d);
      expect(segments.at(-1)!.x1).toBeCloseTo(d.breakdown.total, 1);
      for (let i = 1; i < segments.length; i++) expect(segments[i]!.x0).toBe(segments[i - 1]!.x1);
      for (const w of d.breakdown.waiting.filter((w) => w.queue > 0.01)) expect(segments.some((s) => s.label === `Queued at ${w.teamName}`)).toBe(true);
    }
  });

  it('the cumulative flow bands stack without gaps up to the arrivals', () => {
    const design = comparison.designs[0]!;
    const bands = cumulativeFlowBands(design);
    const last = design.cfd.length - 1;
    expect(bands[0]!.base![last]!.y).toBe(0);
    for (let b = 1; b < bands.length; b++) expect(bands[b]!.base![last]!.y).toBe(bands[b - 1]!.points[last]!.y);
    expect(bands.at(-1)!.points[last]!.y).toBe(design.cfd[last]!.arrived);
  });

  it('the tornado lists the parameters that move the P85, largest swing first', () => {
    const result = deliverySensitivity({ scenario: pods() }, { design: 'pods', trials: 60, seed: 1, parameters: ['focusFactor', 'handoffCadenceWeeks', 'adoptionDipMonths'] });
    const bars = tornadoBars(result);
    expect(bars.length).toBeGreaterThan(0);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.swing).toBeLessThanOrEqual(bars[i - 1]!.swing);
    expect(bars.every((b) => b.swing > 0)).toBe(true);
  });
});

describe('listed portfolio edits', () => {
  it('listing starts with one initiative per pod, requested when the pod starts; back to the rate drops the list', () => {
    const doc = pods();
    const listed = listInitiatives(doc);
    const list = listed.delivery.initiatives!;
    expect(list.map((i) => i.areaId)).toEqual(['pod-a', 'pod-b']);
    expect(listInitiatives(listed)).toBe(listed);
    expect(arrivalsAtRate(listed).delivery.initiatives).toBeUndefined();
  });

  it('add copies the last row’s size, area and month; update and remove touch only their row', () => {
    let doc = listInitiatives(pods());
    doc = updateInitiative(doc, 1, { size: 'large', arrivalMonth: 5 });
    doc = addInitiative(doc);
    expect(doc.delivery.initiatives![2]).toMatchObject({ size: 'large', arrivalMonth: 5, areaId: 'pod-b' });
    doc = updateInitiative(doc, 2, { areaId: null, name: 'Fraud model' });
    expect(doc.delivery.initiatives![2]).toEqual({ name: 'Fraud model', size: 'large', arrivalMonth: 5 });
    doc = removeInitiative(doc, 0);
    expect(doc.delivery.initiatives!.map((i) => i.areaId ?? null)).toEqual(['pod-b', null]);
    expect(removeInitiative(doc, 9)).toBe(doc);
  });
});
