/**
 * The Decision's supporting figures: what the plan costs (people, GPUs used,
 * idle GPUs, platform, run rate, the budget cap), how long teams wait for
 * GPUs, readiness and its open questions, and the assumptions with where
 * each comes from. Each figure opens the tab that computes it.
 */
import type { Decision } from '../../../sim/decision/decision.ts';
import { formatHours, formatMoney } from '../../../sim/decision/figure-text.ts';
import { monthName } from '../../model/format.ts';
import { FigureLink } from './FigureLink.tsx';

export function DecisionCosts({ decision }: { decision: Decision }) {
  const { costs, currency } = decision;
  const id = decision.scenario.id;
  const money = (v: number) => formatMoney(v, currency);
  return (
    <section className="panel decision-panel" aria-labelledby="decision-costs-title">
      <h3 id="decision-costs-title">What it costs</h3>
      <dl className="decision-figures">
        <dt>Total over {decision.horizonMonths} months</dt>
        <dd>
          <FigureLink scenarioId={id} tab="costs" label="Total cost">
            <strong data-figure="plan-total-cost">{money(costs.total)}</strong>
          </FigureLink>
        </dd>
        <dt>People</dt>
        <dd>
          <FigureLink scenarioId={id} tab="costs">
            {money(costs.people)}
          </FigureLink>
          {costs.platformPeople > 0 ? <span className="muted small"> (platform teams {money(costs.platformPeople)})</span> : null}
        </dd>
        <dt>GPUs used by teams ({costs.gpuUseSource === 'planned' ? 'planned GPU-hours' : 'simulated GPU-hours'})</dt>
        <dd>
          <FigureLink scenarioId={id} tab="costs">
            {money(costs.gpuUse)}
          </FigureLink>
        </dd>
        <dt>Idle GPUs (owned, unused)</dt>
        <dd>
          <FigureLink scenarioId={id} tab="capacity">
            <span data-figure="idle-gpu-per-month">{money(costs.idleGpuPerMonth)}/month</span>
          </FigureLink>{' '}
          <span className="muted small">({money(costs.gpuIdle)} in all)</span>
        </dd>
        <dt>Annual run rate</dt>
        <dd>
          <FigureLink scenarioId={id} tab="costs">
            {money(costs.annualRunRate)}
          </FigureLink>
        </dd>
        <dt>Budget cap</dt>
        <dd>
          {costs.budget ? (
            <FigureLink scenarioId={id} tab="costs">
              {money(costs.budget.capPerYear)} {costs.budget.basis}:{' '}
              {costs.budget.crossedMonthLabel ? <span className="warning-text">crossed in {monthName(costs.budget.crossedMonthLabel)}</span> : 'never crossed'}
            </FigureLink>
          ) : (
            <span className="muted">none set</span>
          )}
        </dd>
      </dl>
    </section>
  );
}

export function DecisionGpuWaits({ decision, status }: { decision: Decision; status: string | null }) {
  const id = decision.scenario.id;
  const gpu = decision.gpu;
  return (
    <section className="panel decision-panel" aria-labelledby="decision-gpu-title">
      <h3 id="decision-gpu-title">GPU waits</h3>
      {gpu ? (
        <>
          <p className="small muted">
            Time from submission to admission at P90, simulated over {gpu.days.toFixed(0)} days of this scenario’s workloads under its quota policy{gpu.seeds > 1 ? `: the median of ${gpu.seeds} seeds, with the range over seeds` : ''}{gpu.preliminary ? ' (preliminary)' : ''}.
          </p>
          <table className="table compact-table" aria-label="GPU waits per team">
            <tbody>
              {gpu.waits.map((w) => (
                <tr key={w.team}>
                  <th scope="row">{w.name}</th>
                  <td className="num">
                    <FigureLink scenarioId={id} tab="gpu-sim" label={`GPU wait of ${w.name}`}>
                      {w.neverAdmitted > 0 ? `${w.neverAdmitted} never admitted` : w.waitP90Hours === null ? 'no workloads' : formatHours(w.waitP90Hours)}
                    </FigureLink>
                    {w.neverAdmitted === 0 && w.waitP90RangeHours ? (
                      <span className="muted small" title="Range of the P90 wait over the GPU simulation’s seeds">
                        {' '}
                        ({w.waitP90RangeHours.min === null ? '–' : formatHours(w.waitP90RangeHours.min)}–{w.waitP90RangeHours.max === null ? 'never admitted' : formatHours(w.waitP90RangeHours.max)})
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted small">{status ?? 'No GPU simulation yet.'}</p>
      )}
    </section>
  );
}

export function DecisionReadiness({ decision }: { decision: Decision }) {
  const id = decision.scenario.id;
  return (
    <section className="panel decision-panel" aria-labelledby="decision-readiness-title">
      <h3 id="decision-readiness-title">Readiness</h3>
      <p>
        <FigureLink scenarioId={id} tab="readiness">
          {decision.readiness.headline}
        </FigureLink>
      </p>
      {decision.openQuestions.length > 0 ? (
        <>
          <h4 className="small">The article’s tough questions still unanswered</h4>
          <ul className="small">
            {decision.openQuestions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="small muted">Every tough question from the article is answered.</p>
      )}
    </section>
  );
}

export function DecisionAssumptions({ decision }: { decision: Decision }) {
  return (
    <details className="panel decision-panel decision-assumptions">
      <summary>Assumptions and where they come from ({decision.assumptions.length})</summary>
      <table className="table compact-table" aria-label="Assumptions">
        <tbody>
          {decision.assumptions.map((a) => (
            <tr key={a.label}>
              <th scope="row">{a.label}</th>
              <td>{a.value}</td>
              <td className="muted small">{a.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
