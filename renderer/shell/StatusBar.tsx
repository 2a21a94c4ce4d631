/** Bottom bar: what is open and whether it is saved. */
import { statusLabel } from '../editing/autosave.ts';
import { selectDoc, useEditor } from '../stores/editor.ts';
import { useSave } from '../stores/save.ts';
import { retrySave } from '../stores/session.ts';

export function StatusBar() {
  const save = useSave((s) => s.save);
  const doc = useEditor(selectDoc);
  return (
    <footer className="status-bar">
      <div className="status-save">
        {save ? (
          <>
            <span className={`status-dot status-${save.status}`} aria-hidden="true" />
            <span role="status" aria-label="Save status" className="status-text">
              {statusLabel(save)}
            </span>
            {save.status === 'error' && save.error?.code !== 'invalid' ? (
              <button type="button" className="btn btn-small" onClick={() => void retrySave()}>
                Retry
              </button>
            ) : null}
          </>
        ) : (
          <span className="status-text muted">No scenario open</span>
        )}
      </div>
      <div className="status-doc">
        {doc && save ? (
          <span>
            {doc.name || 'Untitled'} · revision {save.revision}
          </span>
        ) : null}
      </div>
      <div className="status-hint muted">{doc ? 'Ctrl+Z undo · Ctrl+Shift+Z redo' : 'Podplan'}</div>
    </footer>
  );
}
