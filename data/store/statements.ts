/**
 * Every SQL statement the store runs, prepared once per connection, with the
 * shapes of the rows they return.
 */
import type Database from 'better-sqlite3';
import type { SnapshotReason } from './types.ts';

// octet_length(document) reads the stored size, not the document: it tells a summary whose document
// was changed behind the store's back (the summary records the size it was made from).
const LIST_COLUMNS = 'id, summary, octet_length(document) AS document_bytes, name, revision, created_at, updated_at, deleted_at, is_sample';

export interface ScenarioRow {
  id: string;
  document: string;
  /** JSON of `StoredSummary` for this revision; null until computed. */
  summary: string | null;
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

/** A row of the scenario list: everything but the document, and the document's size in bytes. */
export type ScenarioListRow = Omit<ScenarioRow, 'document'> & { document_bytes: number };

interface NewScenario {
  id: string;
  document: string;
  summary: string;
  name: string;
  now: string;
  isSample: 0 | 1;
}

interface ScenarioUpdate {
  id: string;
  document: string;
  summary: string;
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
    liveScenarios: db.prepare<[], ScenarioListRow>(
      `SELECT ${LIST_COLUMNS} FROM scenarios WHERE deleted_at IS NULL ORDER BY updated_at DESC, name, id`,
    ),
    deletedScenarios: db.prepare<[], ScenarioListRow>(
      `SELECT ${LIST_COLUMNS} FROM scenarios WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, name, id`,
    ),
    /** A live scenario's revision and time of its last write: whether a document held in memory is still the stored one. */
    revisionOf: db.prepare<[string], Pick<ScenarioRow, 'revision' | 'updated_at'>>('SELECT revision, updated_at FROM scenarios WHERE id = ? AND deleted_at IS NULL'),
    /** The document of a row whose summary is not stored yet (listed once, then kept). */
    documentOf: db.prepare<{ id: string; revision: number }, Pick<ScenarioRow, 'document'>>('SELECT document FROM scenarios WHERE id = @id AND revision = @revision'),
    setSummary: db.prepare<{ id: string; revision: number; summary: string }>('UPDATE scenarios SET summary = @summary WHERE id = @id AND revision = @revision'),
    insertScenario: db.prepare<NewScenario>(
      `INSERT INTO scenarios (id, document, summary, name, revision, created_at, updated_at, deleted_at, is_sample)
       VALUES (@id, @document, @summary, @name, 1, @now, @now, NULL, @isSample)`,
    ),
    /** Only succeeds on the expected revision of a live scenario: the optimistic-concurrency check. */
    updateScenario: db.prepare<ScenarioUpdate, Pick<ScenarioRow, 'revision' | 'created_at' | 'updated_at'>>(
      `UPDATE scenarios SET document = @document, summary = @summary, name = @name, revision = revision + 1, updated_at = @now
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
