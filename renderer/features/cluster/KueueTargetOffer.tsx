/**
 * The Kueue version the connected cluster runs, and the offer to make it the
 * scenario's target (M13). What could not be read (a 403, no Kueue) is said
 * as the cluster check found it.
 */
import type { KueueDetection } from '../../../sim/api/cluster.ts';
import { kueueVersionLabel, type KueueVersion } from '../../../sim/cluster/kueue-versions.ts';
import { setKueueVersion } from '../../../sim/edits/policy.ts';
import { useEditor } from '../../stores/editor.ts';

export function KueueTargetOffer({ detected, current }: { detected: KueueDetection; current: KueueVersion }) {
  const target = detected.target;
  return (
    <div className="kueue-target-offer" aria-label="Kueue version on the cluster">
      <p>
        <strong>Kueue version:</strong> {detected.managerRelease ?? (detected.installed === null ? 'unknown' : detected.installed ? 'not readable' : 'not installed')}
        {target ? (
          target === current ? (
            <span className="muted"> · the scenario targets it ({kueueVersionLabel(current)})</span>
          ) : (
            <>
              {' '}
              · the scenario targets {kueueVersionLabel(current)}{' '}
              <button type="button" className="btn btn-small" onClick={() => useEditor.getState().apply((d) => setKueueVersion(d, target))}>
                Target Kueue {target}
              </button>
            </>
          )
        ) : null}
      </p>
      <ul className="muted small">
        {detected.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
