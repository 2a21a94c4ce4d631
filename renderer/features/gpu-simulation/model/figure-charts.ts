/**
 * Charts of a run's figures (d3 scales and bins, written as standalone SVG):
 * a team's wait-time distribution, the cohort tree with nominal / borrowed /
 * lent GPU bars, and a nominalQuota sweep's P90 waits.
 */
import { bin, max, scaleLinear } from 'd3';
import { SPREAD_WORDS, type SweepOverSeeds } from '../../../../sim/gpu-sim/index.ts';
import { seriesColor } from '../../../model/charts.ts';
import type { CohortBars } from './cohort-bars.ts';
import { escapeXml, legend, r1, svgDocument, text, xAxis, yAxis, type ChartSvg } from './svg.ts';

/** Waits read best in the unit of their spread. */
export function waitUnit(maxSeconds: number): { unit: 'minutes' | 'hours' | 'days'; seconds: number } {
  if (maxSeconds <= 3 * 3600) return { unit: 'minutes', seconds: 60 };
  if (maxSeconds <= 3 * 86_400) return { unit: 'hours', seconds: 3600 };
  return { unit: 'days', seconds: 86_400 };
}

export interface WaitHistogramInput {
  team: string;
  waits: readonly number[];
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export function waitHistogram(input: WaitHistogramInput, width: number): ChartSvg {
  const height = 280;
  const m = { top: 20, right: 20, bottom: 48, left: 56 };
  const innerW = width - m.left - m.right;
  const innerH = height - m.top - m.bottom;
  const { unit, seconds } = waitUnit(Math.max(1, ...input.waits));
  const values = input.waits.map((w) => w / seconds);
  const top = Math.max(1, max(values) ?? 0);
  const x = scaleLinear().domain([0, top]).range([0, innerW]).nice();
  const bins = bin().domain(x.domain() as [number, number]).thresholds(x.ticks(24))(values);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(bins, (b) => b.length) ?? 0)])
    .range([innerH, 0])
    .nice(5);
  const body: string[] = [`<g transform="translate(${m.left},${m.top})">`];
  body.push(...yAxis(y.ticks(5).filter(Number.isInteger), y, innerW, (v) => String(v), 'Workloads', -40));
  for (const b of bins) {
    if (b.length === 0) continue;
    const x0 = x(b.x0 ?? 0);
    const x1 = x(b.x1 ?? 0);
    body.push(
      `<rect x="${r1(x0 + 0.5)}" y="${r1(y(b.length))}" width="${r1(Math.max(1, x1 - x0 - 1))}" height="${r1(innerH - y(b.length))}" fill="#4e79a7"><title>${b.length} workloads waited ${r1(b.x0 ?? 0)}–${r1(b.x1 ?? 0)} ${unit}</title></rect>`,
    );
  }
  for (const [label, v, color] of [
    ['P50', input.p50, '#59a14f'],
    ['P90', input.p90, '#e15759'],
    ['P99', input.p99, '#b07aa1'],
  ] as const) {
    if (v === null) continue;
    const px = x(v / seconds);
    // Labels stack top-down so that equal percentiles stay readable; near the right edge they sit left of their line.
    const right = px > innerW * 0.75;
    const ly = label === 'P50' ? 10 : label === 'P90' ? 22 : 34;
    body.push(`<line x1="${r1(px)}" x2="${r1(px)}" y1="0" y2="${innerH}" stroke="${color}" stroke-dasharray="4 3"/>` + text(right ? px - 3 : px + 3, ly, `${label} ${r1(v / seconds)} ${unit}`, `fill="${color}" font-weight="600" paint-order="stroke" stroke="#ffffff" stroke-width="3"${right ? ' text-anchor="end"' : ''}`));
  }
  body.push(...xAxis(x.ticks(8), x, innerH, innerW, (v) => String(v), `Wait from submission to admission (${unit})`));
  body.push('</g>');
  const title = `Wait-time distribution of ${input.team}: ${input.waits.length} admitted workloads, in ${unit}`;
  return { svg: svgDocument(width, height, title, body), width, height, title };
}

export function cohortChart(data: CohortBars, width: number): ChartSvg {
  const rowH = 26;
  const left = 220;
  const m = { top: 36, right: 24, bottom: 44 };
  const innerW = width - left - m.right;
  const innerH = rowH * data.rows.length;
  const height = m.top + innerH + m.bottom;
  const queueRows = data.rows.filter((r) => r.kind === 'queue');
  const xMax = Math.max(1, ...queueRows.map((r) => Math.max(r.nominal, r.borrowed + r.nominal, r.lent)));
  const x = scaleLinear().domain([0, xMax]).range([0, innerW]).nice();
  const colors = { nominal: '#bab0ac', borrowed: '#f28e2b', lent: '#4e79a7' };
  const lg = legend(
    [
      { label: 'nominal GPUs', color: colors.nominal },
      { label: 'borrowed (average GPUs)', color: colors.borrowed },
      { label: 'lent (average GPUs)', color: colors.lent },
    ],
    left,
    16,
    innerW,
  );
  const body: string[] = [...lg.markup, `<g transform="translate(${left},${m.top})">`];
  data.rows.forEach((row, i) => {
    const y = i * rowH;
    body.push(text(-left + 8 + row.depth * 14, y + 16, `${row.kind === 'cohort' ? '◆' : '▪'} ${row.name}`, row.kind === 'cohort' ? 'font-weight="700" fill="#1c2330"' : 'fill="#1c2330"'));
    if (row.kind === 'cohort') {
      body.push(text(0, y + 16, `${r1(row.nominal)} nominal · ${r1(row.borrowed)} borrowed · ${r1(row.lent)} lent (GPUs)`));
      return;
    }
    const tip = `${row.name}: nominal ${r1(row.nominal)} GPUs; borrowed ${r1(row.borrowed)} and lent ${r1(row.lent)} GPUs on average over ${r1(data.hours)} h`;
    body.push(`<g><title>${escapeXml(tip)}</title>`);
    body.push(`<rect x="0" y="${y + 3}" width="${r1(x(row.nominal))}" height="9" fill="${colors.nominal}"/>`);
    body.push(`<rect x="${r1(x(row.nominal))}" y="${y + 3}" width="${r1(x(row.borrowed))}" height="9" fill="${colors.borrowed}"/>`);
    body.push(`<rect x="0" y="${y + 14}" width="${r1(x(row.lent))}" height="7" fill="${colors.lent}"/>`);
    body.push('</g>');
  });
  body.push(...xAxis(x.ticks(6), x, innerH, innerW, (v) => String(v), 'GPUs (nominal quota; borrowed and lent averaged over the run)'));
  body.push('</g>');
  const title = `Cohort tree with each ClusterQueue's nominal GPUs and the GPUs it borrowed and lent on average`;
  return { svg: svgDocument(width, height, title, body), width, height, title };
}

