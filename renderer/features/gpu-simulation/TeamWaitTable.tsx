/**
 * Per team and per ClusterQueue: waits to admission (P50 / P90 / P99),
 * GPU-hours used, borrowed and lent, preemptions and the GPU-hours they
 * cost, serving SLO attainment; the cluster's idle and fragmented GPU-hours
 * below. A team's P90 opens its wait-time distribution (seed 0's run).
 * Over several seeds every figure is the median with its range over seeds
 * beneath it (`sim/gpu-sim/seeds.ts`); a trace has one run and says so.
 */
import { SPREAD_WORDS, type GpuRunSpread, type Spread, type UsageSpread } from '../../../sim/gpu-sim/index.ts';
import { duration, gpuHours, medianText, percent, rangeText } from './model/units.ts';

const whole = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1));

/** A median with its range over seeds: below it in a table cell, in brackets within a sentence (nothing for one seed). */
export function SpreadValue({ spread, show, inline = false }: { spread: Spread; show(v: number): string; inline?: boolean }) {
  const range = rangeText(spread, show);
  return (
    <>
      {medianText(spread, show)}
      {range ? (
        <span className={`${inline ? '' : 'gpu-spread '}muted small`} title={SPREAD_WORDS}>
          {' '}
          {inline ? `(${range})` : range}
        </span>
      ) : null}
    </>
  );
}

function Cells({ f }: { f: UsageSpread }) {
  return (
    <>
      <td className="num"><SpreadValue spread={f.submitted} show={whole} /></td>
      <td className="num"><SpreadValue spread={f.waitP50} show={duration} /></td>
      <td className="num"><SpreadValue spread={f.waitP90} show={duration} /></td>
      <td className="num"><SpreadValue spread={f.waitP99} show={duration} /></td>
      <td className="num"><SpreadValue spread={f.neverAdmitted} show={whole} /></td>
      <td className="num"><SpreadValue spread={f.gpuHoursAllocated} show={gpuHours} /></td>
      <td className="num"><SpreadValue spread={f.borrowedGpuHours} show={gpuHours} /></td>
      <td className="num"><SpreadValue spread={f.lentGpuHours} show={gpuHours} /></td>
      <td className="num"><SpreadValue spread={f.preemptions} show={whole} /></td>
      <td className="num"><SpreadValue spread={f.gpuHoursLostToPreemption} show={gpuHours} /></td>
      <td className="num"><SpreadValue spread={f.sloAttainment} show={percent} /></td>
    </>
  );
}

function Head({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">Workloads</th>
        <th scope="col" className="num">Wait P50</th>
        <th scope="col" className="num">Wait P90</th>
        <th scope="col" className="num">Wait P99</th>
        <th scope="col" className="num" title="Still waiting for their first admission at the end">Never admitted</th>
        <th scope="col" className="num">GPU-hours used</th>
        <th scope="col" className="num">Borrowed GPU-h</th>
        <th scope="col" className="num">Lent GPU-h</th>
        <th scope="col" className="num">Pre­emp­tions</th>
        <th scope="col" className="num">GPU-h lost to preemption</th>
        <th scope="col" className="num" title="Serving: served ÷ demanded replica-hours">SLO attain­ment</th>
      </tr>
    </thead>
  );
}

export function TeamWaitTable({ spread, seedsNote, teamName, openTeam, onOpenTeam }: { spread: GpuRunSpread; seedsNote: string; teamName(id: string): string; openTeam: string | null; onOpenTeam(team: string): void }) {
  const c = spread.cluster;
  const m = (s: Spread) => s.median ?? 0;
  const idleShare = m(c.gpuHoursTotal) > 0 ? m(c.idleGpuHours) / m(c.gpuHoursTotal) : null;
  return (
    <>
      <div className="table-scroll">
        <table className="table compact-table gpu-team-table" aria-label="Waits and GPU-hours per team">
          <caption className="muted small">Each figure: {seedsNote}.</caption>
          <Head first="Team" />
          <tbody>
            {spread.teams.map((t) => (
              <tr key={t.team} className={openTeam === t.team ? 'is-selected' : undefined}>
                <th scope="row">
                  {teamName(t.team)} <span className="muted small">{t.clusterQueues.join(', ')}</span>
                </th>
                <td className="num"><SpreadValue spread={t.submitted} show={whole} /></td>
                <td className="num"><SpreadValue spread={t.waitP50} show={duration} /></td>
                <td className="num">
                  <button type="button" className="link-button" aria-pressed={openTeam === t.team} aria-label={`P90 wait of ${teamName(t.team)}: ${medianText(t.waitP90, duration)}${rangeText(t.waitP90, duration) ? ` (${SPREAD_WORDS} ${rangeText(t.waitP90, duration)})` : ''}. Show the wait-time distribution`} onClick={() => onOpenTeam(t.team)}>
                    {medianText(t.waitP90, duration)}
                  </button>
                  {rangeText(t.waitP90, duration) ? <span className="gpu-spread muted small" title={SPREAD_WORDS}> {rangeText(t.waitP90, duration)}</span> : null}
                </td>
                <td className="num"><SpreadValue spread={t.waitP99} show={duration} /></td>
                <td className="num"><SpreadValue spread={t.neverAdmitted} show={whole} /></td>
                <td className="num"><SpreadValue spread={t.gpuHoursAllocated} show={gpuHours} /></td>
                <td className="num"><SpreadValue spread={t.borrowedGpuHours} show={gpuHours} /></td>
                <td className="num"><SpreadValue spread={t.lentGpuHours} show={gpuHours} /></td>
                <td className="num"><SpreadValue spread={t.preemptions} show={whole} /></td>
                <td className="num"><SpreadValue spread={t.gpuHoursLostToPreemption} show={gpuHours} /></td>
                <td className="num"><SpreadValue spread={t.sloAttainment} show={percent} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="gpu-queue-details">
        <summary>Per ClusterQueue</summary>
        <div className="table-scroll">
          <table className="table compact-table gpu-team-table" aria-label="Waits and GPU-hours per ClusterQueue">
            <Head first="ClusterQueue" />
            <tbody>
              {spread.queues.map((q) => (
                <tr key={q.clusterQueue}>
                  <th scope="row">
                    {q.clusterQueue} <span className="muted small">{q.cohort ? `cohort ${q.cohort}` : 'no cohort'}</span>
                  </th>
                  <Cells f={q} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="small gpu-cluster-line" aria-label="Cluster GPU-hours">
        Cluster{spread.seeds > 1 ? ` (medians over ${spread.seeds} seeds)` : ''}: {gpuHours(m(c.gpuHoursAllocated))} of {gpuHours(m(c.gpuHoursTotal))} GPU-hours allocated; <SpreadValue spread={c.idleGpuHours} show={gpuHours} inline /> idle ({percent(idleShare)}), of which{' '}
        <strong><SpreadValue spread={c.fragmentedGpuHours} show={gpuHours} inline /> fragmented</strong> (free GPUs no pending pod could use; peak {whole(m(c.peakFragmentedGpus))} GPUs).
      </p>
    </>
  );
}
