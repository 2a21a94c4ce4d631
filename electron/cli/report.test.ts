/**
 * `podplan report` end to end on the samples: the PDF Debian's Chromium
 * prints is read back with poppler (pdftotext for the figures, pdftoppm for
 * page 1), the HTML is laid out in print media at A4's printable width, and
 * the figures agree across PDF, Markdown, HTML, --json and `podplan cost`.
 * Without Chromium or poppler the PDF checks skip (and fail under CI=true).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../sim/formats/zip.ts';
import { scenarioCosts } from '../../sim/cost/scenario-costs.ts';
import type { Decision } from '../../sim/decision/decision.ts';
import { DESIGN_LABELS } from '../../sim/delivery/design.ts';
import { formatMoney, formatWeeks, type ReportScenario } from '../../sim/report/index.ts';
import { parseScenarioText } from '../../sim/scenario/index.ts';
import { readGrayPng } from './report/png.ts';
import { runCli } from './test-support.ts';

const DATE = '2026-12-07';
const SAMPLES = ['centralized-ai-team.podplan.json', 'three-pilot-pods.podplan.json'];
const sample = (name: string) => fileURLToPath(new URL(`../../data/samples/${name}`, import.meta.url));
const CHROMIUM = process.env.PODPLAN_CHROMIUM ?? '/usr/bin/chromium';
const hasTool = (tool: string) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined;
const tools = existsSync(CHROMIUM) && hasTool('pdftotext') && hasTool('pdftoppm');
const env = { PODPLAN_CHROMIUM: CHROMIUM };
/** A4's printable width at the stylesheet's 14 mm side margins, in CSS pixels (Letter's is wider). */
const A4_PRINTABLE_PX = Math.floor(((210 - 2 * 14) / 25.4) * 96);

interface ReportJson {
  date: string;
  scenarios: Array<{ file: string; decision: Decision; report: ReportScenario }>;
  output: { format: string; files: string[]; paper?: string } | null;
}

/** Whitespace as pdftotext and HTML reflow it: any run of spaces, breaks or no-break spaces is one space. */
const normal = (text: string) => text.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/[\s\u00a0]+/g, ' ');

/** The figures a reader checks first: total cost, each design's P85 and cost per shipped initiative, the recommended design. */
function headlines(s: ReportScenario): string[] {
  return [s.totalCost, s.recommendation.design ?? 'none yet', ...s.designs.filter((d) => d.meaningful).flatMap((d) => [d.p85, d.costPerShipped])];
}

it.runIf(process.env.CI === 'true' && !tools)('CI has Chromium and poppler-utils for the report tests (npm run setup:test)', () => {
  expect({ chromium: existsSync(CHROMIUM), pdftotext: hasTool('pdftotext'), pdftoppm: hasTool('pdftoppm') }).toEqual({ chromium: true, pdftotext: true, pdftoppm: true });
});

if (!tools) console.log(`podplan report PDF tests skipped: they need ${CHROMIUM}, pdftotext and pdftoppm (npm run setup:test)`);

