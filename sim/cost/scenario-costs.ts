/**
 * All costs of a scenario in one call: the cost model with the GPU price
 * from the cluster's node pools, open positions filled on the hiring plan,
 * and teams starting with their wave. This is what the UI and the CLI
 * recompute on every edit.
 */
import { monthsToHireByRole, teamStartMonths } from '../phases/plan.ts';
import type { Phases } from '../phases/schema.ts';
import { computeCosts, gpuPricePerHour, type CostBreakdown, type CostTeam } from './compute.ts';
import type { CostModel } from './schema.ts';

/** The parts of a scenario costs depend on (a `Scenario` fits). */
export interface CostedScenario {
  teams: readonly CostTeam[];
  costModel: CostModel;
  phases: Pick<Phases, 'hiring' | 'waves'>;
  cluster: { nodePools: ReadonlyArray<{ gpusPerNode: number; nodeCount: number; costPerGpuHour: number }> };
}

export function scenarioCosts(scenario: CostedScenario): CostBreakdown {
  return computeCosts(scenario.teams, scenario.costModel, {
    gpuPricePerHour: gpuPricePerHour(scenario.costModel, scenario.cluster.nodePools),
    monthsToHire: monthsToHireByRole(scenario.phases.hiring),
    teamStartMonths: teamStartMonths(scenario.phases.waves),
  });
}
