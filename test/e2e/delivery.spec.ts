/**
 * The delivery simulation in Chromium against the real backend: the three
 * designs run in a Web Worker on the samples and the page's P50s are the
 * ones the same job gives in Node for the same seed; dragging paved-road
 * adoption changes pods + platform (and nothing else) and is one undo step;
 * a long run shows its first 50 trials at once, marked preliminary, and
 * can be cancelled keeping the trials done; a chart exports as a standalone
 * SVG.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { FIRST_LOOK_TRIALS, runDeliveryJob } from '../../sim/delivery/job.ts';
import { DEFAULT_DELIVERY_SEED } from '../../sim/delivery/schema.ts';
import { expect, expectSaved, SAMPLE_CENTRALIZED, SAMPLE_PODS, test, type PodplanServer } from './fixtures.ts';

async function openDelivery(page: Page, sample: string): Promise<void> {
  await page.getByRole('link', { name: sample }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(sample);
  await page.getByRole('tab', { name: /^Delivery simulation/ }).click();
}

const designRow = (page: Page, design: string): Locator => page.locator(`table.delivery-summary tr[data-design="${design}"]`);
const p50 = async (page: Page, design: string): Promise<number> => Number(await designRow(page, design).locator('[data-figure="p50"]').textContent());

/** Waits for the run in flight (if any) to finish. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('progressbar', { name: 'Delivery simulation progress' })).toHaveCount(0, { timeout: 30_000 });
  await expect(designRow(page, 'pods')).toBeVisible();
}

/** The same job in Node, on the stored scenario. */
async function nodeP50s(server: PodplanServer, name: string): Promise<Record<string, string>> {
  const summary = (await server.api.listScenarios()).find((s) => s.name === name);
  if (!summary) throw new Error(`no scenario named ${name}`);
  const { scenario } = await server.api.getScenario(summary.id);
  const result = await runDeliveryJob(
    { kind: 'compare', scenario, parameters: scenario.delivery.parameters, ...(scenario.delivery.initiatives ? { initiatives: scenario.delivery.initiatives } : {}), ...(scenario.delivery.trials === undefined ? {} : { trials: scenario.delivery.trials }), seed: scenario.delivery.seed ?? DEFAULT_DELIVERY_SEED },
    { cancelled: false, progress: () => {}, breathe: async () => {} },
    { now: () => performance.now() },
  );
  if (result.kind !== 'compare') throw new Error('wrong result kind');
  return Object.fromEntries(result.comparison.designs.map((d) => [d.kind, d.timeToProduction.p50.toFixed(1)]));
}

for (const sample of [SAMPLE_PODS, SAMPLE_CENTRALIZED]) {
  test(`the comparison runs on “${sample}” and its P50s are the ones Node computes for the same seed`, async ({ page, server }, testInfo) => {
    await openDelivery(page, sample);
    await settled(page);
    const expected = await nodeP50s(server, sample);
    for (const [design, value] of Object.entries(expected)) {
      await expect(designRow(page, design).locator('[data-figure="p50"]')).toHaveText(value);
      expect(await p50(page, design)).toBeGreaterThan(0);
    }
    await expect(page.locator('.delivery-gap')).toHaveCount(Object.keys(expected).length);
    // The stopping rule ran, and every clock's percentile shows its 95% interval.
    await expect(page.locator('.delivery-run-controls [role="status"]')).toContainText(/^P85 known within ±2% after [\d,]+ trials/);
    for (const figure of ['p50', 'p85', 'p95', 'cycle-p50', 'prototype-p50']) {
      await expect(designRow(page, 'pods').locator(`[data-figure="${figure}"] + .delivery-interval`)).toHaveText(/^ \([\d.]+–[\d.]+\)$/);
    }
    await page.screenshot({ path: testInfo.outputPath('delivery.png'), fullPage: true });
  });
}

test('dragging paved-road adoption changes pods + platform only, and Ctrl+Z puts it back', async ({ page }) => {
  await openDelivery(page, SAMPLE_PODS);
  await settled(page);
  // A fixed trial count: under the stopping rule an edit to one design can change the trial count, and so
  // move the other designs' figures within their intervals.
  await page.getByLabel('Trials', { exact: true }).fill('2000');
  await expect(page.locator('.delivery-run-controls [role="status"]')).toContainText(/^2,000 trials, seed/, { timeout: 30_000 });
  await settled(page);
  const before = { platform: await p50(page, 'pods-platform'), pods: await p50(page, 'pods'), central: await p50(page, 'centralized') };
  const slider = page.getByRole('slider', { name: 'Paved-road adoption' });
  await expect(slider).toHaveValue('0.7');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error('slider not visible');
  // Drag the thumb (at 70%) to the left end: no infrastructure work through the paved road.
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 6 });
  await page.mouse.move(box.x - 20, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(slider).toHaveValue('0');
  await expect(page.locator('.delivery-lever-value').first()).toHaveText('0%');
  await expect.poll(() => p50(page, 'pods-platform'), { timeout: 30_000 }).not.toBe(before.platform);
  await settled(page);
  expect(await p50(page, 'pods')).toBe(before.pods);
  expect(await p50(page, 'centralized')).toBe(before.central);
  await expectSaved(page);

  // The whole drag is one undo step.
  await page.getByRole('heading', { name: 'Delivery simulation' }).click();
  await page.keyboard.press('Control+z');
  await expect(slider).toHaveValue('0.7');
  await expect.poll(() => p50(page, 'pods-platform'), { timeout: 30_000 }).toBe(before.platform);
});

