/**
 * A delivery simulation as a job that yields between slices, so a worker
 * (a browser Web Worker or a Node worker thread) can report progress and
 * stop on cancel with what it finished. The browser and the CLI both run
 * this, so the same input and seed give the same figures in each.
 *
 * The caller's context gives progress, the cancel flag and a way to breathe;
 * the clock (for slices of about `sliceMs`) is passed in, as sim/ reads no
 * clock of its own.
 */
import { DESIGN_KINDS, type DesignKind } from './design.ts';
import { explainGap, type GapExplanation } from './explain.ts';
import type { DeepPartialParameters } from './parameters.ts';
import { deliverySensitivity, defaultSensitivityKnobs, type SensitivityResult, type SensitivityRow } from './sensitivity.ts';
import { DeliveryRun, prepareRun, TrialRunner, type DeliveryBlock, type DeliveryComparison, type DeliveryInput } from './simulate.ts';
import type { DeliveryScenario } from './design.ts';
import { scenarioPortfolio } from './listed-portfolio.ts';
import type { ListedInitiative } from './schema.ts';
import type { JobContext } from '../kernel/job.ts';

interface JobBase {
  scenario: DeliveryScenario;
  parameters?: DeepPartialParameters;
  /** A listed portfolio (`scenario.delivery.initiatives`); absent = arrivals at the documented rate. */
  initiatives?: readonly ListedInitiative[];
  /** A fixed trial count; absent (a comparison only) = the stopping rule (`convergence.ts`). */
  trials?: number;
  seed: number;
}

export type CompareJob = JobBase & {
  kind: 'compare';
  designs?: readonly DesignKind[];
  /** The stopping rule's relative half-width of P85 (default 0.02); ignored with `trials`. */
  precision?: number;
};

/**
 * Blocks `from` … `from + count − 1` of a comparison, for a pool of workers
 * (`pool.ts`): the worker keeps the prepared run of the last `runKey`, so
 * the next blocks of the same run start at once.
 */
export type BlocksJob = Omit<CompareJob, 'kind' | 'precision'> & { kind: 'blocks'; runKey: string; from: number; count: number; limit: number };

export type DeliveryJobInput = CompareJob | BlocksJob | (JobBase & { kind: 'sensitivity'; design: DesignKind; deltaPct?: number; trials: number });

export type DeliveryJobResult =
  | { kind: 'compare'; comparison: DeliveryComparison; gaps: GapExplanation[] }
  | { kind: 'sensitivity'; sensitivity: SensitivityResult }
  | { kind: 'blocks'; blocks: DeliveryBlock[] };

export interface SliceOptions {
  /** Milliseconds from some origin (performance.now). */
  now(): number;
  /** Target length of a slice between breaths (default 20 ms). */
  sliceMs?: number;
}

/**
 * A comparison posts its figures so far as a preliminary result once it has
 * done `FIRST_LOOK_TRIALS` trials (or after `FIRST_LOOK_MS` on a large
 * scenario): on the default scenario that is ~10 ms of work, so a re-run after
 * an edit shows new figures well inside the 100 ms docs/performance-targets.md asks for, and
 * each design's percentiles rest on ~1,800 initiatives (the samples' P50s
 * come within about a week of 2,000 trials'). The
 * run then goes on to the trials asked for, refreshing the preliminary
 * figures every `PRELIMINARY_EVERY_MS` so a long run converges on screen.
 */
export const FIRST_LOOK_TRIALS = 50;
export const FIRST_LOOK_MS = 250;
export const PRELIMINARY_EVERY_MS = 1000;

/** The next slice's size: towards `targetMs`, at most 4× at a time (the first slices warm the JIT). */
export function nextSlice(slice: number, targetMs: number, elapsedMs: number): number {
  return Math.max(1, Math.min(slice * 4, Math.round((slice * targetMs) / Math.max(elapsedMs, 0.5))));
}

/** What every delivery job simulates: the scenario, its overrides, and its listed portfolio when it has one. */
export const deliveryInput = (job: Pick<JobBase, 'scenario' | 'parameters' | 'initiatives'>): DeliveryInput => ({
  scenario: job.scenario,
  ...(job.parameters ? { parameters: job.parameters } : {}),
  ...(job.initiatives ? { portfolio: scenarioPortfolio(job.scenario, job.initiatives).portfolio } : {}),
});
const count = (n: number) => n.toLocaleString('en-US');

export const compared = (comparison: DeliveryComparison): DeliveryJobResult => ({ kind: 'compare', comparison, gaps: explainGap(comparison) });

const pct = (v: number) => `±${(Math.round(v * 1000) / 10).toString()}%`;

/**
 * What a comparison says of its precision, in the user's words: "P85 known
 * within ±2% after 1,300 trials", "converging… 600 trials, P85 within ±3.1%
 * (target ±2%)", or for a fixed count "2,000 trials, P85 within ±1.4%".
 */
export function convergenceText(comparison: DeliveryComparison): string {
  const c = comparison.convergence;
  const worst = c.worstP85HalfWidth === null ? '' : `P85 within ${pct(c.worstP85HalfWidth)}`;
  if (c.rule === 'fixed') return `${count(comparison.trials)} of ${count(comparison.trialsRequested)} trials${worst ? `, ${worst}` : ''}`;
  if (c.converged) return `P85 known within ${pct(c.precision ?? 0)} after ${count(comparison.trials)} trials`;
  if (comparison.trials >= c.maxTrials) return `P85 not within ${pct(c.precision ?? 0)} after ${count(comparison.trials)} trials (the most the stopping rule runs)${worst ? `: ${worst}` : ''}`;
  return `converging… ${count(comparison.trials)} trials${worst ? `, ${worst} (target ${pct(c.precision ?? 0)})` : ''}`;
}

