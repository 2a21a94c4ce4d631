import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSamples } from '../samples/index.ts';
import type { ReadinessAnswers } from '../../sim/readiness/schema.ts';
import { seedSamplesOnFirstStart } from './data-dir.ts';
import { getOrganisationReadiness, ORGANISATION_READINESS_SETTING, seedOrganisationReadiness, setOrganisationReadiness } from './organisation.ts';
import { openScenarioStore } from './sqlite-store.ts';
import { makeScenario, makeTempDir } from './test-support/fixtures.ts';
import type { ScenarioStore } from './types.ts';

const ready: ReadinessAnswers = { ownerCandidates: 3, optimizingFor: 'velocity', productLevelMeasurement: 'partly', bottleneck: 'decision-making', notes: 'Three product leads.' };
const doubtful: ReadinessAnswers = { ownerCandidates: 1, optimizingFor: 'coordination', notes: '' };

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let store: ScenarioStore;

beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'podplan.db');
  store = openScenarioStore({ file });
});
afterEach(() => {
  store.close();
  temp.remove();
});

/**
 * Stores scenarios as a Podplan before v7 left them: version-6 documents,
 * readiness answers per scenario (no scope), updated in the order given.
 */
function storeBeforeUpgrade(scenarios: Array<{ id: string; readiness: ReadinessAnswers }>): void {
  for (const { id } of scenarios) store.createScenario(makeScenario(id));
  store.close();
  const raw = new Database(file);
  scenarios.forEach(({ id, readiness }, i) => {
    const document = JSON.stringify({ ...makeScenario(id), schemaVersion: 6, readiness });
    raw.prepare('UPDATE scenarios SET document = ?, updated_at = ? WHERE id = ?').run(document, `2025-0${i + 1}-01T09:00:00.000Z`, id);
  });
  raw.close();
  store = openScenarioStore({ file });
}

describe('the organisation’s readiness answers, on the first start after the upgrade', () => {
  it('come from the most recently updated scenario that answered; scenarios with exactly those answers follow them, others keep their override', () => {
    storeBeforeUpgrade([
      { id: 'older', readiness: doubtful },
      { id: 'same-as-newest', readiness: ready },
      { id: 'unanswered', readiness: { notes: '' } },
      { id: 'newest', readiness: ready },
      { id: 'notes-only', readiness: { notes: 'Ask the CFO.' } },
    ]);
    expect(store.getScenario('older').scenario.readiness.scope).toBe('scenario');
    const before = store.getScenario('same-as-newest').revision;

    const seed = seedOrganisationReadiness(store);

    expect(seed).toEqual({ answers: ready, fromScenarioId: 'newest', followingNow: expect.arrayContaining(['newest', 'same-as-newest']) as string[] });
    expect(seed?.followingNow).toHaveLength(2);
    expect(getOrganisationReadiness(store)).toEqual(ready);
    expect(store.getScenario('newest').scenario.readiness).toEqual({ ...ready, scope: 'organisation' });
    expect(store.getScenario('same-as-newest').revision).toBe(before + 1);
    // A different answer is kept, visibly, as the scenario's own.
    expect(store.getScenario('older').scenario.readiness).toEqual({ ...doubtful, scope: 'scenario' });
    expect(store.getScenario('unanswered').scenario.readiness.scope).toBe('organisation');
    expect(store.getScenario('notes-only').scenario.readiness).toEqual({ notes: 'Ask the CFO.', scope: 'organisation' });
  });

  it('are seeded once: later starts keep what the organisation answered since', () => {
    storeBeforeUpgrade([{ id: 'a', readiness: ready }]);
    seedOrganisationReadiness(store);
    setOrganisationReadiness(store, { ...ready, ownerCandidates: 4 });
    store.close();
    store = openScenarioStore({ file });
    expect(seedOrganisationReadiness(store)).toBeNull();
    expect(getOrganisationReadiness(store)).toEqual({ ...ready, ownerCandidates: 4 });
  });

  it('are empty where no scenario answered a question', () => {
    storeBeforeUpgrade([{ id: 'a', readiness: { notes: '' } }]);
    expect(seedOrganisationReadiness(store)).toEqual({ answers: { notes: '' }, fromScenarioId: null, followingNow: [] });
    expect(getOrganisationReadiness(store)).toEqual({ notes: '' });
  });
});

describe('a fresh workspace', () => {
  it('takes the samples’ shared answers as the organisation’s; both samples follow them', () => {
    seedSamplesOnFirstStart(store);
    const seed = seedOrganisationReadiness(store);
    const [sample] = loadSamples();
    expect(seed?.answers).toMatchObject({ ownerCandidates: sample!.readiness.ownerCandidates, bottleneck: sample!.readiness.bottleneck, notes: sample!.readiness.notes });
    expect(seed?.followingNow).toEqual([]);
    for (const s of store.listScenarios()) expect(store.getScenario(s.id).scenario.readiness.scope).toBe('organisation');
  });

  it('has no organisation answers until seeded', () => {
    expect(getOrganisationReadiness(store)).toBeNull();
  });
});

describe('stored answers', () => {
  it('are stored without empty keys or a scope', () => {
    const stored = setOrganisationReadiness(store, { ...ready, scope: 'scenario', bottleneck: undefined } as ReadinessAnswers);
    expect(stored).toEqual({ ownerCandidates: 3, optimizingFor: 'velocity', productLevelMeasurement: 'partly', notes: 'Three product leads.' });
    expect(store.getSetting(ORGANISATION_READINESS_SETTING)).toEqual(stored);
  });

  it('damaged outside Podplan, name the bad field', () => {
    store.setSetting(ORGANISATION_READINESS_SETTING, { ownerCandidates: -2, notes: '' });
    expect(() => getOrganisationReadiness(store)).toThrow(/readiness answers in the database are damaged \(ownerCandidates: .*\)/);
  });
});
