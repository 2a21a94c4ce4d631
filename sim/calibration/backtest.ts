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
 * would flatter the model.
 *
 * The forecast is for the same items: the simulated plan starts at the
 * history's first request and runs as long as the history (whole months, at
 * most 120), and the forecast is the time to production of the initiatives
 * requested in the newer third's window (from the cutoff to the history's
 * end), followed until they ship. A forecast over the whole horizon would mix
 * in the plan's start (empty queues, people still being hired), which the
 * newer items never saw. The run is `simulateDelivery`'s (same streams per
 * trial, `prepareRun`, the scenario's own design), with the engine's trace
 * observer reading each initiative's request and production. The quantile–quantile series pairs the forecast's
 * and the actual (Kaplan–Meier) quantiles at 5, 10, … 95%; an actual quantile
 * the open items leave unknown is null.
 */
import { HIST_BIN_WEEKS, HIST_BINS } from '../delivery/accumulator.ts';
import type { DesignKind } from '../delivery/design.ts';
import { DesignSimulator, type DeliveryTraceObserver } from '../delivery/engine.ts';
import { WEEKS_PER_MONTH, type DeepPartialParameters, type InitiativeSize } from '../delivery/parameters.ts';
import { OUTCOME_STREAM, PortfolioSampler, STAGE_COUNT, TrialPortfolio, type PortfolioArea } from '../delivery/portfolio.ts';
import { histogramQuantile } from '../delivery/results.ts';
import { prepareRun } from '../delivery/simulate.ts';
import { mixSeed3, Xoshiro128 } from '../kernel/prng.ts';
import { resolveArea } from '../history/mapping.ts';
import type { DeliveryHistory } from '../history/types.ts';
import { naturalDesign } from '../delivery/design.ts';
import { applyCalibration, calibrateDelivery, parseIsoMs, type Calibration, type CalibrationScenario } from './calibrate.ts';
import { orgAtFullStrength, pastOrgParameters } from './staffing.ts';
import { kaplanMeier, survivalCdfWithError, survivalQuantile, type Duration } from './fit.ts';

/** More than this many points off 50% or 85% and the model does not describe the history. */
export const COVERAGE_TOLERANCE = 0.15;
/**
 * A coverage whose standard error is above this is unknown, not a figure:
 * e.g. the only item still at risk at the P85 shipped after items censored
 * before it, which would read as 100%.
 */
export const MAX_COVERAGE_ERROR = 0.2;

export interface BackTestOptions {
  trials: number;
  seed: number;
  /** The history's end (default: its latest timestamp). */
  asOf?: string;
  applyReadiness?: boolean;
  /** Apply only these fitted parameters (keys; default: every one not refused), as the user accepted them. */
  accept?: ReadonlySet<string>;
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
  /** Standard error of each coverage (Greenwood): a newer third of 20 items gives about ±0.11. */
  coverageError: { p50: number | null; p85: number | null };
  qq: QuantilePoint[];
  /** Time from "model validated" (the end of the model stage) to production in the newer third, where the history shows it. */
  prototypeToProduction: ClockFigures | null;
  /** "the model does not describe your history: …" when a coverage is off by more than 15 points; "the back-test cannot tell yet: …" when one is unknown. */
  warning: string | null;
}

const WEEK_MS = 7 * 86_400_000;

/** Time to production of the initiatives requested in [fromWeek, toWeek), as the engine's fixed-bin histogram (unshipped ones in the last bin). */
class WindowRecorder implements DeliveryTraceObserver {
  readonly hist = new Float64Array(HIST_BINS + 1);
  arrival: Float64Array = new Float64Array(0);
  /** Shipped from the window in the trial being run. */
  shippedInWindow = 0;
  private readonly fromWeek: number;
  private readonly toWeek: number;
  constructor(fromWeek: number, toWeek: number) {
    this.fromWeek = fromWeek;
    this.toWeek = toWeek;
  }
  queued(): void {}
  started(): void {}
  finished(): void {}
  shipped(initiative: number, at: number): void {
    const arrived = this.arrival[initiative]!;
    if (arrived < this.fromWeek || arrived >= this.toWeek) return;
    const b = Math.floor((at - arrived) / HIST_BIN_WEEKS);
    this.hist[b < HIST_BINS ? b : HIST_BINS]!++;
    this.shippedInWindow++;
  }
  /** Initiatives of the window that never shipped (beyond the drain bound). */
  endTrial(trial: TrialPortfolio): void {
    let inWindow = 0;
    for (let i = 0; i < trial.count; i++) if (trial.arrival[i]! >= this.fromWeek && trial.arrival[i]! < this.toWeek) inWindow++;
    this.hist[HIST_BINS]! += inWindow - this.shippedInWindow;
    this.shippedInWindow = 0;
  }
}

