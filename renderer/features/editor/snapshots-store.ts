/** Snapshots (history panel) of the open scenario: list, take, restore. */
import { create } from 'zustand';
import type { SnapshotSummary } from '../../../sim/api/contract.ts';
import { api } from '../../api/api.ts';
import { errorInfo, type ErrorInfo } from '../../api/errors.ts';
import { useSave } from '../../stores/save.ts';
import { flushSave, loadRecord } from '../../stores/session.ts';

interface SnapshotsState {
  scenarioId: string | null;
  items: SnapshotSummary[];
  loading: boolean;
  error: ErrorInfo | null;
  busy: boolean;
  refresh(scenarioId: string): Promise<void>;
  reset(): void;
  /** Saves pending edits, then snapshots the stored revision. */
  take(label: string): Promise<SnapshotSummary>;
  /** Saves pending edits, restores (the backend snapshots the current state first), reloads the editor. */
  restore(snapshotId: string): Promise<void>;
}

export const useSnapshots = create<SnapshotsState>()((set, get) => ({
  scenarioId: null,
  items: [],
  loading: false,
  error: null,
  busy: false,
  async refresh(scenarioId) {
    if (get().scenarioId !== scenarioId) set({ scenarioId, items: [] });
    set({ loading: true });
    try {
      const items = await api().listSnapshots(scenarioId);
      if (get().scenarioId === scenarioId) set({ items, loading: false, error: null });
    } catch (error) {
      if (get().scenarioId === scenarioId) set({ loading: false, error: errorInfo(error) });
    }
  },
  reset() {
    set({ scenarioId: null, items: [], loading: false, error: null, busy: false });
  },
  async take(label) {
    const scenarioId = get().scenarioId;
    if (!scenarioId) throw new Error('No scenario is open.');
    set({ busy: true });
    try {
      if (!(await flushSave())) throw new Error('Your latest changes are not saved yet; resolve that first, then take the snapshot.');
      const snapshot = await api().createSnapshot(scenarioId, label);
      await get().refresh(scenarioId);
      return snapshot;
    } finally {
      set({ busy: false });
    }
  },
  async restore(snapshotId) {
    const scenarioId = get().scenarioId;
    if (!scenarioId) throw new Error('No scenario is open.');
    set({ busy: true });
    try {
      if (!(await flushSave())) throw new Error('Your latest changes are not saved yet; resolve that first, then restore.');
      const revision = useSave.getState().save?.revision;
      if (revision === undefined) throw new Error('No scenario is open.');
      const record = await api().restoreSnapshot(scenarioId, snapshotId, revision);
      loadRecord(record);
      await get().refresh(scenarioId);
    } finally {
      set({ busy: false });
    }
  },
}));
