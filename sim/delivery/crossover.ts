/**
 * The crossover: at what scale do pods pay off? Each design's P85 time to
 * production and cost per shipped initiative over a range of demand
 * (initiatives per product area per month) and over a range of headcount,
 * every point on the same seed (common random numbers), and the point where
 * pods — and pods + platform — overtake the centralized design (strictly
 * faster at P85; the first change of lead going up the axis, linear in the
 * log of the axis as the grid is log-spaced), interpolated only between
 * neighbouring points where both are a meaningful comparison, or "not
 * within this range" with why.
 *
 * The headcount axis scales the scenario's people: every team in the flow
 * keeps round(n × scale) of its positions (at least one, so no team and no
 * product area vanishes), spread over its list so the mix of roles is kept
 * (a position taken twice is a clone: same role, filled or open, hire
 * month). The counterfactual designs re-arrange those same people, so every
 * design has the same people at each point; headcounts the user set for a
 * counterfactual (`delivery.designHeadcount`) are scaled the same way. The
 * axis value is the people in the flow at that point.
 *
 * A point runs `DeliveryRun` like any comparison (its figures are those of
 * `simulateDelivery` on the same input), in steps, so a worker can report
 * progress and cancel between slices; a point where no design is meaningful
 * is not simulated at all.
 */
import { DESIGN_KINDS, DESIGN_LABELS, FLOW_ROLE, type DeliveryScenario, type DesignKind } from './design.ts';
import { DELIVERY_PARAMETER_DOCS } from './parameters.ts';
import type { DesignResult } from './results.ts';
import type { DesignHeadcount } from './schema.ts';
import { DeliveryRun, effectiveParameters, prepareRun, type DeliveryInput, type PreparedRun } from './simulate.ts';
import type { Shard } from '../kernel/shards.ts';

export type CrossoverAxis = 'demand' | 'headcount';
export type Challenger = 'pods' | 'pods-platform';

/** A log-spaced range: `steps` points from `from` to `to` inclusive. */
export interface CrossoverRange {
  from: number;
  to: number;
  steps: number;
}

export interface CrossoverOptions {
  /** Trials per point (every design at a point runs the same initiatives). */
  trials: number;
  seed: number;
  /** Initiatives per area per month. Default `defaultDemandRange`; null = no demand sweep. */
  demand?: CrossoverRange | null;
  /** Multiples of the scenario's people in the flow. Default `DEFAULT_HEADCOUNT_RANGE`; null = no headcount sweep. */
  headcount?: CrossoverRange | null;
  /**
   * Run only the points of this shard (`sim/kernel/shards.ts`): point n, counted over
   * the sweeps in order (demand, then headcount), belongs to shard n mod count. Every
   * point runs on the one seed, so a point's figures are the same in any shard.
   */
  shard?: Shard;
}

/** Trials per point when nobody says: the 14 default points × 3 designs take about 2.5 s on either sample. */
export const DEFAULT_CROSSOVER_TRIALS = 1000;
export const DEFAULT_DEMAND_SCALE = { from: 0.25, to: 4, steps: 8 } as const;
export const DEFAULT_HEADCOUNT_RANGE: CrossoverRange = { from: 0.5, to: 2, steps: 6 };
export const MAX_CROSSOVER_STEPS = 40;
/** Largest headcount multiple (a team of 500 is the schema's own limit). */
export const MAX_HEADCOUNT_SCALE = 10;

export interface CrossoverTeam {
  teamId: string;
  name: string;
  headcount: number;
  /** Work routed to it ÷ what its people do; ≥ 1 = its queue grows without bound (Infinity: no productive people). */
  utilisation: number;
}

export interface CrossoverDesignPoint {
  kind: DesignKind;
  label: string;
  meaningful: boolean;
  /** Why not (the overloaded team named, with its utilisation), when not meaningful. */
  reason?: string;
  /** The team at utilisation ≥ 1, when that is why. */
  teamId?: string;
  /** Weeks from request to production; null when not meaningful (no figure is shown). */
  p85: number | null;
  /** The P85's 95% confidence interval (batch means over the point's blocks of trials); null with too few blocks. */
  p85Interval: [number, number] | null;
  costPerInitiativeShipped: number | null;
  /** Flow teams (empty when the design cannot be formed). */
  teams: CrossoverTeam[];
  /** The flow team with the highest utilisation. */
  busiest: CrossoverTeam | null;
}

