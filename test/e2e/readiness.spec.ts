/**
 * Readiness belongs to the organisation (issue #12, finding 5): the two
 * samples are one company (today's org and the plan), so an answer given in
 * one shows, with the same recommendation, in the other; a scenario can
 * override the answers, visibly, without changing the other; undo covers
 * organisation edits and the switch between the two.
 */
import type { Page } from '@playwright/test';
import { expect, expectSaved, SAMPLE_CENTRALIZED, SAMPLE_PODS, test, type PodplanServer } from './fixtures.ts';

async function openReadiness(page: Page, name: string): Promise<void> {
  const back = page.getByRole('link', { name: '← All scenarios' });
  if (await back.isVisible()) await back.click();
  await page.getByRole('link', { name }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(name);
  await page.getByRole('tab', { name: /^Readiness/ }).click();
}

const whose = (page: Page) => page.getByRole('region', { name: 'Whose answers' });
const verdict = (page: Page) => page.locator('[data-verdict]');
const owners = (page: Page) => page.getByLabel(/^1\. Who among your current leaders/);
const headline = (page: Page) => page.locator('.recommendation .headline');

async function organisationAnswers(server: PodplanServer) {
  return (await server.api.getOrganisationReadiness()).answers;
}

async function scenarioId(server: PodplanServer, name: string): Promise<string> {
  return (await server.api.listScenarios()).find((s) => s.name === name)?.id ?? '';
}

test('an answer given in one scenario is the organisation’s: the other sample shows it, with the same recommendation; undoable', async ({ page, server }, testInfo) => {
  await openReadiness(page, SAMPLE_PODS);
  await expect(whose(page)).toContainText('Your organisation’s answers — shared by every scenario');
  await expect(owners(page)).toHaveValue('3');
  await expect(verdict(page)).toHaveText('Mixed: fix what the answers point out first');
  await page.screenshot({ path: testInfo.outputPath('readiness-organisation.png') });

  await page.getByRole('radio', { name: 'Talent' }).check();
  await expect(verdict(page)).toHaveText('Pods are unlikely to help');
  await expect.poll(async () => (await organisationAnswers(server))?.bottleneck).toBe('talent');
  const podsHeadline = await headline(page).innerText();

  // Undo takes the organisation's answer back (and stores that), redo makes it again.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('radio', { name: 'Decision-making' })).toBeChecked();
  await expect(verdict(page)).toHaveText('Mixed: fix what the answers point out first');
  await expect.poll(async () => (await organisationAnswers(server))?.bottleneck).toBe('decision-making');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('radio', { name: 'Talent' })).toBeChecked();
  await expect.poll(async () => (await organisationAnswers(server))?.bottleneck).toBe('talent');

  // The other sample is the same company: same answers, same recommendation.
  await openReadiness(page, SAMPLE_CENTRALIZED);
  await expect(whose(page)).toContainText('Your organisation’s answers — shared by every scenario');
  await expect(page.getByRole('radio', { name: 'Talent' })).toBeChecked();
  await expect(owners(page)).toHaveValue('3');
  await expect(verdict(page)).toHaveText('Pods are unlikely to help');
  expect(await headline(page).innerText()).toBe(podsHeadline);
  // Neither scenario was changed: the answers are the organisation's.
  for (const name of [SAMPLE_PODS, SAMPLE_CENTRALIZED]) {
    expect((await server.api.getScenario(await scenarioId(server, name))).scenario.readiness.scope).toBe('organisation');
  }
});

test('a scenario that overrides the answers says so and how it differs; the other keeps the organisation’s; undoable', async ({ page, server }, testInfo) => {
  await openReadiness(page, SAMPLE_PODS);
  await whose(page).getByRole('button', { name: 'Override for this scenario' }).click();
  await expect(whose(page)).toContainText('This scenario overrides your organisation’s answers.');
  await expect(whose(page)).toContainText('Same answers as the organisation’s so far.');
  await expect(owners(page)).toHaveValue('3');

  // Five leaders ready (one per pod) and outcomes measured per product: here only.
  await owners(page).fill('5');
  await page.getByRole('radio', { name: 'Yes' }).check();
  await expect(verdict(page)).toHaveText('Pods are likely to help');
  const differences = whose(page).getByRole('list', { name: 'How this scenario differs from the organisation' });
  await expect(differences).toContainText('Who can own a product end to end: 5 leaders here, 3 leaders for the organisation');
  await expect(differences).toContainText('Product-level measurement: Yes here, Partly for the organisation');
  await page.screenshot({ path: testInfo.outputPath('readiness-override.png') });

  await expectSaved(page);
  const podsId = await scenarioId(server, SAMPLE_PODS);
  expect((await server.api.getScenario(podsId)).scenario.readiness).toMatchObject({ scope: 'scenario', ownerCandidates: 5, productLevelMeasurement: 'yes' });
  expect(await organisationAnswers(server)).toMatchObject({ ownerCandidates: 3, productLevelMeasurement: 'partly' });

  // Undo: the measurement, the owners, then the override itself.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(owners(page)).toHaveValue('3');
  await expect(whose(page)).toContainText('Same answers as the organisation’s so far.');
  await page.keyboard.press('Control+z');
  await expect(whose(page)).toContainText('Your organisation’s answers — shared by every scenario');
  await expect(verdict(page)).toHaveText('Mixed: fix what the answers point out first');
  // Redo all three, then switch back by the button, and undo that switch.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+z');
  await expect(verdict(page)).toHaveText('Pods are likely to help');
  await whose(page).getByRole('button', { name: 'Use the organisation’s answers' }).click();
  await expect(whose(page)).toContainText('Your organisation’s answers — shared by every scenario');
  await expect(owners(page)).toHaveValue('3');
  await page.keyboard.press('Control+z');
  await expect(whose(page)).toContainText('This scenario overrides your organisation’s answers.');
  await expect(owners(page)).toHaveValue('5');
  await expectSaved(page);

  // The other sample still follows the organisation: 3 leaders, partly measured, a mixed verdict.
  await openReadiness(page, SAMPLE_CENTRALIZED);
  await expect(whose(page)).toContainText('Your organisation’s answers — shared by every scenario');
  await expect(owners(page)).toHaveValue('3');
  await expect(page.getByRole('radio', { name: 'Partly' })).toBeChecked();
  await expect(verdict(page)).toHaveText('Mixed: fix what the answers point out first');

  // The override's file carries its own answers; the other's the organisation's.
  const podsFile = JSON.parse(await server.api.exportScenarioFile(podsId)) as { readiness: Record<string, unknown> };
  expect(podsFile.readiness).toMatchObject({ scope: 'scenario', ownerCandidates: 5 });
  const centralFile = JSON.parse(await server.api.exportScenarioFile(await scenarioId(server, SAMPLE_CENTRALIZED))) as { readiness: Record<string, unknown> };
  expect(centralFile.readiness).toMatchObject({ scope: 'organisation', ownerCandidates: 3 });
});
