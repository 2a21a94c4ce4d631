/**
 * The crossover's run, in its own Web Worker so finding it does not
 * interrupt the comparison (and an edit's re-run of the comparison does not
 * stop it).
 */
import type { CrossoverJobInput, CrossoverJobResult } from '../../../sim/delivery/crossover-job.ts';
import { createSimulationStore } from '../../stores/simulation.ts';

const crossoverWorker = () => new Worker(new URL('./crossover.worker.ts', import.meta.url), { type: 'module', name: 'delivery-crossover' });

export const useDeliveryCrossover = createSimulationStore<CrossoverJobInput, CrossoverJobResult>(crossoverWorker);
