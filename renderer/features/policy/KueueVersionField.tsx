/**
 * The Kueue version the policy targets (M9/M12/M13): a selector with what
 * it changes. Export, validation and simulation follow it; a cluster's own
 * version is offered from the Cluster view when connected.
 */
import { KUEUE_VERSIONS, kueueTargetNotes, kueueVersionLabel, isKueueVersion } from '../../../sim/cluster/kueue-versions.ts';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import { setKueueVersion } from '../../../sim/edits/policy.ts';
import { useEditor } from '../../stores/editor.ts';

export function KueueVersionField({ cluster }: { cluster: Cluster }) {
  return (
    <div className="kueue-version">
      <label className="field-row">
        <span>Target Kueue version</span>
        <select
          className="input input-compact"
          value={cluster.kueueVersion}
          onChange={(e) => {
            const version = e.target.value;
            if (isKueueVersion(version)) useEditor.getState().apply((d) => setKueueVersion(d, version));
          }}
        >
          {KUEUE_VERSIONS.map((v) => (
            <option key={v} value={v}>
              {kueueVersionLabel(v)}
            </option>
          ))}
        </select>
      </label>
      <ul className="muted small kueue-version-notes">
        {kueueTargetNotes(cluster.kueueVersion).map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
