/**
 * The Decision (M14): one answer for the leader, from figures every other tab
 * computes — cost from the one cost model (`scenarioCosts`), speed and
 * throughput from the delivery simulation, GPU waits from the GPU simulation,
 * readiness from the organisation's answers. Nothing here re-derives a
 * figure another tab shows: it picks them up, puts them side by side, and
 * says in words what they recommend, what that rests on and what would change
 * it. Where an input is missing it says what is missing instead of guessing.
 *
 * Pure and deterministic: the caller passes the results in (and the date).
 */
import type { DeliveryCalibration } from '../delivery/schema.ts';
import type { CostBreakdown } from '../cost/compute.ts';
import { costModelIssues } from '../cost/validate.ts';
import type { DesignKind } from '../delivery/design.ts';
import type { GpuRunSummary } from '../gpu-sim/summary.ts';
import type { GpuRunSpread } from '../gpu-sim/seeds.ts';
import { monthName } from '../phases/calendar.ts';
import { formatMoney, formatWeeks } from './figure-text.ts';
import { DESIGN_LABELS } from '../delivery/design.ts';
import type { Distribution1D, DesignResult } from '../delivery/results.ts';
import type { DeliveryComparison } from '../delivery/simulate.ts';
import { question, type QuestionId } from '../readiness/questions.ts';
import { recommend, type Verdict } from '../readiness/recommend.ts';
import type { ReadinessAnswers } from '../readiness/schema.ts';
import type { Scenario } from '../scenario/schema.ts';

/** The tab that computes a figure: every number in the Decision links to it. */
export type FigureTab = 'costs' | 'delivery' | 'gpu-sim' | 'capacity' | 'readiness';

/** A percentile with the interval its estimate is known within (95%: batch means over blocks of trials, `sim/delivery/convergence.ts`). */
export interface EstimatedWeeks {
  weeks: number;
  low: number;
  high: number;
}

export interface DesignColumn {
  kind: DesignKind;
  label: string;
  asModelled: boolean;
  /** False when the design cannot be a fair comparison (too few people, a team that can never keep up). */
  meaningful: boolean;
  /** Why not, and what to change (empty when meaningful). */
  notMeaningful: { reason: string; change: string } | null;
  headcount: number;
  /** Over the horizon, from the one cost model (see `designTotalCost`). */
  totalCost: number;
  timeToProductionP50: EstimatedWeeks | null;
  timeToProductionP85: EstimatedWeeks | null;
  /** Start of discovery → production, P50: the clock of the seed's "6+ months". */
  cycleTimeP50: EstimatedWeeks | null;
  /** Prototype (model validated) → production, P50: the clock of the seed's "6–8 weeks". */
  prototypeToProductionP50: EstimatedWeeks | null;
  /** Mean initiatives shipped per quarter over the horizon's full quarters. */
  shippedPerQuarter: number | null;
  shippedInHorizon: number | null;
  costPerShippedInitiative: number | null;
}

export interface GpuTeamWait {
  team: string;
  name: string;
  /** Hours from submission to admission at P90 (the median over seeds); null when none of its workloads was admitted. */
  waitP90Hours: number | null;
  /** The range of that P90 over seeds, hours (null with one seed; a null end: nothing admitted in some seed). */
  waitP90RangeHours: { min: number | null; max: number | null } | null;
  /** Workloads still waiting for their first admission at the end of the simulated span (median over seeds). */
  neverAdmitted: number;
}

/** What the Decision reads from a GPU simulation of the scenario's policy. */
export interface GpuDecisionInput {
  days: number;
  seed: number;
  /** Seeds the figures are the median of (1: a single run, or a trace). */
  seeds: number;
  teams: GpuTeamWait[];
  preliminary: boolean;
}

/**
 * The Decision's GPU input: the GPU simulation tab's own figures, the
 * median over its seeds with the range (`spread`), or a single run's summary
 * when there is one seed (or a trace).
 */
