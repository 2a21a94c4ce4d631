/**
 * The budget chart reads one series for its line, its marker and the card
 * (`BudgetStatus.measured`): the marker's month is the first month the drawn
 * line is above the drawn cap, whichever basis the cap is measured on. And
 * idle GPU capacity is its own series of the monthly chart.
 */
import { describe, expect, it } from 'vitest';
 
import sample from '../../../../data/samples/three-pilot-pods.podplan.json' with { type: 'json' };
import { scenarioCosts } from '../../../../sim/cost/scenario-costs.ts';
import type { BudgetCapBasis } from '../../../../sim/cost/schema.ts';
import { parseScenarioText, type Scenario } from '../../../../sim/scenario/index.ts';
import { budgetChartData, budgetGeometry, costChartData, IDLE_SERIES } from './cost-chart.ts';
import { setOptionalCost, updateCostModel } from '../../../../sim/edits/cost.ts';

const pods = (): Scenario => parseScenarioText(JSON.stringify(sample)).scenario;
const BASES: BudgetCapBasis[] = ['plan-year', 'trailing-12-months'];

/** The first month whose drawn point is above (on screen: smaller y than) the drawn cap line. */
function firstMonthDrawnAboveCap(doc: Scenario): number | null {
  const data = budgetChartData(scenarioCosts(doc))!;
  const g = budgetGeometry(data, 800, 240);
  return g.points.find((p) => p.y < g.capY)?.month ?? null;
}

describe('the budget chart: line, cap and marker from one measured series', () => {
  for (const basis of BASES) {
    it(`puts the marker at the first month the line is above the cap (${basis})`, () => {
      for (const cap of [4_000_000, 6_000_000, 7_500_000, 8_500_000, 20_000_000]) {
        const doc = updateCostModel(setOptionalCost(pods(), 'budgetCapPerYear', cap), { budgetCapBasis: basis });
        const costs = scenarioCosts(doc);
        const data = budgetChartData(costs)!;
        expect(data.basis).toBe(basis);
        expect(data.cap).toBe(cap);
        expect(data.measured).toEqual(Array.from(costs.budget!.measured));
        expect(data.crossedMonth).toBe(costs.budget!.crossedMonth);
        expect(data.crossedMonth).toBe(firstMonthDrawnAboveCap(doc));
        const g = budgetGeometry(data, 800, 240);
        expect(g.markerX).toBe(data.crossedMonth === null ? null : g.points[data.crossedMonth - 1]!.x);
      }
    });
  }

  it('moves the marker when the basis changes: a cap a plan year stays under is passed by a trailing 12 months', () => {
    const planYear = updateCostModel(setOptionalCost(pods(), 'budgetCapPerYear', 7_500_000), { budgetCapBasis: 'plan-year' });
    const trailing = updateCostModel(planYear, { budgetCapBasis: 'trailing-12-months' });
    const a = budgetChartData(scenarioCosts(planYear))!;
    const b = budgetChartData(scenarioCosts(trailing))!;
    expect(a.crossedMonth).toBe(23);
    expect(b.crossedMonth).toBe(13);
    // The plan-year line starts again at month 13; the trailing one never does.
    expect(a.resets).toEqual([13]);
    expect(b.resets).toEqual([]);
    expect(budgetGeometry(a, 800, 240).path.match(/M/g)).toHaveLength(2);
  });

  it('draws the cap itself, not the cap ÷ 12', () => {
    const data = budgetChartData(scenarioCosts(pods()))!;
    const g = budgetGeometry(data, 800, 240);
    expect(g.capY).toBeCloseTo(g.y(6_000_000));
    expect(data.yMax).toBeGreaterThanOrEqual(6_000_000);
  });

  it('no cap, no chart', () => {
    expect(budgetChartData(scenarioCosts(setOptionalCost(pods(), 'budgetCapPerYear', null)))).toBeNull();
  });
});

describe('the monthly chart counts idle GPUs as their own series', () => {
  it('stacks idle owned capacity on top of the teams, up to the month’s total', () => {
    const costs = scenarioCosts(pods());
    const data = costChartData(costs, new Map());
    const idle = data.series.find((s) => s.teamId === IDLE_SERIES)!;
    expect(idle.kind).toBe('idle');
    expect(idle.total).toBeCloseTo(costs.gpu.totalIdleCost);
    expect(data.series.at(-1)).toBe(idle);
    for (let m = 0; m < costs.horizonMonths; m++) {
      expect(idle.segments[m]!.y1 - idle.segments[m]!.y0).toBeCloseTo(costs.gpu.idleCost[m]!);
      expect(idle.segments[m]!.y1).toBeCloseTo(costs.monthly[m]!);
    }
  });

  it('billed on demand, there is no idle series', () => {
    const data = costChartData(scenarioCosts(updateCostModel(pods(), { gpuBilling: 'on-demand' })), new Map());
    expect(data.series.some((s) => s.kind === 'idle')).toBe(false);
  });
});
