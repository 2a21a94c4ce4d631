/**
 * The Costs screen's two charts (d3 scales, drawn by React like the policy
 * summary's bars):
 * - `CostChart`: cost per plan month stacked by team, with owned GPUs nobody
 *   uses as their own grey series on top, so the bars add up to the total.
 * - `BudgetChart`: the spend the budget cap is measured on (plan year to
 *   date, or the trailing 12 months) as a line against the cap itself, and
 *   the month the line passes it marked. Line, marker and the Costs card read
 *   the same `BudgetStatus` (see `budgetChartData`), so they cannot disagree.
 * Axes carry their units; every bar and point has a tooltip.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useRef } from 'react';
import { AxisLine, AxisTicks } from '../../ui/charts/axes.tsx';
import { useElementWidth } from '../../hooks/useElementWidth.ts';
import { BUDGET_BASIS_LABELS, budgetGeometry, IDLE_COLOR, type BudgetChartData, type CostChartData } from './model/cost-chart.ts';
import { money, moneyShort, monthName, monthShort } from '../../model/format.ts';
import { tickEvery } from '../../model/charts.ts';

const HEIGHT = 300;
const BUDGET_HEIGHT = 260;
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
  const peak = Math.max(0, ...data.totals);

  return (
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={HEIGHT} className="cost-chart" role="img" aria-label={label}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisTicks axis="y" ticks={y.ticks(5)} at={y} label={(t) => moneyShort(t, currency)} plot={plot} />
          {data.series.map((series) => (
            <g key={series.teamId} fill={series.kind === 'idle' ? IDLE_COLOR : (colors.get(series.teamId) ?? '#999')} className={series.kind === 'idle' ? 'cost-idle' : undefined}>
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
          <text x={innerW / 2} y={innerH + 40} textAnchor="middle" className="axis-title">
            Plan month (calendar month)
          </text>
          <text transform={`translate(${-62},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
            Cost per month ({currency})
          </text>
        </g>
      </svg>
      <p className="visually-hidden">Highest month: {money(peak, currency)}.</p>
    </div>
  );
}

export interface BudgetChartProps {
  data: BudgetChartData;
  currency: string;
  label: string;
}

export function BudgetChart({ data, currency, label }: BudgetChartProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const width = Math.max(420, useElementWidth(frameRef, 1000));
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = BUDGET_HEIGHT - MARGIN.top - MARGIN.bottom;
  const plot = { innerW, innerH };
  const g = budgetGeometry(data, innerW, innerH);
  const months = data.months.map((_, i) => i + 1);
  const every = tickEvery(months.length, innerW, 58);
  const words = BUDGET_BASIS_LABELS[data.basis];
  const crossed = data.crossedMonth;
  const markerLeft = g.markerX !== null && g.markerX > innerW * 0.7;
  return (
    <div ref={frameRef} className="chart-frame">
      <svg width={width} height={BUDGET_HEIGHT} className="cost-chart budget-chart" role="img" aria-label={label} data-basis={data.basis} data-crossed-month={crossed ?? ''}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <AxisTicks axis="y" ticks={g.y.ticks(5)} at={g.y} label={(t) => moneyShort(t, currency)} plot={plot} />
          {data.resets.map((m) => (
            <line key={`reset-${m}`} x1={g.x(m) - g.x(1)} x2={g.x(m) - g.x(1)} y1={0} y2={innerH} className="budget-year" />
          ))}
          <g className="budget-line">
            <line x1={0} x2={innerW} y1={g.capY} y2={g.capY} />
            <text x={6} y={g.capY - 6}>
              Budget cap {moneyShort(data.cap, currency)} {words.cap}
            </text>
          </g>
          <path d={g.path} className="budget-measured" />
          {g.points.map((p) => (
            <circle key={p.month} cx={p.x} cy={p.y} r={p.month === crossed ? 4.5 : 2.5} className={`budget-point${p.y < g.capY ? ' is-over' : ''}`} data-month={p.month}>
              <title>{`${monthName(data.months[p.month - 1] ?? '')} (month ${p.month}): ${words.line.toLowerCase()} ${money(data.measured[p.month - 1] ?? 0, currency)}${p.y < g.capY ? ', over the cap' : ''}`}</title>
            </circle>
          ))}
          {g.markerX !== null && crossed !== null ? (
            <g className="budget-crossed">
              <line x1={g.markerX} x2={g.markerX} y1={-8} y2={innerH} />
              <text x={g.markerX + (markerLeft ? -6 : 6)} y={-10} textAnchor={markerLeft ? 'end' : 'start'}>
                Cap crossed: {monthName(data.months[crossed - 1] ?? '')}
              </text>
            </g>
          ) : null}
          <AxisLine plot={plot} />
          <AxisTicks axis="x" grid={false} ticks={months.filter((_, i) => i % every === 0)} at={g.x} label={(m) => monthShort(data.months[m - 1] ?? '')} plot={plot} />
          <text x={innerW / 2} y={innerH + 40} textAnchor="middle" className="axis-title">
            Plan month (calendar month)
          </text>
          <text transform={`translate(${-62},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
            {data.basis === 'plan-year' ? 'Plan-year spend' : '12-month spend'} ({currency})
          </text>
        </g>
      </svg>
    </div>
  );
}
