/**
 * `podplan crossover FILE`: at what scale do pods pay off? Each design's P85
 * time to production and cost per shipped initiative over a range of demand
 * and of headcount (`sim/delivery/crossover.ts`), the point where pods and
 * pods + platform overtake the centralized design or why not within the
 * range, and the busiest team's utilisation at every point (≥ 1: an
 * unbounded queue, no figure). Runs in a worker thread (the job the UI's
 * crossover worker runs), progress on stderr, Ctrl+C keeps the points done.
 */
import { axisValueText, DEFAULT_CROSSOVER_TRIALS, MAX_CROSSOVER_STEPS, type Crossover, type CrossoverDesignPoint, type CrossoverRange, type CrossoverSweep } from '../../../sim/delivery/crossover.ts';
import type { CrossoverJobInput, CrossoverJobResult } from '../../../sim/delivery/crossover-job.ts';
import { DEFAULT_DELIVERY_SEED, MAX_DELIVERY_TRIALS } from '../../../sim/delivery/schema.ts';
import { parseScenarioText } from '../../../sim/scenario/index.ts';
import { COMMON_OPTIONS, helpHint, stringOption, type CommandSpec, type ParsedValues } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';
import { runWorkerJob, workerEntry } from '../sim-worker.ts';
import { crossoverFromUnits, encodeNumbers, type CrossoverShardHeader, type CrossoverUnit } from '../../../sim/delivery/crossover-shards.ts';
import { readScenarioBytes } from '../context.ts';
import { decodeScenarioBytes } from '../../../sim/scenario/index.ts';
import { PODPLAN_VERSION, SHARD_OPTION, shardEnvelope, shardFileName, shardOption, shardText, SweepHash, writeSweepOutput } from '../sweep-files.ts';

const WORKER = workerEntry('crossover');
/** Progress lines on stderr for runs longer than this, at most this often. */
const PROGRESS_MS = 1000;

const spec: CommandSpec = {
  path: 'podplan crossover',
  summary: 'Where pods overtake the centralized design: P85 and cost per initiative over demand and headcount.',
  details: [
    'Runs the delivery comparison at each point of two log-spaced ranges, every point on the same seed:',
    "demand (initiatives per product area per month; default ×0.25 to ×4 of the scenario's, 8 points) and",
    "headcount (multiples of the scenario's people in the flow, the same people in every design; default",
    '×0.5 to ×2, 6 points). A design with a team at utilisation ≥ 1 has an unbounded queue: no figure.',
    'The crossover is interpolated only between neighbouring points where both designs are meaningful.',
    '--shard i/n runs only points p ≡ i (mod n) (0-based, counted over demand then headcount) and writes DIR/shard-i-of-n.json;',
    '"podplan sweep merge" joins the shards into exactly what --json prints for the whole run. --out DIR without --shard',
    'writes that JSON to DIR/crossover.json.',
  ],
  options: {
    ...COMMON_OPTIONS,
    demand: { type: 'string', valueName: 'FROM:TO:STEPS', description: 'Demand range in initiatives per area per month (e.g. 0.1:1:8), or "none".' },
    headcount: { type: 'string', valueName: 'FROM:TO:STEPS', description: 'Headcount range as multiples of the scenario\'s people in the flow (e.g. 0.5:2:6), or "none".' },
    trials: { type: 'string', valueName: 'N', description: `Trials per point (default ${DEFAULT_CROSSOVER_TRIALS.toLocaleString('en-US')}).` },
    seed: { type: 'string', valueName: 'S', description: `Random seed (default: the scenario's, else ${DEFAULT_DELIVERY_SEED}).` },
    shard: SHARD_OPTION,
    out: { type: 'string', valueName: 'DIR', description: 'Directory for the shard file (or crossover.json), created when missing; - for stdout.' },
  },
  positionals: [{ name: 'FILE', required: true, description: 'The scenario file (.podplan.json), or - for stdin.' }],
  examples: ['podplan crossover plan.podplan.json', 'podplan crossover plan.podplan.json --demand 0.1:1.5:10 --headcount none --json | jq .sweeps[0].findings'],
};

const hint = helpHint(spec);

function wholeNumber(values: ParsedValues, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw.replaceAll('_', ''));
  if (!(raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max)) throw new UsageError(`--${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got "${raw}").`, hint);
  return n;
}

