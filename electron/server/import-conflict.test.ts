/**
 * Importing a file that is a scenario already in the workspace (issue #13
 * finding 13): 'ask' answers 409 with the stored one; 'keep-both' (the
 * default) imports it under a distinct name; 'replace' saves it over the
 * stored one, whose earlier version stays a snapshot.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serializeScenario } from '../../sim/scenario/index.ts';
import { startTestBackend, type TestBackend } from './test-support.ts';

let t: TestBackend;
beforeAll(async () => {
  t = await startTestBackend();
});
afterAll(async () => {
  await t.stop();
});

it('asks, keeps both under a distinct name, or replaces with the old version kept', async () => {
  const created = await t.client.createScenario({ name: 'Plan' });
  const text = serializeScenario({ ...created.scenario, description: 'from the file' });

  const asked = await t.client.importScenario(text, 'plan.podplan.json', 'ask').then(
    () => null,
    (error: unknown) => error as { status?: number; code?: string; current?: { scenario: { id: string } } },
  );
  expect(asked).toMatchObject({ status: 409, code: 'conflict' });

  const both = await t.client.importScenario(text, 'plan.podplan.json');
  expect(both.record.scenario.name).toBe('Plan (2)');
  expect(both.record.scenario.id).not.toBe(created.scenario.id);

  const replaced = await t.client.importScenario(text, 'plan.podplan.json', 'replace');
  expect(replaced).toMatchObject({ replaced: true, record: { scenario: { id: created.scenario.id, description: 'from the file' } } });
  const snapshots = await t.client.listSnapshots(created.scenario.id);
  expect(snapshots.map((s) => s.label)).toContain('Before importing plan.podplan.json');
  expect((await t.client.listScenarios()).map((s) => s.name).sort()).toEqual(['Plan', 'Plan (2)']);
});
