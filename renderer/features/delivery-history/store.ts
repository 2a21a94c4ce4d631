/**
 * The delivery history the user chose to use (with its mapping), for the
 * calibration panel to read; and the import job that reads a file in a Web
 * Worker. Held in the session, not saved with the scenario.
 */
import { create } from 'zustand';
import type { DeliveryHistory, HistoryMapping } from '../../../sim/history/index.ts';
import { createSimulationStore } from '../../stores/simulation.ts';
import type { HistoryJobInput, HistoryJobOutput } from './model/import-job.ts';

export interface DeliveryHistoryState {
  /** The history in use, with the mapping the user accepted; null until one is used. */
  history: DeliveryHistory | null;
  setHistory(history: DeliveryHistory): void;
  /** A new mapping for the history in use (no re-import). */
  setMapping(mapping: HistoryMapping): void;
  clear(): void;
}

export const useDeliveryHistoryStore = create<DeliveryHistoryState>()((set) => ({
  history: null,
  setHistory: (history) => set({ history }),
  setMapping: (mapping) => set((s) => (s.history ? { history: { ...s.history, mapping } } : s)),
  clear: () => set({ history: null }),
}));

const historyWorker = () => new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'delivery-history-import' });

export const useHistoryImportJob = createSimulationStore<HistoryJobInput, HistoryJobOutput>(historyWorker);
