/**
 * How the org is staffed over a history of the past, the same for the
 * synthetic histories and the back-test that forecasts them: the scenario's
 * current org at full strength from the history's first day. Every position
 * is filled, every team and product area is working from month 1 (no pod
 * waits for an owner to be hired, whatever the readiness answers say), and a
 * platform team's adoption dip is over (its gain stays). A plan's hiring
 * ramp, its waves and its adoption dip describe the months ahead; the
 * history's items were delivered by the org as it is, so simulating them
 * with a ramp would make the forecast see start-up the history never had
 * (and the fitted effort, read at full strength, would not match it).
 */
import type { DeliveryScenario } from '../delivery/design.ts';
import type { DeepPartialParameters } from '../delivery/parameters.ts';

/** Overrides that hold for a history of the past: the platform adopted long ago (no dip). */
export const PAST_ORG_PARAMETERS: DeepPartialParameters = { adoptionDipMonths: 0 };

/** Readiness answers of an org whose pods already have their owners: the plan's wait for owner hires is over. */
function ownersFound(readiness: DeliveryScenario['readiness']): DeliveryScenario['readiness'] {
  if (readiness?.ownerCandidates === undefined) return readiness;
  const answers = { ...readiness };
  delete answers.ownerCandidates;
  return answers;
}

/** The scenario's org at full strength over `months` from `planStart` (YYYY-MM): no open position, no later wave, no pod waiting for its owner. */
export function orgAtFullStrength<S extends DeliveryScenario>(scenario: S, months: number, planStart: string): S {
  return {
    ...scenario,
    readiness: ownersFound(scenario.readiness),
    teams: scenario.teams.map((team) => ({ ...team, positions: team.positions.map((p) => ({ ...p, filled: true, hireMonth: undefined })) })),
    phases: { ...scenario.phases, waves: scenario.phases.waves.map((wave) => ({ ...wave, startMonth: 1 })) },
    costModel: { ...scenario.costModel, horizonMonths: months, planStart },
  };
}

/** The scenario's parameter overrides with the past org's over them. */
export function pastOrgParameters(overrides: DeepPartialParameters | undefined): DeepPartialParameters {
  return { ...overrides, ...PAST_ORG_PARAMETERS };
}
