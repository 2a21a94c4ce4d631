/**
 * Admission fair sharing (#17) at 1024×700 on the pods sample: turned on in
 * Kueue settings with its sources, a queue opted in with an extra LocalQueue,
 * then the GPU simulation tab lists each LocalQueue's usage and the manifests
 * show the Kueue Configuration fragment to set.
 */
import { expect, expectSaved, SAMPLE_PODS, test } from './fixtures.ts';

test('turning admission fair sharing on shows its settings with their sources, and each LocalQueue’s usage after a run', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  await page.getByRole('tab', { name: 'Quota policy' }).click();

  await page.getByRole('checkbox', { name: /^Admission fair sharing/ }).check();
  const halfLife = page.getByLabel('Usage half-life');
  await expect(halfLife).toHaveValue('168h');
  await expect(page.getByText('Kueue’s example: 168h').or(page.getByText("Kueue's example: 168h"))).toBeVisible();
  await expect(page.getByLabel('Usage sampling interval')).toHaveValue('5m');
  await halfLife.fill('-1h');
  await expect(page.getByText('usageHalfLifeTime must not be negative (Kueue refuses the configuration)').first()).toBeVisible();
  await halfLife.fill('24h');
  // Memory counts in bytes: a weight of 0 leaves it out of the usage.
  await page.getByLabel('Weight of memory').fill('0');
  await page.getByLabel('Weight of memory').blur();
  await page.getByRole('heading', { name: 'Kueue settings' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('kueue-settings-afs.png') });

  const card = page.getByRole('group', { name: /^Queue \d+: recommendations$/ });
  const toggle = card.getByRole('button', { name: /^recommendations\b/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await card.getByLabel('Admission scope').selectOption('UsageBasedAdmissionFairSharing');
  await card.getByRole('button', { name: 'Add LocalQueue' }).click();
  await expect(card.getByRole('table', { name: /^LocalQueues of recommendations/ }).getByRole('row')).toHaveCount(3);
  await card.getByRole('table', { name: /^LocalQueues of recommendations/ }).scrollIntoViewIfNeeded();
  // Nothing in the policy view is wider than the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
  await page.screenshot({ path: testInfo.outputPath('policy-afs.png') });
  await expectSaved(page);

  await page.getByRole('tab', { name: /^GPU simulation/ }).click();
  const usage = page.getByRole('table', { name: 'LocalQueue usage at the end of the run' });
  await expect(usage).toBeVisible({ timeout: 60_000 });
  await expect(usage.getByRole('row')).toHaveCount(3);
  await expect(usage).toContainText('goes first');
  await expect(usage).toContainText('GPUs');
  expect(await page.locator('.gpu-sim-view').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  await usage.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('gpu-sim-afs.png') });

  await page.getByRole('tab', { name: 'Manifests' }).click();
  await expect(page.getByText(/admissionFairSharing:/).first()).toBeVisible({ timeout: 30_000 });
});
