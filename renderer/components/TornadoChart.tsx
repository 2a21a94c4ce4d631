/**
 * The tornado: how far each parameter, moved down and up by the same share,
 * moves the P85 time to production (weeks), biggest swing on top. Bars run
 * from the base P85 to the P85 at the low (light) and high (dark) value.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useRef } from 'react';
import type { TornadoBar } from '../delivery/charts.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { ChartLegend } from './ChartLegend.tsx';

const MARGIN = { top: 46, right: 24, bottom: 40, left: 250 };
const ROW = 24;
const LOW = '#9db4ea';
const HIGH = '#2f5bd3';

const fmt = (v: number) => (Math.abs(v) >= 10 ? (Math.round(v * 10) / 10).toString() : (Math.round(v * 100) / 100).toString());

export function TornadoChart({ title, bars, baseP85, deltaPct, summary }: { title: string; bars: readonly TornadoBar[]; baseP85: number; deltaPct: number; summary: string }) {
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(480, useElementWidth(frameRef, 720));
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = bars.length * ROW;
  const height = MARGIN.top + innerH + MARGIN.bottom;
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
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={height} role="img" aria-label={`${title}. ${summary}`}>
        <text x={12} y={16} className="chart-svg-title">
          {title}
        </text>
        <ChartLegend
          items={[
            { label: `Parameter −${deltaPct}%`, color: LOW, shape: 'box' },
            { label: `Parameter +${deltaPct}%`, color: HIGH, shape: 'box' },
            { label: `Base P85 ${fmt(baseP85)} weeks`, color: '#1c2330', shape: 'dash' },
          ]}
          width={width - 24}
          x={12}
          y={22}
        />
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {x.ticks(6).map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={0} y2={innerH} className="grid-line" />
              <text x={x(t)} y={innerH + 16} textAnchor="middle" className="axis-label">
                {t}
              </text>
            </g>
          ))}
          {bars.map((b) => {
            const low = span(baseP85, b.lowP85);
            const high = span(baseP85, b.highP85);
            const top = y(b.parameter) ?? 0;
            const h = y.bandwidth();
            return (
              <g key={b.parameter} className="tornado-row">
                <text x={-8} y={top + h / 2} dy="0.32em" textAnchor="end" className="axis-label">
                  {b.label}
                </text>
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
          <text x={innerW / 2} y={innerH + 34} textAnchor="middle" className="axis-title">
            P85 time to production (weeks)
          </text>
        </g>
      </svg>
    </div>
  );
}
