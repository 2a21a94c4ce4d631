/**
 * The open scenario's document and its undo/redo history. Every edit goes
 * through `apply`, which records it (coalescing rapid typing in one field);
 * saving is not this store's concern (see save.ts and session.ts).
 */
import { create } from 'zustand';
import type { Scenario } from '../../sim/scenario/index.ts';
import type { ErrorInfo } from '../api/errors.ts';
import * as H from '../editing/history.ts';

export type EditorStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface EditorState {
  scenarioId: string | null;
  status: EditorStatus;
  loadError: ErrorInfo | null;
  history: H.History<Scenario> | null;
  /** Starts loading a scenario (the previous document is dropped). */
  begin(scenarioId: string): void;
  /** Shows a loaded document with a fresh history. */
  load(scenario: Scenario): void;
  fail(scenarioId: string, error: ErrorInfo): void;
  /** Applies an edit; changes with the same `coalesceKey` in quick succession are one undo step. */
  apply(edit: (doc: Scenario) => Scenario, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  /** Ends coalescing (a field lost focus). */
  seal(): void;
  close(): void;
}

const empty = { scenarioId: null, status: 'idle' as const, loadError: null, history: null };

export const useEditor = create<EditorState>()((set, get) => ({
  ...empty,
  begin(scenarioId) {
    set({ scenarioId, status: 'loading', loadError: null, history: null });
  },
  load(scenario) {
    set({ scenarioId: scenario.id, status: 'ready', loadError: null, history: H.createHistory(scenario) });
  },
  fail(scenarioId, error) {
    set({ scenarioId, status: 'error', loadError: error, history: null });
  },
  apply(edit, coalesceKey) {
    const { history } = get();
    if (!history) return;
    const next = edit(history.present);
    if (next === history.present) return;
    set({ history: H.record(history, next, { now: Date.now(), ...(coalesceKey ? { coalesceKey } : {}) }) });
  },
  undo() {
    const { history } = get();
    if (history && H.canUndo(history)) set({ history: H.undo(history) });
  },
  redo() {
    const { history } = get();
    if (history && H.canRedo(history)) set({ history: H.redo(history) });
  },
  seal() {
    const { history } = get();
    if (history) set({ history: H.seal(history) });
  },
  close() {
    set(empty);
  },
}));

/**
 * Applies an edit that also returns what it made (the new team, pool, queue…)
 * and hands that back to the caller, e.g. to focus it. Null when no scenario is open.
 */
export function applyEdit<R extends { scenario: Scenario }>(edit: (doc: Scenario) => R): R | null {
  const editor = useEditor.getState();
  const current = editor.history?.present;
  if (!current) return null;
  const result = edit(current);
  editor.apply(() => result.scenario);
  return result;
}

export const selectDoc = (s: EditorState): Scenario | null => s.history?.present ?? null;
export const selectCanUndo = (s: EditorState): boolean => (s.history ? H.canUndo(s.history) : false);
export const selectCanRedo = (s: EditorState): boolean => (s.history ? H.canRedo(s.history) : false);
