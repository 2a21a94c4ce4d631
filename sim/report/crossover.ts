/**
 * The crossover in the report (opt-in: `podplan report --crossover`): per
 * scenario, the sentences saying where pods and pods + platform overtake the
 * centralized design (or why not within the range), a table of every point
 * (P85 and cost per shipped initiative of each meaningful design, the
 * busiest team's utilisation, "not meaningful" where a team is at 1 or
 * more), and the series of its charts. Texts are made here once, so the
 * table, the chart and the slides read the same.
 */
import { axisValueText, type Crossover, type CrossoverAxis, type CrossoverDesignPoint } from '../delivery/crossover.ts';
import { formatMoney, formatWeeks, NO_FIGURE } from '../decision/figure-text.ts';
import type { ReportTable } from './model.ts';

export interface ReportCrossover {
  /** "1,000 trials per point, seed 1 at every point". */
  run: string;
  /** One per sweep and challenger, then the sweep's notes. */
  sentences: string[];
}

export interface CrossoverChartSeries {
  scenario: string;
  axis: CrossoverAxis;
  /** The axis in words, with its unit. */
  label: string;
  values: number[];
  valueTexts: string[];
  designs: Array<{ label: string; p85: Array<number | null> }>;
  marks: Array<{ at: number; label: string; design: number }>;
  /** Trials per point and seed, as `ReportCrossover.run`. */
  run: string;
}

const busiest = (d: CrossoverDesignPoint) => {
  const b = d.busiest;
  if (!b) return NO_FIGURE;
  return Number.isFinite(b.utilisation) ? `${b.name} ${b.utilisation.toFixed(2)}${b.utilisation >= 1 ? ' (unbounded queue)' : ''}` : `${b.name}: no productive people`;
};

export function reportCrossover(c: Crossover): ReportCrossover {
  return {
    run: `${c.trialsPerPoint.toLocaleString('en-US')} trials per point, seed ${c.seed} at every point${c.cancelled ? ' (interrupted: only the points finished)' : ''}`,
    sentences: c.sweeps.flatMap((s) => [...s.findings.map((f) => f.sentence), ...s.notes]),
  };
}

/** The crossover table: one row per scenario, axis, point and design (narrow enough for a printed page). */
export function crossoverTable(entries: ReadonlyArray<{ scenario: string; currency: string; crossover: Crossover }>): ReportTable {
  const axisText = { demand: 'demand (per area per month)', headcount: 'headcount (people in the flow)' } as const;
  return {
    id: 'crossover',
    title: 'The crossover: each design across demand and headcount',
    columns: ['Scenario', 'Axis', 'Value', 'Design', 'P85 to production', 'Cost per shipped initiative', 'Busiest team (utilisation)'],
    numeric: [2, 4, 5],
    rows: entries.flatMap(({ scenario, currency, crossover }) =>
      crossover.sweeps.flatMap((s) =>
        s.points.flatMap((p) =>
          p.designs.map((d) => [
            scenario,
            axisText[s.axis],
            axisValueText(s.axis, p.value),
            d.label,
            d.meaningful ? (d.p85 === null ? NO_FIGURE : formatWeeks(d.p85)) : 'not meaningful',
            d.meaningful && d.costPerInitiativeShipped !== null ? formatMoney(d.costPerInitiativeShipped, currency) : NO_FIGURE,
            busiest(d),
          ]),
        ),
      ),
    ),
  };
}

export function crossoverSeries(scenario: string, c: Crossover): CrossoverChartSeries[] {
  const { run } = reportCrossover(c);
  return c.sweeps
    .filter((s) => s.points.length > 1)
    .map((s) => {
      const first = s.points[0]!.designs;
      return {
        scenario,
        axis: s.axis,
        label: s.label,
        values: s.points.map((p) => p.value),
        valueTexts: s.points.map((p) => axisValueText(s.axis, p.value)),
        run,
        designs: first.map((d, k) => ({ label: d.label, p85: s.points.map((p) => (p.designs[k]!.meaningful ? p.designs[k]!.p85 : null)) })),
        marks: s.findings.flatMap((f) =>
          f.at === null ? [] : [{ at: f.at, label: `${f.challenger === 'pods' ? 'pods' : 'pods + platform'} ${f.challengerFaster === 'above' ? 'overtake' : 'fall behind'} at ${axisValueText(s.axis, f.at)}`, design: first.findIndex((d) => d.kind === f.challenger) }],
        ),
      };
    });
}
