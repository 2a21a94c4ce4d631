/**
 * The delivery simulation's charts for one comparison: time-to-production
 * distributions, where the time goes, throughput per quarter, initiatives
 * shipped per month along the phase plan, WIP and the cumulative flow of a
 * chosen design. Each is exportable and says how to read it. Designs that
 * are not a meaningful comparison are left out (and named as such).
 */
import { useState } from 'react';
import type { DesignKind } from '../../../sim/delivery/design.ts';
import type { DeliveryComparison } from '../../../sim/delivery/simulate.ts';
import { cumulativeFlowBands, DESIGN_COLORS, shippedSeries, timeBreakdownSegments, timeToProductionSeries, wipSeries } from './model/charts.ts';
import { monthShort } from '../../model/format.ts';
import { ChartCard } from '../../ui/ChartCard.tsx';
import { GroupedBarChart } from '../../ui/charts/GroupedBarChart.tsx';
import { TimeBreakdownChart } from './TimeBreakdownChart.tsx';
import { XYChart } from '../../ui/charts/XYChart.tsx';

const WEEKS_PER_MONTH = 52 / 12;

export function DeliveryCharts({ comparison, fileStem }: { comparison: DeliveryComparison; fileStem: string }) {
  const designs = comparison.designs.filter((d) => d.verdict.meaningful);
  const omitted = comparison.designs.filter((d) => !d.verdict.meaningful);
  const [cfdDesign, setCfdDesign] = useState<DesignKind>(comparison.naturalDesign);
  const cfd = designs.find((d) => d.kind === cfdDesign) ?? designs[0];
  const ttp = timeToProductionSeries(designs);
  const seriesKeys = designs.map((d) => ({ id: d.kind, label: d.label, color: DESIGN_COLORS[d.kind] }));
  const months = designs[0]?.shippedPerMonth ?? [];
  const monthLabel = (m: number) => monthShort(months[Math.round(m) - 1]?.label ?? '') || `M${m}`;
  const horizonWeeks = comparison.horizonMonths * WEEKS_PER_MONTH;
  const trials = comparison.trials.toLocaleString('en-US');
  return (
    <div className="delivery-charts">
      {omitted.length ? (
        <p className="small muted delivery-charts-omitted">
          Not in the charts: {omitted.map((d) => d.label).join(', ')} (not a meaningful comparison).
        </p>
      ) : null}
      <ChartCard title="Time to production" fileStem={fileStem} caption={`Share of shipped initiatives per week of time from request to production, over ${trials} trials; dashed lines are the P50s.`}>
        <XYChart
          title="Time to production"
          series={ttp.series}
          markers={ttp.markers}
          xLabel="Weeks from request to production"
          yLabel="% of initiatives / week"
          xDomain={[0, Math.max(1, ...designs.map((d) => d.timeToProduction.histogram.at(-1)?.to ?? 1))]}
          summary={designs.map((d) => `${d.label}: P50 ${d.timeToProduction.p50.toFixed(1)} weeks`).join('; ')}
        />
      </ChartCard>
      <ChartCard title="Where the time goes" fileStem={fileStem} caption="Mean weeks per shipped initiative spent waiting in the backlog, being worked on, queued at each team, waiting for a hand-off and in rework. Hover a segment for its team.">
        <TimeBreakdownChart
          title="Where the time goes"
          rows={designs.map((d) => ({ id: d.kind, label: d.label, segments: timeBreakdownSegments(d) }))}
          summary={designs.map((d) => `${d.label}: ${d.breakdown.working.toFixed(1)} weeks working of ${d.breakdown.total.toFixed(1)}`).join('; ')}
        />
      </ChartCard>
      <ChartCard title="Throughput per quarter" fileStem={fileStem} caption="Mean initiatives reaching production in each quarter of the plan; the whisker runs down to what 85% of trials shipped at least.">
        <GroupedBarChart
          title="Throughput per quarter"
          series={seriesKeys}
          groups={(designs[0]?.throughputPerQuarter ?? []).map((q, i) => ({
            category: `Q${q.quarter}`,
            bars: designs.map((d) => {
              const t = d.throughputPerQuarter[i];
              return { seriesId: d.kind, value: t?.mean ?? 0, low: t?.p15 ?? 0, tooltip: `${d.label}, quarter ${q.quarter}: ${(t?.mean ?? 0).toFixed(1)} initiatives on average; 85% of trials shipped at least ${t?.p15 ?? 0}` };
            }),
          }))}
          xLabel={`Quarter of the plan (Q1 starts ${monthShort(designs[0]?.throughputPerQuarter[0]?.label ?? '') || 'month 1'})`}
          yLabel="Initiatives shipped"
          summary={designs.map((d) => `${d.label}: ${d.shippedInHorizon.toFixed(1)} shipped in the horizon`).join('; ')}
        />
      </ChartCard>
      <ChartCard title="Initiatives shipped per month" fileStem={fileStem} caption="Mean initiatives reaching production each month as teams come online along the phase plan and the hiring plan.">
        <XYChart title="Initiatives shipped per month" series={shippedSeries(designs)} xLabel="Plan month" yLabel="Initiatives shipped" xFormat={monthLabel} summary={`Over ${comparison.horizonMonths} months from ${comparison.planStart}.`} />
      </ChartCard>
      <ChartCard title="Work in progress" fileStem={fileStem} caption="Mean initiatives requested but not yet in production at the start of each week (Little's law: WIP = throughput × time in the system).">
        <XYChart
          title="Work in progress"
          series={wipSeries(designs)}
          xLabel="Weeks from the plan start"
          yLabel="Initiatives in system"
          xDomain={[0, horizonWeeks]}
          summary={designs.map((d) => `${d.label}: ${(d.wip.at(-1) ?? 0).toFixed(1)} in the system at the end`).join('; ')}
        />
      </ChartCard>
      {cfd ? (
        <ChartCard
          title={`Cumulative flow: ${cfd.label}`}
          fileStem={fileStem}
          caption="Initiatives that have arrived, started, been integrated and reached production, cumulative; the width of a band is the WIP in that state."
          actions={
            <label className="small">
              Design{' '}
              <select className="input input-narrow" value={cfd.kind} onChange={(e) => setCfdDesign(e.target.value as DesignKind)}>
                {designs.map((d) => (
                  <option key={d.kind} value={d.kind}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
          }
        >
          <XYChart
            title={`Cumulative flow: ${cfd.label}`}
            series={cumulativeFlowBands(cfd)}
            xLabel="Weeks from the plan start"
            yLabel="Cumulative initiatives"
            summary={`${(cfd.cfd.at(-1)?.done ?? 0).toFixed(1)} in production of ${(cfd.cfd.at(-1)?.arrived ?? 0).toFixed(1)} arrived.`}
          />
        </ChartCard>
      ) : null}
    </div>
  );
}
