/**
 * GPU capacity (M8): the node pools (flavor, GPU model, shape, count, cost)
 * with capacity changes by month, and the GPUs each flavor has month by
 * month with what they cost, what the teams use of them and what sits idle:
 * the cost model's own figures (`CostBreakdown.gpu`), so this tab and Costs
 * show the same dollars. Every edit goes through the editor store
 * (undoable, autosaved).
 */
import { useMemo, useState, type MouseEvent } from 'react';
import { capacityByFlavor } from '../../../sim/cluster/capacity.ts';
import { gpuCapacityByMonth, HOURS_PER_MONTH } from '../../../sim/cost/scenario-costs.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { fieldAttrs, fieldId, indexIssues, type IssueIndex } from '../../model/cluster/issues.ts';
import {
  addCapacityChange,
  addFlavor,
  addNodePool,
  NEW_POOL_SHAPE,
  removeCapacityChange,
  removeNodePool,
  renameFlavor,
  slugify,
  updateCapacityChange,
  updateNodePool,
  type NodePoolPatch,
} from '../../../sim/edits/policy.ts';
import { capacityMonths } from '../../model/cluster/summary-format.ts';
import type { NodePool } from '../../../sim/cluster/schema.ts';
import { FieldMessages } from '../../ui/FieldMessages.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { PolicyIssueList } from '../../ui/PolicyIssueList.tsx';
import { useFocusRequest } from '../../hooks/useFocusRequest.ts';
import { useCostsWithGpuUse } from '../../stores/gpu-use-source.ts';
import { applyEdit, useEditor } from '../../stores/editor.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { useNotices } from '../../stores/notices.ts';
import { plural } from '../../model/text.ts';
import { TopologySection } from './TopologySection.tsx';
import './capacity.css';

const NEW_FLAVOR = '\u0000new';

const apply = (edit: (d: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
const seal = () => useEditor.getState().seal();

export function CapacityView({ doc, issues }: { doc: Scenario; issues: IssueIndex }) {
  useFocusRequest();
  const cluster = doc.cluster;
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [focusPool, setFocusPool] = useState<string | null>(null);
  const poolIssues = useMemo(() => indexIssues(issues.within('cluster.nodePools')), [issues]);
  const flavorNames = [...new Set(cluster.flavors.map((f) => f.name))];

  return (
    <div className="gpu-section">
      <PolicyIssueList issues={poolIssues} cluster={cluster} scenarioId={doc.id} title="Capacity check" />
      <section aria-labelledby="pools-title">
        <div className="section-header">
          <h2 id="pools-title" className="section-title">
            Node pools <span className="muted small">the GPU servers the cluster has, and when that changes</span>
          </h2>
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => {
              const added = applyEdit(addNodePool);
              if (added) setFocusPool(added.pool.id);
            }}
          >
            + Add node pool
          </button>
        </div>
        {cluster.nodePools.length === 0 ? (
          <p className="empty">
            No node pools yet. Add one, or import the GPU nodes of a live cluster from the Cluster tab. A new pool starts from the {NEW_POOL_SHAPE.source}.
          </p>
        ) : (
          <table className="table pools-table" aria-label="Node pools">
            <colgroup>
              <col className="col-pool-name" />
              <col className="col-pool-flavor" />
              <col className="col-pool-model" />
              <col className="col-pool-num" />
              <col className="col-pool-num" />
              <col className="col-pool-num" />
              <col className="col-pool-num" />
              <col className="col-pool-cost" />
              <col className="col-pool-changes" />
              <col className="col-remove" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Pool</th>
                <th scope="col">Flavor</th>
                <th scope="col">GPU model</th>
                <th scope="col" className="num">
                  GPUs / node
                </th>
                <th scope="col" className="num">
                  Nodes
                </th>
                <th scope="col" className="num">
                  CPU cores / node
                </th>
                <th scope="col" className="num">
                  Memory GiB / node
                </th>
                <th scope="col" className="num">
                  $ / GPU-hour
                </th>
                <th scope="col">Changes</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cluster.nodePools.map((pool, i) => (
                <PoolRows
                  key={pool.id}
                  pool={pool}
                  index={i}
                  issues={issues}
                  flavorNames={flavorNames}
                  open={Boolean(open[pool.id])}
                  autoFocus={focusPool === pool.id}
                  onToggle={() => setOpen({ ...open, [pool.id]: !open[pool.id] })}
                />
              ))}
            </tbody>
          </table>
        )}
        {cluster.nodePools.length > 0 ? (
          <p className="muted small">
            New pools copy the last one; the first starts from the {NEW_POOL_SHAPE.source}. Cost per GPU-hour is your figure (on-demand or amortised).
          </p>
        ) : null}
      </section>
      <TopologySection cluster={cluster} issues={issues} />
      <CapacityByMonth doc={doc} />
    </div>
  );
}

