/**
 * Every SQL statement the store runs, prepared once per connection, with the
 * shapes of the rows they return.
 */
import type Database from 'better-sqlite3';
import type { SnapshotReason } from './types.ts';

export interface ScenarioRow {
  id: string;
  document: string;
  name: string;
  revision: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  is_sample: 0 | 1;
}

export interface SnapshotSummaryRow {
  id: string;
  scenario_id: string;
  revision: number;
  label: string;
  reason: SnapshotReason;
  created_at: string;
}

export interface SnapshotRow extends SnapshotSummaryRow {
  document: string;
  /** The owning scenario's name, for error messages. */
  scenario_name: string;
}

interface NewScenario {
  id: string;
  document: string;
  name: string;
  now: string;
  isSample: 0 | 1;
}

interface ScenarioUpdate {
  id: string;
  document: string;
  name: string;
  now: string;
  baseRevision: number;
}

interface NewSnapshot {
  id: string;
  scenarioId: string;
  revision: number;
  label: string;
  reason: SnapshotReason;
  document: string;
  now: string;
}

interface SnapshotOfStored {
  id: string;
  scenarioId: string;
  label: string;
  reason: SnapshotReason;
  now: string;
}

export function prepareStatements(db: Database.Database) {
  return {
    scenarioById: db.prepare<[string], ScenarioRow>('SELECT * FROM scenarios WHERE id = ?'),
    liveScenarios: db.prepare<[], ScenarioRow>(
      'SELECT * FROM scenarios WHERE deleted_at IS NULL ORDER BY updated_at DESC, name, id',
    ),
    deletedScenarios: db.prepare<[], ScenarioRow>(
      'SELECT * FROM scenarios WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, name, id',
    ),
    insertScenario: db.prepare<NewScenario>(
      `INSERT INTO scenarios (id, document, name, revision, created_at, updated_at, deleted_at, is_sample)
       VALUES (@id, @document, @name, 1, @now, @now, NULL, @isSample)`,
    ),
    /** Only succeeds on the expected revision of a live scenario: the optimistic-concurrency check. */
    updateScenario: db.prepare<ScenarioUpdate, Pick<ScenarioRow, 'revision' | 'created_at' | 'updated_at'>>(
      `UPDATE scenarios SET document = @document, name = @name, revision = revision + 1, updated_at = @now
       WHERE id = @id AND revision = @baseRevision AND deleted_at IS NULL
       RETURNING revision, created_at, updated_at`,
    ),
    setDeletedAt: db.prepare<{ id: string; deletedAt: string | null }>(
      'UPDATE scenarios SET deleted_at = @deletedAt WHERE id = @id',
    ),

    insertSnapshot: db.prepare<NewSnapshot>(
      `INSERT INTO snapshots (id, scenario_id, revision, label, reason, document, created_at)
       VALUES (@id, @scenarioId, @revision, @label, @reason, @document, @now)`,
    ),
    /** Copies the stored document byte for byte, readable or not (a restore must never lose what was there). */
    insertSnapshotOfStored: db.prepare<SnapshotOfStored>(
      `INSERT INTO snapshots (id, scenario_id, revision, label, reason, document, created_at)
       SELECT @id, id, revision, @label, @reason, document, @now FROM scenarios WHERE id = @scenarioId`,
    ),
    newestSnapshotAt: db.prepare<[string], { created_at: string | null }>(
      'SELECT max(created_at) AS created_at FROM snapshots WHERE scenario_id = ?',
    ),
    snapshotsOf: db.prepare<[string], SnapshotSummaryRow>(
      `SELECT id, scenario_id, revision, label, reason, created_at FROM snapshots
       WHERE scenario_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    snapshotById: db.prepare<[string], SnapshotRow>(
      `SELECT s.id, s.scenario_id, s.revision, s.label, s.reason, s.created_at, s.document, c.name AS scenario_name
       FROM snapshots s JOIN scenarios c ON c.id = s.scenario_id WHERE s.id = ?`,
    ),

    settingByKey: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    upsertSetting: db.prepare<{ key: string; value: string }>(
      'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    deleteSetting: db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
