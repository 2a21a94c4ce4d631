import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { scenarioCosts } from '../cost/scenario-costs.ts';
import { simulateDelivery } from '../delivery/simulate.ts';
import type { Scenario } from '../scenario/schema.ts';
import { acceptFitted, setCalibration } from '../edits/delivery-calibration.ts';
import { compareDecisions } from './compare.ts';
import { decide, type DecisionInput } from './decision.ts';

const samples = loadSamples();
const pods = samples.find((s) => s.id === 'sample-three-pilot-pods')!;

function inputFor(scenario: Scenario, withDelivery = true): DecisionInput {
  return {
    scenario,
    revision: 3,
    readiness: scenario.readiness,
    costs: scenarioCosts(scenario),
    delivery: withDelivery ? simulateDelivery({ scenario, parameters: scenario.delivery.parameters }, { trials: 200, seed: 1 }) : null,
    deliveryPreliminary: false,
    gpu: null,
    date: '2026-12-07',
  };
}

describe('the Decision for a scenario', () => {
  const decision = decide(inputFor(pods));

  it('totals costs with the one cost model: the same dollars as the Costs tab, idle GPUs included', () => {
    const costs = scenarioCosts(pods);
    expect(decision.costs.total).toBe(costs.total);
    expect(decision.costs.people + decision.costs.gpuUse + decision.costs.gpuIdle).toBeCloseTo(costs.total, 4);
    expect(decision.costs.gpuIdle).toBeGreaterThan(0);
  });

  it('puts every design side by side, the design as modelled costing exactly the scenario’s total', () => {
    expect(decision.designs.map((d) => d.kind).sort()).toEqual(['centralized', 'pods', 'pods-platform']);
    const asModelled = decision.designs.find((d) => d.asModelled)!;
    expect(asModelled.totalCost).toBe(decision.costs.total);
    for (const design of decision.designs.filter((d) => d.meaningful)) {
      expect(design.timeToProductionP85!.low).toBeLessThanOrEqual(design.timeToProductionP85!.weeks);
      expect(design.timeToProductionP85!.high).toBeGreaterThanOrEqual(design.timeToProductionP85!.weeks);
      expect(design.costPerShippedInitiative).toBeCloseTo(design.totalCost / design.shippedInHorizon!, 6);
    }
  });

  it('the delivery simulation costs the design as modelled at the plan’s total, so cost per initiative agrees across tabs', () => {
    for (const sample of samples) {
      const comparison = simulateDelivery({ scenario: sample, parameters: sample.delivery.parameters }, { trials: 50, seed: 1 });
      const asModelled = comparison.designs.find((d) => d.asModelled)!;
      expect(asModelled.cost!.total).toBe(scenarioCosts(sample).total);
      const column = decide({ ...inputFor(sample, false), delivery: comparison }).designs.find((d) => d.asModelled)!;
      expect(column.costPerShippedInitiative).toBe(asModelled.cost!.perInitiativeShipped);
    }
  });

  it('recommends a design in words that name the numbers it rests on and what would change it', () => {
    expect(decision.recommendation.design).not.toBeNull();
    expect(decision.recommendation.text).toMatch(/^Recommended: .+\. It ships \d+\.\d initiatives a quarter/);
    expect(decision.recommendation.text).toMatch(/\$/);
    expect(decision.recommendation.restsOn.length).toBeGreaterThan(0);
    expect(decision.recommendation.wouldChange.length).toBeGreaterThan(0);
  });

  it('says what is missing instead of guessing', () => {
    expect(decision.missing.some((m) => m.startsWith('GPU waits'))).toBe(true);
    const noDelivery = decide(inputFor(pods, false));
    expect(noDelivery.recommendation.design).toBeNull();
    expect(noDelivery.missing.some((m) => m.startsWith('Delivery figures'))).toBe(true);
  });

  it('names a role band whose maximum is below its minimum instead of costing it in silence', () => {
    const roles = pods.costModel.roles.map((r, i) => (i === 0 ? { ...r, min: r.max + 10_000 } : r));
    const broken = { ...pods, costModel: { ...pods.costModel, roles } };
    const d = decide({ ...inputFor(broken, false), costs: scenarioCosts(broken) });
    expect(d.missing.some((m) => m.startsWith('Role catalog:') && /maximum is below its minimum/.test(m))).toBe(true);
  });

  it('carries the key assumptions a report must show', () => {
    const labels = decision.assumptions.map((a) => a.label);
    for (const label of ['Loaded-cost multiplier', 'Salary percentile', 'Delivery trials and seed', 'Delivery calibration']) expect(labels).toContain(label);
  });

  it('says whether the delivery figures rest on the team’s history, and how the back-test went', () => {
    expect(decision.assumptions.find((a) => a.label === 'Delivery calibration')!.value).toMatch(/^none: the documented defaults/);
    const fitted = acceptFitted(
      setCalibration(pods, {
        history: { source: 'jira.csv', format: 'jira', items: 240, from: '2023-01-02', to: '2026-11-30' },
        fitted: [{ key: 'changeFailureRate', label: 'Change failure rate', value: 0.2, low: 0.15, high: 0.26, items: 230, from: '2023-01-02', to: '2026-11-30', status: 'pending' }],
        backTest: { items: 80, coverageP50: 0.52, coverageP85: 0.81 },
      }),
      'changeFailureRate',
    );
    const words = decide(inputFor(fitted)).assumptions.find((a) => a.label === 'Delivery calibration')!.value;
    expect(words).toBe('1 value fitted from your history (jira.csv: 240 items, 2023-01-02 to 2026-11-30); back-test on the newer 80 items: 52% within the forecast P50 (about 50% when calibrated), 81% within P85 (about 85%)');
  });
});

describe('one total on every screen', () => {
  it('Costs = Decision = Compare, to the dollar, on both samples', () => {
    const decisions = samples.map((s) => decide(inputFor(s)));
    const compared = compareDecisions(decisions).find((f) => f.id === 'total-cost')!;
    samples.forEach((s, i) => {
      const total = scenarioCosts(s).total;
      expect(decisions[i]!.costs.total).toBe(total);
      expect(compared.values[i]).toBe(total);
      expect(decisions[i]!.designs.find((d) => d.asModelled)!.totalCost).toBe(total);
    });
  });
});
