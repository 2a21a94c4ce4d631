/**
 * What the backend needs from persistence. The SQLite implementation is the
 * only one; the interface exists so the HTTP layer and the CLI depend on
 * behaviour, not on SQL.
 */
import type { SavedRevision } from '../../sim/api/contract.ts';
import type { Scenario, ScenarioChanges } from '../../sim/scenario/index.ts';

export type { ScenarioRecord, ScenarioSummary, SnapshotReason, SnapshotRecord, SnapshotSummary } from '../../sim/api/records.ts';
import type { ScenarioRecord, ScenarioSummary, SnapshotReason, SnapshotRecord, SnapshotSummary } from '../../sim/api/records.ts';

export interface ScenarioStore {
  /** Live scenarios, most recently updated first; `{ deleted: true }` lists the trash instead (most recently deleted first). */
  listScenarios(options?: { deleted?: boolean }): ScenarioSummary[];
  getScenario(id: string): ScenarioRecord;
  /** Stores a new scenario; takes a 'created' snapshot. */
  createScenario(scenario: Scenario, options?: { isSample?: boolean; snapshotReason?: SnapshotReason }): ScenarioRecord;
  /** One transaction; throws RevisionConflictError when baseRevision is not the stored revision. */
  saveScenario(id: string, scenario: Scenario, baseRevision: number): ScenarioRecord;
  /** Applies `changes` to the document stored at `baseRevision` (RevisionConflictError on any other), validating only what changed; one transaction. */
  saveScenarioChanges(id: string, changes: ScenarioChanges, baseRevision: number): SavedRevision;
  softDeleteScenario(id: string): ScenarioSummary;
  undeleteScenario(id: string): ScenarioRecord;
  duplicateScenario(id: string, newId: string, name?: string): ScenarioRecord;
  listSnapshots(scenarioId: string): SnapshotSummary[];
  createSnapshot(scenarioId: string, label: string, reason: SnapshotReason): SnapshotSummary;
  getSnapshot(snapshotId: string): SnapshotRecord;
  /** Takes a 'before-restore' snapshot of the current state, then saves the snapshot's scenario as a new revision. */
  restoreSnapshot(scenarioId: string, snapshotId: string, baseRevision: number): ScenarioRecord;
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): void;
  close(): void;
}
