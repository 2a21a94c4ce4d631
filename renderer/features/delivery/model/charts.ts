/**
 * Chart data for the delivery simulation, shaped from its results so the
 * chart components only draw: time-to-production distributions on one
 * scale, where the time goes as stacked segments, the cumulative flow as
 * bands, and the tornado as bars either side of the base P85. Pure.
 */
import type { DesignKind } from '../../../../sim/delivery/design.ts';
import type { DesignResult } from '../../../../sim/delivery/results.ts';
import type { SensitivityResult } from '../../../../sim/delivery/sensitivity.ts';
import type { XYMarker, XYPoint, XYSeries } from '../../../model/charts.ts';

export const DESIGN_COLORS: Record<DesignKind, string> = {
  centralized: '#b5542f',
  pods: '#2f5bd3',
  'pods-platform': '#1f7a4d',
};

/**
 * The designs' time-to-production histograms as step lines on one scale.
 * Designs use different bin widths, so each bin is shown as its share per
 * week (share ÷ bin width): the areas are comparable, each sums to 100%.
 */
export function timeToProductionSeries(designs: readonly DesignResult[]): { series: XYSeries[]; markers: XYMarker[] } {
  const series: XYSeries[] = [];
  const markers: XYMarker[] = [];
  for (const d of designs) {
    const t = d.timeToProduction;
    const points: XYPoint[] = [];
    for (const bin of t.histogram) {
      const y = (100 * bin.share) / Math.max(1e-9, bin.to - bin.from);
      points.push({ x: bin.from, y }, { x: bin.to, y });
    }
    if (points.length) points.push({ x: points[points.length - 1]!.x, y: 0 });
    series.push({ id: d.kind, label: d.label, color: DESIGN_COLORS[d.kind], points });
    if (Number.isFinite(t.p50)) markers.push({ x: t.p50, label: `${d.label} P50`, color: DESIGN_COLORS[d.kind] });
  }
  return { series, markers };
}

/** Mean initiatives in flight at the start of each week, per design. */
export function wipSeries(designs: readonly DesignResult[]): XYSeries[] {
  return designs.map((d) => ({ id: d.kind, label: d.label, color: DESIGN_COLORS[d.kind], points: d.wip.map((y, w) => ({ x: w, y })) }));
}

/** Mean initiatives shipped per plan month, per design. */
export function shippedSeries(designs: readonly DesignResult[]): XYSeries[] {
  return designs.map((d) => ({ id: d.kind, label: d.label, color: DESIGN_COLORS[d.kind], points: d.shippedPerMonth.map((m) => ({ x: m.month, y: m.mean })) }));
}

const CFD_BANDS = [
  { id: 'done', label: 'In production', color: '#1f7a4d', top: 'done', bottom: null },
  { id: 'integrating', label: 'Integrating and deploying', color: '#7aa6d9', top: 'integrated', bottom: 'done' },
  { id: 'in-progress', label: 'Being built (discovery to parts done)', color: '#2f5bd3', top: 'started', bottom: 'integrated' },
  { id: 'backlog', label: 'Waiting to start', color: '#c9ced6', top: 'arrived', bottom: 'started' },
] as const;

/** The cumulative flow diagram of one design: stacked bands, cumulative mean initiatives per trial by week. */
export function cumulativeFlowBands(design: DesignResult): XYSeries[] {
  return CFD_BANDS.map((band) => ({
    id: band.id,
    label: band.label,
    color: band.color,
    points: design.cfd.map((p) => ({ x: p.week, y: p[band.top] })),
    base: design.cfd.map((p) => ({ x: p.week, y: band.bottom === null ? 0 : p[band.bottom] })),
  }));
}

export type SegmentKind = 'backlog' | 'working' | 'rework' | 'queue' | 'handoff' | 'other';

export interface TimeSegment {
  kind: SegmentKind;
  label: string;
  weeks: number;
  x0: number;
  x1: number;
}

export const SEGMENT_COLORS: Record<SegmentKind, string> = {
  backlog: '#c9ced6',
  working: '#1f7a4d',
  rework: '#c23a3a',
  queue: '#e0a040',
  handoff: '#a86700',
  other: '#8a93a0',
};

/** Where a design's mean time to production goes, as consecutive segments (weeks), the biggest waits named by team. */
export function timeBreakdownSegments(design: DesignResult): TimeSegment[] {
  const b = design.breakdown;
  const parts: Array<{ kind: SegmentKind; label: string; weeks: number }> = [
    { kind: 'backlog', label: 'Waiting in the backlog before discovery', weeks: b.backlog },
    { kind: 'working', label: 'Being worked on', weeks: b.working },
    ...b.waiting.flatMap((w) => [
      { kind: 'queue' as const, label: `Queued at ${w.teamName}`, weeks: w.queue },
      { kind: 'handoff' as const, label: `Hand-off to ${w.teamName} (waiting for its next intake)`, weeks: w.handoff },
    ]),
    { kind: 'rework', label: 'Rework after integration defects and failed deploys', weeks: b.rework },
    { kind: 'other', label: 'Other', weeks: b.other },
  ];
  const segments: TimeSegment[] = [];
  let x = 0;
  for (const p of parts) {
    if (!(p.weeks > 0.005)) continue;
    segments.push({ ...p, x0: x, x1: x + p.weeks });
    x += p.weeks;
  }
  return segments;
}

export interface TornadoBar {
  parameter: string;
  label: string;
  source: string;
  unit: string;
  base: number;
  lowValue: number;
  highValue: number;
  /** P85 (weeks) at the low and high value. */
  lowP85: number;
  highP85: number;
  swing: number;
}

/** The tornado's bars, largest swing first, at most `limit`; parameters that move nothing are dropped. */
export function tornadoBars(result: SensitivityResult, limit = 12): TornadoBar[] {
  return result.rows
    .filter((r) => r.swing > 1e-9)
    .slice(0, limit)
    .map((r) => ({
      parameter: r.parameter,
      label: r.label,
      source: r.source,
      unit: r.unit,
      base: r.base,
      lowValue: r.low.value,
      highValue: r.high.value,
      lowP85: r.low.p85,
      highP85: r.high.p85,
      swing: r.swing,
    }));
}
