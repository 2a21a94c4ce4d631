/**
 * The three org designs side by side on the same seed and portfolio: time
 * to production percentiles, cycle time, throughput, flow efficiency,
 * rework and cost per initiative shipped. The scenario's own design is
 * marked; each row says how the design was built from the org. A design
 * that is not a meaningful comparison (a team at utilisation ≥ 1) shows no
 * figures, only that.
 */
import type { DesignKind } from '../../../sim/delivery/design.ts';
import type { DesignResult } from '../../../sim/delivery/results.ts';
import { DESIGN_COLORS } from './model/charts.ts';
import { money } from '../../model/format.ts';

const weeks = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const pct = (v: number) => `${Math.round(v * 100)}%`;

export function DeliverySummaryTable({ designs, natural, currency }: { designs: readonly DesignResult[]; natural: DesignKind; currency: string }) {
  return (
    <table className="results-table delivery-summary">
      <caption className="visually-hidden">Time to production and flow per org design (calendar weeks from the request)</caption>
      <thead>
        <tr>
          <th scope="col">Design</th>
          <th scope="col" title="Half of the initiatives reach production within this many weeks of being requested">
            P50 weeks
          </th>
          <th scope="col">P85 weeks</th>
          <th scope="col">P95 weeks</th>
          <th scope="col" title="From the start of discovery to production (the figure the article's claims are about)">
            Cycle P50
          </th>
          <th scope="col" title="Mean initiatives shipped within the plan's horizon per trial">
            Shipped
          </th>
          <th scope="col" title="Time with work going on ÷ elapsed time">
            Flow efficiency
          </th>
          <th scope="col">Reworked</th>
          <th scope="col" title="The plan's cost over the horizon (people, GPUs used and idle: the Costs tab's total; a derived design adds its difference in people cost) ÷ initiatives shipped">
            Cost / initiative
          </th>
        </tr>
      </thead>
      <tbody>
        {designs.map((d) => (
          <tr key={d.kind} data-design={d.kind}>
            <th scope="row">
              <span className="legend-swatch" style={{ background: DESIGN_COLORS[d.kind] }} aria-hidden="true" />
              {d.label}
              {d.kind === natural ? <span className="tag">this scenario</span> : null}
              {!d.asModelled ? <span className="small muted delivery-design-note"> {d.note}</span> : null}
            </th>
            {d.verdict.meaningful ? (
              <>
                <td data-figure="p50">{weeks(d.timeToProduction.p50)}</td>
                <td data-figure="p85">{weeks(d.timeToProduction.p85)}</td>
                <td data-figure="p95">{weeks(d.timeToProduction.p95)}</td>
                <td data-figure="cycle-p50">{weeks(d.cycleTime.p50)}</td>
                <td>{d.shippedInHorizon.toFixed(1)}</td>
                <td>{pct(d.flowEfficiency)}</td>
                <td>{pct(d.rework.shareReworked)}</td>
                <td data-figure="cost-per-initiative">{d.cost && Number.isFinite(d.cost.perInitiativeShipped) ? money(d.cost.perInitiativeShipped, currency) : '—'}</td>
              </>
            ) : (
              <td colSpan={8} className="delivery-summary-not-meaningful">
                Not a meaningful comparison: see its card below
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
