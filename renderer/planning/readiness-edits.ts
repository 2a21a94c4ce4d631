/** Pure edits of the readiness answers (`scenario.readiness`); an undefined answer clears it. */
import type { ReadinessAnswers, ScenarioReadiness } from '../../sim/readiness/schema.ts';
import type { Scenario } from '../../sim/scenario/index.ts';

export type ReadinessPatch = { [K in keyof ReadinessAnswers]?: ReadinessAnswers[K] | undefined };

export function setReadiness(scenario: Scenario, patch: ReadinessPatch): Scenario {
  const current = scenario.readiness;
  let next: ScenarioReadiness = current;
  for (const key of Object.keys(patch) as (keyof ReadinessAnswers)[]) {
    const value = patch[key];
    if (value === undefined) {
      if (key === 'notes' || next[key] === undefined) continue;
      const copy = { ...next };
      delete copy[key];
      next = copy;
    } else if (next[key] !== value) {
      next = { ...next, [key]: value };
    }
  }
  return next === current ? scenario : { ...scenario, readiness: next };
}
