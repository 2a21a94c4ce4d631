/**
 * Policy A (the scenario's) against a variant B: B changes GPU quota fields
 * of ClusterQueues (nominalQuota, borrowingLimit, lendingLimit) for the
 * comparison only (saved with the scenario, not in its policy) until the user
 * adopts B as the scenario's policy (one undoable edit, in the view). Both replay the same workloads; the table
 * shows A, B and B − A per team, over seeds (paired), with "not significant" where the difference is within its spread.
 */
import { useState } from 'react';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import { isQuantity } from '../../../sim/k8s/quantity.ts';
import type { ComparisonView } from './model/analysis-job.ts';
import { duration, gpuHours, seedsText, signed } from './model/units.ts';
import { compareOverSeeds, SPREAD_WORDS, type PairedDifference } from '../../../sim/gpu-sim/index.ts';
import { SpreadValue } from './TeamWaitTable.tsx';
import { QUOTA_FIELDS, type QuotaField } from '../../../sim/cluster/schema.ts';
import { describeEdit, gpuQuotaRows, setVariantEdit, type VariantEdit } from '../../../sim/gpu-sim/variant.ts';

const FIELD_LABELS: Record<QuotaField, string> = { nominalQuota: 'nominalQuota', borrowingLimit: 'borrowingLimit', lendingLimit: 'lendingLimit' };

