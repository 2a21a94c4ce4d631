/**
 * What the backend needs from persistence. The SQLite implementation is the
 * only one; the interface exists so the HTTP layer and the CLI depend on
 * behaviour, not on SQL.
 */
import type { Scenario } from '../../sim/scenario/index.ts';

/** A stored scenario with the revision the next save must be based on. */
export interface ScenarioRecord {
  scenario: Scenario;
  /** Increments by one on every save; a save based on an older revision is a conflict. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  description: string;
  teamCount: number;
  positionCount: number;
  revision: number;
  updatedAt: string;
  /** True for the built-in samples seeded on first start. */
  isSample: boolean;
  /** Set for a scenario in the trash (listed only with `listScenarios({ deleted: true })`). */
  deletedAt?: string;
  /**
   * Set when the stored document cannot be read (damaged row): the message
   * names the scenario and the problem; counts are 0 and `getScenario` throws
   * StoredScenarioError. The scenario can still be deleted or restored from a snapshot.
   */
  problem?: string;
}

export type SnapshotReason = 'created' | 'manual' | 'auto' | 'import' | 'before-restore';

export interface SnapshotSummary {
  id: string;
  scenarioId: string;
  label: string;
  reason: SnapshotReason;
  /** The scenario revision the snapshot captured. */
  revision: number;
  createdAt: string;
}

export interface SnapshotRecord extends SnapshotSummary {
  scenario: Scenario;
}


export interface ScenarioStore {
  /** Live scenarios, most recently updated first; `{ deleted: true }` lists the trash instead (most recently deleted first). */
  listScenarios(options?: { deleted?: boolean }): ScenarioSummary[];
  getScenario(id: string): ScenarioRecord;
  /** Stores a new scenario; takes a 'created' snapshot. */
  createScenario(scenario: Scenario, options?: { isSample?: boolean; snapshotReason?: SnapshotReason }): ScenarioRecord;
  /** One transaction; throws RevisionConflictError when baseRevision is not the stored revision. */
  saveScenario(id: string, scenario: Scenario, baseRevision: number): ScenarioRecord;
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
