/**
 * The stored scenario and snapshot records as they cross the API: the store
 * (data/) produces them, the server sends them, the UI and the CLI read them.
 */
import type { Scenario } from '../scenario/index.ts';

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
