/**
 * Lines and stacked bands over a numeric x axis (d3 scales and shapes, drawn
 * by React): the delivery simulation's distributions, WIP, cumulative flow
 * and shipped-per-month charts, in a `ChartFrame` (title, legend and axis
 * titles with units inside the SVG); markers are labelled vertical lines (P50s).
 */
import { area, line, scaleLinear } from 'd3';
import { AxisLine, AxisTicks } from './axes.tsx';
import { ChartFrame, useChartWidth } from './ChartFrame.tsx';
import type { LegendItem } from './ChartLegend.tsx';
import { plotLayout } from './plot-layout.ts';
import { seriesExtent, seriesMax, type XYMarker, type XYSeries } from '../../model/charts.ts';

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
  const { frameRef, width } = useChartWidth(360, 640);
  const legend: LegendItem[] = [
    ...series.map((s) => ({ label: s.label, color: s.color, shape: s.base ? ('box' as const) : ('line' as const) })),
    ...markers.map((m) => ({ label: m.label, color: m.color, shape: 'dash' as const })),
  ];
  const plot = plotLayout({ width, height, margin: MARGIN, legend });
  const { innerW, innerH } = plot;
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
    <ChartFrame frameRef={frameRef} layout={plot} title={title} summary={summary} xTitle={xLabel} yTitle={yLabel} className="xy-chart">
      <AxisTicks axis="y" ticks={y.ticks(5)} at={y} label={yFormat} plot={plot} />
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
      <AxisLine plot={plot} />
      <AxisTicks axis="x" grid={false} ticks={x.ticks(Math.max(2, Math.floor(innerW / 70)))} at={x} label={xFormat} plot={plot} />
    </ChartFrame>
  );
}
