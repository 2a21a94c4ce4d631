import { expect, expectSaved, saveStatus, teamCard, test } from './fixtures.ts';

test('create a scenario, edit it, reload, and undo/redo with the keyboard', async ({ page, server }) => {
  await page.getByRole('button', { name: 'New scenario' }).click();
  const name = page.getByLabel('Scenario name');
  await expect(name).toHaveValue('Untitled scenario');
  await expect(page).toHaveURL(/#\/scenario\//);

  await name.fill('Payments pilot');
  await expect(saveStatus(page)).toHaveText(/Unsaved changes|Saving…|Saved/);
  await expectSaved(page);

  // A team with a type and a position.
  await page.getByRole('button', { name: '+ Add team' }).click();
  const team = teamCard(page, 1);
  await expect(team.getByLabel('Team name')).toBeFocused();
  await team.getByLabel('Team name').fill('Payments pod');
  await team.getByLabel('Team type').selectOption({ label: 'Stream-aligned AI pod' });
  await team.getByRole('button', { name: 'Add position to Payments pod' }).click();
  const row = team.getByRole('row', { name: /^Position 1:/ });
  await row.getByLabel('Role').selectOption({ label: 'AI/ML engineer' });
  await row.getByLabel('Title').fill('Staff ML engineer');
  await row.getByLabel('Status').selectOption('open');
  await row.getByLabel('Hire month').fill('3');
  await team.getByRole('button', { name: 'Add position to Payments pod' }).click();
  const owner = team.getByRole('row', { name: /^Position 2:/ });
  await owner.getByLabel('Role').selectOption({ label: 'Single-threaded owner (technical PM)' });
  await owner.getByLabel('Status').selectOption('filled');
  await owner.getByLabel('Person').fill('Dana');
  await owner.getByLabel('Single-threaded owner').check();
  await expect(team.getByLabel('Counts for Payments pod')).toContainText('2 positions');
  await expect(team.getByLabel('Counts for Payments pod')).toContainText('1 open');
  await expectSaved(page);

  // What the backend stored.
  const summaries = await server.api.listScenarios();
  const created = summaries.find((s) => s.name === 'Payments pilot');
  expect(created).toBeDefined();
  const stored = await server.api.getScenario(created?.id ?? '');
  expect(stored.scenario.teams).toHaveLength(1);
  expect(stored.scenario.teams[0]).toMatchObject({ name: 'Payments pod', type: 'stream-aligned-pod' });
  expect(stored.scenario.teams[0]?.positions).toMatchObject([
    { role: 'ai-ml-engineer', title: 'Staff ML engineer', filled: false, hireMonth: 3 },
    { role: 'single-threaded-owner', personName: 'Dana', filled: true, singleThreadedOwner: true },
  ]);

  // A reload comes back to the same scenario with everything in it.
  await page.reload();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Payments pilot');
  await expect(teamCard(page, 1).getByLabel('Team name')).toHaveValue('Payments pod');
  await expect(teamCard(page, 1).getByRole('row', { name: /^Position 1:/ }).getByLabel('Title')).toHaveValue('Staff ML engineer');
  await expect(teamCard(page, 1).getByRole('row', { name: /^Position 2:/ }).getByLabel('Person')).toHaveValue('Dana');

  // Typing coalesces into one undo step; undo/redo work with the keyboard, in and out of the field.
  const teamName = teamCard(page, 1).getByLabel('Team name');
  await teamName.click();
  await teamName.press('End');
  await teamName.pressSequentially(' EU', { delay: 30 });
  await expect(teamName).toHaveValue('Payments pod EU');
  await page.keyboard.press('Control+z');
  await expect(teamName).toHaveValue('Payments pod');
  await page.keyboard.press('Control+Shift+z');
  await expect(teamName).toHaveValue('Payments pod EU');

  // After blur, the app-level undo still works.
  await page.getByRole('heading', { name: 'Teams' }).click();
  await page.keyboard.press('Control+z');
  await expect(teamName).toHaveValue('Payments pod');
  await page.keyboard.press('Control+y');
  await expect(teamName).toHaveValue('Payments pod EU');

  // A new edit after an undo clears redo.
  await page.keyboard.press('Control+z');
  await page.getByLabel('Scenario description').fill('Pilot in Q3');
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
  await expectSaved(page);

  // Undo results are saved like any edit.
  const after = await server.api.getScenario(created?.id ?? '');
  expect(after.scenario.teams[0]?.name).toBe('Payments pod');
  expect(after.scenario.description).toBe('Pilot in Q3');
});

test('an invalid field is shown and not saved until fixed', async ({ page, server }) => {
  await page.getByRole('button', { name: 'New scenario' }).click();
  const name = page.getByLabel('Scenario name');
  await expect(name).toHaveValue('Untitled scenario');
  await name.fill('');
  await expect(saveStatus(page)).toContainText('Not saved');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#scenario-name-error')).toHaveText('must not be empty');
  await expect(saveStatus(page)).toHaveText('Not saved: name: must not be empty');
  // Leaving is refused while the edit is unsaved.
  await page.getByRole('link', { name: '← All scenarios' }).click();
  await expect(page.getByRole('alert', { name: 'Your latest changes are not saved' })).toBeVisible();
  await expect(name).toBeVisible();
  await name.fill('Named again');
  await expectSaved(page);
  expect((await server.api.listScenarios()).map((s) => s.name)).toContain('Named again');
  await page.getByRole('link', { name: '← All scenarios' }).click();
  await expect(page.getByRole('link', { name: 'Named again' })).toBeVisible();
});
