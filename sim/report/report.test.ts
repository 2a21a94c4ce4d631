import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { scenarioCosts } from '../cost/scenario-costs.ts';
import { decide } from '../decision/decision.ts';
import { decisionInputFor } from '../decision/evaluate.ts';
import { deliveryCrossover } from '../delivery/crossover.ts';
import { simulateDelivery } from '../delivery/simulate.ts';
import type { GpuRunSummary } from '../gpu-sim/summary.ts';
import { buildReportModel, deckOutline, reportCharts, reportCsv, reportHtml, reportMarkdown, reportPptx, type ReportModel, type ReportSource } from './index.ts';

const DATE = '2026-12-07';
const samples = loadSamples();

/** A GPU run's per-team figures, as the summary gives them (one team never admitted). */
function gpuSummary(teamIds: string[]): GpuRunSummary {
  const usage = (p90: number | null, never: number) => ({ submitted: 10, admitted: 10 - never, completed: 10 - never, wait: { p50: 60, p90, p99: p90, neverAdmitted: never }, gpuHoursAllocated: 1, gpuHoursByFlavor: {}, borrowedGpuHours: 0, lentGpuHours: 0, preemptions: 0, gpuHoursLostToPreemption: 0, slo: null });
  return { queues: [], cluster: { gpuHoursTotal: 1, gpuHoursAllocated: 1, idleGpuHours: 0, fragmentedGpuHours: 0, peakFragmentedGpus: 0 }, teams: teamIds.map((team, i) => ({ team, clusterQueues: [], ...usage(i === 0 ? null : 3600 * (i + 0.5), i === 0 ? 2 : 0) })) };
}

function source(index: number, withGpu: boolean): ReportSource {
  const scenario = samples[index]!;
  const costs = scenarioCosts(scenario);
  const delivery = simulateDelivery({ scenario, parameters: scenario.delivery.parameters }, { trials: 150, seed: 1 });
  const gpu = withGpu ? { summary: gpuSummary(scenario.cluster.queues.map((q) => q.teamId ?? q.id)), spread: null, days: 7, seed: 1 } : null;
  const decision = decide(decisionInputFor(scenario, costs, { delivery, gpu }, { revision: 4, organisationReadiness: null, date: DATE }));
  return { decision, costs, ...(withGpu ? {} : { gpuNote: 'This scenario has no GPU quota policy.' }) };
}

const one = buildReportModel([source(1, true)]);
const two = buildReportModel([source(0, false), source(1, true)]);

/** The texts a reader compares across formats: total cost, each design's P85 and cost per shipped initiative, the recommended design. */
function headlines(model: ReportModel): string[] {
  return model.scenarios.flatMap((s) => [s.totalCost, s.recommendation.design ?? 'none yet', ...s.designs.filter((d) => d.meaningful).flatMap((d) => [d.p85, d.costPerShipped])]);
}

const plain = (html: string) => html.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'");