/** An item requested by the cutoff, as the forecast replays it: request week (from the history's first), product area (index), size. */
interface KnownRequest {
  week: number;
  area: number;
  size: InitiativeSize;
}

/**
 * Simulate the scenario's own design (shaped to the history's months) and
 * forecast the window's time to production. The requests made by the cutoff
 * are the history's own (when, which area, what size; their efforts drawn),
 * so the queues at the cutoff are those the history had; requests after it
 * are drawn from the fitted arrival rate and size mix, as a forecast made on
 * the cutoff day would.
 */
function forecastWindow(shaped: CalibrationScenario, parameters: DeepPartialParameters, options: BackTestOptions, known: (areas: readonly PortfolioArea[]) => KnownRequest[], cutoffWeek: number, fromWeek: number, toWeek: number): { kind: DesignKind; hist: Float64Array; trials: number } {
  const kind = naturalDesign(shaped);
  const prepared = prepareRun({ scenario: shaped, parameters, applyReadiness: options.applyReadiness }, [kind]);
  const design = prepared.designs[0];
  if (!design) throw new Error(`the scenario's own design (${kind}) could not be simulated: ${prepared.unavailable[0]?.reason ?? 'no teams'}`);
  if (!(Number.isInteger(options.trials) && options.trials >= 1)) throw new Error(`trials must be a whole number ≥ 1 (got ${options.trials})`);
  const requests = known(prepared.portfolio.areas);
  const replayed = new PortfolioSampler(
    { areas: prepared.portfolio.areas, initiatives: requests.map((r, i) => ({ name: `known-${i}`, size: r.size, area: r.area, arrivalMonth: 1 + r.week / WEEKS_PER_MONTH })) },
    prepared.parameters,
    prepared.horizonMonths,
  );
  const sampler = new PortfolioSampler(prepared.portfolio, prepared.parameters, prepared.horizonMonths);
  const past = new TrialPortfolio();
  const future = new TrialPortfolio();
  const trial = new TrialPortfolio();
  future.ensure(Math.ceil(sampler.expectedCount() * 1.5) + 16);
  past.ensure(requests.length + 1);
  const arrivals = new Xoshiro128();
  const attributes = new Xoshiro128();
  const sim = new DesignSimulator(design, prepared.parameters, prepared.horizonMonths);
  const recorder = new WindowRecorder(fromWeek, toWeek);
  sim.trace = recorder;
  for (let k = 0; k < options.trials; k++) {
    arrivals.reseedTrial(options.seed, k, 0);
    attributes.reseedTrial(options.seed, k, 1);
    const outcome = mixSeed3(options.seed, k, OUTCOME_STREAM);
    if (requests.length > 0) replayed.draw(arrivals, attributes, past, outcome);
    else past.count = 0;
    sampler.draw(arrivals, attributes, future, outcome);
    joinAfter(past, future, cutoffWeek, trial);
    recorder.arrival = trial.arrival;
    sim.runTrial(trial);
    recorder.endTrial(trial);
  }
  return { kind, hist: recorder.hist, trials: options.trials };
}

