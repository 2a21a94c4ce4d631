/**
 * `podplan simulate delivery FILE`: the delivery simulator (M6) on a scenario
 * file — time to production per org design, throughput, flow efficiency,
 * cost per initiative, where the time goes, rework, and how far each design
 * lands from the article's claims; per design the people and utilisation of
 * each team, and whether it is a meaningful comparison at all (a design
 * with a team at utilisation ≥ 1 gets its reason and what to change, and
 * no figures). Times on three labelled clocks (request → production, start
 * of discovery → production, prototype → production), each percentile with
 * its 95% interval. Unless a trial count is given, it runs until every
 * meaningful design's P85 is known within ±--precision %. Blocks of trials
 * run on --workers worker threads (the job the UI's Web Workers run), with
 * the same figures for any number of workers; progress on stderr, Ctrl+C
 * stops with the blocks merged so far.
 */
import { availableParallelism } from 'node:os';
import { DESIGN_KINDS, DESIGN_LABELS, type DesignKind } from '../../../sim/delivery/design.ts';
import { explainGap, type GapExplanation } from '../../../sim/delivery/explain.ts';
import { convergenceText, type DeliveryJobInput, type DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { runComparisonOnPool } from '../../../sim/delivery/pool.ts';
import { DEFAULT_PRECISION, MAX_ADAPTIVE_TRIALS, MIN_ADAPTIVE_TRIALS, type Interval } from '../../../sim/delivery/convergence.ts';
import type { DesignResult } from '../../../sim/delivery/results.ts';
import { DEFAULT_DELIVERY_SEED, DEFAULT_SENSITIVITY_TRIALS, MAX_DELIVERY_TRIALS } from '../../../sim/delivery/schema.ts';
import type { SensitivityResult } from '../../../sim/delivery/sensitivity.ts';
import type { DeliveryComparison } from '../../../sim/delivery/simulate.ts';
import { parseScenarioText, type Scenario } from '../../../sim/scenario/index.ts';
import { COMMON_OPTIONS, helpHint, stringOption, type CommandSpec } from '../args.ts';
import type { Command } from '../command.ts';
import { readScenarioFile } from '../context.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';
import { runWorkerJob, workerEntry, WorkerLanes } from '../sim-worker.ts';

const WORKER = workerEntry('delivery');
const DESIGN_CHOICES = [...DESIGN_KINDS, 'all'] as const;
/** Progress lines on stderr for runs longer than this, at most this often. */
const PROGRESS_MS = 1000;

const spec: CommandSpec = {
  path: 'podplan simulate delivery',
  summary: 'Delivery simulation: time to production of AI initiatives, centralized vs pods vs pods + platform.',
  details: [
    'A Monte Carlo discrete-event simulation of initiatives flowing through each org design, built from the',
    "scenario's teams, hiring plan and phases, with every parameter at its documented default unless the",
    "scenario's delivery section overrides it. All designs run the same initiatives (same seed). Times are",
    'calendar weeks. Ctrl+C stops the run and prints the figures for the trials done.',
  ],
  options: {
    ...COMMON_OPTIONS,
    trials: { type: 'string', valueName: 'N', description: `Run exactly N Monte Carlo trials (default: the scenario's; unset there too, the stopping rule of --precision).` },
    precision: {
      type: 'string',
      valueName: 'PCT',
      description: `Without a trial count: run until every meaningful design's P85 time to production is known within ±PCT% (95% interval; default ${DEFAULT_PRECISION * 100}), from ${MIN_ADAPTIVE_TRIALS.toLocaleString('en-US')} to ${MAX_ADAPTIVE_TRIALS.toLocaleString('en-US')} trials.`,
    },
    workers: { type: 'string', valueName: 'N', description: `Worker threads (default: the machine's cores − 1, at least 1; here ${defaultWorkers()}). The figures are the same for any number.` },
    seed: { type: 'string', valueName: 'S', description: `Random seed, a whole number (default: the scenario's, else ${DEFAULT_DELIVERY_SEED}).` },
    design: { type: 'string', valueName: 'D', description: 'centralized, pods, pods-platform or all (default all).' },
    sensitivity: { type: 'boolean', description: `Also run the tornado (each parameter ±20%, ${DEFAULT_SENSITIVITY_TRIALS} trials per run) and use it to explain the gaps.` },
  },
  positionals: [{ name: 'FILE', required: true, description: 'The scenario file (.podplan.json), or - for stdin.' }],
  examples: ['podplan simulate delivery plan.podplan.json', 'podplan simulate delivery --precision 1 --workers 4 plan.podplan.json', 'podplan simulate delivery --design pods --trials 10000 --json plan.podplan.json | jq .designs[0].timeToProduction'],
};

/** The machine's cores less one for the main thread, at least 1. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

function precisionOption(values: Record<string, unknown>): number | undefined {
  const raw = stringOption(values as Parameters<typeof stringOption>[0], 'precision');
  if (raw === undefined) return undefined;
  const n = Number(raw.trim().replace(/%$/, ''));
  if (!(raw.trim() !== '' && Number.isFinite(n) && n >= 0.1 && n <= 50)) throw new UsageError(`--precision must be a percentage from 0.1 to 50, e.g. 2 for ±2% (got "${raw}").`, helpHint(spec));
  return n / 100;
}

function wholeNumber(values: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(values as Parameters<typeof stringOption>[0], name);
  if (raw === undefined) return undefined;
  const n = Number(raw.replaceAll('_', ''));
  if (!(raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`--${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got "${raw}").`, helpHint(spec));
  }
  return n;
}

function designsOption(values: Record<string, unknown>): DesignKind[] {
  const raw = stringOption(values as Parameters<typeof stringOption>[0], 'design') ?? 'all';
  if (!(DESIGN_CHOICES as readonly string[]).includes(raw)) throw new UsageError(`--design must be one of ${DESIGN_CHOICES.join(', ')} (got "${raw}").`, helpHint(spec));
  return raw === 'all' ? [...DESIGN_KINDS] : [raw as DesignKind];
}

/** Progress on stderr for long runs only (a short run prints nothing extra). */
function progressPrinter(io: CliIo, what: string): (done: number, total: number, phase?: string) => void {
  const start = performance.now();
  let last = start;
  return (done, total, phase) => {
    const t = performance.now();
    if (t - start < PROGRESS_MS || t - last < PROGRESS_MS || done >= total) return;
    last = t;
    // The stopping rule's total is its most trials: say where it stands, not a share of that.
    io.stderr(phase?.startsWith('converging') ? `${what}: ${phase}\n` : `${what}: ${Math.floor((100 * done) / total)}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})\n`);
  };
}

const r1 = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : v);
const r3 = (v: number) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : v);

