import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { defaultPhases } from '../phases/schema.ts';
import { computeCosts } from './compute.ts';
import { gpuCapacityByMonth, HOURS_PER_MONTH, scenarioCosts, type CostedScenario } from './scenario-costs.ts';
import { defaultCostModel } from './schema.ts';

const sum = (values: Float64Array) => values.reduce((s, v) => s + v, 0);

function plan(over: Partial<CostedScenario['costModel']> = {}, gpuHoursPerMonth = 1000, pools = [{ gpusPerNode: 8, nodeCount: 2, costPerGpuHour: 2, capacityChanges: [{ month: 7, nodeCount: 4 }] }]): CostedScenario {
  return {
    teams: [{ id: 'pod', positions: [{ id: 'p1', role: 'software-engineer', filled: true }], gpuHoursPerMonth }],
    costModel: { ...defaultCostModel(), horizonMonths: 12, ...over },
    phases: defaultPhases(),
    cluster: { nodePools: pools },
  };
}

describe('GPU money: the organisation pays for the capacity it owns, teams are charged by use, idle is its own line', () => {
  it('prices owned capacity per month from the node pools and their planned changes', () => {
    const capacity = gpuCapacityByMonth(plan().cluster.nodePools, 12);
    expect(capacity.gpuHours[0]).toBe(16 * HOURS_PER_MONTH);
    expect(capacity.gpuHours[6]).toBe(32 * HOURS_PER_MONTH);
    expect(capacity.cost[6]).toBe(32 * HOURS_PER_MONTH * 2);
  });

  it('splits every month into teams’ use and idle capacity, which add up to what the capacity costs', () => {
    const costs = scenarioCosts(plan());
    const { gpu } = costs;
    expect(gpu.useSource).toBe('planned');
    for (let m = 0; m < 12; m++) {
      expect(gpu.usedCost[m]! + gpu.idleCost[m]!).toBeCloseTo(gpu.capacityCost[m]!, 6);
      expect(costs.monthlyGpu[m]).toBeCloseTo(gpu.capacityCost[m]!, 6);
    }
    expect(gpu.idleGpuHours[0]).toBe(16 * HOURS_PER_MONTH - 1000);
    expect(costs.totalGpu).toBeCloseTo(gpu.totalCapacityCost, 6);
    expect(costs.total).toBeCloseTo(costs.totalPeople + gpu.totalUsedCost + gpu.totalIdleCost, 6);
  });

  it('buys use beyond owned capacity on demand: no idle, and the overflow is shown', () => {
    const costs = scenarioCosts(plan({}, 40_000));
    expect(sum(costs.gpu.idleCost)).toBe(0);
    expect(costs.gpu.overCapacityGpuHours[0]).toBe(40_000 - 16 * HOURS_PER_MONTH);
    expect(costs.totalGpu).toBeCloseTo(costs.gpu.totalUsedCost, 6);
  });

  it('billed on demand, pays only for use', () => {
    const costs = scenarioCosts(plan({ gpuBilling: 'on-demand' }));
    expect(costs.gpu.totalCapacityCost).toBe(0);
    expect(costs.gpu.totalIdleCost).toBe(0);
    expect(costs.totalGpu).toBeCloseTo(costs.gpu.totalUsedCost, 6);
  });

  it('charges simulated GPU-hours instead of the planned ones when a simulation is given, and says so', () => {
    const costs = scenarioCosts(plan(), { simulatedGpuHoursPerMonth: new Map([['pod', 5000]]) });
    expect(costs.gpu.useSource).toBe('simulated');
    expect(costs.teams[0]!.gpuHoursPerMonth).toBe(5000);
    expect(costs.gpu.usedGpuHours[0]).toBe(5000);
  });

  it('counts the samples’ idle GPUs: the pods sample owns far more than it plans to use', () => {
    const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
    const costs = scenarioCosts(pods);
    expect(costs.gpu.totalIdleCost).toBeGreaterThan(costs.gpu.totalUsedCost);
    // The capacity tab's monthly cost is the same figure.
    expect(costs.gpu.capacityCost[0]).toBeCloseTo(gpuCapacityByMonth(pods.cluster.nodePools, 1).cost[0]!, 6);
  });
});

describe('the budget cap, measured one way for the line, the marker and the card', () => {
  const flat = (perMonth: number, months: number) => computeCosts([], { ...defaultCostModel(), horizonMonths: months, budgetCapPerYear: perMonth * 12 - 1 }, { gpuCapacity: { gpuHours: new Float64Array(months), cost: new Float64Array(months).fill(perMonth) } });

  it('in plan years, crosses in the month a plan year’s spend passes the cap', () => {
    const costs = flat(100, 24);
    expect(costs.budget?.basis).toBe('plan-year');
    expect(costs.budget?.crossedMonth).toBe(12);
    expect(costs.budget?.measured[12]).toBe(100); // a new plan year starts from zero
  });

  it('over a trailing 12 months, the measured spend never resets', () => {
    const costs = computeCosts([], { ...defaultCostModel(), horizonMonths: 24, budgetCapPerYear: 1150, budgetCapBasis: 'trailing-12-months' }, { gpuCapacity: { gpuHours: new Float64Array(24), cost: new Float64Array(24).fill(100) } });
    expect(costs.budget?.measured[11]).toBe(1200);
    expect(costs.budget?.measured[20]).toBe(1200);
    expect(costs.budget?.crossedMonth).toBe(12);
    const crossed = costs.budget!.crossedMonth!;
    expect(costs.budget!.measured[crossed - 1]).toBeGreaterThan(costs.budget!.capPerYear);
    expect(costs.budget!.measured[crossed - 2]).toBeLessThanOrEqual(costs.budget!.capPerYear);
  });
});