export function gpuDecisionInput(
  summary: Pick<GpuRunSummary, 'teams'>,
  teamName: (id: string) => string,
  run: { days: number; seed: number; preliminary: boolean },
  spread: Pick<GpuRunSpread, 'teams' | 'seeds'> | null = null,
): GpuDecisionInput {
  const hours = (s: number | null) => (s === null ? null : s / 3600);
  if (spread && spread.seeds > 1) {
    return {
      ...run,
      seeds: spread.seeds,
      teams: spread.teams.map((t) => ({
        team: t.team,
        name: teamName(t.team),
        waitP90Hours: hours(t.waitP90.median),
        waitP90RangeHours: { min: hours(t.waitP90.min), max: hours(t.waitP90.max) },
        neverAdmitted: t.neverAdmitted.median ?? 0,
      })),
    };
  }
  return {
    ...run,
    seeds: 1,
    teams: summary.teams.map((t) => ({ team: t.team, name: teamName(t.team), waitP90Hours: hours(t.wait.p90), waitP90RangeHours: null, neverAdmitted: t.wait.neverAdmitted })),
  };
}

/** The GPU run behind the figures, in words: "7 days, median of 5 seeds (1–5)" or "7 days, seed 1". */
export function gpuRunWords(gpu: Pick<GpuDecisionInput, 'days' | 'seed' | 'seeds'>): string {
  const days = `${gpu.days} day${gpu.days === 1 ? '' : 's'}`;
  return gpu.seeds > 1 ? `${days}, median of ${gpu.seeds} seeds (${gpu.seed}–${gpu.seed + gpu.seeds - 1})` : `${days}, seed ${gpu.seed}`;
}

export interface DecisionInput {
  scenario: Pick<Scenario, 'id' | 'name' | 'teams' | 'costModel' | 'ownership' | 'delivery'>;
  /** Stored revision, when the scenario comes from the workspace. */
  revision: number | null;
  /** The answers in effect (the organisation's, or the scenario's override). */
  readiness: ReadinessAnswers;
  /** `scenarioCosts(scenario)`: the same breakdown the Costs tab shows. */
  costs: CostBreakdown;
  delivery: DeliveryComparison | null;
  /** True while the delivery figures come from the first trials of a run still going. */
  deliveryPreliminary: boolean;
  gpu: GpuDecisionInput | null;
  /** 'YYYY-MM-DD' the decision is made on (input: sim/ has no clock). */
  date: string;
}

export interface Assumption {
  label: string;
  value: string;
  source: string;
}

export interface DecisionCosts {
  total: number;
  people: number;
  /** Teams' GPU use (planned or simulated: `gpuUseSource`). */
  gpuUse: number;
  gpuIdle: number;
  /** People cost of the platform teams (included in `people`). */
  platformPeople: number;
  annualRunRate: number;
  idleGpuPerMonth: number;
  gpuUseSource: 'planned' | 'simulated';
  budget: { capPerYear: number; basis: string; crossedMonthLabel: string | null } | null;
}

export interface DecisionRecommendation {
  /** The design recommended, or null when the figures cannot support one. */
  design: DesignKind | null;
  text: string;
  /** The figures the recommendation rests on, as sentences with their numbers. */
  restsOn: string[];
  /** What would change it. */
  wouldChange: string[];
}

export interface Decision {
  scenario: { id: string; name: string; revision: number | null };
  date: string;
  currency: string;
  horizonMonths: number;
  planStart: string;
  costs: DecisionCosts;
  designs: DesignColumn[];
  gpu: { waits: GpuTeamWait[]; worst: GpuTeamWait | null; days: number; seed: number; seeds: number; preliminary: boolean } | null;
  readiness: { verdict: Verdict; headline: string; unanswered: string[] };
  /** The article's tough questions still unanswered, and other open questions. */
  openQuestions: string[];
  recommendation: DecisionRecommendation;
  /** Inputs the Decision needs and does not have yet. */
  missing: string[];
  preliminary: boolean;
  assumptions: Assumption[];
}

const Z95 = 1.959963984540054;

