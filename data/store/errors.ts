import type { ScenarioRecord } from './types.ts';

export class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} "${id}" was not found`);
    this.name = 'NotFoundError';
  }
}

/** A save based on a revision that is no longer the stored one: someone else saved first. */
export class RevisionConflictError extends Error {
  readonly current: ScenarioRecord;
  constructor(baseRevision: number, current: ScenarioRecord) {
    super(
      `Scenario "${current.scenario.name}" was changed elsewhere (you edited revision ${baseRevision}, it is now at ${current.revision}). Reload to see the other change; nothing was overwritten.`,
    );
    this.name = 'RevisionConflictError';
    this.current = current;
  }
}

/** The database file is from a newer Podplan or is not a Podplan database. */
export class DatabaseVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseVersionError';
  }
}

/** A create or duplicate whose id is already taken (also by a scenario in the trash). */
export class AlreadyExistsError extends Error {
  constructor(what: string, id: string) {
    super(`${what} "${id}" already exists`);
    this.name = 'AlreadyExistsError';
  }
}

/**
 * A row in the database that no longer reads as a valid scenario (edited by
 * hand, written by a broken build, damaged on disk). Names the scenario so the
 * user knows which one; the others keep working.
 */
export class StoredScenarioError extends Error {
  readonly scenarioId: string;
  constructor(what: string, scenarioId: string, name: string, detail: string) {
    super(
      `${what} of scenario "${name}" (id "${scenarioId}") in the database could not be read: ${detail}. ` +
        'The other scenarios are not affected; restore an earlier snapshot or delete this one.',
    );
    this.name = 'StoredScenarioError';
    this.scenarioId = scenarioId;
  }
}

/**
 * The disk holding the database (or a file being written) is full. SQLite
 * rolled the transaction back, so the last saved revision is intact: the
 * message says so, and that freeing space and retrying the same save works.
 */
export class DiskFullError extends Error {
  /** The database or file whose write did not fit. */
  readonly file: string;
  constructor(file: string, dir: string) {
    super(`The disk holding ${dir} is full; nothing was lost; free space and retry.`);
    this.name = 'DiskFullError';
    this.file = file;
  }
}

/** SQLITE_FULL from SQLite, ENOSPC from a file write (and a quota's EDQUOT): the disk is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
