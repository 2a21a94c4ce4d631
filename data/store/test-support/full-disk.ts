/**
 * A full disk, simulated on a real SQLite file: `PRAGMA max_page_count`
 * stops the database from growing, and SQLite answers SQLITE_FULL exactly as
 * it does when the disk is out of space. The pragma belongs to a connection,
 * so tests wrap better-sqlite3 (vi.mock) with `recordingDatabase` and cap the
 * connections Podplan opened.
 */
import type Database from 'better-sqlite3';

export const openedDatabases: Database.Database[] = [];
/** When set, every connection opened from now on finds the disk already full. */
let fullOnOpen = false;

export function diskFullOnOpen(full: boolean): void {
  fullOnOpen = full;
}

function cap(db: Database.Database): void {
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
}

/** A better-sqlite3 module whose Database remembers every connection it opens. */
export function recordingDatabase(actual: typeof Database): { default: typeof Database } {
  const Recording = function (this: unknown, ...args: ConstructorParameters<typeof Database>) {
    const db = new actual(...args);
    openedDatabases.push(db);
    if (fullOnOpen) cap(db);
    return db;
  } as unknown as typeof Database;
  Recording.prototype = actual.prototype;
  return { default: Recording };
}

/** "The disk is full": no open connection may grow its database beyond its current size. */
export function fillDisk(): void {
  for (const db of openedDatabases) if (db.open) cap(db);
}

/** "Space was freed." */
export function freeDisk(): void {
  for (const db of openedDatabases) if (db.open) db.pragma('max_page_count = 1073741823');
}
