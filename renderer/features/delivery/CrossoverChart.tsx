/**
 * The crossover, on the Delivery tab: a "Find the crossover" button runs
 * each design over a range of demand and of headcount in its own worker
 * (progress, cancel; the comparison above keeps running), then two charts
 * of P85 time to production — against demand and against headcount, a line
 * per design, gaps where a design is not a meaningful comparison (a flag
 * there gives the team at utilisation ≥ 1), the crossovers marked — the
 * crossover sentences, and a table of each point's busiest team. Each chart
 * exports like every chart (ChartCard); it is not re-run on every edit, so a
 * result for older inputs says so.
 */
import { line, scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';
import { axisValueText, type Crossover, type CrossoverSweep } from '../../../sim/delivery/crossover.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { selectOrganisationAnswers, useOrganisation } from '../../stores/organisation.ts';
import { ChartCard } from '../../ui/ChartCard.tsx';
import { AxisLine, AxisTicks } from '../../ui/charts/axes.tsx';
import { ChartFrame, useChartWidth } from '../../ui/charts/ChartFrame.tsx';
import { plotLayout } from '../../ui/charts/plot-layout.ts';
import { RunProgress } from '../../ui/RunProgress.tsx';
import { useDeliveryCrossover } from './crossover-store.ts';
import { busiestText, crossoverLines, crossoverMarks, type CrossoverLinePoint } from './model/crossover-chart.ts';
import { crossoverInput } from './model/crossover-input.ts';
import { isForScenario } from './model/run-input.ts';

const MARGIN = { top: 30, right: 24, bottom: 46, left: 62 };
/** Flags for points where a design is not meaningful sit in a strip under the plot's floor, one row per design. */
const FLAG_ROW = 9;

const plain = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toString() : (Math.round(v * 10) / 10).toString());

/** P85 against one axis: a line per design with gaps, × flags where a design is not meaningful, dashed crossovers. */
export function CrossoverChart({ title, sweep, currency }: { title: string; sweep: CrossoverSweep; currency: string }) {
  const { frameRef, width } = useChartWidth(360, 640);
  const lines = crossoverLines(sweep, currency);
  const marks = crossoverMarks(sweep);
  const legend = [
    ...lines.map((l) => ({ label: l.label, color: l.color, shape: 'line' as const })),
    ...marks.map((m) => ({ label: m.label, color: m.color, shape: 'dash' as const })),
    { label: '× not meaningful (a team at utilisation ≥ 1)', color: '#5a6473', shape: 'box' as const },
  ];
  const plot = plotLayout({ width, height: 300, margin: MARGIN, legend });
  const { innerW, innerH } = plot;
  const floor = innerH - lines.length * FLAG_ROW - 4;
  const values = sweep.points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = scaleLog()
    .domain(lo === hi ? [lo / 2, hi * 2] : [lo, hi])
    .range([0, innerW]);
  const top = Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p.p85 ?? 0)));
  const y = scaleLinear()
    .domain([0, top * 1.08])
    .range([floor, 0])
    .nice(5);
  const path = line<CrossoverLinePoint>()
    .defined((p) => p.p85 !== null)
    .x((p) => x(p.x))
    .y((p) => y(p.p85 ?? 0));
  const summary = sweep.findings.map((f) => f.sentence).join(' ');
  return (
    <ChartFrame frameRef={frameRef} layout={plot} title={title} summary={summary} xTitle={sweep.label} yTitle="P85 weeks to production" className="crossover-chart">
      <AxisTicks axis="y" ticks={y.ticks(5)} at={y} label={plain} plot={{ innerW, innerH: floor }} />
      {marks.map((m) => (
        <line key={m.label} x1={x(m.x)} x2={x(m.x)} y1={0} y2={floor} stroke={m.color} strokeWidth={1.5} strokeDasharray="5 3">
          <title>{m.label}</title>
        </line>
      ))}
      {lines.map((l, row) => (
        <g key={l.kind} data-design={l.kind}>
          <path d={path(l.points) ?? ''} fill="none" stroke={l.color} strokeWidth={2} strokeLinejoin="round" />
          {l.points.map((p) =>
            p.p85 !== null ? (
              <circle key={p.x} cx={x(p.x)} cy={y(p.p85)} r={3.5} fill={l.color}>
                <title>{p.tooltip}</title>
              </circle>
            ) : (
              <text key={p.x} x={x(p.x)} y={floor + 4 + (row + 1) * FLAG_ROW} textAnchor="middle" fontSize={10} fill={l.color} className="crossover-flag">
                ×<title>{p.tooltip}</title>
              </text>
            ),
          )}
        </g>
      ))}
      <AxisLine plot={plot} />
      <AxisTicks axis="x" grid={false} ticks={values} at={x} label={(v) => axisValueText(sweep.axis, v)} plot={plot} />
    </ChartFrame>
  );
}

