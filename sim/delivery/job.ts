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
import { DeliveryRun, type DeliveryComparison, type DeliveryInput } from './simulate.ts';
import type { DeliveryScenario } from './design.ts';
import { scenarioPortfolio } from './listed-portfolio.ts';
import type { ListedInitiative } from './schema.ts';
import type { JobContext } from '../kernel/job.ts';

interface JobBase {
  scenario: DeliveryScenario;
  parameters?: DeepPartialParameters;
  /** A listed portfolio (`scenario.delivery.initiatives`); absent = arrivals at the documented rate. */
  initiatives?: readonly ListedInitiative[];
  trials: number;
  seed: number;
}

export type DeliveryJobInput = (JobBase & { kind: 'compare'; designs?: readonly DesignKind[] }) | (JobBase & { kind: 'sensitivity'; design: DesignKind; deltaPct?: number });

export type DeliveryJobResult = { kind: 'compare'; comparison: DeliveryComparison; gaps: GapExplanation[] } | { kind: 'sensitivity'; sensitivity: SensitivityResult };

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

const input = (job: JobBase): DeliveryInput => ({
  scenario: job.scenario,
  ...(job.parameters ? { parameters: job.parameters } : {}),
  ...(job.initiatives ? { portfolio: scenarioPortfolio(job.scenario, job.initiatives).portfolio } : {}),
});
const count = (n: number) => n.toLocaleString('en-US');

const compared = (run: DeliveryRun): DeliveryJobResult => {
  const comparison = run.result();
  return { kind: 'compare', comparison, gaps: explainGap(comparison) };
};

/**
 * Steps a comparison in slices of about `sliceMs`, breathing between them;
 * posts a preliminary result after the first `FIRST_LOOK_TRIALS` and then
 * every `PRELIMINARY_EVERY_MS`; on cancel, the result covers the trials done.
 * Preliminaries read the running sums and change no draw: the final figures
 * are the same with or without them.
 */
async function compare(job: Extract<DeliveryJobInput, { kind: 'compare' }>, context: JobContext<DeliveryJobResult>, slices: SliceOptions): Promise<DeliveryJobResult> {
  const run = new DeliveryRun(input(job), { trials: job.trials, seed: job.seed, designs: job.designs ?? DESIGN_KINDS });
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
    // Grow or shrink the slice towards the target, at most 4× at a time (the first slices warm the JIT),
    // and stop the first look at FIRST_LOOK_TRIALS.
    slice = Math.max(1, Math.min(slice * 4, Math.round((slice * target) / Math.max(end - start, 0.5))));
    if (firstLook && run.trialsDone < FIRST_LOOK_TRIALS) slice = Math.min(slice, FIRST_LOOK_TRIALS - run.trialsDone);
    context.progress(run.trialsDone, run.trialsRequested, `${count(run.trialsDone)} of ${count(run.trialsRequested)} trials`);
    if (context.preliminary && !run.finished) {
      const due = firstLook ? run.trialsDone >= FIRST_LOOK_TRIALS || end - began >= FIRST_LOOK_MS : end >= nextPreliminary;
      if (due) {
        context.preliminary(compared(run));
        firstLook = false;
        nextPreliminary = end + PRELIMINARY_EVERY_MS;
      }
    }
    await context.breathe();
  }
  return compared(run);
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
    const one = deliverySensitivity(input(job), { design: job.design, trials: job.trials, seed: job.seed, parameters: [knobs[k]!], ...(job.deltaPct === undefined ? {} : { deltaPct: job.deltaPct }) });
    base = one.base;
    rows.push(...one.rows);
    context.progress(k + 1, knobs.length, `parameter ${k + 1} of ${knobs.length}: ${one.rows[0]?.label ?? ''}`);
    if (k + 1 < knobs.length) context.preliminary?.(tornado(false));
    await context.breathe();
  }
  return tornado(false);
}

export function runDeliveryJob(job: DeliveryJobInput, context: JobContext<DeliveryJobResult>, slices: SliceOptions): Promise<DeliveryJobResult> {
  return job.kind === 'compare' ? compare(job, context, slices) : sensitivity(job, context);
}
