/**
 * The cost model as stored in the scenario (M3): currency, multipliers, the
 * budget cap, the plan start and horizon, and the role catalog with its
 * defaults filled in. Costs themselves are derived (`compute.ts`), never
 * stored. Object and array defaults are factories: zod hands out a default
 * value as is, and a shared instance would leak one scenario's edits into
 * the next.
 */
import { z } from 'zod';
import { ROLE_IDS } from '../org/roles.ts';
import { SOURCE_KINDS } from '../org/sources.ts';
import { PLAN_MONTH_PATTERN } from '../phases/calendar.ts';
import {
  DEFAULT_HORIZON_MONTHS,
  DEFAULT_LOADED_COST_MULTIPLIER,
  DEFAULT_PLAN_START,
  DEFAULT_REGION_MULTIPLIER,
  defaultRoleCatalog,
} from './catalog.ts';

/**
 * What the budget cap is measured against: spend in each plan year (months
 * 1–12, 13–24, …) or spend in the trailing 12 months at every month.
 */
export const BUDGET_CAP_BASES = ['plan-year', 'trailing-12-months'] as const;
export type BudgetCapBasis = (typeof BUDGET_CAP_BASES)[number];

/**
 * What the organisation pays for GPUs: the capacity it owns or reserves (the
 * node pools by month, whether used or idle), or only the GPU-hours its teams
 * use (on-demand).
 */
export const GPU_BILLING = ['owned-capacity', 'on-demand'] as const;
export type GpuBilling = (typeof GPU_BILLING)[number];

const money = z.number().min(0, 'must not be negative').max(100_000_000, 'must be at most 100,000,000');

export const RoleCostSchema = z.object({
  role: z.enum(ROLE_IDS),
  min: money,
  max: money,
  percentile: z.number().min(0).max(100),
  equityPerYear: money.default(0),
  source: z.enum(SOURCE_KINDS).default('user'),
  rationale: z.string().max(2000).default(''),
});

export const CostModelSchema = z.object({
  /** ISO 4217 code the figures are in; display only (no conversion). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD').default('USD'),
  /** Benefits, payroll tax and overhead on top of salary. */
  loadedCostMultiplier: z.number().min(0.5).max(5).default(DEFAULT_LOADED_COST_MULTIPLIER),
  /** Name shown for the region the multiplier stands for. */
  regionName: z.string().max(200).default('United States'),
  regionMultiplier: z.number().min(0.05).max(5).default(DEFAULT_REGION_MULTIPLIER),
  /** Spend cap per plan year (months 1–12, 13–24, …); unset = no cap. */
  budgetCapPerYear: z.number().min(0, 'must not be negative').max(1e12, 'must be at most 1,000,000,000,000').optional(),
  /** What the cap is measured against (see BUDGET_CAP_BASES). */
  budgetCapBasis: z.enum(BUDGET_CAP_BASES).default('plan-year'),
  /** What the organisation pays for GPUs (see GPU_BILLING). */
  gpuBilling: z.enum(GPU_BILLING).default('owned-capacity'),
  /** Calendar month of plan month 1. */
  planStart: z.string().regex(PLAN_MONTH_PATTERN, 'must be a month in the form YYYY-MM').default(DEFAULT_PLAN_START),
  /** Months the plan (costs, calendar) covers. */
  horizonMonths: z.number().int().min(1).max(120).default(DEFAULT_HORIZON_MONTHS),
  /** Price per GPU-hour; unset = the GPU-weighted average of the cluster's node pools. */
  gpuPricePerHour: z.number().min(0).max(10_000).optional(),
  roles: z.array(RoleCostSchema).max(ROLE_IDS.length * 4).default(() => defaultRoleCatalog()),
});

export type CostModel = z.infer<typeof CostModelSchema>;
export type StoredRoleCost = z.infer<typeof RoleCostSchema>;

/** A cost model with every default filled in (a fresh object each call). */
export function defaultCostModel(): CostModel {
  return CostModelSchema.parse({});
}
