/**
 * Topology-aware scheduling end to end, on the pods sample at 1024×700:
 * a Topology defined in GPU capacity, the H100 flavor following it and its
 * pool laid out one node a rack; then a team's training jobs asking for one
 * rack (required) wait with TopologyPlacementFailed, explained in Kueue's
 * words, while another team's (preferred) run across racks, and the free
 * GPUs per level are shown. The export carries the Topology.
 */
import type { Page } from '@playwright/test';
import { expect, SAMPLE_PODS, test } from './fixtures.ts';

async function openSection(page: Page, tab: RegExp | string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
}

test('define a topology in GPU capacity, see a TAS job placed and a blocked one explained', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  await openSection(page, 'GPU capacity');

  // A Topology with Kueue's example levels; the H100 flavor follows it.
  await page.getByRole('button', { name: '+ Add topology' }).click();
  const topology = page.getByRole('group', { name: 'Topology default' });
  await expect(topology.getByRole('textbox', { name: 'Level 2 of topology default', exact: true })).toHaveValue('cloud.provider.com/topology-rack');
  await page.getByLabel('Topology of flavor h100').selectOption('default');
  // Its pool is not laid out yet: the check says which levels are missing.
  const layout = page.getByRole('row', { name: 'Layout of H100 training pool' });
  await expect(layout).toContainText('set nodes per block, per rack');
  await layout.getByLabel('Nodes per rack in H100 training pool').fill('1');
  await layout.getByLabel('Nodes per block in H100 training pool').fill('2');
  await expect(layout).toContainText('4 nodes → 4 racks in 2 blocks');
  await expect(layout).not.toContainText('set nodes per');
  // Nothing in the screen is wider than the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  await page.getByRole('heading', { name: /^Topology/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('tas-capacity.png') });

  // Two teams' training: 2 pods of 8 GPUs, in one rack (required) or preferably so.
  await openSection(page, /^GPU simulation/);
  const demand = page.getByRole('table', { name: 'Each team’s GPU demand' });
  for (const [team, mode] of [
    ['Recommendations pod', 'required'],
    ['Search relevance pod', 'preferred'],
  ] as const) {
    await demand.getByLabel(`${team}: GPUs per pod`).fill('8:1');
    await demand.getByLabel(`${team}: pods per job`).fill('2:1');
    await demand.getByLabel(`${team}: training topology`).selectOption({ label: `rack, ${mode}` });
  }
  await page.getByRole('heading', { name: 'Workloads', exact: true }).click();

  // Fragmentation per level: 4 racks of one 8-GPU node, so no rack ever has 16.
  const levels = page.getByRole('table', { name: 'Free GPUs by level of h100' });
  await expect(levels).toBeVisible({ timeout: 60_000 });
  await expect(levels.getByRole('row', { name: /^rack/ }).getByRole('cell')).toHaveText(['4 racks', /\d+/, /^[08]$/]);
  await levels.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('tas-levels.png') });
  await demand.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('tas-demand.png') });

  // The required job waits, explained; the preferred one ran across racks.
  const pending = page.getByRole('table', { name: 'Workloads that waited' });
  const blocked = pending.getByRole('row').filter({ hasText: 'no topology domain has room for its pods' }).first();
  await expect(blocked).toBeVisible();
  const id = (await blocked.getByRole('button').textContent())!.trim();
  expect(id).toMatch(/^recommendations\/train-/);
  await blocked.getByRole('button').click();
  const why = page.getByRole('region', { name: `Why ${id} waited` });
  // The sample targets Kueue 0.16, whose QuotaReserved reason is Pending (0.19 names it TopologyPlacementFailed).
  await expect(why).toContainText('no topology domain has room for its pods (Kueue: QuotaReserved: Pending)');
  await expect(why).toContainText('couldn\'t assign flavors to pod set main: topology "default" allows to fit only 1 out of 2 pod(s)');
  await expect(why).toContainText('no rack of h100 can ever hold 2 pod(s) of 8 GPU(s)');
  await expect(pending.getByRole('row').filter({ hasText: /^search-relevance\/train-/ }).filter({ hasText: 'no topology domain has room' })).toHaveCount(0);
  expect(await page.locator('.gpu-sim-view').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  await why.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('tas-blocked.png') });

  // The export has the Topology and the flavor's topologyName.
  await openSection(page, /^Manifests/);
  await expect(page.getByText('kind: Topology')).toBeVisible();
  await expect(page.getByText('topologyName: default')).toBeVisible();
});
