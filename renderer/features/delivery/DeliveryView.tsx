/**
 * The delivery simulation (M6): centralized vs pods vs pods with a platform
 * team, derived from this scenario's org and phase plan, by Monte Carlo in a
 * Web Worker. Re-runs as soon as an input changes (a newer edit supersedes
 * the run in flight, which stops within a slice); the previous figures stay
 * on screen (dimmed) until the new run's first look (its first 50 trials)
 * replaces them, marked preliminary until all its trials are done.
 */
import { useMemo } from 'react';
import { DELIVERY_PARAMETER_DOCS } from '../../../sim/delivery/parameters.ts';
import { MAX_DELIVERY_TRIALS } from '../../../sim/delivery/schema.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { CalibrationPanel } from '../delivery-calibration/CalibrationPanel.tsx';
import { DeliveryCharts } from './DeliveryCharts.tsx';
import { DeliveryCrossover } from './CrossoverChart.tsx';
import { DeliveryDesignLoad } from './DeliveryDesignLoad.tsx';
import { DeliveryPortfolio } from './DeliveryPortfolio.tsx';
import { DeliveryParameters } from './DeliveryParameters.tsx';
import { DeliverySensitivity } from './DeliverySensitivity.tsx';
import { DeliverySummaryTable } from './DeliverySummaryTable.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { RunProgress } from '../../ui/RunProgress.tsx';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { setDeliveryRun } from '../../../sim/edits/delivery-parameters.ts';
import { comparisonInput, isForScenario, runSeed, runTrials } from './model/run-input.ts';
import { runStatus } from './model/summary-table.ts';
import { chartFileName } from '../../files/chart-export.ts';
import { useDeliveryComparison } from './store.ts';
import { useEditor } from '../../stores/editor.ts';
import { selectOrganisationAnswers, useOrganisation } from '../../stores/organisation.ts';
import { useDebouncedRun } from '../../stores/simulation.ts';
import './delivery.css';

/**
 * No wait before a re-run: a drag's next input supersedes the run in flight
 * (the worker drops it at its next slice), and any delay here adds to the
 * ≤ 100 ms from a slider move to new figures.
 */
const RERUN_DELAY_MS = 0;

const parameterLabel = (key: string) => (key in DELIVERY_PARAMETER_DOCS ? DELIVERY_PARAMETER_DOCS[key as keyof typeof DELIVERY_PARAMETER_DOCS].label : key);

