/**
 * Compare's figures: 2–4 scenarios' Decisions side by side with deltas
 * against the first (A). Each scenario's Decision is made by the same hook
 * as its Decision view, on its own compare slot's runs.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ScenarioRecord } from '../../../sim/api/contract.ts';
import { compareDecisions, type ComparedFigure } from '../../../sim/decision/compare.ts';
import { formatCount, formatDecimal, formatHours, formatMoney, formatWeeks, NO_FIGURE } from '../../../sim/decision/figure-text.ts';
import { GPU_NOTE, type ReportScenarioInput } from '../decision/report-export.ts';
import { useScenarioDecision } from '../decision/use-decision.ts';
import { ReportActions } from '../decision/ReportActions.tsx';
import { moneyDelta } from '../../model/format.ts';
import { COMPARE_SLOTS } from './compare-sim-store.ts';
import { selectOrganisationAnswers, useOrganisation } from '../../stores/organisation.ts';
import { FigureLink } from '../decision/FigureLink.tsx';

function SlotDecision({ slot, record, onDecision }: { slot: number; record: ScenarioRecord; onDecision(slot: number, decision: ReportScenarioInput): void }) {
  const organisation = useOrganisation(selectOrganisationAnswers);
  const { decision, costs, gpu } = useScenarioDecision(record.scenario, organisation, record.revision, COMPARE_SLOTS[slot]!);
  const noGpu = gpu === null;
  useEffect(() => onDecision(slot, { decision, costs, ...(noGpu ? { gpuNote: GPU_NOTE } : {}) }), [slot, decision, costs, noGpu, onDecision]);
  return null;
}

function formatValue(figure: ComparedFigure, value: number | string | null, currency: string): string {
  if (value === null) return NO_FIGURE;
  if (typeof value === 'string') return value;
  switch (figure.kind) {
    case 'money':
      return formatMoney(value, currency);
    case 'weeks':
      return formatWeeks(value);
    case 'hours':
      return formatHours(value);
    case 'count':
      return formatCount(value);
    default:
      return formatDecimal(value);
  }
}

function formatDelta(figure: ComparedFigure, value: number, base: number, currency: string): string {
  const d = value - base;
  if (figure.kind === 'money') return moneyDelta(d, currency);
  const text = figure.kind === 'weeks' ? formatWeeks(Math.abs(d)) : figure.kind === 'hours' ? formatHours(Math.abs(d)) : figure.kind === 'count' ? formatCount(Math.abs(d)) : formatDecimal(Math.abs(d));
  return Math.abs(d) < 1e-9 ? '±0' : `${d > 0 ? '+' : '−'}${text}`;
}

export function CompareFigures({ records }: { records: ScenarioRecord[] }) {
  const [slots, setSlots] = useState<Array<ReportScenarioInput | null>>([]);
  const ids = records.map((r) => r.scenario.id).join('\u0000');
  useEffect(() => setSlots(records.map(() => null)), [ids]);
  // Stable, so a slot's effect runs only when its own Decision changes.
  const onDecision = useCallback((slot: number, input: ReportScenarioInput) => {
    setSlots((current) => {
      const next = [...current];
      next[slot] = input;
      return next;
    });
  }, []);
  const ready = slots.length === records.length && slots.every((d, i) => d !== null && d.decision.scenario.id === records[i]!.scenario.id);
  const decisions = ready ? (slots as ReportScenarioInput[]).map((s) => s.decision) : [];
  const figures = ready ? compareDecisions(decisions) : [];
  const preliminary = ready && decisions.some((d) => d.preliminary);
  return (
    <section aria-labelledby="cmp-figures" className="compare-figures" data-preliminary={preliminary}>
      {records.map((record, slot) => (
        <SlotDecision key={`${slot}:${record.scenario.id}`} slot={slot} record={record} onDecision={onDecision} />
      ))}
      <h2 id="cmp-figures" className="section-title">
        Figures side by side {preliminary ? <span className="badge badge-warning">preliminary</span> : null}
      </h2>
      <ReportActions inputs={ready ? (slots as ReportScenarioInput[]) : null} disabledReason="Wait until every scenario’s figures are computed." />
      <p className="muted small">Each scenario’s Decision: its own design as modelled, its costs, GPU waits and readiness. Changes are against A. Each figure opens the tab that computes it.</p>
      {!ready ? (
        <p className="muted" role="status">
          Computing each scenario’s figures…
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table compare-table compare-figures-table" aria-label="Figures side by side">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                {decisions.map((d, i) => (
                  <th key={i} scope="col" className="num">
                    {String.fromCharCode(65 + i)}: {d.scenario.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figures.map((figure) => (
                <tr key={figure.id} data-figure={figure.id}>
                  <th scope="row">{figure.label}</th>
                  {figure.values.map((value, i) => {
                    const d = decisions[i]!;
                    const base = figure.values[0];
                    const delta = i > 0 && typeof value === 'number' && typeof base === 'number' ? value - base : null;
                    const tone = delta === null || figure.better === null || Math.abs(delta) < 1e-9 ? '' : (delta < 0) === (figure.better === 'lower') ? 'delta-better' : 'delta-worse';
                    return (
                      <td key={i} className={figure.kind === 'text' ? 'compare-text' : 'num'}>
                        <FigureLink scenarioId={d.scenario.id} tab={figure.tab}>
                          {formatValue(figure, value, d.currency)}
                        </FigureLink>
                        {delta !== null && typeof base === 'number' && typeof value === 'number' ? <span className={`delta small ${tone}`}> {formatDelta(figure, value, base, d.currency)}</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
