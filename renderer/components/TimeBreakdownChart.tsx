/**
 * Where the time goes: one horizontal bar per org design, its mean time to
 * production split into backlog, work, each queue and hand-off, and rework
 * (weeks). The segments' kinds share colours across designs, so the eye
 * compares waiting with waiting.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useRef } from 'react';
import { SEGMENT_COLORS, type SegmentKind, type TimeSegment } from '../delivery/charts.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { ChartLegend, legendHeight } from './ChartLegend.tsx';

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
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(360, useElementWidth(frameRef, 640));
  const innerW = width - MARGIN.left - MARGIN.right;
  const kinds = (Object.keys(KIND_LABELS) as SegmentKind[]).filter((k) => rows.some((r) => r.segments.some((s) => s.kind === k)));
  const legend = kinds.map((k) => ({ label: KIND_LABELS[k], color: SEGMENT_COLORS[k], shape: 'box' as const }));
  const top = MARGIN.top + legendHeight(legend, innerW) + 6;
  const innerH = rows.length * ROW;
  const height = top + innerH + MARGIN.bottom;
  const max = Math.max(1, ...rows.map((r) => r.segments.at(-1)?.x1 ?? 0));
  const x = scaleLinear()
    .domain([0, max * 1.04])
    .range([0, innerW])
    .nice(6);
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.id))
    .range([0, innerH])
    .paddingInner(0.3);
  return (
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={height} role="img" aria-label={`${title}. ${summary}`}>
        <text x={MARGIN.left} y={16} className="chart-svg-title">
          {title}
        </text>
        <ChartLegend items={legend} width={innerW} x={MARGIN.left} y={22} />
        <g transform={`translate(${MARGIN.left},${top})`}>
          {x.ticks(6).map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={0} y2={innerH} className="grid-line" />
              <text x={x(t)} y={innerH + 16} textAnchor="middle" className="axis-label">
                {t}
              </text>
            </g>
          ))}
          {rows.map((r) => (
            <g key={r.id} transform={`translate(0,${y(r.id) ?? 0})`}>
              <text x={-8} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end" className="axis-label">
                {r.label}
              </text>
              {r.segments.map((s) => (
                <rect key={s.label} x={x(s.x0)} y={0} width={Math.max(0.5, x(s.x1) - x(s.x0))} height={y.bandwidth()} fill={SEGMENT_COLORS[s.kind]} stroke="#fff" strokeWidth={0.5}>
                  <title>{`${r.label} — ${s.label}: ${s.weeks.toFixed(1)} weeks`}</title>
                </rect>
              ))}
            </g>
          ))}
          <text x={innerW / 2} y={innerH + 34} textAnchor="middle" className="axis-title">
            Mean weeks per shipped initiative, from request to production
          </text>
        </g>
      </svg>
    </div>
  );
}
