/** One team: name, type, description, counts, and its positions. */
import { memo, useCallback } from 'react';
import type { Team } from '../../sim/scenario/index.ts';
import { TEAM_TYPES, TEAM_TYPE_LABELS, type TeamType } from '../../sim/org/team-types.ts';
import { addPosition, countPositions, moveTeam, removePosition, removeTeam, updatePosition, updateTeam, type PositionPatch } from '../editing/edits.ts';
import { useEditor, type EditorState } from '../stores/editor.ts';
import { useNotices } from '../stores/notices.ts';
import { plural } from '../views/format.ts';
import { PositionRow } from './PositionRow.tsx';

export interface TeamCardProps {
  team: Team;
  index: number;
  teamCount: number;
  /** Problem with the team name from the last save attempt. */
  nameError: string | null;
  autoFocus: boolean;
  focusPositionId: string | null;
  onPositionAdded(positionId: string): void;
}

const isTeamType = (value: string): value is TeamType => (TEAM_TYPES as readonly string[]).includes(value);

export const TeamCard = memo(function TeamCard(props: TeamCardProps) {
  const { team, index, teamCount, nameError, autoFocus, focusPositionId, onPositionAdded } = props;
  const teamId = team.id;
  const counts = countPositions(team.positions);
  const apply: EditorState['apply'] = (edit, key) => useEditor.getState().apply(edit, key);
  const seal = useCallback(() => useEditor.getState().seal(), []);

  const onPositionChange = useCallback(
    (positionId: string, patch: PositionPatch, field: string) =>
      useEditor.getState().apply((doc) => updatePosition(doc, teamId, positionId, patch), `position:${positionId}:${field}`),
    [teamId],
  );
  const onPositionRemove = useCallback(
    (positionId: string) => useEditor.getState().apply((doc) => removePosition(doc, teamId, positionId)),
    [teamId],
  );

  const nameId = `team-${teamId}-name`;
  const errorId = `team-${teamId}-name-error`;
  return (
    <section className="team-card" role="group" aria-label={`Team ${index + 1}: ${team.name || 'unnamed'}`}>
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

      <div className="team-counts" aria-label={`Counts for ${team.name}`}>
        <span className="count-chip">{plural(counts.total, 'position')}</span>
        <span className="count-chip count-filled">{counts.filled} filled</span>
        <span className="count-chip count-open">{counts.open} open</span>
        <span className="count-chip">{plural(counts.owners, 'single-threaded owner')}</span>
      </div>

      {team.positions.length > 0 ? (
        <table className="table positions-table" aria-label={`Positions in ${team.name}`}>
          <colgroup>
            <col className="col-role" />
            <col />
            <col />
            <col className="col-status" />
            <col className="col-month" />
            <col className="col-owner" />
            <col className="col-remove" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Title</th>
              <th scope="col">Person</th>
              <th scope="col">Status</th>
              <th scope="col">Hire month</th>
              <th scope="col" className="center">
                Owner
              </th>
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
                autoFocus={position.id === focusPositionId}
                onChange={onPositionChange}
                onRemove={onPositionRemove}
                onBlur={seal}
              />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted empty-positions">No positions yet.</p>
      )}

      <button
        type="button"
        className="btn btn-small"
        aria-label={`Add position to ${team.name}`}
        onClick={() => {
          const editor = useEditor.getState();
          const doc = editor.history?.present;
          if (!doc) return;
          const { scenario, position } = addPosition(doc, teamId);
          if (!position) return;
          editor.apply(() => scenario);
          onPositionAdded(position.id);
        }}
      >
        + Add position
      </button>
    </section>
  );
});
