/**
 * `podplan simulate gpu FILE`: the GPU scheduling simulator (issue 6) on a
 * scenario's cluster and quota policy, with generated workloads per team or
 * a public-layout trace, printing per-queue and per-team figures and, at
 * each --at time, every ClusterQueue's and Cohort's state. The run happens
 * in a worker thread (the same GPU job the UI's Web Worker runs, through the
 * runner `simulate delivery` uses), so the main thread prints progress and
 * hears Ctrl+C, which stops the run and prints the figures so far.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DAY } from '../../../sim/gpu-sim/job.ts';
import { DEFAULT_GPU_SIMULATION, GPU_SIMULATION_BOUNDS as BOUNDS, gpuSimulationBound, type GpuSimulationField } from '../../../sim/gpu-sim/section.ts';
import { seedList, SPREAD_WORDS, spreadOverSeeds, type GpuRunSpread, type Spread, type UsageSpread } from '../../../sim/gpu-sim/seeds.ts';
import { parseScenarioText } from '../../../sim/scenario/index.ts';
import { demandOrigins, generatedDemandWords, gpuSimulationInputs } from '../../../sim/edits/gpu-simulation.ts';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import type { GpuRunSummary, UsageFigures } from '../../../sim/gpu-sim/summary.ts';
import { createTraceImporter, TRACE_FORMATS, type TraceFormat, type TraceImportOptions, type TraceMapping } from '../../../sim/traces/index.ts';
import { detectTraceFileFormat, traceFileNotText } from '../../../data/traces/read.ts';
import { progressClock } from '../../../data/traces/progress.ts';
import { COMMON_OPTIONS, helpHint, stringListOption, stringOption, type CommandSpec, type ParsedArgs, type ParsedValues } from '../args.ts';
import type { Command } from '../command.ts';
import { readScenarioFile } from '../context.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';
import { runWorkerJobs, workerEntry, WorkerLanes, type WorkerRunOptions } from '../sim-worker.ts';
import type { SimulateGpuInput, SimulateGpuOutput } from '../workers/gpu.ts';

const WORKER = workerEntry('gpu');

/** The trace options, as `podplan sweep` takes them too. */
export const TRACE_OPTIONS = {
  trace: { type: 'string', valueName: 'T', description: 'Trace file to replay instead of generated workloads.' },
  format: { type: 'string', valueName: 'F', description: `Trace layout: ${TRACE_FORMATS.join(', ')} (default: detected from the file).` },
  map: { type: 'string', valueName: 'KEY=TEAM,…', repeatable: true, description: 'Map trace users (or vcs) to team ids.' },
  'map-by': { type: 'string', valueName: 'user|vc', description: 'Which trace field --map keys name (default user).' },
  'unmapped-team': { type: 'string', valueName: 'TEAM', description: 'Team for trace rows whose key is not mapped (default: report and skip them).' },
  'bad-rows': { type: 'string', valueName: 'skip|abort', description: 'Skip bad trace rows (reported with their line) or abort (default skip).' },
} as const satisfies CommandSpec['options'];

const spec: CommandSpec = {
  path: 'podplan simulate gpu',
  summary: 'Simulate GPU scheduling under the scenario\'s Kueue policy: waits, borrowing, preemptions, SLOs, fragmentation.',
  details: [
    'Without --trace, each team queue gets generated training jobs, serving replicas and notebooks (seeded) for --days days.',
    'With --trace, jobs come from a trace file (Philly JSON, Helios, PAI, openb or the generic CSV of sim/traces/README.md);',
    'users (or virtual clusters, --map-by vc) map to teams with --map; names equal to a team id or ClusterQueue map as they are.',
    'Times in --at are seconds, or numbers with a unit: 90m, 36h, 2d. Waits are printed in seconds with --json.',
    `Every figure runs over --seeds seeds (seed, seed + 1, …; in parallel worker threads): the tables are the base seed's run, then each team's median with its ${SPREAD_WORDS} (--json: "spread"). A trace is one set of jobs: one run, no seed spread.`,
    'Ctrl+C stops the run and prints the figures up to the simulated time reached, over the seeds that finished (--json: "cancelled": true); exit code 1.',
  ],
  options: {
    ...COMMON_OPTIONS,
    ...TRACE_OPTIONS,
    seed: { type: 'string', valueName: 'S', description: `Seed of the generated workloads, ${BOUNDS.seed.min} to ${BOUNDS.seed.max} (default: the one saved in the scenario, else ${DEFAULT_GPU_SIMULATION.seed}).` },
    days: { type: 'string', valueName: 'D', description: `Days of generated workloads, ${BOUNDS.days.min} to ${BOUNDS.days.max}, as the scenario saves them; a longer history is a --trace (default: saved in the scenario, else ${DEFAULT_GPU_SIMULATION.days}).` },
    load: { type: 'string', valueName: 'L', description: "No longer accepted (Podplan 8): demand is each team's own input, the scenario's gpuSimulation.demand, edited in the GPU simulation tab." },
    seeds: { type: 'string', valueName: 'K', description: `Seeds every figure runs over, ${BOUNDS.seeds.min} to ${BOUNDS.seeds.max} (default: saved in the scenario, else ${DEFAULT_GPU_SIMULATION.seeds}); a trace runs once.` },
    at: { type: 'string', valueName: 't1,t2,…', description: 'Times at which to report every ClusterQueue\'s and Cohort\'s state.' },
  },
  positionals: [{ name: 'FILE', required: true, description: 'The scenario file, or - for stdin.' }],
  examples: [
    'podplan simulate gpu plan.podplan.json --days 14 --at 1d,7d --json',
    'podplan simulate gpu plan.podplan.json --trace cluster_log.csv --map-by vc --bad-rows abort',
    'podplan simulate gpu plan.podplan.json --trace jobs.json --map alice=pod-1,bob=pod-2 --unmapped-team ai-platform',
  ],
};

