/**
 * The report (M14) as data: 1–4 Decisions and their cost breakdowns turned
 * into the stamps, tables and chart series every format shows. All text is
 * made here with `../decision/figure-text.ts`, so the HTML, Markdown, CSV, slides and the
 * PDF read the same for the same number; the builders only lay it out.
 *
 * Pure: the figures come from `decide()` (and, for the monthly series, the
 * `CostBreakdown` it was given); nothing here computes a figure of its own.
 */
import type { CostBreakdown } from '../cost/compute.ts';
import type { Decision, DesignColumn, EstimatedWeeks, GpuTeamWait } from '../decision/decision.ts';
import { gpuRunWords } from '../decision/decision.ts';
import { formatCount, formatDecimal, formatHours, formatMoney, formatRevision, formatWeeks, formatWeeksInterval, NO_FIGURE } from '../decision/figure-text.ts';
import type { Crossover } from '../delivery/crossover.ts';
import { crossoverSeries, crossoverTable, reportCrossover, type CrossoverChartSeries, type ReportCrossover } from './crossover.ts';

export const MAX_REPORT_SCENARIOS = 4;

export interface ReportSource {
  decision: Decision;
  /** The breakdown the Decision was made from (`scenarioCosts`). */
  costs: CostBreakdown;
  /** How the revision reads when there is no stored one, e.g. "file plan.podplan.json (sha256 1a2b3c4d)". */
  revisionLabel?: string;
  /** Why the scenario has no GPU waits, when it has no quota policy to simulate. */
  gpuNote?: string;
  /** Where pods overtake the centralized design (`sim/delivery/crossover.ts`), when asked for (it costs many runs). */
  crossover?: Crossover;
}

export interface ReportDesign {
  label: string;
  meaningful: boolean;
  /** "14.2 weeks", or NO_FIGURE. */
  p85: string;
  costPerShipped: string;
  totalCost: string;
  /** Why there are no figures, and what to change. */
  note: string | null;
}

export interface ReportScenario {
  id: string;
  name: string;
  revision: string;
  date: string;
  currency: string;
  /** Loaded-cost multiplier, salary percentile, trials and seed (and the GPU run's), in one line. */
  keyAssumptions: string;
  /** Name · revision · date · key assumptions: printed on every page, chart and slide. */
  stamp: string;
  totalCost: string;
  /** "24 months from 2026-01". */
  horizon: string;
  recommendation: { design: string | null; text: string; restsOn: string[]; wouldChange: string[] };
  designs: ReportDesign[];
  readiness: string;
  openQuestions: string[];
  /** GPU waits are missing: why (no policy to simulate, or not run). */
  gpuNote: string | null;
  missing: string[];
  preliminary: boolean;
  /** The crossover's sentences, when it was run for this report. */
  crossover: ReportCrossover | null;
}

export interface ReportTable {
  /** File-safe id: `summary`, `designs`, … (the CSV file names). */
  id: string;
  title: string;
  /** The first column is always "Scenario" (layouts of a one-scenario report may hide it). */
  columns: string[];
  /** Columns holding figures (right-aligned). */
  numeric: number[];
  rows: string[][];
}

export interface CostSeries {
  scenario: string;
  months: string[];
  cumulative: number[];
  /** The end of the line: the scenario's total, as the tables write it. */
  totalText: string;
  currency: string;
}

export interface TimelineRow {
  scenario: string;
  design: string;
  p50: EstimatedWeeks | null;
  p85: EstimatedWeeks | null;
  p50Text: string;
  p85Text: string;
  note: string | null;
}

export interface WaitRow {
  scenario: string;
  team: string;
  /** Null when none of the team's workloads was admitted (the bar then spans the chart, marked). */
  hours: number | null;
  text: string;
}

export interface ReportModel {
  title: string;
  date: string;
  scenarios: ReportScenario[];
  tables: ReportTable[];
  charts: {
    cumulativeCost: CostSeries[];
    timeline: TimelineRow[];
    gpuWaits: { rows: WaitRow[]; notes: Array<{ scenario: string; note: string }> };
    /** P85 against demand and against headcount, per scenario with a crossover (empty without). */
    crossover: CrossoverChartSeries[];
  };
}

export class ReportInputError extends Error {}

/** A team's P90 wait; never-admitted workloads are named, as they outrank any wait; tables add the range over seeds (a chart's label has no room). */
function waitText(w: GpuTeamWait, withRange = true): string {
  const never = w.neverAdmitted > 0 ? `${formatCount(w.neverAdmitted)} never admitted` : '';
  if (w.waitP90Hours === null) return never || NO_FIGURE;
  const range = withRange && w.waitP90RangeHours ? `range ${w.waitP90RangeHours.min === null ? NO_FIGURE : formatHours(w.waitP90RangeHours.min)}–${w.waitP90RangeHours.max === null ? 'never admitted' : formatHours(w.waitP90RangeHours.max)}` : '';
  const notes = [range, never].filter(Boolean).join('; ');
  return notes ? `${formatHours(w.waitP90Hours)} (${notes})` : formatHours(w.waitP90Hours);
}

