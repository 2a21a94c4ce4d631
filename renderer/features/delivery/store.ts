/**
 * The delivery simulation's runs: the three-design comparison on a pool of
 * Web Workers (hardware concurrency − 1, at least 1; `delivery-pool.ts`) and
 * the tornado in a worker of its own, so asking for the tornado does not
 * interrupt the comparison (and a re-run of one supersedes only itself).
 */
import type { DeliveryJobInput, DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { createSimulationStore } from '../../stores/simulation.ts';
import { DeliveryPool, deliveryPoolSize } from './delivery-pool.ts';

const deliveryWorker = () => new Worker(new URL('./delivery.worker.ts', import.meta.url), { type: 'module', name: 'delivery-simulation' });

export const useDeliveryComparison = createSimulationStore<DeliveryJobInput, DeliveryJobResult>(new DeliveryPool(deliveryWorker, deliveryPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)));
export const useDeliverySensitivity = createSimulationStore<DeliveryJobInput, DeliveryJobResult>(deliveryWorker);
