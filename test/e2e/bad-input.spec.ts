/**
 * What bad input gets (issue #13 finding 11): a value is stored
 * as typed or refused with the reason — the refused text stays in the field,
 * marked invalid, and the stored scenario (read back through the API) does
 * not change; a valid but absurd value (1000 bytes of memory, 0 GPUs per
 * node) is kept with a visible warning; a new node pool starts valid.
 */
import type { Page } from '@playwright/test';
import { resolveRoleCatalog } from '../../sim/cost/compute.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { expect, expectSaved, SAMPLE_PODS, test, type PodplanServer } from './fixtures.ts';

async function openPods(page: Page, section?: string): Promise<void> {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  if (section) await page.getByRole('tab', { name: new RegExp(`^${section}`) }).click();
}

async function stored(server: PodplanServer): Promise<Scenario> {
  const summary = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS);
  if (!summary) throw new Error('the pods sample is missing');
  return (await server.api.getScenario(summary.id)).scenario;
}

/** Waits until anything the typing stored is saved (an edit turns the status to unsaved at once). */
async function settle(page: Page): Promise<void> {
  await expectSaved(page);
}

test('a salary percentile typed as 150 stays 150 in the field, is refused with the reason, and nothing is stored', async ({ page, server }, testInfo) => {
  await openPods(page);
  const before = (await stored(server)).teams[0]!.positions[0]!.salaryPercentile ?? null;
  const field = page.getByRole('group', { name: /^Team 1:/ }).getByLabel('Salary percentile').first();
  await field.click();
  await field.press('Control+a');
  // Typed key by key: 1 and 15 are valid on the way, and must not stay stored.
  await field.pressSequentially('150');
  await expect(field).toHaveValue('150');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Salary percentile must be 0–100 (you typed 150)')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('percentile-refused.png') });
  await settle(page);
  expect((await stored(server)).teams[0]!.positions[0]!.salaryPercentile ?? null).toBe(before);
  // Leaving the field keeps what was typed (and the reason); Escape is how to put the stored value back.
  await page.getByLabel('Scenario name').focus();
  await expect(field).toHaveValue('150');
  await field.focus();
  await field.press('Escape');
  await expect(field).toHaveValue(before === null ? '' : String(before));
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  // The column says what it is.
  await expect(page.getByRole('group', { name: /^Team 1:/ }).getByRole('columnheader', { name: 'Salary percentile' }).first()).toBeVisible();
});

test('role catalog: 150 as a percentile, a negative band minimum and a maximum below the minimum are refused; the stored catalog is unchanged', async ({ page, server }) => {
  await openPods(page, 'Costs');
  const catalog = page.getByRole('table', { name: 'Role catalog' });
  const role = 'data-platform-engineer' as const;
  const before = resolveRoleCatalog((await stored(server)).costModel.roles)[role];
  const cost = catalog.getByLabel('Data platform engineer cost per position');
  const costBefore = await cost.textContent();

  const pct = catalog.getByLabel('Data platform engineer percentile');
  await pct.click();
  await pct.press('Control+a');
  await pct.pressSequentially('150');
  await expect(pct).toHaveValue('150');
  await expect(pct).toHaveAttribute('aria-invalid', 'true');
  await expect(catalog.getByText('must be 0–100 (you typed 150)')).toBeVisible();
  await expect(cost).toHaveText(costBefore ?? '');

  const min = catalog.getByLabel('Data platform engineer band minimum');
  await min.fill('-150000');
  await expect(min).toHaveValue('-150000');
  await expect(min).toHaveAttribute('aria-invalid', 'true');
  await expect(catalog.getByText(/band minimum cannot be negative \(you typed -150000\)/i)).toBeVisible();
  // A typographic minus is a minus too, not a way to drop the sign.
  await min.fill('−150000');
  await expect(min).toHaveAttribute('aria-invalid', 'true');
  await expect(catalog.getByText(/band minimum cannot be negative/i)).toBeVisible();

  const max = catalog.getByLabel('Data platform engineer band maximum');
  await max.fill(String(before.min - 1000));
  await expect(max).toHaveAttribute('aria-invalid', 'true');
  await expect(catalog.getByText(/band maximum must be at least the minimum/i)).toBeVisible();
  await expect(cost).toHaveText(costBefore ?? '');

  await settle(page);
  const after = resolveRoleCatalog((await stored(server)).costModel.roles)[role];
  expect(after).toEqual(before);
});

test('delivery trials of 0 are refused with the reason, not silently put back', async ({ page, server }) => {
  await openPods(page, 'Delivery simulation');
  const trials = page.getByLabel('Trials');
  const before = await trials.inputValue();
  await trials.fill('0');
  await trials.press('Tab');
  await expect(trials).toHaveValue('0');
  await expect(trials).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Trials must be at least 1 \(you typed 0\)/)).toBeVisible();
  await settle(page);
  const run = (await stored(server)).delivery.trials;
  expect(run === undefined ? before : String(run)).toBe(before);
});

test('a memory quota of "1000" shows its unit and warns that it is 1000 bytes', async ({ page }) => {
  await openPods(page, 'Quota policy');
  const card = page.getByRole('group', { name: /^Queue \d+: recommendations$/ });
  const toggle = card.getByRole('button', { name: /^recommendations\b/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  // The resource column names the unit of memory.
  await expect(card.getByRole('cell', { name: /memory.*bytes/ }).first()).toBeVisible();
  const memory = card.getByLabel('h100 memory nominal quota');
  await memory.fill('1000');
  await expect(memory).toHaveValue('1000');
  await expect(card.getByText('1000 bytes — did you mean 1000Gi?')).toBeVisible();
  await memory.fill('1000Gi');
  await expect(card.getByText('1000 bytes — did you mean 1000Gi?')).toHaveCount(0);
});

test('node pools: 0 GPUs per node and 0 nodes are warned about; a new pool in an empty scenario has a defined flavor', async ({ page }) => {
  await openPods(page, 'GPU capacity');
  const pools = page.getByRole('table', { name: 'Node pools' });
  const pool = pools.getByRole('row', { name: /^Node pool 2:/ });
  await pool.getByLabel('GPUs per node').fill('0');
  await expect(pools.getByText(/0 GPUs per node/)).toBeVisible();
  await pool.getByLabel('GPUs per node').fill('8');
  await pool.getByLabel('Nodes').fill('0');
  await expect(pools.getByText(/0 nodes/)).toBeVisible();

  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('button', { name: 'New scenario' }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue('Untitled scenario');
  await page.getByRole('tab', { name: 'GPU capacity' }).click();
  await page.getByRole('button', { name: '+ Add node pool' }).click();
  const added = page.getByRole('table', { name: 'Node pools' }).getByRole('row', { name: /^Node pool 1:/ });
  await expect(added.getByLabel('Flavor')).toHaveValue('nvidia-h100-80gb');
  await expect(added.getByLabel('Flavor')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('tab', { name: /^GPU capacity/ })).not.toContainText(/\d/);
});
