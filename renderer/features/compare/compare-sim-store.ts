/**
 * The runs behind Compare's figures: one delivery and one GPU simulation
 * store per compared scenario (up to four), each with its own Web Worker, so
 * the open scenario's own runs (Delivery, GPU simulation, Decision) are never
 * superseded by a comparison. Same inputs and seeds as each scenario's own
 * tabs, so the figures are the same as its Decision's.
 */
import type { DeliveryJobInput, DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { MAX_REPORT_SCENARIOS } from '../../../sim/report/model.ts';
import type { DecisionStores } from '../decision/use-decision.ts';
import type { GpuJobInput, GpuJobOutput } from '../gpu-simulation/model/jobs.ts';
import { createSimulationStore } from '../../stores/simulation.ts';

const deliveryWorker = () => new Worker(new URL('../delivery/delivery.worker.ts', import.meta.url), { type: 'module', name: 'compare-delivery' });
const gpuWorker = () => new Worker(new URL('../gpu-simulation/gpu-sim.worker.ts', import.meta.url), { type: 'module', name: 'compare-gpu' });

/** Slot i holds the i-th compared scenario's runs. */
export const COMPARE_SLOTS: readonly DecisionStores[] = Array.from({ length: MAX_REPORT_SCENARIOS }, () => ({
  delivery: createSimulationStore<DeliveryJobInput, DeliveryJobResult>(deliveryWorker),
  gpu: createSimulationStore<GpuJobInput, GpuJobOutput>(gpuWorker),
}));
