/**
 * The scenario store on one SQLite file (better-sqlite3, synchronous).
 *
 * - Every write is one IMMEDIATE transaction: it takes the write lock before
 *   reading, so the revision check and the write cannot interleave with
 *   another connection (a DEFERRED one could fail its lock upgrade with
 *   SQLITE_BUSY_SNAPSHOT, which busy_timeout does not retry).
 * - Saves are optimistic: `revision` is checked and bumped in the same UPDATE;
 *   a stale base revision is a RevisionConflictError, never an overwrite.
 * - Documents are validated on the way in and on the way out (a row can be
 *   damaged outside our control); a damaged row names itself and does not
 *   take the others down.
 */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SavedRevision } from '../../sim/api/contract.ts';
import {
  parseScenarioDocument,
  ScenarioValidationError,
  validateScenario,
  validateScenarioChanges,
  type Scenario,
  type ScenarioChanges,
} from '../../sim/scenario/index.ts';
import { documentText } from './document-text.ts';
import { AlreadyExistsError, DiskFullError, isDiskFull, NotFoundError, RevisionConflictError, StoredScenarioError } from './errors.ts';
import { checkDatabaseVersion, migrate } from './migrations.ts';
import { prepareStatements, type ScenarioListRow, type ScenarioRow, type SnapshotSummaryRow, type Statements } from './statements.ts';
import type {
  ScenarioRecord,
  ScenarioStore,
  ScenarioSummary,
  SnapshotReason,
  SnapshotRecord,
  SnapshotSummary,
} from './types.ts';

export const DEFAULT_AUTO_SNAPSHOT_INTERVAL_MS = 10 * 60 * 1000;
/** How long a write waits for another connection (a second window, the CLI) to release the lock. */
export const BUSY_TIMEOUT_MS = 5000;
const MAX_LABEL_LENGTH = 200;
const MAX_NAME_LENGTH = 200;
/** Documents kept in memory for saves of changes (a 500-team document is a few MB): the scenarios being edited now. */
const HELD_DOCUMENTS = 8;

export interface ScenarioStoreOptions {
  /** Path of the database file; created when missing (its directory must exist). */
  file: string;
  /** Clock for timestamps and auto-snapshot timing (tests inject one). */
  now?: () => Date;
  /** An 'auto' snapshot is taken by a save when the newest snapshot is at least this old. Default 10 minutes. */
  autoSnapshotIntervalMs?: number;
}

