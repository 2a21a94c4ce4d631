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
import type { BudgetCapBasis, CostModel, GpuBilling } from './schema.ts';

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
  Partial<Pick<CostModel, 'currency' | 'budgetCapPerYear' | 'budgetCapBasis' | 'gpuBilling'>>;

/** GPU capacity the organisation owns or reserves, per plan month (index 0 = month 1). */
export interface GpuCapacityByMonth {
  gpuHours: Float64Array;
  cost: Float64Array;
}

/** Where the teams' GPU-hours come from: their planned figures, or a GPU simulation of the policy. */
export type GpuUseSource = 'planned' | 'simulated';

/**
 * GPU money, one model for every tab: the organisation pays for the capacity
 * it owns (used or idle) or, billed on demand, for the hours its teams use.
 * Teams are charged by use; whatever owned capacity they leave unused is the
 * idle line; use beyond owned capacity is bought on demand. So, every month:
 * GPU spend = Σ teams' use + idle = max(capacity, use) when owned, = use on demand.
 */
export interface GpuSpend {
  billing: GpuBilling;
  useSource: GpuUseSource;
  /** Owned capacity per month (zeros when billed on demand or no node pools are modelled). */
  capacityGpuHours: Float64Array;
  capacityCost: Float64Array;
  /** Teams' use per month (GPU-hours and their charge). */
  usedGpuHours: Float64Array;
  usedCost: Float64Array;
  /** Owned capacity left unused, per month. */
  idleGpuHours: Float64Array;
  idleCost: Float64Array;
  /** Use beyond owned capacity (bought on demand), per month. */
  overCapacityGpuHours: Float64Array;
  totalCapacityCost: number;
  totalUsedCost: number;
  totalIdleCost: number;
  totalOverCapacityCost: number;
}

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
  /** Owned GPU capacity by month (see `GpuSpend`); unset = none modelled. */
  gpuCapacity?: GpuCapacityByMonth;
  /** Teams' GPU-hours per month replacing their planned figures (from a GPU simulation). */
  simulatedGpuHoursPerMonth?: ReadonlyMap<string, number>;
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
  basis: BudgetCapBasis;
  years: PlanYear[];
  /**
   * Spend counted against the cap at each plan month: spend so far in its
   * plan year, or spend over the trailing 12 months. The chart's line, the
   * crossing marker and the card all read this one series.
   */
  measured: Float64Array;
  /** First plan month whose measured spend exceeds the cap; null = never within the horizon. */
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
  /** All GPU spend per month: teams' use + idle owned capacity. */
  monthlyGpu: Float64Array;
  /** GPU capacity, use, idle and over-capacity per month. */
  gpu: GpuSpend;
  /** Running total per month. */
  cumulative: Float64Array;
  /** Over the horizon. */
  total: number;
  totalPeople: number;
  totalGpu: number;
  /** Annual cost with every position filled, every team's GPU use running, and the last month's owned capacity. */
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

function budgetStatus(cap: number, basis: BudgetCapBasis, monthly: Float64Array, months: readonly string[]): BudgetStatus {
  const years: PlanYear[] = [];
  const measured = new Float64Array(monthly.length);
  let crossedMonth: number | null = null;
  let runRateCrossedMonth: number | null = null;
  let yearSpend = 0;
  let trailing = 0;
  let yearStart = 1;
  for (let m = 1; m <= monthly.length; m++) {
    const cost = monthly[m - 1]!;
    yearSpend += cost;
    trailing += cost - (m > 12 ? monthly[m - 13]! : 0);
    measured[m - 1] = basis === 'plan-year' ? yearSpend : trailing;
    if (crossedMonth === null && measured[m - 1]! > cap) crossedMonth = m;
    if (runRateCrossedMonth === null && cost * 12 > cap) runRateCrossedMonth = m;
    if (m % 12 === 0 || m === monthly.length) {
      years.push({ year: years.length + 1, startMonth: yearStart, endMonth: m, spend: yearSpend, overBy: yearSpend > cap ? yearSpend - cap : 0 });
      yearSpend = 0;
      yearStart = m + 1;
    }
  }
  return {
    capPerYear: cap,
    basis,
    years,
    measured,
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
  const usedGpuHours = new Float64Array(horizon);

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

    const gpuHours = options.simulatedGpuHoursPerMonth?.get(team.id) ?? team.gpuHoursPerMonth ?? 0;
    const gpuMonthlyCost = gpuHours * price;
    const gpuStartMonth = positions.length === 0 ? teamStart : Number.isFinite(firstStart) ? firstStart : 0;
    let totalPeople = 0;
    let totalGpu = 0;
    for (let m = 0; m < horizon; m++) {
      const people = peopleRows[base + m]!;
      const using = gpuStartMonth > 0 && m + 1 >= gpuStartMonth;
      const gpu = using ? gpuMonthlyCost : 0;
      if (using) usedGpuHours[m]! += gpuHours;
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

  const gpu = gpuSpend(model.gpuBilling ?? 'owned-capacity', options, usedGpuHours, monthlyGpu);
  for (let m = 0; m < horizon; m++) monthlyGpu[m]! += gpu.idleCost[m]!;
  // The run rate keeps paying for the capacity owned at the end of the plan.
  annualRunRate += (horizon > 0 ? gpu.idleCost[horizon - 1]! : 0) * 12;

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
    gpu,
    cumulative,
    total: running,
    totalPeople,
    totalGpu,
    annualRunRate,
    budget: model.budgetCapPerYear === undefined ? null : budgetStatus(model.budgetCapPerYear, model.budgetCapBasis ?? 'plan-year', monthly, months),
    unscheduledPositionIds,
  };
}

/** Capacity, use, idle and over-capacity per month, from the teams' use (`usedCost` is the teams' GPU charge per month). */
function gpuSpend(billing: GpuBilling, options: CostOptions, usedGpuHours: Float64Array, usedCost: Float64Array): GpuSpend {
  const horizon = usedCost.length;
  const owned = billing === 'owned-capacity' ? options.gpuCapacity : undefined;
  const capacityGpuHours = new Float64Array(horizon);
  const capacityCost = new Float64Array(horizon);
  const idleGpuHours = new Float64Array(horizon);
  const idleCost = new Float64Array(horizon);
  const overCapacityGpuHours = new Float64Array(horizon);
  let totalCapacityCost = 0;
  let totalUsedCost = 0;
  let totalIdleCost = 0;
  let totalOverCapacityCost = 0;
  for (let m = 0; m < horizon; m++) {
    const hours = owned?.gpuHours[m] ?? 0;
    const cost = owned?.cost[m] ?? 0;
    capacityGpuHours[m] = hours;
    capacityCost[m] = cost;
    idleGpuHours[m] = Math.max(0, hours - usedGpuHours[m]!);
    idleCost[m] = Math.max(0, cost - usedCost[m]!);
    overCapacityGpuHours[m] = Math.max(0, usedGpuHours[m]! - hours);
    totalCapacityCost += cost;
    totalUsedCost += usedCost[m]!;
    totalIdleCost += idleCost[m]!;
    totalOverCapacityCost += Math.max(0, usedCost[m]! - cost);
  }
  return {
    billing,
    useSource: options.simulatedGpuHoursPerMonth ? 'simulated' : 'planned',
    capacityGpuHours,
    capacityCost,
    usedGpuHours,
    usedCost: Float64Array.from(usedCost),
    idleGpuHours,
    idleCost,
    overCapacityGpuHours,
    totalCapacityCost,
    totalUsedCost,
    totalIdleCost,
    totalOverCapacityCost,
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
