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
import { designCost, summarise, type CostPerTeamWeek, type DesignResult } from './results.ts';
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
  trials: number;
  seed: number;
  /** Default: all three. */
  designs?: readonly DesignKind[];
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

/**
 * A resumable run: `step(n)` simulates up to n more trials (every design on
 * each), `result()` summarises what has been done so far. A Web Worker calls
 * `step` in slices, posts progress between them, and stops on cancel.
 */
export class DeliveryRun {
  readonly prepared: PreparedRun;
  readonly seed: number;
  readonly trialsRequested: number;
  private done = 0;
  private cancelled = false;
  private readonly sampler: PortfolioSampler;
  private readonly sims: DesignSimulator[];
  private readonly trial = new TrialPortfolio();
  private readonly arrivals = new Xoshiro128();
  private readonly attributes = new Xoshiro128();

  constructor(input: DeliveryInput | PreparedRun, options: RunOptions) {
    this.prepared = 'natural' in input ? input : prepareRun(input, options.designs ?? DESIGN_KINDS);
    if (!(Number.isInteger(options.trials) && options.trials >= 1)) throw new Error(`trials must be a whole number ≥ 1 (got ${options.trials})`);
    if (!Number.isSafeInteger(options.seed)) throw new Error(`seed must be a whole number (got ${options.seed})`);
    this.seed = options.seed;
    this.trialsRequested = options.trials;
    const p = this.prepared;
    this.sampler = new PortfolioSampler(p.portfolio, p.parameters, p.horizonMonths);
    this.trial.ensure(Math.ceil(this.sampler.expectedCount() * 1.5) + 16);
    this.sims = p.designs.map((d) => new DesignSimulator(d, p.parameters, p.horizonMonths));
  }

  get trialsDone(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.cancelled || this.done >= this.trialsRequested;
  }

  /** Simulate up to `maxTrials` more trials; returns true when the run is finished. */
  step(maxTrials: number): boolean {
    const end = Math.min(this.trialsRequested, this.done + Math.max(1, Math.floor(maxTrials)));
    const sims = this.sims;
    for (let k = this.done; k < end && !this.cancelled; k++) {
      this.arrivals.reseedTrial(this.seed, k, 0);
      this.attributes.reseedTrial(this.seed, k, 1);
      this.sampler.draw(this.arrivals, this.attributes, this.trial, mixSeed3(this.seed, k, OUTCOME_STREAM));
      for (let s = 0; s < sims.length; s++) sims[s]!.runTrial(this.trial);
      this.done = k + 1;
    }
    return this.finished;
  }

  /** Stop; `result()` then covers the trials done so far. */
  cancel(): void {
    this.cancelled = true;
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
    const people = designCost(this.sims[k]!.design, p.horizonMonths, p.costPerTeamWeek);
    if (p.planTotal === null) return people;
    const modelled = this.sims.find((sim) => sim.design.kind === p.natural);
    if (!modelled || modelled === this.sims[k]) return p.planTotal;
    return p.planTotal + (people - designCost(modelled.design, p.horizonMonths, p.costPerTeamWeek));
  }

  result(): DeliveryComparison {
    const p = this.prepared;
    return {
      seed: this.seed,
      trials: this.done,
      trialsRequested: this.trialsRequested,
      cancelled: this.cancelled && this.done < this.trialsRequested,
      horizonMonths: p.horizonMonths,
      planStart: p.planStart,
      naturalDesign: p.natural,
      portfolio: { areas: p.portfolio.areas, listed: p.portfolio.initiatives?.length ?? 0, expectedInitiativesPerTrial: this.sampler.expectedCount() },
      parameters: p.parameters,
      adjustments: p.adjustments,
      ignoredAdjustments: p.ignored,
      designs: this.sims.map((sim, k) => summarise(sim.design, sim.acc, p.horizonMonths, p.planStart, this.designTotal(k), p.loads[k]!)),
      unavailable: p.unavailable,
    };
  }
}

export interface SimulateOptions extends RunOptions {
  /** Called every `progressEvery` trials (default 1,000) with trials done and requested. */
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
