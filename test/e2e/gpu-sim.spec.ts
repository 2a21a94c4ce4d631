/**
 * The GPU simulation tab against the real backend, on the pods sample: the
 * run in a Web Worker, a team's P90 wait opened as its distribution, a
 * pending workload's reason, a variant B with a lower lendingLimit changing
 * the comparison, and a trace with a bad row (made here) reported by line,
 * skipped or aborting as chosen.
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, expectSaved, SAMPLE_PODS, test } from './fixtures.ts';

async function openGpuSimulation(page: Page): Promise<void> {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await expect(page.getByLabel('Scenario name')).toHaveValue(SAMPLE_PODS);
  await page.getByRole('tab', { name: /^GPU simulation/ }).click();
  await expect(page).toHaveURL(/#\/scenario\/[^/]+\/gpu-sim$/);
  await expect(page.getByRole('table', { name: 'Waits and GPU-hours per team' })).toBeVisible({ timeout: 30_000 });
}

const REASONS = /insufficient nominal quota|nominal quota lent out|cohort has nothing to lend|borrowing limit reached|exceeds what the queue can ever hold|behind a StrictFIFO head|no node fits|preempted|waiting for its preemptions|backoff|running|finished|deleted/;

/** `podplan simulate gpu` on the sample file, as Node runs it. */
function cliRun(args: string[] = ['--seed', '1', '--days', '7']): {
  simulation: { events: number; admissions: number; preemptions: number };
  teams: Array<{ team: string; gpuHoursAllocated: number }>;
  spread: { seeds: number; teams: Array<{ team: string; gpuHoursAllocated: { median: number } }> } | null;
} {
  const cli = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));
  const sample = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
  return JSON.parse(execFileSync(process.execPath, [cli, 'simulate', 'gpu', sample, ...args, '--json'], { encoding: 'utf8' }));
}

const runFigures = (s: { events: number; admissions: number; preemptions: number }) => `${s.events.toLocaleString('en-US')} events, ${s.admissions.toLocaleString('en-US')} admissions, ${s.preemptions.toLocaleString('en-US')} preemptions`;

test('the browser run gives the same figures as the CLI for the same seeds: the base seed\'s run, and each figure\'s median over 5 seeds', async ({ page }) => {
  await openGpuSimulation(page);
  const cli = cliRun();
  const s = cli.simulation;
  await expect(page.getByLabel('Run summary')).toContainText(runFigures(s));
  await expect(page.getByLabel('Run summary')).toContainText('median of 5 seeds (seeds 1–5), with the range over seeds', { timeout: 30_000 });
  const table = page.getByRole('table', { name: 'Waits and GPU-hours per team' });
  const hours = (h: number) => (h >= 100 ? Math.round(h).toLocaleString('en-US') : h.toFixed(1));
  expect(cli.spread!.seeds).toBe(5);
  // Each cell: the median over seeds, then its range.
  for (const [i, t] of cli.spread!.teams.entries()) await expect(table.getByRole('row').nth(i + 1).getByRole('cell').nth(5)).toContainText(new RegExp(`^${hours(t.gpuHoursAllocated.median)}\\b`));
});

