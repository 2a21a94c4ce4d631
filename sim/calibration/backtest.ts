/**
 * The back-test, before any forecast is shown: fit on the older two-thirds
 * of the history (by request date, as known on the day the newest of them
 * was requested: their later changes are hidden and those still open are
 * censored there), simulate the scenario's own design with the fitted
 * parameters (the scenario's overrides ← fitted), and check the forecast
 * against the newer third's actual time from request to production.
 *
 * Coverage is the share of actual times at or below the forecast P50 and
 * P85; a calibrated model gives about 50% and 85%. Items of the newer third
 * still open at the history's end are right-censored: the shares come from
 * the Kaplan–Meier estimate of their distribution (an item open for longer
 * than the P85 counts as above it; one open for less counts only through
 * the items that outlasted it), never from the shipped items alone, which
 * would flatter the model. The quantile–quantile series pairs the forecast's
 * and the actual (Kaplan–Meier) quantiles at 5, 10, … 95%; an actual quantile
 * the open items leave unknown is null.
 */
import type { DesignKind } from '../delivery/design.ts';
import type { HistogramBin } from '../delivery/results.ts';
import { simulateDelivery } from '../delivery/simulate.ts';
import type { DeliveryHistory } from '../history/types.ts';
import { applyCalibration, calibrateDelivery, parseIsoMs, type Calibration, type CalibrationScenario } from './calibrate.ts';
import { kaplanMeier, survivalCdf, survivalQuantile, type Duration } from './fit.ts';

/** More than this many points off 50% or 85% and the model does not describe the history. */
export const COVERAGE_TOLERANCE = 0.15;

export interface BackTestOptions {
  trials: number;
  seed: number;
  /** The history's end (default: its latest timestamp). */
  asOf?: string;
  applyReadiness?: boolean;
}

export interface QuantilePoint {
  /** 0.05 … 0.95. */
  q: number;
  forecast: number;
  /** Null where the open items leave the actual quantile unknown. */
  actual: number | null;
}

export interface ClockFigures {
  /** Items in the clock (shipped or still open). */
  items: number;
  shipped: number;
  /** Kaplan–Meier P50 and P85, weeks (null when too many are still open). */
  p50: number | null;
  p85: number | null;
}

export interface BackTest {
  design: DesignKind;
  /** The newest request date of the fitting part (ISO): the fit knows the history up to here. */
  cutoff: string;
  asOf: string;
  /** The fit on the older two-thirds. */
  calibration: Calibration;
  trials: number;
  seed: number;
  /** Forecast time to production (request → production), weeks. */
  forecast: { p50: number; p85: number; p95: number };
  /** The newer third: items, shipped, and their actual time to production. */
  actual: ClockFigures;
  /** Share (0–1) of the newer third's actual times ≤ the forecast P50 and P85 (null when the open items leave it unknown). */
  coverage: { p50: number | null; p85: number | null };
  qq: QuantilePoint[];
  /** Time from "model validated" (the end of the model stage) to production in the newer third, where the history shows it. */
  prototypeToProduction: ClockFigures | null;
  /** "the model does not describe your history: …" when a coverage is off by more than 15 points. */
  warning: string | null;
}

const WEEK_MS = 7 * 86_400_000;

/** The q-quantile of a display histogram (linear within a bin). */
export function binnedQuantile(bins: readonly HistogramBin[], q: number): number {
  const total = bins.reduce((s, b) => s + b.share, 0);
  let cum = 0;
  for (const b of bins) {
    if (b.share > 0 && cum + b.share >= q * total) return b.from + ((q * total - cum) / b.share) * (b.to - b.from);
    cum += b.share;
  }
  return bins.at(-1)?.to ?? Number.NaN;
}

