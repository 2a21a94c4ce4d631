/**
 * A counterfactual built from too few people is shown as such: a 2-pod
 * scenario made from scratch has 2 AI/ML engineers, so its centralized
 * counterfactual's central AI team has 2 people for 8 initiatives a year.
 * The Delivery simulation tab marks that design "Not a meaningful
 * comparison" with its utilisation and no figures (and never "within the
 * claim"); giving the team enough people makes it a comparison again, and
 * Ctrl+Z takes the headcount back.
 */
import type { Page } from '@playwright/test';
import type { Scenario } from '../../sim/scenario/index.ts';
import { expect, expectSaved, test } from './fixtures.ts';

type Role = Scenario['teams'][number]['positions'][number]['role'];

function pod(id: string, name: string): Scenario['teams'][number] {
  const roles: Role[] = ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer'];
  return {
    id,
    name,
    type: 'stream-aligned-pod',
    description: '',
    positions: roles.map((role, i) => ({ id: `${id}-${i + 1}`, role, title: '', personName: '', filled: true, singleThreadedOwner: role === 'single-threaded-owner' })),
  };
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('progressbar', { name: 'Delivery simulation progress' })).toHaveCount(0, { timeout: 60_000 });
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
]) {
  test(`a 2-pod scenario's centralized counterfactual is not a meaningful comparison until its central AI team has enough people (${viewport.width}×${viewport.height})`, async ({ page, server }, testInfo) => {
    await page.setViewportSize(viewport);
    const created = await server.api.createScenario({ name: 'Two pods' });
    await server.api.saveScenario(created.scenario.id, { ...created.scenario, teams: [pod('pod-payments', 'Payments pod'), pod('pod-search', 'Search pod')] }, created.revision);
    await page.reload();
    await page.getByRole('link', { name: 'Two pods' }).click();
    await expect(page.getByLabel('Scenario name')).toHaveValue('Two pods');
    await page.getByRole('tab', { name: /^Delivery simulation/ }).click();
    await settled(page);

    const card = page.getByRole('article', { name: 'Centralized AI team: people and load' });
    await expect(card).toHaveAttribute('data-verdict', 'not-meaningful');
    await expect(card.getByText('Not a meaningful comparison')).toBeVisible();
    await expect(card).toContainText(/The central AI team would have 2 people for 8 initiatives a year: utilisation \d\.\d/);
    await expect(card).toContainText(/Give the central AI team at least \d+ people/);
    const central = card.locator('tr[data-team="central-ai"]');
    expect(Number(await central.locator('[data-figure="utilisation"]').textContent())).toBeGreaterThan(1);
    // No figures for it: not in the table, not "within the claim".
    const row = page.locator('table.delivery-summary tr[data-design="centralized"]');
    await expect(row).toContainText('Not a meaningful comparison');
    await expect(row.locator('[data-figure="p50"]')).toHaveCount(0);
    const gap = page.locator('.delivery-gap[data-design="centralized"]');
    await expect(gap).toContainText('not a meaningful comparison');
    await expect(gap).not.toContainText('within the claim');
    // The scenario's own design is a comparison.
    await expect(page.getByRole('article', { name: 'AI pods: people and load' })).toHaveAttribute('data-verdict', 'meaningful');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('not-meaningful.png') });

    // Give it the people it asks for: a comparison, with figures.
    const needed = Number(/at least (\d+) people/.exec((await card.textContent()) ?? '')?.[1]);
    expect(needed).toBeGreaterThan(2);
    const input = card.getByLabel('Central AI team headcount in Centralized AI team');
    await input.fill(String(needed));
    await expectSaved(page);
    await settled(page);
    await expect(card).toHaveAttribute('data-verdict', 'meaningful');
    await expect(card.getByText('Not a meaningful comparison')).toHaveCount(0);
    await expect(central.locator('td').first()).toHaveText(String(needed));
    expect(Number(await central.locator('[data-figure="utilisation"]').textContent())).toBeLessThan(1);
    expect(Number(await row.locator('[data-figure="p50"]').textContent())).toBeGreaterThan(0);
    await expect(gap).not.toContainText('not a meaningful comparison');
    await expect(page.locator('table.delivery-summary')).toContainText(`Headcount set by you: Central AI team 2 → ${needed} people`);
    const stored = (await server.api.getScenario(created.scenario.id)).scenario;
    expect(stored.delivery.designHeadcount).toEqual({ centralized: { centralAi: needed } });

    // Undo takes the headcount back, and the design is marked again.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await settled(page);
    await expect(card).toHaveAttribute('data-verdict', 'not-meaningful');
    await expect(input).toHaveValue('');
  });
}
