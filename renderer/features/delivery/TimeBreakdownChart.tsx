/**
 * Where the time goes: one horizontal bar per org design, its mean time to
 * production split into backlog, work, each queue and hand-off, and rework
 * (weeks). The segments' kinds share colours across designs, so the eye
 * compares waiting with waiting.
 */
import { scaleBand, scaleLinear } from 'd3';
import { AxisTicks, RowLabel } from '../../ui/charts/axes.tsx';
import { ChartFrame, useChartWidth } from '../../ui/charts/ChartFrame.tsx';
import { plotLayout } from '../../ui/charts/plot-layout.ts';
import { SEGMENT_COLORS, type SegmentKind, type TimeSegment } from './model/charts.ts';

const KIND_LABELS: Record<SegmentKind, string> = {
  backlog: 'Backlog',
  working: 'Working',
  queue: 'Queued at a team',
  handoff: 'Hand-off (next intake)',
  rework: 'Rework',
  other: 'Other',
};

const MARGIN = { top: 30, right: 20, bottom: 40, left: 190 };
const ROW = 34;

export function TimeBreakdownChart({ title, rows, summary }: { title: string; rows: ReadonlyArray<{ id: string; label: string; segments: TimeSegment[] }>; summary: string }) {
  const { frameRef, width } = useChartWidth(360, 640);
  const kinds = (Object.keys(KIND_LABELS) as SegmentKind[]).filter((k) => rows.some((r) => r.segments.some((s) => s.kind === k)));
  const legend = kinds.map((k) => ({ label: KIND_LABELS[k], color: SEGMENT_COLORS[k], shape: 'box' as const }));
  const plot = plotLayout({ width, innerHeight: rows.length * ROW, margin: MARGIN, legend });
  const max = Math.max(1, ...rows.map((r) => r.segments.at(-1)?.x1 ?? 0));
  const x = scaleLinear()
    .domain([0, max * 1.04])
    .range([0, plot.innerW])
    .nice(6);
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.id))
    .range([0, plot.innerH])
    .paddingInner(0.3);
  return (
    <ChartFrame frameRef={frameRef} layout={plot} title={title} summary={summary} xTitle="Mean weeks per shipped initiative, from request to production" xTitleGap={34}>
      <AxisTicks axis="x" ticks={x.ticks(6)} at={x} label={String} plot={plot} />
      {rows.map((r) => (
        <g key={r.id} transform={`translate(0,${y(r.id) ?? 0})`}>
          <RowLabel y={y.bandwidth() / 2}>{r.label}</RowLabel>
          {r.segments.map((s) => (
            <rect key={s.label} x={x(s.x0)} y={0} width={Math.max(0.5, x(s.x1) - x(s.x0))} height={y.bandwidth()} fill={SEGMENT_COLORS[s.kind]} stroke="#fff" strokeWidth={0.5}>
              <title>{`${r.label} — ${s.label}: ${s.weeks.toFixed(1)} weeks`}</title>
            </rect>
          ))}
        </g>
      ))}
    </ChartFrame>
  );
}
