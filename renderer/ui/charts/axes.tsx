/**
 * Axis pieces of the charts drawn by React: tick labels (numbers in a
 * format, or the categories of a band scale) with their grid lines, grid
 * lines alone, and the base line. Units belong in the axis title
 * (`ChartFrame`), so the labels stay short.
 */
import type { PlotLayout } from './plot-layout.ts';

type PlotSize = Pick<PlotLayout, 'innerW' | 'innerH'>;

/** Below the plot, tick labels sit this far under it. */
const X_LABEL_GAP = 16;
/** Left of the plot, tick labels end this far from it. */
const Y_LABEL_GAP = 8;
/** Above the plot, tick labels' baseline sits this far over it. */
const TOP_LABEL_GAP = 6;

export interface AxisTicksProps<T> {
  /**
   * 'y': labels left of the plot, grid lines across it; 'x': labels below,
   * grid lines up through it; 'top': labels above it (a timeline's months).
   */
  axis: 'x' | 'y' | 'top';
  ticks: readonly T[];
  /** Position of a tick along the axis (a d3 scale, or a band's middle). */
  at: (tick: T) => number;
  label: (tick: T) => string;
  plot: PlotSize;
  /** Default true; false for labels only (categories, or an axis whose grid would clutter the marks). */
  grid?: boolean;
  /** Distance of the labels from the plot's edge (default 16 below it, 8 left of it, 6 above it). */
  labelGap?: number;
}

export function AxisTicks<T>({ axis, ticks, at, label, plot, grid = true, labelGap }: AxisTicksProps<T>) {
  return (
    <>
      {ticks.map((t, i) => {
        const p = at(t);
        return axis === 'y' ? (
          <g key={i}>
            {grid ? <line x1={0} x2={plot.innerW} y1={p} y2={p} className="grid-line" /> : null}
            <text x={-(labelGap ?? Y_LABEL_GAP)} y={p} dy="0.32em" textAnchor="end" className="axis-label">
              {label(t)}
            </text>
          </g>
        ) : (
          <g key={i}>
            {grid ? <line x1={p} x2={p} y1={0} y2={plot.innerH} className="grid-line" /> : null}
            <text x={p} y={axis === 'top' ? -(labelGap ?? TOP_LABEL_GAP) : plot.innerH + (labelGap ?? X_LABEL_GAP)} textAnchor="middle" className="axis-label">
              {label(t)}
            </text>
          </g>
        );
      })}
    </>
  );
}

export interface GridLinesProps<T> {
  /** 'x': vertical lines up through the plot at x positions; 'y': horizontal lines across it. */
  axis: 'x' | 'y';
  ticks: readonly T[];
  at: (tick: T) => number;
  plot: PlotSize;
  /** A line's class (default 'grid-line'; e.g. a timeline's year boundaries drawn stronger). */
  className?: (tick: T) => string;
}

/** Grid lines without labels, where they are not where the labels are (a timeline's month boundaries, its labels mid-month). */
export function GridLines<T>({ axis, ticks, at, plot, className }: GridLinesProps<T>) {
  return (
    <>
      {ticks.map((t, i) => {
        const p = at(t);
        const cls = className ? className(t) : 'grid-line';
        return axis === 'x' ? <line key={i} x1={p} x2={p} y1={0} y2={plot.innerH} className={cls} /> : <line key={i} x1={0} x2={plot.innerW} y1={p} y2={p} className={cls} />;
      })}
    </>
  );
}

/** The x axis' base line, drawn over the marks that stand on it. */
export function AxisLine({ plot }: { plot: PlotSize }) {
  return <line x1={0} x2={plot.innerW} y1={plot.innerH} y2={plot.innerH} className="axis-line" />;
}

/** A row's name left of the plot, centred on `y` (rows of bars: designs, parameters). */
export function RowLabel({ y, children }: { y: number; children: string }) {
  return (
    <text x={-Y_LABEL_GAP} y={y} dy="0.32em" textAnchor="end" className="axis-label">
      {children}
    </text>
  );
}