const assumption = (d: Decision, label: string) => d.assumptions.find((a) => a.label === label)?.value;

function keyAssumptions(d: Decision): string {
  const parts = [
    `loaded-cost ${assumption(d, 'Loaded-cost multiplier') ?? NO_FIGURE}`,
    `salary ${assumption(d, 'Salary percentile') ?? NO_FIGURE}`,
    `delivery ${assumption(d, 'Delivery trials and seed') ?? 'not simulated'}`,
  ];
  const calibration = assumption(d, 'Delivery calibration');
  if (calibration) parts.push(calibration.startsWith('none') ? 'delivery on documented defaults' : 'delivery fitted to the team’s history');
  const gpu = assumption(d, 'GPU simulation');
  if (gpu) parts.push(`GPU simulation ${gpu}`);
  return parts.join(' · ');
}

function designOf(d: Decision, c: DesignColumn): ReportDesign {
  return {
    label: c.label,
    meaningful: c.meaningful,
    p85: c.timeToProductionP85 ? formatWeeks(c.timeToProductionP85.weeks) : NO_FIGURE,
    costPerShipped: c.costPerShippedInitiative !== null ? formatMoney(c.costPerShippedInitiative, d.currency) : NO_FIGURE,
    totalCost: formatMoney(c.totalCost, d.currency),
    note: c.notMeaningful ? `Not a meaningful comparison: ${c.notMeaningful.reason}${c.notMeaningful.change ? ` ${c.notMeaningful.change}` : ''}` : null,
  };
}

function scenarioOf(source: ReportSource): ReportScenario {
  const d = source.decision;
  const revision = formatRevision(d.scenario.revision, source.revisionLabel ?? 'no stored revision');
  const key = keyAssumptions(d);
  const recommended = d.recommendation.design ? (d.designs.find((c) => c.kind === d.recommendation.design)?.label ?? d.recommendation.design) : null;
  return {
    id: d.scenario.id,
    name: d.scenario.name,
    revision,
    date: d.date,
    currency: d.currency,
    keyAssumptions: key,
    stamp: `${d.scenario.name} · ${revision} · ${d.date} · ${key}`,
    totalCost: formatMoney(d.costs.total, d.currency),
    horizon: `${d.horizonMonths} months from ${d.planStart}`,
    recommendation: { design: recommended, text: d.recommendation.text, restsOn: d.recommendation.restsOn, wouldChange: d.recommendation.wouldChange },
    designs: d.designs.map((c) => designOf(d, c)),
    readiness: d.readiness.headline,
    openQuestions: d.openQuestions,
    gpuNote: d.gpu ? null : (source.gpuNote ?? 'The GPU simulation of the quota policy has not run for this scenario, so there are no GPU waits.'),
    missing: d.missing,
    preliminary: d.preliminary,
    crossover: source.crossover ? reportCrossover(source.crossover) : null,
  };
}

