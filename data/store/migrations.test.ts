import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseVersionError } from './errors.ts';
import { LATEST_DB_VERSION, migrate, MIGRATIONS, PODPLAN_APPLICATION_ID } from './migrations.ts';
import { openScenarioStore } from './sqlite-store.ts';
import { makeScenario, makeTempDir } from './test-support/fixtures.ts';

let temp: ReturnType<typeof makeTempDir>;
let file: string;

beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'podplan.db');
});
afterEach(() => temp.remove());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('migrations', () => {
  it('a fresh database reaches the latest version, stamped as a Podplan database', () => {
    openScenarioStore({ file }).close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_DB_VERSION);
    expect(LATEST_DB_VERSION).toBe(MIGRATIONS.length);
    expect(raw.pragma('application_id', { simple: true })).toBe(PODPLAN_APPLICATION_ID);
    const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['scenarios', 'settings', 'snapshots']);
    raw.close();
  });

  it('opening an up-to-date database again changes nothing and keeps the data', () => {
    const store = openScenarioStore({ file });
    store.createScenario(makeScenario('a'));
    store.close();
    const again = openScenarioStore({ file });
    expect(again.getScenario('a').revision).toBe(1);
    again.close();
  });

  it('a database from a newer Podplan is refused with a clear message and left untouched', () => {
    const store = openScenarioStore({ file });
    store.createScenario(makeScenario('a'));
    store.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_DB_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE'); // as a future version might leave it
    raw.close();
    const before = sha(file);

    let error: unknown;
    try {
      openScenarioStore({ file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseVersionError);
    expect((error as Error).message).toMatch(
      new RegExp(`newer version of Podplan \\(database version ${LATEST_DB_VERSION + 1}; this version understands up to ${LATEST_DB_VERSION}\\).*untouched`),
    );
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_DB_VERSION + 1);
    check.close();
  });

  it("refuses another application's database and a file that is not a database", () => {
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    other.close();
    const before = sha(file);
    expect(() => openScenarioStore({ file })).toThrow(/is not a Podplan database/);
    expect(sha(file)).toBe(before);

    const junk = join(temp.dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all, just some text that is long enough '.repeat(10));
    expect(() => openScenarioStore({ file: junk })).toThrow(DatabaseVersionError);
  });

  it('a failing step is rolled back and leaves the previous version', () => {
    const db = new Database(file);
    const steps = ['CREATE TABLE a (x INTEGER)', 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)'];
    expect(() => migrate(db, steps)).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(['a']);
    db.close();
  });
});