/** Costs per shipped initiative closer than this share are a tie: the choice then rests on speed. */
const COST_TIE = 0.03;

/** A design leaving more than this share of its initiatives unshipped is overloaded. */
const UNFINISHED_SHARE = 0.05;

/** The q-quantile of a display histogram (weeks), linear within a bin. */
function histogramWeeks(dist: Distribution1D, q: number): number {
  let cum = 0;
  for (const bin of dist.histogram) {
    if (bin.share > 0 && cum + bin.share >= q) return bin.from + ((q - cum) / bin.share) * (bin.to - bin.from);
    cum += bin.share;
  }
  const last = dist.histogram[dist.histogram.length - 1];
  return last ? last.to : Number.NaN;
}

/**
 * A percentile and its 95% interval: the simulation's own (batch means over
 * blocks of trials, which counts the initiatives of a trial as correlated)
 * where it has one; else the order-statistic interval q ± z·√(q(1−q)/n) over
 * n shipped initiatives, read off the histogram (narrower than the truth:
 * it takes the initiatives as independent).
 */
export function estimatedPercentile(dist: Distribution1D, q: number, shipped: number): EstimatedWeeks | null {
  const weeks = q === 0.5 ? dist.p50 : q === 0.85 ? dist.p85 : histogramWeeks(dist, q);
  if (!Number.isFinite(weeks) || shipped <= 0) return null;
  const own = q === 0.5 ? dist.intervals?.p50 : q === 0.85 ? dist.intervals?.p85 : q === 0.95 ? dist.intervals?.p95 : null;
  if (own) return { weeks, low: own.low, high: own.high };
  const half = Z95 * Math.sqrt((q * (1 - q)) / shipped);
  return { weeks, low: Math.min(weeks, histogramWeeks(dist, Math.max(0, q - half))), high: Math.max(weeks, histogramWeeks(dist, Math.min(1, q + half))) };
}

/**
 * A design's total over the horizon in the one cost model: the delivery
 * simulation costs each design against the plan's total (see
 * `CostSummary.total`), so the design as modelled is the Costs tab's total
 * to the dollar; the scenario's total stands in when a design has no cost.
 */
export function designTotalCost(costs: CostBreakdown, comparison: DeliveryComparison, kind: DesignKind): number {
  const design = comparison.designs.find((d) => d.kind === kind);
  if (!design?.cost || design.asModelled) return costs.total;
  return design.cost.total;
}

/**
 * Whether a delivery design is a meaningful comparison: the delivery model's
 * verdict (a team at utilisation ≥ 1), and also a design that leaves a
 * share of its initiatives unshipped in the simulation (overloaded in ways
 * the steady-state load does not see, e.g. a late hiring ramp).
 */
function meaningOf(design: DesignResult): { meaningful: boolean; notMeaningful: { reason: string; change: string } | null } {
  const verdict = design.verdict;
  if (!verdict.meaningful) return { meaningful: false, notMeaningful: { reason: verdict.reason, change: verdict.change } };
  if (design.unfinishedPerTrial > UNFINISHED_SHARE * Math.max(1, design.initiativesPerTrial)) {
    const share = Math.round((design.unfinishedPerTrial / Math.max(1, design.initiativesPerTrial)) * 100);
    return {
      meaningful: false,
      notMeaningful: {
        reason: `${share}% of its initiatives are never shipped in the simulation: a team of this design cannot keep up with the demand, so its times grow without bound.`,
        change: 'Give the overloaded team more people, or lower the demand (initiatives per product area per month) in Delivery simulation.',
      },
    };
  }
  return { meaningful: true, notMeaningful: null };
}

