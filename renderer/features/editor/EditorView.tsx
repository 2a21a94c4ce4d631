/**
 * The scenario editor: the toolbar (undo/redo, compare, export), save
 * problems, and the sections as tabs: the org design (scenario fields, teams
 * with positions and guardrails, and the history panel), the planning
 * screens (org chart, costs, ownership, phases, readiness) and the GPU
 * cluster (capacity, quota policy, manifests, cluster).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScenarioIssue } from '../../../sim/scenario/index.ts';
import { validatePolicy } from '../../../sim/cluster/validate.ts';
import { orgGuardrails } from '../../../sim/org/guardrails.ts';
import { ownershipFlags } from '../../../sim/ownership/flags.ts';
import { phaseWarnings } from '../../../sim/phases/plan.ts';
import { indexIssues } from '../../model/cluster/issues.ts';
import { ConflictBanner } from './ConflictBanner.tsx';
import { EditorTabs, panelId, tabId } from './EditorTabs.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { IssueList } from '../../ui/IssueList.tsx';
import type { AutosaveState } from '../../editing/autosave.ts';
import { exportScenario } from '../../files/transfer.ts';
import { selectDoc, useEditor } from '../../stores/editor.ts';
import { useNavigation, type EditorSection } from '../../stores/navigation.ts';
import { useOrganisation } from '../../stores/organisation.ts';
import { usePolicyUi } from '../../stores/policy-ui.ts';
import { usePlanningUi } from '../../stores/planning-ui.ts';
import { useSave } from '../../stores/save.ts';
import { openScenario } from '../../stores/session.ts';
import { redoNextEdit, undoLastEdit, useCanRedo, useCanUndo } from '../../stores/undo.ts';
import { CapacityView } from '../capacity/CapacityView.tsx';
import { ClusterView } from '../cluster/ClusterView.tsx';
import { CostsView } from '../costs/CostsView.tsx';
import { DecisionView } from '../decision/DecisionView.tsx';
import { DeliveryView } from '../delivery/DeliveryView.tsx';
import { GpuSimulationView } from '../gpu-simulation/GpuSimulationView.tsx';
import { ManifestsView } from '../manifests/ManifestsView.tsx';
import { OrgChartView } from '../org-chart/OrgChartView.tsx';
import { OwnershipView } from '../ownership/OwnershipView.tsx';
import { OrgDesignView } from '../org-design/OrgDesignView.tsx';
import { PhasesView } from '../phases/PhasesView.tsx';
import { PolicyView } from '../policy/PolicyView.tsx';
import { ReadinessView } from '../readiness/ReadinessView.tsx';
import './editor.css';

const NO_ISSUES: readonly ScenarioIssue[] = [];
const selectSaveIssues = (s: { save: AutosaveState | null }): readonly ScenarioIssue[] => (s.save?.status === 'error' ? (s.save.error?.issues ?? NO_ISSUES) : NO_ISSUES);

export function EditorView({ scenarioId, section = 'org' }: { scenarioId: string; section?: EditorSection }) {
  const doc = useEditor(selectDoc);
  const status = useEditor((s) => s.status);
  const loadError = useEditor((s) => s.loadError);
  // Undo covers the scenario's edits and the organisation's readiness answers (stores/undo.ts).
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  const organisationStatus = useOrganisation((s) => s.status);
  // Only the save problems: a save status change ("Saving…", "Saved") does not re-render the editor.
  const issues = useSave(selectSaveIssues);
  const navigate = useNavigation((s) => s.navigate);
  const [focusTeamId, setFocusTeamId] = useState<string | null>(null);
  const [focusPositionId, setFocusPositionId] = useState<string | null>(null);
  const onPositionAdded = useCallback((id: string) => setFocusPositionId(id), []);

  // The organisation's readiness answers, which every scenario reads (again on each scenario: another window may have changed them).
  useEffect(() => {
    void useOrganisation.getState().load();
  }, [scenarioId]);
  // Open cards and the summary's month belong to one scenario.
  useEffect(() => {
    usePolicyUi.getState().reset();
    usePlanningUi.getState().reset();
  }, [scenarioId]);
  const cluster = doc?.cluster;
  const policyIssues = useMemo(() => indexIssues(cluster ? validatePolicy(cluster) : []), [cluster]);
  const badges = useMemo(() => {
    const count = (pred: (path: string) => boolean) => {
      const list = policyIssues.all.filter((i) => pred(i.path));
      const errors = list.filter((i) => i.severity === 'error').length;
      return { errors, warnings: list.length - errors };
    };
    const capacity = count((p) => p.startsWith('cluster.nodePools'));
    const policy = count((p) => !p.startsWith('cluster.nodePools'));
    return { capacity, policy, manifests: { errors: policyIssues.errors, warnings: 0 } };
  }, [policyIssues]);
  // Planning warnings as tab badges: never blocking, always counted.
  const teams = doc?.teams;
  const ownership = doc?.ownership;
  const phases = doc?.phases;
  const planningBadges = useMemo(() => {
    if (!teams || !ownership || !phases) return {};
    return {
      org: { errors: 0, warnings: orgGuardrails(teams).length },
      // With no teams there is no one to own anything yet: 24 "unowned" flags would be the catalog, not a finding (the tab says to add teams).
      ownership: { errors: 0, warnings: teams.length === 0 ? 0 : ownershipFlags(teams, ownership.assignments).length },
      phases: { errors: 0, warnings: phaseWarnings(teams, phases).length },
    };
  }, [teams, ownership, phases]);

  if (status === 'error' || (loadError && status !== 'ready')) {
    return (
      <div className="page">
        <div className="banner banner-error" role="alert">
          <div>
            <strong>Could not open this scenario.</strong> {loadError?.message}
          </div>
          <div className="banner-actions">
            <button type="button" className="btn btn-small" onClick={() => void openScenario(scenarioId)}>
              Try again
            </button>
            <button type="button" className="btn btn-small" onClick={() => navigate({ view: 'list' })}>
              Back to scenarios
            </button>
          </div>
        </div>
      </div>
    );
  }
  // Until the organisation's answers are known, a recommendation or a run would use the wrong ones.
  if (!doc || status !== 'ready' || doc.id !== scenarioId || organisationStatus === 'idle' || organisationStatus === 'loading') {
    return (
      <div className="page">
        <p className="muted">Loading scenario…</p>
      </div>
    );
  }

  // On the org design, name problems are shown at their fields.
  const otherIssues = section === 'org' ? issues.filter((i) => i.path !== 'name' && !/^teams\[\d+\]\.name$/.test(i.path)) : issues;

  return (
    <div className="editor-layout editor-layout-full">
      <div className="editor-main">
        <div className="editor-toolbar">
          <a
            className="back-link"
            href="#/"
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: 'list' });
            }}
          >
            ← All scenarios
          </a>
          <div className="toolbar">
            <button type="button" className="btn" disabled={!canUndo} aria-keyshortcuts="Control+Z" onClick={undoLastEdit}>
              Undo
            </button>
            <button
              type="button"
              className="btn"
              disabled={!canRedo}
              aria-keyshortcuts="Control+Shift+Z Control+Y"
              onClick={redoNextEdit}
            >
              Redo
            </button>
            <button type="button" className="btn" onClick={() => navigate({ view: 'compare', a: doc.id, b: null })}>
              Compare…
            </button>
            <button type="button" className="btn" onClick={() => void exportScenario(doc.id, doc.name)}>
              Export file
            </button>
          </div>
        </div>

        <ConflictBanner />
        {otherIssues.length > 0 ? (
          <div className="banner banner-error" role="alert">
            <div>
              <strong>Not saved:</strong> fix these fields first.
              <IssueList issues={otherIssues} />
            </div>
          </div>
        ) : null}

        <EditorTabs scenarioId={doc.id} section={section} badges={{ ...badges, ...planningBadges }} />
        {/* Keyed by section: the panel scrolls, and a tab opened starts at its top, not at the offset of the one left. */}
        <div key={section} role="tabpanel" id={panelId(section)} aria-labelledby={tabId(section)} className="editor-panel">
          {section === 'org' ? (
            // The history panel sits beside the org design, below the tabs (so the tabs have the full width).
            <div className="org-layout">
              <div className="org-main">
                <OrgDesignView doc={doc} issues={issues} focusTeamId={focusTeamId} setFocusTeamId={setFocusTeamId} focusPositionId={focusPositionId} onPositionAdded={onPositionAdded} />
              </div>
              <HistoryPanel scenarioId={doc.id} />
            </div>
          ) : null}
          {section === 'decision' ? <DecisionView doc={doc} /> : null}
          {section === 'org-chart' ? <OrgChartView doc={doc} /> : null}
          {section === 'costs' ? <CostsView doc={doc} /> : null}
          {section === 'ownership' ? <OwnershipView doc={doc} /> : null}
          {section === 'phases' ? <PhasesView doc={doc} /> : null}
          {section === 'readiness' ? <ReadinessView doc={doc} /> : null}
          {section === 'delivery' ? <DeliveryView doc={doc} /> : null}
          {section === 'capacity' ? <CapacityView doc={doc} issues={policyIssues} /> : null}
          {section === 'policy' ? <PolicyView doc={doc} issues={policyIssues} /> : null}
          {section === 'manifests' ? <ManifestsView doc={doc} issues={policyIssues} /> : null}
          {section === 'cluster' ? <ClusterView doc={doc} issues={policyIssues} /> : null}
          {section === 'gpu-sim' ? <GpuSimulationView doc={doc} issues={policyIssues} /> : null}
        </div>
      </div>
    </div>
  );
}
