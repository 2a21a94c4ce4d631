/**
 * The simulated GPU-hours per team, as the cost model takes them
 * (`team.gpuHoursPerMonth`: the flavors' prices blended, scaled to a month),
 * next to what the scenario has now; one button writes them, as one
 * undoable edit.
 */
import type { SimulatedTeamGpu } from '../../../sim/cost/simulated-gpu-hours.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { gpuHours } from '../../gpu-sim/format.ts';
import { money } from '../../planning/format.ts';
import { setTeamGpuHours } from '../../planning/org-edits.ts';
import { applyEdit } from '../../stores/editor.ts';
import { useNotices } from '../../stores/notices.ts';

export function GpuCostsPanel({ doc, teams, teamName }: { doc: Scenario; teams: SimulatedTeamGpu[]; teamName(id: string): string }) {
  const known = new Map(doc.teams.map((t) => [t.id, t]));
  const rows = teams.filter((t) => known.has(t.team));
  const target = (t: SimulatedTeamGpu) => Math.round(t.costModelGpuHoursPerMonth);
  const differs = rows.some((t) => (known.get(t.team)?.gpuHoursPerMonth ?? 0) !== target(t));
  const use = () => {
    const done = applyEdit((d) => {
      let scenario = d;
      for (const t of rows) scenario = setTeamGpuHours(scenario, t.team, target(t));
      return { scenario };
    });
    if (done) useNotices.getState().push({ kind: 'success', title: 'GPU-hours used in costs', message: `Set the GPU-hours per month of ${rows.length} teams from the simulation. Undo with Ctrl+Z.` });
  };
  return (
    <section className="panel" aria-labelledby="gpu-costs-title">
      <h3 id="gpu-costs-title">GPU-hours for the cost model</h3>
      {rows.length === 0 ? (
        <p className="muted">No ClusterQueue belongs to a team of the org design (set each queue’s team in the quota policy), so there is nothing to cost.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table compact-table" aria-label="Simulated GPU-hours per team">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col" className="num">Simulated GPU-hours per month</th>
                  <th scope="col" className="num">Cost per month</th>
                  <th scope="col" className="num">In the scenario now</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.team}>
                    <th scope="row">{teamName(t.team)}</th>
                    <td className="num">{gpuHours(target(t))}</td>
                    <td className="num">{money(t.costPerMonth, doc.costModel.currency)}</td>
                    <td className="num">{known.get(t.team)?.gpuHoursPerMonth?.toLocaleString('en-US') ?? 'none'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="btn" disabled={!differs} onClick={use}>
            Use these GPU-hours in costs
          </button>
        </>
      )}
    </section>
  );
}