export function openScenarioStore(options: ScenarioStoreOptions): ScenarioStore {
  const db = new Database(options.file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Before anything that writes: a database we must not touch stays untouched.
    checkDatabaseVersion(db, options.file);
    // Durability choice: WAL with synchronous=NORMAL, deliberately not FULL.
    // A commit has written the transaction into the WAL file (write(2)) before
    // it returns; from then on it lives in the OS page cache, so a crash or
    // SIGKILL of Podplan itself — what the product promises, and what the
    // crash test exercises — can neither lose a committed save nor corrupt the
    // file. What NORMAL gives up against FULL is an fsync per commit: after an
    // OS crash or power loss, commits made since the WAL was last synced (at
    // the last checkpoint) may roll back, yet the database stays consistent
    // (WAL frames are checksummed; a torn tail is discarded). Autosave commits
    // often; an fsync on each would cost more than losing the last seconds of
    // edits on a power cut is worth.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteScenarioStore(db, options);
}

class SqliteScenarioStore implements ScenarioStore {
  readonly #db: Database.Database;
  readonly #sql: Statements;
  readonly #now: () => Date;
  readonly #autoSnapshotIntervalMs: number;
  readonly #file: string;
  /** One transaction wrapper, created once, that runs whatever it is given. */
  readonly #transaction: Database.Transaction<(fn: () => unknown) => unknown>;
  /**
   * The last document each save of changes stored, so the next one needs
   * neither to parse nor to validate the stored text. Only documents this
   * store built are held (never one handed to a caller, who might change it),
   * and each is used only while the row still has its revision and time.
   */
  readonly #held = new Map<string, { revision: number; updatedAt: string; scenario: Scenario }>();

  constructor(db: Database.Database, options: ScenarioStoreOptions) {
    this.#db = db;
    this.#file = options.file;
    this.#sql = prepareStatements(db);
    this.#transaction = db.transaction((fn: () => unknown) => fn());
    this.#now = options.now ?? (() => new Date());
    this.#autoSnapshotIntervalMs = options.autoSnapshotIntervalMs ?? DEFAULT_AUTO_SNAPSHOT_INTERVAL_MS;
  }

  listScenarios(options: { deleted?: boolean } = {}): ScenarioSummary[] {
    // The list reads each scenario's stored summary, not its document: no parse or validation per row.
    const rows = options.deleted ? this.#sql.deletedScenarios.all() : this.#sql.liveScenarios.all();
    return rows.map((row) => toSummary(row, this.#summary(row)));
  }

  getScenario(id: string): ScenarioRecord {
    return toRecord(this.#liveRow(id));
  }

  createScenario(
    scenario: Scenario,
    options: { isSample?: boolean; snapshotReason?: SnapshotReason } = {},
  ): ScenarioRecord {
    const valid = validateScenario(scenario);
    const reason = options.snapshotReason ?? 'created';
    return this.#write(() => this.#insert(valid, options.isSample ?? false, reason, defaultLabel(reason)));
  }

  saveScenario(id: string, scenario: Scenario, baseRevision: number): ScenarioRecord {
    const valid = validateFor(id, scenario);
    return this.#write(() => this.#update(valid, baseRevision, { autoSnapshot: true }));
  }

  saveScenarioChanges(id: string, changes: ScenarioChanges, baseRevision: number): SavedRevision {
    return this.#write(() => {
      const base = this.#documentAt(id, baseRevision);
      const next = validateScenarioChanges(base, changes);
      checkId(id, next);
      this.#held.delete(id);
      const saved = this.#update(next, baseRevision, { autoSnapshot: true });
      this.#hold(id, { revision: saved.revision, updatedAt: saved.updatedAt, scenario: next });
      return { revision: saved.revision, createdAt: saved.createdAt, updatedAt: saved.updatedAt };
    });
  }

  softDeleteScenario(id: string): ScenarioSummary {
    return this.#write(() => {
      const row = this.#anyRow(id);
      if (row.deleted_at === null) {
        const deletedAt = this.#stamp();
        this.#sql.setDeletedAt.run({ id, deletedAt });
        return toSummary({ ...row, deleted_at: deletedAt }, this.#summary(row));
      }
      return toSummary(row, this.#summary(row)); // already in the trash: deleting twice is harmless
    });
  }

  undeleteScenario(id: string): ScenarioRecord {
    return this.#write(() => {
      const row = this.#anyRow(id);
      if (row.deleted_at !== null) this.#sql.setDeletedAt.run({ id, deletedAt: null });
      return toRecord({ ...row, deleted_at: null });
    });
  }

  duplicateScenario(id: string, newId: string, name?: string): ScenarioRecord {
    return this.#write(() => {
      const source = toRecord(this.#liveRow(id)).scenario;
      const copy = validateScenario({ ...source, id: newId, name: name ?? copyName(source.name) });
      return this.#insert(copy, false, 'created', `Duplicated from "${source.name}"`);
    });
  }

  listSnapshots(scenarioId: string): SnapshotSummary[] {
    this.#liveRow(scenarioId);
    return this.#sql.snapshotsOf.all(scenarioId).map(toSnapshotSummary);
  }

  createSnapshot(scenarioId: string, label: string, reason: SnapshotReason): SnapshotSummary {
    return this.#write(() => {
      const row = this.#liveRow(scenarioId);
      toRecord(row); // refuse to snapshot a damaged document as if it were fine
      return this.#snapshotOfStored(scenarioId, cleanLabel(label, reason), reason);
    });
  }

  getSnapshot(snapshotId: string): SnapshotRecord {
    const row = this.#sql.snapshotById.get(snapshotId);
    if (!row) throw new NotFoundError('Snapshot', snapshotId);
    const scenario = readDocument(`Snapshot "${row.label}"`, row.scenario_id, row.scenario_name, row.document);
    return { ...toSnapshotSummary(row), scenario };
  }

  restoreSnapshot(scenarioId: string, snapshotId: string, baseRevision: number): ScenarioRecord {
    return this.#write(() => {
      const current = this.#liveRow(scenarioId);
      if (current.revision !== baseRevision) throw new RevisionConflictError(baseRevision, toRecord(current));
      const snapshot = this.#sql.snapshotById.get(snapshotId);
      if (!snapshot || snapshot.scenario_id !== scenarioId) throw new NotFoundError('Snapshot', snapshotId);
      const scenario = readDocument(`Snapshot "${snapshot.label}"`, scenarioId, current.name, snapshot.document);
      // Copied raw: even a damaged current document is kept, never lost by a restore.
      this.#snapshotOfStored(scenarioId, cleanLabel(`Before restoring "${snapshot.label}"`, 'before-restore'), 'before-restore');
      return this.#update(scenario, baseRevision, { autoSnapshot: false });
    });
  }

  getSetting(key: string): unknown {
    const row = this.#sql.settingByKey.get(checkKey(key));
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch (error) {
      throw new Error(`Setting "${key}" in the database is not valid JSON (${messageOf(error)}); set it again to repair it.`);
    }
  }

  /** Stores any JSON value; `undefined` removes the setting. */
  setSetting(key: string, value: unknown): void {
    checkKey(key);
    const json = JSON.stringify(value) as string | undefined;
    this.#diskFullAware(() => {
      if (json === undefined) this.#sql.deleteSetting.run(key);
      else this.#sql.upsertSetting.run({ key, value: json });
    });
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  // --- inside a transaction -------------------------------------------------

  #write<T>(fn: () => T): T {
    return this.#diskFullAware(() => this.#transaction.immediate(fn) as T);
  }

  /** SQLITE_FULL rolls the statement's transaction back: the stored revision is intact, which DiskFullError says. */
  #diskFullAware<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (isDiskFull(error)) throw new DiskFullError(this.#file, dirname(this.#file));
      throw error;
    }
  }

  #stamp(): string {
    return this.#now().toISOString();
  }

  #anyRow(id: string): ScenarioRow {
    const row = this.#sql.scenarioById.get(id);
    if (!row) throw new NotFoundError('Scenario', id);
    return row;
  }

  #liveRow(id: string): ScenarioRow {
    const row = this.#anyRow(id);
    if (row.deleted_at !== null) throw new NotFoundError('Scenario', id);
    return row;
  }

  /**
   * A row's summary: the stored one, else (a row written before summaries
   * were kept) computed from its document once and stored for its revision.
   */
  #summary(row: ScenarioListRow | ScenarioRow): StoredSummary {
    const stored = parseSummary(row.summary);
    const bytes = 'document' in row ? utf8Bytes(row.document) : row.document_bytes;
    if (stored && stored.documentBytes === bytes) return stored;
    const document = 'document' in row ? row.document : this.#sql.documentOf.get({ id: row.id, revision: row.revision })?.document;
    if (document === undefined) return { name: row.name, description: '', teamCount: 0, positionCount: 0, documentBytes: 0 };
    const summary = summaryOfDocument({ id: row.id, name: row.name, document });
    this.#sql.setSummary.run({ id: row.id, revision: row.revision, summary: JSON.stringify(summary) });
    return summary;
  }

  #insert(scenario: Scenario, isSample: boolean, reason: SnapshotReason, label: string): ScenarioRecord {
    if (this.#sql.scenarioById.get(scenario.id)) throw new AlreadyExistsError('Scenario', scenario.id);
    const now = this.#stamp();
    const document = JSON.stringify(scenario);
    this.#sql.insertScenario.run({ id: scenario.id, document, summary: JSON.stringify(summaryOf(scenario, document)), name: scenario.name, now, isSample: isSample ? 1 : 0 });
    this.#sql.insertSnapshot.run({
      id: randomUUID(),
      scenarioId: scenario.id,
      revision: 1,
      label,
      reason,
      document,
      now,
    });
    return { scenario, revision: 1, createdAt: now, updatedAt: now };
  }

  #update(scenario: Scenario, baseRevision: number, options: { autoSnapshot: boolean }): ScenarioRecord {
    const { id } = scenario;
    const now = this.#stamp();
    const document = documentText(scenario);
    const updated = this.#sql.updateScenario.get({ id, document, summary: JSON.stringify(summaryOf(scenario, document)), name: scenario.name, now, baseRevision });
    if (!updated) {
      const current = this.#liveRow(id); // NotFoundError when it is gone or in the trash
      throw new RevisionConflictError(baseRevision, toRecord(current));
    }
    if (options.autoSnapshot && this.#autoSnapshotDue(id)) {
      this.#sql.insertSnapshot.run({
        id: randomUUID(),
        scenarioId: id,
        revision: updated.revision,
        label: defaultLabel('auto'),
        reason: 'auto',
        document,
        now,
      });
    }
    return { scenario, revision: updated.revision, createdAt: updated.created_at, updatedAt: updated.updated_at };
  }

  /** The stored document at `revision`: held in memory when this store wrote it last, else read; another revision is a conflict. */
  #documentAt(id: string, revision: number): Scenario {
    const stored = this.#sql.revisionOf.get(id);
    const held = this.#held.get(id);
    if (stored && held && held.revision === stored.revision && held.updatedAt === stored.updated_at && held.revision === revision) return held.scenario;
    const row = this.#liveRow(id); // NotFoundError when it is gone or in the trash
    if (row.revision !== revision) throw new RevisionConflictError(revision, toRecord(row));
    return toRecord(row).scenario;
  }

  #hold(id: string, document: { revision: number; updatedAt: string; scenario: Scenario }): void {
    this.#held.delete(id);
    this.#held.set(id, document);
    if (this.#held.size > HELD_DOCUMENTS) this.#held.delete(this.#held.keys().next().value!);
  }

  #autoSnapshotDue(scenarioId: string): boolean {
    const newest = this.#sql.newestSnapshotAt.get(scenarioId)?.created_at;
    if (!newest) return true;
    return this.#now().getTime() - Date.parse(newest) >= this.#autoSnapshotIntervalMs;
  }

  #snapshotOfStored(scenarioId: string, label: string, reason: SnapshotReason): SnapshotSummary {
    const id = randomUUID();
    this.#sql.insertSnapshotOfStored.run({ id, scenarioId, label, reason, now: this.#stamp() });
    const row = this.#sql.snapshotById.get(id);
    if (!row) throw new Error(`Snapshot "${id}" vanished inside its own transaction`);
    return toSnapshotSummary(row);
  }
}