test('runs the sample policy, opens a team’s P90 wait distribution and a pending workload’s reason', async ({ page }, testInfo) => {
  await openGpuSimulation(page);
  const table = page.getByRole('table', { name: 'Waits and GPU-hours per team' });
  await expect(table.getByRole('row', { name: /Recommendations pod/ })).toBeVisible();
  await expect(page.getByLabel('Run summary')).toContainText(/generated workloads over 7 days \(seed 1\)/);
  await expect(page.getByLabel('Cluster GPU-hours')).toContainText('fragmented');
  // Nothing in the tab is wider than the tab (wide tables scroll in their own frame).
  expect(await page.locator('.gpu-sim-view').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);

  await table.getByRole('button', { name: /^P90 wait of Recommendations pod/ }).click();
  const distribution = page.getByRole('region', { name: 'Wait-time distribution of Recommendations pod' });
  await expect(distribution.getByRole('img', { name: /^Wait-time distribution of Recommendations pod: \d+ admitted workloads/ })).toBeVisible();
  await expect(distribution.locator('svg')).toContainText(/Wait from submission to admission \((minutes|hours|days)\)/);
  await expect(distribution.locator('svg')).toContainText('Workloads');
  await expect(distribution.getByRole('button', { name: 'Export the wait-time distribution as SVG' })).toBeVisible();

  const pending = page.getByRole('table', { name: 'Workloads that waited' });
  const first = pending.getByRole('row').nth(1);
  const id = (await first.getByRole('button').textContent())!.trim();
  await first.getByRole('button').click();
  const why = page.getByRole('region', { name: `Why ${id} waited` });
  await expect(why).toBeVisible();
  await expect(why).toContainText(REASONS);
  await expect(why.getByRole('list', { name: `State and reason changes of ${id}` })).toContainText(/pending: /);
  await why.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('gpu-sim-pending.png') });

  for (const [i, chart] of [/^GPUs allocated per ClusterQueue/, /^GPUs in use per node over time/, /^Cohort tree with each ClusterQueue/].entries()) {
    const img = page.getByRole('img', { name: chart });
    await expect(img).toBeVisible();
    await img.screenshot({ path: testInfo.outputPath(`gpu-sim-chart-${i}.png`) });
  }
  await distribution.screenshot({ path: testInfo.outputPath('gpu-sim-wait-distribution.png') });

  // Each chart exports the document on screen, as SVG and as PNG.
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the GPU usage chart as SVG' }).click()]);
  expect(svgFile.suggestedFilename()).toBe('three-pilot-pods-with-an-ai-platform-team-gpu-usage.svg');
  const svg = await readFile((await svgFile.path())!, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*aria-label="GPUs allocated per ClusterQueue/);
  const [pngFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the node heatmap as PNG' }).click()]);
  expect(pngFile.suggestedFilename()).toBe('three-pilot-pods-with-an-ai-platform-team-node-heatmap.png');
  const png = await readFile((await pngFile.path())!);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
});

test('a lower lendingLimit in variant B changes the comparison, and B is saved with the scenario', async ({ page }, testInfo) => {
  await openGpuSimulation(page);
  await expect(page.getByRole('table', { name: 'Policy A vs B per team' })).toHaveCount(0);
  await page.getByLabel('B lendingLimit of recommendations h100').fill('0');
  await page.getByLabel('B lendingLimit of recommendations a100').fill('0');
  await expect(page.getByText('B differs from A in: recommendations h100 lendingLimit → 0; recommendations a100 lendingLimit → 0.')).toBeVisible();
  const comparison = page.getByRole('table', { name: 'Policy A vs B per team' });
  await expect(comparison).toBeVisible({ timeout: 30_000 });
  const row = comparison.getByRole('row', { name: /Recommendations pod/ });
  // Column 9 is "Δ lent GPU-h": lending nothing, the pod lends fewer GPU-hours.
  await expect(row.getByRole('cell').nth(7)).toHaveText(/^−\d/);
  await page.locator('section[aria-labelledby="gpu-compare-title"]').screenshot({ path: testInfo.outputPath('gpu-sim-compare.png') });
  // The scenario's policy is unchanged; policy B is saved with it and comes back after a reload.
  await page.getByRole('tab', { name: /^Quota policy/ }).click();
  await page.getByRole('tab', { name: /^GPU simulation/ }).click();
  await expect(page.getByLabel('B lendingLimit of recommendations h100')).toHaveValue('0');
  await expect(page.locator('td', { has: page.getByLabel('B lendingLimit of recommendations h100') })).not.toContainText('(0)');
  await expectSaved(page);
  await page.reload();
  await expect(page.getByLabel('B lendingLimit of recommendations h100')).toHaveValue('0', { timeout: 15_000 });
  await expect(page.getByLabel('B lendingLimit of recommendations a100')).toHaveValue('0');
});

