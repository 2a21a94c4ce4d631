/**
 * One-at-a-time sensitivity (tornado data): each parameter moved by ±X% on
 * its own, the design re-run on the same seed and trials (common random
 * numbers, so the difference is the parameter's, not noise), the change in
 * P85 (and P50) time to production recorded, rows sorted by swing.
 *
 * Effort is moved per stage (P10 and P90 together, every size), the other
 * parameters one by one; values are clamped to each parameter's bounds.
 */
import type { DesignKind } from './design.ts';
import { DELIVERY_PARAMETER_DOCS, EFFORT_STAGE_LABELS, EFFORT_STAGES, INITIATIVE_SIZES, SCALAR_PARAMETERS, type DeliveryParameters, type EffortStage, type ParameterSource } from './parameters.ts';
import { DeliveryRun, effectiveParameters, prepareRun, type DeliveryInput } from './simulate.ts';

export type SensitivityKnob = (typeof SCALAR_PARAMETERS)[number] | `effort.${EffortStage}`;

export interface SensitivityPoint {
  /** The parameter's value (for effort: the multiplier on the stage's P10 and P90). */
  value: number;
  /** Time to production P50 and P85, weeks. */
  p50: number;
  p85: number;
  /** Cycle time (start of discovery to production) P50, weeks. */
  cycleP50: number;
  /** Prototype (model validated) to production P50, weeks. */
  prototypeP50?: number;
}

export interface SensitivityRow {
  parameter: SensitivityKnob;
  label: string;
  source: ParameterSource;
  unit: string;
  base: number;
  low: SensitivityPoint;
  high: SensitivityPoint;
  /** P85 change (weeks) at the low and high value, against the base run. */
  deltaP85Low: number;
  deltaP85High: number;
  /** max(|ΔP85 low|, |ΔP85 high|), the sort key. */
  swing: number;
}

export interface SensitivityResult {
  design: DesignKind;
  seed: number;
  trials: number;
  deltaPct: number;
  base: { p50: number; p85: number; cycleP50: number; prototypeP50?: number };
  rows: SensitivityRow[];
  cancelled: boolean;
}

export interface SensitivityOptions {
  design: DesignKind;
  trials: number;
  seed: number;
  /** ± this many percent (default 20). */
  deltaPct?: number;
  /** Default: every scalar parameter marked for sensitivity, and effort per stage. */
  parameters?: readonly SensitivityKnob[];
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
}

/** The knobs the tornado moves by default. */
export function defaultSensitivityKnobs(): SensitivityKnob[] {
  const scalars = SCALAR_PARAMETERS.filter((k) => DELIVERY_PARAMETER_DOCS[k].sensitivity);
  return [...scalars, ...EFFORT_STAGES.map((s) => `effort.${s}` as const)];
}

function withKnob(base: DeliveryParameters, knob: SensitivityKnob, factor: number): { params: DeliveryParameters; value: number } {
  const p = structuredClone(base);
  if (knob.startsWith('effort.')) {
    const stage = knob.slice('effort.'.length) as EffortStage;
    for (const size of INITIATIVE_SIZES) {
      p.effort[size][stage].p10 *= factor;
      p.effort[size][stage].p90 *= factor;
    }
    return { params: p, value: factor };
  }
  const key = knob as (typeof SCALAR_PARAMETERS)[number];
  const doc = DELIVERY_PARAMETER_DOCS[key];
  const v = Math.min(doc.max, Math.max(doc.min, base[key] * factor));
  p[key] = v;
  return { params: p, value: v };
}

function p50p85(input: DeliveryInput, params: DeliveryParameters, design: DesignKind, trials: number, seed: number): { p50: number; p85: number; cycleP50: number; prototypeP50: number } {
  const run = new DeliveryRun(prepareRun(input, [design], params), { trials, seed });
  run.step(trials);
  const result = run.result().designs[0];
  if (!result) throw new Error(`The ${design} design is not available for this scenario.`);
  return { p50: result.timeToProduction.p50, p85: result.timeToProduction.p85, cycleP50: result.cycleTime.p50, prototypeP50: result.prototypeToProduction.p50 };
}

/** Tornado data for one design. Runs 1 + 2 × knobs simulations of `trials` trials each. */
export function deliverySensitivity(input: DeliveryInput, options: SensitivityOptions): SensitivityResult {
  const delta = (options.deltaPct ?? 20) / 100;
  const { parameters } = effectiveParameters(input);
  const knobs = options.parameters ?? defaultSensitivityKnobs();
  const total = 1 + 2 * knobs.length;
  let done = 0;
  const base = p50p85(input, parameters, options.design, options.trials, options.seed);
  options.onProgress?.(++done, total);
  const rows: SensitivityRow[] = [];
  let cancelled = false;
  for (const knob of knobs) {
    if (options.shouldCancel?.()) {
      cancelled = true;
      break;
    }
    const isEffort = knob.startsWith('effort.');
    const doc = isEffort ? DELIVERY_PARAMETER_DOCS.effort : DELIVERY_PARAMETER_DOCS[knob as (typeof SCALAR_PARAMETERS)[number]];
    const baseValue = isEffort ? 1 : parameters[knob as (typeof SCALAR_PARAMETERS)[number]];
    const lowSet = withKnob(parameters, knob, 1 - delta);
    const highSet = withKnob(parameters, knob, 1 + delta);
    const low = { value: lowSet.value, ...p50p85(input, lowSet.params, options.design, options.trials, options.seed) };
    options.onProgress?.(++done, total);
    const high = { value: highSet.value, ...p50p85(input, highSet.params, options.design, options.trials, options.seed) };
    options.onProgress?.(++done, total);
    const deltaP85Low = low.p85 - base.p85;
    const deltaP85High = high.p85 - base.p85;
    rows.push({
      parameter: knob,
      label: isEffort ? `Effort: ${EFFORT_STAGE_LABELS[knob.slice('effort.'.length) as EffortStage]}` : doc.label,
      source: doc.source,
      unit: isEffort ? '× effort' : doc.unit,
      base: baseValue,
      low,
      high,
      deltaP85Low,
      deltaP85High,
      swing: Math.max(Math.abs(deltaP85Low), Math.abs(deltaP85High)),
    });
  }
  rows.sort((a, b) => b.swing - a.swing || (a.parameter < b.parameter ? -1 : 1));
  return { design: options.design, seed: options.seed, trials: options.trials, deltaPct: delta * 100, base, rows, cancelled };
}
