/**
 * The delivery model's parameters fitted from a team's own history, each
 * with its 95% interval and the source "your history: N items, from–to".
 *
 * What is fitted, and how (README.md has the long form):
 *
 * - arrivalsPerAreaPerMonth: items requested per product area per month,
 *   Poisson. An area counts from its first item (it may have started after
 *   the history did): its later items are a Poisson count over the time from
 *   then to the history's end (a request at the end itself is not counted:
 *   it is what ended a back-test's window); the areas' counts and times are
 *   summed.
 * - sizeMix.<size>: share of items of each size (type → size), Wilson.
 * - effort.<size>.<stage>: P10/P90 of a lognormal fitted by maximum
 *   likelihood to the first pass through the stage's statuses (items still
 *   in the stage are censored at the history's end). A calendar week in a
 *   stage is converted to person-weeks the way the engine converts the other
 *   way: a task runs effort ÷ (people per crew × productivity), so effort =
 *   weeks × the compiled speed of the team doing that stage in the scenario's
 *   own design at the horizon's last month (full ramp: focus factor,
 *   holidays, pod coordination, platform maintenance, after-adoption gain),
 *   ÷ the same-team iteration speed-up for integration, ÷ the data
 *   multiplier for data, × the engine's context-switching multiplier for the
 *   items the team held when the stage started (those at one of its stages,
 *   in its queue or its backlog, from the history; work the tracker's single
 *   status does not show, such as an application built alongside the model,
 *   is not counted, so a busy team's effort still reads a little high).
 * - handoffCadenceWeeks (podHandoffCadenceWeeks for a pod design): from the
 *   waits in "waiting for team X" statuses after a stage done by another team
 *   (a hand-off in the scenario's design) to a team that held no more items
 *   than it has crews (a crew was free for it). In the model a hand-off waits
 *   for the next intake (uniform up to one cadence), then for a free crew;
 *   waits longer than the cadence are that queue, so the cadence is the fixed
 *   point c = 2 × mean(waits ≤ c) (`intakeCadence`).
 * - reworkBaseProbability: items whose first integration sent them back to
 *   an earlier stage, solved through the engine's formula for the scenario's
 *   own design, P = 1 − (1 − base)(1 − perHandoff)^h (1 − perWeekApart)^weeksApart
 *   (h and "built apart" from the design, weeksApart per item from the end of
 *   discovery to the hand-off to integration), so the other designs change
 *   what the design changes. Wilson when the design has no hand-offs between
 *   the parts (P = base), else the profile-likelihood interval.
 * - changeFailureRate: deploys followed by a return to deploy or to an
 *   earlier stage, of the deploys that ended, Wilson. (The adoption dip's
 *   higher failure rate under a new platform is not separated out.)
 *
 * Parameters the history cannot inform keep their value and are listed in
 * `notInHistory`. A fitted value outside the documented bounds
 * (`DELIVERY_PARAMETER_DOCS`) is refused with the reason, never clamped.
 */
import { compileDesign } from '../delivery/compiled-design.ts';
import { isUnavailable, naturalDesign, type DeliveryScenario, type DesignKind, type OrgDesign } from '../delivery/design.ts';
import { DELIVERY_PARAMETER_DOCS, EFFORT_STAGES, INITIATIVE_SIZES, WEEKS_PER_MONTH, type DeepPartialParameters, type DeliveryParameters, type EffortRange, type EffortStage, type InitiativeSize, type ScalarParameter } from '../delivery/parameters.ts';
import { prepareRun } from '../delivery/simulate.ts';
import { resolveArea } from '../history/mapping.ts';
import type { DeliveryHistory, HistoryFormat, HistoryItem, StatusMeaning } from '../history/types.ts';
import { bernoulliMixture, fitLognormal, lognormalP10P90, poissonRate, wilson, Z95, type Duration, type Estimate } from './fit.ts';

/** LinearB's minimum history for a forecast (SOURCES.md): at least 30 items and 5 weeks. */
export const MIN_ITEMS = 30;
export const MIN_WEEKS = 5;
/** Fewest durations (or trials) a single parameter is fitted from. */
export const MIN_PER_PARAMETER = 5;

/** Exports that keep one date per stage (or only created → done): a move back to an earlier stage never shows in them. */
const FIRST_DATES_ONLY: readonly HistoryFormat[] = ['cycle-data', 'linear', 'github-projects'];

