/**
 * Derived costs (M3): per position, per team, per org, per month along the
 * plan, GPU cost per team, and the budget cap. Nothing here is stored.
 *
 * Written flat for large scenarios (500 teams, 5,000 positions in ≤ 20 ms):
 * each position's annual cost is computed once, its monthly share is added
 * to its team's row at the month it starts, and each row is turned into
 * monthly figures with one running sum; months are typed-array slots, not
 * objects.
 */
import { ROLE_IDS, type RoleId } from '../org/roles.ts';
import { monthLabels } from '../phases/calendar.ts';
import { defaultRoleCost, type RoleCost } from './catalog.ts';
import type { CostModel } from './schema.ts';

/** The part of a position the cost model reads (a scenario `Position` fits). */
export interface CostPosition {
  id: string;
  role: RoleId;
  filled: boolean;
  /** Plan month an open position is filled. */
  hireMonth?: number | undefined;
  /** Overrides the role's percentile for this position. */
  salaryPercentile?: number | undefined;
}

/** The part of a team the cost model reads (a scenario `Team` fits). */
export interface CostTeam {
  id: string;
  positions: readonly CostPosition[];
  gpuHoursPerMonth?: number | undefined;
}

export type CostModelInput = Pick<CostModel, 'loadedCostMultiplier' | 'regionMultiplier' | 'planStart' | 'horizonMonths' | 'roles'> &
  Partial<Pick<CostModel, 'currency' | 'budgetCapPerYear'>>;

export interface CostOptions {
  /** Price of a GPU-hour for every team (see `gpuPricePerHour`). */
  gpuPricePerHour?: number;
  /**
   * Months from the plan start to fill an open position that has no hire
   * month (the hiring plan). A role missing here leaves such a position
   * unscheduled: it costs nothing and is listed in `unscheduledPositionIds`.
   */
  monthsToHire?: Partial<Record<RoleId, number>>;
  /**
   * Plan month each team starts (the phase plan's first wave it is in). No
   * position of the team costs before it; a team not listed starts in
   * month 1.
   */
  teamStartMonths?: ReadonlyMap<string, number>;
}

export interface TeamCost {
  teamId: string;
  /** Positions, filled or open. */
  headcount: number;
  openPositions: number;
  /** Annual people cost with every position filled (run rate at full staffing). */
  annualPeopleCost: number;
  gpuHoursPerMonth: number;
  gpuMonthlyCost: number;
  /** Plan month the team's GPU use starts: when its first position starts. */
  gpuStartMonth: number;
  /** People + GPU per plan month (index 0 = month 1). */
  monthly: Float64Array;
  monthlyPeople: Float64Array;
  monthlyGpu: Float64Array;
  /** Over the horizon. */
  total: number;
  totalPeople: number;
  totalGpu: number;
}

export interface PlanYear {
  /** 1-based plan year. */
  year: number;
  startMonth: number;
  endMonth: number;
  spend: number;
  /** Spend above the cap (0 when under). */
  overBy: number;
}

export interface BudgetStatus {
  capPerYear: number;
  years: PlanYear[];
  /** First plan month in which spend so far in its plan year exceeds the cap; null = never within the horizon. */
  crossedMonth: number | null;
  crossedMonthLabel: string | null;
  /** First plan month whose monthly spend × 12 exceeds the cap: the early warning. */
  runRateCrossedMonth: number | null;
}