export interface CrossoverPoint {
  /** Initiatives per area per month, or people in the flow. */
  value: number;
  /** The multiple of the scenario's value. */
  scale: number;
  /** Trials run at this point (0 when no design was meaningful, or the run stopped first). */
  trials: number;
  designs: CrossoverDesignPoint[];
}

export type NoCrossoverReason = 'challenger-faster-everywhere' | 'centralized-faster-everywhere' | 'no-meaningful-point' | 'across-a-gap';

export interface CrossoverFinding {
  challenger: Challenger;
  /** Where the P85s are equal, on the axis (null: not within this range). */
  at: number | null;
  /** The neighbouring grid values it lies between. */
  between: [number, number] | null;
  /** 'above': the challenger is faster above `at`; 'below': below it. */
  challengerFaster: 'above' | 'below' | null;
  reason: NoCrossoverReason | null;
  /** Points where both designs are meaningful, of all the points. */
  comparable: number;
  /** How often the faster of the two changes between comparable points (P85 noise can make it more than one). */
  leadChanges: number;
  /** The first point (going up the axis) where one design has an unbounded queue and the other does not. */
  saturation: { value: number; design: DesignKind; team: string } | null;
  sentence: string;
}

export interface CrossoverSweep {
  axis: CrossoverAxis;
  /** The axis in words, with its unit. */
  label: string;
  unit: string;
  /** The scenario's own value (scale 1). */
  base: number;
  points: CrossoverPoint[];
  findings: CrossoverFinding[];
  /** Anything the range was adjusted for, in words (empty when none). */
  notes: string[];
}

export interface Crossover {
  seed: number;
  trialsPerPoint: number;
  cancelled: boolean;
  sweeps: CrossoverSweep[];
}

const INCUMBENT: DesignKind = 'centralized';
const CHALLENGERS: readonly Challenger[] = ['pods', 'pods-platform'];

/** `steps` log-spaced values from `from` to `to`. */
export function logSpaced(range: CrossoverRange): number[] {
  if (range.steps === 1) return [range.from];
  return Array.from({ length: range.steps }, (_, i) => (i === range.steps - 1 ? range.to : range.from * Math.pow(range.to / range.from, i / (range.steps - 1))));
}

function checkRange(range: CrossoverRange, name: string, min: number, max: number, unit: string): void {
  const { from, to, steps } = range;
  if (!(Number.isFinite(from) && from >= min && from <= max)) throw new Error(`${name}: "from" must be from ${min} to ${max} ${unit} (got ${from})`);
  if (!(Number.isFinite(to) && to >= min && to <= max)) throw new Error(`${name}: "to" must be from ${min} to ${max} ${unit} (got ${to})`);
  if (!(to > from)) throw new Error(`${name}: "to" must be above "from" (got ${from} to ${to})`);
  if (!(Number.isInteger(steps) && steps >= 2 && steps <= MAX_CROSSOVER_STEPS)) throw new Error(`${name}: steps must be a whole number from 2 to ${MAX_CROSSOVER_STEPS} (got ${steps})`);
}

const DEMAND_BOUNDS = { min: DELIVERY_PARAMETER_DOCS.arrivalsPerAreaPerMonth.min, max: DELIVERY_PARAMETER_DOCS.arrivalsPerAreaPerMonth.max };

/** ×0.25 … ×4 of the scenario's demand, 8 points, kept within the parameter's bounds (and a note says so). */
export function defaultDemandRange(base: number): { range: CrossoverRange; notes: string[] } {
  const notes: string[] = [];
  let from = base * DEFAULT_DEMAND_SCALE.from;
  let to = base * DEFAULT_DEMAND_SCALE.to;
  if (from < DEMAND_BOUNDS.min) {
    notes.push(`The range starts at ${DEMAND_BOUNDS.min} (the parameter's lower bound), not ×${DEFAULT_DEMAND_SCALE.from} of the scenario's demand.`);
    from = DEMAND_BOUNDS.min;
  }
  if (to > DEMAND_BOUNDS.max) {
    notes.push(`The range ends at ${DEMAND_BOUNDS.max} (the parameter's upper bound), not ×${DEFAULT_DEMAND_SCALE.to} of the scenario's demand.`);
    to = DEMAND_BOUNDS.max;
  }
  return { range: { from, to, steps: DEFAULT_DEMAND_SCALE.steps }, notes };
}

