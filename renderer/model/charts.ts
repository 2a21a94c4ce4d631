/**
 * Chart helpers several screens share, drawn by React (ui/charts) or as
 * standalone SVG (the org chart, the GPU simulation's charts): a colour per
 * series, how many month labels fit an axis, and XY series with their
 * extents. Pure.
 */

/** A colour per series (Tableau 10, then repeated lighter), stable by index. */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

/** Which month labels to print on an axis so they do not collide: every k-th, always the first. */
export function tickEvery(count: number, widthPx: number, labelPx = 46): number {
  if (count <= 0) return 1;
  const fit = Math.max(1, Math.floor(widthPx / labelPx));
  return Math.max(1, Math.ceil(count / fit));
}

export interface XYPoint {
  x: number;
  y: number;
}

export interface XYSeries {
  id: string;
  label: string;
  color: string;
  points: XYPoint[];
  /** Lower edge of a band (same x as `points`); absent = a line. */
  base?: XYPoint[];
}

export interface XYMarker {
  x: number;
  label: string;
  color: string;
}

/** The largest y over the series (bands' tops included), at least `floor`. */
export function seriesMax(series: readonly XYSeries[], floor = 1): number {
  let max = floor;
  for (const s of series) for (const p of s.points) if (Number.isFinite(p.y) && p.y > max) max = p.y;
  return max;
}

/** The x extent over the series. */
export function seriesExtent(series: readonly XYSeries[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const p of s.points) {
      if (p.x < lo) lo = p.x;
      if (p.x > hi) hi = p.x;
    }
  return Number.isFinite(lo) ? [lo, hi > lo ? hi : lo + 1] : [0, 1];
}
