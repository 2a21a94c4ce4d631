/**
 * The editor's sections as tabs (WAI-ARIA tabs: arrow keys, Home and End move
 * and activate). The section is part of the URL, so a reload stays on it.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { EDITOR_SECTIONS, useNavigation, type EditorSection } from '../../stores/navigation.ts';

const LABELS: Record<EditorSection, string> = {
  decision: 'Decision',
  org: 'Org design',
  'org-chart': 'Org chart',
  costs: 'Costs',
  ownership: 'Ownership',
  phases: 'Phases',
  readiness: 'Readiness',
  delivery: 'Delivery simulation',
  capacity: 'GPU capacity',
  policy: 'Quota policy',
  manifests: 'Manifests',
  cluster: 'Cluster',
  'gpu-sim': 'GPU simulation',
};

/** Shorter labels for narrow windows, where the group label ("GPU cluster") or the tab's place says the rest. */
const SHORT_LABELS: Partial<Record<EditorSection, string>> = {
  delivery: 'Delivery',
  capacity: 'Capacity',
  policy: 'Quotas',
  'gpu-sim': 'Simulation',
};

export const tabId = (section: EditorSection) => `editor-tab-${section}`;
export const panelId = (section: EditorSection) => `editor-panel-${section}`;

export function EditorTabs({ scenarioId, section, badges }: { scenarioId: string; section: EditorSection; badges: Partial<Record<EditorSection, { errors: number; warnings: number }>> }) {
  const navigate = useNavigation((s) => s.navigate);
  const refs = useRef<Partial<Record<EditorSection, HTMLButtonElement | null>>>({});
  // In a narrow window the strip scrolls sideways (it never wraps): keep the open tab in view.
  useEffect(() => {
    refs.current[section]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [section]);
  const go = (next: EditorSection, focus = false) => {
    navigate({ view: 'editor', scenarioId, ...(next === 'org' ? {} : { section: next }) });
    if (focus) refs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = EDITOR_SECTIONS.indexOf(section);
    const last = EDITOR_SECTIONS.length - 1;
    const target =
      event.key === 'ArrowRight' ? (at === last ? 0 : at + 1) : event.key === 'ArrowLeft' ? (at === 0 ? last : at - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (target === null) return;
    event.preventDefault();
    const next = EDITOR_SECTIONS[target];
    if (next) go(next, true);
  };
  return (
    <div className="editor-tabs" role="tablist" aria-label="Scenario sections" onKeyDown={onKeyDown}>
      {EDITOR_SECTIONS.map((s) => {
        const badge = badges[s];
        return (
          <span key={s} className={s === 'capacity' ? 'tab-group-start' : undefined}>
            {s === 'capacity' ? (
              <span className="tab-group-label" aria-hidden="true">
                GPU cluster
              </span>
            ) : null}
            <button
              ref={(el) => {
                refs.current[s] = el;
              }}
              type="button"
              role="tab"
              id={tabId(s)}
              aria-selected={s === section}
              aria-controls={panelId(s)}
              tabIndex={s === section ? 0 : -1}
              className="editor-tab"
              onClick={() => go(s)}
            >
              <span className={`tab-label-full${SHORT_LABELS[s] ? ' has-short' : ''}`}>{LABELS[s]}</span>
              {SHORT_LABELS[s] ? (
                <span className="tab-label-short" aria-hidden="true">
                  {SHORT_LABELS[s]}
                </span>
              ) : null}
              {badge && badge.errors > 0 ? (
                <span className="tab-badge tab-badge-error" aria-label={`${badge.errors} ${badge.errors === 1 ? 'error' : 'errors'}`}>
                  {badge.errors}
                </span>
              ) : badge && badge.warnings > 0 ? (
                <span className="tab-badge tab-badge-warning" aria-label={`${badge.warnings} ${badge.warnings === 1 ? 'warning' : 'warnings'}`}>
                  {badge.warnings}
                </span>
              ) : null}
            </button>
          </span>
        );
      })}
    </div>
  );
}