export interface CostBreakdown {
  currency: string;
  planStart: string;
  horizonMonths: number;
  /** 'YYYY-MM' of each plan month. */
  months: string[];
  gpuPricePerHour: number;
  /**
   * Positions flat in team order: team t's positions are at
   * `positionOffsets[t]` … `positionOffsets[t + 1] - 1`.
   */
  positionOffsets: Int32Array;
  /** Annual cost of each position (salary at percentile × loaded × region + equity). */
  positionAnnual: Float64Array;
  /** Plan month each position starts costing; 0 = unscheduled. */
  positionStartMonth: Int32Array;
  teams: TeamCost[];
  monthly: Float64Array;
  monthlyPeople: Float64Array;
  monthlyGpu: Float64Array;
  /** Running total per month. */
  cumulative: Float64Array;
  /** Over the horizon. */
  total: number;
  totalPeople: number;
  totalGpu: number;
  /** Annual cost with every position filled and every team's GPU use running. */
  annualRunRate: number;
  budget: BudgetStatus | null;
  /** Open positions with no hire month and no hiring-plan estimate. */
  unscheduledPositionIds: string[];
}

/** Base salary at a percentile of a band (linear between min = 0 and max = 100). */
export function salaryAtPercentile(band: Pick<RoleCost, 'min' | 'max'>, percentile: number): number {
  const lo = Math.min(band.min, band.max);
  const hi = Math.max(band.min, band.max);
  const p = percentile < 0 ? 0 : percentile > 100 ? 100 : percentile;
  return lo + ((hi - lo) * p) / 100;
}

/**
 * The catalog entry per role: the scenario's own entry, or the built-in
 * default for a role the scenario's catalog lacks. First entry wins.
 */
export function resolveRoleCatalog(roles: readonly RoleCost[]): Record<RoleId, RoleCost> {
  const out = {} as Record<RoleId, RoleCost>;
  for (const role of ROLE_IDS) out[role] = defaultRoleCost(role);
  const seen = new Set<RoleId>();
  for (const entry of roles) {
    if (seen.has(entry.role)) continue;
    seen.add(entry.role);
    out[entry.role] = entry;
  }
  return out;
}

/** Annual cost of one position under a cost model. */
export function positionAnnualCost(position: Pick<CostPosition, 'role' | 'salaryPercentile'>, model: CostModelInput, catalog = resolveRoleCatalog(model.roles)): number {
  const band = catalog[position.role];
  const percentile = position.salaryPercentile ?? band.percentile;
  return salaryAtPercentile(band, percentile) * model.loadedCostMultiplier * model.regionMultiplier + band.equityPerYear;
}

/** Annual cost of one team with every position filled (no GPUs). */
export function teamAnnualPeopleCost(team: Pick<CostTeam, 'positions'>, model: CostModelInput): number {
  const catalog = resolveRoleCatalog(model.roles);
  let sum = 0;
  for (const position of team.positions) sum += positionAnnualCost(position, model, catalog);
  return sum;
}

/**
 * Price of a GPU-hour: the cost model's figure if set, else the GPU-weighted
 * average of the cluster's node pools (each pool's cost per GPU-hour × its
 * GPUs), else 0.
 */
export function gpuPricePerHour(
  model: { gpuPricePerHour?: number | undefined },
  nodePools: ReadonlyArray<{ gpusPerNode: number; nodeCount: number; costPerGpuHour: number }> = [],
): number {
  if (model.gpuPricePerHour !== undefined) return model.gpuPricePerHour;
  let gpus = 0;
  let weighted = 0;
  for (const pool of nodePools) {
    const n = pool.gpusPerNode * pool.nodeCount;
    gpus += n;
    weighted += n * pool.costPerGpuHour;
  }
  return gpus > 0 ? weighted / gpus : 0;
}

function budgetStatus(cap: number, monthly: Float64Array, months: readonly string[]): BudgetStatus {
  const years: PlanYear[] = [];
  let crossedMonth: number | null = null;
  let runRateCrossedMonth: number | null = null;
  let spend = 0;
  let yearStart = 1;
  for (let m = 1; m <= monthly.length; m++) {
    const cost = monthly[m - 1]!;
    spend += cost;
    if (crossedMonth === null && spend > cap) crossedMonth = m;
    if (runRateCrossedMonth === null && cost * 12 > cap) runRateCrossedMonth = m;
    if (m % 12 === 0 || m === monthly.length) {
      years.push({ year: years.length + 1, startMonth: yearStart, endMonth: m, spend, overBy: spend > cap ? spend - cap : 0 });
      spend = 0;
      yearStart = m + 1;
    }
  }
  return {
    capPerYear: cap,
    years,
    crossedMonth,
    crossedMonthLabel: crossedMonth === null ? null : (months[crossedMonth - 1] ?? null),
    runRateCrossedMonth,
  };
}