/** Each point's P85, cost per shipped initiative and busiest team per design, the figures the tooltips give, for reading without hovering. */
function LoadTable({ sweep, currency }: { sweep: CrossoverSweep; currency: string }) {
  const kinds = sweep.points[0]?.designs ?? [];
  const money = (v: number | null) => (v === null ? 'no cost' : `${new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v)} per shipped initiative`);
  return (
    <details className="small crossover-table">
      <summary>Each point: P85, cost per shipped initiative, busiest team ({sweep.axis})</summary>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{sweep.unit}</th>
            {kinds.map((d) => (
              <th key={d.kind} scope="col">
                {d.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sweep.points.map((p) => (
            <tr key={p.value}>
              <td>{axisValueText(sweep.axis, p.value)}</td>
              {p.designs.map((d) => (
                <td key={d.kind} className={d.meaningful ? undefined : 'is-unbounded'}>
                  {d.meaningful ? `${d.p85 === null ? 'no P85' : `P85 ${d.p85.toFixed(1)} wk`} · ${money(d.costPerInitiativeShipped)} · ` : 'not meaningful · '}
                  {busiestText(d)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Sweep({ sweep, crossover, fileStem, currency, stale }: { sweep: CrossoverSweep; crossover: Crossover; fileStem: string; currency: string; stale: boolean }) {
  const title = sweep.axis === 'demand' ? 'P85 time to production against demand' : 'P85 time to production against headcount';
  const caption = `${crossover.trialsPerPoint.toLocaleString('en-US')} trials per point, seed ${crossover.seed} at every point; the scenario's ${sweep.axis === 'demand' ? 'demand' : 'headcount'} is ${axisValueText(sweep.axis, sweep.base)}. Hover a point for its cost per shipped initiative and busiest team.${crossover.cancelled ? ' Cancelled: only the points done are shown.' : ''}${stale ? ' The inputs changed since: run again for the current ones.' : ''}`;
  return (
    <div className="crossover-sweep" data-axis={sweep.axis}>
      {sweep.points.length > 1 ? (
        <ChartCard title={title} fileStem={fileStem} caption={caption}>
          <CrossoverChart title={title} sweep={sweep} currency={currency} />
        </ChartCard>
      ) : null}
      <ul className="crossover-findings">
        {sweep.findings.map((f) => (
          <li key={f.challenger} data-challenger={f.challenger}>
            {f.sentence}
          </li>
        ))}
        {sweep.notes.map((n) => (
          <li key={n} className="muted">
            {n}
          </li>
        ))}
      </ul>
      <LoadTable sweep={sweep} currency={currency} />
    </div>
  );
}

export function DeliveryCrossover({ doc, fileStem }: { doc: Scenario; fileStem: string }) {
  const { teams, phases, costModel, readiness, delivery } = doc;
  const organisation = useOrganisation(selectOrganisationAnswers);
  const input = useMemo(() => crossoverInput(doc, organisation), [doc.id, teams, phases, costModel, readiness, organisation, delivery]);
  const { status, progress, result: shown, resultKey, preliminary, error, run, cancel } = useDeliveryCrossover();
  const crossover = isForScenario(resultKey, doc.id) ? (shown?.crossover ?? null) : null;
  const stale = crossover !== null && resultKey !== input.key;
  const running = status === 'running';
  return (
    <section className="delivery-crossover" aria-label="Crossover">
      <h3 className="subsection-title">At what scale do pods pay off?</h3>
      <div className="delivery-run-controls">
        <button type="button" className="btn btn-small" disabled={running} onClick={() => void run(input.job, input.key, { force: true })}>
          Find the crossover
        </button>
        <span className="small muted">
          Each design at {input.job.demand === null ? '' : '8 levels of demand (×¼ to ×4) and '}6 of headcount (×½ to ×2, the same people in every design), {input.job.trials.toLocaleString('en-US')} trials per point on one seed.
        </span>
      </div>
      <RunProgress label="Crossover progress" running={running} progress={progress} showing={crossover === null ? null : preliminary ? 'preliminary' : 'previous'} onCancel={cancel} />
      {error ? (
        <p className="field-error" role="alert">
          The crossover could not run: {error}
        </p>
      ) : null}
      {crossover ? crossover.sweeps.map((s) => <Sweep key={s.axis} sweep={s} crossover={crossover} fileStem={fileStem} currency={doc.costModel.currency} stale={stale} />) : null}
    </section>
  );
}
