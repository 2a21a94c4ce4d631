/**
 * A scenario's Decision in the UI: its costs (the one cost model, as the
 * Costs tab computes them), the delivery comparison and the main GPU run
 * (asked of the given simulation stores, with the same inputs and keys as the
 * Delivery and GPU simulation tabs, so the open scenario's runs are shared
 * and never computed twice) and the readiness answers in effect, put
 * together by `decide()`. Figures of a run still going are used at once and
 * the Decision says they are preliminary.
 */
import { useMemo } from 'react';
import type { CostBreakdown } from '../../../sim/cost/compute.ts';
import { decide, gpuDecisionInput, type Decision, type GpuDecisionInput } from '../../../sim/decision/decision.ts';
import type { DeliveryJobInput, DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { effectiveReadiness } from '../../../sim/readiness/effective.ts';
import type { ReadinessAnswers } from '../../../sim/readiness/schema.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { comparisonInput, isForScenario } from '../delivery/model/run-input.ts';
import type { GpuJobInput, GpuJobOutput } from '../gpu-simulation/model/jobs.ts';
import { useMainGpuRun } from '../gpu-simulation/main-run.ts';
import { useScenarioCosts } from '../../hooks/usePlanning.ts';
import { useDebouncedRun, type SimulationStatus, type SimulationStore } from '../../stores/simulation.ts';

/** No wait before a delivery re-run: its first look comes within one slice (see DeliveryView). */
const DELIVERY_RERUN_MS = 0;
/** As the GPU simulation tab. */
const GPU_RERUN_MS = 400;

export interface DecisionStores {
  delivery: SimulationStore<DeliveryJobInput, DeliveryJobResult>;
  gpu: SimulationStore<GpuJobInput, GpuJobOutput>;
}

export interface RunState {
  status: SimulationStatus;
  /** The figures shown are for the current inputs (else an earlier input's, or none). */
  current: boolean;
  preliminary: boolean;
  error: string | null;
}

export interface ScenarioDecision {
  decision: Decision;
  /** The breakdown the Decision was made from (the Costs tab's), for reports. */
  costs: CostBreakdown;
  delivery: RunState;
  /** Null when the scenario has nothing to simulate on GPUs (no node pools or team queues). */
  gpu: RunState | null;
}

/** Today's date as 'YYYY-MM-DD' (local time): the date a Decision is made on. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function useScenarioDecision(doc: Scenario, organisation: ReadinessAnswers | null, revision: number | null, stores: DecisionStores): ScenarioDecision {
  const costs = useScenarioCosts(doc);
  const { teams, phases, costModel, readiness, delivery: deliverySection } = doc;
  const deliveryRun = useMemo(() => comparisonInput(doc, organisation), [doc.id, teams, phases, costModel, readiness, organisation, deliverySection]);
  useDebouncedRun(stores.delivery, deliveryRun.job, deliveryRun.key, DELIVERY_RERUN_MS);
  const delivery = stores.delivery();
  const deliveryResult = isForScenario(delivery.resultKey, doc.id) && delivery.result?.kind === 'compare' ? delivery.result.comparison : null;
  const deliveryCurrent = delivery.resultKey === deliveryRun.key;

  const gpuRun = useMainGpuRun(doc);
  useDebouncedRun(stores.gpu, gpuRun.runnable ? gpuRun.runInput : null, gpuRun.runKey, GPU_RERUN_MS);
  const gpu = stores.gpu();
  const gpuView = gpuRun.runnable && gpu.resultKey === gpuRun.runKey && gpu.result?.kind === 'run' ? gpu.result.run : null;

  const answers = useMemo(() => effectiveReadiness(readiness, organisation), [readiness, organisation]);
  const teamName = useMemo(() => {
    const names = new Map(teams.map((t) => [t.id, t.name]));
    return (id: string) => names.get(id) ?? id;
  }, [teams]);
  const gpuInput = useMemo<GpuDecisionInput | null>(() => {
    if (!gpuView) return null;
    const source = gpuView.source;
    const days = source.kind === 'generated' ? source.days : gpuView.simulation.endTime / 86_400;
    const seed = source.kind === 'generated' ? source.seed : 0;
    // The tab's figures are the median over its seeds: until every seed is merged, the base seed's run is preliminary.
    const waiting = gpuView.seedsAsked > 1 && gpuView.spread === null;
    return gpuDecisionInput(gpuView.summary, teamName, { days, seed, preliminary: gpu.preliminary || waiting }, gpuView.spread);
  }, [gpuView, teamName, gpu.preliminary]);

  const decision = useMemo(
    () =>
      decide({
        scenario: doc,
        revision,
        readiness: answers,
        costs,
        delivery: deliveryResult,
        deliveryPreliminary: delivery.preliminary || (deliveryResult !== null && !deliveryCurrent),
        gpu: gpuInput,
        date: today(),
      }),
    [doc, revision, answers, costs, deliveryResult, delivery.preliminary, deliveryCurrent, gpuInput],
  );
  return {
    decision,
    costs,
    delivery: { status: delivery.status, current: deliveryCurrent, preliminary: delivery.preliminary, error: delivery.error },
    gpu: gpuRun.runnable ? { status: gpu.status, current: gpu.resultKey === gpuRun.runKey, preliminary: gpu.preliminary, error: gpu.error } : null,
  };
}
