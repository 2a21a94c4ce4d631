/**
 * Monte Carlo runs of the delivery model: the three designs side by side on
 * the same seed and portfolio (common random numbers), resumable in steps so
 * a Web Worker can report progress and stop.
 *
 * Trial k of seed s draws its arrivals from stream (s, k, 0), its
 * initiatives' sizes and efforts from stream (s, k, 1), and their integration
 * and deploy outcomes from the counter stream (s, k, 2) (see `sim/kernel/prng.ts`,
 * `portfolio.ts`); every design runs those same initiatives. A run of N trials
 * is therefore the same whether it is done in one go, in steps, or in Node or
 * a browser.
 */
import { positionAnnualCost, resolveRoleCatalog, type CostModelInput } from '../cost/compute.ts';
import { scenarioCosts, type CostedScenario } from '../cost/scenario-costs.ts';
import type { CostModel } from '../cost/schema.ts';
import { recommend, type SimulationAdjustment } from '../readiness/recommend.ts';
import { DESIGN_KINDS, DESIGN_LABELS, deriveDesign, isUnavailable, naturalDesign, type DeliveryScenario, type DesignKind, type DesignTeam, type OrgDesign, type UnavailableDesign } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import { designLoad, unavailableVerdict, type DesignLoad, type DesignVerdict } from './design-load.ts';
import { DesignSimulator } from './engine.ts';
import { deliveryParameterIssues, resolveParameters, type DeepPartialParameters, type DeliveryParameters, type ScalarParameter } from './parameters.ts';
import { defaultPortfolio, OUTCOME_STREAM, PortfolioSampler, portfolioIssues, TrialPortfolio, type Portfolio } from './portfolio.ts';
import { designCost, histogramQuantile, summarise, type CostPerTeamWeek, type DesignResult } from './results.ts';
import { addAccumulator, addPacked, DesignAccumulator, packAccumulator, resetAccumulator, type PackedAccumulator } from './accumulator.ts';
import { batchMeansInterval, BLOCK_TRIALS, blockQuantiles, DEFAULT_PRECISION, INTERVAL_METHOD, MAX_ADAPTIVE_TRIALS, MIN_ADAPTIVE_TRIALS, P85_TTP, type Convergence } from './convergence.ts';
import { mixSeed3, Xoshiro128 } from '../kernel/prng.ts';
import type { DesignHeadcount } from './schema.ts';

export interface DeliveryInput {
  scenario: DeliveryScenario;
  /** Overrides of the defaults (`DEFAULT_DELIVERY_PARAMETERS`). */
  parameters?: DeepPartialParameters;
  /** Default: `defaultPortfolio(scenario)`. */
  portfolio?: Portfolio;
  /** Apply the readiness answers' named adjustments to parameters the user did not override (default true). */
  applyReadiness?: boolean;
  /**
   * Cost of a team for one week of the plan (week 0 = the plan's first
   * week). Default: people cost from the scenario's cost model when it has a
   * role catalog (`peopleCostPerTeamWeek`), else no cost.
   */
  costPerTeamWeek?: CostPerTeamWeek | null;
  /** Headcounts for the counterfactual designs; default: the scenario's `delivery.designHeadcount`. */
  designHeadcount?: DesignHeadcount;
}

/** A design that cannot be formed from the people present, with its verdict (never meaningful). */
export interface UnavailableResult extends UnavailableDesign {
  label: string;
  verdict: DesignVerdict & { meaningful: false };
}

export interface RunOptions {
  /**
   * A fixed number of trials. Unset: the stopping rule (`convergence.ts`) —
   * run until every meaningful design's P85 time to production is known
   * within ±`precision`, from `MIN_ADAPTIVE_TRIALS` to `MAX_ADAPTIVE_TRIALS`.
   */
  trials?: number;
  seed: number;
  /** Default: all three. */
  designs?: readonly DesignKind[];
  /** The stopping rule's relative half-width of P85 time to production (default 0.02 = ±2%); ignored with `trials`. */
  precision?: number;
}

/** A readiness answer's effect on a parameter, as applied. */
export interface AppliedAdjustment {
  parameter: string;
  from: number;
  to: number;
  reason: string;
  question: string;
}

