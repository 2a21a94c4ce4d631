/**
 * The manifest preview of the open scenario (M12), as the backend generates
 * it from the STORED scenario: loaded per saved revision, so an edit shows
 * up once autosave has stored it.
 */
import { create } from 'zustand';
import type { ManifestsResponse } from '../../../sim/api/contract.ts';
import { api } from '../../api/api.ts';
import { errorInfo, type ErrorInfo } from '../../api/errors.ts';

export type ManifestsStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ManifestsState {
  scenarioId: string | null;
  /** Revision the data (or the load in flight) belongs to. */
  revision: number | null;
  status: ManifestsStatus;
  data: ManifestsResponse | null;
  error: ErrorInfo | null;
  /** Ref of the object shown; null = the whole multi-document YAML. */
  selectedRef: string | null;
  load(scenarioId: string, revision: number, options?: { force?: boolean }): Promise<void>;
  select(ref: string | null): void;
  reset(): void;
}

let token = 0;

export const useManifests = create<ManifestsState>()((set, get) => ({
  scenarioId: null,
  revision: null,
  status: 'idle',
  data: null,
  error: null,
  selectedRef: null,
  async load(scenarioId, revision, options = {}) {
    const s = get();
    if (!options.force && s.scenarioId === scenarioId && s.revision === revision && (s.status === 'ready' || s.status === 'loading')) return;
    const mine = ++token;
    const sameScenario = s.scenarioId === scenarioId;
    set({
      scenarioId,
      revision,
      status: 'loading',
      error: null,
      // Keep showing the previous revision's objects while the new ones load.
      ...(sameScenario ? {} : { data: null, selectedRef: null }),
    });
    try {
      const data = await api().manifests(scenarioId);
      if (mine !== token) return;
      const selected = get().selectedRef;
      set({ status: 'ready', data, selectedRef: selected && data.objects.some((o) => o.ref === selected) ? selected : null });
    } catch (error) {
      if (mine !== token) return;
      set({ status: 'error', error: errorInfo(error) });
    }
  },
  select(ref) {
    set({ selectedRef: ref });
  },
  reset() {
    token++;
    set({ scenarioId: null, revision: null, status: 'idle', data: null, error: null, selectedRef: null });
  },
}));
