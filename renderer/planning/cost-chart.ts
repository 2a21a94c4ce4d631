/**
 * Chart data for the Costs screen, shaped from a `CostBreakdown` (M3): the
 * monthly cost stacked by team, the budget cap as a monthly line, where the
 * cap is crossed, and the cumulative spend of two scenarios for the
 * comparison. Pure, so the charts only draw.
 */
import type { CostBreakdown } from '../../sim/cost/compute.ts';

export interface StackSegment {
  teamId: string;
  /** Plan month (1-based). */
  month: number;
  y0: number;
  y1: number;
}

export interface StackSeries {
  teamId: string;
  name: string;
  /** Over the horizon; teams that cost nothing are left out of the chart. */
  total: number;
  segments: StackSegment[];
}

export interface CostChartData {
  months: string[];
  series: StackSeries[];
  /** Total per month (top of the stack). */
  totals: number[];
  /** Budget cap per plan year ÷ 12: the line the bars are held against; null = no cap. */
  monthlyCap: number | null;
  /** First month the plan year's running spend passes the cap; null = never. */
  crossedMonth: number | null;
  /** First month whose spend × 12 passes the cap: the early warning. */
  runRateCrossedMonth: number | null;
  /** Top of the y scale: the highest bar or the cap line, whichever is higher. */
  yMax: number;
}

export function costChartData(costs: CostBreakdown, teamNames: ReadonlyMap<string, string>): CostChartData {
  const n = costs.horizonMonths;
  const totals = Array.from(costs.monthly);
  const running = new Float64Array(n);
  const series: StackSeries[] = [];
  for (const team of costs.teams) {
    if (team.total <= 0) continue;
    const segments: StackSegment[] = new Array<StackSegment>(n);
    for (let m = 0; m < n; m++) {
      const y0 = running[m]!;
      const y1 = y0 + team.monthly[m]!;
      running[m] = y1;
      segments[m] = { teamId: team.teamId, month: m + 1, y0, y1 };
    }
    series.push({ teamId: team.teamId, name: teamNames.get(team.teamId) ?? team.teamId, total: team.total, segments });
  }
  const monthlyCap = costs.budget ? costs.budget.capPerYear / 12 : null;
  const top = Math.max(0, ...totals);
  return {
    months: costs.months,
    series,
    totals,
    monthlyCap,
    crossedMonth: costs.budget?.crossedMonth ?? null,
    runRateCrossedMonth: costs.budget?.runRateCrossedMonth ?? null,
    yMax: Math.max(top, monthlyCap ?? 0) || 1,
  };
}

/** Which month labels to print on an axis so they do not collide: every k-th, always the first. */
export function tickEvery(count: number, widthPx: number, labelPx = 46): number {
  if (count <= 0) return 1;
  const fit = Math.max(1, Math.floor(widthPx / labelPx));
  return Math.max(1, Math.ceil(count / fit));
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

/** A colour per series (Tableau 10, then repeated lighter), stable by index. */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
