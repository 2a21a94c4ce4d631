/**
 * Compare 2–4 scenarios: their Decisions' figures side by side with deltas
 * against A, then what B changes relative to A field by field (scenario
 * fields, teams, positions per role per team).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ScenarioRecord } from '../../../sim/api/contract.ts';
import { TEAM_TYPE_LABELS } from '../../../sim/org/team-types.ts';
import { api } from '../../api/api.ts';
import { errorInfo, type ErrorInfo } from '../../api/errors.ts';
import { diffScenarios, type RoleCount, type TeamDiff } from './model/diff.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { useOrganisation } from '../../stores/organisation.ts';
import { useScenarioList } from '../../stores/scenario-list.ts';
import { flushSave } from '../../stores/session.ts';
import { CompareFigures } from './CompareFigures.tsx';
import { MAX_REPORT_SCENARIOS } from '../../../sim/report/model.ts';
import { plural } from '../../model/text.ts';
import './compare.css';

type Loaded = { state: 'idle' } | { state: 'loading' } | { state: 'ready'; records: ScenarioRecord[] } | { state: 'error'; error: ErrorInfo };

const STATUS_LABELS: Record<TeamDiff['status'], string> = {
  added: 'Added in B',
  removed: 'Only in A',
  changed: 'Changed',
  unchanged: 'Unchanged',
};

function delta(a: number, b: number): string {
  const d = b - a;
  return d === 0 ? '±0' : d > 0 ? `+${d}` : `−${-d}`;
}

function RoleRows({ team, roles }: { team: string; roles: RoleCount[] }) {
  return (
    <>
      {roles.map((r, i) => (
        <tr key={`${team}-${r.role}`}>
          {i === 0 ? (
            <th scope="rowgroup" rowSpan={roles.length} className="rowgroup">
              {team}
            </th>
          ) : null}
          <td>{r.label}</td>
          <td className="num">
            {r.a}
            {r.openA ? <span className="muted"> ({r.openA} open)</span> : null}
          </td>
          <td className="num">
            {r.b}
            {r.openB ? <span className="muted"> ({r.openB} open)</span> : null}
          </td>
          <td className={`num delta ${r.b > r.a ? 'delta-up' : r.b < r.a ? 'delta-down' : ''}`}>{delta(r.a, r.b)}</td>
        </tr>
      ))}
    </>
  );
}

export function CompareView({ a, b, more = [] }: { a: string | null; b: string | null; more?: string[] }) {
  const items = useScenarioList((s) => s.items);
  const loaded = useScenarioList((s) => s.loaded);
  const refresh = useScenarioList((s) => s.refresh);
  const navigate = useNavigation((s) => s.navigate);
  const [data, setData] = useState<Loaded>({ state: 'idle' });

  useEffect(() => {
    void refresh();
    // Each scenario's Decision reads the organisation's readiness answers (unless it overrides them).
    void useOrganisation.getState().load();
  }, [refresh]);

  // Default picks: the first two scenarios (or the one given plus another).
  useEffect(() => {
    if (!loaded || items.length === 0) return;
    const first = a ?? items[0]?.id ?? null;
    const second = b ?? items.find((s) => s.id !== first)?.id ?? null;
    if (first !== a || second !== b) navigate({ view: 'compare', a: first, b: second, more }, { replace: true });
  }, [loaded, items, a, b, more, navigate]);

  const moreKey = more.join('\u0000');

  useEffect(() => {
    if (!a || !b) {
      setData({ state: 'idle' });
      return;
    }
    let cancelled = false;
    setData({ state: 'loading' });
    void (async () => {
      try {
        await flushSave();
        const records = await Promise.all([a, b, ...more].map((id) => api().getScenario(id)));
        if (!cancelled) setData({ state: 'ready', records });
      } catch (error) {
        if (!cancelled) setData({ state: 'error', error: errorInfo(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [a, b, moreKey]);

  const diff = useMemo(() => (data.state === 'ready' ? diffScenarios(data.records[0]!.scenario, data.records[1]!.scenario) : null), [data]);
  const nameA = data.state === 'ready' ? data.records[0]!.scenario.name : 'A';
  const nameB = data.state === 'ready' ? data.records[1]!.scenario.name : 'B';
  const setMore = (next: string[]) => navigate({ view: 'compare', a, b, more: next });
  const unused = items.find((s) => s.id !== a && s.id !== b && !more.includes(s.id)) ?? items[0];

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">Compare scenarios</h1>
          <p className="page-subtitle">Up to {MAX_REPORT_SCENARIOS} scenarios: their figures side by side, then what B changes relative to A, field by field.</p>
        </div>
      </div>

      <div className="compare-pickers">
        <div className="field">
          <label htmlFor="compare-a" className="field-label">
            Scenario A
          </label>
          <select id="compare-a" className="input" value={a ?? ''} onChange={(e) => navigate({ view: 'compare', a: e.target.value || null, b, more })}>
            {items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn swap-button"
          aria-label="Swap A and B"
          title="Swap A and B"
          onClick={() => navigate({ view: 'compare', a: b, b: a, more })}
        >
          ⇄
        </button>
        <div className="field">
          <label htmlFor="compare-b" className="field-label">
            Scenario B
          </label>
          <select id="compare-b" className="input" value={b ?? ''} onChange={(e) => navigate({ view: 'compare', a, b: e.target.value || null, more })}>
            {items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {more.map((id, i) => (
          <div className="field" key={i}>
            <label htmlFor={`compare-${i + 2}`} className="field-label">
              Scenario {String.fromCharCode(67 + i)}
            </label>
            <span className="compare-extra">
              <select id={`compare-${i + 2}`} className="input" value={id} onChange={(e) => setMore(more.map((m, k) => (k === i ? e.target.value : m)))}>
                {items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn-small" aria-label={`Remove scenario ${String.fromCharCode(67 + i)}`} onClick={() => setMore(more.filter((_, k) => k !== i))}>
                ✕
              </button>
            </span>
          </div>
        ))}
        {2 + more.length < MAX_REPORT_SCENARIOS && unused ? (
          <button type="button" className="btn compare-add" onClick={() => setMore([...more, unused.id])}>
            Add a scenario
          </button>
        ) : null}
      </div>

      {loaded && items.length < 2 ? <p className="muted">Create or import a second scenario to compare.</p> : null}
      {data.state === 'loading' ? <p className="muted">Loading…</p> : null}
      {data.state === 'error' ? (
        <div className="banner banner-error" role="alert">
          <strong>Could not load the scenarios to compare.</strong> {data.error.message}
        </div>
      ) : null}

      {data.state === 'ready' ? <CompareFigures records={data.records} /> : null}

      {diff && data.state === 'ready' ? (
        <div className="compare-results">
          <h2 className="section-title">What B changes relative to A</h2>
          <p className="compare-summary" role="status">
            {a === b
              ? 'You are comparing a scenario with itself.'
              : diff.identical
                ? 'No differences.'
                : `${plural(diff.changeCount, 'difference')} between “${nameA}” and “${nameB}”.`}
          </p>

          <section aria-labelledby="cmp-scenario">
            <h2 id="cmp-scenario" className="section-title">
              Scenario
            </h2>
            {diff.fields.length === 0 ? (
              <p className="muted">Same name, description and totals.</p>
            ) : (
              <table className="table compare-table" aria-label="Scenario differences">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">A: {nameA}</th>
                    <th scope="col">B: {nameB}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.fields.map((f) => (
                    <tr key={f.field}>
                      <th scope="row">{f.label}</th>
                      <td className="cell-a">{f.a || <span className="muted">(empty)</span>}</td>
                      <td className="cell-b">{f.b || <span className="muted">(empty)</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="cmp-teams">
            <h2 id="cmp-teams" className="section-title">
              Teams
            </h2>
            <table className="table compare-table" aria-label="Team differences">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Change</th>
                  <th scope="col">Field</th>
                  <th scope="col">A</th>
                  <th scope="col">B</th>
                </tr>
              </thead>
              <tbody>
                {diff.teams
                  .filter((t) => t.status !== 'unchanged')
                  .flatMap((t, ti) => {
                    const rows = t.status === 'changed' ? t.fields : [];
                    const span = Math.max(rows.length, 1);
                    const head = (
                      <th scope="rowgroup" rowSpan={span} className="rowgroup">
                        {t.name}
                      </th>
                    );
                    const badge = (
                      <td rowSpan={span}>
                        <span className={`badge badge-${t.status}`}>{STATUS_LABELS[t.status]}</span>
                      </td>
                    );
                    if (rows.length === 0) {
                      const summary = t.status === 'changed' ? 'Positions by role changed (below)' : teamSummary(t);
                      return [
                        <tr key={`${ti}-only`}>
                          {head}
                          {badge}
                          <td colSpan={3} className="muted">
                            {summary}
                          </td>
                        </tr>,
                      ];
                    }
                    return rows.map((f, i) => (
                      <tr key={`${ti}-${f.field}`}>
                        {i === 0 ? head : null}
                        {i === 0 ? badge : null}
                        <td>{f.label}</td>
                        <td className="cell-a">{f.a || <span className="muted">(empty)</span>}</td>
                        <td className="cell-b">{f.b || <span className="muted">(empty)</span>}</td>
                      </tr>
                    ));
                  })}
                {diff.teams.every((t) => t.status === 'unchanged') ? (
                  <tr>
                    <td colSpan={5} className="muted">
                      The same teams with the same settings.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
            <p className="muted small">
              Teams are matched by id, then by name. {plural(diff.teams.filter((t) => t.status === 'unchanged').length, 'team')} unchanged.
            </p>
          </section>

          <section aria-labelledby="cmp-roles">
            <h2 id="cmp-roles" className="section-title">
              Positions by role
            </h2>
            {diff.roles.length === 0 && diff.teams.every((t) => t.roles.length === 0) ? (
              <p className="muted">The same positions per role in every team.</p>
            ) : (
              <table className="table compare-table" aria-label="Positions by role">
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col">Role</th>
                    <th scope="col" className="num">
                      A
                    </th>
                    <th scope="col" className="num">
                      B
                    </th>
                    <th scope="col" className="num">
                      Change
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {diff.teams
                    .filter((t) => t.roles.length > 0)
                    .map((t, i) => (
                      <RoleRows key={`${i}-${t.name}`} team={t.name} roles={t.roles} />
                    ))}
                  {diff.roles.length > 0 ? <RoleRows team="All teams" roles={diff.roles} /> : null}
                </tbody>
              </table>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}

function teamSummary(t: TeamDiff): string {
  const team = t.a ?? t.b;
  if (!team) return '';
  return `${TEAM_TYPE_LABELS[team.type]} · ${plural(team.positions.length, 'position')}`;
}
