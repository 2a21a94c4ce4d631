/**
 * Charts of a run over time (d3 scales and shapes, written as standalone
 * SVG): GPUs allocated per ClusterQueue stacked, with the cluster's GPUs as
 * a line; and the node × time heatmap of GPUs in use.
 */
import { area, curveStepAfter as stepAfter, interpolateBlues, max, scaleLinear, scaleSequential, stack } from 'd3';
import type { SeriesResult } from '../../sim/gpu-sim/index.ts';
import { seriesColor } from '../planning/cost-chart.ts';
import { dayTick, escapeXml, legend, r1, svgDocument, text, xAxis, yAxis, type ChartSvg } from './svg.ts';

const MARGIN = { top: 16, right: 16, bottom: 46, left: 56 };

export function timeTicks(end: number): number[] {
  const day = 86_400;
  if (end <= 2 * day) return scaleLinear().domain([0, end]).ticks(8);
  const step = Math.max(1, Math.ceil(end / day / 10)) * day;
  const ticks: number[] = [];
  for (let t = 0; t <= end + 1; t += step) ticks.push(t);
  return ticks;
}

export function usageChart(series: SeriesResult, width: number): ChartSvg {
  const height = 300;
  const queues = series.queues.map((q) => q.clusterQueue);
  const colorOf = new Map(queues.map((q, i) => [q, seriesColor(i)]));
  const lg = legend(
    queues.map((q) => ({ label: q, color: colorOf.get(q)! })),
    MARGIN.left,
    12,
    width - MARGIN.left - MARGIN.right,
  );
  const top = MARGIN.top + lg.height;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - top - MARGIN.bottom;
  const times = series.times;
  const end = times.at(-1) ?? 0;
  const rows = times.map((_, i) => Object.fromEntries(series.queues.map((q) => [q.clusterQueue, q.allocatedGpus[i] ?? 0])));
  const layers = stack<Record<string, number>>().keys(queues)(rows);
  const yMax = Math.max(1, max(series.totalGpus) ?? 0, max(layers.at(-1) ?? [], (d) => d[1]) ?? 0);
  const x = scaleLinear().domain([0, Math.max(1, end)]).range([0, innerW]);
  const y = scaleLinear().domain([0, yMax]).range([innerH, 0]).nice(5);
  // Steps, not slopes: a sample holds until the next one.
  const shape = area<[number, number]>()
    .x((_, i) => x(times[i] ?? 0))
    .y0((d) => y(d[0]))
    .y1((d) => y(d[1]));
  const body: string[] = [...lg.markup, `<g transform="translate(${MARGIN.left},${top})">`];
  body.push(...yAxis(y.ticks(5), y, innerW, (v) => String(v), 'GPUs allocated', -42));
  for (const layer of layers) {
    const q = layer.key;
    const total = series.queues.find((s) => s.clusterQueue === q)!.allocatedGpus;
    const peak = Math.max(0, ...total);
    body.push(`<path d="${shape.curve(stepAfter)(layer as unknown as Array<[number, number]>) ?? ''}" fill="${colorOf.get(q)}" fill-opacity="0.85"><title>${escapeXml(`${q}: up to ${peak} GPUs allocated`)}</title></path>`);
  }
  const capacity = times.map((t, i) => `${i === 0 ? 'M' : 'H'}${r1(x(t))}${i === 0 ? `,${r1(y(series.totalGpus[i] ?? 0))}` : `V${r1(y(series.totalGpus[i] ?? 0))}`}`).join('');
  body.push(`<path d="${capacity}" fill="none" stroke="#1c2330" stroke-dasharray="4 3"><title>GPUs in the cluster</title></path>`);
  body.push(text(innerW - 4, y(series.totalGpus.at(-1) ?? 0) - 5, 'cluster GPUs', 'text-anchor="end"'));
  body.push(...xAxis(timeTicks(end), x, innerH, innerW, (v) => dayTick(v, end), 'Simulated time'));
  body.push('</g>');
  const title = `GPUs allocated per ClusterQueue over ${r1(end / 86_400)} simulated days, stacked (${queues.join(', ')}); the dashed line is the cluster's GPUs`;
  return { svg: svgDocument(width, height, title, body), width, height, title };
}

export function nodeHeatmap(series: SeriesResult, width: number, nodeGpus: readonly number[]): ChartSvg | null {
  const nodes = series.nodes;
  if (!nodes || nodes.names.length === 0) return null;
  const rowH = Math.max(6, Math.min(16, Math.floor(420 / nodes.names.length)));
  const left = 120;
  const innerW = width - left - MARGIN.right;
  const innerH = rowH * nodes.names.length;
  const height = MARGIN.top + innerH + MARGIN.bottom + 30;
  const times = series.times;
  const end = times.at(-1) ?? 0;
  const x = scaleLinear().domain([0, Math.max(1, end)]).range([0, innerW]);
  const color = scaleSequential(interpolateBlues).domain([0, 1]);
  const body: string[] = [`<g transform="translate(${left},${MARGIN.top})">`];
  nodes.names.forEach((name, n) => {
    const used = nodes.gpusUsed[n] ?? [];
    const capacity = Math.max(1, nodeGpus[n] ?? 0, ...used);
    const y = n * rowH;
    body.push(text(-6, y + rowH / 2 + 3.5, name.length > 18 ? `${name.slice(0, 17)}…` : name, `text-anchor="end" font-size="${Math.min(11, rowH)}"`));
    for (let i = 0; i < times.length - 1; i++) {
      const v = used[i] ?? 0;
      if (v <= 0) continue;
      const x0 = x(times[i]!);
      const x1 = x(times[i + 1]!);
      body.push(`<rect x="${r1(x0)}" y="${y}" width="${r1(Math.max(0.5, x1 - x0))}" height="${rowH - 1}" fill="${color(Math.min(1, v / capacity))}"><title>${escapeXml(`${name}, ${dayTick(times[i]!, end)}: ${v} of ${capacity} GPUs in use`)}</title></rect>`);
    }
  });
  body.push(...xAxis(timeTicks(end), x, innerH, innerW, (v) => dayTick(v, end), 'Simulated time'));
  body.push(text(-left + 8, -4, 'Node', 'font-size="12" fill="#1c2330"'));
  // Colour key.
  const keyY = innerH + 44;
  for (let k = 0; k <= 4; k++) body.push(`<rect x="${k * 28}" y="${keyY}" width="28" height="8" fill="${color(k / 4)}"/>`);
  body.push(text(0, keyY + 20, '0%'), text(140, keyY + 20, '100% of the node’s GPUs in use', 'text-anchor="start"'));
  body.push('</g>');
  const title = `GPUs in use per node over time, ${nodes.names.length} nodes: darker is fuller`;
  return { svg: svgDocument(width, height, title, body), width, height, title };
}
