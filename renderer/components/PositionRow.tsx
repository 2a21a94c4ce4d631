/** One position of a team: role, title, person, filled/open with hire month, single-threaded owner. */
import { memo } from 'react';
import type { Position } from '../../sim/scenario/index.ts';
import { ROLE_IDS, ROLE_LABELS, type RoleId } from '../../sim/org/roles.ts';
import type { PositionPatch } from '../editing/edits.ts';

export interface PositionRowProps {
  position: Position;
  index: number;
  autoFocus: boolean;
  onChange(positionId: string, patch: PositionPatch, field: string): void;
  onRemove(positionId: string): void;
  onBlur(): void;
}

const isRole = (value: string): value is RoleId => (ROLE_IDS as readonly string[]).includes(value);

export const PositionRow = memo(function PositionRow({ position, index, autoFocus, onChange, onRemove, onBlur }: PositionRowProps) {
  const rowLabel = `Position ${index + 1}: ${ROLE_LABELS[position.role]}`;
  return (
    <tr aria-label={rowLabel} className={position.singleThreadedOwner ? 'is-owner' : undefined}>
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
          <input
            className="input input-compact input-month"
            type="number"
            min={1}
            max={120}
            step={1}
            aria-label="Hire month"
            title="Month of the plan the position is expected to be filled (1 = first month)"
            value={position.hireMonth ?? ''}
            onChange={(e) => {
              const n = Number.parseInt(e.target.value, 10);
              onChange(position.id, { hireMonth: Number.isFinite(n) ? Math.min(120, Math.max(1, n)) : 1 }, 'hireMonth');
            }}
            onBlur={onBlur}
          />
        )}
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
      <td className="center">
        <button type="button" className="btn btn-icon btn-ghost" aria-label="Remove position" title="Remove position" onClick={() => onRemove(position.id)}>
          ✕
        </button>
      </td>
    </tr>
  );
});
