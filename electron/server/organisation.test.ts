import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedSamplesOnFirstStart } from '../../data/store/data-dir.ts';
import { ORGANISATION_READINESS_SETTING, seedOrganisationReadiness } from '../../data/store/organisation.ts';
import { makeScenario } from '../../data/store/test-support/fixtures.ts';
import { effectiveReadiness } from '../../sim/readiness/effective.ts';
import { recommend } from '../../sim/readiness/recommend.ts';
import type { ReadinessAnswers } from '../../sim/readiness/schema.ts';
import { parseScenarioText } from '../../sim/scenario/index.ts';
import { apiError, startTestBackend, type TestBackend } from './test-support.ts';

const talent: ReadinessAnswers = { ownerCandidates: 2, optimizingFor: 'velocity', productLevelMeasurement: 'yes', bottleneck: 'talent', notes: 'Hiring is slow.' };

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend();
});
afterEach(async () => {
  await t.stop();
});

describe('the organisation’s readiness answers over the API (real SQLite file)', () => {
  it('are null until the workspace has any, then what the start seeded', async () => {
    expect(await t.client.getOrganisationReadiness()).toEqual({ answers: null });
    seedSamplesOnFirstStart(t.store);
    seedOrganisationReadiness(t.store);
    const { answers } = await t.client.getOrganisationReadiness();
    expect(answers?.ownerCandidates).toBe(3);
  });

  it('are replaced by a PUT (last write wins) and read back', async () => {
    expect(await t.client.putOrganisationReadiness(talent)).toEqual({ answers: talent });
    expect(await t.client.getOrganisationReadiness()).toEqual({ answers: talent });
    const cleared = await t.client.putOrganisationReadiness({ notes: '' });
    expect(cleared).toEqual({ answers: { notes: '' } });
  });

  it('a bad answer gets 400 naming the field, and nothing is stored', async () => {
    await t.client.putOrganisationReadiness(talent);
    const negative = await apiError(t.client.putOrganisationReadiness({ ...talent, ownerCandidates: -1 }));
    expect(negative.status).toBe(400);
    expect(negative.issues.map((i) => i.path)).toEqual(['answers.ownerCandidates']);
    const unknown = await apiError(t.client.putOrganisationReadiness({ ...talent, bottleneck: 'money' } as unknown as ReadinessAnswers));
    expect(unknown.message).toMatch(/answers\.bottleneck/);
    expect((await t.client.getOrganisationReadiness()).answers).toEqual(talent);
  });

  it('damaged in the database, a GET says so and a PUT repairs them', async () => {
    t.store.setSetting(ORGANISATION_READINESS_SETTING, { optimizingFor: 'speed', notes: '' });
    const damaged = await apiError(t.client.getOrganisationReadiness());
    expect(damaged.status).toBe(500);
    expect(damaged.message).toMatch(/damaged \(optimizingFor: .*\); answer the questions again/);
    await t.client.putOrganisationReadiness(talent);
    expect((await t.client.getOrganisationReadiness()).answers).toEqual(talent);
  });
});

describe('a scenario file', () => {
  it('carries the organisation’s answers for a scenario that follows them, so the file alone gives the same recommendation', async () => {
    const stored = makeScenario('follows', { teams: 3 });
    await t.client.createScenario({ scenario: { ...stored, readiness: { notes: '', ownerCandidates: 9, scope: 'organisation' } } });
    const created = (await t.client.listScenarios())[0]!;
    await t.client.putOrganisationReadiness(talent);

    const file = parseScenarioText(await t.client.exportScenarioFile(created.id)).scenario;
    expect(file.readiness).toEqual({ ...talent, scope: 'organisation' });
    // The CLI reads a lone file with no organisation: same answers, same recommendation.
    const inWorkspace = effectiveReadiness((await t.client.getScenario(created.id)).scenario.readiness, talent);
    expect(effectiveReadiness(file.readiness, null)).toEqual(inWorkspace);
    expect(recommend(effectiveReadiness(file.readiness, null), file)).toEqual(recommend(inWorkspace, file));
  });

  it('carries an override as it is, and imports with the scope it has', async () => {
    const own: ReadinessAnswers = { ownerCandidates: 0, notes: 'nobody yet' };
    const record = await t.client.createScenario({ scenario: { ...makeScenario('own'), readiness: { ...own, scope: 'scenario' } } });
    await t.client.putOrganisationReadiness(talent);
    const text = await t.client.exportScenarioFile(record.scenario.id);
    expect(parseScenarioText(text).scenario.readiness).toEqual({ ...own, scope: 'scenario' });

    const imported = await t.client.importScenario(text, 'own.podplan.json');
    expect(imported.record.scenario.readiness).toEqual({ ...own, scope: 'scenario' });
    const followed = await t.client.importScenario(await t.client.exportScenarioFile((await t.client.createScenario({ name: 'Follows' })).scenario.id));
    expect(followed.record.scenario.readiness).toEqual({ ...talent, scope: 'organisation' });
  });
});
