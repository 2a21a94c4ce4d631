/**
 * Monthly cost stacked by team (d3 scales, drawn by React like the policy
 * summary's bars): one bar per plan month, the budget cap per plan year as a
 * monthly line (cap ÷ 12), and the month the plan year's spend passes the
 * cap marked. Axes carry their units; every segment has a tooltip.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useRef } from 'react';
import { AxisLine, AxisTicks } from '../charts/axes.tsx';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { tickEvery, type CostChartData } from '../planning/cost-chart.ts';
import { money, moneyShort, monthName, monthShort } from '../planning/format.ts';

const HEIGHT = 300;
const MARGIN = { top: 22, right: 18, bottom: 52, left: 78 };

export interface CostChartProps {
  data: CostChartData;
  currency: string;
  /** Colour per team id. */
  colors: ReadonlyMap<string, string>;
  label: string;
}

export function CostChart({ data, currency, colors, label }: CostChartProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(420, useElementWidth(frameRef, 1000));
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const months = data.months.map((_, i) => i + 1);
  const x = scaleBand<number>().domain(months).range([0, innerW]).paddingInner(0.18).paddingOuter(0.08);
  const y = scaleLinear()
    .domain([0, data.yMax * 1.08])
    .range([innerH, 0])
    .nice(5);
  const plot = { innerW, innerH };
  const every = tickEvery(months.length, innerW, 58);
  const capY = data.monthlyCap === null ? null : y(data.monthlyCap);
  const crossed = data.crossedMonth;
  const crossedX = crossed === null ? null : (x(crossed) ?? 0) + x.bandwidth() / 2;
  const peak = Math.max(0, ...data.totals);

  return (
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={HEIGHT} className="cost-chart" role="img" aria-label={label}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisTicks axis="y" ticks={y.ticks(5)} at={y} label={(t) => moneyShort(t, currency)} plot={plot} />
          {data.series.map((series) => (
            <g key={series.teamId} fill={colors.get(series.teamId) ?? '#999'}>
              {series.segments.map((s) =>
                s.y1 > s.y0 ? (
                  <rect key={s.month} x={x(s.month)} y={y(s.y1)} width={x.bandwidth()} height={Math.max(0, y(s.y0) - y(s.y1))}>
                    <title>{`${series.name}, ${monthName(data.months[s.month - 1] ?? '')} (month ${s.month}): ${money(s.y1 - s.y0, currency)}`}</title>
                  </rect>
                ) : null,
              )}
            </g>
          ))}
          {months.map((m) => (
            <rect key={`hit-${m}`} x={x(m)} y={0} width={x.bandwidth()} height={innerH} className="bar-hit">
              <title>{`${monthName(data.months[m - 1] ?? '')} (month ${m}): ${money(data.totals[m - 1] ?? 0, currency)} in total`}</title>
            </rect>
          ))}
          <AxisLine plot={plot} />
          <AxisTicks
            axis="x"
            grid={false}
            ticks={months.filter((_, i) => i % every === 0)}
            at={(m) => (x(m) ?? 0) + x.bandwidth() / 2}
            label={(m) => monthShort(data.months[m - 1] ?? '')}
            plot={plot}
          />
          {capY !== null && data.monthlyCap !== null ? (
            <g className="budget-line">
              <line x1={0} x2={innerW} y1={capY} y2={capY} />
              <text x={6} y={capY - 6}>
                Budget cap ÷ 12 = {moneyShort(data.monthlyCap, currency)}/month
              </text>
            </g>
          ) : null}
          {crossedX !== null && crossed !== null ? (
            <g className="budget-crossed">
              <line x1={crossedX} x2={crossedX} y1={-8} y2={innerH} />
              <text x={crossedX + (crossedX > innerW * 0.7 ? -6 : 6)} y={-10} textAnchor={crossedX > innerW * 0.7 ? 'end' : 'start'}>
                Cap crossed: {monthName(data.months[crossed - 1] ?? '')}
              </text>
            </g>
          ) : null}
          <text x={innerW / 2} y={innerH + 40} textAnchor="middle" className="axis-title">
            Plan month (calendar month)
          </text>
          <text transform={`translate(${-62},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
            Cost per month ({currency})
          </text>
        </g>
      </svg>
      <p className="visually-hidden">
        Highest month: {money(peak, currency)}. {data.monthlyCap !== null ? `Budget cap per month: ${money(data.monthlyCap, currency)}.` : 'No budget cap.'}
      </p>
    </div>
  );
}