/** Per team: people and load; utilisation null outside the flow, "no productive people" when work reaches a team of no one. */
function teamsJson(d: DesignResult) {
  return d.teams.map((t) => ({
    id: t.id,
    name: t.name,
    flowRole: t.flowRole,
    headcount: t.headcount,
    inFlow: t.utilisation !== null,
    utilisation: t.utilisation === null ? null : Number.isFinite(t.utilisation) ? r3(t.utilisation) : 'no productive people',
    initiativesPerYear: t.initiativesPerYear === null ? null : r3(t.initiativesPerYear),
    demandPersonWeeksPerWeek: t.demandPerWeek === null ? null : r3(t.demandPerWeek),
    capacityPersonWeeksPerWeek: t.capacityPerWeek === null ? null : r3(t.capacityPerWeek),
  }));
}

const intervalJson = (i: Interval | null) => (i ? [i.low, i.high] : null);

function designJson(d: DesignResult, natural: DesignKind) {
  const pct = (p: DesignResult['timeToProduction']) => ({
    mean: p.mean,
    p50: p.p50,
    p85: p.p85,
    p95: p.p95,
    interval95: { p50: intervalJson(p.intervals.p50), p85: intervalJson(p.intervals.p85), p95: intervalJson(p.intervals.p95) },
  });
  const head = {
    kind: d.kind,
    label: d.label,
    asModelled: d.asModelled,
    isScenarioDesign: d.kind === natural,
    note: d.note,
    teams: teamsJson(d),
    verdict: d.verdict,
  };
  // A design that is not a meaningful comparison carries no figures: its times would measure the horizon.
  if (!d.verdict.meaningful) return head;
  return {
    ...head,
    trials: d.trials,
    timeToProductionWeeks: pct(d.timeToProduction),
    cycleTimeWeeks: pct(d.cycleTime),
    prototypeToProductionWeeks: pct(d.prototypeToProduction),
    initiativesPerTrial: r3(d.initiativesPerTrial),
    shippedInHorizon: r3(d.shippedInHorizon),
    unfinishedPerTrial: r3(d.unfinishedPerTrial),
    throughputPerQuarter: d.throughputPerQuarter.map((q) => ({ quarter: q.quarter, label: q.label, mean: r3(q.mean), p15: q.p15, p50: q.p50 })),
    flowEfficiency: r3(d.flowEfficiency),
    costPerInitiativeShipped: d.cost && Number.isFinite(d.cost.perInitiativeShipped) ? Math.round(d.cost.perInitiativeShipped) : null,
    totalCost: d.cost ? Math.round(d.cost.total) : null,
    breakdownWeeks: {
      backlog: r3(d.breakdown.backlog),
      working: r3(d.breakdown.working),
      rework: r3(d.breakdown.rework),
      waiting: d.breakdown.waiting.map((w) => ({ teamId: w.teamId, teamName: w.teamName, queue: r3(w.queue), handoff: r3(w.handoff) })),
      other: r3(d.breakdown.other),
      total: r3(d.breakdown.total),
    },
    rework: { shareReworked: r3(d.rework.shareReworked), loopsPerInitiative: r3(d.rework.loopsPerInitiative), deployFailuresPerInitiative: r3(d.rework.deployFailuresPerInitiative) },
    littlesLawMaxError: d.littlesLawMaxError,
  };
}

