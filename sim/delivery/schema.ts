/**
 * The delivery simulation's inputs as stored in the scenario (M6): the user's
 * parameter overrides (anything not set keeps its documented default, see
 * `parameters.ts`), and the trials and seed of the run shown. Results are
 * derived, never stored. Bounds are the parameters' documented bounds, so a
 * bad value is named by its field when the file is read.
 */
import { z } from 'zod';
import { DELIVERY_PARAMETER_DOCS, EFFORT_STAGES, INITIATIVE_SIZES, SCALAR_PARAMETERS, type EffortStage, type InitiativeSize, type ScalarParameter } from './parameters.ts';

const scalarShape = Object.fromEntries(
  SCALAR_PARAMETERS.map((key) => [key, z.number().min(DELIVERY_PARAMETER_DOCS[key].min).max(DELIVERY_PARAMETER_DOCS[key].max).optional()]),
) as Record<ScalarParameter, z.ZodOptional<z.ZodNumber>>;

const personWeeks = z.number().positive().max(DELIVERY_PARAMETER_DOCS.effort.max);
const EffortRangeSchema = z.object({ p10: personWeeks.optional(), p90: personWeeks.optional() });
const stageShape = Object.fromEntries(EFFORT_STAGES.map((stage) => [stage, EffortRangeSchema.optional()])) as Record<EffortStage, z.ZodOptional<typeof EffortRangeSchema>>;
const StageEffortSchema = z.object(stageShape);
const sizeEffortShape = Object.fromEntries(INITIATIVE_SIZES.map((size) => [size, StageEffortSchema.optional()])) as Record<InitiativeSize, z.ZodOptional<typeof StageEffortSchema>>;
const sizeMixShape = Object.fromEntries(INITIATIVE_SIZES.map((size) => [size, z.number().min(0).max(1).optional()])) as Record<InitiativeSize, z.ZodOptional<z.ZodNumber>>;

export const DeliveryOverridesSchema = z.object({
  ...scalarShape,
  sizeMix: z.object(sizeMixShape).optional(),
  effort: z.object(sizeEffortShape).optional(),
});

/** Most trials a stored run may ask for (the CLI and the UI refuse more). */
export const MAX_DELIVERY_TRIALS = 10_000_000;

/** Most initiatives a listed portfolio may hold. */
export const MAX_LISTED_INITIATIVES = 2000;

/** An initiative the user lists (instead of Poisson arrivals): its product area is a pod's id; unset or gone = round-robin. */
export const ListedInitiativeSchema = z.object({
  name: z.string().trim().min(1, 'an initiative needs a name').max(200),
  size: z.enum(INITIATIVE_SIZES),
  areaId: z.string().max(200).optional(),
  /** Plan month it is requested (start of the month; fractions allowed). */
  arrivalMonth: z.number().min(1).max(121),
});

/** Most people the user may give one team of a counterfactual design. */
export const MAX_DESIGN_TEAM_HEADCOUNT = 500;

const teamHeadcount = z
  .number()
  .int('a team headcount is a whole number of people')
  .min(1, 'a team needs at least 1 person')
  .max(MAX_DESIGN_TEAM_HEADCOUNT, `a team headcount is at most ${MAX_DESIGN_TEAM_HEADCOUNT} people`)
  .optional();

/**
 * Headcounts the user sets for the designs re-arranged from the scenario's
 * people (the counterfactuals). Unset = the re-arrangement keeps the
 * scenario's total headcount; set = that team has that many people (people
 * added are costed at their role's default band; people removed are the
 * latest to join). The design the scenario is shaped like is its org, so it
 * ignores these: edit its teams instead.
 */
export const DesignHeadcountSchema = z.object({
  centralized: z.object({ centralAi: teamHeadcount, productEngineering: teamHeadcount }).optional(),
  /** perPod: people in each pod. */
  pods: z.object({ perPod: teamHeadcount }).optional(),
  'pods-platform': z.object({ perPod: teamHeadcount, platform: teamHeadcount }).optional(),
});

