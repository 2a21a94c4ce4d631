/**
 * The GPU cluster area without a cluster: capacity, quota policy with its
 * summary and inline validation, and the manifest preview and download, on
 * the pods sample, against the real backend.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, expectSaved, SAMPLE_PODS, test } from './fixtures.ts';

async function openPodsSample(page: Page, section: string): Promise<void> {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  await page.getByRole('tab', { name: section }).click();
}

function queueCard(page: Page, name: string) {
  return page.getByRole('group', { name: new RegExp(`^Queue \\d+: ${name}$`) });
}

async function openQueue(page: Page, name: string) {
  const card = queueCard(page, name);
  const toggle = card.getByRole('button', { name: new RegExp(`^${name}\\b`) });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return card;
}

test('a nominal quota edit shows in the summary and the manifests; undo takes it back', async ({ page }, testInfo) => {
  await openPodsSample(page, 'Quota policy');
  const summary = page.getByRole('complementary', { name: 'Policy summary' });
  const h100 = summary.getByRole('list', { name: 'Commitment per flavor' }).getByRole('listitem').filter({ hasText: /^h100:/ });
  await expect(h100).toHaveText('h100: 32 GPUs promised, 32 exist — balanced: every one is guaranteed exactly once');
  await page.screenshot({ path: testInfo.outputPath('policy.png') });

  const card = await openQueue(page, 'recommendations');
  const nominal = card.getByLabel('h100 nvidia.com/gpu nominal quota');
  await expect(nominal).toHaveValue('8');
  await nominal.fill('16');
  await expect(h100).toHaveText('h100: 40 GPUs promised, 32 exist — over-committed by 8');
  await expect(summary.getByRole('row', { name: /^Recommendations pod/ })).toContainText('16');
  // Capacity grows in month 7 (the sample's expand phase): 6 nodes × 8.
  await summary.getByLabel('Capacity in month').selectOption('7');
  await expect(h100).toHaveText('h100: 40 GPUs promised, 48 exist — under-committed: 8 GPUs guaranteed to no one');
  await summary.getByLabel('Capacity in month').selectOption('1');
  await expectSaved(page);
  await page.screenshot({ path: testInfo.outputPath('policy-queue-open.png'), fullPage: false });

  // The manifest preview is generated from what was stored.
  await page.getByRole('tab', { name: 'Manifests' }).click();
  const list = page.getByRole('navigation', { name: 'Objects in apply order' });
  await expect(list.getByRole('group', { name: /^Namespace \(/ })).toBeVisible();
  await list.getByRole('button', { name: 'ClusterQueue/recommendations' }).click();
  const yaml = page.getByLabel('YAML of ClusterQueue/recommendations');
  await expect(yaml).toContainText('kind: ClusterQueue');
  await expect(yaml).toContainText(/name: h100\s+resources:\s+- name: cpu\s+nominalQuota: "96"\s+- name: memory\s+nominalQuota: 1Ti\s+- name: nvidia.com\/gpu\s+nominalQuota: "16"/);
  // Syntax colours: keys and strings are their own elements.
  await expect(yaml.locator('.y-key', { hasText: 'nominalQuota' }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('manifests.png') });

  // Undo (app-level) brings the 8 back, and the preview follows once it is saved.
  await page.keyboard.press('Control+z');
  await expectSaved(page);
  await expect(yaml).toContainText(/nvidia.com\/gpu\s+nominalQuota: "8"\s+borrowingLimit/);
});

test('a borrowing limit on a queue without a cohort is an inline error naming the rule; no manifests until fixed', async ({ page }, testInfo) => {
  await openPodsSample(page, 'Quota policy');
  const card = await openQueue(page, 'ai-platform');
  await card.getByLabel('Cohort', { exact: true }).selectOption('');
  const borrowing = card.getByLabel('a100 nvidia.com/gpu borrowing limit');
  await borrowing.fill('4');
  await expect(borrowing).toHaveAttribute('aria-invalid', 'true');
  const message = 'borrowingLimit must be unset when the queue has no cohort (there is no one to borrow from)';
  await expect(card.getByText(message)).toBeVisible();
  await expect(borrowing).toHaveAccessibleDescription(`Error: ${message}`);
  await expect(page.getByRole('tab', { name: /Quota policy/ })).toContainText(/\d/);
  // The list at the top names it too, and takes the user to the field.
  const problems = page.getByRole('alert', { name: 'Policy problems' });
  await expect(problems).toContainText(message);
  await card.getByLabel('h100 nvidia.com/gpu nominal quota').focus();
  await problems.getByRole('button', { name: /ai-platform · flavor 2 resource 3 borrowingLimit/ }).click();
  await expect(borrowing).toBeFocused();
  await expectSaved(page);
  await page.screenshot({ path: testInfo.outputPath('policy-error.png') });

  await page.getByRole('tab', { name: /Manifests/ }).click();
  await expect(page.getByRole('alert', { name: 'Policy problems' })).toContainText('No manifests while the policy has errors');
  await expect(page.getByRole('button', { name: 'Download YAML' })).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('manifests-error.png') });

  // Clearing the limit fixes it.
  await page.getByRole('tab', { name: /Quota policy/ }).click();
  await (await openQueue(page, 'ai-platform')).getByLabel('a100 nvidia.com/gpu borrowing limit').fill('');
  await expect(page.getByRole('alert', { name: 'Policy problems' })).toHaveCount(0);
});

test('download the YAML and the kustomize zip of the stored scenario', async ({ page, server }) => {
  await openPodsSample(page, 'Manifests');
  await expect(page.getByLabel('YAML of all objects')).toContainText('# Generated by Podplan');

  const [yamlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download YAML' }).click()]);
  expect(yamlDownload.suggestedFilename()).toMatch(/\.yaml$/);
  const text = await readFile(await yamlDownload.path(), 'utf8');
  expect(text).toContain('kind: ClusterQueue');
  expect(text).toContain('app.kubernetes.io/managed-by: podplan');
  const summaries = await server.api.listScenarios();
  const pods = summaries.find((s) => s.name === SAMPLE_PODS);
  const preview = await server.api.manifests(pods?.id ?? '');
  expect(text).toBe(preview.yaml);

  const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download kustomize (.zip)' }).click()]);
  expect(zipDownload.suggestedFilename()).toMatch(/\.zip$/);
  const zip = await readFile(await zipDownload.path());
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zip.includes(Buffer.from('kustomization.yaml'))).toBe(true);
});

test('capacity: add a pool and a change by month; GPUs per flavor follow; undo removes it', async ({ page }, testInfo) => {
  await openPodsSample(page, 'GPU capacity');
  const pools = page.getByRole('table', { name: 'Node pools' });
  await expect(pools.getByRole('row', { name: /^Node pool \d+:/ })).toHaveCount(2);
  const byMonth = page.getByRole('table', { name: 'GPUs per flavor by month' });
  const a100 = byMonth.getByRole('row', { name: /^a100/ });
  await expect(a100.getByRole('cell').nth(0)).toHaveText('32');

  const pool = pools.getByRole('row', { name: /^Node pool 2:/ });
  await pool.getByLabel('Nodes').fill('6');
  await expect(a100.getByRole('cell').nth(0)).toHaveText('48');
  await pool.getByRole('button', { name: /Capacity changes of A100 pool/ }).click();
  await page.getByRole('button', { name: '+ Add change' }).click();
  const changes = page.getByRole('group', { name: 'Planned capacity changes of A100 pool' });
  await changes.getByLabel('Month of change 1').fill('4');
  await changes.getByLabel('Nodes from change 1').fill('2');
  await expect(a100.getByRole('cell').nth(3)).toHaveText('16');
  await expect(a100.getByRole('cell').nth(2)).toHaveText('48');
  await page.screenshot({ path: testInfo.outputPath('capacity.png') });

  await page.getByRole('button', { name: '+ Add node pool' }).click();
  await expect(pools.getByRole('row', { name: /^Node pool \d+:/ })).toHaveCount(3);
  await expect(pools.getByRole('row', { name: /^Node pool 3:/ }).getByLabel('Pool name')).toBeFocused();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(pools.getByRole('row', { name: /^Node pool \d+:/ })).toHaveCount(2);
  await expectSaved(page);

  // The tabs work from the keyboard (arrow keys move and activate).
  await page.getByRole('tab', { name: 'GPU capacity' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /Quota policy/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /Quota policy/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'GPU capacity' })).toHaveAttribute('aria-selected', 'true');

  // The section is in the URL: a reload comes back to it.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'GPU capacity' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('table', { name: 'GPUs per flavor by month' }).getByRole('row', { name: /^a100/ }).getByRole('cell').nth(3)).toHaveText('16');
});

test('from an empty scenario: a flavor, a node pool and a team queue, valid and exported', async ({ page }, testInfo) => {
  await page.getByRole('button', { name: 'New scenario' }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Untitled scenario');
  await page.screenshot({ path: testInfo.outputPath('org.png') });
  await page.getByRole('tab', { name: 'GPU capacity' }).click();
  await expect(page.getByText('No node pools yet.')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('capacity-empty.png') });

  // A pool from the DGX H100 shape, born valid: with no flavor defined yet, one is made from its GPU model.
  await page.getByRole('button', { name: '+ Add node pool' }).click();
  const pool = page.getByRole('table', { name: 'Node pools' }).getByRole('row', { name: /^Node pool 1:/ });
  await expect(pool.getByLabel('GPUs per node')).toHaveValue('8');
  await expect(pool.getByLabel('CPU cores per node')).toHaveValue('112');
  await expect(page.getByText(/NVIDIA DGX H100 datasheet/)).toBeVisible();
  await expect(pool.getByLabel('Flavor')).toHaveValue('nvidia-h100-80gb');
  await pool.getByLabel('Nodes').fill('2');
  await expect(page.getByRole('table', { name: 'GPUs per flavor by month' }).getByRole('row', { name: /^nvidia-h100-80gb/ }).getByRole('cell').first()).toHaveText('16');

  // A queue for a team: named after it, Kueue's defaults, zero quota on the flavor.
  await page.getByRole('tab', { name: 'Quota policy' }).click();
  await expect(page.getByText('No team queues yet.')).toBeVisible();
  await page.getByRole('button', { name: '+ Add queue' }).click();
  const card = page.getByRole('group', { name: /^Queue 1: / });
  await expect(card.getByLabel('Namespace')).toBeFocused();
  await expect(card.getByLabel('Queueing strategy')).toHaveValue('BestEffortFIFO');
  await expect(card.getByText('Kueue default').first()).toBeVisible();
  await card.getByLabel('nvidia-h100-80gb nvidia.com/gpu nominal quota').fill('12');
  const summary = page.getByRole('complementary', { name: 'Policy summary' });
  await expect(summary.getByText('nvidia-h100-80gb: 12 GPUs promised, 16 exist — under-committed: 4 GPUs guaranteed to no one')).toBeVisible();
  // A name the API server refuses is flagged at the field.
  await card.getByLabel('Namespace').fill('Team_A');
  await expect(card.getByLabel('Namespace')).toHaveAttribute('aria-invalid', 'true');
  await expect(card.getByText(/namespace .*(lowercase|DNS|RFC 1123)/i)).toBeVisible();
  await card.getByLabel('Namespace').fill('team-a');
  await expect(page.getByRole('alert', { name: 'Policy problems' })).toHaveCount(0);
  await expectSaved(page);
  await page.screenshot({ path: testInfo.outputPath('policy-new.png') });

  await page.getByRole('tab', { name: 'Manifests' }).click();
  const list = page.getByRole('navigation', { name: 'Objects in apply order' });
  await expect(list.getByRole('button', { name: 'Namespace/team-a' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'ResourceFlavor/nvidia-h100-80gb' })).toBeVisible();
  await list.getByRole('button', { name: 'Namespace/team-a' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel(/^YAML of /)).toHaveAttribute('aria-label', 'YAML of ResourceFlavor/nvidia-h100-80gb');
  await page.screenshot({ path: testInfo.outputPath('manifests-new.png') });
});

test('the target Kueue version: the sample keeps 0.16; choosing 0.19 says what changes, and the manifests name it', async ({ page }, testInfo) => {
  await openPodsSample(page, 'Quota policy');
  const target = page.getByLabel('Target Kueue version');
  await expect(target).toHaveValue('0.16');
  const settings = page.getByRole('region', { name: 'Kueue settings' });
  await expect(settings).toContainText('Simulated with waitForPodsReady off (Kueue 0.16\'s default).');
  await expect(settings).toContainText('Not in Kueue 0.16: ClusterQueue.spec.concurrentAdmissionPolicy (0.18)');
  await target.selectOption('0.19');
  await expect(settings).toContainText('Simulated with waitForPodsReady on (Kueue 0.19\'s default)');
  await expect(settings).toContainText('Pending reasons in Kueue 0.19\'s words');
  await expectSaved(page);
  await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('kueue-version.png') });

  await page.getByRole('tab', { name: 'Manifests' }).click();
  await expect(page.getByLabel('YAML of all objects')).toContainText('# Generated by Podplan for Kueue 0.19 (tested with v0.19.2).');
});
