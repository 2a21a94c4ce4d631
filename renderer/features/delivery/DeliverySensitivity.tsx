/**
 * The tornado on demand: each parameter moved ±20% for one design on the
 * same seed, sorted by how far it moves the P85. It takes a few seconds, so
 * it runs in its own worker with progress and cancel, and is not re-run on
 * every edit: a result for older inputs is labelled as such.
 */
import { useMemo, useState } from 'react';
import { DESIGN_KINDS, DESIGN_LABELS, type DesignKind } from '../../../sim/delivery/design.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { tornadoBars } from './model/charts.ts';
import { isForScenario, sensitivityInput } from './model/run-input.ts';
import { useDeliverySensitivity } from './store.ts';
import { selectOrganisationAnswers, useOrganisation } from '../../stores/organisation.ts';
import { ChartCard } from '../../ui/ChartCard.tsx';
import { RunProgress } from '../../ui/RunProgress.tsx';
import { TornadoChart } from './TornadoChart.tsx';

export function DeliverySensitivity({ doc, available, initial, fileStem }: { doc: Scenario; available: readonly DesignKind[]; initial: DesignKind; fileStem: string }) {
  const [design, setDesign] = useState<DesignKind>(available.includes(initial) ? initial : (available[0] ?? DESIGN_KINDS[0]));
  const { status, progress, result: shown, resultKey, preliminary, error, run, cancel } = useDeliverySensitivity();
  const result = isForScenario(resultKey, doc.id) ? shown : null;
  const { teams, phases, costModel, readiness, delivery } = doc;
  const organisation = useOrganisation(selectOrganisationAnswers);
  const input = useMemo(() => sensitivityInput(doc, organisation, design), [doc.id, design, teams, phases, costModel, readiness, organisation, delivery]);
  const sensitivity = result?.kind === 'sensitivity' ? result.sensitivity : null;
  const stale = sensitivity !== null && resultKey !== input.key;
  // The bars come in one parameter at a time while the tornado computes.
  const partial = status === 'running' && preliminary && !stale;
  const bars = sensitivity ? tornadoBars(sensitivity) : [];
  return (
    <section className="delivery-sensitivity" aria-label="Sensitivity">
      <h3 className="subsection-title">Which parameters move the P85 most</h3>
      <div className="delivery-run-controls">
        <label className="small">
          Design{' '}
          <select className="input input-narrow" value={design} onChange={(e) => setDesign(e.target.value as DesignKind)}>
            {available.map((k) => (
              <option key={k} value={k}>
                {DESIGN_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-small" disabled={status === 'running'} onClick={() => void run(input.job, input.key, { force: true })}>
          Compute sensitivity
        </button>
      </div>
      <RunProgress label="Sensitivity progress" running={status === 'running'} progress={progress} showing={sensitivity === null ? null : partial ? 'preliminary' : 'previous'} onCancel={cancel} unit="parameters" />
      {error ? (
        <p className="field-error" role="alert">
          The sensitivity run failed: {error}
        </p>
      ) : null}
      {sensitivity ? (
        <ChartCard
          title={`Sensitivity of the P85: ${DESIGN_LABELS[sensitivity.design]}`}
          fileStem={fileStem}
          caption={`${sensitivity.trials.toLocaleString('en-US')} trials per run, each parameter −/+${sensitivity.deltaPct}% on seed ${sensitivity.seed}${sensitivity.cancelled ? '; cancelled, so only the parameters done are shown' : partial ? `; ${progress?.done ?? sensitivity.rows.length} of ${progress?.total ?? '…'} parameters so far` : ''}${stale ? '. The inputs changed since: compute again for the current ones.' : '.'}`}
        >
          {bars.length ? (
            <TornadoChart
              title={`Sensitivity of the P85: ${DESIGN_LABELS[sensitivity.design]}`}
              bars={bars}
              baseP85={sensitivity.base.p85}
              deltaPct={sensitivity.deltaPct}
              summary={bars
                .slice(0, 3)
                .map((b) => `${b.label} moves it ${b.swing.toFixed(1)} weeks`)
                .join('; ')}
            />
          ) : (
            <p className="small muted">No parameter moved the P85 in this run.</p>
          )}
        </ChartCard>
      ) : status !== 'running' ? (
        <p className="small muted">Moves each parameter down and up by 20% for the chosen design and ranks them by how far the P85 time to production moves ({input.job.trials.toLocaleString('en-US')} trials per run).</p>
      ) : null}
    </section>
  );
}
