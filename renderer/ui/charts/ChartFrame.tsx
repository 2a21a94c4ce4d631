/**
 * The frame every delivery chart is drawn in (d3 scales, drawn by React): the
 * SVG sized to its container, named for screen readers by its title and a
 * sentence on what it shows, the title and legend on top, the plot area, and
 * the axis titles (they carry the units). A chart passes only its own marks.
 */
import { useRef, type ReactNode, type RefObject } from 'react';
import { useElementWidth } from '../../hooks/useElementWidth.ts';
import { ChartLegend } from './ChartLegend.tsx';
import { LEGEND_Y, TITLE_Y, type PlotLayout } from './plot-layout.ts';

/** The container to measure and its width (at least `min`; `initial` until measured). */
export function useChartWidth(min: number, initial: number): { frameRef: RefObject<HTMLDivElement | null>; width: number } {
  const frameRef = useRef<HTMLDivElement>(null);
  return { frameRef, width: Math.max(min, useElementWidth(frameRef, initial)) };
}

/** The rotated y title sits this far from the SVG's left edge. */
const Y_TITLE_INSET = 14;

export interface ChartFrameProps {
  frameRef: RefObject<HTMLDivElement | null>;
  layout: PlotLayout;
  title: string;
  /** A sentence for screen readers on what the chart shows (the figures are in the table next to it). */
  summary: string;
  /** Below the plot, with its unit. */
  xTitle?: string;
  /** Distance of the x title's baseline below the plot. */
  xTitleGap?: number;
  /** Left of the plot, rotated, with its unit. */
  yTitle?: string;
  className?: string;
  /** The chart's marks, in the plot's coordinates (0,0 is its top left). */
  children: ReactNode;
}

export function ChartFrame({ frameRef, layout, title, summary, xTitle, xTitleGap = 36, yTitle, className, children }: ChartFrameProps) {
  const { width, height, margin, top, innerW, innerH, header, legend } = layout;
  return (
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={height} className={className} role="img" aria-label={`${title}. ${summary}`}>
        <text x={header.x} y={TITLE_Y} className="chart-svg-title">
          {title}
        </text>
        <ChartLegend items={legend} width={header.width} x={header.x} y={LEGEND_Y} />
        <g transform={`translate(${margin.left},${top})`}>
          {children}
          {xTitle ? (
            <text x={innerW / 2} y={innerH + xTitleGap} textAnchor="middle" className="axis-title">
              {xTitle}
            </text>
          ) : null}
          {yTitle ? (
            <text transform={`translate(${-(margin.left - Y_TITLE_INSET)},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
              {yTitle}
            </text>
          ) : null}
        </g>
      </svg>
    </div>
  );
}
