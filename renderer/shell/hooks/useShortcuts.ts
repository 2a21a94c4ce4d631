/**
 * App-level keyboard shortcuts. Undo/redo are the editor's (every keystroke
 * in a scenario field is already an undoable edit, coalesced per field), so
 * they work in and out of text fields and after blur. Fields that are not
 * part of the document (snapshot label, rename, file names) opt out with
 * `data-native-undo` and keep the browser's own undo.
 */
import { useEffect } from 'react';
import { useEditor } from '../../stores/editor.ts';
import { redoNextEdit, undoLastEdit } from '../../stores/undo.ts';

export type ShortcutAction = 'undo' | 'redo' | null;

export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): ShortcutAction {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      const editor = useEditor.getState();
      if (editor.status !== 'ready') return;
      const target = event.target;
      if (target instanceof Element && target.closest('[data-native-undo], dialog[open]')) return;
      event.preventDefault();
      // The scenario's edits and the organisation's readiness answers, in the order they were made.
      if (action === 'undo') undoLastEdit();
      else redoNextEdit();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
