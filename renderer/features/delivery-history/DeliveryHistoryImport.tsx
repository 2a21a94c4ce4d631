/**
 * Importing a delivery history for the Delivery tab: pick a file, the
 * format is detected (or chosen), a Web Worker reads it in chunks (progress
 * on big files), bad rows are listed by line (skip them, or stop at the
 * first), then the mapping table; "Use this history" puts the history with
 * its mapping into `useDeliveryHistoryStore`, where the calibration reads it.
 */
import { useState } from 'react';
import { HISTORY_FORMATS, historySpan, mappingIssues, type DeliveryHistory, type HistoryFormat, type HistoryImportResult, type OnBadRow } from '../../../sim/history/index.ts';
import { RunProgress } from '../../ui/RunProgress.tsx';
import { MappingTable, type PodChoice } from './MappingTable.tsx';
import { withMatchingPods } from './model/mapping-table.ts';
import { useDeliveryHistoryStore, useHistoryImportJob } from './store.ts';
import './delivery-history.css';

const FORMAT_LABELS: Record<HistoryFormat, string> = {
  'cycle-data': 'Cycle data (jira-agile-metrics, ActionableAgile)',
  jira: 'Jira changelog (status changes)',
  linear: 'Linear CSV',
  'github-projects': 'GitHub Projects export',
  transitions: 'Status transitions (item, status, timestamp)',
};

const SHOWN_PROBLEMS = 50;

function BadRows({ result }: { result: HistoryImportResult }) {
  if (result.problems.length === 0) return null;
  const more = result.problems.length - Math.min(SHOWN_PROBLEMS, result.problems.length) + result.moreProblems;
  return (
    <div className="history-problems">
      <p className="small">
        {result.aborted ? 'The import stopped at this bad row:' : `${(result.problems.length + result.moreProblems).toLocaleString('en-US')} bad row(s) skipped:`}
      </p>
      <ul aria-label="Bad rows by line">
        {result.problems.slice(0, SHOWN_PROBLEMS).map((p) => (
          <li key={p.line}>
            <strong>Line {p.line}</strong>: {p.message}
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="muted small">…and {more.toLocaleString('en-US')} more.</p> : null}
    </div>
  );
}

export function DeliveryHistoryImport({ pods = [], teams = [] }: {
  /** The scenario's pods, for the area mapping. */
  pods?: readonly PodChoice[];
  /** The scenario's team names, offered as "waiting for …" choices beside those the statuses name. */
  teams?: readonly string[];
}) {
  const job = useHistoryImportJob();
  const inUse = useDeliveryHistoryStore((s) => s.history);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<HistoryFormat | ''>('');
  const [onBadRow, setOnBadRow] = useState<OnBadRow>('skip');
  const [draft, setDraft] = useState<DeliveryHistory | null>(null);
  const [seq, setSeq] = useState(0);

  const start = async (picked: File, chosen: HistoryFormat | '', badRows: OnBadRow) => {
    const key = `${seq + 1}`;
    setSeq(seq + 1);
    setDraft(null);
    await useHistoryImportJob.getState().run({ file: picked, name: picked.name, onBadRow: badRows, ...(chosen ? { format: chosen } : {}) }, key, { force: true });
    const out = useHistoryImportJob.getState().result;
    if (useHistoryImportJob.getState().resultKey === key && out?.ok && out.result.history) setDraft({ ...out.result.history, mapping: withMatchingPods(out.result.history, pods) });
  };

  const out = job.status === 'done' || job.status === 'cancelled' ? job.result : null;
  const running = job.status === 'running';
  const refusal = out && !out.ok ? out.message : (out?.ok && (out.result.refused ? `${file?.name ?? 'The file'} cannot be imported: ${out.result.refused.message}.` : out.result.aborted ? `Stopped at line ${out.result.aborted.line}: ${out.result.aborted.message}. Nothing was imported.` : null)) || null;
  const issues = draft ? mappingIssues(draft, draft.mapping) : [];
  const span = draft ? historySpan(draft) : null;

  return (
    <section className="panel history-import" aria-label="Import delivery history">
      <h3>Delivery history</h3>
      <p className="muted small">
        From your tracker’s export: cycle data, a Jira changelog, Linear, GitHub Projects or a status-transition CSV. It is read on this computer and not saved with the scenario.
      </p>
      <div className="history-form-row">
        <label>
          History file{' '}
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            aria-label="History file"
            onChange={(e) => {
              const picked = e.target.files?.[0] ?? null;
              setFile(picked);
              if (picked) void start(picked, format, onBadRow);
            }}
          />
        </label>
        <label>
          Format{' '}
          <select
            className="input"
            data-native-undo
            aria-label="Export format"
            value={format || (out?.ok ? out.format : '')}
            onChange={(e) => {
              const chosen = e.target.value as HistoryFormat | '';
              setFormat(chosen);
              if (file) void start(file, chosen, onBadRow);
            }}
          >
            <option value="">Detect from the header</option>
            {HISTORY_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
                {out?.ok && out.detected && out.format === f ? ' (detected)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bad rows{' '}
          <select
            className="input"
            data-native-undo
            aria-label="Bad rows"
            value={onBadRow}
            onChange={(e) => {
              const chosen = e.target.value as OnBadRow;
              setOnBadRow(chosen);
              if (file) void start(file, format, chosen);
            }}
          >
            <option value="skip">Skip them (listed by line)</option>
            <option value="abort">Stop at the first</option>
          </select>
        </label>
      </div>
      <RunProgress label="History import progress" running={running} progress={job.progress} showing={null} onCancel={() => useHistoryImportJob.getState().cancel()} unit="bytes" />
      {job.status === 'error' ? <p className="error-text" role="alert">{job.error}</p> : null}
      {refusal ? <p className="error-text" role="alert">{refusal}</p> : null}
      {out?.ok ? <BadRows result={out.result} /> : null}
      {draft && span ? (
        <>
          <p role="status" aria-label="Imported history">
            {draft.items.length.toLocaleString('en-US')} items ({span.open.toLocaleString('en-US')} still open) from {span.from} to {span.to}, {draft.statuses.length} statuses.
            {job.status === 'cancelled' ? ' Reading was cancelled: these are the rows read before.' : ''}
          </p>
          {out?.ok && out.result.outOfOrder.items ? (
            <p className="small" role="note">
              {out.result.outOfOrder.items.toLocaleString('en-US')} item(s) went back in time in the file (first on line {out.result.outOfOrder.lines.join(', ')}): kept, with their changes sorted by time; backward moves count as rework.
            </p>
          ) : null}
          <MappingTable history={draft} pods={pods} teams={teams} onChange={(mapping) => setDraft({ ...draft, mapping })} />
          {issues.length ? (
            <ul aria-label="Mapping issues" className="small">
              {issues.map((issue) => (
                <li key={`${issue.kind}:${issue.status}`}>{issue.message}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="btn btn-primary" onClick={() => useDeliveryHistoryStore.getState().setHistory(draft)}>
            Use this history
          </button>
        </>
      ) : null}
      {inUse ? (
        <p className="small" role="status" aria-label="History in use">
          In use: {inUse.source}, {inUse.items.length.toLocaleString('en-US')} items.{' '}
          <button type="button" className="btn btn-small" onClick={() => useDeliveryHistoryStore.getState().clear()}>
            Stop using it
          </button>
        </p>
      ) : null}
    </section>
  );
}
