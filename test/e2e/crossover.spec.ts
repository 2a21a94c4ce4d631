/**
 * The crossover in Chromium against the real backend: "Find the crossover"
 * runs in its own Web Worker with progress, and the page's sentences are the
 * ones the same job gives in Node for the same scenario and seed; its chart
 * exports as a standalone SVG naming every design.
 */
import { readFile } from 'node:fs/promises';
import { runCrossoverJob } from '../../sim/delivery/crossover-job.ts';
import { DEFAULT_CROSSOVER_TRIALS } from '../../sim/delivery/crossover.ts';
import { DEFAULT_DELIVERY_SEED, DEFAULT_DELIVERY_TRIALS } from '../../sim/delivery/schema.ts';
import { expect, SAMPLE_PODS, test } from './fixtures.ts';

test('Find the crossover gives the sentences Node gives for the same seed, and its chart exports', async ({ page, server }) => {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  await page.getByRole('tab', { name: /^Delivery simulation/ }).click();
  const section = page.getByRole('region', { name: 'Crossover' });
  await section.getByRole('button', { name: 'Find the crossover' }).click();
  await expect(section.getByRole('progressbar', { name: 'Crossover progress' })).toHaveCount(0, { timeout: 60_000 });
  const shown = await section.locator('.crossover-findings li[data-challenger]').allTextContents();

  const summary = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS)!;
  const { scenario } = await server.api.getScenario(summary.id);
  const trials = Math.min(scenario.delivery.trials ?? DEFAULT_DELIVERY_TRIALS, DEFAULT_CROSSOVER_TRIALS);
  const node = await runCrossoverJob(
    { kind: 'crossover', scenario, parameters: scenario.delivery.parameters, trials, seed: scenario.delivery.seed ?? DEFAULT_DELIVERY_SEED },
    { cancelled: false, progress: () => {}, breathe: async () => {} },
    { now: () => performance.now() },
  );
  expect(shown).toEqual(node.crossover.sweeps.flatMap((s) => s.findings.map((f) => f.sentence)));

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export P85 time to production against demand as SVG' }).click()]);
  const svg = await readFile(await download.path(), 'utf8');
  for (const label of ['Centralized AI team', 'AI pods', 'AI pods + AI platform team', 'not meaningful']) expect(svg).toContain(label);
});
