/**
 * The three org designs side by side on the same seed and portfolio: time
 * on three labelled clocks (request → production P50/P85/P95, cycle time
 * from the start of discovery, prototype → production), each percentile
 * with its 95% interval; throughput, flow efficiency, rework and cost per
 * initiative shipped. The scenario's own design is marked; each row says how
 * the design was built from the org. A design that is not a meaningful
 * comparison (a team at utilisation ≥ 1) shows no figures, only that.
 */
import type { DesignKind } from '../../../sim/delivery/design.ts';
import type { DesignResult } from '../../../sim/delivery/results.ts';
import { DESIGN_COLORS } from './model/charts.ts';
import { clockCells, CLOCK_COLUMNS } from './model/summary-table.ts';
import { money } from '../../model/format.ts';

const pct = (v: number) => `${Math.round(v * 100)}%`;

const CLOCK_TITLES: Record<string, string> = {
  p50: 'Half of the initiatives reach production within this many weeks of being requested',
  'cycle-p50': 'From the start of discovery to production: the clock of the article’s “6+ months”, which starts with “Business team defines requirements”',
  'prototype-p50': 'From the prototype (the model first validated) to production: the clock of the article’s “prototypes become products in 6–8 weeks”',
};

export function DeliverySummaryTable({ designs, natural, currency }: { designs: readonly DesignResult[]; natural: DesignKind; currency: string }) {
  return (
    <table className="results-table delivery-summary">
      <caption className="visually-hidden">Time to production and flow per org design, in calendar weeks on three clocks, each percentile with its 95% interval</caption>
      <thead>
        <tr>
          <th scope="col">Design</th>
          {CLOCK_COLUMNS.map((c) => (
            <th key={c.figure} scope="col" title={CLOCK_TITLES[c.figure]}>
              {c.heading}
            </th>
          ))}
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
                {clockCells(d).map((cell) => (
                  <td key={cell.figure} title={cell.title}>
                    <span data-figure={cell.figure}>{cell.value}</span>
                    {cell.range ? <span className="small muted delivery-interval"> ({cell.range})</span> : null}
                  </td>
                ))}
                <td>{d.shippedInHorizon.toFixed(1)}</td>
                <td>{pct(d.flowEfficiency)}</td>
                <td>{pct(d.rework.shareReworked)}</td>
                <td data-figure="cost-per-initiative">{d.cost && Number.isFinite(d.cost.perInitiativeShipped) ? money(d.cost.perInitiativeShipped, currency) : '—'}</td>
              </>
            ) : (
              <td colSpan={CLOCK_COLUMNS.length + 4} className="delivery-summary-not-meaningful">
                Not a meaningful comparison: see its card below
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