function tablesOf(sources: readonly ReportSource[], scenarios: readonly ReportScenario[]): ReportTable[] {
  const crossovers = sources.flatMap((source, i) => (source.crossover ? [{ scenario: scenarios[i]!.name, currency: source.decision.currency, crossover: source.crossover }] : []));
  const each = <T>(fn: (source: ReportSource, s: ReportScenario) => T[]): T[] => sources.flatMap((source, i) => fn(source, scenarios[i]!));
  const money = (d: Decision, v: number) => formatMoney(v, d.currency);
  const interval = (e: EstimatedWeeks | null) => (e ? formatWeeksInterval(e) : NO_FIGURE);
  return [
    {
      id: 'summary',
      title: 'Summary',
      columns: ['Scenario', 'Revision', 'Total cost', 'People', 'GPU use', 'Idle GPUs', 'Annual run rate', 'Recommended design'],
      numeric: [2, 3, 4, 5, 6],
      rows: each(({ decision: d }, s) => [[s.name, s.revision, s.totalCost, money(d, d.costs.people), money(d, d.costs.gpuUse), money(d, d.costs.gpuIdle), money(d, d.costs.annualRunRate), s.recommendation.design ?? 'none yet']]),
    },
    {
      id: 'designs',
      title: 'Designs side by side',
      columns: ['Scenario', 'Design', 'People', 'Total cost', 'P50 to production (95% interval)', 'P85 to production (95% interval)', 'Shipped per quarter', 'Cost per shipped initiative'],
      numeric: [2, 3, 4, 5, 6, 7],
      rows: each(({ decision: d }, s) =>
        d.designs.map((c) => [
          s.name,
          `${c.label}${c.asModelled ? ' (as modelled)' : ''}${c.meaningful ? '' : ' (not meaningful)'}`,
          formatCount(c.headcount),
          money(d, c.totalCost),
          interval(c.timeToProductionP50),
          interval(c.timeToProductionP85),
          c.shippedPerQuarter !== null ? formatDecimal(c.shippedPerQuarter) : NO_FIGURE,
          c.costPerShippedInitiative !== null ? money(d, c.costPerShippedInitiative) : NO_FIGURE,
        ]),
      ),
    },
    ...(crossovers.length ? [crossoverTable(crossovers)] : []),
    {
      // The seed's claims are on these clocks: "6+ months" from "Business team defines requirements", "6–8 weeks" from a prototype.
      id: 'clocks',
      title: 'Time on the article’s clocks (P50, weeks, 95% interval)',
      columns: ['Scenario', 'Design', 'Request → production', 'Cycle time (start of discovery → production)', 'Prototype (model validated) → production'],
      numeric: [2, 3, 4],
      rows: each(({ decision: d }, s) =>
        d.designs.map((c) => [s.name, `${c.label}${c.meaningful ? '' : ' (not meaningful)'}`, interval(c.timeToProductionP50), interval(c.cycleTimeP50), interval(c.prototypeToProductionP50)]),
      ),
    },
    {
      id: 'monthly-costs',
      title: 'Costs by month',
      columns: ['Scenario', 'Month', 'People', 'GPUs', 'Total', 'Cumulative'],
      numeric: [2, 3, 4, 5],
      rows: each(({ costs }, s) => costs.months.map((month, m) => [s.name, month, ...[costs.monthlyPeople[m]!, costs.monthlyGpu[m]!, costs.monthly[m]!, costs.cumulative[m]!].map((v) => formatMoney(v, costs.currency))])),
    },
    {
      id: 'gpu-waits',
      title: 'GPU waits (P90 per team)',
      columns: ['Scenario', 'Team', 'P90 wait for GPUs', 'GPU simulation'],
      numeric: [2],
      rows: each(({ decision: d }, s) => (d.gpu ? d.gpu.waits.map((w) => [s.name, w.name, waitText(w), gpuRunWords(d.gpu!)]) : [[s.name, NO_FIGURE, NO_FIGURE, s.gpuNote ?? '']])),
    },
    {
      id: 'risks-and-questions',
      title: 'Risks and open questions',
      columns: ['Scenario', 'Kind', 'Text'],
      numeric: [],
      rows: each((_, s) => [
        ...s.recommendation.wouldChange.map((t) => [s.name, 'Would change the decision', t]),
        ...s.designs.filter((c) => c.note).map((c) => [s.name, 'Not meaningful', `${c.label}: ${c.note}`]),
        ...s.missing.map((t) => [s.name, 'Missing input', t]),
        ...s.openQuestions.map((t) => [s.name, 'Open question', t]),
      ]),
    },
    {
      id: 'assumptions',
      title: 'Assumptions and their sources',
      columns: ['Scenario', 'Assumption', 'Value', 'Source'],
      numeric: [],
      rows: each(({ decision: d }, s) => d.assumptions.map((a) => [s.name, a.label, a.value, a.source])),
    },
  ];
}

/** The report of 1–4 scenarios' Decisions; `title` defaults to the scenarios' names. */
export function buildReportModel(sources: readonly ReportSource[], options: { title?: string; date?: string } = {}): ReportModel {
  if (sources.length < 1 || sources.length > MAX_REPORT_SCENARIOS) throw new ReportInputError(`A report compares 1 to ${MAX_REPORT_SCENARIOS} scenarios (got ${sources.length}).`);
  const scenarios = sources.map(scenarioOf);
  const date = options.date ?? sources[0]!.decision.date;
  const title = options.title ?? (scenarios.length === 1 ? `Decision report: ${scenarios[0]!.name}` : `Decision report: ${scenarios.map((s) => s.name).join(' vs ')}`);
  return {
    title,
    date,
    scenarios,
    tables: tablesOf(sources, scenarios),
    charts: {
      cumulativeCost: sources.map(({ costs }, i) => ({ scenario: scenarios[i]!.name, months: costs.months, cumulative: Array.from(costs.cumulative), totalText: scenarios[i]!.totalCost, currency: costs.currency })),
      timeline: sources.flatMap(({ decision: d }, i) =>
        d.designs.map((c) => ({
          scenario: scenarios[i]!.name,
          design: c.label,
          p50: c.timeToProductionP50,
          p85: c.timeToProductionP85,
          p50Text: c.timeToProductionP50 ? formatWeeks(c.timeToProductionP50.weeks) : NO_FIGURE,
          p85Text: c.timeToProductionP85 ? formatWeeks(c.timeToProductionP85.weeks) : NO_FIGURE,
          note: c.meaningful ? null : 'not a meaningful comparison',
        })),
      ),
      gpuWaits: {
        rows: sources.flatMap(({ decision: d }, i) => (d.gpu ? d.gpu.waits.map((w) => ({ scenario: scenarios[i]!.name, team: w.name, hours: w.waitP90Hours, text: waitText(w, false) })) : [])),
        notes: scenarios.flatMap((s) => (s.gpuNote ? [{ scenario: s.name, note: s.gpuNote }] : [])),
      },
      crossover: sources.flatMap((source, i) => (source.crossover ? crossoverSeries(scenarios[i]!.name, source.crossover) : [])),
    },
  };
}

/** The scenario column is noise in a one-scenario layout; CSV keeps it so files from several reports can be joined. */
export function visibleColumns(model: ReportModel, table: ReportTable): number[] {
  const all = table.columns.map((_, i) => i);
  return model.scenarios.length === 1 ? all.slice(1) : all;
}
