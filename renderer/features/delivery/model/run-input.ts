/**
 * What a delivery run reads from the scenario, and a key that changes only
 * when one of those inputs does (so editing a team's name re-runs, editing
 * the quota policy does not). Trials and seed are the scenario's; no stored
 * trial count = the stopping rule (P85 within ±2%), and the documented seed.
 */
import type { DesignKind } from '../../../../sim/delivery/design.ts';
import type { DeliveryJobInput } from '../../../../sim/delivery/job.ts';
import { DEFAULT_DELIVERY_SEED, DEFAULT_SENSITIVITY_TRIALS } from '../../../../sim/delivery/schema.ts';
import { effectiveReadiness } from '../../../../sim/readiness/effective.ts';
import type { ReadinessAnswers } from '../../../../sim/readiness/schema.ts';
import type { Scenario } from '../../../../sim/scenario/index.ts';

export interface DeliveryRunInput<J extends DeliveryJobInput = DeliveryJobInput> {
  job: J;
  /** Starts with the scenario id and a colon (`isForScenario`). */
  key: string;
}

/** Whether a run key belongs to the scenario (the stores outlive a scenario switch). */
export const isForScenario = (key: string | null, scenarioId: string): boolean => key !== null && key.startsWith(`${scenarioId}:`);

/**
 * The scenario's fields the simulator reads: the org, the phase plan, the
 * cost model (horizon, people costs), and the readiness answers in effect
 * (the organisation's unless the scenario overrides them).
 */
function scenarioPart(scenario: Scenario, organisation: ReadinessAnswers | null) {
  return { teams: scenario.teams, phases: scenario.phases, costModel: scenario.costModel, readiness: effectiveReadiness(scenario.readiness, organisation) };
}

const listed = (scenario: Scenario) => (scenario.delivery.initiatives ? { initiatives: scenario.delivery.initiatives } : {});

/** The stored trial count; undefined = the stopping rule. */
export const runTrials = (scenario: Scenario): number | undefined => scenario.delivery.trials;
export const runSeed = (scenario: Scenario): number => scenario.delivery.seed ?? DEFAULT_DELIVERY_SEED;

export function comparisonInput(scenario: Scenario, organisation: ReadinessAnswers | null): DeliveryRunInput {
  const part = scenarioPart(scenario, organisation);
  const trials = runTrials(scenario);
  const job: DeliveryJobInput = { kind: 'compare', scenario: { ...scenario, ...part }, parameters: scenario.delivery.parameters, ...listed(scenario), ...(trials === undefined ? {} : { trials }), seed: runSeed(scenario) };
  return { job, key: `${scenario.id}:${JSON.stringify(['compare', part, scenario.delivery])}` };
}

export function sensitivityInput(scenario: Scenario, organisation: ReadinessAnswers | null, design: DesignKind): DeliveryRunInput<DeliveryJobInput & { kind: 'sensitivity' }> {
  const part = scenarioPart(scenario, organisation);
  const trials = Math.min(runTrials(scenario) ?? DEFAULT_SENSITIVITY_TRIALS, DEFAULT_SENSITIVITY_TRIALS);
  const job: DeliveryJobInput & { kind: 'sensitivity' } = { kind: 'sensitivity', scenario: { ...scenario, ...part }, parameters: scenario.delivery.parameters, ...listed(scenario), trials, seed: runSeed(scenario), design };
  return { job, key: `${scenario.id}:${JSON.stringify(['sensitivity', design, part, scenario.delivery])}` };
}
