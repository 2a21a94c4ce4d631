/**
 * Bars grouped by category (e.g. quarter) with one bar per series (e.g. org
 * design), optional whiskers down to a low value (the 15th percentile of
 * trials), d3 band scales drawn by React; title, legend and units inside.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useRef } from 'react';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { ChartLegend, legendHeight } from './ChartLegend.tsx';

export interface BarGroup {
  category: string;
  bars: Array<{ seriesId: string; value: number; low?: number; tooltip: string }>;
}

const MARGIN = { top: 30, right: 16, bottom: 44, left: 56 };

export function GroupedBarChart({ title, groups, series, xLabel, yLabel, summary, height = 280 }: {
  title: string;
  groups: readonly BarGroup[];
  series: ReadonlyArray<{ id: string; label: string; color: string }>;
  xLabel: string;
  yLabel: string;
  summary: string;
  height?: number;
}) {
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(360, useElementWidth(frameRef, 640));
  const innerW = width - MARGIN.left - MARGIN.right;
  const legend = series.map((s) => ({ label: s.label, color: s.color, shape: 'box' as const }));
  const top = MARGIN.top + legendHeight(legend, innerW) + 6;
  const innerH = height - top - MARGIN.bottom;
  const x = scaleBand<string>()
    .domain(groups.map((g) => g.category))
    .range([0, innerW])
    .paddingInner(0.22)
    .paddingOuter(0.1);
  const inner = scaleBand<string>()
    .domain(series.map((s) => s.id))
    .range([0, x.bandwidth()])
    .paddingInner(0.08);
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const y = scaleLinear()
    .domain([0, max * 1.08])
    .range([innerH, 0])
    .nice(5);
  const color = new Map(series.map((s) => [s.id, s.color]));
  return (
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={height} role="img" aria-label={`${title}. ${summary}`}>
        <text x={MARGIN.left} y={16} className="chart-svg-title">
          {title}
        </text>
        <ChartLegend items={legend} width={innerW} x={MARGIN.left} y={22} />
        <g transform={`translate(${MARGIN.left},${top})`}>
          {y.ticks(5).map((t) => (
            <g key={t}>
              <line x1={0} x2={innerW} y1={y(t)} y2={y(t)} className="grid-line" />
              <text x={-8} y={y(t)} dy="0.32em" textAnchor="end" className="axis-label">
                {t}
              </text>
            </g>
          ))}
          {groups.map((g) => (
            <g key={g.category} transform={`translate(${x(g.category) ?? 0},0)`}>
              {g.bars.map((b) => {
                const bx = inner(b.seriesId) ?? 0;
                const cx = bx + inner.bandwidth() / 2;
                return (
                  <g key={b.seriesId}>
                    <rect x={bx} y={y(b.value)} width={inner.bandwidth()} height={Math.max(0, innerH - y(b.value))} fill={color.get(b.seriesId) ?? '#999'}>
                      <title>{b.tooltip}</title>
                    </rect>
                    {b.low !== undefined && b.low < b.value ? <line x1={cx} x2={cx} y1={y(b.value)} y2={y(b.low)} className="bar-whisker" /> : null}
                  </g>
                );
              })}
              <text x={x.bandwidth() / 2} y={innerH + 16} textAnchor="middle" className="axis-label">
                {g.category}
              </text>
            </g>
          ))}
          <line x1={0} x2={innerW} y1={innerH} y2={innerH} className="axis-line" />
          <text x={innerW / 2} y={innerH + 36} textAnchor="middle" className="axis-title">
            {xLabel}
          </text>
          <text transform={`translate(${-42},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
            {yLabel}
          </text>
        </g>
      </svg>
    </div>
  );
}
