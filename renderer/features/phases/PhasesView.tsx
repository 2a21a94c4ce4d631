/**
 * The phase planner (M5): the Gantt chart of waves, hires, retrospectives
 * and milestones with today's line and the monthly cost; the waves (name,
 * kind, months, teams, cost during the wave); the hiring plan per role with
 * sources; the retrospectives; the seed's warnings; and the calendar as an
 * .ics file. Every edit goes through the editor store.
 */
import { useMemo } from 'react';
import { ROLE_IDS, ROLE_LABELS, type RoleId } from '../../../sim/org/roles.ts';
import { SEED_PODS } from '../../../sim/org/sources.ts';
import { DEFAULT_HIRING, WAVE_KINDS, WAVE_LABELS, WAVE_PURPOSE, type WaveKind } from '../../../sim/phases/defaults.ts';
import { toICalendar } from '../../../sim/phases/ics.ts';
import { hiringSchedule, phaseWarnings, planEvents } from '../../../sim/phases/plan.ts';
import { waveCosts } from '../../../sim/cost/wave-cost.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { GanttChart } from './GanttChart.tsx';
import { NumberField } from '../../ui/NumberField.tsx';
import { sourceKindOf } from '../../model/sources.ts';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { chartFileName } from '../../files/chart-export.ts';
import { downloadText } from '../../files/download.ts';
import { useScenarioCosts } from '../../hooks/usePlanning.ts';
import { money, moneyShort, monthRange } from '../../model/format.ts';
import { ganttModel } from './model/gantt.ts';
import { addWave, hiringOf, isDefaultHiring, removeWave, resetHiring, setWaveTeam, shiftWave, updateHiring, updateRetrospectives, updateWave } from '../../../sim/edits/phases.ts';
import { applyEdit, useEditor } from '../../stores/editor.ts';
import { useNotices } from '../../stores/notices.ts';
import { plural } from '../../model/text.ts';
import './phases.css';

const apply = (edit: (d: Scenario) => Scenario, key?: string) => useEditor.getState().apply(edit, key);
const seal = () => useEditor.getState().seal();
const isKind = (v: string): v is WaveKind => (WAVE_KINDS as readonly string[]).includes(v);

