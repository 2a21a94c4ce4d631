/**
 * Pure edits of readiness answers: the organisation's (`patchAnswers`) and
 * a scenario's own (`setReadiness`, used while it overrides them), and the
 * switch between the two (`overrideReadiness`, `followOrganisation`, each a
 * scenario edit, so undo covers it). An undefined answer clears it.
 */
import { answersOf } from '../readiness/effective.ts';
import type { ReadinessAnswers, ScenarioReadiness } from '../readiness/schema.ts';
import type { Scenario } from '../scenario/index.ts';

export type ReadinessPatch = { [K in keyof ReadinessAnswers]?: ReadinessAnswers[K] | undefined };

/** The answers with the patch applied; the same object when nothing changes. */
export function patchAnswers<T extends ReadinessAnswers>(current: T, patch: ReadinessPatch): T {
  let next: T = current;
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
  return next;
}

/** Edits the scenario's own answers (in effect while it overrides the organisation's). */
export function setReadiness(scenario: Scenario, patch: ReadinessPatch): Scenario {
  const next: ScenarioReadiness = patchAnswers(scenario.readiness, patch);
  return next === scenario.readiness ? scenario : { ...scenario, readiness: next };
}

/**
 * The scenario answers for itself from now on, starting from the
 * organisation's answers (its own stored ones where none are known).
 */
export function overrideReadiness(scenario: Scenario, organisation: ReadinessAnswers | null): Scenario {
  if (scenario.readiness.scope === 'scenario') return scenario;
  return { ...scenario, readiness: { ...answersOf(organisation ?? scenario.readiness), scope: 'scenario' } };
}

/** The scenario follows the organisation's answers again; its own stay stored, unused (undo brings the override back as it was). */
export function followOrganisation(scenario: Scenario): Scenario {
  if (scenario.readiness.scope === 'organisation') return scenario;
  return { ...scenario, readiness: { ...scenario.readiness, scope: 'organisation' } };
}
