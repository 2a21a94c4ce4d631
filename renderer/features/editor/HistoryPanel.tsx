/** Snapshots of the open scenario: take one with a label, restore one (after confirmation). */
import { useEffect, useState } from 'react';
import type { SnapshotReason, SnapshotSummary } from '../../../sim/api/contract.ts';
import { errorInfo } from '../../api/errors.ts';
import { notifyError, useNotices } from '../../stores/notices.ts';
import { useSnapshots } from './snapshots-store.ts';
import { formatDateTime } from '../../model/text.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';

const REASON_LABELS: Record<SnapshotReason, string> = {
  created: 'Created',
  manual: 'Snapshot',
  auto: 'Automatic',
  import: 'Imported',
  'before-restore': 'Before restore',
};

export function snapshotTitle(snapshot: SnapshotSummary): string {
  return snapshot.label.trim() || REASON_LABELS[snapshot.reason];
}

export function HistoryPanel({ scenarioId }: { scenarioId: string }) {
  const { items, loading, error, busy, refresh, take, restore } = useSnapshots();
  const [label, setLabel] = useState('');
  const [restoring, setRestoring] = useState<SnapshotSummary | null>(null);

  useEffect(() => {
    void refresh(scenarioId);
  }, [scenarioId, refresh]);

  const onTake = async () => {
    try {
      const snapshot = await take(label.trim());
      setLabel('');
      useNotices.getState().push({ kind: 'success', title: `Snapshot “${snapshotTitle(snapshot)}” taken`, message: `Revision ${snapshot.revision}.` });
    } catch (e) {
      notifyError('Could not take a snapshot', errorInfo(e));
    }
  };

  const onRestore = async () => {
    const snapshot = restoring;
    if (!snapshot) return;
    try {
      await restore(snapshot.id);
      useNotices.getState().push({
        kind: 'success',
        title: `Restored “${snapshotTitle(snapshot)}”`,
        message: 'The state before the restore was kept as a snapshot.',
      });
    } catch (e) {
      notifyError('Could not restore the snapshot', errorInfo(e));
    } finally {
      setRestoring(null);
    }
  };

  return (
    <aside className="history-panel" aria-label="History">
      <h2 className="panel-title">History</h2>
      <form
        className="snapshot-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onTake();
        }}
      >
        <label htmlFor="snapshot-label" className="field-label">
          Snapshot label
        </label>
        <div className="inline-form">
          <input
            id="snapshot-label"
            className="input"
            data-native-undo
            placeholder="e.g. Before hiring plan"
            maxLength={200}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Take snapshot
          </button>
        </div>
      </form>

      {error ? (
        <div className="banner banner-error compact" role="alert">
          Could not load the history: {error.message}
        </div>
      ) : null}
      {loading && items.length === 0 ? <p className="muted">Loading…</p> : null}
      {!loading && items.length === 0 && !error ? <p className="muted">No snapshots yet.</p> : null}

      <ol className="snapshot-list" aria-label="Snapshots">
        {items.map((snapshot) => (
          <li key={snapshot.id} className="snapshot-item">
            <div className="snapshot-main">
              <span className="snapshot-label">{snapshotTitle(snapshot)}</span>
              <span className="snapshot-meta">
                <span className={`badge badge-${snapshot.reason}`}>{REASON_LABELS[snapshot.reason]}</span>
                <span>rev {snapshot.revision}</span>
                <time dateTime={snapshot.createdAt}>{formatDateTime(snapshot.createdAt)}</time>
              </span>
            </div>
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Restore ${snapshotTitle(snapshot)} (revision ${snapshot.revision})`}
              disabled={busy}
              onClick={() => setRestoring(snapshot)}
            >
              Restore
            </button>
          </li>
        ))}
      </ol>

      <ConfirmDialog
        open={restoring !== null}
        title={restoring ? `Restore “${snapshotTitle(restoring)}”?` : 'Restore snapshot?'}
        confirmLabel="Restore"
        busy={busy}
        onConfirm={() => void onRestore()}
        onCancel={() => setRestoring(null)}
      >
        <p>
          The scenario goes back to revision {restoring?.revision}. The current state is kept as a snapshot first, so you can come back to
          it.
        </p>
      </ConfirmDialog>
    </aside>
  );
}
