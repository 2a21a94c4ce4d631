/**
 * Bars grouped by category (e.g. quarter) with one bar per series (e.g. org
 * design), optional whiskers down to a low value (the 15th percentile of
 * trials), d3 band scales drawn by React in a `ChartFrame` (title, legend,
 * axis titles with units).
 */
import { scaleBand, scaleLinear } from 'd3';
import { AxisLine, AxisTicks } from './axes.tsx';
import { ChartFrame, useChartWidth } from './ChartFrame.tsx';
import { plotLayout } from './plot-layout.ts';

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
  const { frameRef, width } = useChartWidth(360, 640);
  const legend = series.map((s) => ({ label: s.label, color: s.color, shape: 'box' as const }));
  const plot = plotLayout({ width, height, margin: MARGIN, legend });
  const { innerW, innerH } = plot;
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
    <ChartFrame frameRef={frameRef} layout={plot} title={title} summary={summary} xTitle={xLabel} yTitle={yLabel}>
      <AxisTicks axis="y" ticks={y.ticks(5)} at={y} label={String} plot={plot} />
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
        </g>
      ))}
      <AxisLine plot={plot} />
      <AxisTicks axis="x" grid={false} ticks={groups} at={(g) => (x(g.category) ?? 0) + x.bandwidth() / 2} label={(g) => g.category} plot={plot} />
    </ChartFrame>
  );
}
