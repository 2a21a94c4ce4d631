/**
 * Which initiatives the simulation runs: arrivals at the documented rate per
 * product area (the pods, each from its wave), or a list the user keeps —
 * name, size, product area and the month it is requested. Every change is an
 * undoable edit of `scenario.delivery` and re-runs the simulation.
 */
import { useMemo } from 'react';
import { scenarioPortfolio } from '../../../sim/delivery/listed-portfolio.ts';
import { INITIATIVE_SIZES, resolveParameters } from '../../../sim/delivery/parameters.ts';
import { defaultPortfolio } from '../../../sim/delivery/portfolio.ts';
import type { ListedInitiative } from '../../../sim/delivery/schema.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { addInitiative, listInitiatives, removeInitiative, updateInitiative, arrivalsAtRate, type InitiativePatch } from '../../../sim/edits/delivery-portfolio.ts';
import { roundForDisplay } from './model/parameter-format.ts';
import { useEditor } from '../../stores/editor.ts';
import { NumberField } from '../../ui/NumberField.tsx';

const apply = (edit: (doc: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
const update = (index: number, patch: InitiativePatch, key?: string) => apply((doc) => updateInitiative(doc, index, patch), key);

function InitiativeRow({ index, initiative, areas, horizon, orphaned }: { index: number; initiative: ListedInitiative; areas: ReadonlyArray<{ id: string; name: string }>; horizon: number; orphaned: boolean }) {
  const label = (what: string) => `${what} of initiative ${index + 1}`;
  return (
    <tr>
      <td>
        <input className="input" aria-label={label('Name')} value={initiative.name} onChange={(e) => update(index, { name: e.target.value }, `delivery:initiative:${index}:name`)} />
      </td>
      <td>
        <select className="input input-narrow" aria-label={label('Size')} value={initiative.size} onChange={(e) => update(index, { size: e.target.value as ListedInitiative['size'] })}>
          {INITIATIVE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select className="input input-narrow" aria-label={label('Product area')} value={orphaned ? '' : (initiative.areaId ?? '')} onChange={(e) => update(index, { areaId: e.target.value === '' ? null : e.target.value })}>
          <option value="">Any (round-robin)</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        {orphaned ? <span className="field-warning small"> its pod is gone: round-robin</span> : null}
      </td>
      <td>
        <NumberField className="input input-narrow" aria-label={label('Requested in plan month')} min={1} max={horizon} value={initiative.arrivalMonth} onValue={(v) => update(index, { arrivalMonth: v }, `delivery:initiative:${index}:month`)} />
      </td>
      <td>
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove initiative ${index + 1}`} onClick={() => apply((doc) => removeInitiative(doc, index))}>
          Remove
        </button>
      </td>
    </tr>
  );
}

export function DeliveryPortfolio({ doc }: { doc: Scenario }) {
  const listed = doc.delivery.initiatives;
  const { teams, phases } = doc;
  const areas = useMemo(() => defaultPortfolio({ teams, phases }).areas, [teams, phases]);
  const orphaned = useMemo(() => new Set(scenarioPortfolio({ teams, phases }, listed).orphaned), [teams, phases, listed]);
  const rate = resolveParameters(doc.delivery.parameters).arrivalsPerAreaPerMonth;
  return (
    <section className="delivery-portfolio" aria-label="Portfolio">
      <h3 className="subsection-title">Portfolio</h3>
      <div className="delivery-run-controls" role="radiogroup" aria-label="Where initiatives come from">
        <label>
          <input type="radio" name="delivery-portfolio" checked={!listed} onChange={() => apply(arrivalsAtRate)} /> Arrivals at a rate: {roundForDisplay(rate)} per product area per month
          {rate > 0 ? ` (one every ${roundForDisplay(1 / rate)} ${1 / rate === 1 ? 'month' : 'months'})` : ''}, {areas.length} {areas.length === 1 ? 'area' : 'areas'}:{' '}
          {areas.map((a) => a.name).join(', ')}
        </label>
        <label>
          <input type="radio" name="delivery-portfolio" checked={!!listed} onChange={() => apply(listInitiatives)} /> A list of initiatives
        </label>
      </div>
      {listed ? (
        <>
          <table className="results-table small delivery-initiatives">
            <thead>
              <tr>
                <th scope="col">Initiative</th>
                <th scope="col">Size</th>
                <th scope="col">Product area</th>
                <th scope="col">Requested (plan month)</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {listed.map((it, i) => (
                <InitiativeRow key={i} index={i} initiative={it} areas={areas} horizon={doc.costModel.horizonMonths} orphaned={orphaned.has(i)} />
              ))}
            </tbody>
          </table>
          <button type="button" className="btn btn-small" onClick={() => apply(addInitiative)}>
            Add initiative
          </button>
          {listed.length === 0 ? <p className="small muted">No initiatives listed yet: the run uses arrivals at the rate until you add one.</p> : null}
        </>
      ) : null}
    </section>
  );
}