/**
 * Every derived cost of an org. A filled position costs from its team's
 * start (month 1 unless the phase plan starts the team later), an open one
 * from its hire month (or the team's start + the hiring plan's time to hire
 * when it has none); a team's GPUs cost GPU-hours per month × price from the
 * month its first position starts.
 */
export function computeCosts(teams: readonly CostTeam[], model: CostModelInput, options: CostOptions = {}): CostBreakdown {
  const horizon = model.horizonMonths;
  const catalog = resolveRoleCatalog(model.roles);
  const multiplier = model.loadedCostMultiplier * model.regionMultiplier;
  const price = options.gpuPricePerHour ?? 0;
  const monthsToHire = options.monthsToHire ?? {};
  const teamStarts = options.teamStartMonths;

  // Per-role annual cost at the role's percentile, computed once.
  const roleAnnual = new Map<RoleId, number>();
  for (const role of ROLE_IDS) {
    const band = catalog[role];
    roleAnnual.set(role, salaryAtPercentile(band, band.percentile) * multiplier + band.equityPerYear);
  }

  let positionCount = 0;
  for (const team of teams) positionCount += team.positions.length;
  const positionOffsets = new Int32Array(teams.length + 1);
  const positionAnnual = new Float64Array(positionCount);
  const positionStartMonth = new Int32Array(positionCount);
  const unscheduledPositionIds: string[] = [];

  const monthly = new Float64Array(horizon);
  const monthlyPeople = new Float64Array(horizon);
  const monthlyGpu = new Float64Array(horizon);
  const teamCosts: TeamCost[] = new Array<TeamCost>(teams.length);
  // Row buffers shared by every team; the team's arrays are views into them.
  const peopleRows = new Float64Array(teams.length * horizon);
  const gpuRows = new Float64Array(teams.length * horizon);
  const totalRows = new Float64Array(teams.length * horizon);

  let k = 0;
  let annualRunRate = 0;
  for (let t = 0; t < teams.length; t++) {
    const team = teams[t]!;
    positionOffsets[t] = k;
    const base = t * horizon;
    let annualPeople = 0;
    let open = 0;
    let firstStart = Number.POSITIVE_INFINITY;
    const teamStart = Math.max(1, teamStarts?.get(team.id) ?? 1);
    const positions = team.positions;
    // Difference array: add each position's monthly cost at its start month.
    for (let p = 0; p < positions.length; p++, k++) {
      const position = positions[p]!;
      let annual: number;
      if (position.salaryPercentile === undefined) annual = roleAnnual.get(position.role)!;
      else {
        const band = catalog[position.role];
        annual = salaryAtPercentile(band, position.salaryPercentile) * multiplier + band.equityPerYear;
      }
      positionAnnual[k] = annual;
      annualPeople += annual;
      let start: number;
      if (position.filled) start = teamStart;
      else {
        open++;
        if (position.hireMonth !== undefined) start = Math.max(teamStart, position.hireMonth);
        else {
          const wait = monthsToHire[position.role];
          start = wait === undefined ? 0 : teamStart + Math.ceil(wait);
        }
      }
      if (start < 1) {
        if (!position.filled && position.hireMonth === undefined) unscheduledPositionIds.push(position.id);
        positionStartMonth[k] = 0;
        continue;
      }
      positionStartMonth[k] = start;
      if (start < firstStart) firstStart = start;
      if (start <= horizon) peopleRows[base + start - 1]! += annual / 12;
    }
    for (let m = 1; m < horizon; m++) peopleRows[base + m]! += peopleRows[base + m - 1]!;

    const gpuHours = team.gpuHoursPerMonth ?? 0;
    const gpuMonthlyCost = gpuHours * price;
    const gpuStartMonth = positions.length === 0 ? teamStart : Number.isFinite(firstStart) ? firstStart : 0;
    let totalPeople = 0;
    let totalGpu = 0;
    for (let m = 0; m < horizon; m++) {
      const people = peopleRows[base + m]!;
      const gpu = gpuStartMonth > 0 && m + 1 >= gpuStartMonth ? gpuMonthlyCost : 0;
      gpuRows[base + m] = gpu;
      totalRows[base + m] = people + gpu;
      totalPeople += people;
      totalGpu += gpu;
      monthlyPeople[m]! += people;
      monthlyGpu[m]! += gpu;
    }
    annualRunRate += annualPeople + gpuMonthlyCost * 12;
    teamCosts[t] = {
      teamId: team.id,
      headcount: positions.length,
      openPositions: open,
      annualPeopleCost: annualPeople,
      gpuHoursPerMonth: gpuHours,
      gpuMonthlyCost,
      gpuStartMonth,
      monthly: totalRows.subarray(base, base + horizon),
      monthlyPeople: peopleRows.subarray(base, base + horizon),
      monthlyGpu: gpuRows.subarray(base, base + horizon),
      total: totalPeople + totalGpu,
      totalPeople,
      totalGpu,
    };
  }
  positionOffsets[teams.length] = k;

  const cumulative = new Float64Array(horizon);
  let running = 0;
  let totalPeople = 0;
  let totalGpu = 0;
  for (let m = 0; m < horizon; m++) {
    monthly[m] = monthlyPeople[m]! + monthlyGpu[m]!;
    running += monthly[m]!;
    cumulative[m] = running;
    totalPeople += monthlyPeople[m]!;
    totalGpu += monthlyGpu[m]!;
  }
  const months = monthLabels(model.planStart, horizon);
  return {
    currency: model.currency ?? 'USD',
    planStart: model.planStart,
    horizonMonths: horizon,
    months,
    gpuPricePerHour: price,
    positionOffsets,
    positionAnnual,
    positionStartMonth,
    teams: teamCosts,
    monthly,
    monthlyPeople,
    monthlyGpu,
    cumulative,
    total: running,
    totalPeople,
    totalGpu,
    annualRunRate,
    budget: model.budgetCapPerYear === undefined ? null : budgetStatus(model.budgetCapPerYear, monthly, months),
    unscheduledPositionIds,
  };
}