describe('the report model', () => {
  it('stamps every scenario with its name, revision, date and key assumptions', () => {
    for (const s of two.scenarios) {
      expect(s.stamp).toContain(s.name);
      expect(s.stamp).toContain('revision 4');
      expect(s.stamp).toContain(DATE);
      for (const key of ['loaded-cost ×', 'salary P', '150 trials, seed 1']) expect(s.stamp).toContain(key);
    }
    expect(one.scenarios[0]!.stamp).toContain('GPU simulation 7 days, seed 1');
  });

  it('shows each design on the article’s clocks: request, start of discovery and prototype to production, with intervals', () => {
    const clocks = one.tables.find((t) => t.id === 'clocks')!;
    expect(clocks.columns).toEqual(['Scenario', 'Design', 'Request → production', 'Cycle time (start of discovery → production)', 'Prototype (model validated) → production']);
    expect(clocks.rows).toHaveLength(one.scenarios[0]!.designs.length);
    const weeks = (cell: string) => Number(cell.match(/[\d.]+/)![0]);
    for (const row of clocks.rows) {
      for (const cell of row.slice(2)) expect(cell).toMatch(/\(.+–.+\)/);
      expect(weeks(row[4]!)).toBeLessThan(weeks(row[3]!));
    }
  });

  it('writes money to the dollar, the same text in the Decision’s sentence and the tables', () => {
    const s = one.scenarios[0]!;
    expect(s.totalCost).toMatch(/^\$\d{1,3}(,\d{3})+$/);
    const recommended = s.designs.find((d) => d.label === s.recommendation.design)!;
    expect(s.recommendation.text).toContain(recommended.costPerShipped);
    expect(s.recommendation.text).toContain(recommended.p85);
  });

  it('compares 1 to 4 scenarios and refuses more', () => {
    expect(() => buildReportModel([])).toThrow(/1 to 4/);
    const s = source(0, false);
    expect(() => buildReportModel([s, s, s, s, s])).toThrow(/1 to 4 scenarios \(got 5\)/);
  });

  it('names the missing GPU policy instead of showing waits', () => {
    expect(two.scenarios[0]!.gpuNote).toMatch(/no GPU quota policy/);
    expect(two.tables.find((t) => t.id === 'gpu-waits')!.rows.some((r) => r[0] === two.scenarios[0]!.name && r[3]!.includes('no GPU quota policy'))).toBe(true);
    expect(one.charts.gpuWaits.rows.some((r) => r.hours === null && /never admitted/.test(r.text))).toBe(true);
  });
});

describe('every chart', () => {
  it('is SVG carrying each scenario’s name, revision, date and the key assumptions', () => {
    for (const chart of reportCharts(two)) {
      expect(chart.svg.startsWith('<svg')).toBe(true);
      const text = plain(chart.svg);
      for (const s of two.scenarios) for (const part of [s.name, s.revision, s.date, 'loaded-cost', 'salary P', 'trials, seed']) expect(text).toContain(part);
    }
  });
});

describe('HTML', () => {
  const html = reportHtml(two);

  it('is one self-contained file: no script, no external URL', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\ssrc=|@import|url\(/i);
    expect(html).toMatch(/@media print/);
    expect((html.match(/<svg/g) ?? []).length).toBe(3);
  });

  it('shows the headline figures as the model writes them', () => {
    for (const text of headlines(two)) expect(plain(html)).toContain(text);
  });
});

describe('Markdown', () => {
  it('links the charts written beside it and shows the same figures', () => {
    const md = reportMarkdown(two, { chartPrefix: 'plan report' });
    expect(md.files.map((f) => f.name)).toEqual(['plan report-cumulative-cost.svg', 'plan report-time-to-production.svg', 'plan report-gpu-waits.svg']);
    for (const f of md.files) expect(md.markdown).toContain(`](${encodeURI(f.name)})`);
    for (const f of md.files) expect(f.text).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const text of headlines(two)) expect(md.markdown).toContain(text);
    expect(md.markdown).toMatch(/\| Scenario \| Design \|/);
  });
});

describe('CSV', () => {
  it('writes every table, one file each, quoting what needs it', () => {
    const files = reportCsv(two);
    expect(files.map((f) => f.name)).toEqual(two.tables.map((t, i) => `${String(i + 1).padStart(2, '0')}-${t.id}.csv`));
    for (const [i, f] of files.entries()) {
      const table = two.tables[i]!;
      const lines = f.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(table.columns.join(','));
      // A quoted field may hold a line break; these tables hold none, so one line per row.
      expect(lines).toHaveLength(table.rows.length + 1);
    }
    const summary = files[0]!.text;
    for (const s of two.scenarios) expect(summary).toContain(`"${s.totalCost}"`);
  });
});

