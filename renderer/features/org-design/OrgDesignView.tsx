/**
 * The org design (the editor's default tab): scenario name and description,
 * totals, and the teams with their positions, guardrails, costs and
 * GPU-hours. The editor keeps the focus requests (a team just added, a
 * position just added) across tab switches and shows the history panel
 * beside it.
 */
import { useEffect, useMemo } from 'react';
import type { Scenario, ScenarioIssue } from '../../../sim/scenario/index.ts';
import { resolveRoleCatalog } from '../../../sim/cost/compute.ts';
import { ROLE_IDS, type RoleId } from '../../../sim/org/roles.ts';
import { addTeam, countPositions, updateScenario } from '../../../sim/edits/scenario.ts';
import { useGuardrails, useScenarioCosts, useTeamOptions } from '../../hooks/usePlanning.ts';
import { moneyShort } from '../../model/format.ts';
import { plural } from '../../model/text.ts';
import { applyEdit, useEditor } from '../../stores/editor.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { usePlanningUi } from '../../stores/planning-ui.ts';
import { TeamCard } from './TeamCard.tsx';
import { TeamList } from './TeamList.tsx';
import './org-design.css';

function issueFor(issues: readonly ScenarioIssue[], path: string): string | null {
  return issues.find((i) => i.path === path)?.message ?? null;
}

interface OrgDesignViewProps {
  doc: Scenario;
  issues: readonly ScenarioIssue[];
  focusTeamId: string | null;
  setFocusTeamId(id: string): void;
  focusPositionId: string | null;
  onPositionAdded(id: string): void;
}

/** The org design: scenario name and description, totals, and the teams. */
export function OrgDesignView({ doc, issues, focusTeamId, setFocusTeamId, focusPositionId, onPositionAdded }: OrgDesignViewProps) {
  const apply = useEditor.getState().apply;
  const seal = useEditor.getState().seal;
  const navigate = useNavigation((s) => s.navigate);
  const nameError = issueFor(issues, 'name');
  const totals = countPositions(doc.teams.flatMap((t) => t.positions));
  const guardrails = useGuardrails(doc.teams);
  const costs = useScenarioCosts(doc);
  const teamOptions = useTeamOptions(doc.teams);
  const roles = doc.costModel.roles;
  const rolePercentiles = useMemo(() => {
    const catalog = resolveRoleCatalog(roles);
    return Object.fromEntries(ROLE_IDS.map((r) => [r, catalog[r].percentile])) as Record<RoleId, number>;
  }, [roles]);
  const currency = doc.costModel.currency;

  // "Take me to this team" (from the org chart): once the cards are rendered.
  const focusTeam = usePlanningUi((s) => s.focusTeam);
  const focusPositionTeam = focusPositionId ? (doc.teams.find((t) => t.positions.some((p) => p.id === focusPositionId))?.id ?? null) : null;
  const focusTeamRequest = focusTeam?.teamId ?? null;
  // Cards rendered wherever the view is: they are about to take the focus.
  const keep = useMemo(() => new Set([focusTeamId, focusPositionTeam, focusTeamRequest].filter((id): id is string => id !== null)), [focusTeamId, focusPositionTeam, focusTeamRequest]);
  useEffect(() => {
    if (!focusTeam) return;
    const timer = window.setTimeout(() => {
      const input = document.getElementById(`team-${focusTeam.teamId}-name`);
      input?.closest('.team-card')?.scrollIntoView({ block: 'start', behavior: 'auto' });
      input?.focus({ preventScroll: true });
      usePlanningUi.setState({ focusTeam: null });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [focusTeam]);
  return (
    <>
      <section className="scenario-fields" aria-label="Scenario">
        <div className="field">
          <label htmlFor="scenario-name" className="field-label">
            Scenario name
          </label>
          <input
            id="scenario-name"
            className="input input-title"
            value={doc.name}
            maxLength={200}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'scenario-name-error' : undefined}
            onChange={(e) => apply((d) => updateScenario(d, { name: e.target.value }), 'scenario:name')}
            onBlur={seal}
          />
          {nameError ? (
            <span id="scenario-name-error" className="field-error">
              {nameError}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="scenario-description" className="field-label">
            Scenario description
          </label>
          <textarea
            id="scenario-description"
            className="input textarea"
            rows={2}
            maxLength={20000}
            value={doc.description}
            placeholder="What this org design is, and what question it answers"
            onChange={(e) => apply((d) => updateScenario(d, { description: e.target.value }), 'scenario:description')}
            onBlur={seal}
          />
        </div>
        <p className="scenario-totals" aria-label="Scenario totals">
          {plural(doc.teams.length, 'team')} · {plural(totals.total, 'position')} · {totals.filled} filled · {totals.open} open ·{' '}
          {plural(totals.owners, 'single-threaded owner')} ·{' '}
          <a
            href={`#/scenario/${encodeURIComponent(doc.id)}/costs`}
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: 'editor', scenarioId: doc.id, section: 'costs' });
            }}
          >
            {moneyShort(costs.annualRunRate, currency)} a year at full staffing
          </a>
          {guardrails.all.length > 0 ? <span className="scenario-warnings"> · ⚠ {plural(guardrails.all.length, 'guardrail warning')}</span> : null}
        </p>
      </section>

      <div className="teams-header">
        <h2 className="section-title">Teams</h2>
        {doc.teams.length > 1 ? (
          // A long org (the pods sample is several screens tall): go straight to a team's card.
          <select
            className="input input-narrow team-jump"
            aria-label="Jump to team"
            data-native-undo
            value=""
            onChange={(e) => {
              if (e.target.value) usePlanningUi.getState().requestTeamFocus(e.target.value);
            }}
          >
            <option value="">Jump to team…</option>
            {teamOptions.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        ) : null}
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            const added = applyEdit(addTeam);
            if (added) setFocusTeamId(added.team.id);
          }}
        >
          + Add team
        </button>
      </div>

      {doc.teams.length === 0 ? <p className="empty">No teams yet. Add the first team of this org design.</p> : null}
      <TeamList
        teams={doc.teams}
        keep={keep}
        warningCount={(teamId) => guardrails.of(teamId).length}
        renderTeam={(team, index) => {
          const cost = costs.teams[index];
          return (
            <TeamCard
              team={team}
              index={index}
              teamCount={doc.teams.length}
              nameError={issueFor(issues, `teams[${index}].name`)}
              autoFocus={team.id === focusTeamId}
              // Only the team holding it gets the id, so the other (memoised) cards do not re-render.
              focusPositionId={team.id === focusPositionTeam ? focusPositionId : null}
              onPositionAdded={onPositionAdded}
              warnings={guardrails.of(team.id)}
              annualCost={cost?.annualPeopleCost ?? 0}
              gpuMonthlyCost={cost?.gpuMonthlyCost ?? 0}
              gpuPrice={costs.gpuPricePerHour}
              currency={currency}
              teams={teamOptions}
              rolePercentiles={rolePercentiles}
            />
          );
        }}
      />
    </>
  );
}
