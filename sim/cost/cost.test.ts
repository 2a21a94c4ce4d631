import { describe, expect, it } from 'vitest';
import { ROLE_IDS, type RoleId } from '../org/roles.ts';
import { DEFAULT_ROLE_COSTS, defaultRoleCatalog } from './catalog.ts';
import { compareCosts, computeCosts, costBetween, gpuPricePerHour, positionAnnualCost, teamAnnualPeopleCost, type CostPosition, type CostTeam } from './compute.ts';
import { CostModelSchema, defaultCostModel, type CostModel } from './schema.ts';
import { costModelIssues } from './validate.ts';

let nextId = 0;
const position = (role: RoleId, extra: Partial<CostPosition> = {}): CostPosition => ({ id: `p${nextId++}`, role, filled: true, ...extra });

const POD_CORE: RoleId[] = ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer'];
const pod = (id: string, sixth: RoleId, extra: Partial<CostTeam> = {}): CostTeam => ({ id, positions: [...POD_CORE, sixth].map((r) => position(r)), ...extra });

describe('role catalog defaults', () => {
  it('holds every role once, each with a source and a one-line rationale', () => {
    expect(DEFAULT_ROLE_COSTS.map((r) => r.role).sort()).toEqual([...ROLE_IDS].sort());
    for (const entry of DEFAULT_ROLE_COSTS) {
      expect(['seed', 'assumption']).toContain(entry.source);
      expect(entry.rationale.length, entry.role).toBeGreaterThan(20);
      expect(entry.max).toBeGreaterThan(entry.min);
    }
  });

  it('uses the seed bands for the roles the seed prices, and marks the others as assumptions', () => {
    const byRole = Object.fromEntries(DEFAULT_ROLE_COSTS.map((r) => [r.role, r]));
    expect(byRole['ai-platform-engineer']).toMatchObject({ min: 150_000, max: 240_000, source: 'seed' });
    expect(byRole['ai-product-manager']).toMatchObject({ min: 180_000, max: 280_000, source: 'seed' });
    expect(byRole['ai-product-manager']!.equityPerYear).toBeGreaterThan(0);
    expect(byRole['data-platform-engineer']).toMatchObject({ min: 160_000, max: 250_000, source: 'seed' });
    for (const role of ['software-engineer', 'ai-ml-engineer', 'single-threaded-owner', 'mlops-engineer', 'principal-engineer', 'engineering-manager'] as const) {
      expect(byRole[role]!.source, role).toBe('assumption');
    }
    // The owner is priced as the AI PM: the seed calls the single-threaded owner a technical PM.
    expect(byRole['single-threaded-owner']).toMatchObject({ min: byRole['ai-product-manager']!.min, max: byRole['ai-product-manager']!.max });
  });

  it('a stored cost model with nothing in it gets the whole catalog, as its own copy', () => {
    const a = CostModelSchema.parse({});
    const b = CostModelSchema.parse({});
    expect(a.roles).toHaveLength(ROLE_IDS.length);
    a.roles[0]!.min = 1;
    expect(b.roles[0]!.min).not.toBe(1);
    expect(defaultRoleCatalog()[0]!.min).not.toBe(1);
  });
});

describe('cost of a pod with the seed defaults', () => {
  it.each<RoleId>(['software-engineer', 'ai-ml-engineer', 'data-platform-engineer', 'mlops-engineer'])(
    'a 6-person pod (owner, AI/ML engineer, 2 SWE, data platform engineer, one more: %s) costs $0.7M–$1.1M a year',
    (sixth) => {
      const costs = computeCosts([pod('pod', sixth)], defaultCostModel());
      expect(costs.annualRunRate).toBeGreaterThanOrEqual(700_000);
      expect(costs.annualRunRate).toBeLessThanOrEqual(1_100_000);
      // With every position filled, 12 months of the plan are the annual cost.
      expect(costBetween(costs.monthly, 1, 12)).toBeCloseTo(costs.annualRunRate, 6);
    },
  );
});

