/**
 * The policy at a glance: per team what it is guaranteed and what it could
 * borrow (a d3-scaled bar each: guaranteed solid, borrowable hatched), and
 * per flavor the quota promised against the capacity that exists, in words.
 */
import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import { formatNumber, SUMMARY_RESOURCES, summaryView } from '../../model/cluster/summary-format.ts';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import type { Team } from '../../../sim/scenario/index.ts';
import { usePolicyUi } from '../../stores/policy-ui.ts';

const BAR_WIDTH = 124;
const BAR_HEIGHT = 14;

export function GuaranteeBar({ guaranteed, maxUsable, scaleMax, label }: { guaranteed: number; maxUsable: number; scaleMax: number; label: string }) {
  const x = scaleLinear()
    .domain([0, Math.max(1, scaleMax)])
    .range([0, BAR_WIDTH])
    .clamp(true);
  const g = x(guaranteed);
  const m = x(Math.max(guaranteed, maxUsable));
  return (
    <svg className="guarantee-bar" width={BAR_WIDTH} height={BAR_HEIGHT} viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`} role="img" aria-label={label}>
      <rect x={0} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} rx={2} className="bar-track" />
      {m > g ? <rect x={g} y={0} width={m - g} height={BAR_HEIGHT} className="bar-borrow" /> : null}
      {m > g ? <rect x={g} y={0} width={m - g} height={BAR_HEIGHT} className="bar-borrow-hatch" /> : null}
      {g > 0 ? <rect x={0} y={0} width={g} height={BAR_HEIGHT} rx={2} className="bar-guaranteed" /> : null}
    </svg>
  );
}

/** The hatch pattern the borrowable part uses (defined once per page). */
export function BarPatterns() {
  return (
    <svg width="0" height="0" className="svg-defs" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="hatch-borrow" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="5" className="hatch-line" />
        </pattern>
      </defs>
    </svg>
  );
}

export function PolicySummaryPanel({ cluster, teams }: { cluster: Cluster; teams: readonly Team[] }) {
  const month = usePolicyUi((s) => s.summaryMonth);
  const resource = usePolicyUi((s) => s.summaryResource);
  const setSummary = usePolicyUi((s) => s.setSummary);
  const view = useMemo(() => summaryView(cluster, teams, { month, resource }), [cluster, teams, month, resource]);
  const unit = SUMMARY_RESOURCES.find((r) => r.resource === resource)?.label ?? resource;
  const lastMonth = Math.max(24, ...cluster.nodePools.flatMap((p) => p.capacityChanges.map((c) => c.month)));

  return (
    <aside className="summary-panel" aria-label="Policy summary">
      <BarPatterns />
      <h2 className="panel-title">Policy summary</h2>
      <div className="summary-controls">
        <div className="field">
          <label htmlFor="summary-resource" className="field-label">
            Resource
          </label>
          <select id="summary-resource" className="input input-compact" value={resource} onChange={(e) => setSummary({ resource: e.target.value })}>
            {SUMMARY_RESOURCES.map((r) => (
              <option key={r.resource} value={r.resource}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="summary-month" className="field-label">
            Capacity in month
          </label>
          <select id="summary-month" className="input input-compact" value={month} onChange={(e) => setSummary({ month: Number(e.target.value) })}>
            {Array.from({ length: lastMonth }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
      </div>

      {'error' in view ? (
        <p className="field-warning">{view.error}</p>
      ) : (
        <>
          <h3 className="summary-heading">Per flavor: promised vs. existing</h3>
          {view.sentences.length === 0 ? <p className="muted small">Nothing to compare: no flavors.</p> : null}
          <ul className="commitment-list" aria-label="Commitment per flavor">
            {view.sentences.map((s) => (
              <li key={s.flavor} className={`commitment commitment-${s.status}`}>
                {s.text}
              </li>
            ))}
          </ul>

          <h3 className="summary-heading">Per team ({unit})</h3>
          {view.teams.length === 0 ? <p className="muted small">Nothing to summarise: no team queues.</p> : null}
          {view.teams.length > 0 ? (
            <>
              <p className="bar-legend small muted" aria-hidden="true">
                <span className="legend-swatch legend-guaranteed" /> guaranteed <span className="legend-swatch legend-borrow" /> can borrow
              </p>
              <table className="summary-table" aria-label="Per team">
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col" className="num">
                      <abbr title="Guaranteed: the nominal quota">Guar.</abbr>
                    </th>
                    <th scope="col" className="num">
                      <abbr title="Max usable: the most it can hold, on all flavors together, when the rest of its cohort is idle">Max</abbr>
                    </th>
                    <th scope="col" className="num">
                      <abbr title="The largest single workload it can ever be admitted: the most on any one flavor, since a workload’s pods cannot span flavors (the GPU simulation’s “can ever hold”)">One job</abbr>
                    </th>
                    <th scope="col" className="num">
                      <abbr title="Can borrow: max usable − guaranteed">Borrow</abbr>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.teams.map((t) => (
                    <tr key={t.queueId} title={t.flavors.map((f) => `${f.flavor}: ${formatNumber(resource, f.guaranteed)} guaranteed, up to ${formatNumber(resource, f.maxUsable)}`).join('\n')}>
                      <th scope="row" className="summary-team">
                        <span className="summary-team-name">{t.label}</span>
                        <GuaranteeBar
                          guaranteed={t.guaranteed}
                          maxUsable={t.maxUsable}
                          scaleMax={view.scaleMax}
                          label={`${t.label}: ${formatNumber(resource, t.guaranteed)} guaranteed, can borrow ${formatNumber(resource, t.canBorrow)} more`}
                        />
                      </th>
                      <td className="num">{formatNumber(resource, t.guaranteed)}</td>
                      <td className="num">{formatNumber(resource, t.maxUsable)}</td>
                      <td className="num" title={t.largestWorkloadFlavor ? `on ${t.largestWorkloadFlavor}` : undefined}>
                        {formatNumber(resource, t.largestWorkload)}
                      </td>
                      <td className="num">{formatNumber(resource, t.canBorrow)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small summary-note">
                Max: what a team can hold on all its flavors together when the rest of its cohort is idle (Kueue’s borrowing and lending limits applied). One job: the largest single workload it can ever be admitted, the most on any one flavor (a workload cannot span flavors). Hover a row for flavors.
              </p>
            </>
          ) : null}
        </>
      )}
    </aside>
  );
}
