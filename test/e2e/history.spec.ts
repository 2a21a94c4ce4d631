import { expect, expectSaved, SAMPLE_PODS, test } from './fixtures.ts';

test('take a snapshot and restore it', async ({ page, server }) => {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  const snapshots = history.getByRole('list', { name: 'Snapshots' }).getByRole('listitem');
  await expect(snapshots).toHaveCount(1); // "Created", taken by the backend

  await history.getByLabel('Snapshot label').fill('Before the reorg');
  await history.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(snapshots).toHaveCount(2);
  await expect(history.getByText('Before the reorg')).toBeVisible();

  const name = page.getByLabel('Scenario name');
  await name.fill('After the reorg');
  await page.getByRole('button', { name: '+ Add team' }).click();
  await expectSaved(page);

  await history.getByRole('button', { name: /^Restore Before the reorg/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore “Before the reorg”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog).toBeHidden();

  // The editor reloads with the snapshot's content; the state before is kept as a snapshot.
  await expect(name).toHaveValue(SAMPLE_PODS);
  await expect(page.getByRole('group', { name: /^Team 10:/ })).toHaveCount(0);
  await expect(history.getByText('Before restore').first()).toBeVisible();
  await expect(snapshots).toHaveCount(3);

  const [summary] = (await server.api.listScenarios()).filter((s) => s.name === SAMPLE_PODS);
  expect(summary).toBeDefined();
  const stored = await server.api.getScenario(summary?.id ?? '');
  expect(stored.scenario.teams).toHaveLength(9);

  // Editing after a restore saves on the new revision.
  await name.fill('Edited after restore');
  await expectSaved(page);
  await page.reload();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Edited after restore');
});