function gapJson(g: GapExplanation) {
  return {
    design: g.design,
    claim: { text: g.claim.text, source: g.claim.source, clock: g.claim.clock, lowWeeks: r1(g.claim.lowWeeks), highWeeks: Number.isFinite(g.claim.highWeeks) ? r1(g.claim.highWeeks) : null },
    measuredP50Weeks: g.measuredWeeks,
    cycleTimeP50Weeks: g.cycleTimeP50,
    prototypeToProductionP50Weeks: g.prototypeToProductionP50,
    timeToProductionP50Weeks: g.timeToProductionP50,
    status: g.status,
    gapWeeks: r1(g.gapWeeks),
    levers: g.levers.map((l) => ({ parameter: l.parameter, label: l.label, source: l.source, current: r3(l.current), needed: r3(l.needed), changePct: Math.round(l.changePct), plausible: l.plausible, basis: l.basis })),
    summary: g.summary,
  };
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const fmtW = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
/** "14.2 (13.9–14.5)": the percentile and its 95% interval. */
const fmtCi = (v: number, i: Interval | null) => (i && Number.isFinite(v) ? `${fmtW(v)} (${fmtW(i.low)}–${fmtW(i.high)})` : fmtW(v));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** Percentiles, quarters and where the time goes, for the designs that are a meaningful comparison only. */
function printFigures(io: CliIo, designs: readonly DesignResult[], label: (d: DesignResult) => string, money: (v: number | null) => string): void {
  io.stdout(
    table(
      ['Design', 'request → prod. P50', 'P85', 'P95', 'cycle P50', 'prototype → prod. P50', 'shipped', 'flow eff.', 'reworked', 'cost / initiative'],
      designs.map((d) => [
        label(d),
        fmtCi(d.timeToProduction.p50, d.timeToProduction.intervals.p50),
        fmtCi(d.timeToProduction.p85, d.timeToProduction.intervals.p85),
        fmtCi(d.timeToProduction.p95, d.timeToProduction.intervals.p95),
        fmtCi(d.cycleTime.p50, d.cycleTime.intervals.p50),
        fmtCi(d.prototypeToProduction.p50, d.prototypeToProduction.intervals.p50),
        d.shippedInHorizon.toFixed(1),
        `${Math.round(d.flowEfficiency * 100)}%`,
        `${Math.round(d.rework.shareReworked * 100)}%`,
        money(d.cost && Number.isFinite(d.cost.perInitiativeShipped) ? d.cost.perInitiativeShipped : null),
      ]),
    ),
  );
  const quarters = Math.max(0, ...designs.map((d) => d.throughputPerQuarter.length));
  io.stdout('\nInitiatives shipped per quarter (mean per trial):\n');
  io.stdout(
    table(
      ['Design', ...Array.from({ length: quarters }, (_, q) => `Q${q + 1}`)],
      designs.map((d) => [label(d), ...Array.from({ length: quarters }, (_, q) => (d.throughputPerQuarter[q]?.mean ?? 0).toFixed(1))]),
    ),
  );
  io.stdout('\nWhere the time goes (mean weeks per shipped initiative):\n');
  for (const d of designs) {
    const b = d.breakdown;
    const waits = b.waiting.flatMap((w) => [
      ...(w.queue > 0.05 ? [`waiting in ${w.teamName}'s queue ${w.queue.toFixed(1)}`] : []),
      ...(w.handoff > 0.05 ? [`waiting for ${w.teamName}'s intake ${w.handoff.toFixed(1)}`] : []),
    ]);
    io.stdout(`  ${label(d)}: backlog ${b.backlog.toFixed(1)}, working ${b.working.toFixed(1)}, rework ${b.rework.toFixed(1)}${waits.length ? `, ${waits.join(', ')}` : ''}\n`);
  }
}

/** Headcount and utilisation of each flow team, per design. */
function printLoads(io: CliIo, designs: readonly DesignResult[], label: (d: DesignResult) => string): void {
  io.stdout('\nPeople and utilisation per team (work routed to it ÷ what its people do; 1 or more = its queue grows without bound):\n');
  for (const d of designs) {
    const flow = d.teams.filter((t) => t.utilisation !== null);
    const parts = flow.map((t) => `${t.name} ${t.headcount} ${t.headcount === 1 ? 'person' : 'people'}, ${t.utilisation !== null && Number.isFinite(t.utilisation) ? t.utilisation.toFixed(2) : 'no productive people'}`);
    io.stdout(`  ${label(d)}: ${parts.join('; ')}\n`);
  }
}

function printHuman(io: CliIo, scenario: Scenario, comparison: DeliveryComparison, gaps: GapExplanation[], currency: string): void {
  const natural = comparison.naturalDesign;
  const label = (d: { kind: DesignKind; label: string }) => `${d.label}${d.kind === natural ? ' *' : ''}`;
  const money = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v));
  io.stdout(`Delivery simulation of "${scenario.name}": ${comparison.trials.toLocaleString('en-US')} trials (${convergenceText(comparison)}), seed ${comparison.seed}, ${comparison.horizonMonths} months from ${comparison.planStart}.\n`);
  io.stdout(`* = the scenario's own design. Calendar weeks on three clocks: request → production (P50, P85, P95), cycle time (start of discovery → production) and prototype (model validated) → production; each with its 95% interval in brackets.\n\n`);
  const meaningful = comparison.designs.filter((d) => d.verdict.meaningful);
  if (meaningful.length) printFigures(io, meaningful, label, money);
  // Not a meaningful comparison: the reason and what to change, never figures.
  for (const d of [...comparison.designs, ...comparison.unavailable]) {
    if (!d.verdict.meaningful) io.stdout(`\n${label(d)}: not a meaningful comparison. ${d.verdict.reason} ${d.verdict.change}\n`);
  }
  printLoads(io, comparison.designs, label);
  io.stdout("\nAgainst the seed's claims:\n");
  for (const g of gaps) io.stdout(`  ${g.summary}\n`);
  for (const u of comparison.unavailable) io.stdout(`  ${u.label}: not a meaningful comparison. ${u.verdict.reason} ${u.verdict.change}\n`);
}

