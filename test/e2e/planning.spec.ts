/**
 * The planning screens against the real backend, on the pods sample: the
 * org design's guardrails and moving positions (drag and drop and the
 * keyboard way), costs, the ownership map, the phase plan with its Gantt
 * chart, the org chart's exports and the readiness check. Every edit is
 * undoable; each screen is photographed at 1280×800.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { makeScenario } from '../../data/store/test-support/fixtures.ts';
import { serializeScenario } from '../../sim/scenario/index.ts';
import { expect, expectSaved, SAMPLE_CENTRALIZED, SAMPLE_PODS, saveStatus, test } from './fixtures.ts';

async function openPods(page: Page, section?: string): Promise<void> {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  if (section) await page.getByRole('tab', { name: new RegExp(`^${section}`) }).click();
}

function team(page: Page, name: string) {
  return page.getByRole('group', { name: new RegExp(`^Team \\d+: ${name}$`) });
}

/**
 * HTML5 drag and drop with the mouse in small steps (Chromium starts a drag
 * only after the pointer moves), with both ends on screen: the source is
 * scrolled to the bottom of the view, the target must be above it.
 */
async function dragAndDrop(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag source or target is not visible');
  expect(to.y).toBeGreaterThan(40);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 - 4, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Scrolls the editor so that an element is at the top, for a screenshot of that part. */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

test('a pod grown past 8 is warned about, with the reason and its source; never blocking', async ({ page, server }, testInfo) => {
  await openPods(page);
  const recs = team(page, 'Recommendations pod');
  await expect(recs.getByRole('list', { name: /^Guardrail warnings/ })).toHaveCount(0);
  for (let i = 0; i < 4; i++) await recs.getByRole('button', { name: 'Add position to Recommendations pod' }).click();
  await expect(recs.getByLabel('Counts for Recommendations pod')).toContainText('9 positions');
  const warnings = recs.getByRole('list', { name: 'Guardrail warnings for Recommendations pod' });
  await expect(warnings).toContainText('Recommendations pod has 9 positions; a 2-pizza pod is typically 5–8 people');
  await expect(warnings).toContainText('Consider splitting it.');
  // The tab counts it; the source is one click away.
  await expect(page.getByRole('tab', { name: /Org design/ })).toContainText('1');
  await warnings.getByRole('button', { name: 'Source of this warning: article' }).click();
  const source = page.getByRole('note', { name: 'Source of this warning' });
  await expect(source).toContainText('The article "2-pizza AI teams"');
  await expect(source).toContainText('typically 5-8 people');
  await recs.locator('.guardrails').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('org-guardrail.png') });
  await page.keyboard.press('Escape');
  await expect(source).toBeHidden();

  // Never blocking: it saves as it is.
  await expectSaved(page);
  const stored = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS);
  const record = await server.api.getScenario(stored?.id ?? '');
  expect(record.scenario.teams.find((t) => t.name === 'Recommendations pod')?.positions).toHaveLength(9);

  // A salary percentile override and GPU-hours on the same card.
  const row = recs.getByRole('row', { name: /^Position 2:/ });
  await row.getByLabel('Salary percentile').fill('90');
  await recs.getByLabel('GPU-hours / month').fill('2500');
  await expect(recs.getByLabel('Annual cost of Recommendations pod')).not.toHaveText('$972K / year');
  await expectSaved(page);
  const after = await server.api.getScenario(stored?.id ?? '');
  const pod = after.scenario.teams.find((t) => t.name === 'Recommendations pod');
  expect(pod?.positions[1]?.salaryPercentile).toBe(90);
  expect(pod?.gpuHoursPerMonth).toBe(2500);
});

