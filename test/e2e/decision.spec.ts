/**
 * The Decision view (issue #12): one answer whose numbers are the other
 * tabs' numbers. On the pods sample, its total is the Costs tab's to the
 * dollar, the design as modelled has the Delivery tab's P85 and cost per
 * initiative, idle GPUs are a visible line, and each figure opens the tab
 * that computes it. A 2-pod scenario made here shows its too-small
 * centralized counterfactual as "not a meaningful comparison" with no
 * figures, and says what is missing instead of guessing. Compare puts three
 * scenarios' Decisions side by side with the same totals.
 */
import { readFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { loadSamples } from '../../data/samples/index.ts';
import { scenarioCosts } from '../../sim/cost/scenario-costs.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { expect, SAMPLE_CENTRALIZED, SAMPLE_PODS, test } from './fixtures.ts';

const usd = (value: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(Math.round(value));
const sample = (name: string): Scenario => loadSamples().find((s) => s.name === name)!;
const decisionView = (page: Page) => page.getByRole('region', { name: 'Decision' });
/** The first number of a cell ("51.9 weeks (51.5–52.5)" → 51.9). */
const number = (text: string | null) => Number(/\d[\d,]*(\.\d+)?/.exec(text ?? '')?.[0]?.replace(/,/g, '') ?? NaN);

type Role = Scenario['teams'][number]['positions'][number]['role'];
function pod(id: string, name: string): Scenario['teams'][number] {
  const roles: Role[] = ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer'];
  return { id, name, type: 'stream-aligned-pod', description: '', positions: roles.map((role, i) => ({ id: `${id}-${i + 1}`, role, title: '', personName: '', filled: true, singleThreadedOwner: role === 'single-threaded-owner' })) };
}

async function openDecision(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(name);
  await page.getByRole('tab', { name: /^Decision/ }).click();
  // Wait for the state, not a time: every run it reads has finished.
  await expect(decisionView(page)).toHaveAttribute('data-settled', 'true', { timeout: 120_000 });
}

async function photograph(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1024, 700],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('the Decision for the pods sample: one answer whose figures are the Costs and Delivery tabs’ own', async ({ page }, testInfo) => {
  const pods = sample(SAMPLE_PODS);
  const costs = scenarioCosts(pods);
  await openDecision(page, SAMPLE_PODS);
  const view = decisionView(page);

  // A recommendation in words, naming its numbers and what would change it.
  const recommendation = view.locator('.decision-recommendation-text');
  await expect(recommendation).toContainText(/Recommended: .+\. It ships \d+\.\d initiatives a quarter at \$[\d,]+ per shipped initiative/);
  await expect(view.getByRole('heading', { name: 'What would change it' })).toBeVisible();

  // Costs: the one model, idle GPUs included, to the dollar.
  await expect(view.locator('[data-figure="plan-total-cost"]')).toHaveText(usd(costs.total));
  await expect(view.locator('[data-figure="idle-gpu-per-month"]')).toHaveText(`${usd(costs.gpu.totalIdleCost / costs.horizonMonths)}/month`);
  const asModelled = pods.teams.some((t) => t.type === 'ai-platform') ? 'pods-platform' : 'pods';
  await expect(view.locator(`td[data-design="${asModelled}"][data-figure="total-cost"]`)).toHaveText(usd(costs.total));
  const p85 = number(await view.locator(`td[data-design="${asModelled}"][data-figure="p85"]`).textContent());
  const perShipped = await view.locator(`td[data-design="${asModelled}"][data-figure="cost-per-shipped"]`).textContent();
  await photograph(page, testInfo, 'decision-pods');

  // The Costs tab shows the same total.
  await view.locator('[data-figure="plan-total-cost"]').click();
  await expect(page.getByRole('tab', { name: /^Costs/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(usd(costs.total)).first()).toBeVisible();

  // The Delivery tab shows the same P85 and cost per initiative for the design as modelled.
  await page.getByRole('tab', { name: /^Delivery simulation/ }).click();
  await expect(page.getByRole('progressbar', { name: 'Delivery simulation progress' })).toHaveCount(0, { timeout: 120_000 });
  const row = page.locator(`table.delivery-summary tr[data-design="${asModelled}"]`);
  expect(number(await row.locator('[data-figure="p85"]').textContent())).toBeCloseTo(p85, 1);
  await expect(row.locator('[data-figure="cost-per-initiative"]')).toHaveText(perShipped ?? '');
});

test('the Decision hands on a report: HTML, slides, Markdown and CSV with the figures on screen', async ({ page }) => {
  const pods = sample(SAMPLE_PODS);
  const total = usd(scenarioCosts(pods).total);
  await openDecision(page, SAMPLE_PODS);
  const actions = page.getByRole('group', { name: 'Report to hand on' });
  const download = async (label: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: label }).click()]);
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  };
  const html = await download('HTML');
  expect(html.name).toMatch(/^three-pilot-pods-with-an-ai-platform-team-decision-report-\d{4}-\d{2}-\d{2}\.html$/);
  const text = html.bytes.toString('utf8');
  expect(text).toContain(total);
  expect(text).toContain(pods.name);
  expect(text).not.toMatch(/<script/i);
  const recommendation = await decisionView(page).locator('.decision-recommendation-text').textContent();
  expect(text).toContain((recommendation ?? '').slice(0, 40));
  for (const [label, suffix] of [
    ['Slides (.pptx)', '.pptx'],
    ['Markdown (.zip)', '-markdown.zip'],
    ['CSV tables (.zip)', '-csv.zip'],
  ] as const) {
    const file = await download(label);
    expect(file.name.endsWith(suffix)).toBe(true);
    // Both are ZIP archives (a .pptx is one): the local file header's signature.
    expect(file.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  }
  await expect(page.getByRole('status').filter({ hasText: 'Written to' }).first()).toBeVisible();
});

test('a 2-pod scenario made from scratch: its centralized counterfactual is not a meaningful comparison, and missing inputs are named', async ({ page, server }, testInfo) => {
  const created = await server.api.createScenario({ name: 'Two pods' });
  await server.api.saveScenario(created.scenario.id, { ...created.scenario, teams: [pod('pod-payments', 'Payments pod'), pod('pod-search', 'Search pod')] }, created.revision);
  await page.reload();
  await openDecision(page, 'Two pods');
  const view = decisionView(page);

  const centralized = view.locator('td.decision-meaning[data-design="centralized"]');
  await expect(centralized).toContainText('Not a meaningful comparison.');
  await expect(centralized).toContainText(/utilisation \d+\.\d/);
  for (const figure of ['p50', 'p85', 'cycle-p50', 'prototype-p50', 'shipped-per-quarter', 'cost-per-shipped']) await expect(view.locator(`td[data-design="centralized"][data-figure="${figure}"]`)).toHaveText('—');
  await expect(view).not.toContainText('within the claim');
  // Nothing to simulate on GPUs: said, not guessed.
  await expect(view.getByRole('heading', { name: 'Not known yet' })).toBeVisible();
  await expect(view).toContainText('GPU waits: run the GPU simulation');
  await expect(view.getByText(/Nothing to simulate on GPUs yet/)).toBeVisible();
  // The total is the Costs tab's: people only (no GPUs modelled).
  const stored = (await server.api.getScenario(created.scenario.id)).scenario;
  await expect(view.locator('[data-figure="plan-total-cost"]')).toHaveText(usd(scenarioCosts(stored).total));
  await photograph(page, testInfo, 'decision-two-pods');
});

test('Compare puts three scenarios’ Decisions side by side, with the same totals as each Decision', async ({ page, server }) => {
  const created = await server.api.createScenario({ name: 'Two pods' });
  const twoPods = { ...created.scenario, teams: [pod('pod-payments', 'Payments pod'), pod('pod-search', 'Search pod')] };
  await server.api.saveScenario(created.scenario.id, twoPods, created.revision);
  const saved = await server.api.getScenario(created.scenario.id);
  const list = await server.api.listScenarios();
  const id = (name: string) => list.find((s) => s.name === name)!.id;
  await page.goto(`${server.origin}/#/compare/${id(SAMPLE_CENTRALIZED)}/${id(SAMPLE_PODS)}/${saved.scenario.id}`);
  const table = page.getByRole('table', { name: 'Figures side by side' });
  await expect(table).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('.compare-figures')).toHaveAttribute('data-preliminary', 'false', { timeout: 120_000 });
  const totals = table.locator('tr[data-figure="total-cost"] td');
  await expect(totals).toHaveCount(3);
  for (const [i, scenario] of [sample(SAMPLE_CENTRALIZED), sample(SAMPLE_PODS), saved.scenario].entries()) {
    await expect(totals.nth(i).locator('a')).toHaveText(usd(scenarioCosts(scenario).total));
  }
  // Deltas against A.
  await expect(totals.nth(1).locator('.delta')).toHaveText(`+${usd(scenarioCosts(sample(SAMPLE_PODS)).total - scenarioCosts(sample(SAMPLE_CENTRALIZED)).total)}`);
  // Up to four: a fourth can be added, not a fifth.
  await page.getByRole('button', { name: 'Add a scenario' }).click();
  await expect(page.getByLabel('Scenario D', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a scenario' })).toHaveCount(0);
});