/** FROM:TO:STEPS, or "none"; absent = the default range. The range's own bounds are checked by the job, which names the value. */
function rangeOption(values: ParsedValues, name: 'demand' | 'headcount'): CrossoverRange | null | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  if (raw.trim().toLowerCase() === 'none') return null;
  const parts = raw.split(':');
  const [from, to, steps] = parts.map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => p.trim() === '') || ![from, to, steps].every((v) => Number.isFinite(v))) {
    throw new UsageError(`--${name} must be FROM:TO:STEPS, e.g. ${name === 'demand' ? '0.1:1:8' : '0.5:2:6'}, or "none" (got "${raw}").`, hint);
  }
  if (!(Number.isInteger(steps) && steps! >= 2 && steps! <= MAX_CROSSOVER_STEPS)) throw new UsageError(`--${name}: STEPS must be a whole number from 2 to ${MAX_CROSSOVER_STEPS} (got "${parts[2]}").`, hint);
  return { from: from!, to: to!, steps: steps! };
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const utilisationJson = (u: number) => (Number.isFinite(u) ? r3(u) : 'no productive people');

/** Plain JSON of a crossover: figures only where a design is meaningful; utilisation of every flow team at every point. */
export function crossoverJson(c: Crossover) {
  const design = (d: CrossoverDesignPoint) => ({
    kind: d.kind,
    meaningful: d.meaningful,
    ...(d.meaningful ? { p85Weeks: d.p85 === null ? null : r1(d.p85), p85Interval: d.p85Interval, costPerInitiativeShipped: d.costPerInitiativeShipped === null ? null : Math.round(d.costPerInitiativeShipped) } : { reason: d.reason ?? null }),
    busiestTeam: d.busiest ? { name: d.busiest.name, utilisation: utilisationJson(d.busiest.utilisation) } : null,
    teams: d.teams.map((t) => ({ teamId: t.teamId, name: t.name, headcount: t.headcount, utilisation: utilisationJson(t.utilisation), unboundedQueue: t.utilisation >= 1 })),
  });
  return {
    seed: c.seed,
    trialsPerPoint: c.trialsPerPoint,
    cancelled: c.cancelled,
    sweeps: c.sweeps.map((s) => ({
      axis: s.axis,
      label: s.label,
      unit: s.unit,
      base: s.base,
      notes: s.notes,
      findings: s.findings,
      points: s.points.map((p) => ({ value: p.value, scale: r3(p.scale), trials: p.trials, designs: p.designs.map(design) })),
    })),
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

const SHORT: Record<string, string> = { centralized: 'Centralized', pods: 'Pods', 'pods-platform': 'Pods + platform' };

/** The grid of one sweep for people: P85 (or why not), cost per initiative, busiest team's utilisation. */
export function sweepTable(s: CrossoverSweep, currency: string): string {
  const money = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v));
  const busy = (d: CrossoverDesignPoint) => (d.busiest ? (Number.isFinite(d.busiest.utilisation) ? d.busiest.utilisation.toFixed(2) : 'no people') : '—');
  const kinds = s.points[0]?.designs.map((d) => d.kind) ?? [];
  const header = [s.axis === 'demand' ? 'per area/month' : 'people', ...kinds.flatMap((k) => [`${SHORT[k]} P85`, 'cost/init.', 'busiest'])];
  const rows = s.points.map((p) => [
    axisValueText(s.axis, p.value),
    ...p.designs.flatMap((d) => [d.meaningful ? (d.p85 === null ? '—' : `${d.p85.toFixed(1)} wk`) : 'not meaningful', d.meaningful ? money(d.costPerInitiativeShipped) : '—', `${busy(d)}${d.busiest && d.busiest.utilisation >= 1 ? '!' : ''}`]),
  ]);
  return table(header, rows);
}

export function printCrossover(io: CliIo, name: string, c: Crossover, currency: string): void {
  io.stdout(`Crossover of "${name}": ${c.trialsPerPoint.toLocaleString('en-US')} trials per point, seed ${c.seed} at every point. P85 = weeks from request to production.\n`);
  io.stdout('busiest = the most loaded team\'s utilisation; ! = 1 or more, an unbounded queue (that design is not a meaningful comparison there).\n');
  for (const s of c.sweeps) {
    io.stdout(`\n${s.label} — the scenario's: ${axisValueText(s.axis, s.base)}\n`);
    for (const n of s.notes) io.stdout(`  ${n}\n`);
    io.stdout(sweepTable(s, currency));
    for (const f of s.findings) io.stdout(`  ${f.sentence}\n`);
    const reasons = new Map<string, string>();
    for (const p of s.points) for (const d of p.designs) if (!d.meaningful && d.reason && !reasons.has(d.kind)) reasons.set(d.kind, `${SHORT[d.kind]} at ${axisValueText(s.axis, p.value)}: ${d.reason}`);
    for (const r of reasons.values()) io.stdout(`  First point not meaningful — ${r}\n`);
  }
}

