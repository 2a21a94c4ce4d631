/**
 * `podplan report --crossover`: the report carries the crossover — the same
 * sentences `podplan crossover` prints for the same trials per point and
 * seed, its charts and its grid — and leaves it out unless asked.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../sim/formats/zip.ts';
import { REPORT_CROSSOVER_TRIALS } from './report/evaluate.ts';
import { runCli } from './test-support.ts';

const DATE = '2026-12-07';
const PODS = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const CHROMIUM = process.env.PODPLAN_CHROMIUM ?? '/usr/bin/chromium';
/** A4's printable width at the stylesheet's 14 mm side margins, in CSS pixels. */
const A4_PRINTABLE_PX = Math.floor(((210 - 2 * 14) / 25.4) * 96);
const plain = (html: string) => html.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'");

describe('podplan report --crossover', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podplan-report-crossover-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the crossover podplan crossover finds with the same trials per point, its charts and its grid', async () => {
    const [report, crossover] = await Promise.all([
      runCli(['report', PODS, '--crossover', '--format', 'html', '--out', 'r.html', '--date', DATE], { cwd: dir }),
      runCli(['crossover', PODS, '--json', '--trials', String(REPORT_CROSSOVER_TRIALS)], { cwd: dir }),
    ]);
    expect(report.code, report.stderr).toBe(0);
    expect(crossover.code, crossover.stderr).toBe(0);
    const html = plain(await readFile(path.join(dir, 'r.html'), 'utf8'));
    expect(html).toContain('Where pods pay off: the crossover');
    expect(html).toContain(`${REPORT_CROSSOVER_TRIALS} trials per point, seed 1 at every point.`);
    const sentences = (JSON.parse(crossover.stdout) as { sweeps: Array<{ findings: Array<{ sentence: string }> }> }).sweeps.flatMap((s) => s.findings.map((f) => f.sentence));
    expect(sentences).toHaveLength(4);
    for (const sentence of sentences) expect(html).toContain(sentence);
    expect(html).toContain('id="chart-crossover-demand"');
    expect(html).toContain('id="chart-crossover-headcount"');
    expect(html).toContain('id="table-crossover"');
  }, 120_000);

  it.skipIf(!existsSync(CHROMIUM))('its grid and its charts fit an A4 page in the print layout', async () => {
    const html = await readFile(path.join(dir, 'r.html'), 'utf8');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: A4_PRINTABLE_PX, height: 1000 } });
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html, { waitUntil: 'load' });
      const bad = await page.evaluate(() =>
        Array.from(document.querySelectorAll('#crossover, #crossover *')).flatMap((el) => {
          const r = el.getBoundingClientRect();
          const svg = el instanceof SVGElement && !(el instanceof SVGSVGElement) ? el.ownerSVGElement : null;
          const right = svg ? svg.getBoundingClientRect().right : document.documentElement.clientWidth;
          const scrolls = el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
          return (r.width > 0 || r.height > 0) && (r.right > right + 0.5 || scrolls) ? [`<${el.tagName.toLowerCase()}> ${(el.textContent ?? '').slice(0, 50)}`] : [];
        }),
      );
      expect(bad).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('adds the crossover grid to the CSV tables only when asked', async () => {
    const run = await runCli(['report', PODS, '--crossover', '--format', 'csv', '--out', 'tables.zip', '--date', DATE], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const entries = readZip(new Uint8Array(await readFile(path.join(dir, 'tables.zip'))));
    expect(entries.map((e) => e.path)).toContain('03-crossover.csv');
    const csv = new TextDecoder().decode(entries.find((e) => e.path === '03-crossover.csv')!.data);
    expect(csv.split('\n')[0]).toMatch(/^Scenario,Axis,Value,Design,P85 to production,/);
    expect(csv).toMatch(/not meaningful/);
  }, 120_000);
});
