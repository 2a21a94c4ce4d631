/**
 * What the crossover run reads from the scenario: the comparison's input
 * (org, phase plan, cost model, readiness in effect, delivery section), the
 * trials per point, and a key that changes only when one of them does.
 */
import { DEFAULT_CROSSOVER_TRIALS } from '../../../../sim/delivery/crossover.ts';
import type { CrossoverJobInput } from '../../../../sim/delivery/crossover-job.ts';
import type { ReadinessAnswers } from '../../../../sim/readiness/schema.ts';
import type { Scenario } from '../../../../sim/scenario/index.ts';
import { comparisonInput, runTrials } from './run-input.ts';

/** Trials per point: the scenario's trials (unset: the stopping rule there), at most `DEFAULT_CROSSOVER_TRIALS` (14 points × 3 designs stay within seconds). */
export const crossoverTrials = (scenario: Scenario): number => Math.min(runTrials(scenario) ?? DEFAULT_CROSSOVER_TRIALS, DEFAULT_CROSSOVER_TRIALS);

export function crossoverInput(scenario: Scenario, organisation: ReadinessAnswers | null): { job: CrossoverJobInput; key: string } {
  const compare = comparisonInput(scenario, organisation);
  const { scenario: simulated, parameters, initiatives, seed } = compare.job;
  const job: CrossoverJobInput = {
    kind: 'crossover',
    scenario: simulated,
    ...(parameters ? { parameters } : {}),
    ...(initiatives ? { initiatives } : {}),
    trials: crossoverTrials(scenario),
    seed,
    // A listed portfolio has no arrival rate to sweep: headcount only.
    ...(initiatives?.length ? { demand: null } : {}),
  };
  return { job, key: `${scenario.id}:crossover:${compare.key}` };
}