/**
 * A value fitted from the team's delivery history (#16), kept with where it
 * came from so the parameter table can say "your history: N items, from–to"
 * and the user can accept or reject it (undoably). `key` is the override's
 * path: a scalar parameter, `sizeMix.<size>` or `effort.<size>.<stage>`
 * (whose value and interval are P10/P90 pairs).
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date is written YYYY-MM-DD');
const FittedNumber = z.number().finite();
const FittedRange = z.object({ p10: FittedNumber, p90: FittedNumber });
export const FittedParameterRecordSchema = z.object({
  key: z.string().min(1).max(200),
  label: z.string().max(300),
  unit: z.string().max(100).optional(),
  /** How the history's figure became the parameter. */
  method: z.string().max(1000).optional(),
  /** Outside the documented bounds: why it cannot be used (the value is kept as fitted, never clamped). */
  refused: z.string().max(1000).optional(),
  value: z.union([FittedNumber, FittedRange]),
  /** 95% interval: low/high of the number, or of each of P10 and P90. */
  low: z.union([FittedNumber, FittedRange]),
  high: z.union([FittedNumber, FittedRange]),
  items: z.number().int().min(0),
  from: isoDate,
  to: isoDate,
  /** pending: shown, not used; accepted: written to `parameters`; rejected: the previous value kept. */
  status: z.enum(['pending', 'accepted', 'rejected']),
  /** The override it replaced when accepted (absent = the documented default), restored on reject. */
  replaced: z.union([FittedNumber, FittedRange]).optional(),
});

export const BackTestSummarySchema = z.object({
  /** Items of the newer third compared, and the share of their actual times at or below the forecast P50 / P85 (0–1). */
  items: z.number().int().min(0),
  coverageP50: z.number().min(0).max(1),
  coverageP85: z.number().min(0).max(1),
  warning: z.string().max(2000).optional(),
});

export const DeliveryCalibrationSchema = z.object({
  history: z.object({
    source: z.string().max(500),
    format: z.string().max(40),
    items: z.number().int().min(0),
    from: isoDate,
    to: isoDate,
  }),
  fitted: z.array(FittedParameterRecordSchema).max(500),
  backTest: BackTestSummarySchema.optional(),
});

export const DeliverySectionSchema = z.object({
  /** Overrides of the documented defaults; a parameter not listed keeps its default. */
  parameters: DeliveryOverridesSchema.default(() => ({})),
  /** The portfolio listed by hand; when present (even empty) it replaces the arrival rate. */
  initiatives: z.array(ListedInitiativeSchema).max(MAX_LISTED_INITIATIVES).optional(),
  /** Headcount per team of the counterfactual designs; unset = the same people re-arranged. */
  designHeadcount: DesignHeadcountSchema.optional(),
  /** Monte Carlo trials of the run shown, a fixed count; unset = the stopping rule (every meaningful design's P85 within ±2%, `convergence.ts`). */
  trials: z.number().int().min(1).max(MAX_DELIVERY_TRIALS).optional(),
  /** Seed of the run shown; unset = the app's default. */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  /** Values fitted from the team's delivery history, with their sources; accepted ones are also in `parameters`. */
  calibration: DeliveryCalibrationSchema.optional(),
});

export type DeliveryOverrides = z.infer<typeof DeliveryOverridesSchema>;
export type ListedInitiative = z.infer<typeof ListedInitiativeSchema>;
export type DesignHeadcount = z.infer<typeof DesignHeadcountSchema>;
export type DeliverySection = z.infer<typeof DeliverySectionSchema>;
export type FittedParameterRecord = z.infer<typeof FittedParameterRecordSchema>;
export type DeliveryCalibration = z.infer<typeof DeliveryCalibrationSchema>;
export type BackTestSummary = z.infer<typeof BackTestSummarySchema>;

export function emptyDeliverySection(): DeliverySection {
  return { parameters: {} };
}

/**
 * A fixed trial count for callers that need one (benchmarks); a scenario
 * without `trials` runs the stopping rule instead (1,300 and 2,050 trials on
 * the two samples, seed 1).
 */
export const DEFAULT_DELIVERY_TRIALS = 2000;
/** The seed when the scenario does not set one. */
export const DEFAULT_DELIVERY_SEED = 1;
/** Trials per run of the tornado (1 + 2 × parameters runs of one design). */
export const DEFAULT_SENSITIVITY_TRIALS = 400;