describe.skipIf(!tools).each(SAMPLES)('podplan report %s', (name) => {
  let dir = '';
  let json: ReportJson;
  let pdfText = '';
  let md = '';
  let html = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podplan-report-'));
    const file = sample(name);
    const [pdfRun, mdRun, htmlRun] = await Promise.all([
      runCli(['report', file, '--json', '--format', 'pdf', '--out', 'r.pdf', '--date', DATE], { cwd: dir, env }),
      runCli(['report', file, '--format', 'md', '--out', 'r.md', '--date', DATE], { cwd: dir, env }),
      runCli(['report', file, '--format', 'html', '--out', 'r.html', '--date', DATE], { cwd: dir, env }),
    ]);
    for (const run of [pdfRun, mdRun, htmlRun]) expect(run.code, run.stderr).toBe(0);
    json = JSON.parse(pdfRun.stdout) as ReportJson;
    pdfText = normal(execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-']).toString('utf8'));
    md = await readFile(path.join(dir, 'r.md'), 'utf8');
    html = await readFile(path.join(dir, 'r.html'), 'utf8');
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('--json gives the Decision figures, and the report writes each of them as the one formatter does', () => {
    const { decision, report } = json.scenarios[0]!;
    expect(report.date).toBe(DATE);
    expect(report.totalCost).toBe(formatMoney(decision.costs.total, decision.currency));
    expect(report.recommendation.design).toBe(decision.recommendation.design ? DESIGN_LABELS[decision.recommendation.design] : null);
    for (const [i, d] of decision.designs.entries()) {
      if (!d.meaningful) continue;
      expect(report.designs[i]!.p85).toBe(formatWeeks(d.timeToProductionP85!.weeks));
      expect(report.designs[i]!.costPerShipped).toBe(formatMoney(d.costPerShippedInitiative!, decision.currency));
    }
    expect(json.output).toMatchObject({ format: 'pdf', paper: 'a4' });
  });

  it('the PDF, the Markdown and the HTML show the same headline figures as --json', () => {
    const report = json.scenarios[0]!.report;
    expect(report.recommendation.design).not.toBeNull();
    for (const text of headlines(report)) {
      expect(pdfText, `PDF: ${text}`).toContain(text);
      expect(md, `Markdown: ${text}`).toContain(text);
      expect(normal(html), `HTML: ${text}`).toContain(text);
    }
    for (const part of [report.name, report.revision, DATE, 'loaded-cost', 'salary P', 'trials, seed']) expect(pdfText).toContain(part);
  });

  it('the total reconciles to the dollar with podplan cost and the cost model', async () => {
    const cost = await runCli(['cost', '--json', sample(name)], { cwd: dir });
    const costTotal = (JSON.parse(cost.stdout) as { totals: { total: number } }).totals.total;
    const model = scenarioCosts(parseScenarioText(await readFile(sample(name), 'utf8')).scenario).total;
    const { decision, report } = json.scenarios[0]!;
    expect(Math.round(decision.costs.total)).toBe(costTotal);
    expect(Math.round(model)).toBe(costTotal);
    expect(report.totalCost).toBe(formatMoney(costTotal, decision.currency));
  });

  it('the GPU waits are the GPU simulation’s medians over its seeds, as `podplan simulate gpu` gives them', async () => {
    const { decision } = json.scenarios[0]!;
    const gpu = await runCli(['simulate', 'gpu', sample(name), '--json'], { cwd: dir });
    const { spread } = JSON.parse(gpu.stdout) as { spread: { seeds: number; teams: Array<{ team: string; waitP90: { median: number | null; min: number | null; max: number | null } }> } };
    expect(decision.gpu!.seeds).toBe(spread.seeds);
    const hours = (s: number | null) => (s === null ? null : s / 3600);
    expect(decision.gpu!.waits.map((w) => [w.team, w.waitP90Hours, w.waitP90RangeHours])).toEqual(
      spread.teams.map((t) => [t.team, hours(t.waitP90.median), { min: hours(t.waitP90.min), max: hours(t.waitP90.max) }]),
    );
  });

  it('page 1 of the PDF is not blank', async () => {
    const prefix = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-png', '-r', '50', '-singlefile', path.join(dir, 'r.pdf'), prefix]);
    const image = readGrayPng(new Uint8Array(await readFile(`${prefix}.png`)));
    const inked = image.pixels.reduce((n, v) => n + (v < 200 ? 1 : 0), 0);
    expect(image.width).toBeGreaterThan(300);
    expect(inked / image.pixels.length).toBeGreaterThan(0.02);
  });

  it('the HTML is self-contained: no script, no external URL', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\ssrc=|@import|url\(/i);
  });

  it('nothing overflows an A4 page in the print layout', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: A4_PRINTABLE_PX, height: 1000 } });
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html, { waitUntil: 'load' });
      const overflows = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const bad: string[] = [];
        const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> ${(el.textContent ?? '').slice(0, 60)}`;
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue;
          const svg = el instanceof SVGElement && !(el instanceof SVGSVGElement) ? el.ownerSVGElement : null;
          const right = svg ? svg.getBoundingClientRect().right : width;
          if (r.right > right + 0.5 || r.left < -0.5) bad.push(`${describe(el)} ends at ${r.right.toFixed(1)} of ${right.toFixed(1)}`);
          if (el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) bad.push(`${describe(el)} scrolls ${el.scrollWidth} > ${el.clientWidth}`);
        }
        return { bad, width, scroll: document.documentElement.scrollWidth };
      });
      expect(overflows.width).toBe(A4_PRINTABLE_PX);
      expect(overflows.bad).toEqual([]);
      expect(overflows.scroll).toBeLessThanOrEqual(overflows.width);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('podplan report, other formats and mistakes', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'podplan-report-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const [central, pods] = SAMPLES.map(sample) as [string, string];

  it('compares two scenarios as slides: a deck titled with both, the decision of each', async () => {
    const run = await runCli(['report', central, '--compare', pods, '--out', 'both.pptx', '--date', DATE], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Wrote the pptx report of "Centralized AI team \(today\)", "Three pilot pods/);
    const zip = await JSZip.loadAsync(await readFile(path.join(dir, 'both.pptx')));
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('presentationml.presentation.main+xml');
    const slide = async (n: number) => zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
    expect(await slide(1)).toContain('Decision report: Centralized AI team (today) vs Three pilot pods');
    expect(await slide(2)).toContain('The decision: Centralized AI team (today)');
    expect(await slide(3)).toContain('The decision: Three pilot pods with an AI platform team');
  }, 120_000);

  it('writes every table as CSV into a .zip', async () => {
    const run = await runCli(['report', central, '--format', 'csv', '--out', 'tables.zip', '--date', DATE], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const names = readZip(new Uint8Array(await readFile(path.join(dir, 'tables.zip')))).map((e) => e.path);
    expect(names).toEqual(['01-summary.csv', '02-designs.csv', '03-clocks.csv', '04-monthly-costs.csv', '05-gpu-waits.csv', '06-risks-and-questions.csv', '07-assumptions.csv']);
    expect(await readdir(dir)).not.toContain('01-summary.csv');
  }, 120_000);

  it('refuses more than four scenarios, naming the limit (exit 2)', async () => {
    const run = await runCli(['report', central, ...Array.from({ length: 4 }, () => ['--compare', pods]).flat(), '--out', 'x.html'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/2 to 4 scenarios.*at most 3 --compare files \(got 5 scenarios\)/);
  });

  it.each([
    [['--format', 'html'], /--format html needs --out PATH/],
    [['--out', 'x.docx'], /Cannot tell the format from --out x\.docx/],
    [['--out', 'x.html', '--date', '2026-02-30'], /--date: "2026-02-30" must be a date written YYYY-MM-DD/],
    [['--out', 'x.html', '--paper', 'a4'], /--paper applies to --format pdf/],
    [['--out', 'x.pdf', '--paper', 'a3'], /--paper must be a4 or letter/],
    [[], /--out PATH \(and --format\), or --json/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const run = await runCli(['report', central, ...args], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('a PDF without a Chromium fails at once, saying what it looked for', async () => {
    const flag = await runCli(['report', central, '--out', 'x.pdf', '--chromium', '/nonexistent/chromium'], { cwd: dir });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toMatch(/--chromium \/nonexistent\/chromium: no executable file there/);
    const fromEnv = await runCli(['report', central, '--out', 'x.pdf'], { cwd: dir, env: { PODPLAN_CHROMIUM: '/nonexistent/chrome' } });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toMatch(/PODPLAN_CHROMIUM=\/nonexistent\/chrome/);
  });

  it('--help lists the formats and options', async () => {
    const run = await runCli(['report', '--help'], { cwd: dir });
    expect(run.code).toBe(0);
    for (const option of ['--compare FILE', '--format F', '--out PATH', '--paper a4|letter', '--chromium PATH', '--date YYYY-MM-DD', '--json']) expect(run.stdout).toContain(option);
  });
});