test('a long run shows its first look at once, marked preliminary, then can be cancelled and keeps the trials it finished', async ({ page }) => {
  await openDelivery(page, SAMPLE_PODS);
  await settled(page);
  const trials = page.getByLabel('Trials', { exact: true });
  await trials.fill('1000000');
  const bar = page.getByRole('progressbar', { name: 'Delivery simulation progress' });
  await expect(bar).toBeVisible({ timeout: 10_000 });
  // The first trials are on screen while the rest run, and say so.
  const status = page.locator('.delivery-run-controls [role="status"]');
  await expect(status).toContainText('of 1,000,000 so far (preliminary)', { timeout: 10_000 });
  await expect(page.locator('.delivery-results')).toHaveAttribute('data-shown', 'preliminary');
  await expect(page.getByText('the figures below are this run’s so far and update until it finishes')).toBeVisible();
  const firstLook = Number((await status.textContent())?.match(/^([\d,]+) trials/)?.[1]?.replaceAll(',', ''));
  expect(firstLook).toBeGreaterThanOrEqual(FIRST_LOOK_TRIALS);
  expect(await p50(page, 'pods')).toBeGreaterThan(0);
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(bar).toHaveCount(0);
  await expect(status).toContainText('of 1,000,000 (cancelled)');
  await expect(page.locator('.delivery-results')).toHaveAttribute('data-shown', 'current');
  const done = Number((await status.textContent())?.match(/^([\d,]+) trials/)?.[1]?.replaceAll(',', ''));
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(1_000_000);
  expect(await p50(page, 'pods')).toBeGreaterThan(0);
});

test('the time-to-production chart exports as a standalone SVG naming every design', async ({ page }) => {
  await openDelivery(page, SAMPLE_PODS);
  await settled(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Time to production as SVG' }).click()]);
  expect(download.suggestedFilename()).toBe('three-pilot-pods-with-an-ai-platform-team-time-to-production.svg');
  const svg = await readFile(await download.path(), 'utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, texts: Array.from(doc.querySelectorAll('text'), (t) => t.textContent ?? '') };
  }, svg);
  expect(parsed.error).toBeNull();
  for (const label of ['Centralized AI team', 'AI pods + AI platform team', 'Weeks from request to production']) expect(parsed.texts.some((t) => t.includes(label))).toBe(true);
});

test('a listed portfolio replaces the arrival rate; removing an initiative re-runs and is undoable', async ({ page }) => {
  await openDelivery(page, SAMPLE_PODS);
  await settled(page);
  const status = page.locator('.delivery-run-controls [role="status"]');
  await expect(status).toContainText('initiatives per trial');
  await page.getByRole('radio', { name: 'A list of initiatives' }).check();
  const rows = page.locator('table.delivery-initiatives tbody tr');
  const listed = await rows.count();
  expect(listed).toBeGreaterThan(0);
  await expect(status).toContainText(`${listed} listed initiatives`, { timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Name of initiative 1' }).fill('Churn prediction');
  await page.getByRole('combobox', { name: 'Size of initiative 1' }).selectOption('large');
  await page.getByRole('button', { name: 'Add initiative' }).click();
  await expect(status).toContainText(`${listed + 1} listed initiatives`, { timeout: 30_000 });
  await page.getByRole('button', { name: `Remove initiative ${listed + 1}` }).click();
  await expect(status).toContainText(`${listed} listed initiatives`, { timeout: 30_000 });
  await expectSaved(page);
  await page.getByRole('heading', { name: 'Delivery simulation' }).click();
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(listed + 1);
  await expect(status).toContainText(`${listed + 1} listed initiatives`, { timeout: 30_000 });
  await expect(page.getByRole('textbox', { name: 'Name of initiative 1' })).toHaveValue('Churn prediction');
});

test('the tornado is computed on demand and ranks the parameters by how far they move the P85', async ({ page }) => {
  await openDelivery(page, SAMPLE_PODS);
  await settled(page);
  const section = page.getByRole('region', { name: 'Sensitivity' });
  await section.getByRole('button', { name: 'Compute sensitivity' }).click();
  // The bars come in while it computes, one parameter at a time.
  const caption = section.locator('.chart-card');
  await expect(caption).toContainText(/\d+ of \d+ parameters so far/, { timeout: 30_000 });
  await expect(section.getByText('the figures below are this run’s so far and update until it finishes')).toBeVisible();
  await expect(section.getByRole('progressbar', { name: 'Sensitivity progress' })).toHaveCount(0, { timeout: 60_000 });
  await expect(caption).toContainText('400 trials per run, each parameter −/+20% on seed 1.');
  await expect(caption).not.toContainText('so far');
  const rows = section.locator('.tornado-row');
  expect(await rows.count()).toBeGreaterThan(3);
  await expect(section.getByRole('img', { name: /^Sensitivity of the P85: AI pods \+ AI platform team\. .+ moves it [\d.]+ weeks/ })).toBeVisible();
});
