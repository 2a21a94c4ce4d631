/**
 * The ownership map (M4): every capability of the AI platform stack (and the
 * central platform below it, and the product side above it) against the
 * teams, one checkbox per cell (click, Space, arrow keys between cells).
 * Flags show on their rows and are listed with the article's reasoning;
 * "Suggest assignments" applies the article's ownership (one undo step).
 */
import { useMemo, type KeyboardEvent } from 'react';
import { SEED_PLATFORM } from '../../../sim/org/sources.ts';
import { TEAM_TYPE_LABELS } from '../../../sim/org/team-types.ts';
import { LAYER_LABELS, type Capability, type CapabilityId, type Layer } from '../../../sim/ownership/catalog.ts';
import { ownershipMatrix, type OwnershipFlag, type OwnershipFlagCode } from '../../../sim/ownership/flags.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import { SourceBadge } from '../../ui/SourceBadge.tsx';
import { applySuggestedOwnership, setOwner, suggestionChanges } from '../../../sim/edits/ownership.ts';
import { useEditor } from '../../stores/editor.ts';
import { useNotices } from '../../stores/notices.ts';
import { plural } from '../../model/text.ts';
import './ownership.css';

/** The brief's order: the AI platform's three layers, the central platform, the product side. */
const LAYER_ORDER: readonly Layer[] = ['substrate', 'ml-primitives', 'application-support', 'central-platform', 'product'];

export const FLAG_LABELS: Record<OwnershipFlagCode, string> = {
  unowned: 'Unowned',
  'owned-twice': 'Two paved roads',
  'platform-owns-product': 'Platform owns product',
  'product-owns-substrate': 'Product team owns substrate',
  'product-owns-shared-primitive': 'Product team owns shared primitive',
  'bypassing-platform-endpoint': 'Bypasses platform endpoint',
  'ai-platform-owns-base-cluster': 'AI platform owns base cluster',
  'central-platform-owns-ai-layer': 'Central platform owns AI layer',
  'platform-and-mlops-conflated': 'Platform and MLOps conflated',
  'owner-type-mismatch': 'Outside its boundary',
  'unknown-team': 'Unknown team',
};

const cellId = (row: number, col: number) => `own-cell-${row}-${col}`;