function clock(durations: Duration[]): ClockFigures {
  const km = kaplanMeier(durations);
  return { items: durations.length, shipped: durations.filter((d) => !d.censored).length, p50: survivalQuantile(km, 0.5), p85: survivalQuantile(km, 0.85) };
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function backTestDelivery(history: DeliveryHistory, scenario: CalibrationScenario, options: BackTestOptions): BackTest {
  const created = history.items.map((item) => ({ item, at: parseIsoMs(item.created, `item ${item.id} (line ${item.line}) created`) })).sort((a, b) => a.at - b.at);
  let latest = -Infinity;
  for (const { item, at } of created) {
    latest = Math.max(latest, at);
    for (const c of item.changes) latest = Math.max(latest, parseIsoMs(c.at, `item ${item.id} (line ${item.line}) status "${c.status}"`));
  }
  const asOfMs = options.asOf !== undefined ? parseIsoMs(options.asOf, 'asOf') : latest;
  const inHistory = created.filter((c) => c.at <= asOfMs);
  if (inHistory.length < 6) throw new Error(`a back-test needs at least 6 items requested by the history's end (got ${inHistory.length})`);
  const cut = Math.floor((2 * inHistory.length) / 3);
  const older = inHistory.slice(0, cut);
  const newer = inHistory.slice(cut);
  const cutoffMs = older[older.length - 1]!.at;
  const cutoff = new Date(cutoffMs).toISOString();
  const calibration = calibrateDelivery({ ...history, items: older.map((c) => c.item) }, scenario, { asOf: cutoff, applyReadiness: options.applyReadiness });
  const parameters = applyCalibration(scenario.delivery?.parameters, calibration);
  const comparison = simulateDelivery({ scenario, parameters, applyReadiness: options.applyReadiness }, { trials: options.trials, seed: options.seed, designs: [calibration.design] });
  const result = comparison.designs[0];
  if (!result) throw new Error(`the scenario's own design (${calibration.design}) could not be simulated: ${comparison.unavailable[0]?.reason ?? 'unknown'}`);
  const ttp = result.timeToProduction;

  // Actual times of the newer third, censored at the history's end.
  const doneStatus = (s: string) => history.mapping.statuses[s]?.kind === 'done';
  const modelStatus = (s: string) => {
    const m = history.mapping.statuses[s];
    return m?.kind === 'stage' && m.stage === 'model';
  };
  const actual: Duration[] = [];
  const prototype: Duration[] = [];
  for (const { item, at } of newer) {
    const changes = item.changes.map((c) => ({ at: parseIsoMs(c.at, `item ${item.id} status "${c.status}"`), status: c.status })).filter((c) => c.at <= asOfMs);
    const done = changes.find((c) => doneStatus(c.status));
    const end = done ? done.at : asOfMs;
    actual.push({ time: Math.max(1e-9, (end - at) / WEEK_MS), censored: !done });
    const m = changes.findIndex((c) => modelStatus(c.status));
    if (m >= 0) {
      let j = m;
      while (j + 1 < changes.length && modelStatus(changes[j + 1]!.status)) j++;
      const validated = changes[j + 1];
      if (validated) prototype.push({ time: Math.max(1e-9, (end - validated.at) / WEEK_MS), censored: !done });
    }
  }
  const km = kaplanMeier(actual);
  const coverage = { p50: survivalCdf(km, ttp.p50), p85: survivalCdf(km, ttp.p85) };
  const qq: QuantilePoint[] = [];
  for (let k = 1; k <= 19; k++) {
    const q = k / 20;
    qq.push({ q, forecast: binnedQuantile(ttp.histogram, q), actual: survivalQuantile(km, q) });
  }
  const off: string[] = [];
  if (coverage.p50 !== null && Math.abs(coverage.p50 - 0.5) > COVERAGE_TOLERANCE) off.push(`${pct(coverage.p50)} of the newer items shipped within the forecast P50 (${ttp.p50.toFixed(1)} weeks), not about 50%`);
  if (coverage.p85 !== null && Math.abs(coverage.p85 - 0.85) > COVERAGE_TOLERANCE) off.push(`${pct(coverage.p85)} within the forecast P85 (${ttp.p85.toFixed(1)} weeks), not about 85%`);
  if (coverage.p50 === null || coverage.p85 === null) off.push('too many of the newer items are still open to tell');
  return {
    design: calibration.design,
    cutoff,
    asOf: new Date(asOfMs).toISOString(),
    calibration,
    trials: comparison.trials,
    seed: options.seed,
    forecast: { p50: ttp.p50, p85: ttp.p85, p95: ttp.p95 },
    actual: clock(actual),
    coverage,
    qq,
    prototypeToProduction: prototype.length > 0 ? clock(prototype) : null,
    warning: off.length > 0 ? `the model does not describe your history: ${off.join('; ')}` : null,
  };
}