test('policy B can become the scenario’s policy in one undoable edit', async ({ page }) => {
  await openGpuSimulation(page);
  const cell = page.getByLabel('B lendingLimit of recommendations h100');
  const before = await cell.inputValue();
  await cell.fill('1');
  await page.getByRole('button', { name: 'Make B this scenario’s policy' }).click();
  await expect(page.getByText('1 GPU quota change is now this scenario’s policy')).toBeVisible();
  // A is now B: the variant is empty again and policy A shows the adopted value.
  await expect(page.getByRole('button', { name: 'Make B this scenario’s policy' })).toHaveCount(0);
  await expect(cell).toHaveValue('1');
  await expect(page.locator('td', { has: cell })).toContainText('(1)');
  await expectSaved(page);
  // Ctrl+Z outside the quota fields (they keep their own text undo) undoes the adoption: A as it was, B as it was.
  await page.locator('#gpu-compare-title').click();
  await page.keyboard.press('Control+z');
  await expect(page.locator('td', { has: cell })).toContainText(`(${before || 'none'})`);
  await expect(cell).toHaveValue('1');
  await expect(page.getByRole('button', { name: 'Make B this scenario’s policy' })).toBeVisible();
});

const TRACE = [
  'id,submit_time,duration,user,vc,gpus_per_pod,pods',
  'job-1,0,3600,ana,recommendations,2,1',
  'job-2,60,3600,ana,recommendations,many,1',
  'job-3,120,1800,dara,search-relevance,4,1',
  'job-4,180,7200,eli,support-assistant,8,1',
].join('\n');

test('imports a trace with a bad row: the line is reported, then skipped or the import aborts', async ({ page }, testInfo) => {
  await openGpuSimulation(page);
  await page.getByLabel('Trace file').setInputFiles({ name: 'bad-row.csv', mimeType: 'text/csv', buffer: Buffer.from(TRACE) });
  const mapping = page.getByRole('region', { name: 'Trace mapping' });
  await expect(mapping).toContainText('Generic CSV');
  await expect(mapping).toContainText('4 rows');
  await expect(page.getByRole('list', { name: 'Bad rows of the trace' })).toContainText(/Line 3: .*gpus_per_pod/);
  // VCs named after ClusterQueues map to their teams by themselves.
  await expect(page.getByLabel('Map teams by')).toHaveValue('vc');
  await expect(page.getByLabel('Team of recommendations')).toHaveValue('pod-1');

  await page.getByLabel('abort the import at the first one').check();
  await page.getByRole('button', { name: 'Import and simulate' }).click();
  await expect(page.getByRole('alert')).toContainText('Import aborted at line 3');

  await page.getByLabel('skip them (each reported with its line)').check();
  await page.getByRole('button', { name: 'Import and simulate' }).click();
  const result = page.getByRole('status', { name: 'Trace import result' });
  await expect(result).toContainText('Imported 3 jobs; skipped 1 row.');
  await expect(result.getByRole('list', { name: 'Rows skipped by the import' })).toContainText('Line 3');
  await expect(page.getByLabel('Run summary')).toContainText('3 workloads of bad-row.csv', { timeout: 30_000 });
  // The same trace through the CLI gives the same run.
  const file = testInfo.outputPath('bad-row.csv');
  await writeFile(file, TRACE);
  await expect(page.getByLabel('Run summary')).toContainText(runFigures(cliRun(['--trace', file, '--map-by', 'vc']).simulation));
  await page.locator('section[aria-labelledby="gpu-trace-title"]').screenshot({ path: testInfo.outputPath('gpu-sim-trace.png') });
});