describe('slides', () => {
  it('is a pptx with the planned slides, each titled, the figures in it', async () => {
    const bytes = await reportPptx(two);
    const zip = await JSZip.loadAsync(bytes);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml');
    expect(zip.file('ppt/presentation.xml')).not.toBeNull();
    const outline = deckOutline(two);
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides).toHaveLength(outline.length);
    const titles = outline.map((s) => s.title);
    expect(titles.slice(0, 3)).toEqual([two.title, `The decision: ${two.scenarios[0]!.name}`, `The decision: ${two.scenarios[1]!.name}`]);
    for (const t of ['Costs', 'Timeline comparison', 'GPU policy and waits']) expect(titles).toContain(t);
    expect(titles.some((t) => t.startsWith('Risks and open questions'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Assumptions and their sources'))).toBe(true);
    let all = '';
    for (const [i, spec] of outline.entries()) {
      const xml = await zip.file(`ppt/slides/slide${i + 1}.xml`)!.async('string');
      expect(xml).toContain(spec.title.replace(/&/g, '&amp;'));
      all += xml;
    }
    for (const text of headlines(two)) expect(all).toContain(text.replace(/&/g, '&amp;'));
    expect(Object.keys(zip.files).some((n) => n.startsWith('ppt/charts/chart'))).toBe(true);
  });
});

describe('the crossover in the report (opt-in)', () => {
  const base = source(1, true);
  const scenario = samples[1]!;
  const crossover = deliveryCrossover({ scenario, parameters: scenario.delivery.parameters }, { trials: 60, seed: 1, demand: { from: 0.1, to: 1, steps: 4 }, headcount: { from: 0.75, to: 1.5, steps: 3 } });
  const model = buildReportModel([{ ...base, crossover }]);

  it('is left out unless asked for', () => {
    expect(one.scenarios[0]!.crossover).toBeNull();
    expect(one.tables.some((t) => t.id === 'crossover')).toBe(false);
    expect(reportCharts(one).some((c) => c.id.startsWith('crossover-'))).toBe(false);
    expect(reportHtml(one)).not.toContain('id="crossover"');
  });

  it('says where pods overtake, per axis and challenger, with the run it rests on', () => {
    const s = model.scenarios[0]!;
    expect(s.crossover!.run).toBe('60 trials per point, seed 1 at every point');
    expect(s.crossover!.sentences.filter((t) => /^AI pods/.test(t))).toHaveLength(4);
    const html = plain(reportHtml(model));
    expect(html).toContain('Where pods pay off: the crossover');
    for (const t of s.crossover!.sentences) expect(html).toContain(t);
    expect(reportMarkdown(model, { chartPrefix: 'r' }).files.map((f) => f.name)).toEqual(expect.arrayContaining(['r-crossover-demand.svg', 'r-crossover-headcount.svg']));
    expect(deckOutline(model).some((slide) => slide.title === 'Where pods pay off')).toBe(true);
  });

  it('gives no figure for a design that is not meaningful at a point, in the table and the chart', () => {
    const table = model.tables.find((t) => t.id === 'crossover')!;
    expect(table.rows).toHaveLength(8 * 3);
    // At one initiative per area per month every design of the sample has a team at utilisation ≥ 1.
    const top = table.rows.filter((r) => r[1]!.startsWith('demand') && r[2] === '1');
    expect(top.map((r) => r[3])).toEqual(['Centralized AI team', 'AI pods', 'AI pods + AI platform team']);
    for (const r of top) {
      expect(r.slice(4, 6)).toEqual(['not meaningful', '—']);
      expect(r[6]).toMatch(/\d\.\d\d \(unbounded queue\)$/);
    }
    const demand = model.charts.crossover.find((c) => c.axis === 'demand')!;
    // The scenario's own demand (1/3) is a point too: 1 per area per month is the fifth.
    expect(demand.designs.every((d) => d.p85[4] === null)).toBe(true);
    const svg = reportCharts(model).find((c) => c.id === 'crossover-demand')!.svg;
    expect(svg.match(/>×</g)).toHaveLength(demand.designs.reduce((n, d) => n + d.p85.filter((v) => v === null).length, 0));
    expect(svg).toContain(model.scenarios[0]!.stamp.slice(0, 40));
  });
});
