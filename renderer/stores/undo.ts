/**
 * One undo/redo over two histories: the open scenario's and the
 * organisation's readiness answers (organisation.ts says why they are
 * separate). An organisation step remembers the scenario document open when
 * it was made; it is next in line exactly while that document is the
 * present one, i.e. after every later scenario edit has been undone.
 */
import { selectCanRedo, selectCanUndo, selectDoc, useEditor } from './editor.ts';
import { organisationRedoAt, organisationUndoAt, useOrganisation } from './organisation.ts';

export function undoLastEdit(): void {
  const editor = useEditor.getState();
  const organisation = useOrganisation.getState();
  if (organisationUndoAt(organisation.history, selectDoc(editor))) organisation.undo();
  else editor.undo();
}

export function redoNextEdit(): void {
  const editor = useEditor.getState();
  const organisation = useOrganisation.getState();
  if (organisationRedoAt(organisation.history, selectDoc(editor))) organisation.redo();
  else editor.redo();
}

export function useCanUndo(): boolean {
  const doc = useEditor(selectDoc);
  const scenario = useEditor(selectCanUndo);
  const history = useOrganisation((s) => s.history);
  return scenario || organisationUndoAt(history, doc);
}

export function useCanRedo(): boolean {
  const doc = useEditor(selectDoc);
  const scenario = useEditor(selectCanRedo);
  const history = useOrganisation((s) => s.history);
  return scenario || organisationRedoAt(history, doc);
}