function designColumn(design: DesignResult, costs: CostBreakdown, comparison: DeliveryComparison): DesignColumn {
  const meaning = meaningOf(design);
  const shippedTotal = design.shippedInHorizon * design.trials;
  const quarters = Math.floor(comparison.horizonMonths / 3);
  const perQuarter = quarters > 0 ? design.throughputPerQuarter.slice(0, quarters).reduce((s, q) => s + q.mean, 0) / quarters : null;
  const totalCost = designTotalCost(costs, comparison, design.kind);
  const shown = meaning.meaningful;
  return {
    kind: design.kind,
    label: design.label,
    asModelled: design.asModelled,
    ...meaning,
    headcount: design.teams.reduce((n, t) => n + (t.flowRole === 'outside' ? 0 : t.headcount), 0),
    totalCost,
    timeToProductionP50: shown ? estimatedPercentile(design.timeToProduction, 0.5, shippedTotal) : null,
    timeToProductionP85: shown ? estimatedPercentile(design.timeToProduction, 0.85, shippedTotal) : null,
    cycleTimeP50: shown ? estimatedPercentile(design.cycleTime, 0.5, shippedTotal) : null,
    // A comparison stored before the prototype clock existed has none.
    prototypeToProductionP50: shown && design.prototypeToProduction ? estimatedPercentile(design.prototypeToProduction, 0.5, shippedTotal) : null,
    shippedPerQuarter: shown ? perQuarter : null,
    shippedInHorizon: shown ? design.shippedInHorizon : null,
    costPerShippedInitiative: shown && design.shippedInHorizon > 0 ? totalCost / design.shippedInHorizon : null,
  };
}

// The one formatter: a sentence reads a figure exactly as the tables and reports do.
const money = formatMoney;
const weeks = formatWeeks;
const pct = (value: number) => `${Math.round(Math.abs(value) * 100)}%`;

function decisionCosts(costs: CostBreakdown, input: DecisionInput): DecisionCosts {
  const platformIds = new Set(input.scenario.teams.filter((t) => t.type === 'ai-platform' || t.type === 'central-platform').map((t) => t.id));
  const platformPeople = costs.teams.filter((t) => platformIds.has(t.teamId)).reduce((s, t) => s + t.totalPeople, 0);
  const horizon = costs.horizonMonths;
  const budget = costs.budget;
  return {
    total: costs.total,
    people: costs.totalPeople,
    gpuUse: costs.gpu.totalUsedCost,
    gpuIdle: costs.gpu.totalIdleCost,
    platformPeople,
    annualRunRate: costs.annualRunRate,
    idleGpuPerMonth: horizon > 0 ? costs.gpu.totalIdleCost / horizon : 0,
    gpuUseSource: costs.gpu.useSource,
    budget: budget ? { capPerYear: budget.capPerYear, basis: budget.basis === 'plan-year' ? 'per plan year' : 'over any 12 months', crossedMonthLabel: budget.crossedMonthLabel } : null,
  };
}