/** Progress on stderr for long runs only. */
function progressPrinter(io: CliIo): (done: number, total: number, phase?: string) => void {
  const start = performance.now();
  let last = start;
  return (done, total, phase) => {
    const t = performance.now();
    if (t - start < PROGRESS_MS || t - last < PROGRESS_MS || done >= total) return;
    last = t;
    io.stderr(`Crossover: ${Math.floor((100 * done) / total)}%${phase ? ` (${phase})` : ''}\n`);
  };
}

export const crossoverCommand: Command = {
  spec,
  async run({ values, positionals }, io) {
    const demand = rangeOption(values, 'demand');
    const headcount = rangeOption(values, 'headcount');
    const trials = wholeNumber(values, 'trials', 1, MAX_DELIVERY_TRIALS) ?? DEFAULT_CROSSOVER_TRIALS;
    const seedFlag = wholeNumber(values, 'seed', 0, 0xffffffff);
    const json = values.json === true;
    const { shard, given } = shardOption(values, hint);
    const out = stringOption(values, 'out');
    if (given && (out === undefined || out.trim() === '')) throw new UsageError('--shard needs --out DIR (or - for stdout): where the shard file goes.', hint);
    const { bytes } = await readScenarioBytes(positionals[0] ?? '-', io);
    const { scenario } = parseScenarioText(decodeScenarioBytes(bytes));
    const job: CrossoverJobInput = {
      kind: 'crossover',
      scenario,
      parameters: scenario.delivery.parameters,
      ...(scenario.delivery.initiatives ? { initiatives: scenario.delivery.initiatives } : {}),
      trials,
      seed: seedFlag ?? scenario.delivery.seed ?? DEFAULT_DELIVERY_SEED,
      ...(demand === undefined ? {} : { demand }),
      ...(headcount === undefined ? {} : { headcount }),
      shard,
    };
    const stop = io.shutdownRequested();
    let result: CrossoverJobResult;
    try {
      ({ result } = await runWorkerJob<CrossoverJobInput, CrossoverJobResult>(WORKER, job, { stop, ...(json ? {} : { onProgress: progressPrinter(io) }) }));
    } catch (error) {
      // The crossover's input checks name the range and the value ("demand: "to" must be from 0.01 to 5 …").
      throw new CliError(error instanceof Error ? error.message : String(error), { code: 'invalid-input' });
    }
    let c = result.crossover;
    const points = result.shard;
    if (!c.cancelled && points) {
      const header: CrossoverShardHeader = {
        kind: 'crossover',
        sweep: new SweepHash().add(PODPLAN_VERSION).add(bytes).add(JSON.stringify({ demand: job.demand ?? 'default', headcount: job.headcount ?? 'default', trials: job.trials, seed: job.seed })).hex(),
        podplan: PODPLAN_VERSION,
        scenario: { id: scenario.id, name: scenario.name },
        currency: scenario.costModel.currency,
        seed: job.seed,
        trialsPerPoint: job.trials,
        sweeps: points.plan,
      };
      const units: CrossoverUnit[] = points.points.map((p) => ({ index: p.index, axis: p.axis, point: encodeNumbers(p.point) }));
      const envelope = shardEnvelope(header, shard, units);
      if (given) {
        const where = await writeSweepOutput(out!, shardFileName(shard), jsonLine(envelope), io);
        if (json && out !== '-') io.stdout(jsonLine({ sweep: header.sweep, shard: shardText(shard), units: units.map((u) => u.index), out: where }));
        else io.stderr(`Shard ${shardText(shard)} of crossover ${header.sweep.slice(0, 12)}: ${units.length} points, written to ${where}.\n`);
        return EXIT_OK;
      }
      // The whole crossover through the path a merge takes (points as JSON → sweeps), so a merge of shards gives these bytes.
      const again = JSON.parse(jsonLine(envelope)) as typeof envelope;
      c = crossoverFromUnits(again.header, again.units);
    }
    if (given && c.cancelled) throw new CliError(`Interrupted: shard ${shardText(shard)} did not finish, so nothing was written (a shard is all of its points or none).`, { code: 'cancelled' });
    const text = jsonLine({ scenario: { id: scenario.id, name: scenario.name }, currency: scenario.costModel.currency, ...crossoverJson(c) });
    if (out !== undefined && !c.cancelled) {
      const where = await writeSweepOutput(out, 'crossover.json', text, io);
      if (out !== '-') io.stderr(`Written to ${where}.\n`);
    }
    if (out === '-' && !c.cancelled) {
      // The JSON went to stdout already.
    } else if (json) io.stdout(text);
    else printCrossover(io, scenario.name, c, scenario.costModel.currency);
    if (c.cancelled) {
      io.stderr(`Interrupted: the crossover covers the ${c.sweeps.reduce((n, s) => n + s.points.length, 0)} points finished.\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
};
