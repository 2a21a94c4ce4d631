/**
 * A scenario file evaluated into its Decision for `podplan report`: the
 * costs (`scenarioCosts`, as `podplan cost`), the delivery comparison (the
 * worker job `podplan simulate delivery` runs, with the scenario's trials
 * and seed) and the GPU simulation of its quota policy (the worker
 * `podplan simulate gpu` runs, with the saved seed, days and load), then
 * `decide()`; with `crossover`, also the crossover (the worker `podplan
 * crossover` runs, default ranges, fewer trials per point). The
 * simulations run side by side in worker threads.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CostBreakdown } from '../../../sim/cost/compute.ts';
import { scenarioCosts } from '../../../sim/cost/scenario-costs.ts';
import { decide, type Decision } from '../../../sim/decision/decision.ts';
import { decisionInputFor, type GpuRunForDecision } from '../../../sim/decision/evaluate.ts';
import type { Crossover } from '../../../sim/delivery/crossover.ts';
import type { CrossoverJobInput, CrossoverJobResult } from '../../../sim/delivery/crossover-job.ts';
import type { DeliveryJobInput, DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { DEFAULT_DELIVERY_SEED } from '../../../sim/delivery/schema.ts';
import type { DeliveryComparison } from '../../../sim/delivery/simulate.ts';
import { gpuSimulationInputs } from '../../../sim/edits/gpu-simulation.ts';
import { parseScenarioText, type Scenario } from '../../../sim/scenario/index.ts';
import { simulateGpuSeedsInWorkers } from '../commands/simulate-gpu.ts';
import { readScenarioFile } from '../context.ts';
import { CliError, type CliIo } from '../io.ts';
import { runWorkerJob, workerEntry } from '../sim-worker.ts';

const DELIVERY_WORKER = workerEntry('delivery');
const CROSSOVER_WORKER = workerEntry('crossover');
/** Trials per point of the report's crossover (`--crossover`): 14 points × 3 designs in about a second on the samples. */
export const REPORT_CROSSOVER_TRIALS = 300;

export interface EvaluatedScenario {
  file: string;
  scenario: Scenario;
  costs: CostBreakdown;
  decision: Decision;
  /** "file plan.podplan.json (sha256 1a2b3c4d)": a file has no stored revision, its content identifies it. */
  revisionLabel: string;
  /** Why there are no GPU waits, when the scenario has no quota policy. */
  gpuNote?: string;
  /** Where pods overtake the centralized design, when asked for. */
  crossover?: Crossover;
}

export interface EvaluateOptions {
  date: string;
  /** Resolves when the user asks to stop. */
  stop: Promise<unknown>;
  /** Progress of this scenario's runs: what, and a share done 0..1. */
  onProgress(what: string, fraction: number): void;
  /** Also run the crossover (default ranges, `REPORT_CROSSOVER_TRIALS` per point). */
  crossover?: boolean;
}

async function runDelivery(scenario: Scenario, options: EvaluateOptions): Promise<DeliveryComparison> {
  const job: DeliveryJobInput = {
    kind: 'compare',
    scenario,
    parameters: scenario.delivery.parameters,
    ...(scenario.delivery.initiatives ? { initiatives: scenario.delivery.initiatives } : {}),
    // No stored count: the stopping rule (every P85 within ±2%), as the Delivery tab runs it.
    ...(scenario.delivery.trials === undefined ? {} : { trials: scenario.delivery.trials }),
    seed: scenario.delivery.seed ?? DEFAULT_DELIVERY_SEED,
  };
  try {
    const { result } = await runWorkerJob<DeliveryJobInput, DeliveryJobResult>(DELIVERY_WORKER, job, { stop: options.stop, onProgress: (done, total) => options.onProgress('delivery simulation', total > 0 ? done / total : 1) });
    if (result.kind !== 'compare') throw new Error('The delivery worker answered with the wrong kind of result.');
    return result.comparison;
  } catch (error) {
    throw new CliError(`The delivery simulation of "${scenario.name}" failed: ${error instanceof Error ? error.message : String(error)}`, { code: 'invalid-input' });
  }
}

