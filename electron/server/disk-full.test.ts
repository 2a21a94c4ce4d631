// A full disk as the API reports it: 507 with the sentence that says where,
// that nothing was lost and what to do; the last revision still loads, and
// the same save succeeds once space is freed.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiErrorBody, ScenarioRecord } from '../../sim/api/contract.ts';
import { makeScenario } from '../../data/store/test-support/fixtures.ts';
import { fillDisk, freeDisk } from '../../data/store/test-support/full-disk.ts';
import { startTestBackend, type TestBackend } from './test-support.ts';

vi.mock('better-sqlite3', async (importOriginal) => {
  const { recordingDatabase } = await import('../../data/store/test-support/full-disk.ts');
  return recordingDatabase((await importOriginal<{ default: typeof Database }>()).default);
});

describe('the API on a full disk', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
  });
  afterAll(() => t.stop());

  const put = (id: string, body: unknown) =>
    fetch(`${t.backend.origin}/api/scenarios/${id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${t.backend.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('a save answers 507 "The disk holding <data dir> is full; nothing was lost; free space and retry."; the last revision stays', async () => {
    const first = t.store.createScenario(makeScenario('on-a-full-disk', { teams: 1 }));
    fillDisk();
    const bigger = makeScenario('on-a-full-disk', { teams: 60, positionsPerTeam: 10 });
    const refused = await put('on-a-full-disk', { scenario: bigger, baseRevision: first.revision });
    expect(refused.status).toBe(507);
    const body = (await refused.json()) as ApiErrorBody;
    expect(body.error).toEqual({ code: 'disk-full', message: `The disk holding ${t.dataDir} is full; nothing was lost; free space and retry.` });
    expect(t.logged).toEqual([]);

    const kept = (await (await fetch(`${t.backend.origin}/api/scenarios/on-a-full-disk`, { headers: { Authorization: `Bearer ${t.backend.token}` } })).json()) as ScenarioRecord;
    expect(kept.revision).toBe(first.revision);
    expect(kept.scenario.teams).toHaveLength(1);

    freeDisk();
    const retried = await put('on-a-full-disk', { scenario: bigger, baseRevision: first.revision });
    expect(retried.status).toBe(200);
  });
});
