/**
 * The designs side by side: cost, headcount, time to production (P50, P85
 * with their 95% intervals), the article's two clocks (start of work and
 * prototype to production, P50), initiatives shipped per quarter and cost per
 * shipped initiative. A design that is not a meaningful comparison shows why
 * and what to change, never a figure.
 */
import type { Decision, DesignColumn } from '../../../sim/decision/decision.ts';
import { formatDecimal, formatMoney, formatWeeksInterval, NO_FIGURE } from '../../../sim/decision/figure-text.ts';
import { FigureLink } from './FigureLink.tsx';

type Row = { id: string; label: string; tab: 'costs' | 'delivery'; value(d: DesignColumn): string | null };

export function DesignFigures({ decision }: { decision: Decision }) {
  const id = decision.scenario.id;
  const currency = decision.currency;
  const rows: Row[] = [
    { id: 'total-cost', label: `Total cost over ${decision.horizonMonths} months`, tab: 'costs', value: (d) => formatMoney(d.totalCost, currency) },
    { id: 'people', label: 'People in the design', tab: 'delivery', value: (d) => (d.headcount > 0 ? String(d.headcount) : null) },
    { id: 'p50', label: 'Time to production, P50 (95% interval)', tab: 'delivery', value: (d) => (d.timeToProductionP50 ? formatWeeksInterval(d.timeToProductionP50) : null) },
    { id: 'p85', label: 'Time to production, P85 (95% interval)', tab: 'delivery', value: (d) => (d.timeToProductionP85 ? formatWeeksInterval(d.timeToProductionP85) : null) },
    { id: 'cycle-p50', label: 'Start of work → production, P50 (the article’s “6+ months” clock)', tab: 'delivery', value: (d) => (d.cycleTimeP50 ? formatWeeksInterval(d.cycleTimeP50) : null) },
    { id: 'prototype-p50', label: 'Prototype → production, P50 (the article’s “6–8 weeks” clock)', tab: 'delivery', value: (d) => (d.prototypeToProductionP50 ? formatWeeksInterval(d.prototypeToProductionP50) : null) },
    { id: 'shipped-per-quarter', label: 'Initiatives shipped per quarter', tab: 'delivery', value: (d) => (d.shippedPerQuarter !== null ? formatDecimal(d.shippedPerQuarter) : null) },
    { id: 'cost-per-shipped', label: 'Cost per shipped initiative', tab: 'delivery', value: (d) => (d.costPerShippedInitiative !== null ? formatMoney(d.costPerShippedInitiative, currency) : null) },
  ];
  const recommended = decision.recommendation.design;
  return (
    <div className="table-scroll">
      <table className="table decision-designs" aria-label="Designs side by side">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {decision.designs.map((d) => (
              <th key={d.kind} scope="col" className="num" data-design={d.kind}>
                {d.label}
                <span className="small muted decision-design-tags">
                  {d.asModelled ? ' as modelled' : ' derived'}
                  {d.kind === recommended ? ' · recommended' : ''}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              {decision.designs.map((d) => {
                const value = row.value(d);
                return (
                  <td key={d.kind} className="num" data-design={d.kind} data-figure={row.id}>
                    {value === null || (!d.meaningful && row.tab === 'delivery') ? (
                      <span className="muted">{NO_FIGURE}</span>
                    ) : (
                      <FigureLink scenarioId={id} tab={row.tab} label={`${row.label}, ${d.label}`}>
                        {value}
                      </FigureLink>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          {decision.designs.some((d) => !d.meaningful) ? (
            <tr>
              <th scope="row">Comparison</th>
              {decision.designs.map((d) => (
                <td key={d.kind} data-design={d.kind} className="decision-meaning">
                  {d.notMeaningful ? (
                    <div className="decision-not-meaningful" role="note">
                      <strong>Not a meaningful comparison.</strong> {d.notMeaningful.reason} {d.notMeaningful.change ? <span className="muted">{d.notMeaningful.change}</span> : null}
                    </div>
                  ) : (
                    <span className="muted small">meaningful</span>
                  )}
                </td>
              ))}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
