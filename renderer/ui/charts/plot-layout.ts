/**
 * Where a chart's parts go: the title and the legend on top (inside the SVG,
 * so an exported file explains itself), the plot area below them. The plot
 * starts under the legend's last row, so a legend that wraps pushes the plot
 * down instead of covering it.
 */
import { legendHeight, type LegendItem } from './ChartLegend.tsx';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Baseline of the chart's title. */
export const TITLE_Y = 16;
/** Top of the legend's first row. */
export const LEGEND_Y = 22;
/** Space between the legend's last row and the plot. */
const LEGEND_GAP = 6;

export interface PlotLayout {
  width: number;
  height: number;
  margin: Margin;
  /** Where the plot area starts (below the title and legend). */
  top: number;
  innerW: number;
  innerH: number;
  /** Where the title and legend sit, and the width the legend wraps at. */
  header: { x: number; width: number };
  legend: readonly LegendItem[];
}

export interface PlotLayoutInput {
  width: number;
  margin: Margin;
  legend: readonly LegendItem[];
  /** Default: above the plot area (from `margin.left`, its width). */
  header?: { x: number; width: number };
}

/**
 * A chart of a fixed `height` (the plot takes what the header leaves), or one
 * whose plot is `innerHeight` tall (rows of bars: the chart grows with them).
 */
export function plotLayout(input: PlotLayoutInput & ({ height: number } | { innerHeight: number })): PlotLayout {
  const { width, margin, legend } = input;
  const innerW = width - margin.left - margin.right;
  const header = input.header ?? { x: margin.left, width: innerW };
  const top = margin.top + legendHeight(legend, header.width) + LEGEND_GAP;
  const innerH = 'height' in input ? input.height - top - margin.bottom : input.innerHeight;
  const height = 'height' in input ? input.height : top + innerH + margin.bottom;
  return { width, height, margin, top, innerW, innerH, header, legend };
}