export function DeliveryView({ doc }: { doc: Scenario }) {
  const { teams, phases, costModel, readiness, delivery } = doc;
  const organisation = useOrganisation(selectOrganisationAnswers);
  // The key is a serialisation of the inputs: build it only when one of them changes.
  const input = useMemo(() => comparisonInput(doc, organisation), [doc.id, teams, phases, costModel, readiness, organisation, delivery]);
  useDebouncedRun(useDeliveryComparison, input.job, input.key, RERUN_DELAY_MS);
  const { status, progress, result: shown, resultKey, preliminary, error, run, cancel } = useDeliveryComparison();
  const result = isForScenario(resultKey, doc.id) ? shown : null;
  const comparison = result?.kind === 'compare' ? result.comparison : null;
  const gaps = result?.kind === 'compare' ? result.gaps : [];
  const current = resultKey === input.key;
  const running = status === 'running';
  // What the figures on screen are: this input's (final, or so far — also after a run failed midway) or an earlier input's.
  const shownState = !current ? 'previous' : preliminary ? 'preliminary' : 'current';
  const fileStem = chartFileName(doc.name);
  const setRun = (patch: { trials?: number | null; seed?: number }, key: string) => useEditor.getState().apply((d) => setDeliveryRun(d, patch), key);

  return (
    <section className="delivery-view" aria-label="Delivery simulation">
      <div className="section-head">
        <h2 className="section-title">Delivery simulation</h2>
        <p className="small muted">
          How long AI initiatives take from request to production in each org design, simulated from this scenario’s teams, hiring plan and phases. Every parameter has a documented default
          and its source; nothing is tuned to reach the article’s claims.
        </p>
      </div>
      <div className="delivery-run-controls">
        <label>
          Trials{' '}
          <NumberField
            className="input input-narrow"
            label="Trials"
            nullable
            placeholder="auto"
            title="Empty: run until every design's P85 is known within ±2% (95% interval)"
            min={1}
            max={MAX_DELIVERY_TRIALS}
            value={runTrials(doc) ?? null}
            onValue={(v) => setRun({ trials: v }, 'delivery:trials')}
          />
        </label>
        <label>
          Seed <NumberField className="input input-narrow" label="Seed" min={0} max={0xffffffff} value={runSeed(doc)} onValue={(v) => setRun({ seed: v }, 'delivery:seed')} />
        </label>
        <button type="button" className="btn btn-small" disabled={status === 'running'} onClick={() => void run(input.job, input.key, { force: true })}>
          Run again
        </button>
        {comparison ? (
          <span className="small muted" role="status" data-converged={comparison.convergence.converged}>
            {runStatus(comparison, shownState === 'preliminary')}, seed {comparison.seed},{' '}
            {comparison.horizonMonths} months from {comparison.planStart},{' '}
            {comparison.portfolio.listed > 0 ? `${comparison.portfolio.listed} listed initiatives` : `about ${comparison.portfolio.expectedInitiativesPerTrial.toFixed(1)} initiatives per trial`}
            {!current && !running ? ' · inputs changed since this run' : ''}
          </span>
        ) : null}
      </div>
      <RunProgress
        label="Delivery simulation progress"
        running={running}
        progress={progress}
        showing={comparison === null ? null : shownState === 'preliminary' ? 'preliminary' : 'previous'}
        onCancel={cancel}
      />
      {error ? (
        <p className="field-error" role="alert">
          The simulation could not run: {error} The last figures are kept.
        </p>
      ) : null}
      <CalibrationPanel doc={doc} />
      <DeliveryPortfolio doc={doc} />
      <DeliveryParameters doc={doc} />
      {comparison ? (
        <div className={`delivery-results${running && shownState === 'previous' ? ' is-stale' : ''}`} aria-busy={running} data-shown={shownState}>
          <h3 className="subsection-title">Side by side (same seed, same initiatives)</h3>
          <DeliverySummaryTable designs={comparison.designs} natural={comparison.naturalDesign} currency={doc.costModel.currency} />
          <h3 className="subsection-title">People and load per design</h3>
          <DeliveryDesignLoad doc={doc} designs={comparison.designs} unavailable={comparison.unavailable} natural={comparison.naturalDesign} />
          <h3 className="subsection-title">Against the article’s claims</h3>
          <ul className="delivery-gaps">
            {gaps.map((g) => (
              <li key={g.design} data-design={g.design} className={`delivery-gap delivery-gap-${g.status}`}>
                {g.summary} <SourceBadge kind="seed" subject={`the claim about ${g.label}`} source={g.claim.source} quote={g.claim.text} />
              </li>
            ))}
          </ul>
          {comparison.adjustments.length ? (
            <details className="small">
              <summary>Readiness answers applied to the parameters ({comparison.adjustments.length})</summary>
              <ul>
                {comparison.adjustments.map((a) => (
                  <li key={a.parameter}>
                    {parameterLabel(a.parameter)}: {a.from} → {a.to} — {a.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <DeliveryCharts comparison={comparison} fileStem={fileStem} />
          <DeliverySensitivity doc={doc} available={comparison.designs.filter((d) => d.verdict.meaningful).map((d) => d.kind)} initial={comparison.naturalDesign} fileStem={fileStem} />
          <DeliveryCrossover doc={doc} fileStem={fileStem} />
        </div>
      ) : running ? null : (
        <p className="small muted">The first run starts in a moment.</p>
      )}
    </section>
  );
}
