/**
 * Opening and closing a scenario: loads it into the editor store, connects
 * the document to an Autosaver (whose state goes to the save store), and
 * resolves conflicts. The one place where editing and saving meet.
 */
import type { ScenarioRecord } from '../../sim/api/contract.ts';
import { api } from '../api/api.ts';
import { errorInfo } from '../api/errors.ts';
import { Autosaver } from '../editing/autosave.ts';
import { createOffThreadSave, type SaveChanges } from '../editing/offthread-save.ts';
import { createScenarioChecker, scenarioChanges } from '../../sim/scenario/index.ts';
import { useEditor } from './editor.ts';
import { useNotices } from './notices.ts';
import { useSave } from './save.ts';

let saver: Autosaver | null = null;
let unsubscribe: (() => void) | null = null;
let loadToken = 0;

const saveDirectly: SaveChanges = (id, changes, baseRevision) => api().saveScenarioChanges(id, changes, baseRevision);
let saveScenario: SaveChanges | null = null;

/** One save worker for the app's lifetime, started with the first scenario opened; without workers, saves go directly. */
function saveOffThread(): SaveChanges {
  if (!saveScenario) {
    let worker: Worker | null = null;
    try {
      worker = typeof Worker === 'undefined' ? null : new Worker(new URL('../editing/save.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      worker = null;
    }
    saveScenario = createOffThreadSave(worker, saveDirectly);
  }
  return saveScenario;
}

function attach(record: ScenarioRecord): void {
  detach();
  const instance = new Autosaver(record, {
    // Only what changed since the last save goes to the worker and over the wire.
    save: (id, scenario, baseRevision, base) => saveOffThread()(id, scenarioChanges(base, scenario), baseRevision),
    fetchCurrent: (id) => api().getScenario(id),
    // Checks again only what an edit changed: a 5,000-position scenario is otherwise ~25 ms per save.
    validate: createScenarioChecker(record.scenario),
    onState: (state) => {
      if (saver === instance) useSave.getState().setSave(state);
    },
  });
  saver = instance;
  useEditor.getState().load(record.scenario);
  useSave.getState().setSave(instance.state);
  unsubscribe = useEditor.subscribe((state, previous) => {
    const doc = state.history?.present;
    if (doc && doc !== previous.history?.present && saver === instance) instance.edit(doc);
  });
}

function detach(): void {
  unsubscribe?.();
  unsubscribe = null;
  saver?.dispose();
  saver = null;
  useSave.getState().setSave(null);
}

/** Saves pending edits now; resolves false when they could not be saved (error or conflict). */
export async function flushSave(): Promise<boolean> {
  return saver ? saver.flush() : true;
}

/** Puts autosaving off until the returned release is called (see Autosaver.hold). */
export function holdAutosave(): () => void {
  return saver?.hold() ?? (() => {});
}

export function hasUnsavedChanges(): boolean {
  return saver?.hasUnsavedChanges ?? false;
}

/** Opens a scenario in the editor (saving the one open before, if any). */
export async function openScenario(id: string): Promise<void> {
  const editor = useEditor.getState();
  if (editor.scenarioId === id && editor.status === 'ready') return;
  if (saver && saver.id !== id && !(await closeScenario())) return;
  const token = ++loadToken;
  useEditor.getState().begin(id);
  try {
    const record = await api().getScenario(id);
    if (token !== loadToken) return;
    attach(record);
  } catch (error) {
    if (token !== loadToken) return;
    useEditor.getState().fail(id, errorInfo(error));
  }
}

/** Loads a record the backend returned (after a restore) as the editor's new starting point. */
export function loadRecord(record: ScenarioRecord): void {
  attach(record);
}

/**
 * Closes the editor after saving pending edits. When they cannot be saved
 * (an error or a conflict) the editor stays open and the caller is told, so
 * edits are never dropped on the way out; `discardAndClose` forces it.
 */
export async function closeScenario(): Promise<boolean> {
  loadToken++;
  const ok = await flushSave();
  if (!ok && saver) return false;
  discardAndClose();
  return true;
}

export function discardAndClose(): void {
  loadToken++;
  detach();
  useEditor.getState().close();
}

/** Conflict: overwrite what is stored with this editor's document. */
export async function keepMine(): Promise<void> {
  if (!saver) return;
  await saver.keepMine();
}

/** Conflict: show what is stored; the user's version stays one undo away. */
export function reloadTheirs(): void {
  if (!saver) return;
  const instance = saver;
  const theirs = instance.takeTheirs();
  if (!theirs) return;
  // Record theirs as an edit so Ctrl+Z brings the user's version back; the
  // autosaver already treats theirs as saved, so nothing is sent.
  useEditor.getState().seal();
  useEditor.getState().apply(() => theirs);
  useEditor.getState().seal();
  useNotices.getState().push({
    kind: 'info',
    title: 'Loaded the version saved elsewhere',
    message: 'Your edits are one undo away (Ctrl+Z) if you want them back.',
  });
}

export async function retrySave(): Promise<void> {
  await saver?.retry();
}
