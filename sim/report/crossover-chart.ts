/**
 * The report's crossover charts as self-contained SVG: P85 time to
 * production against demand, or against headcount, a line per design broken
 * where the design is not a meaningful comparison (a × there, in its
 * colour, under the plot), the crossovers as dashed lines named in the
 * legend. Log x axis (the points are log-spaced).
 */
import type { CrossoverChartSeries } from './crossover.ts';
import { CHART_WIDTH, chartFrame, fit, MUTED, niceTicks, num, svgText } from './svg.ts';

/** The delivery designs' colours in the app (centralized, pods, pods + platform). */
const DESIGN_COLORS = ['#b5542f', '#2f5bd3', '#1f7a4d'];
const FLAG_ROW = 10;

/** `id`: the chart's file-safe id (the SVG's id is `chart-<id>`, unique in a report of several scenarios). */
export function crossoverChartSvg(series: CrossoverChartSeries, stamps: readonly string[], several: boolean, id: string): { title: string; svg: string } {
  const title = `${several ? `${fit(series.scenario, 40)}: ` : ''}P85 time to production against ${series.axis}`;
  const left = 62;
  const right = CHART_WIDTH - 20;
  const legendRows = 1 + Math.ceil(series.marks.length / 2);
  const plotTop = legendRows * 16 + 8;
  const floor = plotTop + 200;
  const flagsBottom = floor + 6 + series.designs.length * FLAG_ROW;
  const lo = Math.log(series.values[0]!);
  const hi = Math.log(series.values[series.values.length - 1]!);
  const x = (v: number) => left + (hi > lo ? ((Math.log(v) - lo) / (hi - lo)) * (right - left) : (right - left) / 2);
  const max = Math.max(1, ...series.designs.flatMap((d) => d.p85.map((v) => v ?? 0)));
  const ticks = niceTicks(max * 1.05);
  const top = ticks[ticks.length - 1]!;
  const y = (v: number) => floor - (v / top) * (floor - plotTop);
  const parts: string[] = [];
  // Legend: the designs, then the crossovers.
  series.designs.forEach((d, k) => {
    const lx = 8 + k * 230;
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="8" y2="8" stroke="${DESIGN_COLORS[k]}" stroke-width="2.5"/>`, svgText(lx + 28, 12, fit(d.label, 30), { 'font-size': 10.5 }));
  });
  series.marks.forEach((m, i) => {
    const lx = 8 + (i % 2) * 345;
    const ly = 24 + Math.floor(i / 2) * 16;
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${DESIGN_COLORS[m.design] ?? MUTED}" stroke-width="1.5" stroke-dasharray="5 3"/>`, svgText(lx + 28, ly + 4, m.label, { 'font-size': 10.5 }));
  });
  for (const t of ticks) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${num(y(t))}" y2="${num(y(t))}" stroke="#e3e6eb"/>`);
    parts.push(svgText(left - 6, y(t) + 4, `${t}`, { 'text-anchor': 'end', 'font-size': 10, fill: MUTED }));
  }
  parts.push(svgText(14, (plotTop + floor) / 2, 'P85 weeks to production', { 'font-size': 10, fill: MUTED, 'text-anchor': 'middle', transform: `rotate(-90 14 ${num((plotTop + floor) / 2)})` }));
  for (const m of series.marks) parts.push(`<line x1="${num(x(m.at))}" x2="${num(x(m.at))}" y1="${plotTop}" y2="${floor}" stroke="${DESIGN_COLORS[m.design] ?? MUTED}" stroke-width="1.5" stroke-dasharray="5 3"/>`);
  series.designs.forEach((d, k) => {
    const color = DESIGN_COLORS[k] ?? MUTED;
    // One polyline per run of meaningful points: a gap where the design is not a meaningful comparison.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
      run = [];
    };
    d.p85.forEach((v, i) => {
      const px = x(series.values[i]!);
      if (v === null) {
        flush();
        parts.push(svgText(px, floor + 6 + (k + 1) * FLAG_ROW, '×', { 'text-anchor': 'middle', 'font-size': 11, fill: color }));
        return;
      }
      run.push(`${num(px)},${num(y(v))}`);
      parts.push(`<circle cx="${num(px)}" cy="${num(y(v))}" r="3" fill="${color}"/>`);
    });
    flush();
  });
  parts.push(`<line x1="${left}" x2="${right}" y1="${floor}" y2="${floor}" stroke="${MUTED}"/>`);
  series.values.forEach((v, i) => parts.push(svgText(x(v), flagsBottom + 14, series.valueTexts[i]!, { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED })));
  parts.push(svgText((left + right) / 2, flagsBottom + 30, series.label, { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  parts.push(svgText(8, flagsBottom + 46, '× = not a meaningful comparison at that point: a team at utilisation ≥ 1 (an unbounded queue); no figure is drawn.', { 'font-size': 10, 'font-style': 'italic', fill: MUTED }));
  parts.push(svgText(8, flagsBottom + 60, `Each design at each point: ${series.run}.`, { 'font-size': 10, 'font-style': 'italic', fill: MUTED }));
  return { title, svg: chartFrame({ id: `chart-${id}`, title, body: parts.join(''), bodyHeight: flagsBottom + 64, stamps }) };
}