/** Positions of a team resized to `target`, spread over its list (the mix of roles is kept); a second copy of a position gets a new id. */
function resizedPositions<P extends { id: string }>(positions: readonly P[], target: number): P[] {
  const n = positions.length;
  const taken = new Map<string, number>();
  return Array.from({ length: target }, (_, i) => {
    const source = positions[Math.floor(((i + 0.5) * n) / target)]!;
    const copy = taken.get(source.id) ?? 0;
    taken.set(source.id, copy + 1);
    return copy === 0 ? source : { ...source, id: `${source.id}~${copy + 1}` };
  });
}

const scaledCount = (n: number, scale: number) => Math.max(1, Math.round(n * scale));

function scaledHeadcount(set: DesignHeadcount | undefined, scale: number): DesignHeadcount | undefined {
  if (!set) return undefined;
  const s = (v: number | undefined) => (v === undefined ? undefined : scaledCount(v, scale));
  const out: DesignHeadcount = {};
  if (set.centralized) out.centralized = { centralAi: s(set.centralized.centralAi), productEngineering: s(set.centralized.productEngineering) };
  if (set.pods) out.pods = { perPod: s(set.pods.perPod) };
  if (set['pods-platform']) out['pods-platform'] = { perPod: s(set['pods-platform'].perPod), platform: s(set['pods-platform'].platform) };
  return out;
}

/** The scenario with every flow team at round(n × scale) positions (at least one); teams outside the flow as they are. */
export function scaledScenario<S extends DeliveryScenario>(scenario: S, scale: number): S {
  return {
    ...scenario,
    teams: scenario.teams.map((team) =>
      FLOW_ROLE[team.type] === 'outside' || team.positions.length === 0 ? team : { ...team, positions: resizedPositions(team.positions, scaledCount(team.positions.length, scale)) },
    ),
  };
}

/** People in the flow teams of a scenario (the headcount axis). */
export function flowHeadcount(scenario: DeliveryScenario): number {
  return scenario.teams.reduce((sum, t) => sum + (FLOW_ROLE[t.type] === 'outside' ? 0 : t.positions.length), 0);
}

/**
 * A design's P85 and its interval. The one place that reads them, so the
 * engine's confidence intervals (when it gives them) come in here.
 */
function p85Of(d: DesignResult): { p85: number; interval: [number, number] | null } {
  const ci = d.timeToProduction.intervals.p85;
  return { p85: d.timeToProduction.p85, interval: ci ? [ci.low, ci.high] : null };
}

interface PointPlan {
  axis: CrossoverAxis;
  value: number;
  scale: number;
  input: DeliveryInput;
}

/** The points of one sweep, in axis order. */
/**
 * The range's values with the scenario's own (`own`: its demand, or ×1 of its
 * people) among them when the range spans it, so the sweep passes through the
 * point the Delivery table shows and never contradicts it.
 */
function withOwnPoint(values: number[], own: number): number[] {
  if (own < values[0]! || own > values[values.length - 1]! || values.some((v) => Math.abs(v - own) <= 1e-9 * own)) return values;
  return [...values, own].sort((a, b) => a - b);
}

function plans(input: DeliveryInput, axis: CrossoverAxis, range: CrossoverRange, base: number): PointPlan[] {
  if (axis === 'demand') {
    return withOwnPoint(logSpaced(range), base).map((value) => ({ axis, value, scale: value / base, input: { ...input, parameters: { ...input.parameters, arrivalsPerAreaPerMonth: value } } }));
  }
  const headcount = input.designHeadcount ?? input.scenario.delivery?.designHeadcount;
  const out: PointPlan[] = [];
  for (const scale of withOwnPoint(logSpaced(range), 1)) {
    const scenario = scaledScenario(input.scenario, scale);
    const value = flowHeadcount(scenario);
    // Two multiples can round to the same people: one point each.
    if (out.some((p) => p.value === value)) continue;
    const scaledSet = scaledHeadcount(headcount, scale);
    out.push({ axis, value, scale, input: { ...input, scenario, ...(scaledSet ? { designHeadcount: scaledSet } : {}) } });
  }
  return out;
}

