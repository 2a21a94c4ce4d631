import { expect, SAMPLE_CENTRALIZED, SAMPLE_PODS, test } from './fixtures.ts';

test('compare two scenarios shows their differences', async ({ page }) => {
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByLabel('Scenario A').selectOption({ label: SAMPLE_CENTRALIZED });
  await page.getByLabel('Scenario B').selectOption({ label: SAMPLE_PODS });
  await expect(page.getByText(/\d+ differences between/)).toBeVisible();

  const fields = page.getByRole('table', { name: 'Scenario differences' });
  await expect(fields.getByRole('row', { name: /^Teams 4 9$/ })).toBeVisible();
  await expect(fields.getByRole('row', { name: /^Single-threaded owners 0 5$/ })).toBeVisible();

  const teams = page.getByRole('table', { name: 'Team differences' });
  await expect(teams.getByText('Added in B').first()).toBeVisible();
  await expect(teams.getByText('Only in A').first()).toBeVisible();

  const roles = page.getByRole('table', { name: 'Positions by role' });
  await expect(roles.getByRole('cell', { name: 'Single-threaded owner (technical PM)' }).first()).toBeVisible();
  await expect(roles.getByRole('rowheader', { name: 'All teams' })).toBeVisible();

  // Swapping flips the columns; the URL keeps the choice across a reload.
  await page.getByRole('button', { name: 'Swap A and B' }).click();
  await expect(page.getByLabel('Scenario A')).toHaveValue(/.+/);
  await expect(fields.getByRole('row', { name: /^Teams 9 4$/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('table', { name: 'Scenario differences' }).getByRole('row', { name: /^Teams 9 4$/ })).toBeVisible();
});

test('a scenario and its duplicate have no differences', async ({ page }) => {
  await page.getByRole('button', { name: `Duplicate ${SAMPLE_PODS}` }).click();
  await expect(page.getByRole('link', { name: `${SAMPLE_PODS} (copy)` })).toBeVisible();
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByLabel('Scenario A').selectOption({ label: SAMPLE_PODS });
  await page.getByLabel('Scenario B').selectOption({ label: `${SAMPLE_PODS} (copy)` });
  // Only the name differs.
  await expect(page.getByText('1 difference between')).toBeVisible();
  await expect(page.getByText('The same teams with the same settings.')).toBeVisible();
});
