import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { parseScenarioText, SCENARIO_SCHEMA_VERSION } from '../../sim/scenario/index.ts';
import { apiError, startTestBackend, type TestBackend } from '../../electron/server/test-support.ts';
import { createApiClient } from '../../renderer/api/client.ts';

const legacyFile = readFileSync(new URL('../../sim/scenario/fixtures/v1-centralized.podplan.json', import.meta.url), 'utf8');

describe('the API client against a real backend and SQLite file', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
  });
  afterAll(() => t.stop());

  it('health says which schema version the backend speaks', async () => {
    expect(await t.client.health()).toEqual({ ok: true, version: expect.any(String), schemaVersion: SCENARIO_SCHEMA_VERSION });
  });

  it('creates, lists, reads, saves and round-trips a scenario', async () => {
    const empty = await t.client.createScenario({ name: 'Blank plan' });
    expect(empty.revision).toBe(1);
    expect(empty.scenario).toMatchObject({ name: 'Blank plan', teams: [] });

    const sample = loadSamples()[1];
    if (!sample) throw new Error('sample missing');
    const created = await t.client.createScenario({ scenario: sample, name: 'My pods' });
    expect(created.scenario.id).not.toBe(sample.id);
    expect(created.scenario.name).toBe('My pods');
    expect(created.scenario.teams).toEqual(sample.teams);

    const listed = await t.client.listScenarios();
    expect(listed.map((s) => s.id)).toEqual(expect.arrayContaining([empty.scenario.id, created.scenario.id]));

    const edited = { ...created.scenario, description: 'Edited through the API' };
    const saved = await t.client.saveScenario(created.scenario.id, edited, created.revision);
    expect(saved.revision).toBe(created.revision + 1);
    expect((await t.client.getScenario(created.scenario.id)).scenario.description).toBe('Edited through the API');
  });

  it('a save on a stale revision gets 409 with the current record, and nothing is overwritten', async () => {
    const record = await t.client.createScenario({ name: 'Contended' });
    const first = await t.client.saveScenario(record.scenario.id, { ...record.scenario, description: 'first writer' }, record.revision);

    const error = await apiError(t.client.saveScenario(record.scenario.id, { ...record.scenario, description: 'second writer' }, record.revision));
    expect(error.status).toBe(409);
    expect(error.code).toBe('conflict');
    expect(error.current?.revision).toBe(first.revision);
    expect(error.current?.scenario.description).toBe('first writer');

    const stored = await t.client.getScenario(record.scenario.id);
    expect(stored.revision).toBe(first.revision);
    expect(stored.scenario.description).toBe('first writer');
  });

  it('an invalid scenario gets 400 naming the field, and the stored one is unchanged', async () => {
    const record = await t.client.createScenario({ name: 'Guarded' });
    const broken = { ...record.scenario, teams: [{ id: 't1', name: 'Pod', type: 'not-a-type', positions: [] }] };
    const error = await apiError(t.client.saveScenario(record.scenario.id, broken as never, record.revision));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid');
    expect(error.issues.map((i) => i.path)).toContain('teams[0].type');
    expect((await t.client.getScenario(record.scenario.id)).revision).toBe(record.revision);
  });

  it('a save whose scenario id differs from the path is refused', async () => {
    const a = await t.client.createScenario({ name: 'A' });
    const b = await t.client.createScenario({ name: 'B' });
    const error = await apiError(t.client.saveScenario(a.scenario.id, b.scenario, a.revision));
    expect(error.status).toBe(400);
    expect(error.issues.map((i) => i.path)).toEqual(['id']);
    expect((await t.client.getScenario(b.scenario.id)).revision).toBe(b.revision);
  });

  it('a save answers only the new revision and its times, not the document', async () => {
    const record = await t.client.createScenario({ name: 'Slim' });
    const saved = await t.client.saveScenario(record.scenario.id, { ...record.scenario, description: 'put' }, record.revision);
    expect(Object.keys(saved).sort()).toEqual(['createdAt', 'revision', 'updatedAt']);
    const changed = await t.client.saveScenarioChanges(record.scenario.id, { set: { description: 'patched' } }, saved.revision);
    expect(Object.keys(changed).sort()).toEqual(['createdAt', 'revision', 'updatedAt']);
    expect(changed.revision).toBe(saved.revision + 1);
  });

  it('a save of changes sends one team and keeps the others as stored, in the order sent', async () => {
    const sample = loadSamples().find((s) => s.teams.length >= 3)!;
    const record = await t.client.createScenario({ name: 'Patched', scenario: sample });
    const [first, second, ...rest] = record.scenario.teams;
    const renamed = { ...second!, name: 'Renamed over PATCH' };
    const saved = await t.client.saveScenarioChanges(record.scenario.id, { teams: [renamed, first!.id, ...rest.map((team) => team.id)] }, record.revision);
    const stored = await t.client.getScenario(record.scenario.id);
    expect(stored.revision).toBe(saved.revision);
    expect(stored.scenario.teams.map((team) => team.id)).toEqual([second!.id, first!.id, ...rest.map((team) => team.id)]);
    expect(stored.scenario.teams[0]!.name).toBe('Renamed over PATCH');
    expect(stored.scenario.teams.slice(1)).toEqual([first, ...rest]);
  });

  it('a save of changes is refused like a full save: bad team (400 at its field), unknown team id, stale revision (409)', async () => {
    const sample = loadSamples()[0]!;
    const record = await t.client.createScenario({ name: 'Guarded changes', scenario: sample });
    const ids = record.scenario.teams.map((team) => team.id);
    const bad = await apiError(t.client.saveScenarioChanges(record.scenario.id, { teams: [{ ...record.scenario.teams[0]!, type: 'not-a-type' as never }, ...ids.slice(1)] }, record.revision));
    expect(bad.status).toBe(400);
    expect(bad.issues.map((i) => i.path)).toContain('teams[0].type');
    const unknown = await apiError(t.client.saveScenarioChanges(record.scenario.id, { teams: ['no-such-team', ...ids] }, record.revision));
    expect(unknown.status).toBe(400);
    expect(unknown.issues[0]).toMatchObject({ path: 'teams[0]' });
    expect(unknown.issues[0]!.message).toContain('no-such-team');
    const shape = await apiError(t.client.saveScenarioChanges(record.scenario.id, { set: { teams: [] } } as never, record.revision));
    expect(shape.status).toBe(400);
    const first = await t.client.saveScenarioChanges(record.scenario.id, { set: { description: 'first writer' } }, record.revision);
    const stale = await apiError(t.client.saveScenarioChanges(record.scenario.id, { set: { description: 'second writer' } }, record.revision));
    expect(stale.status).toBe(409);
    expect(stale.current?.revision).toBe(first.revision);
    expect(stale.current?.scenario.description).toBe('first writer');
    expect((await t.client.getScenario(record.scenario.id)).scenario.teams).toEqual(record.scenario.teams);
  });

  it('deletes to the trash and restores from it', async () => {
    const record = await t.client.createScenario({ name: 'Short-lived' });
    const deleted = await t.client.deleteScenario(record.scenario.id);
    expect(deleted.id).toBe(record.scenario.id);
    expect((await t.client.listScenarios()).map((s) => s.id)).not.toContain(record.scenario.id);
    expect((await t.client.listDeletedScenarios()).map((s) => s.id)).toContain(record.scenario.id);
    expect((await apiError(t.client.getScenario(record.scenario.id))).code).toBe('not-found');

    const restored = await t.client.undeleteScenario(record.scenario.id);
    expect(restored.scenario.name).toBe('Short-lived');
    expect((await t.client.listScenarios()).map((s) => s.id)).toContain(record.scenario.id);
  });

  it('duplicates under a new id', async () => {
    const record = await t.client.createScenario({ name: 'Original' });
    const copy = await t.client.duplicateScenario(record.scenario.id, 'Copy of original');
    expect(copy.scenario.id).not.toBe(record.scenario.id);
    expect(copy.scenario.name).toBe('Copy of original');
    const defaultName = await t.client.duplicateScenario(record.scenario.id);
    expect(defaultName.scenario.name).toContain('Original');
  });

  it('takes snapshots and restores one', async () => {
    const record = await t.client.createScenario({ name: 'Versioned' });
    const snapshot = await t.client.createSnapshot(record.scenario.id, 'Before the reorg');
    expect(snapshot).toMatchObject({ scenarioId: record.scenario.id, label: 'Before the reorg', reason: 'manual', revision: record.revision });

    const saved = await t.client.saveScenario(record.scenario.id, { ...record.scenario, name: 'Versioned, reorganised' }, record.revision);
    const full = await t.client.getSnapshot(snapshot.id);
    expect(full.scenario.name).toBe('Versioned');

    const restored = await t.client.restoreSnapshot(record.scenario.id, snapshot.id, saved.revision);
    expect(restored.scenario.name).toBe('Versioned');
    expect(restored.revision).toBe(saved.revision + 1);
    const reasons = (await t.client.listSnapshots(record.scenario.id)).map((s) => s.reason);
    expect(reasons).toEqual(expect.arrayContaining(['created', 'manual', 'before-restore']));

    const stale = await apiError(t.client.restoreSnapshot(record.scenario.id, snapshot.id, saved.revision));
    expect(stale.code).toBe('conflict');
  });

  it('an empty snapshot label is refused naming the field', async () => {
    const record = await t.client.createScenario({ name: 'Labelled' });
    const error = await apiError(t.client.createSnapshot(record.scenario.id, '   '));
    expect(error.status).toBe(400);
    expect(error.issues.map((i) => i.path)).toEqual(['label']);
  });

  it('exports a scenario as a .podplan.json file that parses back to the same scenario', async () => {
    const sample = loadSamples()[0];
    if (!sample) throw new Error('sample missing');
    const record = await t.client.createScenario({ scenario: sample, name: 'Ünïcode & Spaces / Q3' });
    const text = await t.client.exportScenarioFile(record.scenario.id);
    expect(parseScenarioText(text).scenario).toEqual(record.scenario);

    const response = await fetch(`${t.backend.origin}${t.client.scenarioFileUrl(record.scenario.id).replace(t.backend.origin, '')}`, {
      headers: { Authorization: `Bearer ${t.backend.token}` },
    });
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="unicode-spaces-q3.podplan.json"');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('imports a file as a new scenario every time, with an import snapshot', async () => {
    const sample = loadSamples()[0];
    if (!sample) throw new Error('sample missing');
    const text = JSON.stringify(sample);
    const first = await t.client.importScenario(text, 'central.podplan.json');
    const second = await t.client.importScenario(text);
    expect(first.record.scenario.id).not.toBe(second.record.scenario.id);
    expect(first.record.scenario.id).not.toBe(sample.id);
    expect(first.migratedFrom).toBeNull();
    expect(first.record.scenario.teams).toEqual(sample.teams);
    expect((await t.client.listSnapshots(first.record.scenario.id)).map((s) => s.reason)).toEqual(['import']);
  });

  it('imports an older file version, upgrading it', async () => {
    const imported = await t.client.importScenario(legacyFile, 'legacy.podplan.json');
    expect(imported.migratedFrom).toBe(1);
    expect(imported.record.scenario.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(imported.record.scenario.name).toBe('Legacy central AI team');
  });

  it('importing a malformed file gets 400 naming the problem and stores nothing', async () => {
    const before = (await t.client.listScenarios()).length;

    const notJson = await apiError(t.client.importScenario('{"schemaVersion": 2, "name": '));
    expect(notJson.status).toBe(400);
    expect(notJson.code).toBe('not-json');
    expect(notJson.message).toMatch(/not valid JSON/);

    const sample = loadSamples()[0];
    const badField = JSON.stringify({ ...sample, teams: [{ id: 'x', name: '', type: 'ai-platform', positions: [] }] });
    const invalid = await apiError(t.client.importScenario(badField));
    expect(invalid.status).toBe(400);
    expect(invalid.code).toBe('invalid');
    expect(invalid.issues).toEqual([{ path: 'teams[0].name', message: expect.any(String) }]);
    expect(invalid.message).toContain('teams[0].name');

    const noText = await apiError(createApiClient({ baseUrl: t.backend.origin, token: t.backend.token }).importScenario(undefined as never));
    expect(noText.status).toBe(400);
    expect(noText.issues.map((i) => i.path)).toEqual(['text']);

    expect((await t.client.listScenarios()).length).toBe(before);
  });

  it('a file from a newer Podplan gets 422 and is not stored', async () => {
    const before = (await t.client.listScenarios()).length;
    const error = await apiError(t.client.importScenario(JSON.stringify({ ...loadSamples()[0], schemaVersion: 99 })));
    expect(error.status).toBe(422);
    expect(error.code).toBe('unsupported-version');
    expect(error.issues.map((i) => i.path)).toEqual(['schemaVersion']);
    expect((await t.client.listScenarios()).length).toBe(before);
  });

  it('stores and reads settings', async () => {
    expect(await t.client.getSetting('ui.theme')).toEqual({ key: 'ui.theme', value: null });
    expect(await t.client.putSetting('ui.theme', { mode: 'dark', scale: 1.25 })).toEqual({ key: 'ui.theme', value: { mode: 'dark', scale: 1.25 } });
    expect(await t.client.getSetting('ui.theme')).toEqual({ key: 'ui.theme', value: { mode: 'dark', scale: 1.25 } });
    expect((await apiError(t.client.getSetting('bad key!'))).status).toBe(400);
  });

  it('unknown ids get 404 with a message naming them', async () => {
    const error = await apiError(t.client.getScenario('no-such-scenario'));
    expect(error.status).toBe(404);
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('no-such-scenario');
    expect((await apiError(t.client.getSnapshot('no-such-snapshot'))).code).toBe('not-found');
  });

  it('ids with reserved URL characters travel safely', async () => {
    const error = await apiError(t.client.getScenario('a/../b?c#d'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('a/../b?c#d');
  });

  it('a client without the token gets an ApiError with status 401', async () => {
    const anonymous = createApiClient({ baseUrl: t.backend.origin });
    const error = await apiError(anonymous.listScenarios());
    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
  });

  it('an unreachable backend gets an ApiError with status 0', async () => {
    const nowhere = createApiClient({ baseUrl: 'http://127.0.0.1:1', token: 'x'.repeat(20) });
    const error = await apiError(nowhere.health());
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Could not reach the Podplan backend/);
  });

  it('sends same-origin credentials and the bearer header', async () => {
    const seen: RequestInit[] = [];
    const client = createApiClient({
      baseUrl: 'http://backend.test/',
      token: 'tok',
      fetch: async (input, init) => {
        seen.push({ ...init, body: `${String(input)} ${String(init?.body)}` });
        return new Response(JSON.stringify({ key: 'k', value: 1 }), { status: 200 });
      },
    });
    await client.putSetting('k', 1);
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      credentials: 'same-origin',
      headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
      body: 'http://backend.test/api/settings/k {"value":1}',
    });
  });

  it('a non-JSON error answer still becomes an ApiError', async () => {
    const client = createApiClient({ fetch: async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });
    const error = await apiError(client.health());
    expect(error.status).toBe(502);
    expect(error.code).toBe('internal');
    expect(error.message).toContain('502');
  });
});
