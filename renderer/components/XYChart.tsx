/**
 * Lines and stacked bands over a numeric x axis (d3 scales and shapes, drawn
 * by React): the delivery simulation's distributions, WIP, cumulative flow
 * and shipped-per-month charts. Title, legend and axis titles with units are
 * inside the SVG; markers are labelled vertical lines (P50s).
 */
import { area, line, scaleLinear } from 'd3';
import { useRef } from 'react';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { seriesExtent, seriesMax, type XYMarker, type XYSeries } from '../delivery/charts.ts';
import { ChartLegend, legendHeight, type LegendItem } from './ChartLegend.tsx';

const MARGIN = { top: 30, right: 20, bottom: 44, left: 62 };

export interface XYChartProps {
  title: string;
  series: readonly XYSeries[];
  markers?: readonly XYMarker[];
  xLabel: string;
  yLabel: string;
  xFormat?: (x: number) => string;
  yFormat?: (y: number) => string;
  /** Default: the series' extent. */
  xDomain?: [number, number];
  height?: number;
  /** A sentence for screen readers on what the chart shows (the figures are in the table next to it). */
  summary: string;
}

const plain = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toString() : (Math.round(v * 10) / 10).toString());

export function XYChart({ title, series, markers = [], xLabel, yLabel, xFormat = plain, yFormat = plain, xDomain, height = 280, summary }: XYChartProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(360, useElementWidth(frameRef, 640));
  const legend: LegendItem[] = [
    ...series.map((s) => ({ label: s.label, color: s.color, shape: s.base ? ('box' as const) : ('line' as const) })),
    ...markers.map((m) => ({ label: m.label, color: m.color, shape: 'dash' as const })),
  ];
  const legendH = legendHeight(legend, width - MARGIN.left - MARGIN.right);
  const top = MARGIN.top + legendH + 6;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - top - MARGIN.bottom;
  const x = scaleLinear()
    .domain(xDomain ?? seriesExtent(series))
    .range([0, innerW]);
  const y = scaleLinear()
    .domain([0, seriesMax(series, 0) * 1.08 || 1])
    .range([innerH, 0])
    .nice(5);
  const path = line<{ x: number; y: number }>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const band = (s: XYSeries) => {
    const base = s.base ?? [];
    return area<number>()
      .x((i) => x(s.points[i]!.x))
      .y0((i) => y(base[i]?.y ?? 0))
      .y1((i) => y(s.points[i]!.y))(s.points.map((_, i) => i));
  };
  const [x0, x1] = x.domain() as [number, number];

  return (
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={height} className="xy-chart" role="img" aria-label={`${title}. ${summary}`}>
        <text x={MARGIN.left} y={16} className="chart-svg-title">
          {title}
        </text>
        <ChartLegend items={legend} width={innerW} x={MARGIN.left} y={22} />
        <g transform={`translate(${MARGIN.left},${top})`}>
          {y.ticks(5).map((t) => (
            <g key={t}>
              <line x1={0} x2={innerW} y1={y(t)} y2={y(t)} className="grid-line" />
              <text x={-8} y={y(t)} dy="0.32em" textAnchor="end" className="axis-label">
                {yFormat(t)}
              </text>
            </g>
          ))}
          {series.map((s) =>
            s.base ? (
              <path key={s.id} d={band(s) ?? ''} fill={s.color} fillOpacity={0.85} stroke="none">
                <title>{s.label}</title>
              </path>
            ) : (
              <path key={s.id} d={path(s.points) ?? ''} fill="none" stroke={s.color} strokeWidth={2} strokeLinejoin="round">
                <title>{s.label}</title>
              </path>
            ),
          )}
          {markers.map((m) =>
            m.x >= x0 && m.x <= x1 ? (
              <line key={m.label} x1={x(m.x)} x2={x(m.x)} y1={0} y2={innerH} stroke={m.color} strokeWidth={1.5} strokeDasharray="4 3">
                <title>{`${m.label}: ${xFormat(m.x)}`}</title>
              </line>
            ) : null,
          )}
          <line x1={0} x2={innerW} y1={innerH} y2={innerH} className="axis-line" />
          {x.ticks(Math.max(2, Math.floor(innerW / 70))).map((t) => (
            <text key={t} x={x(t)} y={innerH + 16} textAnchor="middle" className="axis-label">
              {xFormat(t)}
            </text>
          ))}
          <text x={innerW / 2} y={innerH + 36} textAnchor="middle" className="axis-title">
            {xLabel}
          </text>
          <text transform={`translate(${-48},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
            {yLabel}
          </text>
        </g>
      </svg>
    </div>
  );
}