// --- rows ⇄ records -----------------------------------------------------------

/** Parses and validates a stored document (migrating an older schema version), naming the scenario on failure. */
function readDocument(what: string, scenarioId: string, name: string, text: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoredScenarioError(what, scenarioId, name, `it is not valid JSON (${messageOf(error)})`);
  }
  let scenario: Scenario;
  try {
    scenario = parseScenarioDocument(value).scenario;
  } catch (error) {
    if (error instanceof ScenarioValidationError) throw new StoredScenarioError(what, scenarioId, name, error.message);
    throw error;
  }
  if (scenario.id !== scenarioId) {
    throw new StoredScenarioError(what, scenarioId, name, `its document carries another id ("${scenario.id}")`);
  }
  return scenario;
}

function toRecord(row: ScenarioRow): ScenarioRecord {
  return {
    scenario: readDocument('The saved document', row.id, row.name, row.document),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the scenario list shows of a document, kept beside it (`scenarios.summary`) for its revision. */
interface StoredSummary {
  name: string;
  description: string;
  teamCount: number;
  positionCount: number;
  /** Why the stored document cannot be read (then the counts are 0). */
  problem?: string;
  /** UTF-8 size of the document it was made from: a document changed outside the store no longer matches. */
  documentBytes: number;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function summaryOf(scenario: Scenario, document: string): StoredSummary {
  let positionCount = 0;
  for (const team of scenario.teams) positionCount += team.positions.length;
  return { name: scenario.name, description: scenario.description, teamCount: scenario.teams.length, positionCount, documentBytes: utf8Bytes(document) };
}

/** The summary of a stored document, or its problem (never throws for a damaged document). */
function summaryOfDocument(row: Pick<ScenarioRow, 'id' | 'name' | 'document'>): StoredSummary {
  try {
    return summaryOf(readDocument('The saved document', row.id, row.name, row.document), row.document);
  } catch (error) {
    if (!(error instanceof StoredScenarioError)) throw error;
    return { name: row.name, description: '', teamCount: 0, positionCount: 0, problem: error.message, documentBytes: utf8Bytes(row.document) };
  }
}

function parseSummary(text: string | null): StoredSummary | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<StoredSummary>;
    return typeof v.name === 'string' && typeof v.description === 'string' && typeof v.teamCount === 'number' && typeof v.positionCount === 'number' && typeof v.documentBytes === 'number'
      ? (v as StoredSummary)
      : null;
  } catch {
    return null;
  }
}

function toSummary(row: Omit<ScenarioListRow, 'document_bytes'>, summary: StoredSummary): ScenarioSummary {
  return {
    id: row.id,
    revision: row.revision,
    updatedAt: row.updated_at,
    isSample: row.is_sample === 1,
    ...(row.deleted_at === null ? {} : { deletedAt: row.deleted_at }),
    name: summary.name,
    description: summary.description,
    teamCount: summary.teamCount,
    positionCount: summary.positionCount,
    ...(summary.problem === undefined ? {} : { problem: summary.problem }),
  };
}

function toSnapshotSummary(row: SnapshotSummaryRow): SnapshotSummary {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    label: row.label,
    reason: row.reason,
    revision: row.revision,
    createdAt: row.created_at,
  };
}

