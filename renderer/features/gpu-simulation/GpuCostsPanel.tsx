/**
 * The simulated GPU-hours per team, as the cost model takes them
 * (`team.gpuHoursPerMonth`: the flavors' prices blended, scaled to a month),
 * next to the planned GPU-hours Costs charge now. One button writes the
 * simulated figures into the teams' planned hours, as one undoable edit, and
 * tells Costs (for this session) that the use now comes from the simulation.
 */
import { gpuPricePerHour } from '../../../sim/cost/compute.ts';
import type { SimulatedTeamGpu } from '../../../sim/cost/simulated-gpu-hours.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { gpuHours } from './model/units.ts';
import { generatedDemandWords, gpuSimulationInputs } from '../../../sim/edits/gpu-simulation.ts';
import { useAdoptedGpuHours, useGpuUseSource } from '../../stores/gpu-use-source.ts';
import { money, moneyPrecise } from '../../model/format.ts';
import { setTeamGpuHours } from '../../../sim/edits/org.ts';
import { applyEdit } from '../../stores/editor.ts';
import { useGpuSimUi } from './store.ts';
import { useNotices } from '../../stores/notices.ts';

const signed = (n: number) => (n === 0 ? '±0' : n > 0 ? `+${gpuHours(n)}` : `−${gpuHours(-n)}`);

export function GpuCostsPanel({ doc, teams, teamName }: { doc: Scenario; teams: SimulatedTeamGpu[]; teamName(id: string): string }) {
  const ui = useGpuSimUi();
  const adopted = useAdoptedGpuHours(doc);
  const known = new Map(doc.teams.map((t) => [t.id, t]));
  const rows = teams.filter((t) => known.has(t.team));
  const currency = doc.costModel.currency;
  const price = gpuPricePerHour(doc.costModel, doc.cluster.nodePools);
  const target = (t: SimulatedTeamGpu) => Math.round(t.costModelGpuHoursPerMonth);
  const planned = (t: SimulatedTeamGpu) => known.get(t.team)?.gpuHoursPerMonth ?? 0;
  const differs = rows.some((t) => planned(t) !== target(t));
  let simulatedTotal = 0;
  let plannedTotal = 0;
  let simulatedCost = 0;
  for (const t of rows) {
    simulatedTotal += target(t);
    plannedTotal += planned(t);
    simulatedCost += t.costPerMonth;
  }
  const inputs = gpuSimulationInputs(doc);
  const run =
    ui.useTrace && ui.trace ? `the imported trace ${ui.trace.name}` : generatedDemandWords(inputs);
  const use = () => {
    const hours = new Map(rows.map((t) => [t.team, target(t)]));
    const done = applyEdit((d) => {
      let scenario = d;
      for (const [team, h] of hours) scenario = setTeamGpuHours(scenario, team, h);
      return { scenario };
    });
    if (!done) return;
    useGpuUseSource.getState().record(doc.id, { hours, run });
    useNotices.getState().push({ kind: 'success', title: 'GPU-hours used in costs', message: `Set the GPU-hours per month of ${rows.length} teams from the simulation. Undo with Ctrl+Z.` });
  };
  return (
    <section className="panel gpu-costs" aria-labelledby="gpu-costs-title">
      <h3 id="gpu-costs-title">GPU-hours for the cost model</h3>
      <p className="gpu-costs-note">
        {adopted ? (
          <>
            <strong>Costs charge these simulated GPU-hours</strong> ({adopted.run}): they were written into the teams’ planned hours. Undo (Ctrl+Z) puts the planned ones back.
          </>
        ) : (
          <>
            <strong>Costs charge each team’s planned GPU-hours</strong> (set on its card in the org design), not this simulation’s. Here the teams use{' '}
            {gpuHours(simulatedTotal)} GPU-h a month; the plan says {gpuHours(plannedTotal)}. Owned GPUs nobody uses are charged in Costs as idle either way.
          </>
        )}
      </p>
      {rows.length === 0 ? (
        <p className="muted">No ClusterQueue belongs to a team of the org design (set each queue’s team in the quota policy), so there is nothing to cost.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table compact-table" aria-label="Simulated GPU-hours per team">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col" className="num">
                    Simulated GPU-hours per month
                  </th>
                  <th scope="col" className="num">
                    Simulated cost per month
                  </th>
                  <th scope="col" className="num">
                    Planned GPU-hours (charged in Costs)
                  </th>
                  <th scope="col" className="num">
                    Planned cost per month
                  </th>
                  <th scope="col" className="num">
                    Simulated − planned
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.team}>
                    <th scope="row">{teamName(t.team)}</th>
                    <td className="num">{gpuHours(target(t))}</td>
                    <td className="num">{money(t.costPerMonth, currency)}</td>
                    <td className="num">{known.get(t.team)?.gpuHoursPerMonth?.toLocaleString('en-US') ?? 'none'}</td>
                    <td className="num">{money(planned(t) * price, currency)}</td>
                    <td className="num">{signed(target(t) - planned(t))} GPU-h</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="total-row">
                  <th scope="row">All teams</th>
                  <td className="num">{gpuHours(simulatedTotal)}</td>
                  <td className="num">{money(simulatedCost, currency)}</td>
                  <td className="num">{plannedTotal.toLocaleString('en-US')}</td>
                  <td className="num">{money(plannedTotal * price, currency)}</td>
                  <td className="num">{signed(simulatedTotal - plannedTotal)} GPU-h</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted small">
            Simulated hours are shown as the cost model takes them: each flavor’s hours at its own price, restated at the blended price of {moneyPrecise(price, currency)} per
            GPU-hour. Using them replaces the planned hours of {rows.length === 1 ? 'this team' : `these ${rows.length} teams`} in one edit you can undo.
          </p>
          <button type="button" className="btn" disabled={!differs} onClick={use}>
            Use these GPU-hours in costs
          </button>
        </>
      )}
    </section>
  );
}
