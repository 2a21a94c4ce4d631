/**
 * Turning a design's accumulated sums into what the UI and the CLI show:
 * percentiles and histogram, throughput per quarter, shipped per month,
 * WIP and cumulative flow, flow efficiency, where the time goes, cost.
 * Every figure is plain numbers (JSON-able).
 */
import { monthLabels } from '../phases/calendar.ts';
import type { DesignLoad, DesignVerdict } from './design-load.ts';
import type { DesignKind, DesignTeam, FlowRole, OrgDesign } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import { histogramQuantile, HIST_BIN_WEEKS, QUARTER_COUNT_MAX, type DesignAccumulator } from './accumulator.ts';
import { batchMeansInterval, INTERVAL_LEVELS, type PercentileIntervals } from './convergence.ts';

export { histogramQuantile } from './accumulator.ts';

export interface Percentiles {
  mean: number;
  p50: number;
  p85: number;
  p95: number;
}

export interface HistogramBin {
  /** Weeks, inclusive. */
  from: number;
  /** Weeks, exclusive. */
  to: number;
  /** Share of shipped initiatives in this bin (0–1). */
  share: number;
}

export interface Distribution1D extends Percentiles {
  /** Display histogram (bins of `binWeeks` up to about the 99th percentile; the last bin holds the rest). */
  histogram: HistogramBin[];
  binWeeks: number;
  /** 95% confidence interval of each percentile (batch means over blocks of trials, `convergence.ts`). */
  intervals: PercentileIntervals;
}

export interface QuarterThroughput {
  quarter: number;
  /** First month of the quarter, 'YYYY-MM'. */
  label: string;
  mean: number;
  /** 85% of trials shipped at least this many (the 15th percentile). */
  p15: number;
  p50: number;
}

export interface MonthShipped {
  month: number;
  label: string;
  /** Mean initiatives shipped this month. */
  mean: number;
  /** Teams in the flow with productive people this month (pods come online along the phase plan). */
  activeTeams: number;
}

export interface CfdPoint {
  week: number;
  /** Mean cumulative count per trial. */
  arrived: number;
  started: number;
  integrated: number;
  done: number;
}

export interface WaitingAt {
  teamId: string;
  teamName: string;
  /** Mean weeks per initiative waiting in the team's queue. */
  queue: number;
  /** Mean weeks per initiative waiting for the team's next intake after a hand-off. */
  handoff: number;
}

export interface TimeBreakdown {
  /** Mean weeks per shipped initiative waiting before discovery starts (the backlog of the team doing discovery). */
  backlog: number;
  /** Mean weeks per shipped initiative with at least one task being worked on (first pass). */
  working: number;
  /** Mean weeks from the first integration defect or failed deploy to production. */
  rework: number;
  waiting: WaitingAt[];
  /** Anything else (should be ~0). */
  other: number;
  /** Sum of the parts = mean time to production (minus the backlog: mean cycle time). */
  total: number;
}

export interface DesignTeamSummary {
  id: string;
  name: string;
  flowRole: FlowRole;
  headcount: number;
  crews: number;
  startMonth: number;
  fromScenario: boolean;
  /**
   * Work routed to the team ÷ what its people do per week, at steady state
   * (`design-load.ts`); ≥ 1 = its queue grows without bound; Infinity = work
   * but no productive people; null = outside the flow (gets no work).
   */
  utilisation: number | null;
  /** Person-weeks of work routed to it per week, and done by it per week (null outside the flow). */
  demandPerWeek: number | null;
  capacityPerWeek: number | null;
  /** Initiatives a year that need work from it (null outside the flow). */
  initiativesPerYear: number | null;
}

export interface CostSummary {
  /**
   * The design's cost over the horizon. For a whole scenario, in the one
   * cost model: the plan's total (people, GPUs used and idle — the Costs
   * tab's figure) for the design as modelled, plus the difference in people
   * cost for a derived design. For a bare org, its people's cost.
   */
  total: number;
  /** Total ÷ mean initiatives shipped within the horizon. */
  perInitiativeShipped: number;
}

