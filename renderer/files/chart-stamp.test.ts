/**
 * Every exported chart carries the scenario's name, revision, date and key
 * assumptions in a footer band: checked on the exported SVG text itself, for
 * both kinds of document the app exports (a chart copied from the page with
 * its styles inlined, and a GPU simulation chart written as a document).
 */
import { describe, expect, it } from 'vitest';
 
import sample from '../../data/samples/three-pilot-pods.podplan.json' with { type: 'json' };
import { parseScenarioText, type Scenario } from '../../sim/scenario/index.ts';
import { svgDocument } from '../features/gpu-simulation/model/svg.ts';
import { stampChart, stampLines, type ChartStamp } from './chart-export.ts';
import { chartStampFor, salaryPercentileText } from './chart-stamp.ts';

const pods = (): Scenario => parseScenarioText(JSON.stringify(sample)).scenario;
const now = new Date(2026, 11, 3, 15, 30);

function stampText(svg: string): string {
  const band = /<g data-chart-stamp="[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...band.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
}

describe('the stamp on an exported chart', () => {
  it('names the scenario, revision, date and the cost assumptions', () => {
    const stamp = chartStampFor(pods(), { revision: 7, section: 'costs', now });
    expect(stamp).toMatchObject({ scenario: 'Three pilot pods with an AI platform team', revision: 7, date: '2026-12-03' });
    expect(stamp.assumptions).toContain('loaded-cost multiplier 1×');
    expect(stamp.assumptions).toContain('salaries at the 25th percentile of their bands (2 positions set their own)');
    expect(stamp.assumptions).toContain('budget cap measured per plan year');
    expect(stamp.assumptions.join(' ')).not.toMatch(/trials|random seed/);
  });

  it('adds trials and random seed for a delivery chart, workloads and random seed for a GPU simulation chart', () => {
    const delivery = chartStampFor({ ...pods(), delivery: { parameters: {}, trials: 500, seed: 42 } }, { revision: 3, section: 'delivery', now });
    expect(delivery.assumptions.join(' · ')).toContain('delivery simulation: 500 trials, random seed 42');
    const gpu = chartStampFor(pods(), { revision: 3, section: 'gpu-sim', now });
    expect(gpu.assumptions.join(' · ')).toContain('GPU simulation: 7 days of generated workloads, random seed 1 · demand per team: 4 frozen from the old 80% load');
    const trace = chartStampFor(pods(), { revision: 3, section: 'gpu-sim', gpuTrace: 'jobs.csv', now });
    expect(trace.assumptions.join(' · ')).toContain('the imported trace jobs.csv');
  });

  it('is a band below a page chart’s SVG: the document grows, the text is in it and escaped', () => {
    const chart = {
      text: '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" class="x" width="640" height="300" viewBox="0 0 640 300"><rect width="100%" height="100%" fill="#ffffff"/><text x="1" y="2" style="stroke-width:2">bar</text></svg>\n',
      width: 640,
      height: 300,
    };
    const stamp: ChartStamp = { ...chartStampFor(pods(), { revision: 12, unsaved: true, section: 'costs', now }), scenario: 'R&D <pods> "A"' };
    const out = stampChart(chart, stamp);
    expect(out.width).toBe(640);
    expect(out.height).toBeGreaterThan(300);
    const root = /<svg\b[^>]*>/.exec(out.text)![0];
    expect(root).toContain(`height="${out.height}"`);
    expect(root).toContain(`viewBox="0 0 640 ${out.height}"`);
    expect(root).toContain('width="640"');
    expect(out.text).toContain('style="stroke-width:2"'); // only the root's attributes change
    const text = stampText(out.text);
    expect(text).toContain('R&amp;D &lt;pods&gt; &quot;A&quot; · revision 12 + unsaved edits · 2026-12-03');
    expect(text).toContain('Assumptions: loaded-cost multiplier 1×');
    expect(text).toContain('salaries at the 25th percentile of their bands');
    // The band is drawn last, inside the document, and starts where the chart ended.
    expect(out.text.indexOf('data-chart-stamp')).toBeGreaterThan(out.text.indexOf('bar</text>'));
    expect(out.text.trimEnd().endsWith('</svg>')).toBe(true);
    expect(out.text).toMatch(/<rect x="0" y="300" width="640"/);
  });

  it('stamps a GPU simulation document the same way, wrapping long assumptions to its width', () => {
    const doc = svgDocument(480, 200, 'GPU usage', ['<path d="M0,0L1,1"/>']);
    const stamp = chartStampFor(pods(), { revision: 2, section: 'gpu-sim', now });
    const out = stampChart({ text: doc, width: 480, height: 200 }, stamp);
    const text = stampText(out.text);
    expect(text).toContain('Three pilot pods with an AI platform team · revision 2 · 2026-12-03');
    expect(text).toContain('random seed 1');
    const lines = stampLines(stamp, Math.floor((480 - 16) / 6.1));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(76);
    expect(out.height).toBe(200 + 16 + lines.length * 15 - 4);
  });

  it('describes mixed percentiles as a range', () => {
    const doc = pods();
    const mixed = { ...doc, costModel: { ...doc.costModel, roles: doc.costModel.roles.map((r, i) => (i === 0 ? { ...r, percentile: 50 } : r)) }, teams: [] };
    expect(salaryPercentileText(mixed)).toBe('salaries at the 25th–50th percentiles of their bands');
  });
});
