/**
 * Costs (M3): what the org costs, derived on every edit from the role
 * catalog, the multipliers, the GPU-hours and the phase plan (a team costs
 * from its wave's start, an open position from its hire month). The role
 * catalog and the cost model are edited here (undoable, autosaved); each
 * default shows its source. GPU money is the one model every tab uses
 * (`CostBreakdown.gpu`): teams' use, idle owned capacity, use bought beyond
 * it; the budget cap is drawn against the spend it is measured on. Another
 * scenario's costs side by side.
 */
import { scaleLinear } from 'd3';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ScenarioRecord } from '../../../sim/api/contract.ts';
import { COST_DEFAULTS_DOC, defaultRoleCost } from '../../../sim/cost/catalog.ts';
import { compareCosts, resolveRoleCatalog, salaryAtPercentile, type CostBreakdown } from '../../../sim/cost/compute.ts';
import { scenarioCosts } from '../../../sim/cost/scenario-costs.ts';
import { costModelIssues } from '../../../sim/cost/validate.ts';
import { ROLE_IDS, ROLE_LABELS, type RoleId } from '../../../sim/org/roles.ts';
import { TEAM_TYPE_LABELS } from '../../../sim/org/team-types.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { api } from '../../api/api.ts';
import { errorInfo, type ErrorInfo } from '../../api/errors.ts';
import { AxisLine, AxisTicks } from '../../ui/charts/axes.tsx';
import { ChartExport } from '../../ui/ChartExport.tsx';
import { BudgetChart, CostChart } from './CostChart.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { costFieldSource, isDefaultRoleCost, resetRoleCost, roleCostOf, setOptionalCost, updateCostModel, updateRoleCost, type RoleCostPatch } from '../../../sim/edits/cost.ts';
import { BUDGET_BASIS_LABELS, budgetChartData, costChartData, cumulativeComparison, IDLE_COLOR } from './model/cost-chart.ts';
import { seriesColor } from '../../model/charts.ts';
import { useCostsWithGpuUse, type GpuAdoption } from '../../stores/gpu-use-source.ts';
import { chartFileName } from '../../files/chart-export.ts';
import { money, moneyDelta, moneyPrecise, moneyShort, monthName } from '../../model/format.ts';
import { useEditor } from '../../stores/editor.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { usePlanningUi } from '../../stores/planning-ui.ts';
import { useScenarioList } from '../../stores/scenario-list.ts';
import { flushSave } from '../../stores/session.ts';
import { plural } from '../../model/text.ts';
import './costs.css';

