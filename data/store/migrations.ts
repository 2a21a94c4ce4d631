/**
 * Schema migrations, tracked by `PRAGMA user_version`: step N (1-based) takes
 * a database from version N-1 to N. Each step runs in its own transaction
 * together with the version bump, so a failed step leaves the previous version
 * intact. Steps are append-only: never edit one that has shipped.
 *
 * Note for future steps: `PRAGMA foreign_keys` cannot change inside a
 * transaction, so a step that rebuilds a referenced table must do it without
 * dropping the parent (create new, copy, rename) or cascades will fire.
 */
import type Database from 'better-sqlite3';
import { DatabaseVersionError } from './errors.ts';

/** 'PodP' — stamped into the SQLite header so we never migrate someone else's database. */
export const PODPLAN_APPLICATION_ID = 0x506f6450;

export const MIGRATIONS: readonly string[] = [
  // 1: scenarios, their snapshots, settings.
  `
  PRAGMA application_id = ${PODPLAN_APPLICATION_ID};

  CREATE TABLE scenarios (
    id          TEXT PRIMARY KEY NOT NULL,
    document    TEXT NOT NULL,
    name        TEXT NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    is_sample   INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1))
  ) STRICT;
  CREATE INDEX scenarios_by_updated ON scenarios (deleted_at, updated_at DESC);

  CREATE TABLE snapshots (
    id           TEXT PRIMARY KEY NOT NULL,
    scenario_id  TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL,
    label        TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason IN ('created', 'manual', 'auto', 'import', 'before-restore')),
    document     TEXT NOT NULL,
    created_at   TEXT NOT NULL
  ) STRICT;
  CREATE INDEX snapshots_by_scenario ON snapshots (scenario_id, created_at);

  CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
  ) STRICT;
  `,
  // 2: each scenario's list summary (description, team and position counts) kept beside its
  // document, so listing scenarios reads no document; NULL until written (or computed once).
  `
  ALTER TABLE scenarios ADD COLUMN summary TEXT;
  `,
];

export const LATEST_DB_VERSION = MIGRATIONS.length;

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuses, without writing anything, a database this build cannot use: one
 * from a newer Podplan, or one that belongs to another application. Run it
 * before any pragma that writes (journal_mode=WAL rewrites the header).
 */
export function checkDatabaseVersion(db: Database.Database, file: string): number {
  let version: number;
  let applicationId: number;
  let tableCount: number;
  try {
    version = userVersion(db);
    applicationId = db.pragma('application_id', { simple: true }) as number;
    tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DatabaseVersionError(`${file} is not a Podplan database (${detail}). It was left untouched.`);
  }
  const foreign = applicationId !== 0 && applicationId !== PODPLAN_APPLICATION_ID;
  if (foreign || (applicationId === 0 && (version !== 0 || tableCount > 0))) {
    throw new DatabaseVersionError(
      `${file} is not a Podplan database (it already holds other data). It was left untouched; choose another data directory.`,
    );
  }
  if (version > LATEST_DB_VERSION) {
    throw new DatabaseVersionError(
      `${file} was written by a newer version of Podplan (database version ${version}; this version understands up to ${LATEST_DB_VERSION}). ` +
        'Update Podplan to open it. The file was left untouched.',
    );
  }
  return version;
}

/** Applies every step the database has not had yet; returns the version reached. */
export function migrate(db: Database.Database, steps: readonly string[] = MIGRATIONS): number {
  for (let next = userVersion(db) + 1; next <= steps.length; next++) {
    const sql = steps[next - 1] ?? '';
    db.transaction(() => {
      // Another process may have migrated while we waited for the write lock.
      if (userVersion(db) >= next) return;
      db.exec(sql);
      db.pragma(`user_version = ${next}`);
    }).immediate();
  }
  return userVersion(db);
}
