/**
 * Checked against your history (#16), shown before any comparison of the
 * designs: import a delivery history, see how well the model calibrated on
 * its older two-thirds forecasts its newer third (the back-test), and accept
 * or reject each value fitted from it. Accepting is an edit of the scenario
 * (undoable); the designs re-run on it. Without a history the figures rest
 * on the documented defaults, and the panel says so.
 */
import { useMemo } from 'react';
import { BACK_TEST_TRIALS, type CalibrationJobInput } from '../../../sim/calibration/job.ts';
import type { BackTest } from '../../../sim/calibration/backtest.ts';
import { DELIVERY_PARAMETER_DOCS } from '../../../sim/delivery/parameters.ts';
import { defaultPortfolio } from '../../../sim/delivery/portfolio.ts';
import type { DeliveryCalibration, FittedParameterRecord } from '../../../sim/delivery/schema.ts';
import { acceptAllFitted, acceptFitted, calibrationRecord, clearCalibration, isStoredCalibration, rejectFitted, setCalibration } from '../../../sim/edits/delivery-calibration.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { chartFileName } from '../../files/chart-export.ts';
import { ChartCard } from '../../ui/ChartCard.tsx';
import { XYChart } from '../../ui/charts/XYChart.tsx';
import { RunProgress } from '../../ui/RunProgress.tsx';
import { useEditor } from '../../stores/editor.ts';
import { useDebouncedRun } from '../../stores/simulation.ts';
import { DeliveryHistoryImport, useDeliveryHistoryStore } from '../delivery-history/index.ts';
import { coverageReadings, fittedText, intervalText, quantileSeries } from './model/calibration-view.ts';
import { useCalibrationRun } from './store.ts';
import './delivery-calibration.css';

const SEED = 1;

const parameterLabel = (key: string): string => (key in DELIVERY_PARAMETER_DOCS ? DELIVERY_PARAMETER_DOCS[key as keyof typeof DELIVERY_PARAMETER_DOCS].label.toLowerCase() : key);

const pct = (v: number) => `${Math.round(v * 100)}%`;
const weeks = (v: number | null) => (v === null ? 'not known yet' : `${v.toFixed(1)} weeks`);

/** Apply an edit to the calibration, storing this fit first when the scenario holds another (or none): one undo step. */
function applyToFit(fit: DeliveryCalibration | null, edit: (doc: Scenario) => Scenario, key: string) {
  useEditor.getState().apply((doc) => edit(fit && !isStoredCalibration(doc, fit) ? setCalibration(doc, fit) : doc), key);
}

