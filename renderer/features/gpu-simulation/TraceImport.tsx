/**
 * Importing a public-layout trace for the run: pick a file, the format is
 * detected (or chosen), a first streaming pass lists its users, virtual
 * clusters and bad rows (with line numbers); the user maps users or VCs to
 * teams and chooses to skip bad rows or abort; the second pass imports the
 * workloads, which then feed the simulation (held in the tab, not saved).
 */
import { useState } from 'react';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import { TRACE_FORMATS, type TraceFormat, type TraceImportOptions, type TraceRowProblem, type TraceScan } from '../../../sim/traces/index.ts';
import { useGpuSimUi, useGpuTrace } from './store.ts';
import { count as plural } from './model/units.ts';
import { RunProgress } from '../../ui/RunProgress.tsx';
import { TraceColumns } from './TraceColumns.tsx';

const FORMAT_LABELS: Record<TraceFormat, string> = {
  philly: 'Microsoft Philly (JSON job log)',
  helios: 'SenseTime Helios (CSV)',
  pai: 'Alibaba PAI 2020 (CSV tables)',
  openb: 'Alibaba openb (pod list CSV)',
  generic: 'Generic CSV',
};

/** Team ids, queue ids and ClusterQueue names map to themselves, as in the CLI. */
function defaultTeams(cluster: Cluster, keys: readonly string[]): Record<string, string> {
  const known = new Map<string, string>();
  for (const q of cluster.queues) for (const k of [q.clusterQueue, q.id, q.teamId, `${q.namespace}/${q.localQueue}`]) if (k) known.set(k, q.teamId ?? q.id);
  return Object.fromEntries(keys.flatMap((k) => (known.has(k) ? [[k, known.get(k)!]] : [])));
}

function Problems({ problems, more, label }: { problems: TraceRowProblem[]; more: number; label: string }) {
  if (problems.length === 0) return null;
  return (
    <div className="gpu-trace-problems">
      <ul aria-label={label}>
        {problems.slice(0, 50).map((p, i) => (
          <li key={i}>
            <strong>Line {p.line}</strong>: {p.message}
          </li>
        ))}
      </ul>
      {problems.length > 50 || more > 0 ? <p className="muted small">…and {(problems.length - 50 > 0 ? problems.length - 50 : 0) + more} more.</p> : null}
    </div>
  );
}