const hint = helpHint(spec);
const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

function parseAt(text: string | undefined): number[] {
  if (text === undefined) return [];
  return text.split(',').map((part) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/.exec(part);
    if (!m) throw new UsageError(`--at: "${part}" is not a time (seconds, or a number with s, m, h or d).`, hint);
    return Number(m[1]) * UNITS[m[2]!]!;
  });
}

/** --seed, --days, --seeds: kept to `GPU_SIMULATION_BOUNDS` (what the scenario saves and the tab accepts), refused naming the bound, never clamped. */
export function boundedOption(values: ParsedValues, name: GpuSimulationField, fallback: number, usageHint = hint): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const bound = gpuSimulationBound(name);
  const n = Number(text);
  if (text.trim() === '' || !bound.accepts(n)) throw new UsageError(`--${name}: "${text}" must be ${bound.words}.`, usageHint);
  return n;
}

function choice<T extends string>(values: ParsedValues, name: string, allowed: readonly T[], fallback: T, usageHint = hint): T {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  if (!allowed.includes(text as T)) throw new UsageError(`--${name}: "${text}" must be one of ${allowed.join(', ')}.`, usageHint);
  return text as T;
}

/** Team ids and ClusterQueue names map to themselves, so a trace whose users or vcs are named after teams needs no --map. */
function mappingOf(values: ParsedValues, cluster: Cluster, usageHint: string): TraceMapping {
  const teams: Record<string, string> = {};
  // namespace/localQueue too: the vc of a cluster replay (`podplan import workloads`).
  for (const q of cluster.queues) for (const key of [q.clusterQueue, q.id, q.teamId, `${q.namespace}/${q.localQueue}`]) if (key) teams[key] = q.teamId ?? q.id;
  for (const list of stringListOption(values, 'map')) {
    for (const pair of list.split(',')) {
      if (pair.trim() === '') continue;
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--map: "${pair}" must be KEY=TEAM.`, usageHint);
      teams[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  const unmapped = stringOption(values, 'unmapped-team');
  return { teamBy: choice(values, 'map-by', ['user', 'vc'] as const, 'user', usageHint), teams, ...(unmapped !== undefined ? { unmappedTeam: unmapped } : {}) };
}

/** The --trace file and its options (checked before any worker starts), or undefined without --trace; `usageHint` names the calling command's help. */
export async function traceInput(values: ParsedValues, cluster: Cluster, io: CliIo, usageHint = hint): Promise<Extract<SimulateGpuInput['workloads'], { kind: 'trace-file' }> | undefined> {
  const name = stringOption(values, 'trace');
  if (name === undefined) {
    for (const flag of ['format', 'map', 'map-by', 'unmapped-team', 'bad-rows']) if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to a trace: add --trace FILE.`, usageHint);
    return undefined;
  }
  for (const flag of ['days']) if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to generated workloads; a trace brings its own jobs.`, usageHint);
  if (values.seeds !== undefined && stringOption(values, 'seeds')?.trim() !== '1') throw new UsageError('--seeds applies to generated workloads: a trace is one set of jobs (one trace: no seed spread).', usageHint);
  const file = path.resolve(io.cwd, name);
  try {
    if (!(await stat(file)).isFile()) throw new CliError(`--trace ${name} is not a file.`, { code: 'not-a-file' });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read --trace ${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`, { code: 'not-found' });
  }
  // A binary file is refused before its bytes are read as a header, whatever --format says.
  const notText = await traceFileNotText(file);
  if (notText) throw new CliError(`--trace ${name}: ${notText.message}.`, { code: 'trace-not-text', details: { line: notText.line } });
  let format = choice<TraceFormat | ''>(values, 'format', TRACE_FORMATS, '', usageHint);
  if (format === '') {
    const detected = await detectTraceFileFormat(file);
    if (!detected) throw new CliError(`Cannot tell the layout of --trace ${name}: add --format (${TRACE_FORMATS.join(', ')}).`, { code: 'trace-format' });
    format = detected;
  }
  const options: TraceImportOptions = { format, mapping: mappingOf(values, cluster, usageHint), onBadRow: choice(values, 'bad-rows', ['skip', 'abort'] as const, 'skip', usageHint) };
  try {
    createTraceImporter(cluster, options); // refuses a mapping to a team the cluster lacks, before the worker starts
  } catch (error) {
    throw new CliError(`--map: ${error instanceof Error ? error.message : String(error)}`, { code: 'mapping' });
  }
  return { kind: 'trace-file', file, options };
}