// --- small rules ---------------------------------------------------------------

/** Validates a document for a save under `id`: the body cannot move a scenario to another id. */
function validateFor(id: string, scenario: Scenario): Scenario {
  const valid = validateScenario(scenario);
  checkId(id, valid);
  return valid;
}

function checkId(id: string, valid: Scenario): void {
  if (valid.id !== id) {
    const message = `id: the scenario's id "${valid.id}" does not match the scenario being saved ("${id}")`;
    throw new ScenarioValidationError('invalid', `Invalid scenario: ${message}`, [{ path: 'id', message }]);
  }
}

function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
}

const DEFAULT_LABELS: Record<SnapshotReason, string> = {
  created: 'Created',
  import: 'Imported',
  manual: 'Snapshot',
  auto: 'Autosave',
  'before-restore': 'Before restore',
};

function defaultLabel(reason: SnapshotReason): string {
  return DEFAULT_LABELS[reason];
}

function cleanLabel(label: string, reason: SnapshotReason): string {
  const trimmed = label.trim().slice(0, MAX_LABEL_LENGTH);
  return trimmed || defaultLabel(reason);
}

function checkKey(key: string): string {
  if (key.length === 0 || key.length > 200) throw new Error('A setting key must be 1 to 200 characters long');
  return key;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