const busiestOf = (teams: readonly CrossoverTeam[]) => teams.reduce<CrossoverTeam | null>((b, t) => (b === null || t.utilisation > b.utilisation ? t : b), null);

/** A point's designs from its prepared run (verdicts, loads) and, when simulated, the comparison's figures. */
function pointDesigns(prepared: PreparedRun, run: DeliveryRun | null): CrossoverDesignPoint[] {
  const results = run ? run.result().designs : [];
  return DESIGN_KINDS.map((kind): CrossoverDesignPoint => {
    const unavailable = prepared.unavailable.find((u) => u.kind === kind);
    if (unavailable) return { kind, label: DESIGN_LABELS[kind], meaningful: false, reason: unavailable.verdict.reason, p85: null, p85Interval: null, costPerInitiativeShipped: null, teams: [], busiest: null };
    const k = prepared.designs.findIndex((d) => d.kind === kind);
    const load = prepared.loads[k]!;
    const result = results.find((d) => d.kind === kind);
    // The loads the verdict rests on (a result's teams carry the same figures).
    const teams: CrossoverTeam[] = load.teams.map((t) => ({ teamId: t.teamId, name: t.name, headcount: t.headcount, utilisation: t.utilisation }));
    const base = { kind, label: DESIGN_LABELS[kind], teams, busiest: busiestOf(teams) };
    if (!load.verdict.meaningful) {
      // Not a meaningful comparison: the reason, never a figure.
      return { ...base, meaningful: false, reason: load.verdict.reason, ...(load.verdict.teamId ? { teamId: load.verdict.teamId } : {}), p85: null, p85Interval: null, costPerInitiativeShipped: null };
    }
    if (!result || result.trials === 0) return { ...base, meaningful: true, p85: null, p85Interval: null, costPerInitiativeShipped: null };
    const { p85, interval } = p85Of(result);
    const cost = result.cost && Number.isFinite(result.cost.perInitiativeShipped) ? result.cost.perInitiativeShipped : null;
    return { ...base, meaningful: true, p85: Number.isFinite(p85) ? p85 : null, p85Interval: interval, costPerInitiativeShipped: cost };
  });
}

const AXIS_WORDS: Record<CrossoverAxis, { label: string; unit: string }> = {
  demand: { label: 'Demand (initiatives per product area per month)', unit: 'initiatives per area per month' },
  headcount: { label: 'Headcount (people in the flow, the same in every design)', unit: 'people in the flow' },
};

/** Two significant figures for demand, whole people for headcount. */
export function axisValueText(axis: CrossoverAxis, v: number): string {
  if (axis === 'headcount') return Math.round(v).toLocaleString('en-US');
  return v.toLocaleString('en-US', { maximumSignificantDigits: 2 });
}

const NAMES: Record<DesignKind, string> = { centralized: 'the centralized AI team', pods: 'AI pods', 'pods-platform': 'AI pods + platform' };
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface LeadChange {
  at: number;
  between: [number, number];
  challengerFaster: 'above' | 'below';
  /** The P85s' intervals overlap at both bracketing points. */
  withinNoise: boolean;
}

/**
 * Where `challenger` overtakes the centralized design along one sweep's
 * points: every change of the faster design between neighbouring points
 * where both are meaningful, linear in the log of the axis; the one given is
 * the first change going up (where the answer first differs from the low
 * end's: "faster below" when the challenger leads there). A change across a
 * point that is not meaningful is not interpolated.
 */
