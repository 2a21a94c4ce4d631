/**
 * Charts of a run over time (d3 scales and shapes, written as standalone
 * SVG): GPUs allocated per ClusterQueue stacked, with the cluster's GPUs as
 * a line; and the node × time heatmap of GPUs in use.
 */
import { area, curveStepAfter as stepAfter, interpolateBlues, max, scaleLinear, scaleSequential, stack } from 'd3';
import type { SeriesResult } from '../../../../sim/gpu-sim/index.ts';
import { seriesColor } from '../../../model/charts.ts';
import { dayTick, escapeXml, legend, r1, svgDocument, text, xAxis, yAxis, type ChartSvg } from './svg.ts';

const MARGIN = { top: 16, right: 16, bottom: 46, left: 56 };
const FRAGMENTED = '#6b2fb3';

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
    [...queues.map((q) => ({ label: q, color: colorOf.get(q)! })), { label: 'fragmented GPUs (free, no pending pod fits)', color: FRAGMENTED }],
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
  const fragmented = times.map((t, i) => `${i === 0 ? 'M' : 'H'}${r1(x(t))}${i === 0 ? `,${r1(y(series.fragmentedGpus[i] ?? 0))}` : `V${r1(y(series.fragmentedGpus[i] ?? 0))}`}`).join('');
  body.push(`<path d="${fragmented}" fill="none" stroke="${FRAGMENTED}" stroke-width="1.5"><title>Fragmented GPUs: free, on nodes where no pending pod fits (peak ${Math.max(0, ...series.fragmentedGpus)})</title></path>`);
  body.push(...xAxis(timeTicks(end), x, innerH, innerW, (v) => dayTick(v, end), 'Simulated time'));
  body.push('</g>');
  const title = `GPUs allocated per ClusterQueue over ${r1(end / 86_400)} simulated days, stacked (${queues.join(', ')}); the dashed line is the cluster's GPUs, the red line its fragmented GPUs`;
  return { svg: svgDocument(width, height, title, body), width, height, title };
}

/** At most this many rows: beyond it, neighbouring nodes (of one pool, in order) share a row, averaged. */
export const MAX_HEATMAP_ROWS = 96;

export interface HeatmapRow {
  label: string;
  /** Share of the row's GPUs in use at each sample (0..1). */
  shares: number[];
  gpus: number;
}

export function heatmapRows(names: readonly string[], used: readonly (readonly number[])[], nodeGpus: readonly number[], samples: number): HeatmapRow[] {
  const per = Math.max(1, Math.ceil(names.length / MAX_HEATMAP_ROWS));
  const rows: HeatmapRow[] = [];
  for (let start = 0; start < names.length; start += per) {
    const members = names.slice(start, start + per).map((_, k) => start + k);
    let gpus = 0;
    for (const n of members) gpus += Math.max(1, nodeGpus[n] ?? 0, ...(used[n] ?? []));
    const shares = Array.from({ length: samples }, (_, i) => members.reduce((sum, n) => sum + (used[n]?.[i] ?? 0), 0) / gpus);
    const label = per === 1 ? names[start]! : `${names[start]} … ${names[members.at(-1)!]}`;
    rows.push({ label, shares, gpus });
  }
  return rows;
}

export function nodeHeatmap(series: SeriesResult, width: number, nodeGpus: readonly number[]): ChartSvg | null {
  const nodes = series.nodes;
  if (!nodes || nodes.names.length === 0) return null;
  const times = series.times;
  const rows = heatmapRows(nodes.names, nodes.gpusUsed, nodeGpus, times.length);
  const rowH = Math.max(5, Math.min(16, Math.floor(420 / rows.length)));
  const left = 150;
  const innerW = width - left - MARGIN.right;
  const innerH = rowH * rows.length;
  const height = MARGIN.top + innerH + MARGIN.bottom + 30;
  const end = times.at(-1) ?? 0;
  const x = scaleLinear().domain([0, Math.max(1, end)]).range([0, innerW]);
  const color = scaleSequential(interpolateBlues).domain([0, 1]);
  // Shares in tenths, and a cell spans every sample with the same tenth: a few rectangles per row, not one per sample.
  const level = (share: number) => Math.round(Math.min(1, share) * 10);
  const body: string[] = [`<g transform="translate(${left},${MARGIN.top})">`];
  rows.forEach((row, n) => {
    const y = n * rowH;
    const label = row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label;
    body.push(text(-6, y + rowH / 2 + 3.5, label, `text-anchor="end" font-size="${Math.min(11, rowH + 1)}"`));
    for (let i = 0; i < times.length - 1; ) {
      const v = level(row.shares[i] ?? 0);
      let j = i + 1;
      while (j < times.length - 1 && level(row.shares[j] ?? 0) === v) j++;
      if (v > 0) {
        const x0 = x(times[i]!);
        const x1 = x(times[j]!);
        const tip = `${row.label}, ${dayTick(times[i]!, end)} to ${dayTick(times[j]!, end)}: about ${v * 10}% of ${row.gpus} GPUs in use`;
        body.push(`<rect x="${r1(x0)}" y="${y}" width="${r1(Math.max(0.5, x1 - x0))}" height="${rowH - 1}" fill="${color(v / 10)}"><title>${escapeXml(tip)}</title></rect>`);
      }
      i = j;
    }
  });
  body.push(...xAxis(timeTicks(end), x, innerH, innerW, (v) => dayTick(v, end), 'Simulated time'));
  body.push(text(-left + 8, -4, rows.length < nodes.names.length ? `Nodes (${Math.ceil(nodes.names.length / rows.length)} per row)` : 'Node', 'font-size="12" fill="#1c2330"'));
  // Colour key.
  const keyY = innerH + 44;
  for (let k = 0; k <= 4; k++) body.push(`<rect x="${k * 28}" y="${keyY}" width="28" height="8" fill="${color(k / 4)}"/>`);
  body.push(text(0, keyY + 20, '0%'), text(140, keyY + 20, '100% of the node’s GPUs in use', 'text-anchor="start"'));
  body.push('</g>');
  const title = `GPUs in use per node over time, ${nodes.names.length} nodes: darker is fuller`;
  return { svg: svgDocument(width, height, title, body), width, height, title };
}