test('a policy edit re-runs the simulation, the previous figures staying shown meanwhile', async ({ page }) => {
  await openGpuSimulation(page);
  const row = page.getByRole('table', { name: 'Waits and GPU-hours per team' }).getByRole('row', { name: /AI platform team/ });
  const before = await row.textContent();
  await page.getByRole('tab', { name: /^Quota policy/ }).click();
  const card = page.getByRole('group', { name: /^Queue \d+: ai-platform$/ });
  const toggle = card.getByRole('button', { name: /^ai-platform\b/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await card.getByLabel('h100 nvidia.com/gpu nominal quota').fill('2');
  await page.getByRole('tab', { name: /^GPU simulation/ }).click();
  // The previous run's table is on screen at once, then the new figures replace it.
  await expect(row).toBeVisible();
  await expect(row).not.toHaveText(before!, { timeout: 30_000 });
  await page.keyboard.press('Control+z');
  await expect(row).toHaveText(before!, { timeout: 30_000 });
});

test('a nominalQuota sweep and the recommender run on demand; the simulated GPU-hours go to costs as one undoable edit', async ({ page }, testInfo) => {
  await openGpuSimulation(page);
  const sweep = page.getByRole('form', { name: 'nominalQuota sweep' });
  await sweep.getByLabel('Sweep to (GPUs)').fill('8');
  await sweep.getByLabel('Sweep step (GPUs)').fill('4');
  await sweep.getByRole('button', { name: 'Run sweep' }).click();
  const chart = page.getByRole('img', { name: /^Every team's P90 wait as Recommendations pod's h100 nominalQuota goes from 0 to 8, median over 5 seeds with its range over seeds/ });
  await expect(chart).toBeVisible({ timeout: 60_000 });
  // The legend names the teams, never their ids; each line has its band.
  await expect(chart).toContainText('Search relevance pod');
  await expect(chart).not.toContainText('pod-1');
  expect(await chart.locator('path.sweep-band').count()).toBeGreaterThan(0);

  const recommender = page.getByRole('form', { name: 'Quota recommender' });
  await recommender.getByLabel('P90 wait target of Recommendations pod (hours)').fill('2');
  await recommender.getByRole('button', { name: 'Recommend nominal quotas' }).click();
  const table = page.getByRole('table', { name: 'Recommended nominal quotas' });
  await expect(table).toBeVisible({ timeout: 90_000 });
  await expect(page.getByLabel('Capacity of h100')).toContainText(/of the 32 GPUs that exist in the plan's leanest month \(month 1\)/);
  await expect(table.getByRole('row', { name: /Recommendations pod/ })).toContainText('2.0 h');
  await page.locator('section[aria-labelledby="gpu-analyses-title"]').screenshot({ path: testInfo.outputPath('gpu-sim-analyses.png') });
  // The recommendation becomes policy B, compared with A.
  const recommended = (await table.getByRole('row', { name: /Recommendations pod/ }).getByRole('cell').nth(3).textContent())!.trim();
  await page.getByRole('button', { name: 'Compare these quotas as policy B' }).click();
  await expect(page.getByLabel('B nominalQuota of recommendations h100')).toHaveValue(recommended);
  await expect(page.getByRole('table', { name: 'Policy A vs B per team' })).toBeVisible({ timeout: 30_000 });

  const costs = page.getByRole('table', { name: 'Simulated GPU-hours per team' });
  const pod = costs.getByRole('row', { name: /Recommendations pod/ });
  await expect(pod.getByRole('cell').nth(2)).toHaveText('2,000');
  await page.getByRole('button', { name: 'Use these GPU-hours in costs' }).click();
  await expect(pod.getByRole('cell').nth(2)).not.toHaveText('2,000');
  await expect(page.getByRole('button', { name: 'Use these GPU-hours in costs' })).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect(pod.getByRole('cell').nth(2)).toHaveText('2,000');
});

test('a long run shows its progress over the previous figures and stops on Cancel', async ({ page }) => {
  await openGpuSimulation(page);
  await expect(page.getByLabel('Run summary')).toContainText(/computed in [\d,]+ ms in a Web Worker/);
  await page.getByLabel('Recommendations pod: training jobs per day').fill('300');
  await page.getByLabel('Days of generated workloads').fill('90');
  const bar = page.getByRole('progressbar', { name: 'GPU simulation progress' });
  await expect(bar).toBeVisible({ timeout: 15_000 });
  await expect(bar).toHaveAttribute('aria-valuetext', /^Simulating day [\d.]+ of 90 \(seed \d of 5; \d of 5 seeds done\)$/, { timeout: 15_000 });
  await expect(page.getByText('the figures below are from the previous run until this one finishes')).toBeVisible();
  // The page stays responsive while the worker computes.
  await expect(page.getByRole('table', { name: 'Waits and GPU-hours per team' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(bar).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByLabel('Run summary')).toContainText(/over 90 days \(seed 1\).*cancelled: figures up to where it stopped/);
});

test('each team’s demand is its own input, says where it came from, and an edit re-runs and undoes', async ({ page }) => {
  await openGpuSimulation(page);
  const summary = page.getByLabel('Run summary');
  await expect(summary).toContainText(runFigures(cliRun().simulation));
  // The figures, without the time the run took.
  const before = (await summary.textContent())!.split('; computed')[0]!;
  const demand = page.getByRole('table', { name: 'Each team’s GPU demand' });
  await expect(demand.getByRole('row')).toHaveCount(5);
  // The sample was saved before demand was its own input: its numbers are the old sizing, frozen, and the tab says so.
  await expect(page.getByText(/converted from this scenario’s earlier sizing \(80% of each queue’s nominal GPUs\)/)).toBeVisible();
  await page.getByLabel('Recommendations pod: training jobs per day').fill('40');
  await expect(summary).not.toContainText(before, { timeout: 30_000 });
  await expect(demand.getByRole('row', { name: /Recommendations pod/ }).getByRole('button', { name: 'Reset' })).toBeVisible();
  // Out of the field, Ctrl+Z undoes the edit of the scenario (in it, the browser undoes the typing).
  await page.getByRole('heading', { name: 'Workloads', exact: true }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Recommendations pod: training jobs per day')).toHaveValue('8.57');
  await expect(summary).toContainText(before, { timeout: 30_000 });
  // Reset: back to the default from the team's people (one AI/ML engineer), which the tab names.
  await demand.getByRole('row', { name: /Recommendations pod/ }).getByRole('button', { name: 'Reset' }).click();
  await demand.getByRole('row', { name: /Recommendations pod/ }).getByRole('button', { name: /Source of Recommendations pod's demand|assumption/ }).click();
  await expect(page.getByText(/From the team's people: 1 AI\/ML engineer/)).toBeVisible();
});

test('a CSV in its own layout is read through a column mapping', async ({ page }) => {
  await openGpuSimulation(page);
  const own = ['job,submitted,runtime,team,gpus', 'j1,0,600,recommendations,2', 'j2,30,900,search-relevance,4'].join('\n');
  await page.getByLabel('Trace file').setInputFiles({ name: 'own-layout.csv', mimeType: 'text/csv', buffer: Buffer.from(own) });
  await expect(page.getByRole('alert')).toContainText('map its columns to the generic CSV’s');
  const columns = page.getByRole('region', { name: 'Trace columns' });
  const read = columns.getByRole('button', { name: 'Read the file with these columns' });
  await expect(read).toBeDisabled();
  for (const [generic, mine] of [['id', 'job'], ['submit_time', 'submitted'], ['duration', 'runtime'], ['vc', 'team'], ['gpus_per_pod', 'gpus']]) await columns.getByLabel(`File column for ${generic}`).selectOption(mine!);
  await read.click();
  await expect(page.getByRole('region', { name: 'Trace mapping' })).toContainText('own-layout.csv: Generic CSV, 2 rows');
  await page.getByRole('button', { name: 'Import and simulate' }).click();
  await expect(page.getByLabel('Run summary')).toContainText('2 workloads of own-layout.csv', { timeout: 30_000 });
});
