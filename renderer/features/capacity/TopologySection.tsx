/**
 * Topology-aware scheduling in GPU capacity (M9, Kueue TAS): Topology
 * objects (levels from block down to node), which ResourceFlavors follow
 * one, and how each pool of such a flavor sits in racks and blocks ("8
 * nodes per rack, 32 per block"), so the simulator can place jobs in one
 * rack and tell why one cannot be. Every edit is one undoable scenario edit.
 */
import { HOSTNAME_LABEL, type Cluster, type NodePool } from '../../../sim/cluster/schema.ts';
import { levelWord, topologyOfFlavor } from '../../../sim/cluster/topology.ts';
import { addTopology, removeTopology, renameTopology, setFlavorTopology, setPoolNodesPerDomain, setTopologyLevels } from '../../../sim/edits/topology.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { fieldAttrs, type IssueIndex } from '../../model/cluster/issues.ts';
import { plural } from '../../model/text.ts';
import { useEditor } from '../../stores/editor.ts';
import { FieldMessages } from '../../ui/FieldMessages.tsx';
import { NumberField } from '../../ui/NumberField.tsx';

const apply = (edit: (d: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
const seal = () => useEditor.getState().seal();

export function TopologySection({ cluster, issues }: { cluster: Cluster; issues: IssueIndex }) {
  const topologies = cluster.topologies ?? [];
  const tasPools = cluster.nodePools.map((pool, index) => ({ pool, index })).filter(({ pool }) => topologyOfFlavor(cluster, pool.flavor) !== null);
  return (
    <section aria-labelledby="topology-title">
      <div className="section-header">
        <h2 id="topology-title" className="section-title">
          Topology <span className="muted small">racks and blocks, for Kueue’s topology-aware scheduling</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={() => apply((d) => addTopology(d).scenario)}>
          + Add topology
        </button>
      </div>
      {topologies.length === 0 ? (
        <p className="empty">
          No topology: jobs land on any nodes of their flavor. Add one to say how nodes sit in racks and blocks; a flavor that follows it places each job’s pods as Kueue’s TAS does (in one rack when asked).
        </p>
      ) : (
        <div className="tas-topologies">
          {topologies.map((t, i) => (
            <div key={i} className="tas-topology" role="group" aria-label={`Topology ${t.name}`}>
              <label className="small">
                Name{' '}
                <input className="input input-compact" aria-label="Topology name" value={t.name} maxLength={253} {...fieldAttrs(`cluster.topologies[${i}].name`, issues)} onChange={(e) => apply((d) => renameTopology(d, i, e.target.value), `topology:${i}:name`)} onBlur={seal} />
              </label>
              <span className="small muted">Levels, broadest first:</span>
              <ol className="tas-levels">
                {t.levels.map((level, l) => (
                  <li key={l}>
                    <input
                      className="input input-compact"
                      aria-label={`Level ${l + 1} of topology ${t.name}`}
                      value={level.nodeLabel}
                      maxLength={317}
                      {...fieldAttrs(`cluster.topologies[${i}].levels[${l}].nodeLabel`, issues)}
                      onChange={(e) => apply((d) => setTopologyLevels(d, i, t.levels.map((x, k) => (k === l ? e.target.value : x.nodeLabel))), `topology:${i}:level:${l}`)}
                      onBlur={seal}
                    />{' '}
                    <span className="muted small">{levelWord(level.nodeLabel)}</span>
                    <button type="button" className="btn btn-icon btn-ghost" aria-label={`Remove level ${l + 1} of topology ${t.name}`} onClick={() => apply((d) => setTopologyLevels(d, i, t.levels.filter((_, k) => k !== l).map((x) => x.nodeLabel)))}>
                      ✕
                    </button>
                    <FieldMessages path={`cluster.topologies[${i}].levels[${l}].nodeLabel`} issues={issues} />
                  </li>
                ))}
              </ol>
              <div className="tas-topology-actions">
                <button type="button" className="btn btn-small btn-ghost" onClick={() => apply((d) => setTopologyLevels(d, i, [...t.levels.map((x) => x.nodeLabel).filter((x) => x !== HOSTNAME_LABEL), '', ...(t.levels.some((x) => x.nodeLabel === HOSTNAME_LABEL) ? [HOSTNAME_LABEL] : [])]))}>
                  + Level
                </button>
                <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove topology ${t.name}`} onClick={() => apply((d) => removeTopology(d, i))}>
                  Remove topology
                </button>
              </div>
              <FieldMessages path={`cluster.topologies[${i}].name`} issues={issues} />
              <FieldMessages path={`cluster.topologies[${i}].levels`} issues={issues} />
            </div>
          ))}
        </div>
      )}
      {topologies.length > 0 && cluster.flavors.length > 0 ? (
        <table className="table compact-table tas-flavors" aria-label="Flavors and their topology">
          <thead>
            <tr>
              <th scope="col">Flavor</th>
              <th scope="col">Topology (TAS)</th>
            </tr>
          </thead>
          <tbody>
            {cluster.flavors.map((f, i) => (
              <tr key={i}>
                <th scope="row">{f.name}</th>
                <td>
                  <select className="input input-compact" aria-label={`Topology of flavor ${f.name}`} value={f.topologyName ?? ''} {...fieldAttrs(`cluster.flavors[${i}].topologyName`, issues)} onChange={(e) => apply((d) => setFlavorTopology(d, f.name, e.target.value || undefined))}>
                    <option value="">none (any node of the flavor)</option>
                    {f.topologyName !== undefined && !topologies.some((t) => t.name === f.topologyName) ? <option value={f.topologyName}>{f.topologyName} — not defined</option> : null}
                    {topologies.map((t) => (
                      <option key={t.name} value={t.name}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                  <FieldMessages path={`cluster.flavors[${i}].topologyName`} issues={issues} />
                  <FieldMessages path={`cluster.flavors[${i}].nodeLabels`} issues={issues} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {tasPools.length > 0 ? (
        <table className="table compact-table tas-layouts" aria-label="Node layout of TAS pools">
          <thead>
            <tr>
              <th scope="col">Pool</th>
              <th scope="col">Nodes per domain</th>
              <th scope="col">Gives</th>
            </tr>
          </thead>
          <tbody>
            {tasPools.map(({ pool, index }) => (
              <PoolLayout key={pool.id} pool={pool} index={index} cluster={cluster} issues={issues} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function PoolLayout({ pool, index, cluster, issues }: { pool: NodePool; index: number; cluster: Cluster; issues: IssueIndex }) {
  const topology = topologyOfFlavor(cluster, pool.flavor)!;
  const levels = topology.levels.map((l) => l.nodeLabel).filter((l) => l !== HOSTNAME_LABEL);
  const per = pool.topology?.nodesPerDomain ?? {};
  const path = `cluster.nodePools[${index}].topology`;
  return (
    <tr aria-label={`Layout of ${pool.name}`}>
      <th scope="row">
        {pool.name} <span className="muted small">{pool.flavor}</span>
      </th>
      <td>
        <div className="tas-layout-fields">
          {[...levels].reverse().map((label) => (
            <label key={label} className="small">
              nodes per {levelWord(label)}{' '}
              <NumberField
                className="input input-compact input-tiny"
                aria-label={`Nodes per ${levelWord(label)} in ${pool.name}`}
                nullable
                value={per[label] ?? null}
                min={1}
                max={100_000}
                onValue={(v) => apply((d) => setPoolNodesPerDomain(d, pool.id, label, v ?? undefined), `pool:${pool.id}:layout:${label}`)}
                onBlur={seal}
              />
            </label>
          ))}
        </div>
        <FieldMessages path={path} issues={issues} />
        <FieldMessages path={`${path}.nodesPerDomain`} issues={issues} />
      </td>
      <td className="small">{layoutWords(pool, levels)}</td>
    </tr>
  );
}

/** "8 nodes → 4 racks in 1 block", from the pool's node count and layout. */
function layoutWords(pool: NodePool, levels: readonly string[]): string {
  const per = pool.topology?.nodesPerDomain ?? {};
  if (levels.some((l) => per[l] === undefined)) return 'set every level';
  const parts = [...levels].reverse().map((l) => plural(Math.ceil(pool.nodeCount / per[l]!), levelWord(l)));
  return `${plural(pool.nodeCount, 'node')} → ${parts.join(' in ')}`;
}
