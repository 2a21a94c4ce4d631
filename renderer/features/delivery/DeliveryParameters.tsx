/**
 * The delivery model's parameters: the key levers as sliders, every scalar
 * in a table below, each with its source one click away and a reset to the
 * documented default. Changes are undoable edits of `scenario.delivery`
 * (a slider drag is one undo step) and re-run the simulation.
 */
import { DEFAULT_DELIVERY_PARAMETERS, DELIVERY_PARAMETER_DOCS, deliveryParameterTable, resolveParameters, SCALAR_PARAMETERS, type ScalarParameter } from '../../../sim/delivery/parameters.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { badgeKind, formatParameter, isShare, KEY_LEVERS, sliderStep } from './model/parameter-format.ts';
import { resetDeliveryParameters, setDeliveryParameter } from '../../../sim/edits/delivery-parameters.ts';
import { historySource, rejectFitted } from '../../../sim/edits/delivery-calibration.ts';
import { useEditor } from '../../stores/editor.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { SourceBadge } from '../../ui/SourceBadge.tsx';

const setParameter = (key: ScalarParameter, value: number | undefined) => useEditor.getState().apply((doc) => setDeliveryParameter(doc, key, value), `delivery:${key}`);

function Source({ parameter, overridden, history }: { parameter: ScalarParameter; overridden: boolean; history: string | null }) {
  const doc = DELIVERY_PARAMETER_DOCS[parameter];
  if (history && overridden) {
    return (
      <SourceBadge kind="history" subject={doc.label.toLowerCase()} source={history} rationale={`Fitted from your delivery history and accepted; the documented default is ${formatParameter(parameter, DEFAULT_DELIVERY_PARAMETERS[parameter])} (${doc.source}).`}>
        <button type="button" className="btn btn-small" onClick={() => useEditor.getState().apply((d) => rejectFitted(d, parameter))}>
          Do not use the fitted value
        </button>
      </SourceBadge>
    );
  }
  return (
    <SourceBadge kind={overridden ? 'user' : badgeKind(doc.source)} subject={doc.label.toLowerCase()} source={doc.source === 'assumption' ? undefined : doc.source} rationale={doc.rationale}>
      {overridden ? (
        <button type="button" className="btn btn-small" onClick={() => setParameter(parameter, undefined)}>
          Reset to default ({formatParameter(parameter, DEFAULT_DELIVERY_PARAMETERS[parameter])})
        </button>
      ) : null}
    </SourceBadge>
  );
}

function Lever({ parameter, value, overridden, history }: { parameter: ScalarParameter; value: number; overridden: boolean; history: string | null }) {
  const doc = DELIVERY_PARAMETER_DOCS[parameter];
  const id = `delivery-lever-${parameter}`;
  return (
    <div className="delivery-lever">
      <label htmlFor={id} className="delivery-lever-label">
        {doc.label}
      </label>
      <Source parameter={parameter} overridden={overridden} history={history} />
      <input
        id={id}
        type="range"
        min={doc.min}
        max={doc.max}
        step={sliderStep(parameter)}
        value={value}
        aria-valuetext={formatParameter(parameter, value)}
        onChange={(e) => setParameter(parameter, Number(e.target.value))}
      />
      <output htmlFor={id} className="delivery-lever-value">
        {formatParameter(parameter, value)}
      </output>
    </div>
  );
}

export function DeliveryParameters({ doc }: { doc: Scenario }) {
  const overrides = doc.delivery.parameters;
  const params = resolveParameters(overrides);
  const others = SCALAR_PARAMETERS.filter((k) => !KEY_LEVERS.includes(k));
  const changed = Object.keys(overrides).length;
  const effortRows = deliveryParameterTable(params).filter((r) => r.key.startsWith('effort.') || r.key.startsWith('sizeMix.'));
  return (
    <section className="delivery-parameters" aria-label="Simulation parameters">
      <div className="section-head">
        <h3 className="subsection-title">Parameters</h3>
        <span className="small muted">
          {changed === 0 ? 'All at their documented defaults.' : `${changed} changed from the defaults.`}
        </span>
        {changed > 0 ? (
          <button type="button" className="btn btn-small" onClick={() => useEditor.getState().apply(resetDeliveryParameters)}>
            Reset all to defaults
          </button>
        ) : null}
      </div>
      <div className="delivery-levers">
        {KEY_LEVERS.map((k) => (
          <Lever key={k} parameter={k} value={params[k]} overridden={overrides[k] !== undefined} history={historySource(doc, k)} />
        ))}
      </div>
      <details className="delivery-all-parameters">
        <summary>All parameters ({SCALAR_PARAMETERS.length + effortRows.length})</summary>
        <table className="results-table small">
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value</th>
              <th scope="col">Unit</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {others.map((k) => {
              const d = DELIVERY_PARAMETER_DOCS[k];
              const share = isShare(k);
              return (
                <tr key={k}>
                  <th scope="row">{d.label}</th>
                  <td>
                    <NumberField
                      aria-label={d.label}
                      className="input input-narrow"
                      integer={false}
                      min={share ? d.min * 100 : d.min}
                      max={share ? d.max * 100 : d.max}
                      value={share ? Math.round(params[k] * 1000) / 10 : params[k]}
                      onValue={(v) => setParameter(k, share ? v / 100 : v)}
                    />
                  </td>
                  <td>{share ? '%' : d.unit}</td>
                  <td>
                    <Source parameter={k} overridden={overrides[k] !== undefined} history={historySource(doc, k)} />
                  </td>
                </tr>
              );
            })}
            {effortRows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
                <td>{r.unit}</td>
                <td>
                  {historySource(doc, r.key) ? (
                    <SourceBadge kind="history" subject={r.label.toLowerCase()} source={historySource(doc, r.key) ?? undefined} rationale={r.rationale} />
                  ) : (
                    <SourceBadge kind={r.changed ? 'user' : badgeKind(r.source)} subject={r.label.toLowerCase()} rationale={r.rationale} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small muted">Effort ranges and the size mix are edited in the scenario file (`delivery.parameters.effort`, `sizeMix`); they are validated when it is opened.</p>
      </details>
    </section>
  );
}
