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
