/**
 * View state of the planning screens that is not part of the document (not
 * undoable, not saved): collapsed teams of the org chart, the scenario the
 * costs are compared with, and "take me to this team" requests (from the org
 * chart to the org design).
 */
import { create } from 'zustand';

export interface TeamFocusRequest {
  teamId: string;
  /** Changes on every request, so asking for the same team twice still focuses it. */
  nonce: number;
}

interface PlanningUiState {
  collapsed: Record<string, boolean>;
  /** Scenario id the Costs screen compares with; null = none picked. */
  compareWith: string | null;
  focusTeam: TeamFocusRequest | null;
  setCollapsed(teamId: string, collapsed: boolean): void;
  setAllCollapsed(teamIds: readonly string[], collapsed: boolean): void;
  setCompareWith(id: string | null): void;
  requestTeamFocus(teamId: string): void;
  reset(): void;
}

let nonce = 0;

export const usePlanningUi = create<PlanningUiState>()((set, get) => ({
  collapsed: {},
  compareWith: null,
  focusTeam: null,
  setCollapsed(teamId, collapsed) {
    if (Boolean(get().collapsed[teamId]) === collapsed) return;
    set({ collapsed: { ...get().collapsed, [teamId]: collapsed } });
  },
  setAllCollapsed(teamIds, collapsed) {
    set({ collapsed: collapsed ? Object.fromEntries(teamIds.map((id) => [id, true])) : {} });
  },
  setCompareWith(id) {
    set({ compareWith: id });
  },
  requestTeamFocus(teamId) {
    set({ focusTeam: { teamId, nonce: ++nonce } });
  },
  reset() {
    set({ collapsed: {}, compareWith: null, focusTeam: null });
  },
}));
