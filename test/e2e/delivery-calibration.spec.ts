/**
 * Calibration in Chromium against the real backend: import a delivery
 * history exported by a tracker, see the back-test and the fitted values
 * before the designs, accept them (one undoable edit) and see the designs
 * and the crossover change; Ctrl+Z gives the defaults back.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { BACK_TEST_TRIALS, runCalibrationJob } from '../../sim/calibration/job.ts';
import { importHistoryText } from '../../sim/history/index.ts';
import { expect, expectSaved, SAMPLE_PODS, test, type PodplanServer } from './fixtures.ts';

const HISTORY = 'data/histories/synthetic-pods.transitions.csv';

async function openDelivery(page: Page, sample: string): Promise<void> {
  await page.getByRole('link', { name: sample }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(sample);
  await page.getByRole('tab', { name: /^Delivery simulation/ }).click();
}

const designRow = (page: Page, design: string): Locator => page.locator(`table.delivery-summary tr[data-design="${design}"]`);
const p50Text = (page: Page, design: string) => designRow(page, design).locator('[data-figure="p50"]').textContent();

/** Runs "Find the crossover" and returns its grid (P85 and cost per point and design) as text. */
async function crossoverGrid(page: Page): Promise<string> {
  const section = page.getByRole('region', { name: 'Crossover' });
  await section.getByRole('button', { name: 'Find the crossover' }).click();
  await expect(section.getByRole('progressbar', { name: 'Crossover progress' })).toHaveCount(0, { timeout: 60_000 });
  return (await section.locator('.crossover-table table').allTextContents()).join('\n');
}

/** The back-test's coverage as `podplan calibrate` computes it, for the stored scenario and the same file with its guessed mapping. */
async function nodeCoverage(server: PodplanServer, name: string): Promise<string[]> {
  const summary = (await server.api.listScenarios()).find((s) => s.name === name)!;
  const { scenario } = await server.api.getScenario(summary.id);
  const { history } = importHistoryText(await readFile(HISTORY, 'utf8'), { format: 'transitions', source: 'synthetic-pods.transitions.csv' });
  if (!history) throw new Error('the example history did not import');
  const { backTest } = await runCalibrationJob({ history, scenario, trials: BACK_TEST_TRIALS, seed: 1 }, { cancelled: false, progress: () => {}, breathe: async () => {} });
  if (!backTest) throw new Error('no back-test');
  return [backTest.coverage.p50, backTest.coverage.p85].map((c) => (c === null ? 'not known' : `${Math.round(c * 100)}%`));
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('progressbar', { name: 'Delivery simulation progress' })).toHaveCount(0, { timeout: 60_000 });
  await expect(designRow(page, 'pods')).toBeVisible();
}

test('a history is imported, back-tested and its fitted values accepted: the designs and the crossover change, and Ctrl+Z restores the defaults', async ({ page, server }, testInfo) => {
  await openDelivery(page, SAMPLE_PODS);
  await settled(page);
  const before = await p50Text(page, 'pods');
  const crossoverBefore = await crossoverGrid(page);

  const panel = page.getByRole('region', { name: 'Checked against your history' });
  await expect(panel).toContainText('rest on documented defaults');
  await panel.getByLabel('History file').setInputFiles(HISTORY);
  await expect(panel.getByRole('status', { name: 'Imported history' })).toContainText('items');
  await panel.getByRole('button', { name: 'Use this history' }).click();

  // The back-test comes first: coverage at P50 and P85 against what a calibrated model gives, and its chart.
  const backTest = panel.getByLabel('Back-test', { exact: true });
  await expect(backTest).toBeVisible({ timeout: 60_000 });
  await expect(backTest.locator('tr[data-coverage="P50"] [data-figure="coverage"]')).toHaveText(/^\d+%$|not known/);
  await expect(backTest.locator('tr[data-coverage="P85"] [data-figure="coverage"]')).toHaveText(/^\d+%$|not known/);
  await expect(backTest.locator('svg').first()).toBeVisible();
  // The coverage on screen is the one `podplan calibrate` gives for the same scenario and file.
  const [p50, p85] = await nodeCoverage(server, SAMPLE_PODS);
  await expect(backTest.locator('tr[data-coverage="P50"] [data-figure="coverage"]')).toHaveText(p50!);
  await expect(backTest.locator('tr[data-coverage="P85"] [data-figure="coverage"]')).toHaveText(p85!);
  // …and it sits above every comparison of the designs.
  const panelBox = await panel.boundingBox();
  const tableBox = await page.locator('table.delivery-summary').boundingBox();
  expect(panelBox && tableBox && panelBox.y < tableBox.y).toBe(true);

  const fitted = panel.getByRole('table', { name: 'Fitted parameters' });
  const arrivals = fitted.locator('tr[data-key="arrivalsPerAreaPerMonth"]');
  await expect(arrivals).toHaveAttribute('data-status', 'pending');
  await expect(arrivals).toContainText('items');
  await page.screenshot({ path: testInfo.outputPath('calibration.png'), fullPage: true });

  await panel.getByRole('button', { name: 'Accept all' }).click();
  await expect(arrivals).toHaveAttribute('data-status', 'accepted');
  await expect.poll(() => p50Text(page, 'pods'), { timeout: 60_000 }).not.toBe(before);
  await settled(page);
  await expectSaved(page);
  // The crossover, asked for again, rests on the fitted values too.
  expect(await crossoverGrid(page)).not.toBe(crossoverBefore);
  // The parameter now names the history as its source.
  await expect(page.getByRole('button', { name: 'Source of new initiatives per product area: your history' }).first()).toBeAttached();

  await page.getByRole('heading', { name: 'Delivery simulation' }).click();
  await page.keyboard.press('Control+z');
  await expect(panel.getByRole('table', { name: 'Fitted parameters' }).locator('tr[data-key="arrivalsPerAreaPerMonth"]')).not.toHaveAttribute('data-status', 'accepted');
  await expect.poll(() => p50Text(page, 'pods'), { timeout: 60_000 }).toBe(before);
});