/** `past`'s initiatives, then those of `future` requested after `cutoffWeek`, into `out` (arrival order kept). */
function joinAfter(past: TrialPortfolio, future: TrialPortfolio, cutoffWeek: number, out: TrialPortfolio): void {
  let first = 0;
  while (first < future.count && future.arrival[first]! <= cutoffWeek) first++;
  const n = past.count + future.count - first;
  out.ensure(n);
  out.arrival.set(past.arrival.subarray(0, past.count));
  out.area.set(past.area.subarray(0, past.count));
  out.size.set(past.size.subarray(0, past.count));
  out.effort.set(past.effort.subarray(0, past.count * STAGE_COUNT));
  out.arrival.set(future.arrival.subarray(first, future.count), past.count);
  out.area.set(future.area.subarray(first, future.count), past.count);
  out.size.set(future.size.subarray(first, future.count), past.count);
  out.effort.set(future.effort.subarray(first * STAGE_COUNT, future.count * STAGE_COUNT), past.count * STAGE_COUNT);
  out.count = n;
  out.outcomeWord = future.outcomeWord;
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
  const firstMs = inHistory[0]!.at;
  const months = Math.min(120, Math.max(1, Math.ceil((asOfMs - firstMs) / WEEK_MS / WEEKS_PER_MONTH)));
  const pastOrg = orgAtFullStrength(scenario, months, new Date(firstMs).toISOString().slice(0, 7));
  const overrides = pastOrgParameters(scenario.delivery?.parameters);
  const calibration = calibrateDelivery({ ...history, items: older.map((c) => c.item) }, pastOrg, { asOf: cutoff, applyReadiness: options.applyReadiness, parameters: overrides });
  const parameters = applyCalibration(overrides, calibration, options.accept);
  const windowFrom = (newer[0]!.at - firstMs) / WEEK_MS;
  const windowTo = (asOfMs - firstMs) / WEEK_MS + 1e-9;
  const cutoffWeek = (cutoffMs - firstMs) / WEEK_MS;
  const knownRequests = (areas: readonly PortfolioArea[]): KnownRequest[] => {
    const index = new Map<string, number>();
    areas.forEach((a, i) => {
      index.set(a.id, i);
      if (a.teamId) index.set(a.teamId, i);
    });
    return older.map(({ item, at }, i) => ({
      week: (at - firstMs) / WEEK_MS,
      area: index.get(resolveArea(history.mapping, item.area, areas) ?? item.area) ?? i % Math.max(1, areas.length),
      size: history.mapping.sizes[item.type] ?? 'medium',
    }));
  };
  const simulated = forecastWindow(pastOrg, parameters, options, knownRequests, cutoffWeek, windowFrom, windowTo);
  const q = (p: number) => histogramQuantile(simulated.hist, p);
  const ttp = { p50: q(0.5), p85: q(0.85), p95: q(0.95) };

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
  const known = (t: number) => {
    const f = survivalCdfWithError(km, t);
    return f !== null && f.se <= MAX_COVERAGE_ERROR ? f : null;
  };
  const at50 = known(ttp.p50);
  const at85 = known(ttp.p85);
  const coverage = { p50: at50?.value ?? null, p85: at85?.value ?? null };
  const coverageError = { p50: at50?.se ?? null, p85: at85?.se ?? null };
  const qq: QuantilePoint[] = [];
  for (let k = 1; k <= 19; k++) {
    const level = k / 20;
    qq.push({ q: level, forecast: histogramQuantile(simulated.hist, level), actual: survivalQuantile(km, level) });
  }
  const off: string[] = [];
  if (coverage.p50 !== null && Math.abs(coverage.p50 - 0.5) > COVERAGE_TOLERANCE) off.push(`${pct(coverage.p50)} of the newer items shipped within the forecast P50 (${ttp.p50.toFixed(1)} weeks), not about 50%`);
  if (coverage.p85 !== null && Math.abs(coverage.p85 - 0.85) > COVERAGE_TOLERANCE) off.push(`${pct(coverage.p85)} within the forecast P85 (${ttp.p85.toFixed(1)} weeks), not about 85%`);
  const unknown = coverage.p50 === null || coverage.p85 === null ? `the ${coverage.p50 === null ? 'P50' : 'P85'} coverage is unknown: too many of the newer items are still open` : null;
  return {
    design: calibration.design,
    cutoff,
    asOf: new Date(asOfMs).toISOString(),
    calibration,
    trials: simulated.trials,
    seed: options.seed,
    forecast: { p50: ttp.p50, p85: ttp.p85, p95: ttp.p95 },
    actual: clock(actual),
    coverage,
    coverageError,
    qq,
    prototypeToProduction: prototype.length > 0 ? clock(prototype) : null,
    warning: off.length > 0 ? `the model does not describe your history: ${[...off, ...(unknown ? [unknown] : [])].join('; ')}` : unknown ? `the back-test cannot tell yet: ${unknown}` : null,
  };
}
