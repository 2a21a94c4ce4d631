/**
 * Axis pieces of the charts drawn by React: tick labels (numbers in a
 * format, or the categories of a band scale) with their grid lines, and the
 * base line. Units belong in the axis title (`ChartFrame`), so the labels
 * stay short.
 */
import type { PlotLayout } from './plot-layout.ts';

type PlotSize = Pick<PlotLayout, 'innerW' | 'innerH'>;

/** Below the plot, tick labels sit this far under it. */
const X_LABEL_GAP = 16;
/** Left of the plot, tick labels end this far from it. */
const Y_LABEL_GAP = 8;

export interface AxisTicksProps<T> {
  /** 'y': labels left of the plot, grid lines across it; 'x': labels below, grid lines up through it. */
  axis: 'x' | 'y';
  ticks: readonly T[];
  /** Position of a tick along the axis (a d3 scale, or a band's middle). */
  at: (tick: T) => number;
  label: (tick: T) => string;
  plot: PlotSize;
  /** Default true; false for labels only (categories, or an axis whose grid would clutter the marks). */
  grid?: boolean;
}

export function AxisTicks<T>({ axis, ticks, at, label, plot, grid = true }: AxisTicksProps<T>) {
  return (
    <>
      {ticks.map((t, i) => {
        const p = at(t);
        return axis === 'y' ? (
          <g key={i}>
            {grid ? <line x1={0} x2={plot.innerW} y1={p} y2={p} className="grid-line" /> : null}
            <text x={-Y_LABEL_GAP} y={p} dy="0.32em" textAnchor="end" className="axis-label">
              {label(t)}
            </text>
          </g>
        ) : (
          <g key={i}>
            {grid ? <line x1={p} x2={p} y1={0} y2={plot.innerH} className="grid-line" /> : null}
            <text x={p} y={plot.innerH + X_LABEL_GAP} textAnchor="middle" className="axis-label">
              {label(t)}
            </text>
          </g>
        );
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