test('a position moves between teams by drag and drop and by "Move to team"; undo puts it back', async ({ page, server }, testInfo) => {
  await openPods(page);
  const recs = team(page, 'Recommendations pod');
  const search = team(page, 'Search relevance pod');
  await expect(recs.getByLabel('Counts for Recommendations pod')).toContainText('5 positions');
  await expect(search.getByLabel('Counts for Search relevance pod')).toContainText('5 positions');

  // Drag the search pod's data platform engineer onto the recommendations pod.
  const dragged = search.getByRole('row', { name: 'Position 5: Data platform engineer' });
  await dragAndDrop(page, dragged.locator('.drag-handle'), recs.getByRole('button', { name: 'Add position to Recommendations pod' }));
  await expect(recs.getByLabel('Counts for Recommendations pod')).toContainText('6 positions');
  await expect(search.getByLabel('Counts for Search relevance pod')).toContainText('4 positions');
  // The search pod now misses a required role: warned, not blocked.
  await expect(search.getByRole('list', { name: 'Guardrail warnings for Search relevance pod' })).toContainText('has no data platform engineer');
  await page.screenshot({ path: testInfo.outputPath('org-after-drag.png') });

  await page.keyboard.press('Control+z');
  await expect(recs.getByLabel('Counts for Recommendations pod')).toContainText('5 positions');
  await expect(search.getByLabel('Counts for Search relevance pod')).toContainText('5 positions');
  await expect(search.getByRole('row', { name: 'Position 5: Data platform engineer' })).toBeVisible();

  // The keyboard way: the row's "Move to team" select.
  const moveSelect = search.getByRole('row', { name: 'Position 2: AI/ML engineer' }).getByLabel('Move to team');
  await moveSelect.focus(); // the teams are listed once the select is engaged (focus or pointer)
  await moveSelect.selectOption({ label: 'AI platform team' });
  const platform = team(page, 'AI platform team');
  await expect(platform.getByLabel('Counts for AI platform team')).toContainText('7 positions');
  await expect(search.getByLabel('Counts for Search relevance pod')).toContainText('4 positions');
  await expect(page.getByText('Moved the position to “AI platform team”')).toBeVisible();
  await expectSaved(page);
  const id = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS)?.id ?? '';
  expect((await server.api.getScenario(id)).scenario.teams.find((t) => t.name === 'AI platform team')?.positions).toHaveLength(7);

  // The notice's Undo, this time.
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect(search.getByLabel('Counts for Search relevance pod')).toContainText('5 positions');
  await expect(platform.getByLabel('Counts for AI platform team')).toContainText('6 positions');
  await expectSaved(page);
  expect((await server.api.getScenario(id)).scenario.teams.find((t) => t.name === 'Search relevance pod')?.positions).toHaveLength(5);
});

test('a salary band edit changes the team, month and total costs; its source shows and it resets', async ({ page }, testInfo) => {
  await openPods(page, 'Costs');
  const teams = page.getByRole('table', { name: 'Cost per team' });
  const recs = teams.getByRole('row', { name: 'Recommendations pod' });
  const total = page.getByRole('group', { name: 'Total over 24 months' });
  await page.getByText('Month by month (table)').click();
  const month1 = page.getByRole('table', { name: 'Cost per month' }).getByRole('row', { name: /^Jan 2026/ });
  await expect(recs).toContainText('$891,500');
  const totalBefore = await total.locator('.kpi-value').innerText();
  const monthBefore = await month1.innerText();
  await page.screenshot({ path: testInfo.outputPath('costs.png') });

  // Source of the seed's band, one click away.
  const catalog = page.getByRole('table', { name: 'Role catalog' });
  await catalog.getByRole('button', { name: 'Source of the data platform engineer band: article' }).click();
  await expect(page.getByRole('note', { name: 'Source of the data platform engineer band' })).toContainText('"Data Platform Engineers: $160K-$250K"');
  await page.keyboard.press('Escape');

  // $160K–$250K → $200K–$250K at the 25th percentile: +$30,000 per data platform engineer.
  await page.getByLabel('Data platform engineer band minimum').fill('200000');
  await expect(recs).toContainText('$921,500');
  await expect(total.locator('.kpi-value')).not.toHaveText(totalBefore);
  await expect(month1).not.toHaveText(monthBefore);
  await expect(catalog.getByRole('button', { name: 'Source of the data platform engineer band: edited' })).toBeVisible();
  await scrollTo(page, '.catalog-table');
  await page.screenshot({ path: testInfo.outputPath('costs-catalog.png') });

  // Reset to the seed's default from the source popover.
  await catalog.getByRole('button', { name: 'Source of the data platform engineer band: edited' }).click();
  await page.getByRole('note', { name: 'Source of the data platform engineer band' }).getByRole('button', { name: 'Reset to default' }).click();
  await expect(recs).toContainText('$891,500');
  await expect(total.locator('.kpi-value')).toHaveText(totalBefore);
  // …and undo brings the edit back.
  await page.keyboard.press('Control+z');
  await expect(recs).toContainText('$921,500');

  // The budget cap: lowering it moves the month it is crossed.
  const budget = page.getByRole('group', { name: 'Budget cap' });
  // Idle GPUs count (one GPU money model), so the pods plan passes $6M in its first plan year.
  await expect(budget).toContainText('Crossed in Nov 2026');
  await page.getByLabel('Budget cap per plan year (USD)').fill('4000000');
  await expect(budget).toContainText(/Crossed in (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct) 2026/);
  await expectSaved(page);
});