/** What a run over seeds gives: the base seed's output (with --at) and every figure over the seeds that finished. */
export interface SeededGpuOutput {
  base: SimulateGpuOutput;
  /** Over the seeds that finished (the base seed's partial run when none did); null when the base run has no figures. */
  spread: GpuRunSpread | null;
  seedsAsked: number;
  /** Seeds that ran to the end. */
  finished: number;
  /** Some seed stopped early or never started (Ctrl+C). */
  cancelled: boolean;
}

/**
 * The GPU job over `seeds` seeds, in parallel worker threads (at most the machine's cores at once):
 * seed 0 with the --at snapshots, seeds 1… for their figures. Seeds are independent, so the figures
 * are the same for any number of workers.
 */
export async function simulateGpuSeedsInWorkers(input: SimulateGpuInput, seeds: number, options: WorkerRunOptions, lanes?: WorkerLanes): Promise<SeededGpuOutput> {
  const count = input.workloads.kind === 'generated' ? seeds : 1;
  const inputs = Array.from({ length: count }, (_, k): SimulateGpuInput => ({ ...input, at: k === 0 ? input.at : [], seedIndex: k }));
  let outputs: Awaited<ReturnType<typeof runWorkerJobs<SimulateGpuInput, SimulateGpuOutput>>>;
  try {
    const pool = { parallel: availableParallelism(), ...(options.stop ? { stop: options.stop } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
    outputs = lanes ? await lanes.run<SimulateGpuInput, SimulateGpuOutput>(inputs, pool) : await runWorkerJobs<SimulateGpuInput, SimulateGpuOutput>(WORKER, inputs, pool);
  } catch (error) {
    throw new CliError(`The simulation failed: ${error instanceof Error ? error.message : String(error)}`, { code: 'simulation' });
  }
  const base = outputs[0];
  if (!base) throw new CliError('Interrupted before the simulation started: nothing was simulated.', { code: 'cancelled' });
  const ok = outputs.map((o) => (o?.result.ok ? o.result : undefined));
  const finished = ok.map((o, k) => (o && !o.simulation.cancelled ? { k, o } : undefined)).filter((x) => x !== undefined);
  const baseSeed = input.workloads.kind === 'generated' ? input.workloads.seed : 0;
  const values = input.workloads.kind === 'generated' ? seedList(baseSeed, count) : [];
  let spread: GpuRunSpread | null = null;
  if (finished.length > 0) spread = spreadOverSeeds(finished.map((f) => f.o.summary), finished.map((f) => values[f.k]).filter((v) => v !== undefined));
  else if (ok[0]) spread = spreadOverSeeds([ok[0].summary], values.slice(0, 1));
  return { base: base.result, spread, seedsAsked: count, finished: finished.length, cancelled: outputs.some((o) => o === undefined || o.cancelled || (o.result.ok && o.result.simulation.cancelled)) };
}

/** "12 s", "4 min", "2.5 h": a remaining time to the precision a reader needs. */
function remaining(ms: number): string {
  const s = ms / 1000;
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/**
 * Prints the job's phase with its share done — "Importing the trace (84 of 200 MB, 1,893,211 rows): 42%",
 * "Simulating day 4.2 of 7: 60%, about 12 s left" — at most once a second, only for runs longer than a second.
 */
function progressPrinter(io: CliIo, now: () => number): (done: number, total: number, phase?: string) => void {
  let due = progressClock(now);
  let current: string | undefined;
  return (done, total, phase) => {
    // Each phase (importing, then simulating) has its own pace: the time left is measured from its start.
    const kind = phase?.split(' ', 1)[0];
    if (kind !== current) {
      current = kind;
      due = progressClock(now);
    }
    const elapsed = due();
    if (elapsed === null || total <= 0) return;
    const fraction = Math.min(1, done / total);
    // The rest at the pace so far: a long run says how long it will take.
    const left = fraction > 0.01 ? `, about ${remaining((elapsed / fraction) * (1 - fraction))} left (Ctrl+C stops it)` : '';
    io.stderr(`${phase ?? 'Simulating'}: ${Math.round(fraction * 100)}%${left}\n`);
  };
}

const hours = (h: number) => (h >= 100 ? h.toFixed(0) : h.toFixed(1));
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(0)}m`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

function tableOf(rows: Array<{ name: string; figures: UsageFigures }>): string {
  const header = ['', 'jobs', 'wait P50', 'P90', 'P99', 'GPU-h', 'borrowed', 'lent', 'preempted', 'GPU-h lost', 'SLO'];
  const lines = rows.map(({ name, figures: f }) => [
    name,
    String(f.submitted),
    duration(f.wait.p50),
    duration(f.wait.p90),
    duration(f.wait.p99),
    hours(f.gpuHoursAllocated),
    hours(f.borrowedGpuHours),
    hours(f.lentGpuHours),
    String(f.preemptions),
    hours(f.gpuHoursLostToPreemption),
    f.slo ? `${(f.slo.attainment * 100).toFixed(1)}%` : '–',
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  return all.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** A median with its range over seeds: "1.5h (0.8h–15.0h)"; the median alone for one seed. */
function spreadCell(s: Spread, show: (v: number | null) => string): string {
  if (s.seeds < 2 || s.min === s.max) return show(s.median);
  return `${show(s.median)} (${show(s.min)}–${s.max === null ? 'never' : show(s.max)})`;
}

function spreadTable(rows: Array<{ name: string; figures: UsageSpread }>): string {
  const header = ['', 'jobs', 'wait P50', 'P90', 'P99', 'GPU-h', 'preempted'];
  const count = (v: number | null) => (v === null ? '–' : String(Math.round(v * 10) / 10));
  const gpuH = (v: number | null) => (v === null ? '–' : hours(v));
  const lines = rows.map(({ name, figures: f }) => [name, spreadCell(f.submitted, count), spreadCell(f.waitP50, duration), spreadCell(f.waitP90, duration), spreadCell(f.waitP99, duration), spreadCell(f.gpuHoursAllocated, gpuH), spreadCell(f.preemptions, count)]);
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  return all.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function printSpread(io: CliIo, output: Extract<SimulateGpuOutput, { ok: true }>, seeded: SeededGpuOutput, teamName: (id: string) => string): void {
  const spread = seeded.spread;
  if (output.source.kind === 'trace' || !spread) {
    io.stdout('\nOne trace: no seed spread.\n');
    return;
  }
  if (seeded.seedsAsked < 2) {
    io.stdout('\nOne seed: no seed spread (--seeds K runs K).\n');
    return;
  }
  const values = spread.seedValues.length ? ` (seeds ${spread.seedValues.join(', ')})` : '';
  io.stdout(`\nPer team over ${spread.seeds} of ${seeded.seedsAsked} seeds${values}: median (${SPREAD_WORDS}):\n${spreadTable(spread.teams.map((t) => ({ name: teamName(t.team), figures: t })))}\n`);
}

function printHuman(io: CliIo, scenarioName: string, output: Extract<SimulateGpuOutput, { ok: true }>, seed: number, teamName: (id: string) => string): void {
  const { summary, source } = output;
  const what = source.kind === 'trace' ? `${source.imported} jobs of ${path.basename(source.file)} (${source.format})` : `${source.workloads} generated workloads over ${source.days} days (seed ${seed})`;
  io.stdout(`GPU scheduling of "${scenarioName}": ${what}, ${output.simulation.events} events, ended at ${duration(output.simulation.endTime)}.\n\n`);
  io.stdout(`Per team:\n${tableOf(summary.teams.map((t) => ({ name: teamName(t.team), figures: t })))}\n\n`);
  io.stdout(`Per ClusterQueue:\n${tableOf(summary.queues.map((q) => ({ name: q.clusterQueue, figures: q })))}\n\n`);
  const c = summary.cluster;
  io.stdout(`Cluster: ${hours(c.gpuHoursAllocated)} of ${hours(c.gpuHoursTotal)} GPU-hours allocated; ${hours(c.idleGpuHours)} idle, ${hours(c.fragmentedGpuHours)} of them fragmented (peak ${c.peakFragmentedGpus} GPUs no pending pod fits).\n`);
  if (output.localQueues?.length) {
    // Admission fair sharing: what each LocalQueue consumed (decayed) and the usage its ClusterQueue orders by, lowest first.
    io.stdout('\nLocalQueue usage at the end (admission fair sharing; lowest goes first):\n');
    for (const lq of [...output.localQueues].sort((a, b) => (a.clusterQueue < b.clusterQueue ? -1 : a.clusterQueue > b.clusterQueue ? 1 : a.usage - b.usage))) {
      const consumed = Object.entries(lq.consumedResources).map(([k, v]) => `${k}=${k === 'memory' ? `${+(v / 2 ** 30).toFixed(1)}Gi` : +v.toFixed(3)}`).join(' ') || 'nothing';
      io.stdout(`  ClusterQueue ${lq.clusterQueue}, LocalQueue ${lq.localQueue} (weight ${lq.weight}): consumed ${consumed}, usage ${+lq.usage.toFixed(3)}\n`);
    }
  }
  for (const snapshot of output.at) {
    io.stdout(`\nAt ${duration(snapshot.time)} (${snapshot.time} s):\n`);
    for (const node of [...snapshot.cohorts.map((n) => ({ ...n, kind: 'Cohort' })), ...snapshot.clusterQueues.map((n) => ({ ...n, kind: 'ClusterQueue' }))]) {
      const usage = Object.entries(node.usage).filter(([, v]) => v > 0).map(([k, v]) => `${k}=${k.endsWith('/memory') ? `${+(v / 2 ** 30).toFixed(1)}Gi` : v}`).join(' ') || 'nothing';
      io.stdout(`  ${node.kind} ${node.name}: ${node.admitted} admitted, ${node.pending} pending, using ${usage}, weightedShare ${node.weightedShare}\n`);
    }
  }
  if (source.kind === 'trace' && source.skipped) {
    io.stderr(`Skipped ${source.skipped} bad row(s) of the trace:\n`);
    for (const p of source.problems.slice(0, 20)) io.stderr(`  ${path.basename(source.file)} line ${p.line}: ${p.message}\n`);
    if (source.problems.length > 20 || source.moreProblems) io.stderr(`  … and ${source.problems.length - 20 + source.moreProblems} more (--json lists the first 1,000).\n`);
  }
}

/** What the figures of a stopped run cover: the simulated time reached, of the horizon or of the trace's jobs. */
function coverage(output: Extract<SimulateGpuOutput, { ok: true }>): string {
  const reached = (output.simulation.endTime / DAY).toFixed(1);
  if (output.source.kind === 'generated') return `the figures cover the first ${reached} of ${output.source.days} simulated days.`;
  const count = (n: number) => n.toLocaleString('en-US');
  return `the figures cover the first ${reached} simulated days, in which ${count(output.simulation.arrivals)} of the trace's ${count(output.source.imported)} jobs arrived.`;
}

export const simulateGpuCommand: Command = {
  spec,
  async run(parsed, io) {
    // The first worker starts now: its start-up overlaps reading and checking the scenario (the path to the first simulated event).
    const lanes = new WorkerLanes(WORKER).prestart(1);
    try {
      return await simulateGpu(parsed, io, lanes);
    } finally {
      lanes.close();
    }
  },
};

async function simulateGpu({ values, positionals }: ParsedArgs, io: CliIo, lanes: WorkerLanes): Promise<number> {
  const { text } = await readScenarioFile(positionals[0] ?? '-', io);
  const { scenario } = parseScenarioText(text);
  const cluster = scenario.cluster;
  if (cluster.queues.length === 0) throw new CliError(`cluster.queues: "${scenario.name}" has no team ClusterQueues to simulate.`, { code: 'no-queues' });
  const saved = scenario.gpuSimulation;
  const seed = boundedOption(values, 'seed', saved.seed ?? DEFAULT_GPU_SIMULATION.seed);
  const seeds = boundedOption(values, 'seeds', saved.seeds ?? DEFAULT_GPU_SIMULATION.seeds);
  const at = parseAt(stringOption(values, 'at'));
  const trace = await traceInput(values, cluster, io);
  // The GPU simulation tab's saved inputs are the defaults, so the CLI replays what the tab shows.
  if (values.load !== undefined) {
    throw new UsageError("--load: generated load is no longer a share of each team's nominal GPUs (raising a quota raised the demand). Each team's GPU demand is its own input: the scenario's gpuSimulation.demand, edited in the GPU simulation tab; a scenario saved before keeps its old load as explicit demand.", hint);
  }
  const workloads: SimulateGpuInput['workloads'] = trace ?? {
    kind: 'generated',
    seed,
    days: boundedOption(values, 'days', saved.days ?? DEFAULT_GPU_SIMULATION.days),
    teams: gpuSimulationInputs(scenario).teams,
  };
  const json = values.json === true;
  const seeded = await simulateGpuSeedsInWorkers({ cluster, workloads, at }, seeds, { stop: io.shutdownRequested(), ...(json ? {} : { onProgress: progressPrinter(io, () => performance.now()) }) }, lanes);
  const output = seeded.base;
  if (!output.ok && output.code === 'import-cancelled') {
    throw new CliError(`Interrupted while importing the trace ${path.basename(output.trace.file)} (${output.trace.rows.toLocaleString('en-US')} rows read): nothing was simulated.`, { code: 'cancelled' });
  }
  if (!output.ok) {
    const { aborted, trace: t } = output;
    const where = `${path.basename(t.file)} line ${aborted.line}`;
    // A whole-file refusal (not text, no header, no rows) is not --bad-rows' doing: saying so would send the user to the wrong flag.
    const message = aborted.wholeFile ? `The trace ${path.basename(t.file)} cannot be imported (line ${aborted.line}): ${aborted.message}.` : `The trace import stopped at ${where}: ${aborted.message} (--bad-rows abort).`;
    throw new CliError(message, { code: 'trace-aborted', details: { file: t.file, line: aborted.line, rows: t.rows } });
  }
  // `cancelled` only on a stopped run, so a finished run's output stays as it always was.
  const { cancelled: baseCancelled, ...simulation } = output.simulation;
  const cancelled = baseCancelled || seeded.cancelled;
  // Where each team's generated demand came from (people, edited, frozen by the v8 migration, none), so the figures can be traced to their inputs.
  const demand = output.source.kind === 'generated' ? demandOrigins(gpuSimulationInputs(scenario)) : undefined;
  if (json) {
    const { summary } = output;
    const source = demand ? { ...output.source, demand } : output.source;
    // The base seed's figures as before, then every figure over the seeds (`spread`; one trace: one run, no seed spread).
    const spread = seeded.spread ? { seedsAsked: seeded.seedsAsked, ...seeded.spread, ...(output.source.kind === 'trace' ? { note: 'one trace: no seed spread' } : {}) } : null;
    io.stdout(jsonLine({ scenario: { id: scenario.id, name: scenario.name }, seed, seeds: seeded.seedsAsked, ...(cancelled ? { cancelled } : {}), source, simulation, teams: summary.teams, queues: summary.queues, cluster: summary.cluster, at: output.at, spread, ...(output.localQueues ? { localQueues: output.localQueues } : {}) } satisfies Record<string, unknown> & { teams: GpuRunSummary['teams'] }));
  } else {
    // People read team names; --json keeps the ids a script joins on.
    const names = new Map(scenario.teams.map((t) => [t.id, t.name]));
    const teamName = (id: string) => names.get(id) ?? id;
    printHuman(io, scenario.name, output, seed, teamName);
    printSpread(io, output, seeded, teamName);
    // The run's own days and seed (flags override the saved ones), so the line agrees with the first.
    if (demand && output.source.kind === 'generated') io.stdout(`\nDemand: ${generatedDemandWords({ ...gpuSimulationInputs(scenario), days: output.source.days, seed })}.\n`);
  }
  if (cancelled) {
    io.stderr(`Interrupted: ${coverage(output)}\n`);
    if (seeded.seedsAsked > 1) io.stderr(`${seeded.finished} of ${seeded.seedsAsked} seeds finished; ${seeded.finished > 0 ? 'the spread is over those' : 'the spread is the base seed\'s figures so far'}.\n`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}
