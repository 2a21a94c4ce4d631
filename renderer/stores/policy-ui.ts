/**
 * View state of the GPU screens that is not part of the document (so not
 * undoable, not saved): which queue cards are open, the month and resource
 * the policy summary looks at, and "take me to this field" requests from the
 * issue lists.
 */
import { create } from 'zustand';
import { GPU_RESOURCE } from '../../sim/cluster/schema.ts';

export interface FocusRequest {
  path: string;
  /** Changes on every request, so asking for the same field twice still focuses it. */
  nonce: number;
}

interface PolicyUiState {
  /** Open queue cards by queue id; cards are closed unless opened. */
  expanded: Record<string, boolean>;
  summaryMonth: number;
  summaryResource: string;
  focus: FocusRequest | null;
  setExpanded(queueId: string, open: boolean): void;
  setAllExpanded(queueIds: readonly string[], open: boolean): void;
  setSummary(options: { month?: number; resource?: string }): void;
  requestFocus(path: string): void;
  reset(): void;
}

let nonce = 0;

export const usePolicyUi = create<PolicyUiState>()((set, get) => ({
  expanded: {},
  summaryMonth: 1,
  summaryResource: GPU_RESOURCE,
  focus: null,
  setExpanded(queueId, open) {
    if (Boolean(get().expanded[queueId]) === open) return;
    set({ expanded: { ...get().expanded, [queueId]: open } });
  },
  setAllExpanded(queueIds, open) {
    set({ expanded: Object.fromEntries(queueIds.map((id) => [id, open])) });
  },
  setSummary({ month, resource }) {
    set({ ...(month !== undefined ? { summaryMonth: month } : {}), ...(resource !== undefined ? { summaryResource: resource } : {}) });
  },
  requestFocus(path) {
    set({ focus: { path, nonce: ++nonce } });
  },
  reset() {
    set({ expanded: {}, summaryMonth: 1, summaryResource: GPU_RESOURCE, focus: null });
  },
}));