describe('derived costs', () => {
  const model = (): CostModel => defaultCostModel();

  it('a position costs its band at the percentile × loaded × region, plus equity', () => {
    const m = { ...model(), loadedCostMultiplier: 1.3, regionMultiplier: 0.8 };
    const pm = m.roles.find((r) => r.role === 'ai-product-manager')!;
    const salary = pm.min + ((pm.max - pm.min) * pm.percentile) / 100;
    expect(positionAnnualCost({ role: 'ai-product-manager' }, m)).toBeCloseTo(salary * 1.3 * 0.8 + pm.equityPerYear, 6);
    // A position's own percentile overrides the role's.
    expect(positionAnnualCost({ role: 'ai-product-manager', salaryPercentile: 100 }, m)).toBeCloseTo(pm.max * 1.3 * 0.8 + pm.equityPerYear, 6);
  });

  it('changing a salary band moves the team, month and total costs, and only those of teams with that role', () => {
    const teams = [pod('a', 'software-engineer'), { id: 'b', positions: [position('business-stakeholder')] }];
    const before = computeCosts(teams, model());
    const edited = model();
    const dpe = edited.roles.find((r) => r.role === 'data-platform-engineer')!;
    dpe.min += 24_000;
    dpe.max += 24_000;
    const after = computeCosts(teams, edited);
    expect(after.teams[0]!.annualPeopleCost - before.teams[0]!.annualPeopleCost).toBeCloseTo(24_000, 6);
    expect(after.monthly[0]! - before.monthly[0]!).toBeCloseTo(2_000, 6);
    expect(after.total - before.total).toBeCloseTo(24_000 * 2, 6); // 24-month horizon
    expect(after.teams[1]!.total).toBe(before.teams[1]!.total);
  });

  it('a hire costs from its hire month; filled positions from month 1', () => {
    const hire = position('ai-ml-engineer', { filled: false, hireMonth: 4 });
    const team: CostTeam = { id: 'a', positions: [position('software-engineer'), hire] };
    const costs = computeCosts([team], model());
    const swe = positionAnnualCost({ role: 'software-engineer' }, model()) / 12;
    const ml = positionAnnualCost({ role: 'ai-ml-engineer' }, model()) / 12;
    expect([...costs.monthly.slice(0, 5)].map((v) => Math.round(v))).toEqual([swe, swe, swe, swe + ml, swe + ml].map((v) => Math.round(v)));
    expect(costs.positionStartMonth[1]).toBe(4);
    expect(costs.teams[0]!.openPositions).toBe(1);
    // The run rate counts the open position as filled.
    expect(costs.annualRunRate).toBeCloseTo((swe + ml) * 12, 6);
  });

  it('an open position without a hire month starts after the hiring plan\'s time to hire, or is listed as unscheduled', () => {
    const open = position('data-platform-engineer', { filled: false });
    const team: CostTeam = { id: 'a', positions: [open] };
    const planned = computeCosts([team], model(), { monthsToHire: { 'data-platform-engineer': 3 } });
    expect(planned.positionStartMonth[0]).toBe(4);
    expect(planned.monthly[2]).toBe(0);
    expect(planned.monthly[3]).toBeGreaterThan(0);
    const unplanned = computeCosts([team], model());
    expect(unplanned.unscheduledPositionIds).toEqual([open.id]);
    expect(unplanned.total).toBe(0);
  });

  it('GPU cost per team is GPU-hours per month × price, from the month its first position starts', () => {
    const team: CostTeam = { id: 'a', gpuHoursPerMonth: 1_000, positions: [position('ai-ml-engineer', { filled: false, hireMonth: 3 })] };
    const costs = computeCosts([team], model(), { gpuPricePerHour: 2.5 });
    expect(costs.teams[0]!.gpuMonthlyCost).toBe(2_500);
    expect([...costs.teams[0]!.monthlyGpu.slice(0, 4)]).toEqual([0, 0, 2_500, 2_500]);
    expect(costs.totalGpu).toBe(2_500 * 22);
  });

  it('the GPU price defaults to the GPU-weighted average of the node pools; the cost model can override it', () => {
    const pools = [
      { gpusPerNode: 8, nodeCount: 1, costPerGpuHour: 4 },
      { gpusPerNode: 8, nodeCount: 3, costPerGpuHour: 2 },
    ];
    expect(gpuPricePerHour({}, pools)).toBeCloseTo(2.5, 10);
    expect(gpuPricePerHour({ gpuPricePerHour: 3 }, pools)).toBe(3);
    expect(gpuPricePerHour({}, [])).toBe(0);
  });

  it('the budget cap reports the month it is crossed within its plan year, and the run-rate warning', () => {
    const teams = [pod('a', 'software-engineer')];
    const annual = teamAnnualPeopleCost(teams[0]!, model());
    const capped = computeCosts(teams, { ...model(), budgetCapPerYear: annual * 0.5 });
    // Half the annual cost is spent after 6 months: month 7 crosses it.
    expect(capped.budget).toMatchObject({ crossedMonth: 7, crossedMonthLabel: '2026-07', runRateCrossedMonth: 1 });
    expect(capped.budget!.years.map((y) => [y.startMonth, y.endMonth])).toEqual([[1, 12], [13, 24]]);
    expect(capped.budget!.years[0]!.overBy).toBeCloseTo(annual * 0.5, 6);
    const roomy = computeCosts(teams, { ...model(), budgetCapPerYear: annual * 2 });
    expect(roomy.budget).toMatchObject({ crossedMonth: null, runRateCrossedMonth: null });
    expect(computeCosts(teams, model()).budget).toBeNull();
  });

  it('month labels follow the plan start across a year boundary', () => {
    const costs = computeCosts([], { ...model(), planStart: '2026-11', horizonMonths: 4 });
    expect(costs.months).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });

  it('positions are laid out flat in team order', () => {
    const teams = [pod('a', 'software-engineer'), { id: 'b', positions: [position('principal-engineer')] }];
    const costs = computeCosts(teams, model());
    expect([...costs.positionOffsets]).toEqual([0, 6, 7]);
    expect(costs.positionAnnual[6]).toBeCloseTo(positionAnnualCost({ role: 'principal-engineer' }, model()), 6);
  });

  it('compares two orgs month by month', () => {
    const a = computeCosts([pod('a', 'software-engineer')], model());
    const b = computeCosts([pod('a', 'software-engineer'), pod('b', 'software-engineer')], model());
    const diff = compareCosts(a, b);
    expect(diff.annualRunRateDelta).toBeCloseTo(a.annualRunRate, 6);
    expect(diff.bOvertakesAtMonth).toBe(1);
    expect(diff.monthlyDelta[0]).toBeCloseTo(a.monthly[0]!, 6);
  });

  it('points out a band whose maximum is below its minimum, and costs it with the bounds swapped', () => {
    const m = model();
    const swe = m.roles.find((r) => r.role === 'software-engineer')!;
    [swe.min, swe.max] = [swe.max, swe.min];
    expect(costModelIssues(m)).toEqual([expect.objectContaining({ path: `costModel.roles[${m.roles.indexOf(swe)}].max` })]);
    expect(positionAnnualCost({ role: 'software-engineer' }, m)).toBeCloseTo(positionAnnualCost({ role: 'software-engineer' }, model()), 6);
  });
});