export function VariantEditor({ base, edits, onChange }: { base: Cluster; edits: VariantEdit[]; onChange(edits: VariantEdit[], cell: string): void }) {
  const rows = gpuQuotaRows(base);
  // Text as typed (a half-typed quantity is kept here; only valid ones reach the variant).
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  if (rows.length === 0) return <p className="muted">No ClusterQueue holds GPU quota: add quotas in the quota policy first.</p>;
  const valueOf = (cq: string, flavor: string, field: QuotaField, fallback: string | undefined) => {
    const e = edits.find((x) => x.clusterQueue === cq && x.flavor === flavor && x.field === field);
    return e ? (e.value ?? '') : (fallback ?? '');
  };
  return (
    <div className="table-scroll">
      <table className="table compact-table gpu-variant-table" aria-label="Policy B: GPU quotas">
        <thead>
          <tr>
            <th scope="col">ClusterQueue</th>
            <th scope="col">Flavor</th>
            {QUOTA_FIELDS.map((f) => (
              <th key={f} scope="col">
                B {FIELD_LABELS[f]} <span className="muted small">(A)</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.clusterQueue}/${r.flavor}`}>
              <th scope="row">{r.clusterQueue}</th>
              <td>{r.flavor}</td>
              {QUOTA_FIELDS.map((field) => {
                const a = r[field];
                const current = valueOf(r.clusterQueue, r.flavor, field, a);
                const changed = edits.some((x) => x.clusterQueue === r.clusterQueue && x.flavor === r.flavor && x.field === field);
                const disabled = field !== 'nominalQuota' && !r.hasCohort;
                const cellKey = `${r.clusterQueue}/${r.flavor}/${field}`;
                return (
                  <td key={field} className={changed ? 'is-changed' : undefined}>
                    <input
                      className={`input input-narrow${drafts[cellKey] !== undefined && drafts[cellKey] !== current ? ' is-draft-invalid' : ''}`}
                      data-native-undo
                      value={drafts[cellKey] ?? current}
                      disabled={disabled}
                      placeholder={field === 'nominalQuota' ? '0' : 'no limit'}
                      aria-label={`B ${FIELD_LABELS[field]} of ${r.clusterQueue} ${r.flavor}`}
                      title={disabled ? 'Only a queue in a cohort borrows or lends' : undefined}
                      onChange={(event) => {
                        const raw = event.currentTarget.value;
                        setDrafts((d) => ({ ...d, [cellKey]: raw }));
                        const text = raw.trim();
                        if (text === '' && field === 'nominalQuota') return;
                        if (text !== '' && !isQuantity(text)) return;
                        setDrafts((d) => {
                          const { [cellKey]: _typed, ...rest } = d;
                          return rest;
                        });
                        onChange(setVariantEdit(edits, { clusterQueue: r.clusterQueue, flavor: r.flavor, field, value: text === '' ? null : text }, base), cellKey);
                      }}
                    />{' '}
                    <span className="muted small">({a ?? 'none'})</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {edits.length ? (
        <p className="small">
          B differs from A in: {edits.map(describeEdit).join('; ')}.{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setDrafts({});
              onChange([], 'reset');
            }}
          >
            Reset B to A
          </button>
        </p>
      ) : (
        <p className="muted small">Change a field to build policy B; the comparison runs on its own.</p>
      )}
    </div>
  );
}

/** A B − A difference over seeds: its median, the range of the paired differences, and whether it beats the noise. */
function Difference({ d, show, worseWhenUp = true }: { d: PairedDifference | undefined; show(v: number): string; worseWhenUp?: boolean }) {
  if (!d || d.median === null) return <td className="num">–</td>;
  const quiet = d.significant === false;
  const tone = quiet || Math.abs(d.median) < 1e-9 ? '' : (d.median > 0) === worseWhenUp ? 'is-worse' : 'is-better';
  const range = d.seeds > 1 && d.min !== null && d.max !== null && d.min !== d.max ? `${signed(d.min, show)} to ${signed(d.max, show)}` : '';
  return (
    <td className={`num ${tone}`}>
      {signed(d.median, show)}
      {range ? <span className="gpu-spread muted small" title={`Paired differences, ${SPREAD_WORDS}`}> {range}</span> : null}
      {quiet ? (
        <span className="gpu-not-significant muted small" title="The paired differences over seeds include 0: the change is smaller than its spread over seeds">
          {' '}
          not significant
        </span>
      ) : null}
    </td>
  );
}

/**
 * A vs B over seeds: each seed's A and B ran the same workloads (paired); a
 * difference is "not significant" when the range of the paired differences
 * includes 0 (`sim/gpu-sim/seeds.ts`). One trace has one pair: no spread.
 */
export function ComparisonTable({ comparison, teamName, trace }: { comparison: ComparisonView; teamName(id: string): string; trace: boolean }) {
  const over = comparison.overSeeds ?? compareOverSeeds([{ summaryA: comparison.summaryA, summaryB: comparison.summaryB }]);
  const c = over.cluster;
  const med = (d: PairedDifference) => d.median ?? 0;
  return (
    <>
      <div className="table-scroll">
        <table className="table compact-table gpu-compare-table" aria-label="Policy A vs B per team">
          <caption className="muted small">Each figure: {seedsText(trace ? 'trace' : 'generated', over.seeds)}; B − A paired per seed.</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="num">P90 wait A</th>
              <th scope="col" className="num">P90 wait B</th>
              <th scope="col" className="num">Δ P90</th>
              <th scope="col" className="num">GPU-h A</th>
              <th scope="col" className="num">GPU-h B</th>
              <th scope="col" className="num">Δ GPU-h</th>
              <th scope="col" className="num">Δ borrowed GPU-h</th>
              <th scope="col" className="num">Δ lent GPU-h</th>
              <th scope="col" className="num">Δ preemptions</th>
              <th scope="col" className="num">Δ never admitted</th>
            </tr>
          </thead>
          <tbody>
            {over.teams.map((t) => {
              const d = t.difference;
              return (
                <tr key={t.team}>
                  <th scope="row">{teamName(t.team)}</th>
                  <td className="num">{t.a ? <SpreadValue spread={t.a.waitP90} show={duration} /> : '–'}</td>
                  <td className="num">{t.b ? <SpreadValue spread={t.b.waitP90} show={duration} /> : '–'}</td>
                  <Difference d={d?.waitP90} show={duration} />
                  <td className="num">{t.a ? <SpreadValue spread={t.a.gpuHoursAllocated} show={gpuHours} /> : '–'}</td>
                  <td className="num">{t.b ? <SpreadValue spread={t.b.gpuHoursAllocated} show={gpuHours} /> : '–'}</td>
                  <Difference d={d?.gpuHoursAllocated} show={gpuHours} worseWhenUp={false} />
                  <Difference d={d?.borrowedGpuHours} show={gpuHours} />
                  <Difference d={d?.lentGpuHours} show={gpuHours} />
                  <Difference d={d?.preemptions} show={String} />
                  <Difference d={d?.neverAdmitted} show={String} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="small" aria-label="Cluster difference B − A">
        Cluster, B − A{over.seeds > 1 ? ` (medians over ${over.seeds} seeds)` : ''}: {signed(med(c.gpuHoursAllocated), gpuHours)} GPU-hours allocated{c.gpuHoursAllocated.significant === false ? ' (not significant)' : ''}, {signed(med(c.idleGpuHours), gpuHours)} idle
        {c.idleGpuHours.significant === false ? ' (not significant)' : ''}, {signed(med(c.fragmentedGpuHours), gpuHours)} fragmented{c.fragmentedGpuHours.significant === false ? ' (not significant)' : ''}.
        {comparison.cancelled ? ` (cancelled: ${over.seeds} of ${comparison.seedsAsked} seeds)` : ''}
      </p>
    </>
  );
}
