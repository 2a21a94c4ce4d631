/**
 * The role catalog's defaults (M3): a salary band per role, the percentile of
 * the band used, an annual equity value, and where each figure comes from.
 *
 * Seed "2-pizza AI teams" prices three roles: AI platform engineers
 * $150K–$240K, AI product managers $180K–$280K + equity, data platform
 * engineers $160K–$250K. Every other role is Podplan's assumption, said so in
 * `source` and explained in one line; the user is invited to change it.
 * Figures are annual US dollars.
 */
import type { RoleId } from '../org/roles.ts';
import type { SourceKind } from '../org/sources.ts';
import { SEED_PODS } from '../org/sources.ts';

export interface RoleCost {
  role: RoleId;
  /** Annual base salary at the bottom of the band. */
  min: number;
  /** Annual base salary at the top of the band. */
  max: number;
  /** Where in the band (0 = min, 100 = max, linear) a position of this role is costed, unless it overrides it. */
  percentile: number;
  /** Annual value of equity, added after the multipliers. */
  equityPerYear: number;
  source: SourceKind;
  /** One line: where the figure comes from or why it was chosen. */
  rationale: string;
}

/**
 * 25th percentile. Seed "2-pizza AI teams" puts a whole pod (5–8 people) at
 * $700K–$1.1M a year with the bands above; a 5-person pod at the band
 * minimums already comes to about $0.75M, so the seed's totals sit in the
 * lower part of its bands. Raise it per role or per position for senior hires.
 */
export const DEFAULT_PERCENTILE = 25;

const PERCENTILE_NOTE = `costed at the ${DEFAULT_PERCENTILE}th percentile, where the seed's pod total ($700K–$1.1M) places its bands`;

/** Seed-priced band with Podplan's equity figure, or an assumption: each entry says which. */
export const DEFAULT_ROLE_COSTS: readonly RoleCost[] = [
  {
    role: 'single-threaded-owner',
    min: 180_000,
    max: 280_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 25_000,
    source: 'assumption',
    rationale: `Priced as the seed's AI product manager band ($180K–$280K + equity): ${SEED_PODS} describes the single-threaded owner as a technical product manager. Equity as for the AI PM.`,
  },
  {
    role: 'ai-ml-engineer',
    min: 150_000,
    max: 240_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'assumption',
    rationale: `Priced as the seed's AI platform engineer band ($150K–$240K), the closest AI engineering role ${SEED_PODS} prices.`,
  },
  {
    role: 'software-engineer',
    min: 120_000,
    max: 190_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'assumption',
    rationale: `Below the seed's AI-specialised bands: ${SEED_PODS} counts the pods' "specialized hybrid roles" as the costly hires, not full-stack engineers.`,
  },
  {
    role: 'data-platform-engineer',
    min: 160_000,
    max: 250_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'seed',
    rationale: `${SEED_PODS}: "Data Platform Engineers: $160K-$250K"; ${PERCENTILE_NOTE}.`,
  },
  {
    role: 'ai-platform-engineer',
    min: 150_000,
    max: 240_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'seed',
    rationale: `${SEED_PODS}: "AI Platform Engineers: $150K-$240K"; ${PERCENTILE_NOTE}.`,
  },
  {
    role: 'ai-product-manager',
    min: 180_000,
    max: 280_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 25_000,
    source: 'seed',
    rationale: `${SEED_PODS}: "AI Product Managers: $180K-$280K + equity". The seed names no equity amount: $25K a year (about a tenth of the band) is an assumption.`,
  },
  {
    role: 'mlops-engineer',
    min: 150_000,
    max: 240_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'assumption',
    rationale: 'Priced as the AI platform engineer band: the AI platform seed describes the MLOps engineer as the platform team\'s hand-off partner, with comparable infrastructure and ML skills.',
  },
  {
    role: 'data-scientist',
    min: 140_000,
    max: 220_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'assumption',
    rationale: `Slightly below the AI/ML engineer band: ${SEED_PODS} lists "Data Scientists with engineering skills" as a role that transitions into AI/ML engineer.`,
  },
  {
    role: 'principal-engineer',
    min: 220_000,
    max: 320_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 30_000,
    source: 'assumption',
    rationale: `Above every engineering band the seed prices: ${SEED_PODS} has Principal Engineers set architectural standards across teams, a senior cross-team role.`,
  },
  {
    role: 'engineering-manager',
    min: 180_000,
    max: 270_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'assumption',
    rationale: 'Close to the AI product manager band: a people manager of engineers in these bands is paid at least at their level.',
  },
  {
    role: 'business-stakeholder',
    min: 130_000,
    max: 220_000,
    percentile: DEFAULT_PERCENTILE,
    equityPerYear: 0,
    source: 'assumption',
    rationale: 'A business or product lead between the software engineer and product manager bands; the seeds do not price business roles.',
  },
];

