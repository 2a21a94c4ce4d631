/** Save status of the open scenario, as shown in the status bar and the conflict banner. */
import { create } from 'zustand';
import type { AutosaveState } from '../editing/autosave.ts';

interface SaveStoreState {
  /** Null when no scenario is open. */
  save: AutosaveState | null;
  setSave(state: AutosaveState | null): void;
}

export const useSave = create<SaveStoreState>()((set) => ({
  save: null,
  setSave(save) {
    set({ save });
  },
}));
