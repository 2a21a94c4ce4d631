/**
 * The frame the delivery charts share, rendered to markup: the plot sits under
 * the title and legend (a wrapping legend pushes it down), the SVG is named by
 * its title and summary, legend entries and axis titles with units are drawn
 * inside it, and tick labels carry the axis' format at the scale's positions.
 */
import { scaleBand, scaleLinear } from 'd3';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { XYChart } from './XYChart.tsx';
import { AxisLine, AxisTicks, GridLines, RowLabel } from './axes.tsx';
import { ChartFrame } from './ChartFrame.tsx';
import type { LegendItem } from './ChartLegend.tsx';
import { plotLayout } from './plot-layout.ts';

const MARGIN = { top: 30, right: 20, bottom: 44, left: 62 };
const DESIGNS: LegendItem[] = [
  { label: 'Centralized AI team', color: '#c0502e', shape: 'line' },
  { label: 'AI pods', color: '#2f5bd3', shape: 'line' },
];

/** The text of every <text> element, in document order. */
const texts = (markup: string): string[] => [...markup.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
/** The attributes of every element named `tag`, in document order. */
const elements = (markup: string, tag: string): Array<Record<string, string>> =>
  [...markup.matchAll(new RegExp(`<${tag}\\b([^>]*?)/?>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
/** The <text> element whose content is `content`. */
const textElement = (markup: string, content: string): Record<string, string> | undefined =>
  [...markup.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].filter((m) => m[2] === content).map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])))[0];

const inSvg = (children: ReactNode) => renderToStaticMarkup(<svg>{children}</svg>);

describe('plotLayout', () => {
  it('gives a fixed-height chart’s plot what the title and a one-row legend leave', () => {
    const plot = plotLayout({ width: 640, height: 280, margin: MARGIN, legend: DESIGNS });
    expect(plot.innerW).toBe(640 - 62 - 20);
    expect(plot.top).toBe(30 + 16 + 6);
    expect(plot.innerH).toBe(280 - plot.top - 44);
    expect(plot.height).toBe(280);
  });

  it('pushes the plot down one row for each row a long legend wraps to, keeping the chart’s height', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `Design number ${i + 1}`, color: '#333' }));
    const oneRow = plotLayout({ width: 640, height: 280, margin: MARGIN, legend: DESIGNS });
    const wrapped = plotLayout({ width: 640, height: 280, margin: MARGIN, legend: many });
    const rows = (wrapped.top - oneRow.top) / 16 + 1;
    expect(rows).toBeGreaterThan(1);
    expect(Number.isInteger(rows)).toBe(true);
    expect(wrapped.innerH).toBe(oneRow.innerH - (rows - 1) * 16);
    expect(wrapped.height).toBe(280);
  });

  it('grows a chart of rows with its rows instead of squeezing them', () => {
    const plot = plotLayout({ width: 640, innerHeight: 5 * 34, margin: MARGIN, legend: DESIGNS });
    expect(plot.innerH).toBe(170);
    expect(plot.height).toBe(plot.top + 170 + 44);
  });

  it('starts the plot right under the title when there is no legend', () => {
    expect(plotLayout({ width: 640, height: 280, margin: MARGIN, legend: [] }).top).toBe(30 + 6);
  });

  it('wraps the legend at the header’s width when the header spans the whole chart', () => {
    const legend = Array.from({ length: 3 }, (_, i) => ({ label: `Parameter number ${i + 1} −20%`, color: '#333' }));
    const margin = { top: 24, right: 24, bottom: 40, left: 250 };
    const overPlot = plotLayout({ width: 720, innerHeight: 100, margin, legend });
    const overChart = plotLayout({ width: 720, innerHeight: 100, margin, legend, header: { x: 12, width: 696 } });
    expect(overChart.header).toEqual({ x: 12, width: 696 });
    expect(overPlot.top - overChart.top).toBe(16);
  });
});

describe('ChartFrame', () => {
  const plot = plotLayout({ width: 640, height: 280, margin: MARGIN, legend: [...DESIGNS, { label: 'P50', color: '#111', shape: 'dash' }] });
  const markup = renderToStaticMarkup(
    <ChartFrame frameRef={{ current: null }} layout={plot} title="Time to production" summary="AI pods: P50 20.5 weeks" xTitle="Weeks from request to production" yTitle="% of initiatives / week" className="xy-chart">
      <circle cx={0} cy={0} r={2} />
    </ChartFrame>,
  );

  it('is an image named by its title and what it shows, sized to the layout', () => {
    const [svg] = elements(markup, 'svg');
    expect(svg).toMatchObject({ role: 'img', 'aria-label': 'Time to production. AI pods: P50 20.5 weeks', width: '640', height: '280', class: 'xy-chart' });
    expect(markup).toMatch(/^<div class="chart-frame">/);
  });

  it('draws the title first, then one legend entry per item with its swatch', () => {
    expect(texts(markup).slice(0, 4)).toEqual(['Time to production', 'Centralized AI team', 'AI pods', 'P50']);
    expect(textElement(markup, 'Time to production')).toMatchObject({ class: 'chart-svg-title', x: '62', y: '16' });
    const swatches = elements(markup, 'line').filter((l) => l.stroke);
    expect(swatches.map((l) => l.stroke)).toEqual(['#c0502e', '#2f5bd3', '#111']);
    expect(swatches[2]!['stroke-dasharray']).toBe('4 3');
  });

  it('puts the chart’s marks in the plot area, under the legend', () => {
    expect(markup).toContain(`<g transform="translate(62,${plot.top})"><circle`);
  });

  it('labels both axes with their units, the y title rotated beside the tick labels', () => {
    expect(textElement(markup, 'Weeks from request to production')).toMatchObject({ class: 'axis-title', x: String(plot.innerW / 2), y: String(plot.innerH + 36) });
    expect(textElement(markup, '% of initiatives / week')).toMatchObject({ class: 'axis-title', transform: `translate(-48,${plot.innerH / 2}) rotate(-90)` });
  });

  it('leaves out an axis title it is not given', () => {
    const bare = renderToStaticMarkup(
      <ChartFrame frameRef={{ current: null }} layout={plot} title="T" summary="S">
        {null}
      </ChartFrame>,
    );
    expect(bare).not.toContain('axis-title');
  });
});

describe('AxisTicks', () => {
  const plot = { innerW: 400, innerH: 200 };
  const y = scaleLinear().domain([0, 40]).range([200, 0]);

  it('labels y ticks left of the plot in the axis’ format, each with a grid line across', () => {
    const markup = inSvg(<AxisTicks axis="y" ticks={y.ticks(4)} at={y} label={(v) => `${v}%`} plot={plot} />);
    expect(texts(markup)).toEqual(['0%', '10%', '20%', '30%', '40%']);
    expect(textElement(markup, '30%')).toMatchObject({ x: '-8', y: '50', 'text-anchor': 'end', class: 'axis-label' });
    const grid = elements(markup, 'line');
    expect(grid).toHaveLength(5);
    expect(grid[3]).toMatchObject({ x1: '0', x2: '400', y1: '50', y2: '50', class: 'grid-line' });
  });

  it('labels x ticks under the plot with grid lines up through it', () => {
    const x = scaleLinear().domain([0, 80]).range([0, 400]);
    const markup = inSvg(<AxisTicks axis="x" ticks={[0, 40, 80]} at={x} label={(w) => `${w} wk`} plot={plot} />);
    expect(texts(markup)).toEqual(['0 wk', '40 wk', '80 wk']);
    expect(textElement(markup, '40 wk')).toMatchObject({ x: '200', y: '216', 'text-anchor': 'middle' });
    expect(elements(markup, 'line')[1]).toMatchObject({ x1: '200', x2: '200', y1: '0', y2: '200', class: 'grid-line' });
  });

  it('draws labels only without a grid, e.g. the categories of a band scale at their middles', () => {
    const x = scaleBand<string>().domain(['Q1', 'Q2']).range([0, 400]);
    const markup = inSvg(<AxisTicks axis="x" grid={false} ticks={x.domain()} at={(q) => (x(q) ?? 0) + x.bandwidth() / 2} label={(q) => q} plot={plot} />);
    expect(texts(markup)).toEqual(['Q1', 'Q2']);
    expect(textElement(markup, 'Q2')).toMatchObject({ x: '300' });
    expect(elements(markup, 'line')).toHaveLength(0);
  });

  it('labels a timeline’s months above the plot, and sets labels further off when asked', () => {
    const x = scaleLinear().domain([0, 4]).range([0, 400]);
    const top = inSvg(<AxisTicks axis="top" grid={false} ticks={[0, 2]} at={(m) => x(m + 0.5)} label={(m) => ['Jan', 'Feb', 'Mar'][m]!} plot={plot} />);
    expect(texts(top)).toEqual(['Jan', 'Mar']);
    expect(textElement(top, 'Mar')).toMatchObject({ x: '250', y: '-6', 'text-anchor': 'middle', class: 'axis-label' });
    const below = inSvg(<AxisTicks axis="x" grid={false} labelGap={14} ticks={[1]} at={x} label={(m) => String(m)} plot={plot} />);
    expect(textElement(below, '1')).toMatchObject({ y: '214' });
    const left = inSvg(<AxisTicks axis="y" labelGap={12} ticks={[10]} at={y} label={(v) => `${v}%`} plot={plot} />);
    expect(textElement(left, '10%')).toMatchObject({ x: '-12', y: '150' });
  });

  it('draws grid lines alone where they differ from the labels, each with its own class', () => {
    const x = scaleLinear().domain([0, 24]).range([0, 480]);
    const months = Array.from({ length: 25 }, (_, m) => m);
    const markup = inSvg(<GridLines axis="x" ticks={months} at={x} plot={plot} className={(m) => (m % 12 === 0 ? 'grid-line grid-year' : 'grid-line')} />);
    const lines = elements(markup, 'line');
    expect(lines).toHaveLength(25);
    expect(lines[12]).toMatchObject({ x1: '240', x2: '240', y1: '0', y2: '200', class: 'grid-line grid-year' });
    expect(lines[13]).toMatchObject({ class: 'grid-line' });
    expect(texts(markup)).toEqual([]);
    const across = elements(inSvg(<GridLines axis="y" ticks={[10]} at={y} plot={plot} />), 'line');
    expect(across).toEqual([{ x1: '0', x2: '400', y1: '150', y2: '150', class: 'grid-line' }]);
  });

  it('draws the base line along the bottom of the plot, and a row’s name left of it', () => {
    const markup = inSvg(
      <>
        <AxisLine plot={plot} />
        <RowLabel y={17}>AI pods + AI platform team</RowLabel>
      </>,
    );
    expect(elements(markup, 'line')[0]).toMatchObject({ x1: '0', x2: '400', y1: '200', y2: '200', class: 'axis-line' });
    expect(textElement(markup, 'AI pods + AI platform team')).toMatchObject({ x: '-8', y: '17', 'text-anchor': 'end' });
  });
});

describe('a delivery chart in the frame', () => {
  it('shows its series and markers in the legend, its y ticks in its format and its axis titles', () => {
    const markup = renderToStaticMarkup(
      <XYChart
        title="Time to production"
        series={[
          { id: 'pods', label: 'AI pods', color: '#2f5bd3', points: [{ x: 0, y: 0 }, { x: 10, y: 3 }, { x: 20, y: 1 }] },
          { id: 'centralized', label: 'Centralized AI team', color: '#c0502e', points: [{ x: 0, y: 0 }, { x: 10, y: 2 }, { x: 20, y: 2 }] },
        ]}
        markers={[{ label: 'AI pods P50', x: 9, color: '#2f5bd3' }]}
        xLabel="Weeks from request to production"
        yLabel="% of initiatives / week"
        yFormat={(v) => `${v}%`}
        summary="AI pods: P50 9 weeks"
      />,
    );
    const all = texts(markup);
    expect(all.slice(0, 4)).toEqual(['Time to production', 'AI pods', 'Centralized AI team', 'AI pods P50']);
    expect(all).toEqual(expect.arrayContaining(['0%', '1%', '2%', '3%', 'Weeks from request to production', '% of initiatives / week']));
    expect(elements(markup, 'svg')[0]!['aria-label']).toBe('Time to production. AI pods: P50 9 weeks');
  });
});
