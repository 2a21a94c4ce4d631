/**
 * One position of a team: role, title, person, filled/open with hire month,
 * salary percentile override, single-threaded owner, and moving it to
 * another team (drag the handle onto another team, or "Move to team…").
 */
import { memo, useState, type DragEvent } from 'react';
import type { Position } from '../../../sim/scenario/index.ts';
import { ROLE_IDS, ROLE_LABELS, type RoleId } from '../../../sim/org/roles.ts';
import type { PositionPatch } from '../../../sim/edits/scenario.ts';
import type { TeamOption } from '../../hooks/usePlanning.ts';
import { NumberField } from '../../ui/NumberField.tsx';

/** The drag-and-drop data type of a position being moved. */
export const POSITION_DRAG_TYPE = 'application/x-podplan-position';

export interface PositionRowProps {
  position: Position;
  index: number;
  teamId: string;
  autoFocus: boolean;
  /** The percentile the position's role is costed at (shown when the position has no override). */
  rolePercentile: number;
  /** Named by a guardrail warning of its team (e.g. one of two owners). */
  flagged: boolean;
  teams: readonly TeamOption[];
  onChange(positionId: string, patch: PositionPatch, field: string): void;
  onPercentile(positionId: string, percentile: number | null): void;
  onMove(positionId: string, toTeamId: string): void;
  onRemove(positionId: string): void;
  onBlur(): void;
}

const isRole = (value: string): value is RoleId => (ROLE_IDS as readonly string[]).includes(value);

export const PositionRow = memo(function PositionRow(props: PositionRowProps) {
  const { position, index, teamId, autoFocus, rolePercentile, flagged, teams, onChange, onPercentile, onMove, onRemove, onBlur } = props;
  const rowLabel = `Position ${index + 1}: ${ROLE_LABELS[position.role]}`;
  const onDragStart = (event: DragEvent<HTMLSpanElement>) => {
    event.dataTransfer.setData(POSITION_DRAG_TYPE, JSON.stringify({ positionId: position.id, fromTeamId: teamId }));
    event.dataTransfer.setData('text/plain', ROLE_LABELS[position.role]);
    event.dataTransfer.effectAllowed = 'move';
    const row = event.currentTarget.closest('tr');
    if (row) event.dataTransfer.setDragImage(row, 12, 12);
  };
  // A big scenario has thousands of rows: list the other teams only once this row's "Move…" is engaged,
  // or every row would carry every team (5,000 positions × 500 teams of <option>s).
  const [moveEngaged, setMoveEngaged] = useState(false);
  const engageMove = () => setMoveEngaged(true);
  const classes = [position.singleThreadedOwner ? 'is-owner' : '', flagged ? 'is-flagged' : ''].filter(Boolean).join(' ');
  return (
    <tr aria-label={rowLabel} className={classes || undefined} data-position-index={index}>
      <td className="drag-cell">
        <span className="drag-handle" draggable onDragStart={onDragStart} title="Drag onto another team to move this position (or use “Move to team”)" aria-hidden="true">
          ⠿
        </span>
      </td>
      <td>
        <select
          className="input input-compact"
          aria-label="Role"
          value={position.role}
          autoFocus={autoFocus}
          onChange={(e) => {
            const value = e.target.value;
            if (isRole(value)) onChange(position.id, { role: value }, 'role');
          }}
        >
          {ROLE_IDS.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          className="input input-compact"
          aria-label="Title"
          placeholder="Title"
          maxLength={200}
          value={position.title}
          onChange={(e) => onChange(position.id, { title: e.target.value }, 'title')}
          onBlur={onBlur}
        />
      </td>
      <td>
        <input
          className="input input-compact"
          aria-label="Person"
          placeholder={position.filled ? 'Name' : 'To hire'}
          maxLength={200}
          value={position.personName}
          onChange={(e) => onChange(position.id, { personName: e.target.value }, 'personName')}
          onBlur={onBlur}
        />
      </td>
      <td>
        <select
          className={`input input-compact status-select ${position.filled ? 'is-filled' : 'is-open'}`}
          aria-label="Status"
          value={position.filled ? 'filled' : 'open'}
          onChange={(e) => onChange(position.id, { filled: e.target.value === 'filled' }, 'filled')}
        >
          <option value="filled">Filled</option>
          <option value="open">Open</option>
        </select>
      </td>
      <td>
        {position.filled ? (
          <span className="muted" aria-label="Hire month: not applicable (filled)">
            —
          </span>
        ) : (
          <NumberField
            className="input input-compact input-month"
            min={1}
            max={120}
            aria-label="Hire month"
            label="Hire month"
            title="Month of the plan the position is expected to be filled (1 = first month)"
            value={position.hireMonth ?? 1}
            onValue={(hireMonth) => onChange(position.id, { hireMonth }, 'hireMonth')}
            onBlur={onBlur}
          />
        )}
      </td>
      <td>
        <NumberField
          className="input input-compact input-month"
          nullable
          min={0}
          max={100}
          value={position.salaryPercentile ?? null}
          placeholder={String(rolePercentile)}
          aria-label="Salary percentile"
          title={`Where in the role’s salary band this position is costed (0 = band minimum, 100 = maximum). Empty: the role’s percentile (${rolePercentile}), set in Costs.`}
          onValue={(value) => onPercentile(position.id, value)}
          onBlur={onBlur}
        />
      </td>
      <td className="center">
        <input
          type="checkbox"
          className="checkbox"
          aria-label="Single-threaded owner"
          checked={position.singleThreadedOwner}
          onChange={(e) => onChange(position.id, { singleThreadedOwner: e.target.checked }, 'owner')}
        />
      </td>
      <td>
        <select
          className="input input-compact move-select"
          aria-label="Move to team"
          value=""
          disabled={teams.length < 2}
          onFocus={engageMove}
          onPointerDown={engageMove}
          onChange={(e) => {
            if (e.target.value) onMove(position.id, e.target.value);
          }}
        >
          <option value="">Move…</option>
          {moveEngaged
            ? teams
                .filter((t) => t.id !== teamId)
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name || 'Unnamed team'}
                  </option>
                ))
            : null}
        </select>
      </td>
      <td className="center">
        <button type="button" className="btn btn-icon btn-ghost" aria-label="Remove position" title="Remove position" onClick={() => onRemove(position.id)}>
          ✕
        </button>
      </td>
    </tr>
  );
});
