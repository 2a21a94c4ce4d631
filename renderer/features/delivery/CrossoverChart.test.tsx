/**
 * The crossover chart rendered to markup: a line per design with a gap where
 * it is not a meaningful comparison (and a × there whose tooltip names the
 * overloaded team), no point drawn for such a design, the crossover marked
 * and named in the legend; and the run's input from the scenario.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../data/samples/index.ts';
import { deliveryCrossover } from '../../../sim/delivery/crossover.ts';
import { CrossoverChart } from './CrossoverChart.tsx';
import { crossoverLines, crossoverMarks } from './model/crossover-chart.ts';
import { crossoverInput } from './model/crossover-input.ts';

const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
// The sample with a central AI team of 8: it saturates as demand grows, the pods do not (see sim/delivery/crossover.test.ts).
const result = deliveryCrossover(
  { scenario: pods, parameters: { handoffCadenceWeeks: 0.5, reworkPerHandoff: 0, crossPodCoordinationShare: 0.1 }, designHeadcount: { centralized: { centralAi: 8, productEngineering: 30 } } },
  { trials: 200, seed: 1, demand: { from: 0.05, to: 0.6, steps: 8 }, headcount: null },
);
const sweep = result.sweeps[0]!;

describe('the crossover chart', () => {
  const markup = renderToStaticMarkup(<CrossoverChart title="P85 time to production against demand" sweep={sweep} currency="USD" />);

  it('draws each design through its meaningful points only, with a gap where it is not', () => {
    const lines = crossoverLines(sweep, 'USD');
    const central = lines.find((l) => l.kind === 'centralized')!;
    const meaningful = sweep.points.filter((p) => p.designs.find((d) => d.kind === 'centralized')!.meaningful);
    expect(central.points.filter((p) => p.p85 !== null)).toHaveLength(meaningful.length);
    expect(meaningful.length).toBeLessThan(sweep.points.length);
    // One dot per meaningful point of every design, one × per point that is not.
    const dots = lines.reduce((n, l) => n + l.points.filter((p) => p.p85 !== null).length, 0);
    const flags = lines.reduce((n, l) => n + l.points.filter((p) => p.p85 === null).length, 0);
    expect(markup.match(/<circle\b/g)).toHaveLength(dots);
    expect(markup.match(/class="crossover-flag"/g)).toHaveLength(flags);
    expect(markup).toMatch(/Centralized AI team at 0\.6 initiatives per area per month: not a meaningful comparison\. The central AI team would have 8 people/);
  });

  it('marks the crossover and says in the legend who overtakes where', () => {
    const marks = crossoverMarks(sweep);
    expect(marks.map((m) => m.label)).toContain(`Pods overtake at ${sweep.findings[0]!.at!.toLocaleString('en-US', { maximumSignificantDigits: 2 })}`);
    expect(markup).toContain('Pods overtake at');
    expect(markup).toMatch(/stroke-dasharray="5 3"/);
    // The SVG is named by the finding sentences, for screen readers.
    expect(markup).toMatch(/aria-label="P85 time to production against demand\. AI pods overtake the centralized AI team/);
  });

  it('says in each meaningful point’s tooltip its cost per shipped initiative and busiest team', () => {
    expect(markup).toMatch(/<title>AI pods at 0\.05 initiatives per area per month: P85 [\d.]+ weeks, \$[\d,]+ per shipped initiative; busiest team [^<]*: utilisation 0\.\d\d<\/title>/);
  });
});

describe('the crossover run’s input', () => {
  it('runs on the comparison’s seed with at most 1,000 trials per point, and sweeps headcount only for a listed portfolio', () => {
    const input = crossoverInput(pods, null);
    expect(input.job.kind).toBe('crossover');
    expect(input.job.trials).toBeLessThanOrEqual(1000);
    expect(input.job.demand).toBeUndefined();
    expect(input.key.startsWith(`${pods.id}:`)).toBe(true);
    const listed = { ...pods, delivery: { ...pods.delivery, initiatives: [{ name: 'Search', size: 'medium' as const, arrivalMonth: 2 }] } };
    expect(crossoverInput(listed, null).job.demand).toBeNull();
    expect(crossoverInput(listed, null).key).not.toBe(input.key);
  });
});