/** A progress line without summarising the run (cheap, every slice). */
const progressText = (run: DeliveryRun) => (run.fixed ? `${count(run.trialsDone)} of ${count(run.trialsRequested)} trials` : `converging… ${count(run.trialsDone)} trials`);

/** The worker's one prepared run for `BlocksJob`s (a new `runKey` replaces it). */
let blockRunner: { key: string; runner: TrialRunner } | null = null;

async function blocks(job: BlocksJob, context: JobContext<DeliveryJobResult>): Promise<DeliveryJobResult> {
  if (blockRunner?.key !== job.runKey) {
    blockRunner = null;
    blockRunner = { key: job.runKey, runner: new TrialRunner(prepareRun(deliveryInput(job), job.designs ?? DESIGN_KINDS), job.seed) };
  }
  const out: DeliveryBlock[] = [];
  for (let b = job.from; b < job.from + job.count && !context.cancelled; b++) {
    out.push(...blockRunner.runner.blocks(b, 1, job.limit));
    context.progress(b + 1 - job.from, job.count);
    if (b + 1 < job.from + job.count) await context.breathe();
  }
  return { kind: 'blocks', blocks: out };
}

/**
 * Steps a comparison in slices of about `sliceMs`, breathing between them;
 * posts a preliminary result after the first `FIRST_LOOK_TRIALS` and then
 * every `PRELIMINARY_EVERY_MS`; on cancel, the result covers the trials done.
 * Preliminaries read the running sums and change no draw: the final figures
 * are the same with or without them.
 */
async function compare(job: Extract<DeliveryJobInput, { kind: 'compare' }>, context: JobContext<DeliveryJobResult>, slices: SliceOptions): Promise<DeliveryJobResult> {
  const run = new DeliveryRun(deliveryInput(job), { seed: job.seed, designs: job.designs ?? DESIGN_KINDS, ...(job.trials === undefined ? {} : { trials: job.trials }), ...(job.precision === undefined ? {} : { precision: job.precision }) });
  const target = slices.sliceMs ?? 20;
  const began = slices.now();
  let slice = 8;
  let firstLook = true;
  let nextPreliminary = Infinity;
  while (!run.finished) {
    if (context.cancelled) {
      run.cancel();
      break;
    }
    const start = slices.now();
    run.step(slice);
    const end = slices.now();
    // Stop the first look at FIRST_LOOK_TRIALS.
    slice = nextSlice(slice, target, end - start);
    if (firstLook && run.trialsDone < FIRST_LOOK_TRIALS) slice = Math.min(slice, FIRST_LOOK_TRIALS - run.trialsDone);
    const due = context.preliminary && !run.finished && (firstLook ? run.trialsDone >= FIRST_LOOK_TRIALS || end - began >= FIRST_LOOK_MS : end >= nextPreliminary);
    context.progress(run.trialsDone, run.trialsRequested, progressText(run));
    if (due) {
      context.preliminary?.(compared(run.result()));
      firstLook = false;
      nextPreliminary = end + PRELIMINARY_EVERY_MS;
    }
    await context.breathe();
  }
  return compared(run.result());
}

/**
 * The tornado one parameter at a time (each call re-runs the base on the same
 * seed, so the rows are the ones `deliverySensitivity` gives in one go),
 * breathing between parameters so a cancel is seen, and posting the rows so
 * far as a preliminary result after each one (the bars appear as they come).
 */
async function sensitivity(job: Extract<DeliveryJobInput, { kind: 'sensitivity' }>, context: JobContext<DeliveryJobResult>): Promise<DeliveryJobResult> {
  const knobs = defaultSensitivityKnobs();
  const rows: SensitivityRow[] = [];
  let base: SensitivityResult['base'] | null = null;
  const tornado = (cancelled: boolean): DeliveryJobResult => ({
    kind: 'sensitivity',
    sensitivity: {
      design: job.design,
      seed: job.seed,
      trials: job.trials,
      deltaPct: job.deltaPct ?? 20,
      base: base ?? { p50: Number.NaN, p85: Number.NaN, cycleP50: Number.NaN },
      rows: [...rows].sort((a, b) => b.swing - a.swing || (a.parameter < b.parameter ? -1 : 1)),
      cancelled,
    },
  });
  for (let k = 0; k < knobs.length; k++) {
    if (context.cancelled) return tornado(true);
    const one = deliverySensitivity(deliveryInput(job), { design: job.design, trials: job.trials, seed: job.seed, parameters: [knobs[k]!], ...(job.deltaPct === undefined ? {} : { deltaPct: job.deltaPct }) });
    base = one.base;
    rows.push(...one.rows);
    context.progress(k + 1, knobs.length, `parameter ${k + 1} of ${knobs.length}: ${one.rows[0]?.label ?? ''}`);
    if (k + 1 < knobs.length) context.preliminary?.(tornado(false));
    await context.breathe();
  }
  return tornado(false);
}

export function runDeliveryJob(job: DeliveryJobInput, context: JobContext<DeliveryJobResult>, slices: SliceOptions): Promise<DeliveryJobResult> {
  if (job.kind === 'compare') return compare(job, context, slices);
  if (job.kind === 'blocks') return blocks(job, context);
  return sensitivity(job, context);
}