export interface DeliveryComparison {
  seed: number;
  trials: number;
  trialsRequested: number;
  cancelled: boolean;
  horizonMonths: number;
  planStart: string;
  /** The design that matches the scenario's own shape. */
  naturalDesign: DesignKind;
  portfolio: { areas: Portfolio['areas']; listed: number; expectedInitiativesPerTrial: number };
  /** The parameters in effect (defaults, overrides, readiness adjustments). */
  parameters: DeliveryParameters;
  adjustments: AppliedAdjustment[];
  /** Readiness adjustments that do not touch the delivery model (cost-only). */
  ignoredAdjustments: string[];
  designs: DesignResult[];
  unavailable: UnavailableResult[];
  /** The trial count and how precise the percentiles are (stopping rule or fixed count). */
  convergence: Convergence;
}

const READINESS_PARAMETER: Partial<Record<SimulationAdjustment['parameter'], ScalarParameter>> = {
  'pod-handoff-wait': 'podHandoffCadenceWeeks',
  'pod-iteration-speedup': 'sameTeamIterationSpeedup',
  'cross-pod-coordination-overhead': 'crossPodCoordinationShare',
  'data-pipeline-work': 'dataEffortMultiplier',
  'hybrid-role-time-to-hire': 'hybridTimeToHireMultiplier',
};

/** Parameters in effect: defaults ← overrides ← readiness adjustments (only on parameters not overridden). */
export function effectiveParameters(input: DeliveryInput): { parameters: DeliveryParameters; adjustments: AppliedAdjustment[]; ignored: string[] } {
  const parameters = resolveParameters(input.parameters);
  const adjustments: AppliedAdjustment[] = [];
  const ignored: string[] = [];
  const answers = input.scenario.readiness;
  if (input.applyReadiness !== false && answers) {
    const rec = recommend(answers, { teams: input.scenario.teams });
    for (const adj of rec.adjustments) {
      const key = READINESS_PARAMETER[adj.parameter];
      if (adj.parameter === 'single-threaded-owner-hires') continue; // applied per design (pods wait for owners)
      if (!key) {
        ignored.push(adj.parameter);
        continue;
      }
      if (input.parameters && typeof input.parameters[key] === 'number') continue;
      const from = parameters[key];
      const to = adj.change.kind === 'multiply' ? from * adj.change.factor : from + adj.change.amount;
      parameters[key] = to;
      adjustments.push({ parameter: key, from, to, reason: adj.reason.text, question: adj.question });
    }
  }
  return { parameters, adjustments, ignored };
}

/** People cost of a team in one plan week, from a cost model with a role catalog: each person from the month they join. */
export function peopleCostPerTeamWeek(model: CostModelInput): CostPerTeamWeek {
  const catalog = resolveRoleCatalog(model.roles);
  const cache = new Map<DesignTeam, Float64Array>();
  const horizonWeeks = Math.ceil(model.horizonMonths * WEEKS_PER_MONTH) + 1;
  return (team, week) => {
    let row = cache.get(team);
    if (!row) {
      row = new Float64Array(horizonWeeks);
      for (const person of team.people) {
        const weekly = positionAnnualCost(person, model, catalog) / 52;
        const from = Math.ceil((person.availableMonth - 1) * WEEKS_PER_MONTH);
        for (let w = Math.max(0, from); w < horizonWeeks; w++) row[w]! += weekly;
      }
      cache.set(team, row);
    }
    return week >= 0 && week < row.length ? row[week]! : 0;
  };
}

function defaultCost(scenario: DeliveryScenario): CostPerTeamWeek | null {
  const m = scenario.costModel as DeliveryScenario['costModel'] & Partial<CostModelInput>;
  if (!m.roles || m.loadedCostMultiplier === undefined || m.regionMultiplier === undefined) return null;
  return peopleCostPerTeamWeek({ roles: m.roles, loadedCostMultiplier: m.loadedCostMultiplier, regionMultiplier: m.regionMultiplier, planStart: m.planStart, horizonMonths: m.horizonMonths });
}

/**
 * The plan's total over the horizon in the one cost model (the Costs tab's
 * figure: people, GPUs used and idle), when the input is a whole scenario
 * (it has a cluster and a full cost model); null for a partial one (tests,
 * a bare org), whose designs are then costed by their people alone.
 */
function planTotal(scenario: DeliveryScenario): number | null {
  const m = scenario.costModel as Partial<CostModel>;
  if (!scenario.cluster || !m.roles || m.loadedCostMultiplier === undefined || m.regionMultiplier === undefined) return null;
  return scenarioCosts({ ...scenario, teams: scenario.teams as CostedScenario['teams'], costModel: scenario.costModel as CostModel, cluster: scenario.cluster }).total;
}