/** Compares the meaningful designs and says which the figures support, on what, and what would change it. */
function recommendation(designs: DesignColumn[], d: Pick<Decision, 'costs' | 'readiness' | 'gpu' | 'currency'>, verdict: Verdict, ownerCandidates: number | undefined, podsNeeded: number): DecisionRecommendation {
  const usable = designs.filter((c) => c.meaningful && c.shippedPerQuarter !== null && c.costPerShippedInitiative !== null);
  if (usable.length === 0) {
    return { design: null, text: 'No design can be recommended yet: none of them is a meaningful comparison with the figures so far.', restsOn: [], wouldChange: designs.filter((c) => c.notMeaningful).map((c) => `${c.label}: ${c.notMeaningful!.change}`) };
  }
  // Most initiatives shipped per dollar. Designs within COST_TIE of the cheapest are a tie on
  // cost (the trials cannot tell them apart reliably), and the tie goes to the faster P85.
  const byCost = [...usable].sort((a, b) => a.costPerShippedInitiative! - b.costPerShippedInitiative!);
  const cheapest = byCost[0]!.costPerShippedInitiative!;
  const tied = byCost.filter((c) => c.costPerShippedInitiative! <= cheapest * (1 + COST_TIE));
  const p85 = (c: DesignColumn) => c.timeToProductionP85?.weeks ?? Infinity;
  const best = [...tied].sort((a, b) => p85(a) - p85(b))[0]!;
  const runnerUp = [...usable].filter((c) => c !== best).sort((a, b) => a.costPerShippedInitiative! - b.costPerShippedInitiative!)[0] ?? null;
  const restsOn: string[] = [];
  const wouldChange: string[] = [];
  let text = `Recommended: ${best.label}. It ships ${best.shippedPerQuarter!.toFixed(1)} initiatives a quarter at ${money(best.costPerShippedInitiative!, d.currency)} per shipped initiative`;
  if (best.timeToProductionP85) text += ` and reaches production in ${weeks(best.timeToProductionP85.weeks)} at P85`;
  text += '.';
  const refused = designs.filter((c) => !c.meaningful);
  if (usable.length === 1 && refused.length > 0) text += ` It is the only design here that is a meaningful comparison (${refused.map((c) => c.label).join(', ')}: see why below).`;
  if (tied.length > 1) {
    const others = tied.filter((c) => c !== best);
    text += ` Its cost per shipped initiative is within ${pct(COST_TIE)} of ${others.map((c) => c.label).join(' and ')}, and it reaches production soonest of them at P85 (${others.map((c) => `${weeks(p85(c))} for ${c.label}`).join(', ')}).`;
  } else if (runnerUp) {
    const moreShipped = best.shippedPerQuarter! / runnerUp.shippedPerQuarter! - 1;
    const moreCost = best.totalCost / runnerUp.totalCost - 1;
    text += ` Against ${runnerUp.label} it ships ${pct(moreShipped)} ${moreShipped >= 0 ? 'more' : 'fewer'} initiatives for ${pct(moreCost)} ${moreCost >= 0 ? 'more' : 'less'} cost.`;
  }
  const podDesign = best.kind !== 'centralized';
  if (runnerUp) {
    restsOn.push(`Cost per shipped initiative: ${money(best.costPerShippedInitiative!, d.currency)} for ${best.label} vs ${money(runnerUp.costPerShippedInitiative!, d.currency)} for ${runnerUp.label}.`);
    if (best.timeToProductionP85 && runnerUp.timeToProductionP85) {
      restsOn.push(`Time to production at P85: ${weeks(best.timeToProductionP85.weeks)} vs ${weeks(runnerUp.timeToProductionP85.weeks)}.`);
      const overlap = best.timeToProductionP85.high >= runnerUp.timeToProductionP85.low && runnerUp.timeToProductionP85.high >= best.timeToProductionP85.low;
      if (overlap) wouldChange.push('The two designs’ P85 times overlap within their 95% intervals: more trials (Delivery simulation) would tell them apart.');
    }
    const gap = runnerUp.costPerShippedInitiative! / best.costPerShippedInitiative! - 1;
    if (gap > COST_TIE) wouldChange.push(`${runnerUp.label} would be preferred if its cost per shipped initiative fell by ${pct(gap)} (fewer people, or more demand it can absorb).`);
    else wouldChange.push(`${runnerUp.label} costs about the same per shipped initiative: a change in demand or headcount could tip the choice either way.`);
  }
  if (podDesign && ownerCandidates !== undefined && ownerCandidates < podsNeeded) {
    text += ` It depends on filling ${podsNeeded - ownerCandidates} more single-threaded owner ${podsNeeded - ownerCandidates === 1 ? 'role' : 'roles'}: ${ownerCandidates} of the ${podsNeeded} pods have a leader ready today.`;
    wouldChange.push('If those owners cannot be found or hired, the pods wait for them: the centralized design is the fallback.');
  }
  if (verdict !== 'incomplete') restsOn.push(`Readiness: ${d.readiness.headline}`);
  // Readiness and the simulated figures can point different ways: say so rather than show two answers.
  const readinessFavoursPods = verdict === 'likely-to-help' || verdict === 'mixed';
  if (readinessFavoursPods && best.kind === 'centralized') {
    text += ' The readiness check leans towards pods, but the simulated figures do not show pods paying off at this demand and headcount: check the delivery inputs against your own delivery history before deciding.';
  } else if ((verdict === 'unlikely-to-help' || verdict === 're-architect-first') && podDesign) {
    text += ' The readiness check warns that pods are unlikely to help yet: the figures assume the answers’ problems are fixed.';
  }
  if (d.costs.budget?.crossedMonthLabel) wouldChange.push(`The budget cap (${money(d.costs.budget.capPerYear, d.currency)} ${d.costs.budget.basis}) is crossed in ${monthName(d.costs.budget.crossedMonthLabel)}: a firm cap would force a smaller plan.`);
  if (d.costs.gpuIdle > 0) restsOn.push(`Idle GPUs cost ${money(d.costs.idleGpuPerMonth, d.currency)} a month on average; every design pays them.`);
  const worst = d.gpu?.worst;
  if (worst && worst.neverAdmitted > 0) wouldChange.push(`${worst.name} has ${worst.neverAdmitted} GPU ${worst.neverAdmitted === 1 ? 'workload' : 'workloads'} never admitted under the quota policy: its initiatives may wait on GPUs.`);
  else if (worst && worst.waitP90Hours !== null && worst.waitP90Hours > 24) wouldChange.push(`${worst.name} waits ${worst.waitP90Hours.toFixed(1)} h for GPUs at P90: its quota may slow its initiatives.`);
  return { design: best.kind, text, restsOn, wouldChange };
}