export interface DesignResult {
  kind: DesignKind;
  label: string;
  asModelled: boolean;
  note: string;
  teams: DesignTeamSummary[];
  /** Meaningful, or not (a team at utilisation ≥ 1) with the reason and what to change: then no figure of it is shown. */
  verdict: DesignVerdict;
  adoption: number;
  ownerDelays: Array<{ teamId: string; months: number }>;
  trials: number;
  /** Mean initiatives arriving per trial (within the horizon). */
  initiativesPerTrial: number;
  /** Mean initiatives shipped within the horizon per trial. */
  shippedInHorizon: number;
  /** Mean initiatives per trial not shipped by the drain bound (0 unless the design is overloaded). */
  unfinishedPerTrial: number;
  /** Arrival to production, weeks. */
  timeToProduction: Distribution1D;
  /** Start of discovery to production, weeks (the clock of the seed's "6+ months", which starts with "Business team defines requirements"). */
  cycleTime: Distribution1D;
  /** Prototype (the model task first finished: "model validated") to production, weeks: the clock of the seed's "6–8 weeks". */
  prototypeToProduction: Distribution1D;
  throughputPerQuarter: QuarterThroughput[];
  shippedPerMonth: MonthShipped[];
  /** Mean initiatives in the system at the start of each week of the horizon. */
  wip: number[];
  cfd: CfdPoint[];
  /** Time with work going on ÷ elapsed time, over all shipped initiatives. */
  flowEfficiency: number;
  breakdown: TimeBreakdown;
  rework: { shareReworked: number; loopsPerInitiative: number; deployFailuresPerInitiative: number };
  cost: CostSummary | null;
  /** Largest relative gap between L (time-integrated WIP) and λW on any trial. */
  littlesLawMaxError: number;
}

/** The block percentiles of one clock (`clock` × 3 + level in each block's record): intervals around the run's own. */
function intervalsOf(p: Percentiles, blocks: readonly Float64Array[], clock: number): PercentileIntervals {
  const of = (level: number, center: number) => batchMeansInterval(center, blocks.map((b) => b[clock * INTERVAL_LEVELS.length + level]!));
  return { p50: of(0, p.p50), p85: of(1, p.p85), p95: of(2, p.p95) };
}

function distribution(hist: Float64Array, sum: number, count: number, blocks: readonly Float64Array[], clock: number): Distribution1D {
  const p50 = histogramQuantile(hist, 0.5);
  const p85 = histogramQuantile(hist, 0.85);
  const p95 = histogramQuantile(hist, 0.95);
  const p99 = histogramQuantile(hist, 0.99);
  const total = hist.reduce((s, v) => s + v, 0);
  // About 40 display bins up to the 99th percentile, in whole weeks (at least one).
  const binWeeks = Number.isFinite(p99) ? Math.max(1, Math.ceil(p99 / 40)) : 1;
  const perDisplay = Math.round(binWeeks / HIST_BIN_WEEKS);
  const displayBins = Number.isFinite(p99) ? Math.ceil(p99 / binWeeks) + 1 : 0;
  const histogram: HistogramBin[] = [];
  for (let d = 0; d < displayBins; d++) {
    let c = 0;
    const last = d === displayBins - 1;
    const end = last ? hist.length : Math.min(hist.length, (d + 1) * perDisplay);
    for (let b = d * perDisplay; b < end; b++) c += hist[b]!;
    histogram.push({ from: d * binWeeks, to: (d + 1) * binWeeks, share: total > 0 ? c / total : 0 });
  }
  const mean = count > 0 ? sum / count : Number.NaN;
  return { mean, p50, p85, p95, histogram, binWeeks, intervals: intervalsOf({ mean, p50, p85, p95 }, blocks, clock) };
}

/** Quantile of per-trial counts from a count histogram (row of `quarterHist`). */
function countQuantile(hist: Float64Array, offset: number, q: number): number {
  let total = 0;
  for (let k = 0; k <= QUARTER_COUNT_MAX; k++) total += hist[offset + k]!;
  if (total === 0) return 0;
  const target = q * total;
  let cum = 0;
  for (let k = 0; k <= QUARTER_COUNT_MAX; k++) {
    cum += hist[offset + k]!;
    if (cum >= target) return k;
  }
  return QUARTER_COUNT_MAX;
}

export type CostPerTeamWeek = (team: DesignTeam, week: number) => number;

export function designCost(design: OrgDesign, horizonMonths: number, costPerTeamWeek: CostPerTeamWeek): number {
  const weeks = Math.floor(horizonMonths * WEEKS_PER_MONTH);
  let total = 0;
  for (const team of design.teams) for (let w = 0; w < weeks; w++) total += costPerTeamWeek(team, w);
  return total;
}