export type FittedValue = number | EffortRange;

export interface FittedParameter {
  /** Path as `delivery.parameters` stores it: a scalar key, `sizeMix.<size>` or `effort.<size>.<stage>`. */
  key: string;
  label: string;
  unit: string;
  value: FittedValue;
  /** 95% interval (per end for an effort range). */
  low: FittedValue;
  high: FittedValue;
  /** The value in effect before calibration (defaults ← the scenario's overrides ← readiness). */
  current: FittedValue;
  /** Items the estimate rests on. */
  items: number;
  from: string;
  to: string;
  /** "your history: N items, from–to". */
  source: string;
  /** How the history's figure became the parameter. */
  method: string;
  /** Refused (outside the documented bounds): the reason; the value is kept as fitted, not clamped. */
  refused?: string;
  /** Per team or product area where the data allows (the parameter itself is one value for all). */
  breakdown?: Array<{ label: string; value: number; low: number; high: number; items: number }>;
}

export interface Calibration {
  /** Items requested by the history's end. */
  items: number;
  from: string;
  to: string;
  /** Items not in production at the history's end (censored, not dropped). */
  openItems: number;
  /** The design the history was read against (the scenario's own). */
  design: DesignKind;
  parameters: FittedParameter[];
  /** Parameters the history cannot inform (they keep their value). */
  notInHistory: string[];
  warnings: string[];
}

export interface CalibrateOptions {
  /** The history's end (ISO): later changes are ignored, open items censored here. Default: its latest timestamp. */
  asOf?: string;
  /** The scenario's overrides to calibrate against (default: `scenario.delivery.parameters`). */
  parameters?: DeepPartialParameters;
  applyReadiness?: boolean;
}

/** A scenario as the calibration reads it: the delivery model's part, with its stored overrides. */
export type CalibrationScenario = DeliveryScenario & { delivery?: { parameters?: DeepPartialParameters } };

const WEEK_MS = 7 * 86_400_000;

/** ISO date or time → ms, or an error naming the item and value. */
export function parseIsoMs(value: string, what: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`${what}: not an ISO 8601 date or time (got "${value}")`);
  return ms;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One stretch of an item in one status, in weeks from the epoch. */
interface Segment {
  status: string;
  meaning: StatusMeaning;
  start: number;
  end: number;
  /** Still in it at the history's end. */
  open: boolean;
}

interface ReadItem {
  item: HistoryItem;
  created: number;
  size: InitiativeSize;
  /** Index into the design's routes (the portfolio's areas), −1 when the area is not one of the scenario's. */
  route: number;
  areaId: string;
  segments: Segment[];
  done: boolean;
}

const STAGE_INDEX = new Map<EffortStage, number>(EFFORT_STAGES.map((s, i) => [s, i]));

/** The history's items as status segments up to `asOfMs` (later changes ignored). */
function readItems(history: DeliveryHistory, asOfMs: number, areaIndex: Map<string, number>, areas: readonly { id: string; name: string }[]): ReadItem[] {
  const out: ReadItem[] = [];
  for (const item of history.items) {
    const created = parseIsoMs(item.created, `item ${item.id} (line ${item.line}) created`);
    if (created > asOfMs) continue;
    const changes = item.changes.map((c) => ({ at: parseIsoMs(c.at, `item ${item.id} (line ${item.line}) status "${c.status}"`), status: c.status })).filter((c) => c.at <= asOfMs);
    for (let k = 1; k < changes.length; k++) {
      if (changes[k]!.at < changes[k - 1]!.at) throw new Error(`item ${item.id} (line ${item.line}): status changes out of time order ("${changes[k]!.status}" at ${item.changes[k]!.at} after ${item.changes[k - 1]!.at})`);
    }
    const segments: Segment[] = changes.map((c, k) => {
      const meaning = history.mapping.statuses[c.status];
      if (!meaning) throw new Error(`item ${item.id} (line ${item.line}): status "${c.status}" is not in the mapping; map it to a stage, a team's queue, backlog, done or ignore`);
      const next = changes[k + 1];
      return { status: c.status, meaning, start: c.at / WEEK_MS, end: (next ? next.at : asOfMs) / WEEK_MS, open: next === undefined };
    });
    const areaId = resolveArea(history.mapping, item.area, areas) ?? item.area;
    const last = segments.at(-1);
    out.push({
      item,
      created: created / WEEK_MS,
      size: history.mapping.sizes[item.type] ?? 'medium',
      route: areaIndex.get(areaId) ?? -1,
      areaId,
      segments,
      done: last !== undefined && last.meaning.kind === 'done',
    });
  }
  return out;
}

