/**
 * The tornado: how far each parameter, moved down and up by the same share,
 * moves the P85 time to production (weeks), biggest swing on top. Bars run
 * from the base P85 to the P85 at the low (light) and high (dark) value.
 */
import { scaleBand, scaleLinear } from 'd3';
import { AxisTicks, RowLabel } from '../../ui/charts/axes.tsx';
import { ChartFrame, useChartWidth } from '../../ui/charts/ChartFrame.tsx';
import { plotLayout } from '../../ui/charts/plot-layout.ts';
import type { TornadoBar } from './model/charts.ts';

const MARGIN = { top: 24, right: 24, bottom: 40, left: 250 };
/** The title and legend start at the left edge: the parameters' names take the plot's margin. */
const HEADER_INSET = 12;
const ROW = 24;
const LOW = '#9db4ea';
const HIGH = '#2f5bd3';

const fmt = (v: number) => (Math.abs(v) >= 10 ? (Math.round(v * 10) / 10).toString() : (Math.round(v * 100) / 100).toString());

export function TornadoChart({ title, bars, baseP85, deltaPct, summary }: { title: string; bars: readonly TornadoBar[]; baseP85: number; deltaPct: number; summary: string }) {
  const { frameRef, width } = useChartWidth(480, 720);
  const legend = [
    { label: `Parameter −${deltaPct}%`, color: LOW, shape: 'box' as const },
    { label: `Parameter +${deltaPct}%`, color: HIGH, shape: 'box' as const },
    { label: `Base P85 ${fmt(baseP85)} weeks`, color: '#1c2330', shape: 'dash' as const },
  ];
  const plot = plotLayout({ width, innerHeight: bars.length * ROW, margin: MARGIN, legend, header: { x: HEADER_INSET, width: width - 2 * HEADER_INSET } });
  const { innerW, innerH } = plot;
  const values = [baseP85, ...bars.flatMap((b) => [b.lowP85, b.highP85])].filter(Number.isFinite);
  const x = scaleLinear()
    .domain([Math.min(...values), Math.max(...values)])
    .range([0, innerW])
    .nice(6);
  const y = scaleBand<string>()
    .domain(bars.map((b) => b.parameter))
    .range([0, innerH])
    .paddingInner(0.25);
  const span = (a: number, b: number) => ({ x: x(Math.min(a, b)), w: Math.max(1, Math.abs(x(a) - x(b))) });
  return (
    <ChartFrame frameRef={frameRef} layout={plot} title={title} summary={summary} xTitle="P85 time to production (weeks)" xTitleGap={34}>
      <AxisTicks axis="x" ticks={x.ticks(6)} at={x} label={String} plot={plot} />
      {bars.map((b) => {
        const low = span(baseP85, b.lowP85);
        const high = span(baseP85, b.highP85);
        const top = y(b.parameter) ?? 0;
        const h = y.bandwidth();
        return (
          <g key={b.parameter} className="tornado-row">
            <RowLabel y={top + h / 2}>{b.label}</RowLabel>
            <rect x={low.x} y={top} width={low.w} height={h / 2} fill={LOW}>
              <title>{`${b.label} at ${fmt(b.lowValue)} ${b.unit} (−${deltaPct}%): P85 ${fmt(b.lowP85)} weeks`}</title>
            </rect>
            <rect x={high.x} y={top + h / 2} width={high.w} height={h / 2} fill={HIGH}>
              <title>{`${b.label} at ${fmt(b.highValue)} ${b.unit} (+${deltaPct}%): P85 ${fmt(b.highP85)} weeks`}</title>
            </rect>
          </g>
        );
      })}
      <line x1={x(baseP85)} x2={x(baseP85)} y1={-4} y2={innerH} stroke="#1c2330" strokeWidth={1.5} strokeDasharray="4 3" />
    </ChartFrame>
  );
}
