/**
 * The organisation's readiness answers in the UI: one set per workspace,
 * shared by every scenario that does not override them. Loaded from the
 * backend, saved after every edit (one request at a time, the latest
 * answers last; last write wins, as the API says).
 *
 * These edits get their own undo history: the scenario's history holds
 * scenario documents, and the organisation's answers are not part of any.
 * Each step remembers the scenario document that was open when it was made,
 * so `undo.ts` can put both histories under one Ctrl+Z, in the order the
 * edits were made.
 */
import { create } from 'zustand';
import type { ReadinessAnswers } from '../../sim/readiness/schema.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { api } from '../api/api.ts';
import { errorInfo, type ErrorInfo } from '../api/errors.ts';
import * as H from '../editing/history.ts';
import { patchAnswers, type ReadinessPatch } from '../../sim/edits/readiness.ts';
import { useEditor } from './editor.ts';

export interface OrganisationStep {
  /** Null while the workspace has none (a backend that never seeded them). */
  answers: ReadinessAnswers | null;
  /** The scenario document open when this step was made (null: none, or the loaded state). */
  at: Scenario | null;
}

export type OrganisationSave = 'saved' | 'saving' | 'error';

export interface OrganisationState {
  /** 'ready' once loaded; 'error' when loading failed (scenarios then use their own answers). */
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: ErrorInfo | null;
  history: H.History<OrganisationStep> | null;
  save: OrganisationSave;
  saveError: ErrorInfo | null;
  /** Loads the answers (again: another window may have changed them), unless edits are still being saved. */
  load(): Promise<void>;
  /** Edits the answers; changes with the same `coalesceKey` in quick succession are one undo step. */
  edit(patch: ReadinessPatch, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  seal(): void;
  retrySave(): void;
}

/** The answers as known now; null while not loaded or where the workspace has none. */
export const selectOrganisationAnswers = (s: OrganisationState): ReadinessAnswers | null => s.history?.present.answers ?? null;

const openDocument = (): Scenario | null => useEditor.getState().history?.present ?? null;

// Saving: one request in flight; edits meanwhile replace the queued answers.
let inFlight = false;
let queued: ReadinessAnswers | null = null;
/** Bumped by every change, so a load that started before one does not overwrite it. */
let changes = 0;

export const useOrganisation = create<OrganisationState>()((set, get) => {
  async function pump(): Promise<void> {
    inFlight = true;
    set({ save: 'saving', saveError: null });
    while (queued) {
      const answers = queued;
      queued = null;
      try {
        await api().putOrganisationReadiness(answers);
      } catch (error) {
        inFlight = false;
        set({ save: 'error', saveError: errorInfo(error) });
        return;
      }
    }
    inFlight = false;
    set({ save: 'saved' });
  }

  /** Saves these answers next (after the request in flight, if any); every change counts, even one that leaves nothing to save. */
  function queueSave(answers: ReadinessAnswers | null): void {
    changes++;
    if (answers === null) return;
    queued = answers;
    if (!inFlight) void pump();
  }

  return {
    status: 'idle',
    loadError: null,
    history: null,
    save: 'saved',
    saveError: null,
    async load() {
      if (inFlight || queued) return;
      const first = get().status !== 'ready';
      if (first) set({ status: 'loading', loadError: null });
      const before = changes;
      try {
        const { answers } = await api().getOrganisationReadiness();
        if (changes !== before) return; // edited meanwhile: what the user did wins
        const present = get().history?.present.answers;
        if (!first && JSON.stringify(present) === JSON.stringify(answers)) return;
        set({ status: 'ready', loadError: null, history: H.createHistory({ answers, at: null }) });
      } catch (error) {
        if (first) set({ status: 'error', loadError: errorInfo(error) });
      }
    },
    edit(patch, coalesceKey) {
      const { history } = get();
      if (!history) return;
      const current = history.present.answers ?? { notes: '' };
      const next = patchAnswers(current, patch);
      if (next === history.present.answers) return;
      set({ history: H.record(history, { answers: next, at: openDocument() }, { now: Date.now(), ...(coalesceKey ? { coalesceKey } : {}) }) });
      queueSave(next);
    },
    undo() {
      const { history } = get();
      if (!history || !H.canUndo(history)) return;
      const next = H.undo(history);
      set({ history: next });
      queueSave(next.present.answers);
    },
    redo() {
      const { history } = get();
      if (!history || !H.canRedo(history)) return;
      const next = H.redo(history);
      set({ history: next });
      queueSave(next.present.answers);
    },
    seal() {
      const { history } = get();
      if (history) set({ history: H.seal(history) });
    },
    retrySave() {
      queueSave(selectOrganisationAnswers(get()));
    },
  };
});

/** The step an undo would take back: made while this scenario document was open (else the scenario's own edits come first). */
export function organisationUndoAt(history: H.History<OrganisationStep> | null, doc: Scenario | null): boolean {
  return history !== null && doc !== null && H.canUndo(history) && history.present.at === doc;
}

/** The step a redo would make again, made while this scenario document was open. */
export function organisationRedoAt(history: H.History<OrganisationStep> | null, doc: Scenario | null): boolean {
  const next = history?.future[history.future.length - 1];
  return next !== undefined && doc !== null && next.at === doc;
}
