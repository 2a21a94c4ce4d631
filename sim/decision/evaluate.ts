/**
 * The inputs of a Decision from runs that already happened: the delivery
 * comparison and the GPU simulation's summary. The CLI (`podplan report`)
 * runs the simulations in worker threads and hands the results here; the
 * Decision view assembles its own input from its stores. Either way
 * `decide()` stays the one place the figures are put together — this only
 * maps run results onto `DecisionInput`, it computes no figure.
 */
import type { CostBreakdown } from '../cost/compute.ts';
import type { DeliveryComparison } from '../delivery/simulate.ts';
import type { GpuRunSummary } from '../gpu-sim/summary.ts';
import type { GpuRunSpread } from '../gpu-sim/seeds.ts';
import { effectiveReadiness } from '../readiness/effective.ts';
import type { ReadinessAnswers } from '../readiness/schema.ts';
import type { Scenario } from '../scenario/schema.ts';
import { gpuDecisionInput, type DecisionInput } from './decision.ts';

/** A GPU simulation run of the scenario's own policy, with the inputs it ran with. */
export interface GpuRunForDecision {
  summary: GpuRunSummary;
  /** Every figure over the seeds (null: one seed); the Decision reads the medians, as the GPU simulation tab shows them. */
  spread: GpuRunSpread | null;
  days: number;
  seed: number;
}

export interface DecisionRuns {
  delivery: DeliveryComparison | null;
  gpu: GpuRunForDecision | null;
}

export interface DecisionContext {
  revision: number | null;
  /** The organisation's answers; null for a lone file (its own answers apply). */
  organisationReadiness: ReadinessAnswers | null;
  /** 'YYYY-MM-DD'. */
  date: string;
}

/** The Decision's input for a scenario whose costs are `costs` (= `scenarioCosts(scenario)`) and whose runs are done. */
export function decisionInputFor(scenario: Scenario, costs: CostBreakdown, runs: DecisionRuns, context: DecisionContext): DecisionInput {
  const names = new Map(scenario.teams.map((t) => [t.id, t.name]));
  return {
    scenario,
    revision: context.revision,
    readiness: effectiveReadiness(scenario.readiness, context.organisationReadiness),
    costs,
    delivery: runs.delivery,
    deliveryPreliminary: runs.delivery?.cancelled ?? false,
    gpu: runs.gpu ? gpuDecisionInput(runs.gpu.summary, (id) => names.get(id) ?? id, { days: runs.gpu.days, seed: runs.gpu.seed, preliminary: false }, runs.gpu.spread) : null,
    date: context.date,
  };
}
