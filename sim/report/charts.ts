/**
 * The report's charts as self-contained SVG: cumulative cost by month
 * per scenario, time to production (P50 and P85 with their 95% intervals)
 * per design, the crossover when it was run (`crossover-chart.ts`), and
 * each team's P90 wait for GPUs. The figures written on
 * them are the model's texts, so a chart and a table never disagree.
 */
import { formatMoneyTick } from '../decision/figure-text.ts';
import type { ReportModel } from './model.ts';
import { crossoverChartSvg } from './crossover-chart.ts';
import { CHART_WIDTH, chartFrame, fit, INK, MUTED, niceTicks, num, PALETTE, svgText, wrapText } from './svg.ts';

export interface ReportChart {
  /** File-safe id: also the SVG file name beside a Markdown report. */
  id: 'cumulative-cost' | 'time-to-production' | 'gpu-waits' | `crossover-${string}`;
  title: string;
  svg: string;
}

const stamps = (model: ReportModel) => model.scenarios.map((s) => s.stamp);
const color = (i: number) => PALETTE[i % PALETTE.length]!;

function cumulativeCost(model: ReportModel): ReportChart {
  const series = model.charts.cumulativeCost;
  const left = 78;
  const right = CHART_WIDTH - 190;
  const height = 220;
  const months = Math.max(1, ...series.map((s) => s.months.length));
  const max = Math.max(0, ...series.flatMap((s) => s.cumulative));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const x = (m: number) => left + (months <= 1 ? 0 : (m / (months - 1)) * (right - left));
  const y = (v: number) => height - (v / top) * height;
  const parts: string[] = [];
  const currency = series[0]?.currency ?? 'USD';
  for (const t of ticks) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${num(y(t))}" y2="${num(y(t))}" stroke="#e3e6eb"/>`);
    parts.push(svgText(left - 6, y(t) + 4, formatMoneyTick(t, currency), { 'text-anchor': 'end', 'font-size': 10, fill: MUTED }));
  }
  const sameStart = series.every((s) => s.months[0] === series[0]?.months[0]);
  const labels = [...series].sort((a, b) => b.months.length - a.months.length)[0]?.months ?? [];
  const every = Math.max(1, Math.ceil(months / 8));
  for (let m = 0; m < months; m += every) parts.push(svgText(x(m), height + 16, sameStart ? (labels[m] ?? '') : `month ${m + 1}`, { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  parts.push(`<line x1="${left}" x2="${right}" y1="${height}" y2="${height}" stroke="${MUTED}"/>`);
  // End labels sorted by height and pushed apart so four scenarios ending close together stay legible.
  const ends = series.map((s, i) => ({ i, y: y(s.cumulative[s.cumulative.length - 1] ?? 0), s })).sort((a, b) => a.y - b.y);
  let floor = -Infinity;
  for (const end of ends) {
    end.y = Math.max(end.y, floor + 26);
    floor = end.y;
  }
  series.forEach((s, i) => {
    const points = s.cumulative.map((v, m) => `${num(x(m))},${num(y(v))}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${color(i)}" stroke-width="2.5"/>`);
  });
  for (const end of ends) {
    parts.push(svgText(right + 8, end.y - 2, fit(end.s.scenario, 30), { 'font-size': 10, fill: color(end.i) }));
    parts.push(svgText(right + 8, end.y + 11, end.s.totalText, { 'font-size': 11, 'font-weight': 'bold', fill: color(end.i) }));
  }
  const body = parts.join('');
  return { id: 'cumulative-cost', title: 'Cumulative cost by month', svg: chartFrame({ id: 'chart-cumulative-cost', title: 'Cumulative cost by month', body, bodyHeight: Math.max(height + 22, floor + 16), stamps: stamps(model) }) };
}

function timeline(model: ReportModel): ReportChart {
  const rows = model.charts.timeline;
  const several = model.scenarios.length > 1;
  const labelWidth = 230;
  const left = labelWidth + 10;
  const right = CHART_WIDTH - 130;
  const rowHeight = 34;
  const max = Math.max(1, ...rows.flatMap((r) => [r.p50?.high ?? 0, r.p85?.high ?? 0]));
  const ticks = niceTicks(max);
  const end = ticks[ticks.length - 1]!;
  const x = (w: number) => left + (w / end) * (right - left);
  const plotHeight = rows.length * rowHeight;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="0" y2="${plotHeight}" stroke="#e3e6eb"/>`);
    parts.push(svgText(x(t), plotHeight + 14, `${t}`, { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  }
  parts.push(svgText((left + right) / 2, plotHeight + 28, 'weeks from request to production', { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  const scenarioIndex = new Map(model.scenarios.map((s, i) => [s.name, i]));
  rows.forEach((r, i) => {
    const mid = i * rowHeight + rowHeight / 2;
    const c = color(scenarioIndex.get(r.scenario) ?? 0);
    if (several) parts.push(svgText(8, mid - 3, fit(r.scenario, 40), { 'font-size': 9.5, fill: MUTED }));
    parts.push(svgText(8, several ? mid + 10 : mid + 4, fit(r.design, 38), { 'font-size': 11.5 }));
    if (!r.p50 || !r.p85) {
      parts.push(svgText(left, mid + 4, r.note ?? 'no figure', { 'font-size': 11, 'font-style': 'italic', fill: MUTED }));
      return;
    }
    for (const [e, dy] of [[r.p50, -5], [r.p85, 5]] as const) parts.push(`<line x1="${num(x(e.low))}" x2="${num(x(e.high))}" y1="${num(mid + dy)}" y2="${num(mid + dy)}" stroke="${c}" stroke-width="1.5"/>`);
    parts.push(`<circle cx="${num(x(r.p50.weeks))}" cy="${num(mid - 5)}" r="4.5" fill="${c}"/>`);
    parts.push(`<rect x="${num(x(r.p85.weeks) - 4.5)}" y="${num(mid + 0.5)}" width="9" height="9" fill="#ffffff" stroke="${c}" stroke-width="2"/>`);
    parts.push(svgText(right + 10, mid - 3, `P50 ${r.p50Text}`, { 'font-size': 10.5 }));
    parts.push(svgText(right + 10, mid + 10, `P85 ${r.p85Text}`, { 'font-size': 10.5, 'font-weight': 'bold' }));
  });
  const legendY = plotHeight + 44;
  parts.push(`<circle cx="14" cy="${legendY - 4}" r="4.5" fill="${INK}"/>`, svgText(24, legendY, 'P50', { 'font-size': 10 }));
  parts.push(`<rect x="60" y="${legendY - 9}" width="9" height="9" fill="#ffffff" stroke="${INK}" stroke-width="2"/>`, svgText(74, legendY, 'P85', { 'font-size': 10 }));
  parts.push(`<line x1="110" x2="140" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${INK}" stroke-width="1.5"/>`, svgText(146, legendY, '95% interval of the estimate', { 'font-size': 10 }));
  return { id: 'time-to-production', title: 'Time to production by design (P50 and P85)', svg: chartFrame({ id: 'chart-time-to-production', title: 'Time to production by design (P50 and P85)', body: parts.join(''), bodyHeight: legendY + 4, stamps: stamps(model) }) };
}

function gpuWaits(model: ReportModel): ReportChart {
  const { rows, notes } = model.charts.gpuWaits;
  const several = model.scenarios.length > 1;
  const left = 240;
  const right = CHART_WIDTH - 90;
  const rowHeight = several ? 30 : 24;
  const max = Math.max(1, ...rows.map((r) => r.hours ?? 0));
  const ticks = niceTicks(max);
  const end = ticks[ticks.length - 1]!;
  const x = (h: number) => left + (h / end) * (right - left);
  const plotHeight = rows.length * rowHeight;
  const parts: string[] = [];
  const scenarioIndex = new Map(model.scenarios.map((s, i) => [s.name, i]));
  if (rows.length > 0) {
    for (const t of ticks) {
      parts.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="0" y2="${plotHeight}" stroke="#e3e6eb"/>`);
      parts.push(svgText(x(t), plotHeight + 14, `${t}`, { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
    }
    parts.push(svgText((left + right) / 2, plotHeight + 28, 'hours from submission to admission, P90', { 'text-anchor': 'middle', 'font-size': 10, fill: MUTED }));
  }
  rows.forEach((r, i) => {
    const mid = i * rowHeight + rowHeight / 2;
    if (several) parts.push(svgText(8, mid - 3, fit(r.scenario, 40), { 'font-size': 9.5, fill: MUTED }));
    parts.push(svgText(8, several ? mid + 10 : mid + 4, fit(r.team, 38), { 'font-size': 11.5 }));
    if (r.hours === null) {
      parts.push(svgText(left, mid + 4, r.text, { 'font-size': 10.5, 'font-style': 'italic', fill: MUTED }));
      return;
    }
    parts.push(`<rect x="${left}" y="${num(mid - 7)}" width="${num(Math.max(1, x(r.hours) - left))}" height="14" fill="${color(scenarioIndex.get(r.scenario) ?? 0)}"/>`);
    // A label that would run off the page ("1.9 h (1 never admitted)" on the longest bar) goes inside the bar's end.
    const labelWidth = r.text.length * 6;
    if (x(r.hours) + 6 + labelWidth > CHART_WIDTH - 4 && x(r.hours) - left > labelWidth + 12) {
      parts.push(svgText(x(r.hours) - 6, mid + 4, r.text, { 'font-size': 10.5, 'text-anchor': 'end', fill: '#ffffff' }));
    } else parts.push(svgText(x(r.hours) + 6, mid + 4, r.text, { 'font-size': 10.5 }));
  });
  let y = rows.length > 0 ? plotHeight + 50 : 14;
  for (const n of notes) {
    for (const line of wrapText(`${several ? `${n.scenario}: ` : ''}${n.note}`, 105)) {
      parts.push(svgText(8, y, line, { 'font-size': 11, 'font-style': 'italic', fill: MUTED }));
      y += 15;
    }
    y += 4;
  }
  return { id: 'gpu-waits', title: 'GPU waits per team (P90)', svg: chartFrame({ id: 'chart-gpu-waits', title: 'GPU waits per team (P90)', body: parts.join(''), bodyHeight: y - 8, stamps: stamps(model) }) };
}

/** The crossover's charts (P85 against demand, against headcount), per scenario that has one. */
export function crossoverCharts(model: ReportModel): ReportChart[] {
  const several = model.scenarios.length > 1;
  return model.charts.crossover.map((series) => {
    const index = model.scenarios.findIndex((s) => s.name === series.scenario);
    const id = several ? `crossover-${index + 1}-${series.axis}` : `crossover-${series.axis}`;
    // Every scenario's stamp, as on every chart of the report.
    const { title, svg } = crossoverChartSvg(series, stamps(model), several, id);
    return { id: id as `crossover-${string}`, title, svg };
  });
}

/** The report's charts, in the order the report shows them. */
export function reportCharts(model: ReportModel): ReportChart[] {
  return [cumulativeCost(model), timeline(model), ...crossoverCharts(model), gpuWaits(model)];
}
