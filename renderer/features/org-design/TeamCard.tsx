/**
 * One team: name, type, description, counts, cost, GPU-hours, guardrail
 * warnings (never blocking), and its positions. Positions can be dropped
 * here from another team (HTML5 drag and drop; "Move to team…" on each row
 * is the keyboard way).
 */
import { memo, useCallback, useState, type DragEvent } from 'react';
import type { GuardrailCode, GuardrailWarning } from '../../../sim/org/guardrails.ts';
import type { RoleId } from '../../../sim/org/roles.ts';
import type { Team } from '../../../sim/scenario/index.ts';
import { TEAM_TYPES, TEAM_TYPE_LABELS, type TeamType } from '../../../sim/org/team-types.ts';
import { addPosition, countPositions, moveTeam, removePosition, removeTeam, updatePosition, updateTeam, type PositionPatch } from '../../../sim/edits/scenario.ts';
import type { TeamOption } from '../../hooks/usePlanning.ts';
import { movePosition, setPositionPercentile, setTeamGpuHours } from '../../../sim/edits/org.ts';
import { money, moneyPrecise, moneyShort } from '../../model/format.ts';
import { applyEdit, useEditor, type EditorState } from '../../stores/editor.ts';
import { useNotices } from '../../stores/notices.ts';
import { plural } from '../../model/text.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { POSITION_DRAG_TYPE, PositionRow } from './PositionRow.tsx';
import { sourceKindOf } from '../../model/sources.ts';
import { SourceBadge } from '../../ui/SourceBadge.tsx';

export interface TeamCardProps {
  team: Team;
  index: number;
  teamCount: number;
  /** Problem with the team name from the last save attempt. */
  nameError: string | null;
  autoFocus: boolean;
  focusPositionId: string | null;
  onPositionAdded(positionId: string): void;
  warnings: readonly GuardrailWarning[];
  /** Annual people cost with every position filled. */
  annualCost: number;
  gpuMonthlyCost: number;
  gpuPrice: number;
  currency: string;
  teams: readonly TeamOption[];
  rolePercentiles: Readonly<Record<RoleId, number>>;
}

const isTeamType = (value: string): value is TeamType => (TEAM_TYPES as readonly string[]).includes(value);

/** The seed sentence each guardrail rests on. */
const GUARDRAIL_QUOTES: Record<GuardrailCode, string> = {
  'pod-too-small': 'A 2-Pizza Team is a small, autonomous unit (typically 5-8 people) that can be fed with two pizzas.',
  'pod-too-large': 'A 2-Pizza Team is a small, autonomous unit (typically 5-8 people) that can be fed with two pizzas. Coined at Amazon, it represents the optimal size for rapid decision-making and clear accountability.',
  'pod-no-owner': "Single Threaded Owner (Technical Product Manager) What they own: End-to-end product outcomes, not just coordination. They're accountable for user experience, technical delivery, and business metrics.",
  'pod-multiple-owners': "Single Threaded Owner (Technical Product Manager) What they own: End-to-end product outcomes, not just coordination. They're accountable for user experience, technical delivery, and business metrics.",
  'owner-outside-pod': 'Build AI-native 2-Pizza teams with single-threaded owners—AI, data, and product in one pod',
  'pod-missing-role': 'Build AI-native 2-Pizza teams with single-threaded owners—AI, data, and product in one pod',
  'platform-no-consumers': 'It is a platform team in the Team Topologies sense: its product is internal, its customers are other engineers',
};

/** Where a drop lands: before the row under the pointer (after it in its lower half), else at the end. */
function dropIndex(event: DragEvent<HTMLElement>): number | undefined {
  const row = event.target instanceof Element ? event.target.closest('tr[data-position-index]') : null;
  if (!(row instanceof HTMLElement)) return undefined;
  const index = Number(row.dataset.positionIndex);
  if (!Number.isInteger(index)) return undefined;
  const rect = row.getBoundingClientRect();
  return event.clientY > rect.top + rect.height / 2 ? index + 1 : index;
}

function parseDrag(text: string): { positionId: string; fromTeamId: string } | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) {
      const { positionId, fromTeamId } = value as Record<string, unknown>;
      if (typeof positionId === 'string' && typeof fromTeamId === 'string') return { positionId, fromTeamId };
    }
  } catch {
    // Not ours.
  }
  return null;
}

