/** Shown when a save was refused because the scenario changed elsewhere. */
import { useState } from 'react';
import { useSave } from '../../stores/save.ts';
import { keepMine, reloadTheirs } from '../../stores/session.ts';
import { formatDateTime } from '../../model/text.ts';

export function ConflictBanner() {
  const save = useSave((s) => s.save);
  const [busy, setBusy] = useState(false);
  if (!save || save.status !== 'conflict') return null;
  const theirs = save.conflict;
  return (
    <div className="banner banner-conflict" role="alert" aria-label="Save conflict">
      <div className="banner-text">
        <strong>This scenario was changed elsewhere.</strong>{' '}
        {theirs
          ? `Someone saved revision ${theirs.revision} (${formatDateTime(theirs.updatedAt)}) after you started editing. `
          : 'It was saved by another window after you started editing. '}
        Your edits are still here and have not been saved. Choose which version to keep.
      </div>
      <div className="banner-actions">
        <button type="button" className="btn" disabled={busy || !theirs} onClick={() => reloadTheirs()}>
          Reload theirs
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await keepMine();
            setBusy(false);
          }}
        >
          Keep mine (overwrite)
        </button>
      </div>
    </div>
  );
}