/** Everything a run needs, derived once from the input. */
export interface PreparedRun {
  input: DeliveryInput;
  parameters: DeliveryParameters;
  adjustments: AppliedAdjustment[];
  ignored: string[];
  portfolio: Portfolio;
  horizonMonths: number;
  planStart: string;
  natural: DesignKind;
  designs: OrgDesign[];
  /** Per design (same order): demand, capacity and utilisation per team, and the verdict. */
  loads: DesignLoad[];
  unavailable: UnavailableResult[];
  costPerTeamWeek: CostPerTeamWeek | null;
  /** See `planTotal`: what the design as modelled costs; a derived design adds its people-cost difference. */
  planTotal: number | null;
}

export function prepareRun(input: DeliveryInput, kinds: readonly DesignKind[] = DESIGN_KINDS, parameters?: DeliveryParameters): PreparedRun {
  const horizonMonths = input.scenario.costModel.horizonMonths;
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 1 && horizonMonths <= 120)) throw new Error(`costModel.horizonMonths must be a whole number of months from 1 to 120 (got ${horizonMonths})`);
  const eff = parameters ? { parameters, adjustments: [], ignored: [] } : effectiveParameters(input);
  const issues = deliveryParameterIssues(eff.parameters);
  const portfolio = input.portfolio ?? defaultPortfolio(input.scenario);
  issues.push(...portfolioIssues(portfolio, horizonMonths));
  if (issues.length) throw new Error(`Invalid delivery simulation input: ${issues.join('; ')}`);
  const designs: OrgDesign[] = [];
  const unavailable: UnavailableResult[] = [];
  for (const kind of kinds) {
    const d = deriveDesign(input.scenario, kind, { params: eff.parameters, areas: portfolio.areas, headcount: input.designHeadcount ?? input.scenario.delivery?.designHeadcount });
    if (isUnavailable(d)) unavailable.push({ ...d, label: DESIGN_LABELS[d.kind], verdict: unavailableVerdict(d) });
    else designs.push(d);
  }
  return {
    input,
    parameters: eff.parameters,
    adjustments: eff.adjustments,
    ignored: eff.ignored,
    portfolio,
    horizonMonths,
    planStart: input.scenario.costModel.planStart,
    natural: naturalDesign(input.scenario),
    designs,
    loads: designs.map((d) => designLoad(d, eff.parameters, portfolio, horizonMonths)),
    unavailable,
    costPerTeamWeek: input.costPerTeamWeek === undefined ? defaultCost(input.scenario) : input.costPerTeamWeek,
    planTotal: input.costPerTeamWeek === undefined ? planTotal(input.scenario) : null,
  };
}

/** Mean initiatives per trial of a prepared run's portfolio. */
export function expectedInitiatives(prepared: PreparedRun): number {
  return new PortfolioSampler(prepared.portfolio, prepared.parameters, prepared.horizonMonths).expectedCount();
}

/** How many trials a run does: a fixed count, or the stopping rule's bounds and precision. */
export interface TrialPlan {
  fixed: boolean;
  /** The most trials (a fixed run: exactly these). */
  limit: number;
  minTrials: number;
  precision: number;
}

export function trialPlan(options: Pick<RunOptions, 'trials' | 'precision'>): TrialPlan {
  if (options.trials !== undefined) {
    if (!(Number.isInteger(options.trials) && options.trials >= 1)) throw new Error(`trials must be a whole number ≥ 1 (got ${options.trials})`);
    return { fixed: true, limit: options.trials, minTrials: options.trials, precision: options.precision ?? DEFAULT_PRECISION };
  }
  const precision = options.precision ?? DEFAULT_PRECISION;
  if (!(precision > 0 && precision < 1)) throw new Error(`precision must be a share between 0 and 1, e.g. 0.02 for ±2% (got ${precision})`);
  return { fixed: false, limit: MAX_ADAPTIVE_TRIALS, minTrials: MIN_ADAPTIVE_TRIALS, precision };
}

/** One block of trials for every design of a run, as a worker returns it (structured-cloneable). */
export interface DeliveryBlock {
  block: number;
  trials: number;
  /** Per design (the prepared run's order): its accumulator and its percentiles (`blockQuantiles`). */
  designs: PackedAccumulator[];
  quantiles: Float64Array[];
}