const stageOf = (s: Segment): EffortStage | null => (s.meaning.kind === 'stage' ? s.meaning.stage : null);

/** The first contiguous run of a stage's statuses: start, end, open. */
function firstRun(segments: readonly Segment[], stage: EffortStage): { start: number; end: number; open: boolean; next: number } | null {
  const k = segments.findIndex((s) => stageOf(s) === stage);
  if (k < 0) return null;
  let j = k;
  while (j + 1 < segments.length && stageOf(segments[j + 1]!) === stage) j++;
  return { start: segments[k]!.start, end: segments[j]!.end, open: segments[j]!.open, next: j + 1 };
}

/** The team (design index) doing a stage for an area's route. */
function stageTeam(design: OrgDesign, route: number, stage: EffortStage): number {
  const r = design.routes[Math.max(0, route)]!;
  switch (stage) {
    case 'discovery':
      return r.discovery;
    case 'data':
    case 'model':
      return r.model;
    case 'application':
      return r.application;
    case 'infrastructure':
      return r.infrastructure >= 0 ? r.infrastructure : r.platform;
    case 'integration':
      return r.integration;
    case 'deploy':
      return r.deploy;
  }
}

/** The team (design index) an item is at during a segment: the stage's, the queue's, the backlog's (discovery); −1 for none. */
function segmentTeam(design: OrgDesign, route: number, s: Segment): number {
  if (s.meaning.kind === 'stage') return stageTeam(design, route, s.meaning.stage);
  if (s.meaning.kind === 'backlog') return stageTeam(design, route, 'discovery');
  if (s.meaning.kind === 'waiting') {
    const name = s.meaning.team.toLowerCase();
    return design.teams.findIndex((t) => t.id.toLowerCase() === name || t.name.toLowerCase() === name);
  }
  return -1;
}

/**
 * How many items a team holds at a time (queued at it, waiting for it or in
 * one of its stages), from the history: the engine's context switching
 * counts the initiatives a team holds. Work the single status does not show
 * (an application built alongside the model) is not counted.
 */
