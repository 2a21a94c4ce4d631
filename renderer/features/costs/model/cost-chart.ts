/**
 * Chart data for the Costs screen, shaped from a `CostBreakdown` (M3): the
 * monthly cost stacked by team with idle GPU capacity as its own series, the
 * budget cap against the spend it is measured on (plan year to date or the
 * trailing 12 months, `BudgetStatus.measured`), where the cap is crossed, and
 * the cumulative spend of two scenarios for the comparison. Pure, so the
 * charts only draw; the budget chart's geometry is here too, so a test can
 * check that the marker sits where the drawn line passes the cap.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { CostBreakdown } from '../../../../sim/cost/compute.ts';
import type { BudgetCapBasis } from '../../../../sim/cost/schema.ts';

export interface StackSegment {
  /** The series' key: a team id, or `IDLE_SERIES`. */
  teamId: string;
  /** Plan month (1-based). */
  month: number;
  y0: number;
  y1: number;
}

export interface StackSeries {
  /** A team id, or `IDLE_SERIES` for owned GPUs nobody uses. */
  teamId: string;
  name: string;
  kind: 'team' | 'idle';
  /** Over the horizon; series that cost nothing are left out of the chart. */
  total: number;
  segments: StackSegment[];
}

/** Key of the idle-capacity series: not a valid team id (team ids are slugs), so it cannot collide. */
export const IDLE_SERIES = ' idle';
/** Idle GPUs are grey: money spent on nothing, apart from every team's colour. */
export const IDLE_COLOR = '#a7adb7';

export interface CostChartData {
  months: string[];
  series: StackSeries[];
  /** Total per month (top of the stack), idle GPUs included. */
  totals: number[];
  /** Top of the y scale: the highest bar. */
  yMax: number;
}

export function costChartData(costs: CostBreakdown, teamNames: ReadonlyMap<string, string>): CostChartData {
  const n = costs.horizonMonths;
  const totals = Array.from(costs.monthly);
  const running = new Float64Array(n);
  const series: StackSeries[] = [];
  const stack = (teamId: string, name: string, kind: StackSeries['kind'], monthly: Float64Array, total: number) => {
    if (total <= 0) return;
    const segments: StackSegment[] = new Array<StackSegment>(n);
    for (let m = 0; m < n; m++) {
      const y0 = running[m]!;
      const y1 = y0 + monthly[m]!;
      running[m] = y1;
      segments[m] = { teamId, month: m + 1, y0, y1 };
    }
    series.push({ teamId, name, kind, total, segments });
  };
  for (const team of costs.teams) stack(team.teamId, teamNames.get(team.teamId) ?? team.teamId, 'team', team.monthly, team.total);
  stack(IDLE_SERIES, 'Idle GPUs (owned, unused)', 'idle', costs.gpu.idleCost, costs.gpu.totalIdleCost);
  return { months: costs.months, series, totals, yMax: Math.max(0, ...totals) || 1 };
}

export interface BudgetChartData {
  months: string[];
  cap: number;
  basis: BudgetCapBasis;
  /** Spend counted against the cap at each month (`BudgetStatus.measured`): the line. */
  measured: number[];
  /** The marker: first plan month whose measured spend is above the cap; null = never. */
  crossedMonth: number | null;
  /** First month whose spend × 12 passes the cap: the early warning. */
  runRateCrossedMonth: number | null;
  /** Months where the measured spend starts again from zero (plan-year basis: 13, 25, …). */
  resets: number[];
  yMax: number;
}

/** What the line measures, in words a reader of the chart needs. */
export const BUDGET_BASIS_LABELS: Record<BudgetCapBasis, { line: string; cap: string; short: string }> = {
  'plan-year': { line: 'Spend so far in the plan year', cap: 'per plan year', short: 'plan year' },
  'trailing-12-months': { line: 'Spend over the last 12 months', cap: 'in any 12 months', short: 'any 12 months' },
};

export function budgetChartData(costs: CostBreakdown): BudgetChartData | null {
  const budget = costs.budget;
  if (!budget) return null;
  const measured = Array.from(budget.measured);
  const resets = budget.basis === 'plan-year' ? costs.months.map((_, i) => i + 1).filter((m) => m > 1 && (m - 1) % 12 === 0) : [];
  return {
    months: costs.months,
    cap: budget.capPerYear,
    basis: budget.basis,
    measured,
    crossedMonth: budget.crossedMonth,
    runRateCrossedMonth: budget.runRateCrossedMonth,
    resets,
    yMax: Math.max(budget.capPerYear, ...measured) || 1,
  };
}

export interface BudgetGeometry {
  /** Screen y of the cap line. */
  capY: number;
  /** One point per plan month, at the middle of its slot. */
  points: Array<{ month: number; x: number; y: number }>;
  /** The line as SVG path data, broken where a plan year starts again from zero. */
  path: string;
  /** Screen x of the crossing marker; null = no marker. */
  markerX: number | null;
  y: ScaleLinear<number, number>;
  x: (month: number) => number;
}

/** Where the budget chart draws its line, its cap and its marker inside a plot of `innerW` × `innerH`. */
export function budgetGeometry(data: BudgetChartData, innerW: number, innerH: number): BudgetGeometry {
  const n = data.measured.length;
  const step = n > 0 ? innerW / n : innerW;
  const x = (month: number) => (month - 0.5) * step;
  const y = scaleLinear()
    .domain([0, data.yMax * 1.1])
    .range([innerH, 0])
    .nice(5);
  const resets = new Set(data.resets);
  const points = data.measured.map((value, i) => ({ month: i + 1, x: x(i + 1), y: y(value) }));
  const path = points.map((p) => `${p.month === 1 || resets.has(p.month) ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
  return { capY: y(data.cap), points, path, markerX: data.crossedMonth === null ? null : x(data.crossedMonth), y, x };
}

export interface CumulativeSeries {
  label: string;
  values: number[];
}

/** Running totals of two scenarios over the shorter horizon (month 1 … n). */
export function cumulativeComparison(a: CostBreakdown, b: CostBreakdown, labels: [string, string]): { months: number; series: [CumulativeSeries, CumulativeSeries]; yMax: number } {
  const n = Math.min(a.horizonMonths, b.horizonMonths);
  const va = Array.from(a.cumulative.subarray(0, n));
  const vb = Array.from(b.cumulative.subarray(0, n));
  return { months: n, series: [{ label: labels[0], values: va }, { label: labels[1], values: vb }], yMax: Math.max(1, va.at(-1) ?? 0, vb.at(-1) ?? 0) };
}