export function findCrossover(axis: CrossoverAxis, points: readonly CrossoverPoint[], challenger: Challenger): CrossoverFinding {
  const fmt = (v: number) => axisValueText(axis, v);
  const unit = AXIS_WORDS[axis].unit;
  const pick = (p: CrossoverPoint, kind: DesignKind) => p.designs.find((d) => d.kind === kind)!;
  const diffs = points.map((p): number | null => {
    const a = pick(p, challenger);
    const b = pick(p, INCUMBENT);
    return a.meaningful && b.meaningful && a.p85 !== null && b.p85 !== null ? a.p85 - b.p85 : null;
  });
  const comparable = diffs.filter((d) => d !== null).length;
  // The two P85s' 95% intervals overlap: which design is faster there is within the simulation's noise.
  const overlaps = (p: CrossoverPoint): boolean => {
    const a = pick(p, challenger).p85Interval;
    const b = pick(p, INCUMBENT).p85Interval;
    return a !== null && b !== null && a[0] <= b[1] && b[0] <= a[1];
  };
  const changes: LeadChange[] = [];
  let gap: [number, number] | null = null;
  let last: { i: number; d: number } | null = null;
  diffs.forEach((d, i) => {
    if (d === null) return;
    // Strictly faster: a tie counts as the challenger not being ahead.
    if (last && last.d < 0 !== d < 0) {
      const a = points[last.i]!.value;
      const b = points[i]!.value;
      if (last.i !== i - 1) gap ??= [a, b];
      else {
        const t = last.d / (last.d - d);
        changes.push({ at: Math.exp(Math.log(a) + t * (Math.log(b) - Math.log(a))), between: [a, b], challengerFaster: last.d < 0 ? 'below' : 'above', withinNoise: overlaps(points[last.i]!) && overlaps(points[i]!) });
      }
    }
    last = { i, d };
  });
  let saturation: CrossoverFinding['saturation'] = null;
  for (const p of points) {
    const a = pick(p, challenger);
    const b = pick(p, INCUMBENT);
    const over = a.meaningful && !b.meaningful ? b : b.meaningful && !a.meaningful ? a : null;
    if (over?.teamId) {
      saturation = { value: p.value, design: over.kind, team: over.teams.find((t) => t.teamId === over.teamId)?.name ?? over.teamId };
      break;
    }
  }
  const satText = saturation ? ` From ${fmt(saturation.value)} ${unit}, ${NAMES[saturation.design]} has a team at utilisation ≥ 1 (${saturation.team}: an unbounded queue) and the other does not.` : '';
  const range = points.length ? `${fmt(points[0]!.value)}–${fmt(points[points.length - 1]!.value)} ${unit}` : 'this range';
  const leadChanges = changes.length + (gap ? 1 : 0);
  const base = { challenger, comparable, leadChanges, saturation };
  const first = changes[0];
  if (first) {
    const where = `about ${fmt(first.at)} ${unit} (between ${fmt(first.between[0])} and ${fmt(first.between[1])})`;
    const sentence =
      first.challengerFaster === 'above'
        ? `${capital(NAMES[challenger])} overtake ${NAMES[INCUMBENT]} at P85 at ${where}: slower below, faster above.`
        : `${capital(NAMES[challenger])} are faster than ${NAMES[INCUMBENT]} at P85 below ${where}; ${NAMES[INCUMBENT]} is faster above.`;
    const more = leadChanges > 1 ? ` The faster design changes ${leadChanges} times within ${range} (P85s this close move with the trials).` : '';
    const noise = first.withinNoise ? ' On both sides of it the two P85s are within each other’s 95% intervals: the crossing is within the simulation’s noise.' : '';
    return { ...base, at: first.at, between: first.between, challengerFaster: first.challengerFaster, reason: null, sentence: sentence + noise + more + satText };
  }
  const none = (reason: NoCrossoverReason, why: string): CrossoverFinding => ({
    ...base,
    at: null,
    between: null,
    challengerFaster: null,
    reason,
    sentence: `${capital(NAMES[challenger])} do not overtake ${NAMES[INCUMBENT]} within ${range}: ${why}.${satText}`,
  });
  if (comparable === 0) return none('no-meaningful-point', 'there is no point where both are a meaningful comparison');
  const gapAt = gap as [number, number] | null;
  if (gapAt) return none('across-a-gap', `the faster design changes between ${fmt(gapAt[0])} and ${fmt(gapAt[1])}, across a point that is not a meaningful comparison`);
  const of = `${comparable} of ${points.length}`;
  return diffs.find((d) => d !== null)! < 0
    ? none('challenger-faster-everywhere', `${NAMES[challenger]} are faster at P85 at every point where both are meaningful (${of}), so there is nothing to overtake`)
    : none('centralized-faster-everywhere', `${NAMES[INCUMBENT]} is faster at P85 at every point where both are meaningful (${of})`);
}

interface ActivePoint {
  plan: PointPlan;
  prepared: PreparedRun;
  run: DeliveryRun | null;
}