function BackTestFigures({ backTest, fileStem }: { backTest: BackTest; fileStem: string }) {
  const readings = coverageReadings(backTest.coverage);
  const qq = quantileSeries(backTest);
  return (
    <div className="calibration-backtest" aria-label="Back-test">
      <p className="small">
        Fitted on the items requested up to {backTest.cutoff.slice(0, 10)} (the older two-thirds), the model of this scenario’s own design forecast a P50 of {backTest.forecast.p50.toFixed(1)} and a P85 of{' '}
        {backTest.forecast.p85.toFixed(1)} weeks from request to production. Of the {backTest.actual.items} newer items ({backTest.actual.shipped} shipped, the rest still open):
      </p>
      <table className="results-table small calibration-coverage">
        <thead>
          <tr>
            <th scope="col">Forecast</th>
            <th scope="col">Actual times at or below it</th>
            <th scope="col">A calibrated model gives</th>
          </tr>
        </thead>
        <tbody>
          {readings.map((r) => (
            <tr key={r.quantile} data-coverage={r.quantile} className={r.off ? 'is-off' : ''}>
              <th scope="row">{r.quantile}</th>
              <td data-figure="coverage">{r.actual === null ? 'not known (too many still open)' : pct(r.actual)}</td>
              <td>about {pct(r.expected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {backTest.warning ? (
        <p className="calibration-warning" role="alert">
          {backTest.warning.replace(/\.?$/, '.')} Treat the designs’ figures below as a rough guide until the mapping or the scenario matches how your team works.
        </p>
      ) : (
        <p className="small calibration-ok">The model reproduces your recent history within 15 points at P50 and P85, so the comparison below rests on it.</p>
      )}
      {backTest.prototypeToProduction ? (
        <p className="small muted">
          From the model validated to production, the newer items took {weeks(backTest.prototypeToProduction.p50)} at P50 (P85 {weeks(backTest.prototypeToProduction.p85)}) — the clock of the article’s “6–8
          weeks”.
        </p>
      ) : null}
      <ChartCard
        title="Back-test: actual against forecast quantiles"
        fileStem={fileStem}
        caption="Each point is a quantile (5% … 95%) of the newer third’s actual time from request to production against the same quantile of the forecast. On the grey line the model is calibrated; above it, your team took longer than forecast."
      >
        <XYChart
          title="Back-test: actual against forecast quantiles"
          series={qq.series}
          xLabel="Forecast, weeks"
          yLabel="Actual, weeks"
          xDomain={[0, qq.max]}
          summary={readings.map((r) => `${r.quantile}: ${r.actual === null ? 'unknown' : pct(r.actual)} at or below the forecast`).join('; ')}
        />
      </ChartCard>
    </div>
  );
}

function FittedRow({ row, fit }: { row: FittedParameterRecord; fit: DeliveryCalibration | null }) {
  const stateText = row.refused ? 'cannot be used' : row.status === 'accepted' ? 'in use' : row.status === 'rejected' ? 'not used' : 'not used yet';
  return (
    <tr data-key={row.key} data-status={row.status}>
      <th scope="row">{row.label}</th>
      <td>
        <span data-figure="fitted">{fittedText(row.value, row.unit)}</span>
        <span className="muted calibration-interval">95%: {intervalText(row.low, row.high, row.unit)}</span>
      </td>
      <td>
        {row.items.toLocaleString('en-US')} items, {row.from} to {row.to}
        {row.method ? (
          <details className="calibration-method">
            <summary>How</summary>
            {row.method}
          </details>
        ) : null}
      </td>
      <td>
        {row.refused ? (
          <span className="field-error">{row.refused}</span>
        ) : (
          <span className="calibration-actions">
            <span className="small muted">{stateText}</span>
            <button type="button" className="btn btn-small" disabled={row.status === 'accepted'} aria-label={`Accept ${row.label}`} onClick={() => applyToFit(fit, (d) => acceptFitted(d, row.key), `calibration:${row.key}`)}>
              Accept
            </button>
            <button type="button" className="btn btn-small" disabled={row.status === 'rejected'} aria-label={`Reject ${row.label}`} onClick={() => applyToFit(fit, (d) => rejectFitted(d, row.key), `calibration:${row.key}`)}>
              Reject
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

function FittedTable({ rows, fit }: { rows: readonly FittedParameterRecord[]; fit: DeliveryCalibration | null }) {
  const pending = rows.some((r) => r.status === 'pending' && !r.refused);
  return (
    <>
      <div className="section-head">
        <h4 className="subsection-title">Fitted from your history</h4>
        <button type="button" className="btn btn-small" disabled={!pending} onClick={() => applyToFit(fit, acceptAllFitted, 'calibration:all')}>
          Accept all
        </button>
      </div>
      <p className="small muted">
        An accepted value holds for every design: the work (effort per stage and size) and the demand do not change with the org. What the designs change stays the model’s — hand-offs, queues,
        rework across teams, the platform’s share — with the rework chance your history shows taken as this design’s and the hand-off part added for the others.
      </p>
      <table className="results-table small calibration-fitted" aria-label="Fitted parameters">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Fitted (95% interval)</th>
            <th scope="col">From</th>
            <th scope="col">Use it?</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <FittedRow key={row.key} row={row} fit={fit} />
          ))}
        </tbody>
      </table>
    </>
  );
}

export function CalibrationPanel({ doc }: { doc: Scenario }) {
  const history = useDeliveryHistoryStore((s) => s.history);
  const { teams, phases, costModel, readiness, delivery } = doc;
  const pods = useMemo(() => defaultPortfolio(doc).areas.map((a) => ({ id: a.id, name: a.name })), [teams, phases]);
  const teamNames = useMemo(() => teams.map((t) => t.name), [teams]);
  // The fit reads the org, the plan and the overrides in effect (not the stored calibration itself).
  const input = useMemo((): { job: CalibrationJobInput | null; key: string } => {
    if (!history) return { job: null, key: '' };
    const scenario = { ...doc, delivery: { ...delivery, calibration: undefined } };
    return {
      job: { history, scenario, trials: BACK_TEST_TRIALS, seed: SEED },
      key: `${doc.id}:${history.source}:${history.items.length}:${JSON.stringify(history.mapping)}:${JSON.stringify([teams, phases, costModel, readiness, delivery.parameters, delivery.designHeadcount])}`,
    };
  }, [doc.id, history, teams, phases, costModel, readiness, delivery.parameters, delivery.designHeadcount]);
  useDebouncedRun(useCalibrationRun, input.job, input.key, 200);
  const run = useCalibrationRun();
  const result = run.resultKey === input.key ? run.result : null;
  const fit = result && history ? calibrationRecord(history, result.calibration, result.backTest) : null;
  // Rows: the scenario's own record when it holds this fit (statuses live there), else the fresh fit, else what the scenario kept.
  const stored = doc.delivery.calibration ?? null;
  const rows = fit ? (isStoredCalibration(doc, fit) ? stored!.fitted : fit.fitted) : (stored?.fitted ?? []);
  const fileStem = chartFileName(doc.name);

  return (
    <section className="delivery-calibration" aria-label="Checked against your history">
      <div className="section-head">
        <h3 className="subsection-title">Checked against your history</h3>
        {stored ? (
          <button type="button" className="btn btn-small" onClick={() => useEditor.getState().apply(clearCalibration, 'calibration:clear')}>
            Forget the fitted values
          </button>
        ) : null}
      </div>
      {!history && !stored ? (
        <p className="small muted">
          The figures below rest on documented defaults. Import your team’s delivery history (Jira, Linear, GitHub Projects, a cycle-data or status-change CSV) to fit them to what you have seen happen, and to
          back-test the model on it before comparing designs.
        </p>
      ) : null}
      {!history && stored ? (
        <p className="small">
          Calibrated from {stored.history.source} ({stored.history.items.toLocaleString('en-US')} items, {stored.history.from} to {stored.history.to})
          {stored.backTest
            ? `; back-test on its newer ${stored.backTest.items} items: ${pct(stored.backTest.coverageP50)} at or below the forecast P50 (about 50% when calibrated), ${pct(stored.backTest.coverageP85)} at or below P85 (about 85%).`
            : '.'}{' '}
          Import the history again to see the back-test chart or refit.
          {stored.backTest?.warning ? (
            <span className="calibration-warning" role="alert">
              {' '}
              {stored.backTest.warning}
            </span>
          ) : null}
        </p>
      ) : null}
      <DeliveryHistoryImport pods={pods} teams={teamNames} />
      <RunProgress label="Calibration progress" running={run.status === 'running'} progress={run.progress} showing={result ? 'previous' : null} onCancel={run.cancel} />
      {run.error && history ? (
        <p className="field-error" role="alert">
          The history could not be fitted: {run.error}
        </p>
      ) : null}
      {result?.backTest ? <BackTestFigures backTest={result.backTest} fileStem={fileStem} /> : null}
      {result && !result.backTest ? <p className="small muted">No back-test: {result.backTestError}</p> : null}
      {result?.calibration.warnings.length ? (
        <ul className="small calibration-warnings">
          {result.calibration.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {rows.length ? <FittedTable rows={rows} fit={fit} /> : null}
      {result?.calibration.notInHistory.length ? (
        <p className="small muted">Not in your history, kept as they are: {result.calibration.notInHistory.map(parameterLabel).join('; ')}.</p>
      ) : null}
    </section>
  );
}