export const TeamCard = memo(function TeamCard(props: TeamCardProps) {
  const { team, index, teamCount, nameError, autoFocus, focusPositionId, onPositionAdded, warnings, annualCost, gpuMonthlyCost, gpuPrice, currency, teams, rolePercentiles } = props;
  const teamId = team.id;
  const counts = countPositions(team.positions);
  const apply: EditorState['apply'] = (edit, key) => useEditor.getState().apply(edit, key);
  const seal = useCallback(() => useEditor.getState().seal(), []);
  const [dropActive, setDropActive] = useState(false);

  const onPositionChange = useCallback(
    (positionId: string, patch: PositionPatch, field: string) =>
      useEditor.getState().apply((doc) => updatePosition(doc, teamId, positionId, patch), `position:${positionId}:${field}`),
    [teamId],
  );
  const onPositionRemove = useCallback(
    (positionId: string) => useEditor.getState().apply((doc) => removePosition(doc, teamId, positionId)),
    [teamId],
  );
  const onPercentile = useCallback(
    (positionId: string, percentile: number | null) =>
      useEditor.getState().apply((doc) => setPositionPercentile(doc, teamId, positionId, percentile), `position:${positionId}:percentile`),
    [teamId],
  );
  const onMove = useCallback(
    (positionId: string, toTeamId: string) => {
      const editor = useEditor.getState();
      const before = editor.history?.present;
      editor.apply((doc) => movePosition(doc, positionId, toTeamId));
      const after = useEditor.getState().history?.present;
      if (!before || after === before) return;
      const target = after?.teams.find((t) => t.id === toTeamId);
      onPositionAdded(positionId);
      useNotices.getState().push({
        kind: 'info',
        title: `Moved the position to “${target?.name ?? toTeamId}”`,
        action: { label: 'Undo', run: () => useEditor.getState().undo() },
      });
    },
    [onPositionAdded],
  );

  const flaggedPositions = new Set(warnings.flatMap((w) => w.positionIds ?? []));
  const isDrag = (event: DragEvent<HTMLElement>) => event.dataTransfer.types.includes(POSITION_DRAG_TYPE);

  const nameId = `team-${teamId}-name`;
  const errorId = `team-${teamId}-name-error`;
  const warningsId = `team-${teamId}-warnings`;
  return (
    <section
      className={`team-card${dropActive ? ' is-drop-target' : ''}${warnings.length > 0 ? ' has-warnings' : ''}`}
      role="group"
      aria-label={`Team ${index + 1}: ${team.name || 'unnamed'}`}
      aria-describedby={warnings.length > 0 ? warningsId : undefined}
      data-team-id={teamId}
      onDragEnter={(e) => {
        if (isDrag(e)) setDropActive(true);
      }}
      onDragOver={(e) => {
        if (!isDrag(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      onDragLeave={(e) => {
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setDropActive(false);
      }}
      onDrop={(e) => {
        setDropActive(false);
        const data = parseDrag(e.dataTransfer.getData(POSITION_DRAG_TYPE));
        if (!data) return;
        e.preventDefault();
        const at = dropIndex(e);
        if (data.fromTeamId === teamId && at === undefined) return;
        apply((doc) => movePosition(doc, data.positionId, teamId, at));
      }}
    >
      <div className="team-header">
        <div className="field team-name-field">
          <label htmlFor={nameId} className="field-label">
            Team name
          </label>
          <input
            id={nameId}
            className="input input-strong"
            value={team.name}
            maxLength={200}
            autoFocus={autoFocus}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? errorId : undefined}
            onChange={(e) => apply((doc) => updateTeam(doc, teamId, { name: e.target.value }), `team:${teamId}:name`)}
            onBlur={seal}
          />
          {nameError ? (
            <span id={errorId} className="field-error">
              {nameError}
            </span>
          ) : null}
        </div>
        <div className="field team-type-field">
          <label htmlFor={`team-${teamId}-type`} className="field-label">
            Team type
          </label>
          <select
            id={`team-${teamId}-type`}
            className="input"
            value={team.type}
            onChange={(e) => {
              const value = e.target.value;
              if (isTeamType(value)) apply((doc) => updateTeam(doc, teamId, { type: value }));
            }}
          >
            {TEAM_TYPES.map((type) => (
              <option key={type} value={type}>
                {TEAM_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="team-tools">
          <button
            type="button"
            className="btn btn-icon btn-ghost"
            aria-label={`Move ${team.name || 'team'} up`}
            title="Move up"
            disabled={index === 0}
            onClick={() => apply((doc) => moveTeam(doc, teamId, -1))}
          >
            ↑
          </button>
          <button
            type="button"
            className="btn btn-icon btn-ghost"
            aria-label={`Move ${team.name || 'team'} down`}
            title="Move down"
            disabled={index === teamCount - 1}
            onClick={() => apply((doc) => moveTeam(doc, teamId, 1))}
          >
            ↓
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost btn-danger-text"
            aria-label={`Remove team ${team.name}`}
            onClick={() => {
              apply((doc) => removeTeam(doc, teamId));
              useNotices.getState().push({
                kind: 'info',
                title: `Removed team “${team.name}”`,
                action: { label: 'Undo', run: () => useEditor.getState().undo() },
              });
            }}
          >
            Remove team
          </button>
        </div>
      </div>

      <div className="field">
        <label htmlFor={`team-${teamId}-description`} className="field-label">
          Team description
        </label>
        <textarea
          id={`team-${teamId}-description`}
          className="input textarea"
          rows={2}
          maxLength={5000}
          value={team.description}
          placeholder="What the team owns or delivers"
          onChange={(e) => apply((doc) => updateTeam(doc, teamId, { description: e.target.value }), `team:${teamId}:description`)}
          onBlur={seal}
        />
      </div>

      <div className="team-meta">
        <div className="team-counts" aria-label={`Counts for ${team.name}`}>
          <span className="count-chip">{plural(counts.total, 'position')}</span>
          <span className="count-chip count-filled">{counts.filled} filled</span>
          <span className="count-chip count-open">{counts.open} open</span>
          <span className="count-chip">{plural(counts.owners, 'single-threaded owner')}</span>
          <span className="count-chip count-cost" aria-label={`Annual cost of ${team.name}`} title="People at full staffing (salary at each position's percentile × loaded cost × region, plus equity) plus twelve months of GPU-hours; see Costs">
            {moneyShort(annualCost + gpuMonthlyCost * 12, currency)} / year
          </span>
        </div>
        <div className="team-gpu">
          <label htmlFor={`team-${teamId}-gpu`} className="field-label">
            GPU-hours / month
          </label>
          <NumberField
            id={`team-${teamId}-gpu`}
            label="GPU-hours per month"
            className="input input-compact input-gpu"
            nullable
            min={0}
            max={100_000_000}
            integer={false}
            value={team.gpuHoursPerMonth ?? null}
            placeholder="0"
            aria-describedby={`team-${teamId}-gpu-cost`}
            onValue={(value) => apply((doc) => setTeamGpuHours(doc, teamId, value), `team:${teamId}:gpu`)}
            onBlur={seal}
          />
          <span id={`team-${teamId}-gpu-cost`} className="field-hint">
            {gpuPrice > 0 ? `× ${moneyPrecise(gpuPrice, currency)}/GPU-hour = ${money(gpuMonthlyCost, currency)}/month` : 'no GPU price set (Costs or GPU capacity)'}
          </span>
        </div>
      </div>

      {warnings.length > 0 ? (
        <ul id={warningsId} className="guardrails" aria-label={`Guardrail warnings for ${team.name}`}>
          {warnings.map((w, i) => (
            <li key={`${w.code}-${w.role ?? i}`} className="guardrail">
              <span className="guardrail-icon" aria-hidden="true">
                ⚠
              </span>
              <span className="visually-hidden">Warning: </span>
              <span className="guardrail-text">{w.message}</span>{' '}
              <SourceBadge kind={sourceKindOf(w.source)} subject="this warning" source={w.source} quote={GUARDRAIL_QUOTES[w.code]} rationale="A guardrail, not a rule: it never blocks an edit or a save. Deviate on purpose if you have a reason." />
            </li>
          ))}
        </ul>
      ) : null}

      {team.positions.length > 0 ? (
        <table className="table positions-table" aria-label={`Positions in ${team.name}`}>
          <colgroup>
            <col className="col-drag" />
            <col className="col-role" />
            <col />
            <col />
            <col className="col-status" />
            <col className="col-month" />
            <col className="col-pct" />
            <col className="col-owner" />
            <col className="col-move" />
            <col className="col-remove" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Drag</span>
              </th>
              <th scope="col">Role</th>
              <th scope="col">Title</th>
              <th scope="col">Person</th>
              <th scope="col">Status</th>
              <th scope="col">Hire month</th>
              <th scope="col" className="th-wrap">
                <span title="Where in the role's salary band this position is costed (empty: the role's percentile, set in Costs)">Salary percentile</span>
              </th>
              <th scope="col" className="center">
                Owner
              </th>
              <th scope="col">Team</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.positions.map((position, i) => (
              <PositionRow
                key={position.id}
                position={position}
                index={i}
                teamId={teamId}
                autoFocus={position.id === focusPositionId}
                rolePercentile={rolePercentiles[position.role]}
                flagged={flaggedPositions.has(position.id)}
                teams={teams}
                onChange={onPositionChange}
                onPercentile={onPercentile}
                onMove={onMove}
                onRemove={onPositionRemove}
                onBlur={seal}
              />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted empty-positions">{dropActive ? 'Drop the position here.' : 'No positions yet. Add one, or drag one here from another team.'}</p>
      )}

      <button
        type="button"
        className="btn btn-small"
        aria-label={`Add position to ${team.name}`}
        onClick={() => {
          const position = applyEdit((doc) => addPosition(doc, teamId))?.position;
          if (position) onPositionAdded(position.id);
        }}
      >
        + Add position
      </button>
    </section>
  );
});