/** `blocks`: each full block's percentiles (`blockQuantiles`), for the intervals. */
export function summarise(design: OrgDesign, acc: DesignAccumulator, horizonMonths: number, planStart: string, totalCost: number | null, load: DesignLoad, blocks: readonly Float64Array[] = []): DesignResult {
  const trials = Math.max(1, acc.trials);
  const done = acc.completed;
  const perDone = (v: number) => (done > 0 ? v / done : 0);
  const labels = monthLabels(planStart, horizonMonths);
  const throughputPerQuarter: QuarterThroughput[] = [];
  for (let q = 0; q < acc.quarters; q++) {
    const offset = q * (QUARTER_COUNT_MAX + 1);
    let sum = 0;
    let n = 0;
    for (let k = 0; k <= QUARTER_COUNT_MAX; k++) {
      sum += k * acc.quarterHist[offset + k]!;
      n += acc.quarterHist[offset + k]!;
    }
    throughputPerQuarter.push({ quarter: q + 1, label: labels[q * 3] ?? '', mean: n > 0 ? sum / n : 0, p15: countQuantile(acc.quarterHist, offset, 0.15), p50: countQuantile(acc.quarterHist, offset, 0.5) });
  }
  const flowTeams = design.teams.filter((t) => t.flowRole !== 'outside');
  const shippedPerMonth: MonthShipped[] = Array.from(acc.doneByMonth, (v, m) => ({
    month: m + 1,
    label: labels[m] ?? '',
    mean: v / trials,
    activeTeams: flowTeams.filter((t) => t.startMonth > 0 && t.startMonth <= m + 1).length,
  }));
  const wip: number[] = [];
  const cfd: CfdPoint[] = [];
  let a = 0;
  let s = 0;
  let i = 0;
  let d = 0;
  for (let w = 0; w < acc.weeks; w++) {
    wip.push((a - d) / trials);
    a += acc.arrivedByWeek[w]!;
    s += acc.startedByWeek[w]!;
    i += acc.integratedByWeek[w]!;
    d += acc.doneByWeek[w]!;
    cfd.push({ week: w + 1, arrived: a / trials, started: s / trials, integrated: i / trials, done: d / trials });
  }
  const waiting: WaitingAt[] = design.teams
    .map((t, k) => ({ teamId: t.id, teamName: t.name, queue: perDone(acc.waitQueue[k]!), handoff: perDone(acc.waitHandoff[k]!) }))
    .filter((w) => w.queue > 0 || w.handoff > 0);
  const working = perDone(acc.sumWork);
  const rework = perDone(acc.sumRework);
  const other = perDone(acc.sumOther);
  const backlog = perDone(acc.sumBacklog);
  const totalWait = waiting.reduce((sum, w) => sum + w.queue + w.handoff, 0);
  const shippedInHorizon = acc.shippedInHorizon / trials;
  return {
    kind: design.kind,
    label: design.label,
    asModelled: design.asModelled,
    note: design.note,
    teams: design.teams.map((t) => {
      const l = load.teams.find((x) => x.teamId === t.id);
      return {
        id: t.id,
        name: t.name,
        flowRole: t.flowRole,
        headcount: t.people.length,
        crews: t.crews,
        startMonth: t.startMonth,
        fromScenario: t.fromScenario,
        utilisation: l ? l.utilisation : null,
        demandPerWeek: l ? l.demand : null,
        capacityPerWeek: l ? l.capacity : null,
        initiativesPerYear: l ? l.initiativesPerYear : null,
      };
    }),
    verdict: load.verdict,
    adoption: design.adoption,
    ownerDelays: design.ownerDelays,
    trials: acc.trials,
    initiativesPerTrial: acc.arrived / trials,
    shippedInHorizon,
    unfinishedPerTrial: acc.unfinished / trials,
    timeToProduction: distribution(acc.ttpHist, acc.sumTimeToProduction, done, blocks, 0),
    cycleTime: distribution(acc.cycleHist, acc.sumCycleTime, done, blocks, 1),
    prototypeToProduction: distribution(acc.protoHist, acc.sumPrototypeToProduction, done, blocks, 2),
    throughputPerQuarter,
    shippedPerMonth,
    wip,
    cfd,
    flowEfficiency: acc.sumTimeToProduction > 0 ? acc.sumActive / acc.sumTimeToProduction : 0,
    breakdown: { backlog, working, rework, waiting, other, total: backlog + working + rework + other + totalWait },
    rework: { shareReworked: perDone(acc.reworkedInitiatives), loopsPerInitiative: perDone(acc.reworkLoops), deployFailuresPerInitiative: perDone(acc.deployFailures) },
    cost: totalCost === null ? null : { total: totalCost, perInitiativeShipped: shippedInHorizon > 0 ? totalCost / shippedInHorizon : Infinity },
    littlesLawMaxError: acc.littleMaxError,
  };
}
