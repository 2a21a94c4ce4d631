/**
 * The organisation's readiness answers: one set per workspace, shared by
 * every scenario that does not override them (issue #12, finding 5). They
 * live in the settings table under one key, validated on the way in and
 * out, with the settings' last-write-wins semantics (no revision: the
 * answers are a handful of fields, edited by one person at a time).
 */
import { answersOf, hasAnsweredQuestion, readinessForFile, sameAnswers } from '../../sim/readiness/effective.ts';
import { ReadinessAnswersSchema, type ReadinessAnswers } from '../../sim/readiness/schema.ts';
import { formatIssuePath, type Scenario } from '../../sim/scenario/index.ts';
import { RevisionConflictError } from './errors.ts';
import type { ScenarioStore } from './types.ts';

export const ORGANISATION_READINESS_SETTING = 'organisationReadiness';

/** The stored answers cannot be read (edited outside Podplan): says which field and how to repair it. */
export class StoredReadinessError extends Error {
  constructor(detail: string) {
    super(`The organisation's readiness answers in the database are damaged (${detail}); answer the questions again to repair them.`);
    this.name = 'StoredReadinessError';
  }
}

/** The organisation's answers, or null while the workspace has none yet (never seeded). */
export function getOrganisationReadiness(store: ScenarioStore): ReadinessAnswers | null {
  const stored = store.getSetting(ORGANISATION_READINESS_SETTING);
  if (stored === undefined) return null;
  const parsed = ReadinessAnswersSchema.safeParse(stored);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoredReadinessError(issue ? `${formatIssuePath(issue.path) || 'the value'}: ${issue.message}` : 'not an object');
  }
  return answersOf(parsed.data);
}

/** Replaces the organisation's answers (the caller has validated them); returns what is stored. */
export function setOrganisationReadiness(store: ScenarioStore, answers: ReadinessAnswers): ReadinessAnswers {
  const clean = answersOf(answers);
  store.setSetting(ORGANISATION_READINESS_SETTING, clean);
  return clean;
}

export interface OrganisationSeed {
  answers: ReadinessAnswers;
  /** The scenario whose answers became the organisation's; null when none had any (empty answers). */
  fromScenarioId: string | null;
  /** Scenarios that kept their answers as an override and now follow the organisation (same answers). */
  followingNow: string[];
}

/**
 * Once per workspace (first start after the upgrade, or a fresh one with
 * the samples): the organisation's answers are taken from the most recently
 * updated scenario that answered any question, else left empty. Scenarios
 * the v6→v7 file migration kept as overrides whose answers are exactly
 * these then follow the organisation; any other override stays one, visibly.
 * Returns null when the workspace already had answers.
 */
export function seedOrganisationReadiness(store: ScenarioStore): OrganisationSeed | null {
  // Damaged answers count as answers: the app says so and answering again repairs them; a start never fails on them.
  if (store.getSetting(ORGANISATION_READINESS_SETTING) !== undefined) return null;
  // Most recently updated first; a damaged scenario (problem) cannot be read and is skipped.
  const readable = store.listScenarios().filter((s) => s.problem === undefined);
  const records = readable.map((s) => store.getScenario(s.id));
  const source = records.find((r) => hasAnsweredQuestion(r.scenario.readiness));
  const answers = setOrganisationReadiness(store, source ? source.scenario.readiness : { notes: '' });

  const followingNow: string[] = [];
  for (const record of records) {
    const { readiness } = record.scenario;
    if (readiness.scope !== 'scenario' || !sameAnswers(answersOf(readiness), answers)) continue;
    try {
      store.saveScenario(record.scenario.id, { ...record.scenario, readiness: { ...readiness, scope: 'organisation' } }, record.revision);
      followingNow.push(record.scenario.id);
    } catch (error) {
      // Saved elsewhere meanwhile (another window): it stays an override, which the UI shows.
      if (!(error instanceof RevisionConflictError)) throw error;
    }
  }
  return { answers, fromScenarioId: source?.scenario.id ?? null, followingNow };
}

/**
 * The scenario as a file carries it: with the readiness answers in effect
 * in this workspace (and its scope), so the file alone — in the CLI, or
 * opened elsewhere — gives the same recommendation and simulation inputs.
 */
export function scenarioForFile(store: ScenarioStore, scenario: Scenario): Scenario {
  return { ...scenario, readiness: readinessForFile(scenario.readiness, getOrganisationReadiness(store)) };
}