/** Whether the delivery figures rest on the team's own history, and how well the model reproduced it. */
export function calibrationWords(calibration: DeliveryCalibration | undefined): string {
  const inUse = calibration?.fitted.filter((f) => f.status === 'accepted').length ?? 0;
  if (!calibration || inUse === 0) return 'none: the documented defaults (no delivery history accepted)';
  const h = calibration.history;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const backTest = calibration.backTest
    ? `; back-test on the newer ${calibration.backTest.items} items: ${pct(calibration.backTest.coverageP50)} within the forecast P50 (about 50% when calibrated), ${pct(calibration.backTest.coverageP85)} within P85 (about 85%)${calibration.backTest.warning ? ` — ${calibration.backTest.warning}` : ''}`
    : '; not back-tested';
  return `${inUse} value${inUse === 1 ? '' : 's'} fitted from your history (${h.source}: ${h.items.toLocaleString('en-US')} items, ${h.from} to ${h.to})${backTest}`;
}

function formatAssumption(label: string, value: string, source: string): Assumption {
  return { label, value, source };
}

export function decide(input: DecisionInput): Decision {
  const { costs, scenario, delivery } = input;
  const currency = costs.currency;
  const missing: string[] = [];
  const answers = input.readiness;
  const readinessResult = recommend(answers, scenario);
  const unanswered = readinessResult.unanswered.map((id: QuestionId) => question(id).question);
  const podsNeeded = scenario.teams.filter((t) => t.type === 'stream-aligned-pod').length;

  const designs: DesignColumn[] = delivery ? delivery.designs.map((design) => designColumn(design, costs, delivery)) : [];
  if (delivery) for (const u of delivery.unavailable) designs.push({ kind: u.kind, label: DESIGN_LABELS[u.kind], asModelled: false, meaningful: false, notMeaningful: { reason: u.verdict.reason, change: u.verdict.change }, headcount: 0, totalCost: costs.total, timeToProductionP50: null, timeToProductionP85: null, cycleTimeP50: null, prototypeToProductionP50: null, shippedPerQuarter: null, shippedInHorizon: null, costPerShippedInitiative: null });
  else missing.push('Delivery figures: the delivery simulation has not run for this scenario yet.');
  if (!input.gpu) missing.push('GPU waits: run the GPU simulation of the quota policy to see how long each team waits for GPUs.');
  if (unanswered.length > 0) missing.push(`Readiness: ${unanswered.length} of the article’s tough questions are unanswered.`);
  if (scenario.teams.length === 0) missing.push('Teams: the org design has no teams yet.');
  // A band whose maximum is below its minimum is costed with its ends swapped: no figure rests on it unnoticed.
  for (const issue of costModelIssues(scenario.costModel)) {
    if (issue.path.endsWith('.max')) missing.push(`Role catalog: ${issue.message}. Fix the band in Costs: every cost here uses it.`);
  }

  const decisionCostsValue = decisionCosts(costs, input);
  // Never admitted outranks any finite wait.
  const waitRank = (t: GpuTeamWait) => (t.neverAdmitted > 0 ? Infinity : (t.waitP90Hours ?? -1));
  const worst = input.gpu ? ([...input.gpu.teams].sort((a, b) => waitRank(b) - waitRank(a))[0] ?? null) : null;
  const partial = {
    costs: decisionCostsValue,
    readiness: { verdict: readinessResult.verdict, headline: readinessResult.headline.text, unanswered },
    gpu: input.gpu ? { waits: input.gpu.teams, worst, days: input.gpu.days, seed: input.gpu.seed, seeds: input.gpu.seeds, preliminary: input.gpu.preliminary } : null,
    currency,
  };
  const params = delivery?.parameters;
  const roles = scenario.costModel.roles;
  const percentiles = [...new Set(roles.map((r) => r.percentile))];
  const assumptions: Assumption[] = [
    formatAssumption('Loaded-cost multiplier', `×${scenario.costModel.loadedCostMultiplier}`, 'Cost model'),
    formatAssumption('Region multiplier', `×${scenario.costModel.regionMultiplier} (${scenario.costModel.regionName})`, 'Cost model'),
    formatAssumption('Salary percentile', percentiles.length === 1 ? `P${percentiles[0]} of each role’s band` : `P${Math.min(...percentiles)}–P${Math.max(...percentiles)} by role`, 'Role catalog'),
    formatAssumption('GPU billing', scenario.costModel.gpuBilling === 'owned-capacity' ? 'owned capacity (node pools, used or idle)' : 'on demand (use only)', 'Cost model'),
    formatAssumption('GPU use', costs.gpu.useSource === 'planned' ? 'planned GPU-hours per team' : 'simulated GPU-hours per team', costs.gpu.useSource === 'planned' ? 'Org design' : 'GPU simulation'),
    formatAssumption('Horizon', `${costs.horizonMonths} months from ${costs.planStart}`, 'Cost model'),
  ];
  if (delivery && params) {
    // A comparison run by the stopping rule says so ("1,300 trials, seed 1, until every P85 was within ±2%").
    const rule = delivery.convergence?.rule === 'stopping-rule' ? `, until every P85 was within ±${(delivery.convergence.precision ?? 0) * 100}%` : '';
    assumptions.push(formatAssumption('Delivery trials and seed', `${delivery.trials.toLocaleString('en-US')} trials, seed ${delivery.seed}${rule}`, 'Delivery simulation'));
    assumptions.push(formatAssumption('Demand', delivery.portfolio.listed > 0 ? `${delivery.portfolio.listed} listed initiatives` : `${params.arrivalsPerAreaPerMonth.toFixed(2)} initiatives per product area per month`, 'Delivery simulation'));
  }
  if (delivery && params) assumptions.push(formatAssumption('Delivery calibration', calibrationWords(scenario.delivery.calibration), 'Delivery history'));
  if (input.gpu) assumptions.push(formatAssumption('GPU simulation', gpuRunWords(input.gpu), 'GPU simulation'));

  const rec = delivery
    ? recommendation(designs, partial, readinessResult.verdict, answers.ownerCandidates, podsNeeded)
    : { design: null, text: 'No recommendation yet: the delivery simulation has not run, so speed and cost per shipped initiative are unknown.', restsOn: [], wouldChange: [] };

  return {
    scenario: { id: scenario.id, name: scenario.name, revision: input.revision },
    date: input.date,
    horizonMonths: costs.horizonMonths,
    planStart: costs.planStart,
    ...partial,
    designs,
    openQuestions: unanswered,
    recommendation: rec,
    missing,
    preliminary: input.deliveryPreliminary || (input.gpu?.preliminary ?? false),
    assumptions,
  };
}