/**
 * The crossover as a resumable run: `step(n)` simulates up to n more trials
 * of the current point (then moves to the next), `result()` covers the
 * points finished. A worker steps it in slices, as it does `DeliveryRun`.
 */
export class CrossoverRun {
  readonly trialsPerPoint: number;
  readonly seed: number;
  private readonly sweeps: Array<{ axis: CrossoverAxis; base: number; plans: PointPlan[]; points: CrossoverPoint[]; notes: string[] }> = [];
  private sweep = 0;
  private index = 0;
  private active: ActivePoint | null = null;
  private cancelled = false;
  private trialsDone = 0;
  private readonly shard: Shard | undefined;
  /** Points finished by this run, by their index over all sweeps (for a shard's file). */
  private readonly done: Array<{ index: number; axis: CrossoverAxis; point: CrossoverPoint }> = [];

  constructor(input: DeliveryInput, options: CrossoverOptions) {
    if (!(Number.isInteger(options.trials) && options.trials >= 1)) throw new Error(`trials per point must be a whole number ≥ 1 (got ${options.trials})`);
    if (!Number.isSafeInteger(options.seed)) throw new Error(`seed must be a whole number (got ${options.seed})`);
    this.trialsPerPoint = options.trials;
    this.seed = options.seed;
    const baseDemand = effectiveParameters(input).parameters.arrivalsPerAreaPerMonth;
    if (options.demand !== null) {
      if (input.portfolio?.initiatives?.length) throw new Error('The demand sweep needs initiatives arriving at a rate, but this scenario lists its initiatives: run the headcount sweep only, or remove the list.');
      const chosen = options.demand ?? defaultDemandRange(baseDemand);
      const range = 'range' in chosen ? chosen.range : chosen;
      checkRange(range, 'demand', DEMAND_BOUNDS.min, DEMAND_BOUNDS.max, 'initiatives per area per month');
      this.sweeps.push({ axis: 'demand', base: baseDemand, plans: plans(input, 'demand', range, baseDemand), points: [], notes: 'notes' in chosen ? chosen.notes : [] });
    }
    if (options.headcount !== null) {
      const range = options.headcount ?? DEFAULT_HEADCOUNT_RANGE;
      checkRange(range, 'headcount', 0.05, MAX_HEADCOUNT_SCALE, '× the scenario\'s people');
      const base = flowHeadcount(input.scenario);
      if (base === 0) throw new Error('The headcount sweep needs people in the flow teams, and this scenario has none.');
      const floored = input.scenario.teams.some((t) => FLOW_ROLE[t.type] !== 'outside' && t.positions.length > 0 && Math.round(t.positions.length * range.from) < 1);
      const notes = floored ? [`At ×${range.from} some flow teams would have no one: each keeps one person, so those points have more people than the multiple says.`] : [];
      this.sweeps.push({ axis: 'headcount', base, plans: plans(input, 'headcount', range, 1), points: [], notes });
    }
    if (this.sweeps.length === 0) throw new Error('Nothing to sweep: give a demand range, a headcount range, or both.');
    this.shard = options.shard;
    this.skipOthers();
    // The first point now, so bad input is refused before any work.
    if (!this.finished) this.active = this.open();
  }

  /** Every sweep's axis, scenario value, notes and number of points: what a shard's header names. */
  get plan(): Array<{ axis: CrossoverAxis; base: number; notes: string[]; points: number }> {
    return this.sweeps.map((s) => ({ axis: s.axis, base: s.base, notes: [...s.notes], points: s.plans.length }));
  }

  /** The points this run finished, each with its index over all sweeps' points. */
  get finishedPoints(): ReadonlyArray<{ index: number; axis: CrossoverAxis; point: CrossoverPoint }> {
    return this.done;
  }

  /** Index over all sweeps of the current point. */
  private get pointIndex(): number {
    return this.sweeps.slice(0, this.sweep).reduce((n, s) => n + s.plans.length, 0) + this.index;
  }

  private owns(index: number): boolean {
    return !this.shard || index % this.shard.count === this.shard.index;
  }

  /** Moves past the points of other shards. */
  private skipOthers(): void {
    while (this.sweep < this.sweeps.length && !this.owns(this.pointIndex)) this.advance();
  }

