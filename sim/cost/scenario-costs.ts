/**
 * All costs of a scenario in one call: the cost model with the GPU price
 * from the cluster's node pools, open positions filled on the hiring plan,
 * teams starting with their wave, and the GPU capacity the organisation
 * owns by month (node pools with their planned changes). This is what every
 * tab, the CLI, the Decision view and the reports compute costs with, so the
 * same scenario gives the same dollars everywhere.
 */
import { nodeCountAt } from '../cluster/capacity.ts';
import type { NodePool } from '../cluster/schema.ts';
import { monthsToHireByRole, teamStartMonths } from '../phases/plan.ts';
import type { Phases } from '../phases/schema.ts';
import { computeCosts, gpuPricePerHour, type CostBreakdown, type CostTeam, type GpuCapacityByMonth } from './compute.ts';
import type { CostModel } from './schema.ts';

/** Hours in an average month (8,760 / 12). */
export const HOURS_PER_MONTH = 730;

export type CostedNodePool = Pick<NodePool, 'gpusPerNode' | 'nodeCount' | 'costPerGpuHour'> & Partial<Pick<NodePool, 'capacityChanges'>>;

/** The parts of a scenario costs depend on (a `Scenario` fits). */
export interface CostedScenario {
  teams: readonly CostTeam[];
  costModel: CostModel;
  phases: Pick<Phases, 'hiring' | 'waves'>;
  cluster: { nodePools: ReadonlyArray<CostedNodePool> };
}

export interface ScenarioCostOptions {
  /** Teams' GPU-hours per month from a GPU simulation, replacing their planned figures. */
  simulatedGpuHoursPerMonth?: ReadonlyMap<string, number>;
}

/**
 * GPU-hours and cost of the node pools in each plan month. A pool costs its
 * own price per GPU-hour, unless the cost model sets one price for every GPU.
 */
export function gpuCapacityByMonth(nodePools: ReadonlyArray<CostedNodePool>, horizonMonths: number, priceOverride?: number): GpuCapacityByMonth {
  const gpuHours = new Float64Array(horizonMonths);
  const cost = new Float64Array(horizonMonths);
  for (const pool of nodePools) {
    const price = priceOverride ?? pool.costPerGpuHour;
    for (let m = 1; m <= horizonMonths; m++) {
      const nodes = nodeCountAt({ nodeCount: pool.nodeCount, capacityChanges: pool.capacityChanges ?? [] }, m);
      const hours = nodes * pool.gpusPerNode * HOURS_PER_MONTH;
      gpuHours[m - 1]! += hours;
      cost[m - 1]! += hours * price;
    }
  }
  return { gpuHours, cost };
}

export function scenarioCosts(scenario: CostedScenario, options: ScenarioCostOptions = {}): CostBreakdown {
  const { costModel } = scenario;
  return computeCosts(scenario.teams, costModel, {
    gpuPricePerHour: gpuPricePerHour(costModel, scenario.cluster.nodePools),
    monthsToHire: monthsToHireByRole(scenario.phases.hiring),
    teamStartMonths: teamStartMonths(scenario.phases.waves),
    gpuCapacity: gpuCapacityByMonth(scenario.cluster.nodePools, costModel.horizonMonths, costModel.gpuPricePerHour),
    ...(options.simulatedGpuHoursPerMonth ? { simulatedGpuHoursPerMonth: options.simulatedGpuHoursPerMonth } : {}),
  });
}