/** Sum of an org's costs over a range of plan months (inclusive, clamped to the horizon). */
export function costBetween(monthly: Float64Array, fromMonth: number, toMonth: number): number {
  const from = Math.max(1, fromMonth);
  const to = Math.min(monthly.length, toMonth);
  let sum = 0;
  for (let m = from; m <= to; m++) sum += monthly[m - 1]!;
  return sum;
}

export interface CostComparison {
  totalDelta: number;
  annualRunRateDelta: number;
  /** b − a per plan month, over the shorter horizon. */
  monthlyDelta: Float64Array;
  /** First plan month where b's running total exceeds a's; null = never. */
  bOvertakesAtMonth: number | null;
}

/** Side-by-side comparison of two scenarios' costs (b relative to a). */
export function compareCosts(a: CostBreakdown, b: CostBreakdown): CostComparison {
  const n = Math.min(a.horizonMonths, b.horizonMonths);
  const monthlyDelta = new Float64Array(n);
  let bOvertakesAtMonth: number | null = null;
  for (let m = 0; m < n; m++) {
    monthlyDelta[m] = b.monthly[m]! - a.monthly[m]!;
    if (bOvertakesAtMonth === null && b.cumulative[m]! > a.cumulative[m]!) bOvertakesAtMonth = m + 1;
  }
  return { totalDelta: b.total - a.total, annualRunRateDelta: b.annualRunRate - a.annualRunRate, monthlyDelta, bOvertakesAtMonth };
}