interface PoolRowsProps {
  pool: NodePool;
  index: number;
  issues: IssueIndex;
  flavorNames: readonly string[];
  open: boolean;
  autoFocus: boolean;
  onToggle(): void;
}

function PoolRows({ pool, index, issues, flavorNames, open, autoFocus, onToggle }: PoolRowsProps) {
  const id = pool.id;
  const base = `cluster.nodePools[${index}]`;
  const update = (patch: NodePoolPatch, field: string) => apply((d) => updateNodePool(d, id, patch), `pool:${id}:${field}`);
  const label = pool.name || `pool ${index + 1}`;
  const changes = [...pool.capacityChanges.entries()].sort((a, b) => a[1].month - b[1].month);
  const rowIssues = issues.within(base).length > 0;
  return (
    <>
      <tr aria-label={`Node pool ${index + 1}: ${label}`} className={rowIssues ? 'has-issues' : undefined}>
        <td>
          <input className="input input-compact" aria-label="Pool name" value={pool.name} maxLength={200} autoFocus={autoFocus} {...fieldAttrs(`${base}.name`, issues)} onChange={(e) => update({ name: e.target.value }, 'name')} onBlur={seal} />
        </td>
        <td>
          <select
            className="input input-compact"
            aria-label="Flavor"
            value={pool.flavor}
            {...fieldAttrs(`${base}.flavor`, issues)}
            onChange={(e) => {
              if (e.target.value !== NEW_FLAVOR) {
                update({ flavor: e.target.value }, 'flavor');
                return;
              }
              // A new ResourceFlavor named after the GPU model, selected for this pool (one undo step).
              apply((d) => {
                const added = addFlavor(d);
                const flavorIndex = added.scenario.cluster.flavors.length - 1;
                const name = slugify(pool.gpuModel, added.flavor.name);
                const taken = new Set(d.cluster.flavors.map((f) => f.name));
                const unique = taken.has(name) ? added.flavor.name : name;
                const named = renameFlavor(added.scenario, flavorIndex, unique);
                return updateNodePool(named, id, { flavor: unique });
              });
            }}
          >
            {flavorNames.includes(pool.flavor) ? null : <option value={pool.flavor}>{pool.flavor || '(none)'} — not defined</option>}
            {flavorNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={NEW_FLAVOR}>+ New flavor from GPU model</option>
          </select>
        </td>
        <td>
          <input className="input input-compact" aria-label="GPU model" value={pool.gpuModel} maxLength={200} onChange={(e) => update({ gpuModel: e.target.value }, 'gpuModel')} onBlur={seal} />
        </td>
        <td>
          <NumberField
            className="input input-compact num"
            aria-label="GPUs per node"
            value={pool.gpusPerNode}
            min={0}
            max={64}
            // Allowed (a CPU pool, a placeholder), but it adds no GPUs: say so rather than cost it as a GPU pool in silence.
            warning={pool.gpusPerNode === 0 ? '0 GPUs per node: this pool adds no GPUs' : null}
            onValue={(v) => update({ gpusPerNode: v }, 'gpusPerNode')} onBlur={seal} />
        </td>
        <td>
          <NumberField
            className="input input-compact num"
            aria-label="Nodes"
            id={fieldId(`${base}.nodeCount`)}
            value={pool.nodeCount}
            min={0}
            max={100_000}
            warning={pool.nodeCount === 0 ? (pool.capacityChanges.some((c) => c.nodeCount > 0) ? '0 nodes until a planned change adds some' : '0 nodes: this pool has no GPUs') : null}
            onValue={(v) => update({ nodeCount: v }, 'nodeCount')} onBlur={seal} />
        </td>
        <td>
          <NumberField className="input input-compact num" aria-label="CPU cores per node" value={pool.cpuCoresPerNode} min={0} max={4096} integer={false} onValue={(v) => update({ cpuCoresPerNode: v }, 'cpu')} onBlur={seal} />
        </td>
        <td>
          <NumberField className="input input-compact num" aria-label="Memory GiB per node" value={pool.memoryGiBPerNode} min={0} max={65_536} integer={false} onValue={(v) => update({ memoryGiBPerNode: v }, 'memory')} onBlur={seal} />
        </td>
        <td>
          <NumberField className="input input-compact num" aria-label="Cost per GPU-hour (USD)" value={pool.costPerGpuHour} min={0} max={10_000} integer={false} onValue={(v) => update({ costPerGpuHour: v }, 'cost')} onBlur={seal} />
        </td>
        <td>
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} aria-label={`Capacity changes of ${label}`} onClick={onToggle} {...fieldAttrs(`${base}.capacityChanges`, issues)}>
            {changes.length === 0 ? 'None' : changes.map(([, c]) => `m${c.month}: ${c.nodeCount}`).join(', ')} {open ? '▴' : '▾'}
          </button>
        </td>
        <td className="center">
          <button
            type="button"
            className="btn btn-icon btn-ghost"
            aria-label={`Remove node pool ${label}`}
            onClick={() => {
              apply((d) => removeNodePool(d, id));
              useNotices.getState().push({ kind: 'info', title: `Removed node pool “${label}”`, action: { label: 'Undo', run: () => useEditor.getState().undo() } });
            }}
          >
            ✕
          </button>
        </td>
      </tr>
      {rowIssues ? (
        <tr className="quota-issue-row">
          <td colSpan={10}>
            {['name', 'flavor', 'capacityChanges', 'nodeCount'].map((f) => (
              <FieldMessages key={f} path={`${base}.${f}`} issues={issues} />
            ))}
          </td>
        </tr>
      ) : null}
      {open ? (
        <tr className="pool-changes-row">
          <td colSpan={10}>
            <div className="changes" role="group" aria-label={`Planned capacity changes of ${label}`}>
              <span className="muted small">Starts with {plural(pool.nodeCount, 'node')} in month 1.</span>
              {changes.map(([i, change]) => (
                <span key={i} className="change-item">
                  <label className="small">
                    From month{' '}
                    <NumberField
                      className="input input-compact input-tiny"
                      aria-label={`Month of change ${i + 1}`}
                      value={change.month}
                      min={1}
                      max={120}
                      onValue={(month) => apply((d) => updateCapacityChange(d, id, i, { month }), `pool:${id}:change:${i}:month`)}
                      onBlur={seal}
                    />
                  </label>
                  <label className="small">
                    →{' '}
                    <NumberField
                      className="input input-compact input-tiny"
                      aria-label={`Nodes from change ${i + 1}`}
                      value={change.nodeCount}
                      min={0}
                      max={100_000}
                      onValue={(nodeCount) => apply((d) => updateCapacityChange(d, id, i, { nodeCount }), `pool:${id}:change:${i}:nodes`)}
                      onBlur={seal}
                    />{' '}
                    nodes
                  </label>
                  <button type="button" className="btn btn-icon btn-ghost" aria-label={`Remove change ${i + 1}`} onClick={() => apply((d) => removeCapacityChange(d, id, i))}>
                    ✕
                  </button>
                </span>
              ))}
              <button type="button" className="btn btn-small" onClick={() => apply((d) => addCapacityChange(d, id))}>
                + Add change
              </button>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function CapacityByMonth({ doc }: { doc: Scenario }) {
  const cluster = doc.cluster;
  const { costs } = useCostsWithGpuUse(doc);
  const navigate = useNavigation((s) => s.navigate);
  // At least the plan's months, so every month Costs count is here too.
  const horizon = doc.costModel.horizonMonths;
  const months = useMemo(() => capacityMonths(cluster, horizon, Math.max(36, horizon)), [cluster, horizon]);
  const table = useMemo(() => {
    const byMonth = months.map((m) => capacityByFlavor(cluster, m));
    const flavors = [...new Set(byMonth.flatMap((entries) => entries.map((e) => e.flavor)))];
    const rows = flavors.map((flavor) => ({
      flavor,
      gpus: byMonth.map((entries) => entries.find((e) => e.flavor === flavor)?.gpus ?? 0),
    }));
    const totals = months.map((_, i) => rows.reduce((sum, r) => sum + (r.gpus[i] ?? 0), 0));
    // The cost model's own capacity figures (same hours per month, same price override), so this tab and Costs agree.
    const capacity = gpuCapacityByMonth(cluster.nodePools, months.length, doc.costModel.gpuPricePerHour);
    return { rows, totals, cost: Array.from(capacity.cost) };
  }, [cluster, months, doc.costModel.gpuPricePerHour]);
  if (cluster.nodePools.length === 0) return null;
  const { gpu } = costs;
  const currency = costs.currency;
  const owned = gpu.billing === 'owned-capacity';
  const inPlan = (m: number) => m <= horizon;
  const use = gpu.useSource === 'simulated' ? 'simulated GPU-hours' : 'planned GPU-hours';
  const over = gpu.totalOverCapacityCost > 0;
  const toCosts = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    navigate({ view: 'editor', scenarioId: doc.id, section: 'costs' });
  };
  return (
    <section aria-labelledby="by-month-title">
      <h2 id="by-month-title" className="section-title">
        GPUs and their cost by month
      </h2>
      <p className="capacity-money">
        {owned ? (
          <>
            Over the plan’s {horizon} months the owned GPUs cost <strong data-figure="capacity">{usd(gpu.totalCapacityCost, currency)}</strong>: teams use{' '}
            <strong data-figure="used">{usd(gpu.totalUsedCost, currency)}</strong> ({use}) and <strong data-figure="idle">{usd(gpu.totalIdleCost, currency)}</strong> sits idle
            {over ? (
              <>
                ; <strong data-figure="over-capacity">{usd(gpu.totalOverCapacityCost, currency)}</strong> of use is bought beyond them
              </>
            ) : null}
            .{' '}
          </>
        ) : (
          <>
            GPUs are billed on demand (a setting in Costs): only the teams’ use is paid for, <strong data-figure="used">{usd(gpu.totalUsedCost, currency)}</strong> over{' '}
            {horizon} months ({use}); the node pools below are not counted.{' '}
          </>
        )}
        The same figures as{' '}
        <a href={`#/scenario/${encodeURIComponent(doc.id)}/costs`} onClick={toCosts}>
          Costs
        </a>
        .
      </p>
      <div className="table-scroll">
        <table className="table month-table" aria-label="GPUs per flavor by month">
          <thead>
            <tr>
              <th scope="col">Flavor</th>
              {months.map((m) => (
                <th key={m} scope="col" className="num">
                  m{m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.flavor}>
                <th scope="row">{row.flavor || '(no flavor)'}</th>
                {row.gpus.map((g, i) => (
                  <td key={i} className={`num${i > 0 && g !== row.gpus[i - 1] ? ' is-change' : ''}`}>
                    {g}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="total-row">
              <th scope="row">All GPUs</th>
              {table.totals.map((t, i) => (
                <td key={i} className="num">
                  {t}
                </td>
              ))}
            </tr>
            <tr className="cost-row" aria-label="Capacity cost per month">
              <th scope="row" title={`GPUs × cost per GPU-hour × ${HOURS_PER_MONTH} hours`}>
                {owned ? 'Capacity cost / month' : 'Capacity would cost / month'}
              </th>
              {table.cost.map((c, i) => (
                <td key={i} className="num">
                  {usd(c, currency)}
                </td>
              ))}
            </tr>
            <tr className="cost-row cost-row-used" aria-label="Used by teams per month">
              <th scope="row">Used by teams ({gpu.useSource === 'simulated' ? 'simulated' : 'planned'})</th>
              {months.map((m) => (
                <td key={m} className="num">
                  {inPlan(m) ? usd(gpu.usedCost[m - 1] ?? 0, currency) : '—'}
                </td>
              ))}
            </tr>
            {owned ? (
              <tr className="cost-row cost-row-idle" aria-label="Idle per month">
                <th scope="row">Idle</th>
                {months.map((m) => (
                  <td key={m} className="num">
                    {inPlan(m) ? usd(gpu.idleCost[m - 1] ?? 0, currency) : '—'}
                  </td>
                ))}
              </tr>
            ) : null}
            {over ? (
              <tr className="cost-row" aria-label="Beyond capacity per month">
                <th scope="row">Bought beyond capacity (GPU-h)</th>
                {months.map((m) => (
                  <td key={m} className="num">
                    {inPlan(m) ? Math.round(gpu.overCapacityGpuHours[m - 1] ?? 0).toLocaleString('en-US') : '—'}
                  </td>
                ))}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Highlighted: a month where capacity changes. Capacity cost assumes every GPU is paid for all month ({HOURS_PER_MONTH} hours)
        {doc.costModel.gpuPricePerHour !== undefined ? `, at the cost model’s ${usd(doc.costModel.gpuPricePerHour, currency, 2)} per GPU-hour for every pool` : ''}.
        {months.length > horizon ? ` Use and idle are costed over the plan’s ${horizon} months (— after it).` : ''}
      </p>
      {table.rows.some((r) => !cluster.flavors.some((f) => f.name === r.flavor)) ? (
        <p className="field-warning">Some pools name a flavor that is not defined: define it under Quota policy, or pick another.</p>
      ) : null}
    </section>
  );
}

const formats = new Map<string, Intl.NumberFormat>();

/** Whole units of the scenario's currency ("$156,512"): the figures Costs show, to the dollar. */
function usd(value: number, currency: string, digits = 0): string {
  const key = `${currency}:${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f.format(value);
}
