/**
 * The delivery simulation's runs: the three-design comparison and the
 * tornado, each in its own Web Worker so asking for the tornado does not
 * interrupt the comparison (and a re-run of one supersedes only itself).
 */
import type { DeliveryJobInput, DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { createSimulationStore } from '../../stores/simulation.ts';

const deliveryWorker = () => new Worker(new URL('./delivery.worker.ts', import.meta.url), { type: 'module', name: 'delivery-simulation' });

export const useDeliveryComparison = createSimulationStore<DeliveryJobInput, DeliveryJobResult>(deliveryWorker);
export const useDeliverySensitivity = createSimulationStore<DeliveryJobInput, DeliveryJobResult>(deliveryWorker);
