/** Warns before the window closes with edits not yet stored, and tries to save them. */
import { useEffect } from 'react';
import { flushSave, hasUnsavedChanges } from '../../stores/session.ts';

export function useBeforeUnload(): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      void flushSave();
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
