/**
 * Whose readiness answers apply to a scenario. The answers describe the
 * organisation, so every scenario shares the workspace's one set unless it
 * overrides them (`scope: 'scenario'`). Everything that reads answers for a
 * recommendation or a simulation input goes through `effectiveReadiness`,
 * so two scenarios of the same organisation can never disagree about it.
 */
import type { QuestionId } from './questions.ts';
import type { ReadinessAnswers, ScenarioReadiness } from './schema.ts';

/** The answered questions (notes aside) that `hasAnsweredQuestion` looks at. */
const QUESTION_IDS: readonly QuestionId[] = ['ownerCandidates', 'optimizingFor', 'productLevelMeasurement', 'bottleneck'];

/** A difference between two sets of answers: a question, or the notes. */
export type ReadinessField = QuestionId | 'notes';
const FIELDS: readonly ReadinessField[] = [...QUESTION_IDS, 'notes'];

/** The answers alone, without the scope (and without any key left undefined). */
export function answersOf(readiness: ReadinessAnswers): ReadinessAnswers {
  const answers: ReadinessAnswers = { notes: readiness.notes };
  if (readiness.ownerCandidates !== undefined) answers.ownerCandidates = readiness.ownerCandidates;
  if (readiness.optimizingFor !== undefined) answers.optimizingFor = readiness.optimizingFor;
  if (readiness.productLevelMeasurement !== undefined) answers.productLevelMeasurement = readiness.productLevelMeasurement;
  if (readiness.bottleneck !== undefined) answers.bottleneck = readiness.bottleneck;
  return answers;
}

/**
 * The answers in effect for a scenario: its own when it overrides the
 * organisation's; else the organisation's, or — where no organisation's
 * answers are known (a lone file in the CLI) — the answers the scenario
 * carries, which a file export sets to the ones in effect when it was written.
 */
export function effectiveReadiness(scenario: ScenarioReadiness, organisation: ReadinessAnswers | null): ReadinessAnswers {
  if (scenario.scope === 'scenario' || organisation === null) return answersOf(scenario);
  return answersOf(organisation);
}

/** The scenario's readiness as a file should carry it: the answers in effect, its scope kept (so an import loses nothing). */
export function readinessForFile(scenario: ScenarioReadiness, organisation: ReadinessAnswers | null): ScenarioReadiness {
  return { ...effectiveReadiness(scenario, organisation), scope: scenario.scope };
}

/** Whether any of the four questions is answered (notes alone do not count). */
export function hasAnsweredQuestion(answers: ReadinessAnswers): boolean {
  return QUESTION_IDS.some((id) => answers[id] !== undefined);
}

/** The questions (and notes) whose answers differ, in the form's order. */
export function readinessDifferences(a: ReadinessAnswers, b: ReadinessAnswers): ReadinessField[] {
  return FIELDS.filter((field) => a[field] !== b[field]);
}

export function sameAnswers(a: ReadinessAnswers, b: ReadinessAnswers): boolean {
  return readinessDifferences(a, b).length === 0;
}
