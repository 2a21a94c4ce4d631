/**
 * Per team and per ClusterQueue: waits to admission (P50 / P90 / P99),
 * GPU-hours used, borrowed and lent, preemptions and the GPU-hours they
 * cost, serving SLO attainment; the cluster's idle and fragmented GPU-hours
 * below. A team's P90 opens its wait-time distribution.
 */
import type { GpuRunSummary, UsageFigures } from '../../../sim/gpu-sim/index.ts';
import { duration, gpuHours, percent } from './model/units.ts';

function Cells({ f }: { f: UsageFigures }) {
  return (
    <>
      <td className="num">{f.submitted.toLocaleString('en-US')}</td>
      <td className="num">{duration(f.wait.p50)}</td>
      <td className="num">{duration(f.wait.p90)}</td>
      <td className="num">{duration(f.wait.p99)}</td>
      <td className="num">{f.wait.neverAdmitted}</td>
      <td className="num">{gpuHours(f.gpuHoursAllocated)}</td>
      <td className="num">{gpuHours(f.borrowedGpuHours)}</td>
      <td className="num">{gpuHours(f.lentGpuHours)}</td>
      <td className="num">{f.preemptions}</td>
      <td className="num">{gpuHours(f.gpuHoursLostToPreemption)}</td>
      <td className="num">{percent(f.slo?.attainment)}</td>
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
        <th scope="col" className="num">Preemptions</th>
        <th scope="col" className="num">GPU-h lost to preemption</th>
        <th scope="col" className="num" title="Serving: served ÷ demanded replica-hours">SLO attainment</th>
      </tr>
    </thead>
  );
}

export function TeamWaitTable({ summary, teamName, openTeam, onOpenTeam }: { summary: GpuRunSummary; teamName(id: string): string; openTeam: string | null; onOpenTeam(team: string): void }) {
  const c = summary.cluster;
  const idleShare = c.gpuHoursTotal > 0 ? c.idleGpuHours / c.gpuHoursTotal : null;
  return (
    <>
      <div className="table-scroll">
        <table className="table compact-table gpu-team-table" aria-label="Waits and GPU-hours per team">
          <Head first="Team" />
          <tbody>
            {summary.teams.map((t) => (
              <tr key={t.team} className={openTeam === t.team ? 'is-selected' : undefined}>
                <th scope="row">
                  {teamName(t.team)} <span className="muted small">{t.clusterQueues.join(', ')}</span>
                </th>
                <td className="num">{t.submitted.toLocaleString('en-US')}</td>
                <td className="num">{duration(t.wait.p50)}</td>
                <td className="num">
                  <button type="button" className="link-button" aria-pressed={openTeam === t.team} aria-label={`P90 wait of ${teamName(t.team)}: ${duration(t.wait.p90)}. Show the wait-time distribution`} onClick={() => onOpenTeam(t.team)}>
                    {duration(t.wait.p90)}
                  </button>
                </td>
                <td className="num">{duration(t.wait.p99)}</td>
                <td className="num">{t.wait.neverAdmitted}</td>
                <td className="num">{gpuHours(t.gpuHoursAllocated)}</td>
                <td className="num">{gpuHours(t.borrowedGpuHours)}</td>
                <td className="num">{gpuHours(t.lentGpuHours)}</td>
                <td className="num">{t.preemptions}</td>
                <td className="num">{gpuHours(t.gpuHoursLostToPreemption)}</td>
                <td className="num">{percent(t.slo?.attainment)}</td>
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
              {summary.queues.map((q) => (
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
        Cluster: {gpuHours(c.gpuHoursAllocated)} of {gpuHours(c.gpuHoursTotal)} GPU-hours allocated; {gpuHours(c.idleGpuHours)} idle ({percent(idleShare)}), of which{' '}
        <strong>{gpuHours(c.fragmentedGpuHours)} fragmented</strong> (free GPUs no pending pod could use; peak {c.peakFragmentedGpus} GPUs).
      </p>
    </>
  );
}
