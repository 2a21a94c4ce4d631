/**
 * "Import file…": a native file input in a browser (the visible label is the
 * button; the input stays focusable for the keyboard), the native Open dialog
 * in Electron.
 */
import { useRef, useState } from 'react';
import { desktopApi } from '../../api/desktop.ts';
import { importBrowserFile, importWithDialog } from '../../files/transfer.ts';

export function ImportButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const desktop = desktopApi();

  if (desktop) {
    return (
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await importWithDialog();
          setBusy(false);
        }}
      >
        Import file…
      </button>
    );
  }

  return (
    <label className={`btn file-button${busy ? ' is-busy' : ''}`}>
      {busy ? 'Importing…' : 'Import file…'}
      <input
        ref={inputRef}
        className="visually-hidden"
        type="file"
        accept=".json,.podplan.json,application/json"
        aria-label="Import scenario file"
        disabled={busy}
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          if (!file) return;
          setBusy(true);
          await importBrowserFile(file);
          setBusy(false);
          // Allow importing the same file again.
          if (inputRef.current) inputRef.current.value = '';
        }}
      />
    </label>
  );
}