/** The current calendar day, read here (the domain reads no clock). */
function today() {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export function PhasesView({ doc }: { doc: Scenario }) {
  const costs = useScenarioCosts(doc);
  const phases = doc.phases;
  const model = useMemo(() => ganttModel({ teams: doc.teams, phases, costs, planStart: doc.costModel.planStart, today: today() }), [doc.teams, phases, costs, doc.costModel.planStart]);
  const warnings = useMemo(() => phaseWarnings(doc.teams, phases), [doc.teams, phases]);
  const perWave = useMemo(() => new Map(waveCosts(phases.waves, costs).map((w) => [w.waveId, w])), [phases.waves, costs]);
  const currency = costs.currency;

  const downloadIcs = () => {
    const events = planEvents(doc.teams, phases, { horizonMonths: costs.horizonMonths });
    const text = toICalendar(events, { scenarioId: doc.id, calendarName: `${doc.name} — phase plan`, planStart: doc.costModel.planStart });
    const name = `${chartFileName(doc.name, 'phase-plan')}.ics`;
    downloadText(name, text, 'text/calendar');
    useNotices.getState().push({ kind: 'success', title: 'Calendar exported', message: `Downloaded ${name} (${plural(events.length, 'event')}).` });
  };

  return (
    <div className="planning-section phases">
      <div className="section-header">
        <h2 className="section-title">
          Phase plan{' '}
          <span className="muted small">
            {plural(phases.waves.length, 'wave')} · {plural(model.hireRows.reduce((n, r) => n + r.hires.length, 0), 'hire')} · plan starts {doc.costModel.planStart}
          </span>
        </h2>
        <div className="toolbar">
          <button type="button" className="btn btn-small" onClick={downloadIcs}>
            Download .ics
          </button>
        </div>
      </div>

      {warnings.length > 0 ? (
        <div className="banner banner-warning" role="region" aria-label="Phase warnings">
          <ul className="plain-list">
            {warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>
                <span aria-hidden="true">⚠ </span>
                <span className="visually-hidden">Warning: </span>
                {w.message} <SourceBadge kind={sourceKindOf(w.source)} subject="this warning" source={w.source === 'Podplan' ? 'A consistency check of the plan' : w.source} rationale="Advice, never blocking: the plan saves as it is." />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="gantt-title">
        <h2 id="gantt-title" className="section-title">
          Timeline
        </h2>
        <GanttChart model={model} currency={currency} onShiftWave={(waveId, delta) => apply((d) => shiftWave(d, waveId, delta))} />
      </section>

      <section className="panel" aria-labelledby="waves-title">
        <div className="section-header">
          <h2 id="waves-title" className="section-title">
            Waves{' '}
            <SourceBadge
              kind="seed"
              subject="the default waves"
              source={SEED_PODS}
              quote="Phase 1 (Months 1-3): Pilot with 1-3 teams working on distinct product areas. … Phase 2 (Months 4-6): Document what works, refine the model … Phase 3 (Months 7+): Expand to more teams based on proven results."
            />
          </h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              applyEdit(addWave);
            }}
          >
            + Add wave
          </button>
        </div>
        {phases.waves.length === 0 ? <p className="empty">No waves: teams all start in month 1.</p> : null}
        <div className="wave-list">
          {phases.waves.map((wave, index) => {
            const cost = perWave.get(wave.id);
            const base = `wave-${wave.id}`;
            return (
              <div key={wave.id} className="wave-card" role="group" aria-label={`Wave ${index + 1}: ${wave.name}`}>
                <div className="wave-fields">
                  <div className="field">
                    <label htmlFor={`${base}-name`} className="field-label">
                      Name
                    </label>
                    <input id={`${base}-name`} className="input input-compact" value={wave.name} maxLength={200} onChange={(e) => apply((d) => updateWave(d, wave.id, { name: e.target.value }), `${base}:name`)} onBlur={seal} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-kind`} className="field-label">
                      Kind
                    </label>
                    <select
                      id={`${base}-kind`}
                      className="input input-compact"
                      value={wave.kind}
                      onChange={(e) => {
                        const v = e.target.value;
                        if (isKind(v)) apply((d) => updateWave(d, wave.id, { kind: v }));
                      }}
                    >
                      {WAVE_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {WAVE_LABELS[k]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-start`} className="field-label">
                      Start month
                    </label>
                    <NumberField id={`${base}-start`} label="Start month" className="input input-compact" min={1} max={120} value={wave.startMonth} onValue={(v) => apply((d) => updateWave(d, wave.id, { startMonth: v }), `${base}:start`)} onBlur={seal} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-end`} className="field-label">
                      End month
                    </label>
                    <NumberField
                      id={`${base}-end`}
                      label="End month"
                      className="input input-compact"
                      nullable
                      min={1}
                      max={120}
                      value={wave.endMonth ?? null}
                      placeholder="open"
                      title="Last month of the wave; empty = runs to the end of the plan"
                      onValue={(v) => apply((d) => updateWave(d, wave.id, { endMonth: v }), `${base}:end`)}
                      onBlur={seal}
                    />
                  </div>
                  <div className="wave-shift" role="group" aria-label={`Move ${wave.name}`}>
                    <button type="button" className="btn btn-small" aria-label={`Move ${wave.name} one month earlier`} disabled={wave.startMonth <= 1} onClick={() => apply((d) => shiftWave(d, wave.id, -1))}>
                      ← 1 month
                    </button>
                    <button type="button" className="btn btn-small" aria-label={`Move ${wave.name} one month later`} onClick={() => apply((d) => shiftWave(d, wave.id, 1))}>
                      1 month →
                    </button>
                  </div>
                  <div className="wave-cost" aria-label={`Cost of ${wave.name}`}>
                    {cost ? (
                      <>
                        <span className="wave-cost-main" title={`What the wave’s teams cost in ${monthRange(cost.startMonth, cost.endMonth)}`}>
                          {money(cost.teamCost, currency)} <span className="muted small">its teams</span>
                        </span>
                        <span className="muted small" title={`What the whole org costs in ${monthRange(cost.startMonth, cost.endMonth)}`}>
                          {moneyShort(cost.orgCost, currency)} whole org, {monthRange(cost.startMonth, cost.endMonth)}
                        </span>
                      </>
                    ) : null}
                  </div>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost btn-danger-text"
                    aria-label={`Remove ${wave.name}`}
                    onClick={() => {
                      apply((d) => removeWave(d, wave.id));
                      useNotices.getState().push({ kind: 'info', title: `Removed “${wave.name}”`, action: { label: 'Undo', run: () => useEditor.getState().undo() } });
                    }}
                  >
                    Remove
                  </button>
                </div>
                <fieldset className="wave-teams">
                  <legend className="field-label">Teams that start in this wave</legend>
                  {doc.teams.map((t) => (
                    <label key={t.id} className={`team-chip${wave.teamIds.includes(t.id) ? ' is-on' : ''}`}>
                      <input type="checkbox" className="checkbox" checked={wave.teamIds.includes(t.id)} onChange={(e) => apply((d) => setWaveTeam(d, wave.id, t.id, e.target.checked))} />
                      {t.name}
                    </label>
                  ))}
                  {doc.teams.length === 0 ? <span className="muted small">No teams yet.</span> : null}
                </fieldset>
                <div className="field wave-goals">
                  <label htmlFor={`${base}-goals`} className="field-label">
                    Goals
                  </label>
                  <input id={`${base}-goals`} className="input input-compact" value={wave.goals} maxLength={5000} placeholder={WAVE_PURPOSE[wave.kind]} onChange={(e) => apply((d) => updateWave(d, wave.id, { goals: e.target.value }), `${base}:goals`)} onBlur={seal} />
                </div>
              </div>
            );
          })}
        </div>
        <p className="muted small">A team costs from the start of the first wave it is in; teams in no wave (the existing org) run from month 1. Cost per wave: what the wave’s teams cost during its months, and the whole org in the same window.</p>
      </section>

      <div className="phases-columns">
        <HiringPlan doc={doc} />
        <Retrospectives doc={doc} />
      </div>
    </div>
  );
}

function HiringPlan({ doc }: { doc: Scenario }) {
  const schedule = useMemo(() => hiringSchedule(doc.teams, doc.phases), [doc.teams, doc.phases]);
  const byRole = new Map<RoleId, number[]>();
  for (const h of schedule) byRole.set(h.role, [...(byRole.get(h.role) ?? []), h.fillMonth]);
  const inOrg = new Set(doc.teams.flatMap((t) => t.positions.map((p) => p.role)));
  const roles = [...ROLE_IDS].sort((a, b) => Number(inOrg.has(b)) - Number(inOrg.has(a)));
  return (
    <section className="panel" aria-labelledby="hiring-title">
      <h2 id="hiring-title" className="section-title">
        Hiring plan <span className="muted small">months; an open position without a hire month fills after its time to hire, counted from its team’s start</span>
      </h2>
      <table className="table compact-table hiring-table" aria-label="Hiring plan">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col" className="num">
              Time to hire
            </th>
            <th scope="col" className="num">
              Ramp-up
            </th>
            <th scope="col">Open positions fill</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => {
            const entry = hiringOf(doc.phases, role);
            const def = DEFAULT_HIRING.find((h) => h.role === role)!;
            const edited = !isDefaultHiring(entry);
            const fills = [...(byRole.get(role) ?? [])].sort((a, b) => a - b);
            const label = ROLE_LABELS[role];
            return (
              <tr key={role} aria-label={label} className={inOrg.has(role) ? undefined : 'is-unused'}>
                <th scope="row">{label}</th>
                <td className="num">
                  <NumberField className="input input-compact num input-tiny" min={0} max={36} integer={false} value={entry.monthsToHire} aria-label={`${label} months to hire`} onValue={(v) => apply((d) => updateHiring(d, role, { monthsToHire: v }), `hire:${role}:hire`)} onBlur={seal} />
                </td>
                <td className="num">
                  <NumberField
                    className="input input-compact num input-tiny"
                    min={0}
                    max={36}
                    integer={false}
                    value={entry.monthsToProductivity}
                    aria-label={`${label} months to full productivity`}
                    onValue={(v) => apply((d) => updateHiring(d, role, { monthsToProductivity: v }), `hire:${role}:ramp`)}
                    onBlur={seal}
                  />
                </td>
                <td className="small">{fills.length ? fills.map((m) => `m${m}`).join(', ') : <span className="muted">—</span>}</td>
                <td>
                  <SourceBadge
                    kind={edited ? 'user' : def.source}
                    subject={`the ${label.toLowerCase()} hiring times`}
                    source={edited ? 'Edited in this scenario' : 'Podplan assumption (the seeds give no hiring times)'}
                    rationale={edited ? `Default: ${def.monthsToHire} months to hire, ${def.monthsToProductivity} to full productivity (${def.source}). ${def.rationale}` : def.rationale}
                  >
                    {edited ? (
                      <button type="button" className="btn btn-small" onClick={() => apply((d) => resetHiring(d, role))}>
                        Reset to default
                      </button>
                    ) : null}
                  </SourceBadge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Retrospectives({ doc }: { doc: Scenario }) {
  const retro = doc.phases.retrospectives;
  return (
    <section className="panel" aria-labelledby="retro-title">
      <h2 id="retro-title" className="section-title">
        Retrospectives
      </h2>
      <label className="checkbox-row">
        <input type="checkbox" className="checkbox" checked={retro.monthly} onChange={(e) => apply((d) => updateRetrospectives(d, { monthly: e.target.checked }))} />
        A retrospective at the end of every month
        <SourceBadge kind="seed" subject="monthly retrospectives" source={SEED_PODS} quote="Commit to monthly retrospectives to enable course-correction." />
      </label>
      <div className="field retro-month">
        <label htmlFor="go-no-go" className="field-label">
          Go/no-go retrospective at the end of month{' '}
          <SourceBadge kind="seed" subject="the go/no-go month" source={SEED_PODS} quote="Guarantee a retrospective after 3 months (schedule it now) where the team can weigh in on whether this approach continues." />
        </label>
        <NumberField id="go-no-go" label="Go/no-go month" className="input input-compact input-tiny" min={1} max={120} value={retro.goNoGoMonth} onValue={(v) => apply((d) => updateRetrospectives(d, { goNoGoMonth: v }), 'retro:goNoGo')} onBlur={seal} />
      </div>
      <p className="muted small">Both are on the Gantt chart and in the .ics calendar: retrospectives on the last weekday of their month, waves as all-day spans, hires on the first of their month.</p>
    </section>
  );
}
