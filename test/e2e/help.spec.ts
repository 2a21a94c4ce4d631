/**
 * Help is one key away (issue #13 finding 16): "?" or the header's Help
 * button opens the glossary and the keyboard shortcuts; a term is found by
 * what a user would type ("STO", "P85"); Esc closes it; "?" typed into a
 * field stays in the field.
 */
import { loadSamples } from '../../data/samples/index.ts';
import { expect, SAMPLE_PODS, test } from './fixtures.ts';

test('the glossary and shortcuts open with "?" or Help, find a term as you type, and close with Esc', async ({ page }, testInfo) => {
  const help = page.getByRole('dialog', { name: 'Help' });
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await help.getByLabel('Find a term').fill('STO');
  await expect(help.locator('.glossary dt')).toHaveText(['Single-threaded owner']);
  await help.getByLabel('Find a term').fill('p85');
  await expect(help.locator('.glossary dt').first()).toHaveText('P50, P85, P95');
  await expect(help.getByRole('region', { name: 'Keyboard shortcuts' })).toContainText('Ctrl+Shift+Z');
  await page.screenshot({ path: testInfo.outputPath('help.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // In a text field, "?" is a character, not a shortcut.
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  const description = page.getByLabel('Scenario description');
  await description.fill('Why?');
  await description.press('?');
  await expect(help).toBeHidden();
  await expect(description).toHaveValue('Why??');

  await page.getByRole('button', { name: 'Help' }).click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
});

test('a long org: "Jump to team" brings a team’s card into view with its name focused', async ({ page }) => {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await page.getByLabel('Jump to team').selectOption({ label: 'AI platform team' });
  const platform = loadSamples().find((s) => s.name === SAMPLE_PODS)!.teams.find((t) => t.name === 'AI platform team')!;
  const name = page.locator(`[id="team-${platform.id}-name"]`);
  await expect(name).toBeFocused();
  await expect(name).toBeInViewport();
});

test('first start shows a getting-started guide that leads to a sample’s Decision; closed, it stays closed', async ({ page }) => {
  const guide = page.getByRole('region', { name: 'Getting started' });
  await expect(guide).toBeVisible();
  await guide.getByRole('link', { name: 'Open a sample’s Decision' }).click();
  await expect(page.getByRole('tab', { name: /^Decision/ })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await guide.getByRole('button', { name: 'Close the guide' }).click();
  await expect(guide).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Scenarios' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Getting started' })).toHaveCount(0);
});