export function TraceImport({ cluster, teamName }: { cluster: Cluster; teamName(id: string): string }) {
  const trace = useGpuTrace();
  const ui = useGpuSimUi();
  const [file, setFile] = useState<File | null>(null);
  const [fileSeq, setFileSeq] = useState(0);
  const [format, setFormat] = useState<TraceFormat | ''>('');
  const [scan, setScan] = useState<TraceScan | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const [header, setHeader] = useState<string[] | null>(null);
  const [columns, setColumns] = useState<Record<string, string> | undefined>(undefined);
  const [teamBy, setTeamBy] = useState<'user' | 'vc'>('user');
  const [teams, setTeams] = useState<Record<string, string>>({});
  const [unmapped, setUnmapped] = useState('');
  const [onBadRow, setOnBadRow] = useState<'skip' | 'abort'>('skip');
  const [outcome, setOutcome] = useState<{ aborted?: TraceRowProblem; problems: TraceRowProblem[]; more: number; imported: number; skipped: number } | null>(null);
  const teamIds = [...new Set(cluster.queues.map((q) => q.teamId ?? q.id))];
  const running = trace.status === 'running';

  const startScan = async (picked: File, chosen: TraceFormat | '', renamed?: Record<string, string>) => {
    const seq = fileSeq + 1;
    setFileSeq(seq);
    setScan(null);
    setScanError(null);
    setOutcome(null);
    setColumns(renamed);
    if (!renamed) setHeader(null);
    await useGpuTrace.getState().run({ kind: 'scan-trace', file: picked, ...(chosen ? { format: chosen } : {}), ...(renamed ? { columns: renamed } : {}) }, `scan:${seq}:${chosen}`, { force: true });
    const s = useGpuTrace.getState();
    if (s.error) return setScanError(s.error);
    const out = s.result;
    if (out?.kind !== 'scan-trace') return;
    if (!out.scan.ok) {
      setHeader(out.scan.header);
      return setScanError(out.scan.message);
    }
    const found = out.scan.scan;
    setScan(found);
    setFormat(found.format);
    // Map by whichever key names more of the cluster's teams as they are.
    const byVc = Object.keys(defaultTeams(cluster, found.vcs)).length;
    const byUser = Object.keys(defaultTeams(cluster, found.users)).length;
    const by = byVc > byUser ? 'vc' : 'user';
    setTeamBy(by);
    setTeams(defaultTeams(cluster, by === 'vc' ? found.vcs : found.users));
  };

  const startImport = async () => {
    if (!file || !scan) return;
    const options: TraceImportOptions = { format: scan.format, mapping: { teamBy, teams, ...(unmapped ? { unmappedTeam: unmapped } : {}) }, onBadRow };
    await useGpuTrace.getState().run({ kind: 'import-trace', file, cluster, options, ...(columns ? { columns } : {}) }, `import:${fileSeq}:${JSON.stringify(options)}`, { force: true });
    const s = useGpuTrace.getState();
    if (s.error) return setScanError(s.error);
    const out = s.result;
    if (out?.kind !== 'import-trace') return;
    const r = out.imported;
    setOutcome({ ...(r.aborted ? { aborted: r.aborted } : {}), problems: r.problems, more: r.moreProblems, imported: r.imported, skipped: r.skipped });
    if (!r.aborted) {
      const { workloads, ...result } = r;
      ui.setTrace({ name: file.name, format: scan.format, workloads, result });
    }
  };

  const keys = scan ? (teamBy === 'vc' ? scan.vcs : scan.users) : [];
  const jobs = scan ? (teamBy === 'vc' ? scan.vcJobs : scan.userJobs) : {};
  return (
    <div className="gpu-trace">
      <div className="gpu-form-row">
        <label>
          Trace file{' '}
          <input
            type="file"
            accept=".csv,.json,.jsonl,.txt,text/csv,application/json"
            aria-label="Trace file"
            onChange={(event) => {
              const picked = event.currentTarget.files?.[0] ?? null;
              setFile(picked);
              if (picked) void startScan(picked, '');
            }}
          />
        </label>
        <label>
          Format{' '}
          <select
            className="input"
            data-native-undo
            value={format}
            aria-label="Trace format"
            onChange={(event) => {
              const chosen = event.currentTarget.value as TraceFormat | '';
              setFormat(chosen);
              if (file) void startScan(file, chosen);
            }}
          >
            <option value="">Detect from the file</option>
            {TRACE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <RunProgress label="Trace import progress" running={running} progress={trace.progress} showing={null} onCancel={() => trace.cancel()} unit="bytes" />
      {scanError ? (
        <p className="error-text" role="alert">
          {scanError}
        </p>
      ) : null}
      {header && file && !scan ? <TraceColumns header={header} onApply={(renamed) => void startScan(file, 'generic', renamed)} /> : null}
      {scan ? (
        <section className="gpu-trace-mapping" aria-label="Trace mapping">
          <p role="status">
            {file?.name}: <strong>{FORMAT_LABELS[scan.format]}</strong>, {plural(scan.rows, 'row')}, {plural(scan.users.length, 'user')}, {plural(scan.vcs.length, 'virtual cluster')},{' '}
            {scan.problems.length + scan.moreProblems === 0 ? 'no bad rows' : plural(scan.problems.length + scan.moreProblems, 'bad row')}.
          </p>
          <Problems problems={scan.problems} more={scan.moreProblems} label="Bad rows of the trace" />
          <div className="gpu-form-row">
            <label>
              Map{' '}
              <select
                className="input"
                data-native-undo
                value={teamBy}
                aria-label="Map teams by"
                onChange={(event) => {
                  const by = event.currentTarget.value === 'vc' ? 'vc' : 'user';
                  setTeamBy(by);
                  setTeams(defaultTeams(cluster, by === 'vc' ? scan.vcs : scan.users));
                }}
              >
                <option value="user">users</option>
                <option value="vc">virtual clusters (VCs)</option>
              </select>{' '}
              to teams
            </label>
            <label>
              Others go to{' '}
              <select className="input" data-native-undo value={unmapped} onChange={(event) => setUnmapped(event.currentTarget.value)} aria-label="Team for unmapped rows">
                <option value="">no team (report and skip the rows)</option>
                {teamIds.map((t) => (
                  <option key={t} value={t}>
                    {teamName(t)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="table-scroll gpu-trace-keys">
            <table className="table compact-table" aria-label={`Team of each ${teamBy === 'vc' ? 'virtual cluster' : 'user'}`}>
              <tbody>
                {keys.map((k) => (
                  <tr key={k}>
                    <th scope="row">
                      {k} <span className="muted small">{plural(jobs[k] ?? 0, 'job')}</span>
                    </th>
                    <td>
                      <select
                        className="input"
                        data-native-undo
                        value={teams[k] ?? ''}
                        aria-label={`Team of ${k}`}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setTeams((m) => {
                            const { [k]: _old, ...rest } = m;
                            return value ? { ...rest, [k]: value } : rest;
                          });
                        }}
                      >
                        <option value="">(unmapped)</option>
                        {teamIds.map((t) => (
                          <option key={t} value={t}>
                            {teamName(t)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset className="gpu-form-row">
            <legend>Bad rows</legend>
            <label>
              <input type="radio" name="bad-rows" checked={onBadRow === 'skip'} onChange={() => setOnBadRow('skip')} /> skip them (each reported with its line)
            </label>
            <label>
              <input type="radio" name="bad-rows" checked={onBadRow === 'abort'} onChange={() => setOnBadRow('abort')} /> abort the import at the first one
            </label>
          </fieldset>
          <button type="button" className="btn btn-primary" disabled={running} onClick={() => void startImport()}>
            Import and simulate
          </button>
        </section>
      ) : null}
      {outcome ? (
        outcome.aborted ? (
          <p className="error-text" role="alert">
            Import aborted at line {outcome.aborted.line}: {outcome.aborted.message}. Nothing was imported.
          </p>
        ) : (
          <div role="status" aria-label="Trace import result">
            <p>
              Imported {plural(outcome.imported, 'job')}; skipped {plural(outcome.skipped, 'row')}.
            </p>
            <Problems problems={outcome.problems} more={outcome.more} label="Rows skipped by the import" />
          </div>
        )
      ) : null}
      {ui.trace ? (
        <p className="small">
          <label>
            <input type="checkbox" checked={ui.useTrace} onChange={(event) => ui.set({ useTrace: event.currentTarget.checked })} /> Simulate the imported trace ({ui.trace.name}, {ui.trace.workloads.length.toLocaleString('en-US')} workloads) instead of generated workloads
          </label>
        </p>
      ) : null}
    </div>
  );
}