/**
 * 1.0 (salary only). Seed "2-pizza AI teams" adds up its salary bands into
 * its team totals ($700K–$1.1M per pod, $2–5M centralized) with no on-costs,
 * so the default keeps Podplan's figures comparable with the seed's. Set your
 * finance team's figure for fully loaded cost (benefits, payroll tax,
 * overhead); 1.2–1.4 is common (an assumption, not a seed figure).
 */
export const DEFAULT_LOADED_COST_MULTIPLIER = 1;

/** 1.0: the seed's bands are quoted in US dollars with no region; read as US-market salaries. Scale for other regions. */
export const DEFAULT_REGION_MULTIPLIER = 1;

/** 24 months: the seed's three phases (months 1–3, 4–6, 7+) plus more than a year of expansion. */
export const DEFAULT_HORIZON_MONTHS = 24;

/**
 * Fixed so that defaults stay deterministic; the app sets the current month
 * when it creates a scenario.
 */
export const DEFAULT_PLAN_START = '2026-01';

/** Documentation of the cost model's scalar defaults, for the UI's "source" tooltips. */
export const COST_DEFAULTS_DOC = [
  {
    field: 'percentile',
    value: DEFAULT_PERCENTILE,
    source: 'assumption' as const,
    rationale: `${SEED_PODS} prices a 5–8 person pod at $700K–$1.1M a year: that sits in the lower part of its salary bands, so roles are costed at the 25th percentile.`,
  },
  {
    field: 'loadedCostMultiplier',
    value: DEFAULT_LOADED_COST_MULTIPLIER,
    source: 'assumption' as const,
    rationale: `${SEED_PODS} adds salary bands into team totals with no on-costs; 1.0 keeps figures comparable. Fully loaded (benefits, payroll tax, overhead) is commonly 1.2–1.4 (assumption).`,
  },
  {
    field: 'regionMultiplier',
    value: DEFAULT_REGION_MULTIPLIER,
    source: 'assumption' as const,
    rationale: `${SEED_PODS} quotes its bands in US dollars with no region; Podplan reads them as US-market salaries.`,
  },
  {
    field: 'horizonMonths',
    value: DEFAULT_HORIZON_MONTHS,
    source: 'assumption' as const,
    rationale: `${SEED_PODS}'s phases run months 1–3, 4–6 and 7+; 24 months shows more than a year of expansion.`,
  },
];

const BY_ROLE = new Map(DEFAULT_ROLE_COSTS.map((entry) => [entry.role, entry]));

/** The built-in default for a role. Every role id has one. */
export function defaultRoleCost(role: RoleId): RoleCost {
  const entry = BY_ROLE.get(role);
  if (!entry) throw new Error(`no default cost for role "${role}"`);
  return entry;
}

/** A fresh copy of the default catalog (never hand out the shared one: the scenario edits its copy). */
export function defaultRoleCatalog(): RoleCost[] {
  return DEFAULT_ROLE_COSTS.map((entry) => ({ ...entry }));
}
