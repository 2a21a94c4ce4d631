/**
 * The workloads that waited: those still pending at the end of the run
 * first, then those that waited longest. Opening one shows why: its state
 * and reason now (Kueue's words and ours) and its timeline of state and
 * reason changes, as a strip and as a list.
 */
import { scaleLinear } from 'd3';
import type { WaitingWorkload } from './model/run-job.ts';
import { duration } from './model/units.ts';
import { reasonWords, stateWords, timelineWords } from './model/reason-words.ts';
import { dayTick } from './model/svg.ts';

const STATE_COLORS: Record<string, string> = {
  pending: '#f28e2b',
  backoff: '#edc948',
  'admitted-unschedulable': '#e15759',
  running: '#59a14f',
  finished: '#bab0ac',
  deleted: '#bab0ac',
  deactivated: '#9c755f',
  'not-submitted': '#ffffff',
};

function Timeline({ workload, endTime }: { workload: WaitingWorkload; endTime: number }) {
  const steps = workload.timeline;
  if (steps.length === 0) return <p className="muted small">No timeline for this run: the simulator records state changes for runs of up to 20,000 workloads.</p>;
  const width = 640;
  const x = scaleLinear().domain([workload.submitTime, Math.max(workload.submitTime + 1, endTime)]).range([0, width - 20]);
  return (
    <div className="gpu-timeline">
      <svg width={width} height={46} role="img" aria-label={`Timeline of ${workload.id}: ${steps.length} changes from its submission to the end of the run`}>
        <g transform="translate(10,6)">
          {steps.map((s, i) => {
            const next = steps[i + 1]?.time ?? endTime;
            return (
              <rect key={i} x={x(s.time)} y={0} width={Math.max(1, x(next) - x(s.time))} height={16} fill={STATE_COLORS[s.state] ?? '#999'}>
                <title>{`${dayTick(s.time, endTime)}: ${timelineWords(s)}`}</title>
              </rect>
            );
          })}
          <text x={0} y={32} className="axis-label">
            submitted {dayTick(workload.submitTime, endTime)}
          </text>
          <text x={width - 20} y={32} textAnchor="end" className="axis-label">
            end of run {dayTick(endTime, endTime)}
          </text>
        </g>
      </svg>
      <ol className="gpu-timeline-list" aria-label={`State and reason changes of ${workload.id}`}>
        {steps.map((s, i) => (
          <li key={i}>
            <span className="muted">{dayTick(s.time, endTime)} (+{duration(s.time - workload.submitTime)})</span> {timelineWords(s)}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function PendingWorkloads({ workloads, total, endTime, teamName, open, onOpen }: {
  workloads: WaitingWorkload[];
  total: number;
  endTime: number;
  teamName(id: string): string;
  open: string | null;
  onOpen(id: string | null): void;
}) {
  if (workloads.length === 0) return <p className="muted">No workload waited in this run: every one was admitted when it arrived.</p>;
  const current = workloads.find((w) => w.id === open) ?? null;
  return (
    <div className="gpu-pending">
      <div className="table-scroll gpu-pending-list">
        <table className="table compact-table" aria-label="Workloads that waited">
          <thead>
            <tr>
              <th scope="col">Workload</th>
              <th scope="col">Team</th>
              <th scope="col" className="num">GPUs</th>
              <th scope="col">At the end</th>
              <th scope="col">Reason</th>
              <th scope="col" className="num">Waited</th>
            </tr>
          </thead>
          <tbody>
            {workloads.map((w) => (
              <tr key={w.id} className={open === w.id ? 'is-selected' : undefined}>
                <th scope="row">
                  <button type="button" className="link-button" aria-pressed={open === w.id} onClick={() => onOpen(open === w.id ? null : w.id)}>
                    {w.id}
                  </button>{' '}
                  <span className="muted small">{w.kind}</span>
                </th>
                <td>{teamName(w.team)}</td>
                <td className="num">{w.gpus}</td>
                <td>{stateWords(w.state)}</td>
                <td>{w.state === 'pending' || w.state === 'backoff' || w.state === 'admitted-unschedulable' || w.state === 'deactivated' ? reasonWords(w.reason, null, w.resource) : '–'}</td>
                <td className="num">{w.waited === null ? `${duration(endTime - w.submitTime)}+` : duration(w.waited)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > workloads.length ? <p className="muted small">Showing {workloads.length} of {total.toLocaleString('en-US')} workloads that waited.</p> : null}
      {current ? (
        <section className="panel gpu-workload" aria-label={`Why ${current.id} waited`}>
          <h4>
            {current.id} <span className="muted small">{current.clusterQueue} · {current.gpus} GPUs · submitted {dayTick(current.submitTime, endTime)}</span>
          </h4>
          <p>
            <strong>{stateWords(current.state)}</strong>
            {current.reason !== 'None' ? (
              <>
                : <strong className="gpu-reason">{reasonWords(current.reason, null, current.resource)}</strong>{' '}
                <span className="muted" title={`Podplan's reason: ${current.reason}`}>({current.kueueReason ? `Kueue: ${current.kueueReason}` : current.reason})</span>
              </>
            ) : null}
          </p>
          <p className="small">{current.message}</p>
          {current.localQueue ? <p className="small">Submitted through LocalQueue {current.localQueue}: its ClusterQueue admits first from the LocalQueue with the lowest usage (see LocalQueue usage above).</p> : null}
          <Timeline workload={current} endTime={endTime} />
        </section>
      ) : null}
    </div>
  );
}
