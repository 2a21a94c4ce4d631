/**
 * The Decision (M14), the first tab of a scenario: one answer for the leader.
 * Cost, speed, throughput, GPU waits and readiness side by side for each
 * design, and a recommendation in words that names the numbers it rests on
 * and what would change it. Every figure comes from the tab that computes it
 * (and opens it); the simulations are the Delivery and GPU simulation tabs'
 * own runs, so figures agree across tabs. Figures of a run still going are
 * shown at once and marked preliminary.
 */
import type { Scenario } from '../../../sim/scenario/index.ts';
import { DecisionAssumptions, DecisionCosts, DecisionGpuWaits, DecisionReadiness } from './DecisionDetails.tsx';
import { DesignFigures } from './DesignFigures.tsx';
import { FigureLink } from './FigureLink.tsx';
import { ReportActions } from './ReportActions.tsx';
import { GPU_NOTE } from './report-export.ts';
import { useScenarioDecision, type RunState } from './use-decision.ts';
import { useDeliveryComparison } from '../delivery/store.ts';
import { useGpuRun } from '../gpu-simulation/store.ts';
import { selectOrganisationAnswers, useOrganisation } from '../../stores/organisation.ts';
import { useSave } from '../../stores/save.ts';
import './decision.css';

const STORES = { delivery: useDeliveryComparison, gpu: useGpuRun };

function runNote(name: string, run: RunState | null, hasFigures: boolean): string | null {
  if (!run) return null;
  if (run.error) return `${name}: the last run failed (${run.error}); the figures shown are from before.`;
  if (run.status === 'running') return hasFigures ? `${name}: updating…` : `${name}: running…`;
  return null;
}

/** A titled list of the recommendation's sentences (none: nothing shown). */
function Sentences({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4 className="small">{title}</h4>
      <ul className="small">
        {items.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </>
  );
}

export function DecisionView({ doc }: { doc: Scenario }) {
  const organisation = useOrganisation(selectOrganisationAnswers);
  const revision = useSave((s) => s.save?.revision ?? null);
  const { decision, costs, delivery, gpu } = useScenarioDecision(doc, organisation, revision, STORES);
  const rec = decision.recommendation;
  const notes = [runNote('Delivery simulation', delivery, decision.designs.length > 0), runNote('GPU simulation', gpu, decision.gpu !== null)].filter((n): n is string => n !== null);
  // Every run this Decision reads has finished for the current inputs (tests and screenshots wait for it).
  const settled = !decision.preliminary && delivery.status !== 'running' && delivery.current && (gpu === null || (gpu.status !== 'running' && gpu.current));
  const gpuStatus = gpu === null ? 'Nothing to simulate on GPUs yet: add node pools in GPU capacity and team ClusterQueues in Quota policy.' : gpu.status === 'running' ? 'GPU simulation running…' : null;

  return (
    <section className="decision-view" aria-label="Decision" data-preliminary={decision.preliminary} data-settled={settled} data-delivery-current={delivery.current}>
      <div className="section-head">
        <h2 className="section-title">
          Decision{' '}
          {decision.preliminary ? (
            <span className="badge badge-warning" title="Some figures come from simulations still running; they settle when the runs finish.">
              preliminary
            </span>
          ) : null}
        </h2>
        <p className="small muted">
          {doc.name}
          {decision.scenario.revision !== null ? ` · revision ${decision.scenario.revision}` : ''} · {decision.date}. Each figure opens the tab that computes it.
        </p>
        <ReportActions inputs={[{ decision, costs, ...(gpu === null ? { gpuNote: GPU_NOTE } : {}) }]} />
      </div>
      {notes.length > 0 ? (
        <p className="small muted" role="status">
          {notes.join(' ')}
        </p>
      ) : null}

      <section className="panel decision-recommendation" aria-labelledby="decision-recommendation-title">
        <h3 id="decision-recommendation-title">Recommendation</h3>
        <p className="decision-recommendation-text" data-design={rec.design ?? 'none'}>
          {rec.text}
        </p>
        <Sentences title="It rests on" items={rec.restsOn} />
        <Sentences title="What would change it" items={rec.wouldChange} />
      </section>

      {decision.missing.length > 0 ? (
        <section className="panel decision-missing" aria-labelledby="decision-missing-title">
          <h3 id="decision-missing-title">Not known yet</h3>
          <ul className="small">
            {decision.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {decision.designs.length > 0 ? (
        <section className="panel" aria-labelledby="decision-designs-title">
          <h3 id="decision-designs-title">The designs side by side</h3>
          <p className="small muted">
            Same people, same demand and the same GPUs in each design unless you set a counterfactual’s headcount in{' '}
            <FigureLink scenarioId={doc.id} tab="delivery">
              Delivery simulation
            </FigureLink>
            . Intervals say how precisely the trials pin each percentile down.
          </p>
          <DesignFigures decision={decision} />
        </section>
      ) : null}

      <div className="decision-grid">
        <DecisionCosts decision={decision} />
        <DecisionGpuWaits decision={decision} status={gpuStatus} />
        <DecisionReadiness decision={decision} />
      </div>
      <DecisionAssumptions decision={decision} />
    </section>
  );
}
