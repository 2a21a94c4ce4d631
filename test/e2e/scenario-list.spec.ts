import { expect, SAMPLE_CENTRALIZED, SAMPLE_PODS, scenarioRows, test } from './fixtures.ts';

test('first start shows both sample scenarios', async ({ page }) => {
  await expect(scenarioRows(page, SAMPLE_CENTRALIZED)).toHaveCount(1);
  await expect(scenarioRows(page, SAMPLE_PODS)).toHaveCount(1);
  await expect(page.getByRole('link', { name: SAMPLE_CENTRALIZED })).toBeVisible();
  await expect(page.getByRole('link', { name: SAMPLE_PODS })).toBeVisible();
});

test('delete asks for confirmation and can be undone', async ({ page, server }) => {
  // Cancelling keeps the scenario.
  await page.getByRole('button', { name: `Delete ${SAMPLE_CENTRALIZED}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete “${SAMPLE_CENTRALIZED}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(scenarioRows(page, SAMPLE_CENTRALIZED)).toHaveCount(1);

  // Confirming deletes it.
  await page.getByRole('button', { name: `Delete ${SAMPLE_CENTRALIZED}` }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(scenarioRows(page, SAMPLE_CENTRALIZED)).toHaveCount(0);
  expect((await server.api.listScenarios()).map((s) => s.name)).toEqual([SAMPLE_PODS]);

  // The notice offers Undo, which brings it back.
  const notice = page.getByRole('status', { name: `Deleted “${SAMPLE_CENTRALIZED}”` });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(scenarioRows(page, SAMPLE_CENTRALIZED)).toHaveCount(1);
  expect((await server.api.listScenarios()).map((s) => s.name).sort()).toEqual([SAMPLE_CENTRALIZED, SAMPLE_PODS].sort());
});

test('rename inline and duplicate', async ({ page, server }) => {
  await page.getByRole('button', { name: `Rename ${SAMPLE_PODS}` }).click();
  const input = page.getByLabel(`New name for ${SAMPLE_PODS}`);
  await expect(input).toBeFocused();
  await input.fill('Pods, renamed');
  await input.press('Enter');
  await expect(scenarioRows(page, 'Pods, renamed')).toHaveCount(1);
  expect((await server.api.listScenarios()).map((s) => s.name)).toContain('Pods, renamed');

  // Escape cancels a rename.
  await page.getByRole('button', { name: 'Rename Pods, renamed' }).click();
  await page.getByLabel('New name for Pods, renamed').fill('Not this');
  await page.getByLabel('New name for Pods, renamed').press('Escape');
  await expect(scenarioRows(page, 'Pods, renamed')).toHaveCount(1);

  await page.getByRole('button', { name: 'Duplicate Pods, renamed' }).click();
  await expect(scenarioRows(page, 'Pods, renamed (copy)')).toHaveCount(1);
  expect(await server.api.listScenarios()).toHaveLength(3);
});
