/** The scenario list: what the backend has, and the list-level operations. */
import { create } from 'zustand';
import type { SavedRevision, ScenarioRecord, ScenarioSummary } from '../../sim/api/contract.ts';
import { api } from '../api/api.ts';
import { errorInfo, type ErrorInfo } from '../api/errors.ts';
import { useNavigation } from './navigation.ts';
import { notifyError } from './notices.ts';

interface ScenarioListState {
  items: ScenarioSummary[];
  loaded: boolean;
  loading: boolean;
  error: ErrorInfo | null;
  /** Id of the row to draw attention to (just created, imported, restored). */
  highlightId: string | null;
  refresh(): Promise<void>;
  create(name: string): Promise<ScenarioRecord>;
  duplicate(id: string): Promise<ScenarioRecord>;
  rename(id: string, name: string): Promise<SavedRevision>;
  remove(id: string): Promise<ScenarioSummary>;
  undelete(id: string): Promise<ScenarioRecord>;
  highlight(id: string | null): void;
}

export const useScenarioList = create<ScenarioListState>()((set, get) => ({
  items: [],
  loaded: false,
  loading: false,
  error: null,
  highlightId: null,
  async refresh() {
    set({ loading: true });
    try {
      const items = await api().listScenarios();
      set({ items, loaded: true, loading: false, error: null });
    } catch (error) {
      set({ loading: false, error: errorInfo(error) });
    }
  },
  async create(name) {
    const record = await api().createScenario({ name });
    set({ highlightId: record.scenario.id });
    await get().refresh();
    return record;
  },
  async duplicate(id) {
    const source = get().items.find((s) => s.id === id);
    const record = await api().duplicateScenario(id, source ? `${source.name} (copy)` : undefined);
    set({ highlightId: record.scenario.id });
    await get().refresh();
    return record;
  },
  async rename(id, name) {
    const { revision } = await api().getScenario(id);
    const saved = await api().saveScenarioChanges(id, { set: { name } }, revision);
    await get().refresh();
    return saved;
  },
  async remove(id) {
    const summary = await api().deleteScenario(id);
    set({ items: get().items.filter((s) => s.id !== id) });
    await get().refresh();
    return summary;
  },
  async undelete(id) {
    const record = await api().undeleteScenario(id);
    set({ highlightId: id });
    await get().refresh();
    return record;
  },
  highlight(id) {
    set({ highlightId: id });
  },
}));

/** Creates an empty scenario and opens it in the editor. */
export async function createAndOpenScenario(name = 'Untitled scenario'): Promise<void> {
  try {
    const record = await useScenarioList.getState().create(name);
    useNavigation.getState().navigate({ view: 'editor', scenarioId: record.scenario.id });
  } catch (error) {
    notifyError('Could not create a scenario', errorInfo(error));
  }
}