export const simulateDeliveryCommand: Command = {
  spec,
  async run({ values, positionals }, io) {
    const designs = designsOption(values);
    const trialsFlag = wholeNumber(values, 'trials', 1, MAX_DELIVERY_TRIALS);
    const precision = precisionOption(values);
    if (trialsFlag !== undefined && precision !== undefined) throw new UsageError('--trials runs a fixed count and --precision sets the stopping rule: give one of them.', helpHint(spec));
    const workers = wholeNumber(values, 'workers', 1, 256) ?? defaultWorkers();
    const seedFlag = wholeNumber(values, 'seed', 0, 0xffffffff);
    const json = values.json === true;
    const { text } = await readScenarioFile(positionals[0] ?? '-', io);
    const { scenario } = parseScenarioText(text);
    // --precision asks for the stopping rule even when the scenario stores a trial count.
    const trials = trialsFlag ?? (precision === undefined ? scenario.delivery.trials : undefined);
    const seed = seedFlag ?? scenario.delivery.seed ?? DEFAULT_DELIVERY_SEED;
    const base = { scenario, parameters: scenario.delivery.parameters, ...(scenario.delivery.initiatives ? { initiatives: scenario.delivery.initiatives } : {}), seed };
    const stop = io.shutdownRequested();
    let interrupted = false;
    void stop.then(() => {
      interrupted = true;
    });
    const run = async (job: DeliveryJobInput, what: string) => {
      try {
        return await runWorkerJob<DeliveryJobInput, DeliveryJobResult>(WORKER, job, { stop, ...(json ? {} : { onProgress: progressPrinter(io, what) }) });
      } catch (error) {
        // The engine's input checks name the field (e.g. "costModel.horizonMonths must be …").
        throw new CliError(error instanceof Error ? error.message : String(error), { code: 'invalid-input' });
      }
    };
    const lanes = new WorkerLanes(WORKER);
    let compared: { result: DeliveryJobResult };
    try {
      const progress = json ? undefined : progressPrinter(io, 'Simulating');
      compared = {
        result: await runComparisonOnPool(
          { kind: 'compare', ...base, ...(trials === undefined ? {} : { trials }), ...(precision === undefined ? {} : { precision }), designs },
          {
            lanes: workers,
            runKey: 'cli',
            now: () => performance.now(),
            get cancelled() {
              return interrupted;
            },
            ...(progress ? { progress } : {}),
            dispatch: async (lane, job) => {
              const out = await lanes.runOn<DeliveryJobInput, DeliveryJobResult>(lane, job, { stop });
              return out.result.kind === 'blocks' ? out.result.blocks : null;
            },
          },
        ),
      };
    } catch (error) {
      // The engine's input checks name the field (e.g. "costModel.horizonMonths must be …").
      throw new CliError(error instanceof Error ? error.message : String(error), { code: 'invalid-input' });
    } finally {
      lanes.close();
    }
    if (compared.result.kind !== 'compare') throw new Error('The worker answered with the wrong kind of result.');
    const comparison = compared.result.comparison;
    const sensitivity: Partial<Record<DesignKind, SensitivityResult>> = {};
    if (values.sensitivity === true && !interrupted) {
      for (const d of comparison.designs) {
        if (interrupted) break;
        const s = await run({ kind: 'sensitivity', ...base, trials: Math.min(trials ?? DEFAULT_SENSITIVITY_TRIALS, DEFAULT_SENSITIVITY_TRIALS), design: d.kind }, `Sensitivity of ${d.label}`);
        if (s.result.kind === 'sensitivity') sensitivity[d.kind] = s.result.sensitivity;
      }
    }
    const gaps = Object.keys(sensitivity).length ? explainGap(comparison, sensitivity) : compared.result.gaps;
    const cancelled = comparison.cancelled || interrupted;
    if (json) {
      io.stdout(
        jsonLine({
          scenario: { id: scenario.id, name: scenario.name },
          seed: comparison.seed,
          trials: comparison.trials,
          trialsRequested: comparison.trialsRequested,
          convergence: { ...comparison.convergence, summary: convergenceText(comparison) },
          cancelled,
          horizonMonths: comparison.horizonMonths,
          planStart: comparison.planStart,
          scenarioDesign: comparison.naturalDesign,
          currency: scenario.costModel.currency,
          parameters: comparison.parameters,
          adjustments: comparison.adjustments,
          designs: comparison.designs.map((d) => designJson(d, comparison.naturalDesign)),
          unavailable: comparison.unavailable,
          gaps: gaps.map(gapJson),
          ...(values.sensitivity === true
            ? { sensitivity: Object.values(sensitivity).map((s) => ({ design: s.design, trials: s.trials, deltaPct: s.deltaPct, base: s.base, cancelled: s.cancelled, rows: s.rows })) }
            : {}),
        }),
      );
    } else {
      printHuman(io, scenario, comparison, gaps, scenario.costModel.currency);
      if (values.sensitivity === true) {
        for (const s of Object.values(sensitivity)) {
          io.stdout(`\nWhat moves the P85 most, ${DESIGN_LABELS[s.design]} (each parameter ±${s.deltaPct}%, ${s.trials} trials per run; base P85 ${fmtW(s.base.p85)} weeks):\n`);
          io.stdout(table(['Parameter', 'source', 'ΔP85 low', 'ΔP85 high'], s.rows.slice(0, 10).map((row) => [row.label, row.source, fmtW(row.deltaP85Low), fmtW(row.deltaP85High)])));
        }
      }
    }
    if (cancelled) {
      io.stderr(`Interrupted: the figures cover ${comparison.trials.toLocaleString('en-US')} ${comparison.convergence.rule === 'fixed' ? `of ${comparison.trialsRequested.toLocaleString('en-US')} ` : ''}trials.\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
};
