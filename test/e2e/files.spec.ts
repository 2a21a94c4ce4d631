import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SAMPLE_CENTRALIZED, SAMPLE_PODS, scenarioRows, test, type PodplanServer } from './fixtures.ts';
import { SCENARIO_SCHEMA_VERSION } from '../../sim/scenario/index.ts';

async function storedNames(server: PodplanServer): Promise<string[]> {
  return (await server.api.listScenarios()).map((s) => `${s.id}:${s.name}:${s.revision}`).sort();
}

async function expectListUnchanged(page: Page, server: PodplanServer, before: string[]): Promise<void> {
  expect(await storedNames(server)).toEqual(before);
  await expect(page.getByRole('table', { name: 'Scenarios' }).getByRole('row')).toHaveCount(before.length + 1);
}

test('re-importing one’s own export asks: keep both under a distinct name, or replace it (the replaced version kept in its history)', async ({ page, server }, testInfo) => {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: `Export ${SAMPLE_PODS}` }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('three-pilot-pods-with-an-ai-platform-team.podplan.json');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { description: string };
  expect(exported).toMatchObject({ schemaVersion: SCENARIO_SCHEMA_VERSION, name: SAMPLE_PODS });
  const fileName = download.suggestedFilename();

  // Keep both: a second scenario, never a second of the same name.
  await page.getByLabel('Import scenario file').setInputFiles(file);
  const ask = page.getByRole('status', { name: `${fileName} is already in your workspace` });
  await expect(ask).toContainText(`“${SAMPLE_PODS}” is already in your workspace`);
  await ask.getByRole('button', { name: 'Keep both' }).click();
  await expect(page.getByRole('status', { name: `Imported “${SAMPLE_PODS} (2)”` })).toBeVisible();
  await expect(scenarioRows(page, `${SAMPLE_PODS} (2)`)).toHaveCount(1);
  let summaries = await server.api.listScenarios();
  expect(summaries.filter((s) => s.name === SAMPLE_PODS)).toHaveLength(1);
  expect(summaries).toHaveLength(3);

  // Replace: the file's version over the scenario it came from; the old one one restore away.
  writeFileSync(file, JSON.stringify({ ...exported, description: 'Edited outside Podplan' }));
  await page.getByLabel('Import scenario file').setInputFiles(file);
  await page.getByRole('status', { name: `${fileName} is already in your workspace` }).getByRole('button', { name: 'Replace it' }).click();
  await expect(page.getByRole('status', { name: `Replaced “${SAMPLE_PODS}” with ${fileName}` })).toBeVisible();
  summaries = await server.api.listScenarios();
  expect(summaries).toHaveLength(3);
  const original = summaries.find((s) => s.name === SAMPLE_PODS)!;
  expect((await server.api.getScenario(original.id)).scenario.description).toBe('Edited outside Podplan');
  expect((await server.api.listSnapshots(original.id)).some((s) => s.label === `Before importing ${fileName}`)).toBe(true);
});

test('an older file is upgraded on import and says so', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('old.podplan.json');
  writeFileSync(
    file,
    JSON.stringify({
      schemaVersion: 1,
      id: 'legacy',
      name: 'Legacy plan',
      teams: [{ id: 'core', name: 'Core AI', kind: 'central-ai', headcount: { 'ai-ml-engineer': 3 } }],
    }),
  );
  await page.getByLabel('Import scenario file').setInputFiles(file);
  const notice = page.getByRole('status', { name: 'Imported “Legacy plan”' });
  await expect(notice).toContainText('schema version 1');
  await expect(scenarioRows(page, 'Legacy plan')).toHaveCount(1);
  await notice.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Legacy plan');
});

test('a malformed file is refused with a clear message and nothing changes', async ({ page, server }) => {
  const before = await storedNames(server);
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'broken.podplan.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ "schemaVersion": 2, "name": "Half a file", '),
  });
  const alert = page.getByRole('alert', { name: 'Could not import broken.podplan.json' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/not valid JSON/i);
  await expectListUnchanged(page, server, before);
});

test('a file that is not UTF-8 is refused naming the byte, never imported with replacement characters', async ({ page, server }) => {
  const before = await storedNames(server);
  const text = Buffer.from(`{ "schemaVersion": ${SCENARIO_SCHEMA_VERSION}, "id": "x", "name": "Caf`);
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'latin1.podplan.json',
    mimeType: 'application/json',
    // "é" in Latin-1: one byte that UTF-8 cannot start a character with.
    buffer: Buffer.concat([text, Buffer.from([0xe9]), Buffer.from('", "teams": [] }')]),
  });
  const alert = page.getByRole('alert', { name: 'Could not import latin1.podplan.json' });
  await expect(alert).toContainText(`not UTF-8 text: byte ${text.length}`);
  await expectListUnchanged(page, server, before);
});

test('a file with invalid fields names the fields', async ({ page, server }) => {
  const before = await storedNames(server);
  const doc = {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: 'x',
    name: 'Bad roles',
    description: '',
    teams: [{ id: 't', name: 'Team', type: 'central-ai', description: '', positions: [{ id: 'p', role: 'wizard' }] }],
  };
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'bad-roles.podplan.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  const alert = page.getByRole('alert', { name: 'Could not import bad-roles.podplan.json' });
  await expect(alert).toContainText('teams[0].positions[0].role');
  await expectListUnchanged(page, server, before);
});

test('a file from a newer Podplan (unknown schemaVersion) is refused and nothing changes', async ({ page, server }) => {
  const before = await storedNames(server);
  await page.getByLabel('Import scenario file').setInputFiles({
    name: 'future.podplan.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ schemaVersion: 99, id: 'future', name: 'From the future', teams: [] })),
  });
  const alert = page.getByRole('alert', { name: 'Could not import future.podplan.json' });
  await expect(alert).toContainText(/schemaVersion: 99 was written by a newer Podplan/);
  await expectListUnchanged(page, server, before);
});

test('a 60 MB file is refused before upload and nothing changes', async ({ page, server }, testInfo) => {
  const before = await storedNames(server);
  const file = testInfo.outputPath('huge.podplan.json');
  const filler = 'x'.repeat(60 * 1024 * 1024 - 64);
  writeFileSync(file, `{"schemaVersion":2,"id":"huge","name":"Huge","description":"${filler}","teams":[]}`);
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/import')) requests.push(request.url());
  });
  await page.getByLabel('Import scenario file').setInputFiles(file);
  const alert = page.getByRole('alert', { name: `Could not import ${path.basename(file)}` });
  await expect(alert).toContainText('is 60.0 MB; a Podplan scenario file can be at most 20.0 MB. Nothing was imported.');
  expect(requests).toEqual([]);
  await expectListUnchanged(page, server, before);
  await expect(scenarioRows(page, SAMPLE_CENTRALIZED)).toHaveCount(1);
});