const apply = (edit: (d: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
const seal = () => useEditor.getState().seal();

export function CostsView({ doc }: { doc: Scenario }) {
  const { costs, adopted } = useCostsWithGpuUse(doc);
  const currency = costs.currency;
  const teamNames = useMemo(() => new Map(doc.teams.map((t) => [t.id, t.name])), [doc.teams]);
  const colors = useMemo(() => new Map(doc.teams.map((t, i) => [t.id, seriesColor(i)])), [doc.teams]);
  const chart = useMemo(() => costChartData(costs, teamNames), [costs, teamNames]);
  const budgetChart = useMemo(() => budgetChartData(costs), [costs]);
  const monthlyRef = useRef<HTMLDivElement>(null);
  const budgetRef = useRef<HTMLDivElement>(null);
  const horizon = costs.horizonMonths;
  const budget = costs.budget;
  const first = costs.months[0] ?? '';
  const last = costs.months.at(-1) ?? '';
  const basis = budget ? BUDGET_BASIS_LABELS[budget.basis] : null;
  const idle = costs.gpu.totalIdleCost > 0;
  const chartLabel = `Cost per month stacked by team${idle ? ', with idle GPUs on top' : ''}, ${monthName(first)} to ${monthName(last)}. Total ${money(costs.total, currency)}.`;
  const budgetLabel =
    budget && basis
      ? `${basis.line} against the budget cap of ${money(budget.capPerYear, currency)} ${basis.cap}, ${monthName(first)} to ${monthName(last)}: ${
          budget.crossedMonthLabel ? `crossed in ${monthName(budget.crossedMonthLabel)}` : 'not crossed'
        }.`
      : '';
  const fileStem = chartFileName(doc.name);

  return (
    <div className="planning-section costs">
      <section className="kpis" aria-label="Cost totals">
        <Kpi label={`Total over ${horizon} months`} value={money(costs.total, currency)} detail={`${monthName(first)} – ${monthName(last)}, idle GPUs included`} name="total" />
        <Kpi label="Annual run rate" value={money(costs.annualRunRate, currency)} detail="every position filled, every team’s GPUs running, the last month’s owned GPUs" name="run-rate" />
        <Kpi label="People / GPUs" value={`${moneyShort(costs.totalPeople, currency)} / ${moneyShort(costs.totalGpu, currency)}`} detail={`over ${horizon} months`} name="split" />
        <Kpi
          label={basis ? `Budget cap ${basis.cap}` : 'Budget cap'}
          value={budget ? moneyShort(budget.capPerYear, currency) : 'No cap'}
          detail={
            budget && basis
              ? budget.crossedMonth !== null
                ? `Crossed in ${monthName(budget.crossedMonthLabel ?? '')} (month ${budget.crossedMonth}): ${basis.line.toLowerCase()} reaches ${moneyShort(budget.measured[budget.crossedMonth - 1] ?? 0, currency)}`
                : budget.runRateCrossedMonth !== null
                  ? `Not crossed (${basis.short}); the monthly run rate passes it from month ${budget.runRateCrossedMonth}`
                  : `Never crossed within the plan (${basis.short})`
              : 'Set one below to track it'
          }
          tone={budget?.crossedMonth != null ? 'bad' : budget ? 'ok' : undefined}
          name="budget"
        />
      </section>

      <GpuMoney doc={doc} costs={costs} adopted={adopted} />

      <section className="panel" aria-labelledby="monthly-title">
        <div className="section-header">
          <h2 id="monthly-title" className="section-title">
            Cost per month <span className="muted small">people from each position’s start (wave start or hire month), teams’ GPU use, and idle GPUs</span>
          </h2>
          {chart.series.length > 0 ? <ChartExport frame={monthlyRef} title="Cost per month" fileStem={fileStem} /> : null}
        </div>
        <div ref={monthlyRef}>
          {chart.series.length === 0 ? <p className="empty">Nothing costs anything yet: add positions in the org design.</p> : <CostChart data={chart} currency={currency} colors={colors} label={chartLabel} />}
        </div>
        {chart.series.length > 0 ? (
          <ul className="chart-legend" aria-label="Series in the chart">
            {chart.series.map((s) => (
              <li key={s.teamId}>
                <span className="legend-swatch" style={{ background: s.kind === 'idle' ? IDLE_COLOR : colors.get(s.teamId) }} aria-hidden="true" />
                {s.name}
              </li>
            ))}
          </ul>
        ) : null}
        <MonthTable costs={costs} />
        {costs.unscheduledPositionIds.length > 0 ? (
          <p className="field-warning">{plural(costs.unscheduledPositionIds.length, 'open position')} with no hire month and no time to hire cost nothing yet.</p>
        ) : null}
      </section>

      {budgetChart && basis ? (
        <section className="panel" aria-labelledby="budget-title">
          <div className="section-header">
            <h2 id="budget-title" className="section-title">
              Budget cap <span className="muted small">{basis.line.toLowerCase()} against the cap of {money(budgetChart.cap, currency)} {basis.cap}</span>
            </h2>
            <ChartExport frame={budgetRef} title="Budget chart" fileStem={fileStem} />
          </div>
          <div ref={budgetRef}>
            <BudgetChart data={budgetChart} currency={currency} label={budgetLabel} />
          </div>
          <ul className="chart-legend" aria-label="Lines in the budget chart">
            <li>
              <span className="legend-line legend-measured" aria-hidden="true" />
              {basis.line}
            </li>
            <li>
              <span className="legend-line legend-budget" aria-hidden="true" />
              Budget cap {basis.cap}
            </li>
            {budgetChart.resets.length > 0 ? (
              <li>
                <span className="legend-line legend-year" aria-hidden="true" />a new plan year starts from zero
              </li>
            ) : null}
          </ul>
          <p className="muted small">
            {budgetChart.basis === 'plan-year'
              ? 'Measured per plan year (months 1–12, 13–24, …): the cap is crossed in the first month the year’s spend so far passes it.'
              : 'Measured over any 12 months: the cap is crossed in the first month the spend of the 12 months up to it passes it.'}{' '}
            {budgetChart.runRateCrossedMonth !== null && budgetChart.runRateCrossedMonth !== budgetChart.crossedMonth
              ? `Early warning: from month ${budgetChart.runRateCrossedMonth}, a month’s spend × 12 is above the cap.`
              : ''}
          </p>
        </section>
      ) : null}

      <div className="costs-columns">
        <TeamCostTable doc={doc} costs={costs} colors={colors} />
        <CostModelPanel doc={doc} gpuPrice={costs.gpuPricePerHour} />
      </div>

      <RoleCatalog doc={doc} costs={costs} />
      <CostCompare doc={doc} costs={costs} />
    </div>
  );
}

function Kpi({ label, value, detail, tone, name }: { label: string; value: string; detail: string; tone?: 'ok' | 'bad' | undefined; name: string }) {
  return (
    <div className={`kpi${tone ? ` kpi-${tone}` : ''}`} role="group" aria-label={label} data-kpi={name}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      <div className="kpi-detail">{detail}</div>
    </div>
  );
}

/** "$141,102" or "$141,102–$188,802": the lowest and highest of some monthly figures. */
function perMonthRange(values: Float64Array, currency: string): string {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return money(0, currency);
  return Math.round(lo) === Math.round(hi) ? money(hi, currency) : `${money(lo, currency)}–${money(hi, currency)}`;
}

function hoursRange(values: Float64Array): string {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return '0';
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  return Math.round(lo) === Math.round(hi) ? f(hi) : `${f(lo)}–${f(hi)}`;
}

/**
 * GPU money in one place, from the one model every tab uses: what the teams
 * use, the owned GPUs nobody uses, and use bought beyond what is owned.
 */
function GpuMoney({ doc, costs, adopted }: { doc: Scenario; costs: CostBreakdown; adopted: GpuAdoption | null }) {
  const navigate = useNavigation((s) => s.navigate);
  const { gpu } = costs;
  const currency = costs.currency;
  const horizon = costs.horizonMonths;
  const owned = gpu.billing === 'owned-capacity';
  const idleAverage = horizon > 0 ? gpu.totalIdleCost / horizon : 0;
  let overHours = 0;
  for (const h of gpu.overCapacityGpuHours) overHours += h;
  const capacityHref = `#/scenario/${encodeURIComponent(doc.id)}/capacity`;
  const toCapacity = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    navigate({ view: 'editor', scenarioId: doc.id, section: 'capacity' });
  };
  return (
    <section className="panel gpu-money" aria-labelledby="gpu-money-title">
      <h2 id="gpu-money-title" className="section-title">
        GPUs over {horizon} months: {money(costs.totalGpu, currency)}
      </h2>
      <ul className="gpu-money-lines" aria-label="GPU spend">
        <li data-gpu-line="used">
          <span className="gpu-money-label">
            GPUs used by teams{' '}
            <span className="muted">
              ({gpu.useSource === 'simulated' ? `simulated GPU-hours: ${adopted?.run ?? 'from the GPU simulation'}` : 'planned GPU-hours, set on each team'})
            </span>
          </span>
          <span className="gpu-money-value">{money(gpu.totalUsedCost, currency)}</span>
          <span className="gpu-money-detail muted">
            {hoursRange(gpu.usedGpuHours)} GPU-h a month, {perMonthRange(gpu.usedCost, currency)}/month
          </span>
        </li>
        {owned ? (
          <li data-gpu-line="idle" className={gpu.totalIdleCost > 0 ? 'is-idle' : undefined}>
            <span className="gpu-money-label">
              <span className="legend-swatch" style={{ background: IDLE_COLOR }} aria-hidden="true" />
              Idle GPUs: {money(idleAverage, currency)}/month
              {gpu.totalIdleCost > 0 ? <span className="muted"> on average ({perMonthRange(gpu.idleCost, currency)})</span> : null}
            </span>
            <span className="gpu-money-value">{money(gpu.totalIdleCost, currency)}</span>
            <span className="gpu-money-detail muted">{hoursRange(gpu.idleGpuHours)} owned GPU-hours a month nobody uses</span>
          </li>
        ) : null}
        {gpu.totalOverCapacityCost > 0 ? (
          <li data-gpu-line="over-capacity">
            <span className="gpu-money-label">Bought beyond owned capacity</span>
            <span className="gpu-money-value">{money(gpu.totalOverCapacityCost, currency)}</span>
            <span className="gpu-money-detail muted">{Math.round(overHours).toLocaleString('en-US')} GPU-h on demand, included in the teams’ use above</span>
          </li>
        ) : null}
      </ul>
      <p className="gpu-money-note small">
        {owned ? (
          <>
            The organisation pays for the GPUs it owns, used or not: {perMonthRange(gpu.capacityCost, currency)} a month ({money(gpu.totalCapacityCost, currency)} over the plan). Teams are
            charged for what they use; the rest is idle; use beyond it is bought on demand. The owned GPUs are the node pools in{' '}
            <a href={capacityHref} onClick={toCapacity}>
              GPU capacity
            </a>
            .
          </>
        ) : (
          <>
            Billed on demand: only the GPU-hours teams use are paid for; the node pools in{' '}
            <a href={capacityHref} onClick={toCapacity}>
              GPU capacity
            </a>{' '}
            are not counted.
          </>
        )}
      </p>
    </section>
  );
}

function MonthTable({ costs }: { costs: CostBreakdown }) {
  const currency = costs.currency;
  const budget = costs.budget;
  const measuredLabel = budget ? (budget.basis === 'plan-year' ? 'Plan year so far' : 'Last 12 months') : null;
  return (
    <details className="month-details">
      <summary>Month by month (table)</summary>
      <div className="table-scroll month-scroll">
        <table className="table compact-table" aria-label="Cost per month">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                People
              </th>
              <th scope="col" className="num">
                GPUs used
              </th>
              <th scope="col" className="num">
                Idle GPUs
              </th>
              <th scope="col" className="num">
                Total
              </th>
              {measuredLabel ? (
                <th scope="col" className="num">
                  {measuredLabel}
                </th>
              ) : null}
              <th scope="col" className="num">
                Cumulative
              </th>
            </tr>
          </thead>
          <tbody>
            {costs.months.map((label, i) => {
              const measured = budget?.measured[i] ?? 0;
              const over = budget !== null && measured > budget.capPerYear;
              return (
                <tr key={label} className={budget?.crossedMonth === i + 1 ? 'is-crossed' : undefined}>
                  <th scope="row">
                    {monthName(label)} <span className="muted">(month {i + 1})</span>
                  </th>
                  <td className="num">{money(costs.monthlyPeople[i]!, currency)}</td>
                  <td className="num">{money(costs.gpu.usedCost[i]!, currency)}</td>
                  <td className="num">{money(costs.gpu.idleCost[i]!, currency)}</td>
                  <td className="num">{money(costs.monthly[i]!, currency)}</td>
                  {measuredLabel ? (
                    <td className={`num${over ? ' bad' : ''}`}>
                      {money(measured, currency)}
                      {over ? <span className="visually-hidden"> (over the cap)</span> : null}
                    </td>
                  ) : null}
                  <td className="num">{money(costs.cumulative[i]!, currency)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function TeamCostTable({ doc, costs, colors }: { doc: Scenario; costs: CostBreakdown; colors: ReadonlyMap<string, string> }) {
  const currency = costs.currency;
  let headcount = 0;
  let open = 0;
  let annual = 0;
  let gpuMonthly = 0;
  for (const t of costs.teams) {
    headcount += t.headcount;
    open += t.openPositions;
    annual += t.annualPeopleCost;
    gpuMonthly += t.gpuMonthlyCost;
  }
  return (
    <section className="panel" aria-labelledby="team-costs-title">
      <h2 id="team-costs-title" className="section-title">
        Per team
      </h2>
      <div className="table-scroll">
        <table className="table compact-table team-cost-table" aria-label="Cost per team">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="num">
                Positions
              </th>
              <th scope="col" className="num">
                <abbr title="People cost per year with every position filled">People / year</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title="GPU-hours per month × price per GPU-hour">GPUs / month</abbr>
              </th>
              <th scope="col" className="num">
                Over {costs.horizonMonths} months
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.teams.map((team, i) => {
              const c = costs.teams[i];
              if (!c) return null;
              return (
                <tr key={team.id} aria-label={team.name}>
                  <th scope="row">
                    <span className="legend-swatch" style={{ background: colors.get(team.id) }} aria-hidden="true" /> {team.name}
                    <div className="muted small">{TEAM_TYPE_LABELS[team.type]}</div>
                  </th>
                  <td className="num">
                    {c.headcount}
                    {c.openPositions ? <span className="muted"> ({c.openPositions} open)</span> : null}
                  </td>
                  <td className="num">{money(c.annualPeopleCost, currency)}</td>
                  <td className="num">
                    {money(c.gpuMonthlyCost, currency)}
                    {c.gpuHoursPerMonth ? <div className="muted small">{c.gpuHoursPerMonth.toLocaleString('en-US')} GPU-h</div> : null}
                  </td>
                  <td className="num">{money(c.total, currency)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            {costs.gpu.totalIdleCost > 0 ? (
              <tr className="idle-row" aria-label="Idle GPUs">
                <th scope="row">
                  <span className="legend-swatch" style={{ background: IDLE_COLOR }} aria-hidden="true" /> Idle GPUs
                  <div className="muted small">owned, used by no team</div>
                </th>
                <td className="num">—</td>
                <td className="num">—</td>
                <td className="num">
                  {money(costs.gpu.idleCost[costs.horizonMonths - 1] ?? 0, currency)}
                  <div className="muted small">in the last month</div>
                </td>
                <td className="num">{money(costs.gpu.totalIdleCost, currency)}</td>
              </tr>
            ) : null}
            <tr className="total-row" aria-label="All teams">
              <th scope="row">{costs.gpu.totalIdleCost > 0 ? 'All teams and idle GPUs' : 'All teams'}</th>
              <td className="num">
                {headcount}
                {open ? <span className="muted"> ({open} open)</span> : null}
              </td>
              <td className="num">{money(annual, currency)}</td>
              <td className="num">{money(gpuMonthly + (costs.gpu.idleCost[costs.horizonMonths - 1] ?? 0), currency)}</td>
              <td className="num">{money(costs.total, currency)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function CostModelPanel({ doc, gpuPrice }: { doc: Scenario; gpuPrice: number }) {
  const model = doc.costModel;
  const issues = costModelIssues(model).filter((i) => i.path === 'costModel.loadedCostMultiplier');
  const loaded = costFieldSource('loadedCostMultiplier', model.loadedCostMultiplier);
  const region = costFieldSource('regionMultiplier', model.regionMultiplier);
  const horizonSource = costFieldSource('horizonMonths', model.horizonMonths);
  const pools = doc.cluster.nodePools;
  const poolGpus = pools.reduce((n, p) => n + p.gpusPerNode * p.nodeCount, 0);
  return (
    <section className="panel cost-model" aria-labelledby="cost-model-title">
      <h2 id="cost-model-title" className="section-title">
        Cost model
      </h2>
      <div className="form-grid form-grid-2">
        <div className="field">
          <label htmlFor="cm-loaded" className="field-label">
            Loaded-cost multiplier <SourceBadge kind={loaded.kind} subject="the loaded-cost multiplier" rationale={loaded.rationale} />
          </label>
          <NumberField
            id="cm-loaded"
            label="Loaded-cost multiplier"
            className="input input-compact"
            min={0.5}
            max={5}
            integer={false}
            value={model.loadedCostMultiplier}
            aria-describedby={issues.length ? 'cm-loaded-msg' : undefined}
            onValue={(v) => apply((d) => updateCostModel(d, { loadedCostMultiplier: v }), 'cost:loaded')}
            onBlur={seal}
          />
          {issues.length ? (
            <span id="cm-loaded-msg" className="field-warning">
              {issues[0]!.message}
            </span>
          ) : (
            <span className="field-hint">benefits, payroll tax, overhead on salary</span>
          )}
        </div>
        <div className="field">
          <label htmlFor="cm-region" className="field-label">
            Region multiplier <SourceBadge kind={region.kind} subject="the region multiplier" rationale={region.rationale} />
          </label>
          <NumberField
            id="cm-region"
            label="Region multiplier"
            className="input input-compact"
            min={0.05}
            max={5}
            integer={false}
            value={model.regionMultiplier}
            onValue={(v) => apply((d) => updateCostModel(d, { regionMultiplier: v }), 'cost:region')}
            onBlur={seal}
          />
          <input
            className="input input-compact region-name"
            aria-label="Region name"
            maxLength={200}
            value={model.regionName}
            onChange={(e) => apply((d) => updateCostModel(d, { regionName: e.target.value }), 'cost:regionName')}
            onBlur={seal}
          />
        </div>
        <div className="field">
          <label htmlFor="cm-budget" className="field-label">
            Budget cap per {model.budgetCapBasis === 'plan-year' ? 'plan year' : '12 months'} ({model.currency})
          </label>
          <NumberField
            id="cm-budget"
            label="Budget cap"
            className="input input-compact"
            nullable
            min={0}
            max={1e12}
            value={model.budgetCapPerYear ?? null}
            placeholder="No cap"
            onValue={(v) => apply((d) => setOptionalCost(d, 'budgetCapPerYear', v), 'cost:budget')}
            onBlur={seal}
          />
          <span className="field-hint">empty = no cap</span>
        </div>
        <ChoiceField
          legend="How the cap is measured"
          name="cm-cap-basis"
          value={model.budgetCapBasis}
          options={[
            { value: 'plan-year', label: 'Per plan year', hint: 'spend in months 1–12, 13–24, … each starts from zero' },
            { value: 'trailing-12-months', label: 'Any 12 months', hint: 'at every month, the spend of the 12 months up to it' },
          ]}
          onChange={(v) => apply((d) => updateCostModel(d, { budgetCapBasis: v }))}
        />
        <ChoiceField
          legend="GPU billing"
          name="cm-gpu-billing"
          value={model.gpuBilling}
          options={[
            { value: 'owned-capacity', label: 'Owned capacity', hint: 'the node pools are paid for every hour, used or idle' },
            { value: 'on-demand', label: 'On demand', hint: 'only the GPU-hours teams use are paid for' },
          ]}
          onChange={(v) => apply((d) => updateCostModel(d, { gpuBilling: v }))}
        />
        <div className="field">
          <label htmlFor="cm-gpu-price" className="field-label">
            Price per GPU-hour ({model.currency})
          </label>
          <NumberField
            id="cm-gpu-price"
            label="Price per GPU-hour"
            className="input input-compact"
            nullable
            min={0}
            max={10_000}
            integer={false}
            value={model.gpuPricePerHour ?? null}
            placeholder={gpuPrice > 0 ? gpuPrice.toFixed(2) : 'from node pools'}
            onValue={(v) => apply((d) => setOptionalCost(d, 'gpuPricePerHour', v), 'cost:gpuPrice')}
            onBlur={seal}
          />
          <span className="field-hint">
            {model.gpuPricePerHour === undefined
              ? poolGpus > 0
                ? `empty = the node pools’ GPU-weighted average (${moneyPrecise(gpuPrice, model.currency)} over ${poolGpus} GPUs)`
                : 'empty = the node pools’ average (no pools yet: 0)'
              : 'set here; empty it to use the node pools’ average'}
          </span>
        </div>
        <div className="field">
          <label htmlFor="cm-start" className="field-label">
            Plan start (month 1)
          </label>
          <input
            id="cm-start"
            className="input input-compact"
            type="month"
            value={model.planStart}
            onChange={(e) => {
              if (/^\d{4}-(0[1-9]|1[0-2])$/.test(e.target.value)) apply((d) => updateCostModel(d, { planStart: e.target.value }), 'cost:planStart');
            }}
            onBlur={seal}
          />
        </div>
        <div className="field">
          <label htmlFor="cm-horizon" className="field-label">
            Horizon (months) <SourceBadge kind={horizonSource.kind} subject="the horizon" rationale={horizonSource.rationale} />
          </label>
          <NumberField
            id="cm-horizon"
            label="Horizon"
            className="input input-compact"
            min={1}
            max={120}
            value={model.horizonMonths}
            onValue={(v) => apply((d) => updateCostModel(d, { horizonMonths: v }), 'cost:horizon')}
            onBlur={seal}
          />
        </div>
      </div>
    </section>
  );
}

interface Choice<T extends string> {
  value: T;
  label: string;
  /** What choosing it means, in one line. */
  hint: string;
}

/** A setting of a few exclusive choices, each with what it means (radio buttons: every choice and its meaning stay visible). */
function ChoiceField<T extends string>({ legend, name, value, options, onChange }: { legend: string; name: string; value: T; options: Array<Choice<T>>; onChange(value: T): void }) {
  return (
    <fieldset className="field choice-field">
      <legend className="field-label">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>
            {o.label}
            <span className="field-hint block">{o.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function RoleCatalog({ doc, costs }: { doc: Scenario; costs: CostBreakdown }) {
  const model = doc.costModel;
  const catalog = useMemo(() => resolveRoleCatalog(model.roles), [model.roles]);
  const issues = costModelIssues(model);
  const counts = useMemo(() => {
    const n = {} as Record<RoleId, number>;
    for (const r of ROLE_IDS) n[r] = 0;
    for (const t of doc.teams) for (const p of t.positions) n[p.role]++;
    return n;
  }, [doc.teams]);
  const currency = model.currency;
  const multiplier = model.loadedCostMultiplier * model.regionMultiplier;
  const percentileDoc = COST_DEFAULTS_DOC.find((d) => d.field === 'percentile');
  // A role whose figures end up at their defaults is the default again, not an "edited" copy of it
  // (typing 150 over 25 stores 1 and 15 on the way, then 25 again when 150 is refused).
  const patch = (role: RoleId, p: RoleCostPatch, field: string) =>
    apply((d) => {
      const next = updateRoleCost(d, role, p);
      const entry = next.costModel.roles.find((r) => r.role === role);
      const def = defaultRoleCost(role);
      const atDefault = entry && entry.min === def.min && entry.max === def.max && entry.percentile === def.percentile && entry.equityPerYear === def.equityPerYear;
      return atDefault ? resetRoleCost(next, role) : next;
    }, `role:${role}:${field}`);
  return (
    <section className="panel" aria-labelledby="catalog-title">
      <div className="section-header">
        <h2 id="catalog-title" className="section-title">
          Role catalog <span className="muted small">annual {currency}; a position is costed at its band’s percentile × loaded × region, plus equity</span>
        </h2>
      </div>
      <div className="table-scroll">
        <table className="table compact-table catalog-table" aria-label="Role catalog">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col" className="num">
                Band min
              </th>
              <th scope="col" className="num">
                Band max
              </th>
              <th scope="col" className="num">
                Salary percentile {percentileDoc ? <SourceBadge kind="assumption" subject="the default percentile" rationale={percentileDoc.rationale} /> : null}
              </th>
              <th scope="col" className="num">
                Equity / year
              </th>
              <th scope="col" className="num">
                <abbr title="Salary at the percentile × loaded-cost × region multipliers + equity">Cost / position</abbr>
              </th>
              <th scope="col" className="num">
                In org
              </th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {ROLE_IDS.map((role) => {
              const entry = catalog[role];
              const label = ROLE_LABELS[role];
              const index = model.roles.findIndex((r) => r.role === role);
              const swapped = index >= 0 && issues.some((i) => i.path === `costModel.roles[${index}].max`);
              const stored = roleCostOf(model, role);
              const def = defaultRoleCost(role);
              const annual = salaryAtPercentile(entry, entry.percentile) * multiplier + entry.equityPerYear;
              const edited = !isDefaultRoleCost(stored);
              return (
                <tr key={role} aria-label={label}>
                  <th scope="row">{label}</th>
                  <td className="num">
                    <NumberField
                      className="input input-compact num input-money"
                      min={0}
                      max={100_000_000}
                      value={entry.min}
                      aria-label={`${label} band minimum`}
                      // A band whose ends cross is refused here: the cost model would otherwise swap them without a word.
                      check={(v) => (v > entry.max ? `${label} band minimum must be at most the maximum, ${money(entry.max, currency)}` : null)}
                      onValue={(v) => patch(role, { min: v }, 'min')}
                      onBlur={seal}
                    />
                  </td>
                  <td className="num">
                    <NumberField
                      className="input input-compact num input-money"
                      min={0}
                      max={100_000_000}
                      value={entry.max}
                      aria-label={`${label} band maximum`}
                      aria-invalid={swapped || undefined}
                      title={swapped ? 'The maximum is below the minimum; the two are swapped when costing' : undefined}
                      check={(v) => (v < entry.min ? `${label} band maximum must be at least the minimum, ${money(entry.min, currency)}` : null)}
                      onValue={(v) => patch(role, { max: v }, 'max')}
                      onBlur={seal}
                    />
                  </td>
                  <td className="num">
                    <NumberField className="input input-compact num input-pct" min={0} max={100} integer={false} value={entry.percentile} aria-label={`${label} percentile`} label={`${label} salary percentile`} onValue={(v) => patch(role, { percentile: v }, 'percentile')} onBlur={seal} />
                  </td>
                  <td className="num">
                    <NumberField className="input input-compact num input-money" min={0} max={100_000_000} value={entry.equityPerYear} aria-label={`${label} equity per year`} onValue={(v) => patch(role, { equityPerYear: v }, 'equity')} onBlur={seal} />
                  </td>
                  <td className="num" aria-label={`${label} cost per position`}>
                    {money(annual, currency)}
                  </td>
                  <td className="num">{counts[role] || <span className="muted">0</span>}</td>
                  <td>
                    <SourceBadge
                      kind={edited ? 'user' : def.source}
                      subject={`the ${label.toLowerCase()} band`}
                      source={edited ? 'Edited in this scenario' : def.source === 'seed' ? 'The article "2-pizza AI teams"' : 'Podplan assumption'}
                      rationale={edited ? `Default: ${money(def.min)}–${money(def.max)} at the ${def.percentile}th percentile, ${money(def.equityPerYear)} equity (${def.source}). ${def.rationale}` : def.rationale}
                    >
                      {edited ? (
                        <button type="button" className="btn btn-small" onClick={() => apply((d) => resetRoleCost(d, role))}>
                          Reset to default
                        </button>
                      ) : null}
                    </SourceBadge>
                    {swapped ? <span className="field-warning block">Band maximum below its minimum (from a file): costed with the two swapped until you fix it</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        The article prices three roles (AI platform engineer $150–240K, AI product manager $180–280K + equity, data platform engineer $160–250K); the others are
        documented assumptions. A 6-person pod costs {moneyShort(podExample(costs, doc), currency)} a year with these figures.
      </p>
    </section>
  );
}

/** A 6-person pod (owner, AI/ML engineer, 2 software engineers, data platform engineer, 1 more engineer) under the scenario's cost model. */
function podExample(_costs: CostBreakdown, doc: Scenario): number {
  const roles: RoleId[] = ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer', 'software-engineer'];
  const catalog = resolveRoleCatalog(doc.costModel.roles);
  const m = doc.costModel.loadedCostMultiplier * doc.costModel.regionMultiplier;
  return roles.reduce((sum, r) => sum + salaryAtPercentile(catalog[r], catalog[r].percentile) * m + catalog[r].equityPerYear, 0);
}

type Other = { state: 'idle' } | { state: 'loading' } | { state: 'ready'; record: ScenarioRecord } | { state: 'error'; error: ErrorInfo };

function CostCompare({ doc, costs }: { doc: Scenario; costs: CostBreakdown }) {
  const items = useScenarioList((s) => s.items);
  const refresh = useScenarioList((s) => s.refresh);
  const compareWith = usePlanningUi((s) => s.compareWith);
  const setCompareWith = usePlanningUi((s) => s.setCompareWith);
  const navigate = useNavigation((s) => s.navigate);
  const [other, setOther] = useState<Other>({ state: 'idle' });

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!compareWith) {
      setOther({ state: 'idle' });
      return;
    }
    let cancelled = false;
    setOther({ state: 'loading' });
    void (async () => {
      try {
        const record = await api().getScenario(compareWith);
        if (!cancelled) setOther({ state: 'ready', record });
      } catch (error) {
        if (!cancelled) setOther({ state: 'error', error: errorInfo(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [compareWith]);

  const otherScenario = other.state === 'ready' ? other.record.scenario : null;
  const otherCosts = useMemo(() => (otherScenario ? scenarioCosts(otherScenario) : null), [otherScenario]);
  const candidates = items.filter((s) => s.id !== doc.id);
  return (
    <section className="panel" aria-labelledby="compare-costs-title">
      <div className="section-header">
        <h2 id="compare-costs-title" className="section-title">
          Compare costs
        </h2>
        <div className="inline-form">
          <label htmlFor="compare-costs-with" className="field-label inline-label">
            With scenario
          </label>
          <select id="compare-costs-with" className="input input-compact select-inline" value={compareWith ?? ''} onChange={(e) => setCompareWith(e.target.value || null)}>
            <option value="">Choose a scenario…</option>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {compareWith ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void (async () => {
                  await flushSave();
                  navigate({ view: 'compare', a: doc.id, b: compareWith });
                })()
              }
            >
              Compare the org…
            </button>
          ) : null}
        </div>
      </div>
      {other.state === 'idle' ? <p className="muted">Pick another scenario (e.g. the other org design) to see both costs side by side. Its stored version is used.</p> : null}
      {other.state === 'loading' ? <p className="muted">Loading…</p> : null}
      {other.state === 'error' ? (
        <p className="field-error" role="alert">
          Could not load that scenario: {other.error.message}
        </p>
      ) : null}
      {otherScenario && otherCosts ? <CompareTable a={doc} b={otherScenario} ca={costs} cb={otherCosts} /> : null}
    </section>
  );
}

function CompareTable({ a, b, ca, cb }: { a: Scenario; b: Scenario; ca: CostBreakdown; cb: CostBreakdown }) {
  const cmp = compareCosts(ca, cb);
  const currency = ca.currency;
  const sameHorizon = ca.horizonMonths === cb.horizonMonths;
  const positions = (s: Scenario) => s.teams.reduce((n, t) => n + t.positions.length, 0);
  const rows: Array<{ label: string; a: number; b: number; kind: 'money' | 'count'; comparable: boolean }> = [
    { label: `Total over the plan (${ca.horizonMonths} vs ${cb.horizonMonths} months)`, a: ca.total, b: cb.total, kind: 'money', comparable: sameHorizon },
    { label: 'Annual run rate', a: ca.annualRunRate, b: cb.annualRunRate, kind: 'money', comparable: true },
    { label: 'People over the plan', a: ca.totalPeople, b: cb.totalPeople, kind: 'money', comparable: sameHorizon },
    { label: 'GPUs over the plan', a: ca.totalGpu, b: cb.totalGpu, kind: 'money', comparable: sameHorizon },
    { label: 'Teams', a: a.teams.length, b: b.teams.length, kind: 'count', comparable: true },
    { label: 'Positions', a: positions(a), b: positions(b), kind: 'count', comparable: true },
  ];
  const show = (kind: 'money' | 'count', n: number) => (kind === 'money' ? money(n, currency) : String(n));
  const diff = (kind: 'money' | 'count', d: number) => (kind === 'money' ? moneyDelta(d, currency) : d === 0 ? '±0' : d > 0 ? `+${d}` : `−${-d}`);
  const years = Math.max(ca.budget?.years.length ?? 0, cb.budget?.years.length ?? 0, Math.ceil(Math.max(ca.horizonMonths, cb.horizonMonths) / 12));
  const yearSpend = (c: CostBreakdown, y: number) => {
    let sum = 0;
    for (let m = y * 12; m < Math.min(c.horizonMonths, (y + 1) * 12); m++) sum += c.monthly[m]!;
    return sum;
  };
  const cumulative = cumulativeComparison(ca, cb, [a.name, b.name]);
  return (
    <>
      <div className="table-scroll">
        <table className="table compact-table compare-costs" aria-label="Costs side by side">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" className="num">
                This: {a.name}
              </th>
              <th scope="col" className="num">
                Other: {b.name}
              </th>
              <th scope="col" className="num">
                Other − this
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="num">{show(r.kind, r.a)}</td>
                <td className="num">{show(r.kind, r.b)}</td>
                <td className={`num delta ${r.kind === 'money' && r.comparable ? (r.b > r.a ? 'cost-more' : r.b < r.a ? 'cost-less' : '') : ''}`}>{r.comparable ? diff(r.kind, r.b - r.a) : '—'}</td>
              </tr>
            ))}
            {Array.from({ length: years }, (_, y) => (
              <tr key={`year-${y}`}>
                <th scope="row">Plan year {y + 1} spend</th>
                <td className="num">{y * 12 < ca.horizonMonths ? money(yearSpend(ca, y), currency) : '—'}</td>
                <td className="num">{y * 12 < cb.horizonMonths ? money(yearSpend(cb, y), currency) : '—'}</td>
                <td className="num delta">{y * 12 < ca.horizonMonths && y * 12 < cb.horizonMonths ? moneyDelta(yearSpend(cb, y) - yearSpend(ca, y), currency) : '—'}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Budget cap crossed</th>
              <td className="num">{ca.budget ? (ca.budget.crossedMonthLabel ? monthName(ca.budget.crossedMonthLabel) : 'never') : 'no cap'}</td>
              <td className="num">{cb.budget ? (cb.budget.crossedMonthLabel ? monthName(cb.budget.crossedMonthLabel) : 'never') : 'no cap'}</td>
              <td className="num">—</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted small" role="status">
        {cmp.bOvertakesAtMonth !== null
          ? `“${b.name}” has spent more in total than this scenario from plan month ${cmp.bOvertakesAtMonth} on.`
          : `“${b.name}” never spends more in total than this scenario within ${cumulative.months} months.`}
      </p>
      <CumulativeChart data={cumulative} currency={currency} />
    </>
  );
}

function CumulativeChart({ data, currency }: { data: ReturnType<typeof cumulativeComparison>; currency: string }) {
  const width = 640;
  const height = 200;
  const m = { top: 12, right: 16, bottom: 36, left: 70 };
  const iw = width - m.left - m.right;
  const ih = height - m.top - m.bottom;
  const xs = (i: number) => (data.months <= 1 ? 0 : (i / (data.months - 1)) * iw);
  const y = scaleLinear().domain([0, data.yMax]).range([ih, 0]).nice(4);
  const plot = { innerW: iw, innerH: ih };
  const path = (values: number[]) => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${xs(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  return (
    <figure className="cumulative">
      <svg width={width} height={height} role="img" aria-label={`Cumulative cost of both scenarios over ${data.months} months`} className="cumulative-chart">
        <g transform={`translate(${m.left},${m.top})`}>
          <AxisTicks axis="y" ticks={y.ticks(4)} at={y} label={(t) => moneyShort(t, currency)} plot={plot} />
          <path d={path(data.series[0].values)} className="line-a" />
          <path d={path(data.series[1].values)} className="line-b" />
          <AxisLine plot={plot} />
          <AxisTicks axis="x" grid={false} labelGap={14} ticks={[1, Math.ceil(data.months / 2), data.months]} at={(mo) => xs(mo - 1)} label={(mo) => String(mo)} plot={plot} />
          <text x={iw / 2} y={ih + 30} textAnchor="middle" className="axis-title">
            Plan month
          </text>
        </g>
      </svg>
      <figcaption className="chart-legend">
        <span>
          <span className="legend-line legend-a" aria-hidden="true" /> {data.series[0].label} (this)
        </span>
        <span>
          <span className="legend-line legend-b" aria-hidden="true" /> {data.series[1].label}
        </span>
        <span className="muted">cumulative cost ({currency})</span>
      </figcaption>
    </figure>
  );
}