function heldByTeam(items: readonly ReadItem[], design: OrgDesign): (team: number, at: number) => number {
  const starts: number[][] = design.teams.map(() => []);
  const ends: number[][] = design.teams.map(() => []);
  for (const r of items) {
    let team = -1;
    let from = 0;
    const close = (at: number) => {
      if (team >= 0 && at > from) {
        starts[team]!.push(from);
        ends[team]!.push(at);
      }
    };
    for (const s of r.segments) {
      const t = segmentTeam(design, r.route, s);
      if (t === team) continue;
      close(s.start);
      team = t;
      from = s.start;
    }
    const last = r.segments.at(-1);
    if (last) close(last.end);
  }
  for (const list of [...starts, ...ends]) list.sort((a, b) => a - b);
  /** Number of values ≤ x in a sorted list. */
  const upTo = (list: readonly number[], x: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (team, at) => upTo(starts[team]!, at) - upTo(ends[team]!, at);
}

/** Everything calibration and the back-test read of the scenario. */
interface Context {
  kind: DesignKind;
  design: OrgDesign;
  params: DeliveryParameters;
  horizonMonths: number;
  areaIndex: Map<string, number>;
  areas: ReadonlyArray<{ id: string; name: string }>;
  areaNames: string[];
}

function context(scenario: CalibrationScenario, options: CalibrateOptions): Context {
  const kind = naturalDesign(scenario);
  const overrides = options.parameters ?? scenario.delivery?.parameters;
  const prepared = prepareRun({ scenario, parameters: overrides, applyReadiness: options.applyReadiness }, [kind]);
  const design = prepared.designs[0];
  if (!design || isUnavailable(design)) throw new Error(`the scenario's own design (${kind}) cannot be formed: ${prepared.unavailable[0]?.reason ?? 'no teams'}`);
  const areaIndex = new Map<string, number>();
  prepared.portfolio.areas.forEach((a, i) => {
    areaIndex.set(a.id, i);
    if (a.teamId) areaIndex.set(a.teamId, i);
  });
  return { kind, design, params: prepared.parameters, horizonMonths: prepared.horizonMonths, areaIndex, areas: prepared.portfolio.areas, areaNames: prepared.portfolio.areas.map((a) => a.name) };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * The intake cadence from hand-off waits: c = 2 × mean(waits ≤ c), iterated
 * down from twice the mean of all waits (a wait up to c is the intake's,
 * uniform on (0, c]; the rest is a queue behind it). The interval is the
 * mean's (normal, from the waits kept), doubled.
 */
export function intakeCadence(waits: readonly number[]): Estimate {
  let c = (2 * waits.reduce((s, v) => s + v, 0)) / waits.length;
  let kept: number[] = [...waits];
  for (let k = 0; k < 50; k++) {
    const next = waits.filter((w) => w <= c);
    if (next.length < 2) break;
    const m = next.reduce((s, v) => s + v, 0) / next.length;
    kept = next;
    if (Math.abs(2 * m - c) < 1e-9) break;
    c = 2 * m;
  }
  const m = kept.reduce((s, v) => s + v, 0) / kept.length;
  const sd = Math.sqrt(kept.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, kept.length - 1));
  const half = (Z95 * sd) / Math.sqrt(kept.length);
  return { value: c, low: Math.max(0, 2 * (m - half)), high: 2 * (m + half) };
}

/** Fit the delivery model's parameters to a history (see the module comment). */
export function calibrateDelivery(history: DeliveryHistory, scenario: CalibrationScenario, options: CalibrateOptions = {}): Calibration {
  const ctx = context(scenario, options);
  const { design, params } = ctx;
  let latest = -Infinity;
  for (const item of history.items) {
    latest = Math.max(latest, parseIsoMs(item.created, `item ${item.id} (line ${item.line}) created`));
    for (const c of item.changes) latest = Math.max(latest, parseIsoMs(c.at, `item ${item.id} (line ${item.line}) status "${c.status}"`));
  }
  const asOfMs = options.asOf !== undefined ? parseIsoMs(options.asOf, 'asOf') : latest;
  const items = readItems(history, asOfMs, ctx.areaIndex, ctx.areas);
  const warnings: string[] = [];
  if (items.length === 0) {
    return { items: 0, from: '', to: day(Number.isFinite(asOfMs) ? asOfMs : 0), openItems: 0, design: ctx.kind, parameters: [], notInHistory: [], warnings: ['the history has no items requested by its end: nothing to calibrate'] };
  }
  const fromMs = Math.min(...items.map((r) => r.created * WEEK_MS));
  const from = day(fromMs);
  const to = day(asOfMs);
  const spanWeeks = (asOfMs - fromMs) / WEEK_MS;
  const asOf = asOfMs / WEEK_MS;
  if (items.length < MIN_ITEMS || spanWeeks < MIN_WEEKS) {
    warnings.push(`${items.length} items over ${round(spanWeeks)} weeks: fewer than a forecast needs (LinearB asks ≥ ${MIN_ITEMS} items and ≥ ${MIN_WEEKS} weeks); the intervals below are wide because the data are few`);
  }
  const unmatched = [...new Set(items.filter((r) => r.route < 0).map((r) => r.areaId))];
  if (unmatched.length) warnings.push(`areas not in the scenario, read as its first product area: ${unmatched.join(', ')} (map them with the area mapping)`);
  const source = (n: number) => `your history: ${n} items, ${from}–${to}`;
  const out: FittedParameter[] = [];
  const scalar = (key: ScalarParameter, est: Estimate, n: number, method: string, breakdown?: FittedParameter['breakdown']): void => {
    const doc = DELIVERY_PARAMETER_DOCS[key];
    const p: FittedParameter = { key, label: doc.label, unit: doc.unit, value: est.value, low: est.low, high: est.high, current: params[key], items: n, from, to, source: source(n), method };
    if (est.value < doc.min || est.value > doc.max) p.refused = `${round(est.value)} ${doc.unit} is outside the documented bounds ${doc.min}–${doc.max}: kept as it is, check the mapping or the history`;
    if (breakdown) p.breakdown = breakdown;
    out.push(p);
  };

  // Arrival rate per product area (Poisson, each area from its first item).
  const byArea = new Map<string, number[]>();
  for (const r of items) {
    const list = byArea.get(r.areaId) ?? [];
    list.push(r.created);
    byArea.set(r.areaId, list);
  }
  let events = 0;
  let exposureMonths = 0;
  const areaBreakdown: NonNullable<FittedParameter['breakdown']> = [];
  for (const [area, created] of byArea) {
    const first = Math.min(...created);
    const months = (asOf - first) / WEEKS_PER_MONTH;
    if (!(months > 0)) continue;
    // A request at the very end is what ended the window (a back-test's cutoff): counting it would bias the rate up.
    const count = created.length - 1 - created.filter((t) => t === asOf).length;
    events += count;
    exposureMonths += months;
    const est = poissonRate(count, months);
    areaBreakdown.push({ label: area, value: est.value, low: est.low, high: est.high, items: created.length });
  }
  if (exposureMonths > 0 && events >= 1) {
    scalar('arrivalsPerAreaPerMonth', poissonRate(events, exposureMonths), items.length, `items requested per product area per month over ${byArea.size} areas, each from its first item (Poisson, exact interval)`, areaBreakdown);
  } else warnings.push('too few items per area to estimate the arrival rate');

  // Size mix (types → size).
  const sizeCounts = new Map<InitiativeSize, number>(INITIATIVE_SIZES.map((s) => [s, 0]));
  for (const r of items) sizeCounts.set(r.size, sizeCounts.get(r.size)! + 1);
  const mixTotal = INITIATIVE_SIZES.reduce((s, k) => s + params.sizeMix[k], 0);
  for (const size of INITIATIVE_SIZES) {
    const est = wilson(sizeCounts.get(size)!, items.length);
    out.push({ key: `sizeMix.${size}`, label: `${DELIVERY_PARAMETER_DOCS.sizeMix.label}: ${size}`, unit: 'share', value: est.value, low: est.low, high: est.high, current: params.sizeMix[size] / mixTotal, items: items.length, from, to, source: source(items.length), method: 'share of items whose type maps to this size (Wilson interval)' });
  }

  // Effort per stage and size (first pass, censored lognormal, converted to person-weeks).
  const compiled = compileDesign(design, params, ctx.horizonMonths);
  const lastMonth = compiled.months - 1;
  const personWeeksPerWeek = (route: number, stage: EffortStage): number => {
    const team = stageTeam(design, route, stage);
    let k = compiled.speed[team * compiled.months + lastMonth]!;
    if (stage === 'integration') k /= compiled.iterationMult[Math.max(0, route)]!;
    if (stage === 'data') k /= params.dataEffortMultiplier;
    return k;
  };
  const held = heldByTeam(items, design);
  const crews = compiled.crews;
  /** The engine's context-switching multiplier for a team holding `n` initiatives. */
  const contextSwitch = (team: number, n: number): number => {
    const over = n - params.wipLimitPerCrew * crews[team]!;
    if (!(over > 0)) return 1;
    return Math.max(params.contextSwitchFloor, 1 - (params.contextSwitchCost * over) / crews[team]!);
  };
  const stagesSeen = new Set<EffortStage>();
  for (const s of Object.values(history.mapping.statuses)) if (s.kind === 'stage') stagesSeen.add(s.stage);
  for (const stage of EFFORT_STAGES) {
    if (!stagesSeen.has(stage)) continue;
    for (const size of INITIATIVE_SIZES) {
      const durations: Duration[] = [];
      for (const r of items) {
        if (r.size !== size) continue;
        const run = firstRun(r.segments, stage);
        if (!run || !(run.end > run.start)) continue;
        const team = stageTeam(design, r.route, stage);
        const slowdown = contextSwitch(team, held(team, run.start));
        durations.push({ time: (run.end - run.start) * personWeeksPerWeek(r.route, stage) * slowdown, censored: run.open });
      }
      const key = `effort.${size}.${stage}`;
      const current = params.effort[size][stage];
      const ended = durations.filter((d) => !d.censored).length;
      const fit = ended >= MIN_PER_PARAMETER ? fitLognormal(durations) : null;
      if (!fit) {
        if (durations.length > 0) warnings.push(`${key}: ${ended} ${size} items ended the ${stage} stage (${MIN_PER_PARAMETER} needed): kept at ${current.p10}–${current.p90} person-weeks`);
        continue;
      }
      const { p10, p90 } = lognormalP10P90(fit);
      const doc = DELIVERY_PARAMETER_DOCS.effort;
      const p: FittedParameter = {
        key,
        label: `${doc.label}: ${size}, ${stage}`,
        unit: doc.unit,
        value: { p10: p10.value, p90: p90.value },
        low: { p10: p10.low, p90: p90.low },
        high: { p10: p10.high, p90: p90.high },
        current: { ...current },
        items: durations.length,
        from,
        to,
        source: source(durations.length),
        method: `lognormal by maximum likelihood on the first pass through the ${stage} statuses (${fit.censored} still in it, censored), calendar weeks × the ${design.teams[stageTeam(design, 0, stage)]!.name} crew's person-weeks per week`,
      };
      if (p10.value < doc.min || p90.value > doc.max) p.refused = `P10–P90 ${round(p10.value)}–${round(p90.value)} person-weeks is outside the documented bounds ${doc.min}–${doc.max}: kept as it is, check the mapping or the history`;
      out.push(p);
    }
  }

  // Hand-off waits → intake cadence.
  const teamIndex = (name: string): number => design.teams.findIndex((t) => t.id === name || t.name.toLowerCase() === name.toLowerCase());
  const waits: number[] = [];
  const waitsByTeam = new Map<number, number[]>();
  for (const r of items) {
    let previousTeam = -1;
    for (const s of r.segments) {
      const stage = stageOf(s);
      if (stage) previousTeam = stageTeam(design, r.route, stage);
      else if (s.meaning.kind === 'waiting' && !s.open && previousTeam >= 0) {
        const team = teamIndex(s.meaning.team);
        // Hand-offs to a team with a crew free for it (what it held, itself included, within its crews): the wait is the intake's alone.
        if (team >= 0 && team !== previousTeam && held(team, s.start) <= crews[team]!) {
          waits.push(s.end - s.start);
          const list = waitsByTeam.get(team) ?? [];
          list.push(s.end - s.start);
          waitsByTeam.set(team, list);
        }
      }
    }
  }
  const strangers = [...new Set(Object.values(history.mapping.statuses).flatMap((m) => (m.kind === 'waiting' && teamIndex(m.team) < 0 ? [m.team] : [])))];
  if (strangers.length) warnings.push(`statuses waiting for a team the ${ctx.kind} design does not have (${strangers.join(', ')}): not read as hand-offs; map them to one of ${design.teams.map((t) => t.id).join(', ')}`);
  const cadenceKey: ScalarParameter = design.podCount > 0 ? 'podHandoffCadenceWeeks' : 'handoffCadenceWeeks';
  if (waits.length >= MIN_PER_PARAMETER) {
    const breakdown = [...waitsByTeam].filter(([, xs]) => xs.length >= MIN_PER_PARAMETER).map(([t, xs]) => ({ label: design.teams[t]!.name, ...intakeCadence(xs), items: xs.length }));
    scalar(
      cadenceKey,
      intakeCadence(waits),
      waits.length,
      'from the waits in "waiting for a team" statuses after a stage done by another team, when that team held no more items than its crews: the model waits for the next intake (up to one cadence, half on average), then for a free crew; waits longer than the cadence are queueing, so the cadence is the fixed point c = 2 × mean(waits ≤ c), started from twice the mean wait (queueing shorter than a cadence reads as cadence: an upper bound)',
      breakdown,
    );
  }

  // Rework at the first integration.
  const r0 = design.routes;
  const trials: Array<{ event: boolean; clean: number }> = [];
  let apartAnywhere = false;
  for (const r of items) {
    const integration = firstRun(r.segments, 'integration');
    if (!integration || integration.open) continue;
    const after = r.segments.slice(integration.next).find((s) => stageOf(s) !== null || s.meaning.kind === 'done');
    if (!after) continue;
    const stage = stageOf(after);
    const defect = stage !== null && STAGE_INDEX.get(stage)! < STAGE_INDEX.get('integration')!;
    const route = r0[Math.max(0, r.route)]!;
    let clean = Math.pow(1 - params.reworkPerHandoff, route.partHandoffs);
    if (route.builtApart) {
      apartAnywhere = true;
      const discovery = firstRun(r.segments, 'discovery');
      const k = r.segments.findIndex((s) => stageOf(s) === 'integration');
      let j = k;
      while (j > 0 && r.segments[j - 1]!.meaning.kind === 'waiting') j--;
      const join = r.segments[j]!.start;
      const fork = discovery ? discovery.end : r.created;
      clean *= Math.pow(1 - params.reworkPerWeekApart, Math.max(0, join - fork));
    }
    trials.push({ event: defect, clean });
  }
  // An export with each stage's first date only (cycle data, Linear, GitHub Projects) cannot show a move back:
  // 0 defects and 0 failed deploys would be read where the history is silent, so neither is fitted.
  const movesBackVisible = !FIRST_DATES_ONLY.includes(history.format);
  if (!movesBackVisible) {
    warnings.push(`a ${history.format} export keeps one date per stage, so moves back (rework, failed deploys) do not show: the rework chance and the change failure rate are not fitted from it (a status-change log shows them)`);
  }
  if (movesBackVisible && trials.length >= MIN_PER_PARAMETER && params.maxReworkLoops >= 1) {
    const defects = trials.filter((t) => t.event).length;
    const plain = trials.every((t) => t.clean === 1);
    const est = plain ? wilson(defects, trials.length) : bernoulliMixture(trials);
    scalar(
      'reworkBaseProbability',
      est,
      trials.length,
      plain
        ? `${defects} of ${trials.length} first integrations sent the item back to an earlier stage; the ${ctx.kind} design has no hand-offs between the parts, so that share is the base chance (Wilson)`
        : `${defects} of ${trials.length} first integrations sent the item back to an earlier stage; solved for the base chance through 1 − (1 − base)(1 − ${params.reworkPerHandoff})^h${apartAnywhere ? `(1 − ${params.reworkPerWeekApart})^weeks apart` : ''} of the ${ctx.kind} design (profile-likelihood interval)`,
    );
  }

  // Failed deploys.
  let deploys = 0;
  let failures = 0;
  for (const r of items) {
    const segs = r.segments;
    let k = 0;
    while (k < segs.length) {
      if (stageOf(segs[k]!) !== 'deploy') {
        k++;
        continue;
      }
      let j = k;
      while (j + 1 < segs.length && stageOf(segs[j + 1]!) === 'deploy') j++;
      if (segs[j]!.open) break;
      const later = segs.slice(j + 1).find((s) => stageOf(s) !== null || s.meaning.kind === 'done');
      if (!later) break;
      deploys++;
      const stage = stageOf(later);
      if (stage !== null && STAGE_INDEX.get(stage)! <= STAGE_INDEX.get('deploy')!) failures++;
      k = j + 1;
    }
  }
  if (movesBackVisible && deploys >= MIN_PER_PARAMETER) scalar('changeFailureRate', wilson(failures, deploys), deploys, `${failures} of ${deploys} deploys were followed by another deploy or an earlier stage (Wilson)`);

  const fittedKeys = new Set(out.map((p) => p.key.split('.')[0]));
  const notInHistory = (Object.keys(DELIVERY_PARAMETER_DOCS) as Array<keyof DeliveryParameters>).filter((k) => !fittedKeys.has(k));
  const openItems = items.filter((r) => !r.done).length;
  return { items: items.length, from, to, openItems, design: ctx.kind, parameters: out, notInHistory, warnings };
}

/**
 * The scenario's overrides with the fitted values applied (all not refused,
 * or only `keys`): what the back-test simulates and what "accept" stores.
 */
export function applyCalibration(overrides: DeepPartialParameters | undefined, calibration: Pick<Calibration, 'parameters'>, keys?: ReadonlySet<string>): DeepPartialParameters {
  const next: DeepPartialParameters = structuredClone(overrides ?? {});
  for (const p of calibration.parameters) {
    if (p.refused || (keys && !keys.has(p.key))) continue;
    const path = p.key.split('.');
    if (path[0] === 'sizeMix' && typeof p.value === 'number') {
      next.sizeMix = { ...next.sizeMix, [path[1] as InitiativeSize]: p.value };
    } else if (path[0] === 'effort' && typeof p.value !== 'number') {
      const size = path[1] as InitiativeSize;
      const stage = path[2] as EffortStage;
      next.effort = { ...next.effort, [size]: { ...next.effort?.[size], [stage]: { p10: p.value.p10, p90: p.value.p90 } } };
    } else if (typeof p.value === 'number') {
      (next as Record<string, unknown>)[p.key] = p.value;
    }
  }
  return next;
}
