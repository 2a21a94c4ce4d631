import { expect, expectSaved, SAMPLE_PODS, saveStatus, test } from './fixtures.ts';

test('two tabs editing the same scenario: the later save gets a conflict banner and nothing is lost', async ({ page, context, server }) => {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  const scenarioUrl = page.url();

  // The second tab shares the sign-in cookie.
  const other = await context.newPage();
  await other.goto(scenarioUrl);
  await expect(other.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);

  // Tab 1 saves first.
  await page.getByLabel('Scenario description').fill('Edited in tab 1');
  await expectSaved(page);

  // Tab 2, still on the old revision, saves second: conflict.
  await other.getByLabel('Scenario name').fill('Renamed in tab 2');
  const banner = other.getByRole('alert', { name: 'Save conflict' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('changed elsewhere');
  await expect(saveStatus(other)).toHaveText('Not saved: changed elsewhere');
  // Tab 2 keeps its edit on screen; tab 1's save is what is stored.
  await expect(other.getByLabel('Scenario name')).toHaveValue('Renamed in tab 2');
  const id = scenarioUrl.split('/').pop() ?? '';
  let stored = await server.api.getScenario(decodeURIComponent(id));
  expect(stored.scenario.description).toBe('Edited in tab 1');
  expect(stored.scenario.name).toBe(SAMPLE_PODS);

  // More edits while the conflict is open are kept too.
  await other.getByLabel('Scenario name').fill('Renamed in tab 2 (again)');
  await expect(banner).toBeVisible();

  // "Keep mine" overwrites on the current revision.
  await banner.getByRole('button', { name: 'Keep mine (overwrite)' }).click();
  await expect(banner).toBeHidden();
  await expectSaved(other);
  stored = await server.api.getScenario(decodeURIComponent(id));
  expect(stored.scenario.name).toBe('Renamed in tab 2 (again)');

  // Now tab 1 is behind: its next save conflicts; "Reload theirs" shows tab 2's
  // version and tab 1's own edit stays one undo away.
  await page.getByLabel('Scenario description').fill('Edited in tab 1, second time');
  const banner1 = page.getByRole('alert', { name: 'Save conflict' });
  await expect(banner1).toBeVisible();
  await banner1.getByRole('button', { name: 'Reload theirs' }).click();
  await expect(banner1).toBeHidden();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Renamed in tab 2 (again)');
  await expectSaved(page);
  await page.getByRole('heading', { name: 'Teams' }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Scenario description')).toHaveValue('Edited in tab 1, second time');
  await expectSaved(page);
  stored = await server.api.getScenario(decodeURIComponent(id));
  expect(stored.scenario.description).toBe('Edited in tab 1, second time');
  await other.close();
});