test('costs side by side with another scenario', async ({ page }, testInfo) => {
  await openPods(page, 'Costs');
  await page.getByLabel('With scenario').selectOption({ label: SAMPLE_CENTRALIZED });
  const table = page.getByRole('table', { name: 'Costs side by side' });
  await expect(table.getByRole('row', { name: /^Teams 9 4/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Annual run rate/ })).toContainText('−$');
  await scrollTo(page, '#compare-costs-title');
  await page.screenshot({ path: testInfo.outputPath('costs-compare.png') });
});

test('a capability assigned twice is flagged "two paved roads" with the article\'s reasoning; suggest assignments is undoable', async ({ page }, testInfo) => {
  await openPods(page, 'Ownership');
  const registry = page.getByRole('row', { name: 'Model registry', exact: true });
  await expect(registry.getByLabel('AI platform team owns Model registry')).toBeChecked();
  await registry.getByLabel('Recommendations pod owns Model registry').check();
  await expect(registry).toContainText('Two paved roads');
  const flags = page.getByRole('list', { name: 'Ownership flags' });
  await expect(flags).toContainText('Model registry is owned by 2 teams (AI platform team and Recommendations pod): two paved roads.');
  await expect(flags).toContainText('Two parallel paved roads');
  await expect(page.getByRole('tab', { name: /Ownership/ })).toContainText('2');
  await page.screenshot({ path: testInfo.outputPath('ownership.png') });
  await scrollTo(page, '#flags-title');
  await page.screenshot({ path: testInfo.outputPath('ownership-flags.png') });

  // Keyboard: arrow keys move between cells, Space toggles.
  const cell = registry.getByLabel('Recommendations pod owns Model registry');
  await cell.focus();
  await page.keyboard.press('ArrowRight');
  await expect(registry.getByLabel('Search relevance pod owns Model registry')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await expect(cell).not.toBeChecked();
  await expect(registry).not.toContainText('Two paved roads');
  await page.keyboard.press('Control+z');
  await expect(registry).toContainText('Two paved roads');

  await page.getByRole('button', { name: 'Suggest assignments' }).click();
  await expect(registry).not.toContainText('Two paved roads');
  await expect(cell).not.toBeChecked();
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
  await expect(registry).toContainText('Two paved roads');
  await expectSaved(page);
});

test('moving the pilot wave moves the Gantt bar and the monthly cost; the calendar downloads as .ics', async ({ page }, testInfo) => {
  await openPods(page, 'Phases');
  const pilot = page.locator('[data-wave-id="wave-pilot"]');
  const month1 = page.locator('.gantt-cost rect[data-month="1"]');
  await expect(pilot).toHaveAttribute('data-start-month', '1');
  const xBefore = Number(await pilot.locator('rect').getAttribute('x'));
  const heightBefore = Number(await month1.getAttribute('height'));
  await page.screenshot({ path: testInfo.outputPath('phases.png') });

  await page.getByRole('button', { name: 'Move Phase 1 — Pilot one month later' }).click();
  await expect(pilot).toHaveAttribute('data-start-month', '2');
  expect(Number(await pilot.locator('rect').getAttribute('x'))).toBeGreaterThan(xBefore);
  // The pilot pods start a month later: month 1 costs less.
  await expect.poll(async () => Number(await month1.getAttribute('height'))).toBeLessThan(heightBefore);
  await expect(page.getByLabel('Wave 1: Phase 1 — Pilot').getByLabel('Start month')).toHaveValue('2');

  // The same in the Costs tab.
  await page.getByRole('tab', { name: /^Costs/ }).click();
  await page.getByText('Month by month (table)').click();
  const jan = page.getByRole('table', { name: 'Cost per month' }).getByRole('row', { name: /^Jan 2026/ });
  const janMoved = await jan.innerText();
  await page.keyboard.press('Control+z');
  await expect(jan).not.toHaveText(janMoved);
  await page.getByRole('tab', { name: /^Phases/ }).click();
  await expect(pilot).toHaveAttribute('data-start-month', '1');

  // On the chart itself: focus the bar, arrow keys move it.
  await pilot.focus();
  await page.keyboard.press('ArrowRight');
  await expect(pilot).toHaveAttribute('data-start-month', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(pilot).toHaveAttribute('data-start-month', '1');
  // …or drag it: two months to the right is one edit.
  const bar = await pilot.locator('rect').boundingBox();
  const monthPx = (Number(await page.locator('[data-wave-id="wave-refine"] rect').getAttribute('x')) - xBefore) / 3;
  if (!bar) throw new Error('no pilot bar');
  await page.mouse.move(bar.x + 10, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + 10 + 2 * monthPx, bar.y + bar.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(pilot).toHaveAttribute('data-start-month', '3');
  await page.keyboard.press('Control+z');
  await expect(pilot).toHaveAttribute('data-start-month', '1');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .ics' }).click()]);
  expect(download.suggestedFilename()).toBe('three-pilot-pods-with-an-ai-platform-team-phase-plan.ics');
  const ics = await readFile(await download.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics).toContain('SUMMARY:Go/no-go retrospective');
  expect(ics).toContain('SUMMARY:Phase 1 — Pilot');
  await scrollTo(page, '#waves-title');
  await page.screenshot({ path: testInfo.outputPath('phases-waves.png') });
  await scrollTo(page, '#hiring-title');
  await page.screenshot({ path: testInfo.outputPath('phases-hiring.png') });
});

test('the org chart exports a valid standalone SVG with every team, and a PNG; a team click opens it in the editor', async ({ page, server }, testInfo) => {
  await openPods(page, 'Org chart');
  const chart = page.getByLabel(/^Org chart of /);
  await expect(chart).toBeVisible();
  await page.getByRole('button', { name: 'Collapse Fraud detection pod' }).click();
  await expect(page.getByRole('button', { name: 'Expand Fraud detection pod' })).toHaveAttribute('aria-expanded', 'false');
  await page.screenshot({ path: testInfo.outputPath('org-chart.png') });

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  expect(svgDownload.suggestedFilename()).toBe('three-pilot-pods-with-an-ai-platform-team-org-chart.svg');
  const svg = await readFile(await svgDownload.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      name: root.localName,
      namespace: root.namespaceURI,
      text: root.textContent ?? '',
      titles: Array.from(doc.getElementsByTagName('title')).map((t) => t.textContent ?? ''),
    };
  }, svg);
  expect(parsed.errors).toBe(0);
  expect(parsed.name).toBe('svg');
  expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
  const id = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS)?.id ?? '';
  const names = (await server.api.getScenario(id)).scenario.teams.map((t) => t.name);
  expect(names).toHaveLength(9);
  for (const name of names) {
    expect(parsed.text).toContain(name);
    expect(parsed.titles).toContain(name);
  }

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
  const png = await readFile(await pngDownload.path());
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

  // Zoom with the keyboard, then open a team in the org design.
  await chart.focus();
  await page.keyboard.press('+');
  await expect(page.getByText('125%')).toBeVisible();
  await page.keyboard.press('0');
  await expect(page.getByText('100%', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: /^Search relevance pod: 5 positions\. Open in the org design\.$/ }).click();
  await expect(page).toHaveURL(/#\/scenario\/[^/]+$/);
  await expect(team(page, 'Search relevance pod').getByLabel('Team name')).toBeFocused();
});

test('readiness answers change the recommendation, with every sentence\'s seed quote; undoable', async ({ page, server }, testInfo) => {
  await openPods(page, 'Readiness');
  const verdict = page.locator('[data-verdict]');
  // The samples' organisation: 3 leaders ready for 5 pods, outcomes partly measured.
  await expect(verdict).toHaveText('Mixed: fix what the answers point out first');
  await page.screenshot({ path: testInfo.outputPath('readiness.png') });

  await page.getByRole('radio', { name: 'Talent' }).check();
  await expect(verdict).toHaveText('Pods are unlikely to help');
  const adjustments = page.getByRole('table', { name: 'Simulation input adjustments' });
  await expect(adjustments).toContainText('Time to hire hybrid roles');
  await expect(adjustments).toContainText('× 1.5');
  await page.getByRole('button', { name: 'Source of the recommendation: article' }).click();
  await expect(page.getByRole('note', { name: 'Source of the recommendation' })).toContainText('the 2-Pizza model only works if decision-making is your bottleneck');
  await page.screenshot({ path: testInfo.outputPath('readiness-talent.png') });
  await page.keyboard.press('Escape');

  // The answers are the organisation's (readiness.spec.ts covers sharing and overrides).
  await expect.poll(async () => (await server.api.getOrganisationReadiness()).answers?.bottleneck).toBe('talent');

  await page.keyboard.press('Control+z');
  await expect(verdict).toHaveText('Mixed: fix what the answers point out first');
  await expect(page.getByRole('radio', { name: 'Decision-making' })).toBeChecked();

  // "No one" can own a product: re-architect first.
  await page.getByLabel(/^1\. Who among your current leaders/).fill('0');
  await expect(verdict).toHaveText('Re-architect the org first');
});

test('a big org renders the teams near the view; a far team scrolled to takes a dragged position, autosaved', async ({ page, server }) => {
  const big = makeScenario('big-org', { name: 'Big org', teams: 300, positionsPerTeam: 6 });
  const { record } = await server.api.importScenario(serializeScenario(big), 'big-org.podplan.json');
  await page.evaluate((id) => {
    location.hash = `#/scenario/${encodeURIComponent(id)}/org`;
  }, record.scenario.id);
  await expect(page.getByLabel('Scenario name')).toHaveValue('Big org');

  // Windowed: a few cards, the others placeholders that keep their names for find in page.
  await expect(team(page, 'Pod 1')).toBeVisible();
  expect(await page.locator('.team-card').count()).toBeLessThan(40);
  const far = page.locator('[data-placeholder-team-id="team-250"]');
  await expect(far.locator('[hidden="until-found"]')).toContainText('Pod 250');

  // Scrolled to, the far team is rendered; drag a position of the team below onto it.
  await far.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const pod250 = team(page, 'Pod 250');
  const pod251 = team(page, 'Pod 251');
  await expect(pod250.getByLabel('Counts for Pod 250')).toContainText('6 positions');
  await dragAndDrop(page, pod251.getByRole('row', { name: /^Position 2:/ }).locator('.drag-handle'), pod250.getByRole('button', { name: 'Add position to Pod 250' }));
  await expect(pod250.getByLabel('Counts for Pod 250')).toContainText('7 positions');
  await expect(pod251.getByLabel('Counts for Pod 251')).toContainText('5 positions');
  await expectSaved(page);
  const stored = await server.api.getScenario(record.scenario.id);
  expect(stored.scenario.teams[249]?.positions.map((p) => p.id)).toContain('team-251-position-2');
  expect(stored.scenario.teams[250]?.positions).toHaveLength(5);
});

test('autosave waits while a position is dragged, and saves once it is dropped', async ({ page, server }) => {
  // The page's clock is ours: the edit's autosave timer (400 ms) fires only when the test moves time
  // on, so the drag surely begins with the edit unsaved, however slow the machine.
  await page.clock.install();
  await openPods(page);
  await page.clock.pauseAt(new Date(Date.now() + 60_000));
  const recs = team(page, 'Recommendations pod');
  const search = team(page, 'Search relevance pod');
  await page.getByLabel('Scenario description').fill('Moving people around');
  const source = search.getByRole('row', { name: 'Position 5: Data platform engineer' }).locator('.drag-handle');
  const target = recs.getByRole('button', { name: 'Add position to Recommendations pod' });
  await source.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 - 4, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 });
  // Well past the autosave delay, mid-drag: the save waits.
  await page.clock.runFor(2_000);
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 + 1, { steps: 2 });
  await expect(saveStatus(page)).toHaveText('Unsaved changes');
  await page.mouse.up();
  await page.clock.resume();
  await expect(recs.getByLabel('Counts for Recommendations pod')).toContainText('6 positions');
  await expectSaved(page);
  const id = (await server.api.listScenarios()).find((s) => s.name === SAMPLE_PODS)?.id ?? '';
  const stored = (await server.api.getScenario(id)).scenario;
  expect(stored.description).toBe('Moving people around');
  expect(stored.teams.find((t) => t.name === 'Recommendations pod')?.positions).toHaveLength(6);
});