async function runCrossover(scenario: Scenario, options: EvaluateOptions): Promise<Crossover> {
  const initiatives = scenario.delivery.initiatives;
  const job: CrossoverJobInput = {
    kind: 'crossover',
    scenario,
    parameters: scenario.delivery.parameters,
    ...(initiatives ? { initiatives } : {}),
    trials: REPORT_CROSSOVER_TRIALS,
    seed: scenario.delivery.seed ?? DEFAULT_DELIVERY_SEED,
    // A listed portfolio has no arrival rate to sweep.
    ...(initiatives?.length ? { demand: null } : {}),
  };
  let result: CrossoverJobResult;
  try {
    ({ result } = await runWorkerJob<CrossoverJobInput, CrossoverJobResult>(CROSSOVER_WORKER, job, { stop: options.stop, onProgress: (done, total) => options.onProgress('crossover', total > 0 ? done / total : 1) }));
  } catch (error) {
    throw new CliError(`The crossover of "${scenario.name}" failed: ${error instanceof Error ? error.message : String(error)}`, { code: 'invalid-input' });
  }
  // A report is not written on part of a run: its crossover would read as the plan's.
  if (result.crossover.cancelled) throw new CliError(`Stopped: the crossover of "${scenario.name}" was interrupted, so no report was written.`, { code: 'cancelled' });
  return result.crossover;
}

async function runGpu(scenario: Scenario, options: EvaluateOptions): Promise<GpuRunForDecision> {
  const inputs = gpuSimulationInputs(scenario);
  const workloads = { kind: 'generated', seed: inputs.seed, days: inputs.days, teams: inputs.teams } as const;
  // Every seed the GPU simulation tab runs, so the report's waits are the tab's medians.
  const seeded = await simulateGpuSeedsInWorkers({ cluster: scenario.cluster, workloads, at: [] }, inputs.seeds, { stop: options.stop, onProgress: (done, total) => options.onProgress('GPU simulation', total > 0 ? done / total : 1) });
  const output = seeded.base;
  if (!output.ok) throw new CliError(`The GPU simulation of "${scenario.name}" stopped: ${output.code === 'trace-aborted' ? output.aborted.message : 'interrupted'}`, { code: 'simulation' });
  // A report is not written on part of a run: its GPU waits would read as the plan's.
  if (output.simulation.cancelled || seeded.cancelled) throw new CliError(`Stopped: the GPU simulation of "${scenario.name}" was interrupted, so no report was written.`, { code: 'cancelled' });
  return { summary: output.summary, spread: seeded.spread, days: workloads.days, seed: workloads.seed };
}

export async function evaluateScenarioFile(file: string, io: CliIo, options: EvaluateOptions): Promise<EvaluatedScenario> {
  const { text, name } = await readScenarioFile(file, io);
  const { scenario } = parseScenarioText(text);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  const costs = scenarioCosts(scenario);
  const hasPolicy = scenario.cluster.queues.length > 0;
  const [delivery, gpu, crossover] = await Promise.all([
    runDelivery(scenario, options),
    hasPolicy ? runGpu(scenario, options) : Promise.resolve(null),
    options.crossover ? runCrossover(scenario, options) : Promise.resolve(null),
  ]);
  const decision = decide(decisionInputFor(scenario, costs, { delivery, gpu }, { revision: null, organisationReadiness: null, date: options.date }));
  return {
    file: name,
    scenario,
    costs,
    decision,
    revisionLabel: `file ${name === 'stdin' ? 'from stdin' : path.basename(name)} (sha256 ${hash})`,
    ...(hasPolicy ? {} : { gpuNote: 'This scenario has no GPU quota policy (no team ClusterQueues), so there are no GPU waits to report.' }),
    ...(crossover ? { crossover } : {}),
  };
}