/**
 * Each team's P90 wait (median over seeds) as a line, with its range over seeds as a band; the
 * legend names teams (the policy's team names, else the ClusterQueue's), never internal ids.
 */
export function sweepChart(sweep: SweepOverSeeds, width: number): ChartSvg {
  const height = 300;
  const m = { top: 20, right: 20, bottom: 48, left: 60 };
  const teams = [...new Map(sweep.points.flatMap((p) => p.teams.map((t) => [t.team, t.name] as const))).entries()];
  const lg = legend(
    teams.map(([, name], i) => ({ label: name, color: seriesColor(i) })),
    m.left,
    14,
    width - m.left - m.right,
  );
  const top = m.top + lg.height;
  const innerW = width - m.left - m.right;
  const innerH = height - top - m.bottom;
  const all = sweep.points.flatMap((p) => p.teams.flatMap((t) => [t.p90Wait.median ?? 0, t.p90Wait.max ?? t.p90Wait.median ?? 0]));
  const { unit, seconds } = waitUnit(Math.max(1, ...all));
  const values = sweep.points.map((p) => p.value);
  const x = scaleLinear()
    .domain([Math.min(...values), Math.max(...values, Math.min(...values) + 1)])
    .range([0, innerW]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...all) / seconds])
    .range([innerH, 0])
    .nice(5);
  const yOf = (w: number) => r1(y(w / seconds));
  const body: string[] = [...lg.markup, `<g transform="translate(${m.left},${top})">`];
  body.push(...yAxis(y.ticks(5), y, innerW, (v) => String(v), `P90 wait (${unit}), median with its ${SPREAD_WORDS}`, -44));
  const spreadNote = sweep.seeds > 1 ? ` (${SPREAD_WORDS}: ` : '';
  teams.forEach(([team, name], i) => {
    const pts = sweep.points.map((p) => ({ v: p.value, w: p.teams.find((t) => t.team === team)?.p90Wait ?? null }));
    // The band: min to max over seeds where both ends are finite (a seed that admitted nothing has no upper end to draw).
    const banded = pts.filter((p) => p.w !== null && p.w.min !== null && p.w.max !== null);
    if (sweep.seeds > 1 && banded.length > 0) {
      const upper = banded.map((p, k) => `${k === 0 ? 'M' : 'L'}${r1(x(p.v))},${yOf(p.w!.max!)}`).join('');
      const lower = [...banded].reverse().map((p) => `L${r1(x(p.v))},${yOf(p.w!.min!)}`).join('');
      body.push(`<path class="sweep-band" d="${upper}${lower}Z" fill="${seriesColor(i)}" fill-opacity="0.15" stroke="none"><title>${escapeXml(`${name}: P90 wait ${SPREAD_WORDS}`)}</title></path>`);
    }
    const line = pts.filter((p) => p.w?.median !== null && p.w?.median !== undefined);
    const d = line.map((p, k) => `${k === 0 ? 'M' : 'L'}${r1(x(p.v))},${yOf(p.w!.median!)}`).join('');
    body.push(`<path d="${d}" fill="none" stroke="${seriesColor(i)}" stroke-width="2"/>`);
    for (const p of line) {
      const w = p.w!;
      const range = spreadNote ? `${spreadNote}${w.min === null ? '–' : r1(w.min / seconds)}–${w.max === null ? 'never admitted' : r1(w.max / seconds)} ${unit})` : '';
      body.push(`<circle cx="${r1(x(p.v))}" cy="${yOf(w.median!)}" r="3" fill="${seriesColor(i)}"><title>${escapeXml(`${name}: P90 ${r1(w.median! / seconds)} ${unit}${range} at ${sweep.queueName} nominalQuota ${p.v}`)}</title></circle>`);
    }
  });
  const cx = x(sweep.current);
  body.push(`<line x1="${r1(cx)}" x2="${r1(cx)}" y1="0" y2="${innerH}" stroke="#1c2330" stroke-dasharray="3 3"/>` + text(cx + 4, 10, `current ${sweep.current}`));
  body.push(...xAxis(values, x, innerH, innerW, (v) => String(v), `${sweep.queueName} (${sweep.clusterQueue}) nominalQuota of ${sweep.resource} on ${sweep.flavor} (GPUs)`));
  body.push('</g>');
  const over = sweep.seeds > 1 ? `, median over ${sweep.seeds} seeds with its ${SPREAD_WORDS}` : '';
  const title = `Every team's P90 wait as ${sweep.queueName}'s ${sweep.flavor} nominalQuota goes from ${values[0]} to ${values.at(-1)}${over}`;
  return { svg: svgDocument(width, height, title, body), width, height, title };
}