  private advance(): void {
    this.index++;
    if (this.index >= this.sweeps[this.sweep]!.plans.length) {
      this.sweep++;
      this.index = 0;
    }
  }

  /** Trials in the whole run (a point where no design is meaningful counts as done at once). */
  get trialsTotal(): number {
    const points = this.sweeps.reduce((s, w) => s + w.plans.length, 0);
    let owned = 0;
    for (let i = 0; i < points; i++) if (this.owns(i)) owned++;
    return owned * this.trialsPerPoint;
  }

  get trialsCompleted(): number {
    return this.trialsDone + (this.active?.run?.trialsDone ?? 0);
  }

  get finished(): boolean {
    return this.cancelled || this.sweep >= this.sweeps.length;
  }

  /** Points finished, over all sweeps. */
  get pointsDone(): number {
    return this.sweeps.reduce((s, w) => s + w.points.length, 0);
  }

  /** Where the run is, in words ("demand 3 of 8"). */
  get phase(): string {
    const s = this.sweeps[Math.min(this.sweep, this.sweeps.length - 1)]!;
    return `${s.axis} ${Math.min(this.index + 1, s.plans.length)} of ${s.plans.length}`;
  }

  /** Simulate up to `maxTrials` more trials of the current point (finishing it at most); returns true when the run is finished. */
  step(maxTrials: number): boolean {
    let budget = Math.max(1, Math.floor(maxTrials));
    while (budget > 0 && !this.finished) {
      const active = (this.active ??= this.open());
      if (active.run && !active.run.finished) {
        const before = active.run.trialsDone;
        active.run.step(budget);
        budget -= active.run.trialsDone - before;
      }
      if (!active.run || active.run.finished) {
        // One point at most per step, so a watcher sees each point as it finishes.
        this.close(active);
        break;
      }
    }
    return this.finished;
  }

  cancel(): void {
    this.cancelled = true;
  }

  private open(): ActivePoint {
    const plan = this.sweeps[this.sweep]!.plans[this.index]!;
    const prepared = prepareRun(plan.input);
    const any = prepared.loads.some((l) => l.verdict.meaningful);
    return { plan, prepared, run: any ? new DeliveryRun(prepared, { trials: this.trialsPerPoint, seed: this.seed }) : null };
  }

  private close(active: ActivePoint): void {
    const s = this.sweeps[this.sweep]!;
    const point: CrossoverPoint = { value: active.plan.value, scale: active.plan.scale, trials: active.run?.trialsDone ?? 0, designs: pointDesigns(active.prepared, active.run) };
    s.points.push(point);
    this.done.push({ index: this.pointIndex, axis: s.axis, point });
    this.trialsDone += this.trialsPerPoint;
    this.active = null;
    this.advance();
    this.skipOthers();
  }

  /** The points finished so far (a point cut short by a cancel is left out) and the crossovers they show. */
  result(): Crossover {
    return {
      seed: this.seed,
      trialsPerPoint: this.trialsPerPoint,
      cancelled: this.cancelled && this.sweep < this.sweeps.length,
      sweeps: this.sweeps.map((s) => crossoverSweep(s.axis, s.base, s.points, s.notes)),
    };
  }
}

/** One sweep of the crossover from its points (in axis order): the findings follow from the points alone, so shards' points merged give the same sweep. */
export function crossoverSweep(axis: CrossoverAxis, base: number, points: readonly CrossoverPoint[], notes: readonly string[]): CrossoverSweep {
  return { axis, ...AXIS_WORDS[axis], base, points: [...points], findings: CHALLENGERS.map((c) => findCrossover(axis, points, c)), notes: [...notes] };
}

export interface CrossoverRunOptions extends CrossoverOptions {
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
  /** Trials between progress and cancel checks (default 500). */
  progressEvery?: number;
}

/** The crossover in one call (synchronously), with progress and cancel checks every N trials. */
export function deliveryCrossover(input: DeliveryInput, options: CrossoverRunOptions): Crossover {
  const run = new CrossoverRun(input, options);
  const every = Math.max(1, Math.floor(options.progressEvery ?? 500));
  while (!run.finished) {
    if (options.shouldCancel?.()) {
      run.cancel();
      break;
    }
    run.step(every);
    options.onProgress?.(run.trialsCompleted, run.trialsTotal);
  }
  return run.result();
}
