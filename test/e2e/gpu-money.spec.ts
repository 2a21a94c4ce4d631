/**
 * One GPU money model on every screen (issue #12): the Costs total, the idle
 * line and the GPU capacity tab's figures agree to the dollar with
 * `scenarioCosts` computed here from the sample files (and from a two-pod
 * scenario made here, which buys GPUs beyond what it owns); the budget
 * chart's marker is the first month its line passes the cap, and switching
 * the basis moves both; an exported chart names the scenario and its
 * assumptions. Each screen is photographed at 1024×700 and 1280×800.
 */
import { readFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { loadSamples } from '../../data/samples/index.ts';
import { makeScenario } from '../../data/store/test-support/fixtures.ts';
import type { CostBreakdown } from '../../sim/cost/compute.ts';
import { scenarioCosts } from '../../sim/cost/scenario-costs.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { expect, expectSaved, SAMPLE_CENTRALIZED, SAMPLE_PODS, test } from './fixtures.ts';

const usd = (value: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(value);
const sample = (name: string): Scenario => loadSamples().find((s) => s.name === name)!;

async function open(page: Page, name: string, tab: string): Promise<void> {
  await page.getByRole('link', { name }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(name);
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
}

/** Screenshots of the page at both sizes, `part` scrolled to the top. */
async function photograph(page: Page, testInfo: TestInfo, name: string, part?: string): Promise<void> {
  for (const [width, height] of [
    [1024, 700],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    if (part) await page.locator(part).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The Costs screen and the GPU capacity tab show `costs` to the dollar. */
async function expectSameDollars(page: Page, costs: CostBreakdown, testInfo: TestInfo, name: string): Promise<void> {
  const horizon = costs.horizonMonths;
  await page.getByRole('tab', { name: /^Costs/ }).click();
  await expect(page.getByRole('group', { name: `Total over ${horizon} months` }).locator('.kpi-value')).toHaveText(usd(costs.total));
  const lines = page.getByRole('list', { name: 'GPU spend' });
  await expect(lines.locator('[data-gpu-line="used"] .gpu-money-value')).toHaveText(usd(costs.gpu.totalUsedCost));
  await expect(lines.locator('[data-gpu-line="used"]')).toContainText('planned GPU-hours');
  await expect(lines.locator('[data-gpu-line="idle"] .gpu-money-value')).toHaveText(usd(costs.gpu.totalIdleCost));
  await expect(lines.locator('[data-gpu-line="idle"]')).toContainText(`Idle GPUs: ${usd(costs.gpu.totalIdleCost / horizon)}/month`);
  await expect(page.getByRole('heading', { name: `GPUs over ${horizon} months: ${usd(costs.totalGpu)}` })).toBeVisible();
  if (costs.gpu.totalOverCapacityCost > 0) await expect(lines.locator('[data-gpu-line="over-capacity"] .gpu-money-value')).toHaveText(usd(costs.gpu.totalOverCapacityCost));
  else await expect(lines.locator('[data-gpu-line="over-capacity"]')).toHaveCount(0);
  // Idle GPUs are their own series of the monthly chart.
  await expect(page.getByRole('list', { name: 'Series in the chart' })).toContainText('Idle GPUs');
  await photograph(page, testInfo, `${name}-costs`);

  await page.getByRole('link', { name: 'GPU capacity' }).click();
  await expect(page.getByRole('tab', { name: 'GPU capacity' })).toHaveAttribute('aria-selected', 'true');
  const money = page.locator('.capacity-money');
  await expect(money.locator('[data-figure="capacity"]')).toHaveText(usd(costs.gpu.totalCapacityCost));
  await expect(money.locator('[data-figure="used"]')).toHaveText(usd(costs.gpu.totalUsedCost));
  await expect(money.locator('[data-figure="idle"]')).toHaveText(usd(costs.gpu.totalIdleCost));
  const table = page.getByRole('table', { name: 'GPUs per flavor by month' });
  for (const [label, values] of [
    ['Capacity cost per month', costs.gpu.capacityCost],
    ['Used by teams per month', costs.gpu.usedCost],
    ['Idle per month', costs.gpu.idleCost],
  ] as const) {
    const cells = table.getByRole('row', { name: label, exact: true }).getByRole('cell');
    await expect(cells.first()).toHaveText(usd(values[0]!));
    await expect(cells.nth(horizon - 1)).toHaveText(usd(values[horizon - 1]!));
  }
  await photograph(page, testInfo, `${name}-capacity`, '#by-month-title');
}

for (const name of [SAMPLE_PODS, SAMPLE_CENTRALIZED]) {
  test(`${name}: Costs, its idle line and GPU capacity show the cost model's dollars`, async ({ page }, testInfo) => {
    await open(page, name, 'Costs');
    await expectSameDollars(page, scenarioCosts(sample(name)), testInfo, name === SAMPLE_PODS ? 'pods' : 'centralized');
  });
}

test('a two-pod scenario that buys GPUs beyond what it owns shows that line, with the same dollars on both tabs', async ({ page, server }, testInfo) => {
  const base = makeScenario('two-pods', { name: 'Two pods', teams: 2, positionsPerTeam: 6 });
  const doc: Scenario = {
    ...base,
    teams: base.teams.map((t, i) => ({ ...t, gpuHoursPerMonth: i === 0 ? 3000 : 4000 })),
    cluster: {
      ...base.cluster,
      flavors: [{ name: 'a100', nodeLabels: {}, nodeTaints: [] }],
      // 16 GPUs (11,680 GPU-h a month) until month 6, then 8 (5,840): the 7,000 GPU-h the pods use no longer fit.
      nodePools: [
        { id: 'pool-a100', name: 'A100 pool', flavor: 'a100', gpuModel: 'NVIDIA A100 80GB', gpusPerNode: 8, nodeCount: 2, cpuCoresPerNode: 128, memoryGiBPerNode: 1024, costPerGpuHour: 2.5, capacityChanges: [{ month: 6, nodeCount: 1 }] },
      ],
    },
    costModel: { ...base.costModel, budgetCapPerYear: 3_000_000 },
  };
  const created = await server.api.createScenario({ scenario: doc });
  const costs = scenarioCosts(created.scenario);
  expect(costs.gpu.totalOverCapacityCost).toBeGreaterThan(0);
  expect(costs.gpu.totalIdleCost).toBeGreaterThan(0);
  await page.reload();
  await open(page, 'Two pods', 'Costs');
  await expect(page.locator('[data-gpu-line="over-capacity"]')).toContainText('Bought beyond owned capacity');
  await expectSameDollars(page, costs, testInfo, 'two-pods');
  await expect(page.getByRole('table', { name: 'GPUs per flavor by month' }).getByRole('row', { name: 'Beyond capacity per month' }).getByRole('cell').nth(5)).toHaveText(
    Math.round(costs.gpu.overCapacityGpuHours[5]!).toLocaleString('en-US'),
  );

  // Billed on demand: no idle line, only use; undo brings owned capacity back.
  await page.getByRole('tab', { name: /^Costs/ }).click();
  await page.getByRole('radio', { name: /^On demand/ }).check();
  await expect(page.locator('[data-gpu-line="idle"]')).toHaveCount(0);
  const onDemand = scenarioCosts({ ...created.scenario, costModel: { ...created.scenario.costModel, gpuBilling: 'on-demand' } });
  await expect(page.getByRole('group', { name: 'Total over 24 months' }).locator('.kpi-value')).toHaveText(usd(onDemand.total));
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('radio', { name: /^Owned capacity/ })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Total over 24 months' }).locator('.kpi-value')).toHaveText(usd(costs.total));
  await expectSaved(page);
});

/** The budget chart as drawn: the marker's month, and the first month whose point is above the cap line. */
async function drawnBudget(page: Page): Promise<{ marker: number | null; firstAbove: number | null; basis: string | null }> {
  return page.locator('svg.budget-chart').evaluate((svg) => {
    const capY = Number(svg.querySelector('.budget-line line')?.getAttribute('y1'));
    const points = Array.from(svg.querySelectorAll('circle.budget-point'), (c) => ({ month: Number(c.getAttribute('data-month')), y: Number(c.getAttribute('cy')) }));
    const marker = svg.getAttribute('data-crossed-month');
    return { marker: marker ? Number(marker) : null, firstAbove: points.find((p) => p.y < capY)?.month ?? null, basis: svg.getAttribute('data-basis') };
  });
}

test('the budget marker is the first month the line passes the cap; switching the basis moves both, and the card', async ({ page }, testInfo) => {
  await open(page, SAMPLE_PODS, 'Costs');
  const card = page.getByRole('group', { name: 'Budget cap' });
  // The sample's $6M cap: the plan year's spend passes it in November 2026.
  expect(await drawnBudget(page)).toEqual({ marker: 11, firstAbove: 11, basis: 'plan-year' });
  await expect(card).toContainText('Crossed in Nov 2026 (month 11)');

  // $7.5M: no plan year passes it until November 2027…
  await page.getByLabel('Budget cap per plan year (USD)').fill('7500000');
  await expect(card).toContainText('Crossed in Nov 2027 (month 23)');
  expect(await drawnBudget(page)).toEqual({ marker: 23, firstAbove: 23, basis: 'plan-year' });
  await expect(page.locator('svg.budget-chart .budget-crossed text')).toHaveText('Cap crossed: Nov 2027');
  await expect(page.getByRole('region', { name: /^Budget cap/ })).toContainText('spend so far in the plan year');
  await photograph(page, testInfo, 'budget-plan-year', '#budget-title');

  // …but the 12 months to January 2027 already spend more.
  await page.getByRole('radio', { name: /^Any 12 months/ }).check();
  await expect(card).toContainText('Crossed in Jan 2027 (month 13)');
  await expect(card).toContainText('in any 12 months');
  expect(await drawnBudget(page)).toEqual({ marker: 13, firstAbove: 13, basis: 'trailing-12-months' });
  await expect(page.locator('svg.budget-chart .budget-crossed text')).toHaveText('Cap crossed: Jan 2027');
  await expect(page.getByRole('region', { name: /^Budget cap/ })).toContainText('spend over the last 12 months');
  await photograph(page, testInfo, 'budget-trailing', '#budget-title');

  // One undo puts the basis back, and the marker with it.
  await page.keyboard.press('Control+z');
  await expect(card).toContainText('Crossed in Nov 2027 (month 23)');
  expect(await drawnBudget(page)).toEqual({ marker: 23, firstAbove: 23, basis: 'plan-year' });
  await expectSaved(page);
});

test('an exported budget chart carries the scenario, its revision, the date and the assumptions', async ({ page, server }) => {
  await open(page, SAMPLE_PODS, 'Costs');
  const stored = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS)!;
  const { revision } = await server.api.getScenario(stored.id);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Budget chart as SVG' }).click()]);
  expect(download.suggestedFilename()).toBe('three-pilot-pods-with-an-ai-platform-team-budget-chart.svg');
  const svg = await readFile(await download.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const band = doc.querySelector('[data-chart-stamp]');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, stamp: Array.from(band?.querySelectorAll('text') ?? [], (t) => t.textContent ?? '').join(' ') };
  }, svg);
  expect(parsed.error).toBeNull();
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  expect(parsed.stamp).toContain(`${SAMPLE_PODS} · revision ${revision} · ${day}`);
  expect(parsed.stamp).toContain('loaded-cost multiplier 1×');
  expect(parsed.stamp).toContain('salaries at the 25th percentile of their bands');
  expect(parsed.stamp).toContain('budget cap measured per plan year');
  // The chart itself is in the file too.
  expect(svg).toContain('Cap crossed: Nov 2026');
});

test('GPU-hours adopted from the GPU simulation are labelled as simulated in Costs, with the same dollars', async ({ page, server }, testInfo) => {
  await open(page, SAMPLE_PODS, 'GPU simulation');
  const panel = page.locator('section[aria-labelledby="gpu-costs-title"]');
  await expect(panel.getByRole('table', { name: 'Simulated GPU-hours per team' })).toBeVisible({ timeout: 45_000 });
  await expect(panel).toContainText('Costs charge each team’s planned GPU-hours');
  await panel.scrollIntoViewIfNeeded();
  await photograph(page, testInfo, 'gpu-sim-costs', 'section[aria-labelledby="gpu-costs-title"]');
  await panel.getByRole('button', { name: 'Use these GPU-hours in costs' }).click();
  await expect(panel).toContainText('Costs charge these simulated GPU-hours');
  await expectSaved(page);

  await page.getByRole('tab', { name: /^Costs/ }).click();
  const used = page.locator('[data-gpu-line="used"]');
  await expect(used).toContainText('simulated GPU-hours');
  await expect(used).toContainText('random seed 1');
  const stored = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS)!;
  const costs = scenarioCosts((await server.api.getScenario(stored.id)).scenario);
  await expect(page.getByRole('group', { name: 'Total over 24 months' }).locator('.kpi-value')).toHaveText(usd(costs.total));
  await expect(used.locator('.gpu-money-value')).toHaveText(usd(costs.gpu.totalUsedCost));
  await photograph(page, testInfo, 'costs-simulated', '#gpu-money-title');

  // Undo: the planned hours are back, and so is the label.
  await page.keyboard.press('Control+z');
  await expect(used).toContainText('planned GPU-hours');
});