/** Trial k's initiatives through every design, into each design's block accumulator. */
export class TrialRunner {
  readonly sims: DesignSimulator[];
  private readonly seed: number;
  private readonly sampler: PortfolioSampler;
  private readonly trial = new TrialPortfolio();
  private readonly arrivals = new Xoshiro128();
  private readonly attributes = new Xoshiro128();
  private inBlock = 0;

  constructor(prepared: PreparedRun, seed: number) {
    if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a whole number (got ${seed})`);
    this.seed = seed;
    this.sampler = new PortfolioSampler(prepared.portfolio, prepared.parameters, prepared.horizonMonths);
    this.trial.ensure(Math.ceil(this.sampler.expectedCount() * 1.5) + 16);
    this.sims = prepared.designs.map((d) => new DesignSimulator(d, prepared.parameters, prepared.horizonMonths));
  }

  get expectedCount(): number {
    return this.sampler.expectedCount();
  }

  /** Trials since the last `take`. */
  get trialsInBlock(): number {
    return this.inBlock;
  }

  run(k: number): void {
    this.arrivals.reseedTrial(this.seed, k, 0);
    this.attributes.reseedTrial(this.seed, k, 1);
    this.sampler.draw(this.arrivals, this.attributes, this.trial, mixSeed3(this.seed, k, OUTCOME_STREAM));
    const sims = this.sims;
    for (let s = 0; s < sims.length; s++) sims[s]!.runTrial(this.trial);
    this.inBlock++;
  }

  /** What the trials since the last `take` accumulated, as block `block`; the accumulators start again from zero. */
  take(block: number): DeliveryBlock {
    const out: DeliveryBlock = { block, trials: this.inBlock, designs: this.sims.map((s) => packAccumulator(s.acc)), quantiles: this.sims.map((s) => blockQuantiles(s.acc)) };
    for (const s of this.sims) resetAccumulator(s.acc);
    this.inBlock = 0;
    return out;
  }

  /** The accumulators back to zero for the next block (after `ComparisonMerger.addLive` merged them). */
  reset(): void {
    for (const s of this.sims) resetAccumulator(s.acc);
    this.inBlock = 0;
  }

  /** Blocks `from` … `from + count − 1` of a run of at most `limit` trials. */
  blocks(from: number, count: number, limit: number): DeliveryBlock[] {
    const out: DeliveryBlock[] = [];
    for (let b = from; b < from + count && b * BLOCK_TRIALS < limit; b++) {
      const end = Math.min(limit, (b + 1) * BLOCK_TRIALS);
      for (let k = b * BLOCK_TRIALS; k < end; k++) this.run(k);
      out.push(this.take(b));
    }
    return out;
  }
}

/**
 * Merges blocks in block order (a block that arrives early waits for the
 * ones before it) and applies the stopping rule after each: the merged
 * figures and the trial count are the same whoever simulated which block.
 * Blocks beyond the stop are discarded.
 */
export class ComparisonMerger {
  readonly prepared: PreparedRun;
  readonly plan: TrialPlan;
  readonly seed: number;
  private readonly totals: DesignAccumulator[];
  /** Per design: each full block's percentiles, in block order. */
  private readonly quantiles: Float64Array[][];
  private readonly waiting = new Map<number, DeliveryBlock>();
  private nextBlock = 0;
  private merged = 0;
  private stop = false;
  private worst: number | null = null;

  constructor(prepared: PreparedRun, plan: TrialPlan, seed: number) {
    this.prepared = prepared;
    this.plan = plan;
    this.seed = seed;
    this.totals = prepared.designs.map((d) => new DesignAccumulator(d.teams.length, prepared.horizonMonths));
    this.quantiles = prepared.designs.map(() => []);
  }

  /** What design `d` accumulated over the blocks merged. */
  accumulated(d: number): DesignAccumulator {
    return this.totals[d]!;
  }

  /** Blocks the run needs at most. */
  get blockCount(): number {
    return Math.ceil(this.plan.limit / BLOCK_TRIALS);
  }

  get trialsMerged(): number {
    return this.merged;
  }

  /** The stopping rule is met, or every block of the plan is in. */
  get finished(): boolean {
    return this.stop || this.merged >= this.plan.limit;
  }

  /** The next block not merged yet (blocks before it are all in). */
  get blocksMerged(): number {
    return this.nextBlock;
  }

  add(block: DeliveryBlock): void {
    if (this.finished || block.block < this.nextBlock) return;
    this.waiting.set(block.block, block);
    for (let next = this.waiting.get(this.nextBlock); next && !this.finished; next = this.waiting.get(this.nextBlock)) {
      this.waiting.delete(this.nextBlock);
      const b = next;
      this.mergeNext(b.trials, (d, total) => addPacked(total, b.designs[d]!), (d) => b.quantiles[d]!);
    }
    if (this.finished) this.waiting.clear();
  }

  /**
   * The next block straight from the accumulators that simulated it (the
   * single-threaded run: no packing; the same additions as `add`).
   */
  addLive(block: number, trials: number, accs: readonly DesignAccumulator[]): void {
    if (this.finished) return;
    if (block !== this.nextBlock) throw new Error(`block ${block} merged out of order (expected ${this.nextBlock})`);
    this.mergeNext(trials, (d, total) => addAccumulator(total, accs[d]!), (d) => blockQuantiles(accs[d]!));
  }

  private mergeNext(trials: number, addTo: (d: number, total: DesignAccumulator) => void, quantiles: (d: number) => Float64Array): void {
    this.nextBlock++;
    this.merged += trials;
    for (let d = 0; d < this.totals.length; d++) {
      addTo(d, this.totals[d]!);
      if (trials === BLOCK_TRIALS) this.quantiles[d]!.push(quantiles(d));
    }
    this.worst = this.worstHalfWidth();
    if (!this.plan.fixed && this.merged >= this.plan.minTrials && this.worst !== null && this.worst <= this.plan.precision) this.stop = true;
  }

  /** The largest relative half-width of P85 time to production over the meaningful designs (0 with none; null when one is unknown). */
  private worstHalfWidth(): number | null {
    let worst = 0;
    for (let d = 0; d < this.totals.length; d++) {
      if (!this.prepared.loads[d]!.verdict.meaningful) continue;
      const center = histogramQuantile(this.totals[d]!.ttpHist, 0.85);
      const interval = batchMeansInterval(center, this.quantiles[d]!.map((q) => q[P85_TTP]!));
      if (!interval || !(center > 0)) return null;
      worst = Math.max(worst, interval.halfWidth / center);
    }
    return worst;
  }

  /**
   * A design's cost over the horizon: the plan's total in the one cost model
   * for the design as modelled, plus the difference in people cost for a
   * derived one (same people: no difference); by its people alone without a
   * plan total.
   */
  private designTotal(k: number): number | null {
    const p = this.prepared;
    if (!p.costPerTeamWeek) return null;
    const people = designCost(p.designs[k]!, p.horizonMonths, p.costPerTeamWeek);
    if (p.planTotal === null) return people;
    const modelled = p.designs.find((d) => d.kind === p.natural);
    if (!modelled || modelled === p.designs[k]) return p.planTotal;
    return p.planTotal + (people - designCost(modelled, p.horizonMonths, p.costPerTeamWeek));
  }

  /** The comparison of the blocks merged, plus `partial` (a block under way, for a first look or a cancelled run). */
  result(options: { cancelled?: boolean; partial?: DeliveryBlock | null; expectedInitiativesPerTrial: number }): DeliveryComparison {
    const p = this.prepared;
    const partial = options.partial && options.partial.trials > 0 ? options.partial : null;
    const accs = partial
      ? this.totals.map((t, d) => {
          const copy = new DesignAccumulator(p.designs[d]!.teams.length, p.horizonMonths);
          addPacked(copy, packAccumulator(t));
          addPacked(copy, partial.designs[d]!);
          return copy;
        })
      : this.totals;
    const trials = this.merged + (partial?.trials ?? 0);
    const converged = this.stop || (this.worst !== null && this.worst <= this.plan.precision);
    return {
      seed: this.seed,
      trials,
      trialsRequested: this.plan.limit,
      cancelled: options.cancelled === true && !this.finished,
      horizonMonths: p.horizonMonths,
      planStart: p.planStart,
      naturalDesign: p.natural,
      portfolio: { areas: p.portfolio.areas, listed: p.portfolio.initiatives?.length ?? 0, expectedInitiativesPerTrial: options.expectedInitiativesPerTrial },
      parameters: p.parameters,
      adjustments: p.adjustments,
      ignoredAdjustments: p.ignored,
      designs: p.designs.map((d, k) => summarise(d, accs[k]!, p.horizonMonths, p.planStart, this.designTotal(k), p.loads[k]!, this.quantiles[k]!)),
      unavailable: p.unavailable,
      convergence: {
        rule: this.plan.fixed ? 'fixed' : 'stopping-rule',
        precision: this.plan.fixed ? null : this.plan.precision,
        worstP85HalfWidth: this.worst,
        converged,
        blocks: this.quantiles[0]?.length ?? 0,
        blockTrials: BLOCK_TRIALS,
        minTrials: this.plan.minTrials,
        maxTrials: this.plan.limit,
        method: INTERVAL_METHOD,
      },
    };
  }
}

/**
 * A resumable run: `step(n)` simulates up to n more trials (every design on
 * each), `result()` summarises what has been done so far. A Web Worker calls
 * `step` in slices, posts progress between them, and stops on cancel.
 * Trials go in blocks of `BLOCK_TRIALS`, each from fresh accumulators merged
 * in order: the same figures as a pool of workers gives (`pool.ts`).
 */
export class DeliveryRun {
  readonly prepared: PreparedRun;
  readonly seed: number;
  private done = 0;
  private cancelled = false;
  private readonly runner: TrialRunner;
  private readonly merger: ComparisonMerger;

  constructor(input: DeliveryInput | PreparedRun, options: RunOptions) {
    this.prepared = 'natural' in input ? input : prepareRun(input, options.designs ?? DESIGN_KINDS);
    const plan = trialPlan(options);
    this.seed = options.seed;
    this.runner = new TrialRunner(this.prepared, options.seed);
    this.merger = new ComparisonMerger(this.prepared, plan, options.seed);
  }

  /** A fixed trial count (not the stopping rule). */
  get fixed(): boolean {
    return this.merger.plan.fixed;
  }

  /** The trials asked for, or the stopping rule's most. */
  get trialsRequested(): number {
    return this.merger.plan.limit;
  }

  get trialsDone(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.cancelled || this.merger.finished;
  }

  /** Simulate up to `maxTrials` more trials; returns true when the run is finished. */
  step(maxTrials: number): boolean {
    const limit = this.merger.plan.limit;
    const end = Math.min(limit, this.done + Math.max(1, Math.floor(maxTrials)));
    for (let k = this.done; k < end && !this.finished; k++) {
      this.runner.run(k);
      this.done = k + 1;
      if (this.done % BLOCK_TRIALS === 0 || this.done === limit) {
        this.merger.addLive(Math.floor(k / BLOCK_TRIALS), this.runner.trialsInBlock, this.runner.sims.map((sim) => sim.acc));
        this.runner.reset();
      }
    }
    return this.finished;
  }

  /** Stop; `result()` then covers the trials done so far. */
  cancel(): void {
    this.cancelled = true;
  }

  /** What design `d` (the prepared order) accumulated over the blocks merged. */
  accumulated(d: number): DesignAccumulator {
    return this.merger.accumulated(d);
  }

  result(): DeliveryComparison {
    const partial = this.runner.trialsInBlock > 0 ? this.peek() : null;
    return this.merger.result({ cancelled: this.cancelled, partial, expectedInitiativesPerTrial: this.runner.expectedCount });
  }

  /** The block under way, without taking it. */
  private peek(): DeliveryBlock {
    return { block: this.merger.blocksMerged, trials: this.runner.trialsInBlock, designs: this.runner.sims.map((s) => packAccumulator(s.acc)), quantiles: [] };
  }
}

export interface SimulateOptions extends RunOptions {
  /** Called every `progressEvery` trials (default 1,000) with trials done and requested (the stopping rule's most). */
  onProgress?: (done: number, total: number) => void;
  /** Checked every `progressEvery` trials; return true to stop (the result covers the trials done). */
  shouldCancel?: () => boolean;
  progressEvery?: number;
}

/** Run the comparison in one call (synchronously), with progress and cancellation checks every N trials. */
export function simulateDelivery(input: DeliveryInput | PreparedRun, options: SimulateOptions): DeliveryComparison {
  const run = new DeliveryRun(input, options);
  const every = Math.max(1, Math.floor(options.progressEvery ?? 1000));
  while (!run.finished) {
    if (options.shouldCancel?.()) {
      run.cancel();
      break;
    }
    run.step(every);
    options.onProgress?.(run.trialsDone, run.trialsRequested);
  }
  return run.result();
}