/** Arrow keys move between cells (the checkboxes stay in the Tab order too). */
function onGridKey(event: KeyboardEvent<HTMLTableElement>) {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || !target.dataset.row) return;
  const row = Number(target.dataset.row);
  const col = Number(target.dataset.col);
  const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const move = moves[event.key];
  if (!move) return;
  const next = document.getElementById(cellId(row + move[0], col + move[1]));
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function OwnershipView({ doc }: { doc: Scenario }) {
  const teams = doc.teams;
  const assignments = doc.ownership.assignments;
  const rows = useMemo(() => ownershipMatrix(teams, assignments), [teams, assignments]);
  const allFlags = rows.flatMap((r) => r.flags);
  const unowned = rows.filter((r) => r.ownerIds.length === 0).length;
  const notes = useMemo(() => new Map(assignments.filter((a) => a.note).map((a) => [a.capability, a.note])), [assignments]);
  const changes = suggestionChanges(doc);
  const rowIndex = new Map(rows.map((r, i) => [r.capability.id, i]));

  const toggle = (capability: CapabilityId, teamId: string, owned: boolean) => useEditor.getState().apply((d) => setOwner(d, capability, teamId, owned));
  const suggest = () => {
    const editor = useEditor.getState();
    const before = editor.history?.present;
    editor.apply((d) => applySuggestedOwnership(d));
    if (useEditor.getState().history?.present === before) return;
    useNotices.getState().push({
      kind: 'info',
      title: 'Suggested ownership applied',
      message: `${plural(changes, 'capability', 'capabilities')} changed to the article’s owners.`,
      action: { label: 'Undo', run: () => useEditor.getState().undo() },
    });
  };
  const focusRow = (capability: CapabilityId) => {
    const row = rowIndex.get(capability);
    if (row === undefined) return;
    const cell = document.getElementById(cellId(row, 0));
    cell?.scrollIntoView({ block: 'center' });
    cell?.focus({ preventScroll: true });
  };

  return (
    <div className="planning-section ownership">
      <div className="section-header">
        <h2 className="section-title">
          Ownership map{' '}
          <span className="muted small">
            {plural(rows.length, 'capability', 'capabilities')} · {unowned} unowned · {plural(allFlags.length, 'flag')}
          </span>
        </h2>
        <div className="toolbar">
          <SourceBadge kind="seed" subject="the capability catalog" source={SEED_PLATFORM} rationale="The three-layer AI platform stack (substrate, ML primitives, application support), the central platform it consumes, and what stays with product teams, as the article draws the ownership boundary." />
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={changes === 0}
            title={changes === 0 ? 'The map already is the article’s suggestion for these teams' : `Changes ${plural(changes, 'capability', 'capabilities')}`}
            onClick={suggest}
          >
            Suggest assignments
          </button>
        </div>
      </div>
      {teams.length === 0 ? <p className="empty">No teams yet: add teams in the org design to assign capabilities to them.</p> : null}
      {teams.length > 0 ? (
        // Up to ten teams the matrix fits the page and its header stays in view; more scroll sideways.
        <div className={teams.length > 10 ? 'table-scroll' : undefined}>
          <table className="table ownership-table" aria-label="Ownership: capability by team" onKeyDown={onGridKey}>
            <thead>
              <tr>
                <th scope="col" className="own-cap-col">
                  Capability
                </th>
                {teams.map((t) => (
                  <th key={t.id} scope="col" className="own-team-col">
                    <span className="own-team-name">{t.name}</span>
                    <span className="own-team-type">{TEAM_TYPE_LABELS[t.type]}</span>
                  </th>
                ))}
              </tr>
            </thead>
            {LAYER_ORDER.map((layer) => {
              const layerRows = rows.filter((r) => r.capability.layer === layer);
              return (
                <tbody key={layer} aria-label={LAYER_LABELS[layer]}>
                  <tr className="own-layer-row">
                    <th scope="colgroup" colSpan={teams.length + 1}>
                      {LAYER_LABELS[layer]}
                    </th>
                  </tr>
                  {layerRows.map((row) => {
                    const r = rowIndex.get(row.capability.id)!;
                    return (
                      <tr key={row.capability.id} className={row.flags.length ? 'has-flags' : undefined} aria-label={row.capability.label}>
                        <th scope="row" className="own-cap">
                          <span className="own-cap-label" title={row.capability.description}>
                            {row.capability.label}
                          </span>
                          {notes.get(row.capability.id) ? <span className="own-note">{notes.get(row.capability.id)}</span> : null}
                          {row.flags.length > 0 ? (
                            <span className="own-flags" aria-label={`Flags: ${row.flags.map((f) => FLAG_LABELS[f.code]).join(', ')}`}>
                              {row.flags.map((f, i) => (
                                <span key={`${f.code}-${i}`} className={`flag-chip flag-${f.code}`} title={f.message}>
                                  {FLAG_LABELS[f.code]}
                                </span>
                              ))}
                            </span>
                          ) : null}
                        </th>
                        {teams.map((t, c) => {
                          const owned = row.ownerIds.includes(t.id);
                          const expected = row.capability.ownerTypes.includes(t.type);
                          return (
                            <td key={t.id} className={`own-cell${expected ? ' is-expected' : ''}${owned ? ' is-owned' : ''}`}>
                              <input
                                id={cellId(r, c)}
                                type="checkbox"
                                className="checkbox"
                                data-row={r}
                                data-col={c}
                                checked={owned}
                                aria-label={`${t.name} owns ${row.capability.label}`}
                                title={`${t.name} owns ${row.capability.label}${expected ? ' (where the article puts it)' : ''}`}
                                onChange={(e) => toggle(row.capability.id, t.id, e.target.checked)}
                              />
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              );
            })}
          </table>
        </div>
      ) : null}
      <p className="muted small">Green cells: where the article puts the capability. A capability with one owner per product team (the product side) is expected to have several.</p>

      <section className="panel" aria-labelledby="flags-title">
        <h2 id="flags-title" className="section-title">
          Flags <span className="muted small">what the article says about this map</span>
        </h2>
        {allFlags.length === 0 ? <p className="ok">No flags: every capability has one owner where the article puts it.</p> : null}
        <ul className="flag-list" aria-label="Ownership flags">
          {allFlags.map((f, i) => (
            <FlagItem key={`${f.capability}-${f.code}-${i}`} flag={f} capability={rows.find((r) => r.capability.id === f.capability)!.capability} onShow={() => focusRow(f.capability)} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function FlagItem({ flag, capability, onShow }: { flag: OwnershipFlag; capability: Capability; onShow(): void }) {
  return (
    <li className="flag-item">
      <div className="flag-head">
        <span className={`flag-chip flag-${flag.code}`}>{FLAG_LABELS[flag.code]}</span>
        <span className="flag-message">{flag.message}</span>
        <button type="button" className="link-button small" onClick={onShow} aria-label={`Show ${capability.label} in the matrix`}>
          Show in matrix
        </button>
      </div>
      <p className="flag-reasoning">
        <span className="muted">Why it matters: </span>
        {flag.reasoning} <SourceBadge kind="seed" subject={`the “${FLAG_LABELS[flag.code]}” flag`} source={flag.source} rationale={`${LAYER_LABELS[capability.layer]}: ${capability.description}`} />
      </p>
    </li>
  );
}
