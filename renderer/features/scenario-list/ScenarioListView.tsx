/** The scenario list: open, create, duplicate, rename inline, export, delete (with undo), import. */
import { useEffect, useRef, useState } from 'react';
import type { ScenarioSummary } from '../../../sim/api/contract.ts';
import { errorInfo } from '../../api/errors.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { GettingStarted } from './GettingStarted.tsx';
import { ImportButton } from './ImportButton.tsx';
import { exportScenario } from '../../files/transfer.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { notifyError, useNotices } from '../../stores/notices.ts';
import { createAndOpenScenario, useScenarioList } from '../../stores/scenario-list.ts';
import { formatDateTime } from '../../model/text.ts';
import './scenario-list.css';

function RenameForm({ item, onDone }: { item: ScenarioSummary; onDone(): void }) {
  const [name, setName] = useState(item.name);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const rename = useScenarioList((s) => s.rename);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.select();
  }, []);

  const submit = async () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setProblem('A name is required.');
      return;
    }
    if (trimmed === item.name) {
      onDone();
      return;
    }
    setBusy(true);
    try {
      await rename(item.id, trimmed);
      onDone();
    } catch (error) {
      setBusy(false);
      notifyError(`Could not rename “${item.name}”`, errorInfo(error));
    }
  };

  return (
    <form
      className="rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <input
        ref={inputRef}
        className="input"
        data-native-undo
        aria-label={`New name for ${item.name}`}
        aria-invalid={problem ? true : undefined}
        value={name}
        disabled={busy}
        maxLength={200}
        onChange={(e) => {
          setName(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        Save name
      </button>
      <button type="button" className="btn btn-small" onClick={onDone} disabled={busy}>
        Cancel
      </button>
      {problem ? <span className="field-error">{problem}</span> : null}
    </form>
  );
}

export function ScenarioListView() {
  const { items, loaded, loading, error, highlightId, refresh, duplicate, remove, undelete } = useScenarioList();
  const navigate = useNavigation((s) => s.navigate);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ScenarioSummary | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const confirmDelete = async () => {
    const item = deleting;
    if (!item) return;
    setBusy(true);
    try {
      await remove(item.id);
      useNotices.getState().push({
        kind: 'info',
        title: `Deleted “${item.name}”`,
        action: {
          label: 'Undo',
          run: async () => {
            try {
              await undelete(item.id);
              useNotices.getState().push({ kind: 'success', title: `Restored “${item.name}”` });
            } catch (e) {
              notifyError(`Could not restore “${item.name}”`, errorInfo(e));
            }
          },
        },
        timeoutMs: 15_000,
      });
    } catch (e) {
      notifyError(`Could not delete “${item.name}”`, errorInfo(e));
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  };

  const onDuplicate = async (item: ScenarioSummary) => {
    try {
      await duplicate(item.id);
    } catch (e) {
      notifyError(`Could not duplicate “${item.name}”`, errorInfo(e));
    }
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">Scenarios</h1>
          <p className="page-subtitle">Org designs you can edit, snapshot, compare and share as .podplan.json files.</p>
        </div>
        <div className="toolbar">
          <ImportButton />
          <button type="button" className="btn btn-primary" onClick={() => void createAndOpenScenario()}>
            New scenario
          </button>
        </div>
      </div>

      {error ? (
        <div className="banner banner-error" role="alert">
          <div>
            <strong>Could not load the scenarios.</strong> {error.message}
          </div>
          <button type="button" className="btn btn-small" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      ) : null}

      {!loaded && loading ? <p className="muted">Loading scenarios…</p> : null}

      {loaded ? <GettingStarted sampleId={items.find((i) => i.isSample)?.id ?? null} /> : null}

      {loaded && items.length === 0 ? (
        <div className="empty">
          <p>No scenarios yet.</p>
          <p className="muted">Create one, or import a .podplan.json file.</p>
        </div>
      ) : null}

      {items.length > 0 ? (
        <table className="table scenario-table" aria-label="Scenarios">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Teams
              </th>
              <th scope="col" className="num">
                Positions
              </th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className={item.id === highlightId ? 'is-highlighted' : undefined} aria-label={item.name}>
                <td className="scenario-name-cell">
                  {renaming === item.id ? (
                    <RenameForm item={item} onDone={() => setRenaming(null)} />
                  ) : (
                    <>
                      <a
                        className="scenario-link"
                        href={`#/scenario/${encodeURIComponent(item.id)}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate({ view: 'editor', scenarioId: item.id });
                        }}
                      >
                        {item.name}
                      </a>
                      {item.isSample ? <span className="badge">Sample</span> : null}
                      {item.description ? <p className="scenario-description">{item.description}</p> : null}
                    </>
                  )}
                </td>
                <td className="num">{item.teamCount}</td>
                <td className="num">{item.positionCount}</td>
                <td className="nowrap muted">{formatDateTime(item.updatedAt)}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small btn-ghost" aria-label={`Rename ${item.name}`} onClick={() => setRenaming(item.id)}>
                    Rename
                  </button>
                  <button type="button" className="btn btn-small btn-ghost" aria-label={`Duplicate ${item.name}`} onClick={() => void onDuplicate(item)}>
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={`Export ${item.name}`}
                    onClick={() => void exportScenario(item.id, item.name)}
                  >
                    Export
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost btn-danger-text"
                    aria-label={`Delete ${item.name}`}
                    onClick={() => setDeleting(item)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete “${deleting.name}”?` : 'Delete scenario?'}
        confirmLabel="Delete"
        danger
        busy={busy}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>It disappears from the list, with its snapshots. You can undo this right after.</p>
      </ConfirmDialog>
    </div>
  );
}
