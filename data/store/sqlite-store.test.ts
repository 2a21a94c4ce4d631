import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioValidationError } from '../../sim/scenario/index.ts';
import { AlreadyExistsError, NotFoundError, RevisionConflictError, StoredScenarioError } from './errors.ts';
import { openScenarioStore } from './sqlite-store.ts';
import { makeScenario, makeTempDir } from './test-support/fixtures.ts';
import type { ScenarioStore } from './types.ts';

const MINUTE = 60_000;

/** A clock the test moves by hand. */
function manualClock(start = '2025-03-01T09:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let clock: ReturnType<typeof manualClock>;
let store: ScenarioStore;
const opened: ScenarioStore[] = [];

function open(): ScenarioStore {
  const s = openScenarioStore({ file, now: clock.now });
  opened.push(s);
  return s;
}

beforeEach(() => {
  temp = makeTempDir();
  file = join(temp.dir, 'podplan.db');
  clock = manualClock();
  store = open();
});

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  temp.remove();
});

describe('scenarios', () => {
  it('a created scenario reads back as it was stored, at revision 1', () => {
    const created = store.createScenario(makeScenario('a', { name: 'Pods', teams: 3, positionsPerTeam: 5 }));
    expect(created.revision).toBe(1);
    expect(created.createdAt).toBe('2025-03-01T09:00:00.000Z');
    expect(store.getScenario('a')).toEqual(created);
    expect(store.listScenarios()).toEqual([
      {
        id: 'a',
        name: 'Pods',
        description: '',
        teamCount: 3,
        positionCount: 15,
        revision: 1,
        updatedAt: '2025-03-01T09:00:00.000Z',
        isSample: false,
      },
    ]);
  });

  it('survives closing and reopening the database', () => {
    store.createScenario(makeScenario('a'));
    store.saveScenario('a', makeScenario('a', { name: 'Renamed' }), 1);
    store.close();
    const again = open();
    expect(again.getScenario('a')).toMatchObject({ revision: 2, scenario: { name: 'Renamed' } });
  });

  it('each save bumps the revision by one and keeps the creation time', () => {
    store.createScenario(makeScenario('a'));
    clock.advance(1000);
    const saved = store.saveScenario('a', makeScenario('a', { name: 'Second' }), 1);
    expect(saved).toMatchObject({ revision: 2, createdAt: '2025-03-01T09:00:00.000Z', updatedAt: '2025-03-01T09:00:01.000Z' });
    expect(store.saveScenario('a', makeScenario('a', { name: 'Third' }), 2).revision).toBe(3);
    expect(store.getScenario('a').scenario.name).toBe('Third');
  });

  it('lists the most recently updated scenario first', () => {
    store.createScenario(makeScenario('old'));
    clock.advance(MINUTE);
    store.createScenario(makeScenario('middle'));
    clock.advance(MINUTE);
    store.createScenario(makeScenario('new'));
    expect(store.listScenarios().map((s) => s.id)).toEqual(['new', 'middle', 'old']);
    clock.advance(MINUTE);
    store.saveScenario('old', makeScenario('old', { name: 'Touched' }), 1);
    expect(store.listScenarios().map((s) => s.id)).toEqual(['old', 'new', 'middle']);
  });

  it('refuses an invalid scenario with the field named, and stores nothing', () => {
    const bad = { ...makeScenario('a'), name: '   ' };
    expect(() => store.createScenario(bad)).toThrow(ScenarioValidationError);
    expect(() => store.createScenario(bad)).toThrow(/name/);
    expect(store.listScenarios()).toEqual([]);
  });

  it('refuses a save whose document carries another id', () => {
    store.createScenario(makeScenario('a'));
    const error = catchError(() => store.saveScenario('a', makeScenario('b'), 1));
    expect(error).toBeInstanceOf(ScenarioValidationError);
    expect((error as ScenarioValidationError).issues[0]?.path).toBe('id');
    expect(store.getScenario('a').revision).toBe(1);
  });

  it('refuses to create a second scenario with a taken id', () => {
    store.createScenario(makeScenario('a', { name: 'First' }));
    expect(() => store.createScenario(makeScenario('a', { name: 'Second' }))).toThrow(AlreadyExistsError);
    expect(store.getScenario('a').scenario.name).toBe('First');
  });

  it('names a missing scenario', () => {
    expect(() => store.getScenario('nope')).toThrow(NotFoundError);
    expect(() => store.saveScenario('nope', makeScenario('nope'), 1)).toThrow(/"nope" was not found/);
  });
});

describe('two tabs editing the same scenario', () => {
  it('a save based on a stale revision is refused and nothing is overwritten', () => {
    store.createScenario(makeScenario('a', { name: 'Original' }));
    const tabA = store.getScenario('a');
    const tabB = open().getScenario('a');
    expect(tabA.revision).toBe(1);
    expect(tabB.revision).toBe(1);

    store.saveScenario('a', { ...tabA.scenario, name: 'Edited in tab A' }, tabA.revision);
    const error = catchError(() => store.saveScenario('a', { ...tabB.scenario, name: 'Edited in tab B' }, tabB.revision));

    expect(error).toBeInstanceOf(RevisionConflictError);
    const conflict = error as RevisionConflictError;
    expect(conflict.current.revision).toBe(2);
    expect(conflict.current.scenario.name).toBe('Edited in tab A');
    expect(conflict.message).toMatch(/nothing was overwritten/);
    expect(store.getScenario('a')).toMatchObject({ revision: 2, scenario: { name: 'Edited in tab A' } });

    // Tab B reloads (or chooses to overwrite) by basing its save on the current revision.
    expect(store.saveScenario('a', { ...tabB.scenario, name: 'Edited in tab B' }, conflict.current.revision).revision).toBe(3);
  });
});

describe('saves of changes', () => {
  it('apply to the stored revision, and a write by another connection is never overwritten by what this one holds', () => {
    store.createScenario(makeScenario('a', { name: 'Original', teams: 3, positionsPerTeam: 2 }));
    const first = store.getScenario('a');
    const [t1, t2, t3] = first.scenario.teams;
    // This connection now holds revision 2 in memory.
    const second = store.saveScenarioChanges('a', { teams: [{ ...t1!, name: 'Renamed here' }, t2!.id, t3!.id] }, first.revision);
    expect(second.revision).toBe(2);
    // Another window (another connection) saves the whole document on top of it.
    const other = open();
    const theirs = other.getScenario('a');
    other.saveScenario('a', { ...theirs.scenario, teams: theirs.scenario.teams.map((t) => (t.id === t3!.id ? { ...t, name: 'Renamed there' } : t)) }, theirs.revision);
    // A save based on revision 2 is a conflict, carrying their document.
    const conflict = catchError(() => store.saveScenarioChanges('a', { set: { description: 'mine' } }, second.revision));
    expect(conflict).toBeInstanceOf(RevisionConflictError);
    expect((conflict as RevisionConflictError).current.scenario.teams[2]!.name).toBe('Renamed there');
    // Based on their revision, the change applies to their document, not to the one held here.
    store.saveScenarioChanges('a', { set: { description: 'mine' } }, 3);
    const stored = store.getScenario('a').scenario;
    expect(stored.description).toBe('mine');
    expect(stored.teams.map((t) => t.name)).toEqual(['Renamed here', t2!.name, 'Renamed there']);
  });

  it('a change that makes the document invalid is refused by name and nothing is stored', () => {
    store.createScenario(makeScenario('a', { name: 'Original', teams: 2, positionsPerTeam: 1 }));
    const record = store.getScenario('a');
    const error = catchError(() => store.saveScenarioChanges('a', { set: { name: '' } }, record.revision));
    expect(error).toBeInstanceOf(ScenarioValidationError);
    expect((error as ScenarioValidationError).issues.map((i) => i.path)).toEqual(['name']);
    expect(catchError(() => store.saveScenarioChanges('a', { set: { id: 'b' } }, record.revision))).toBeInstanceOf(ScenarioValidationError);
    expect(store.getScenario('a')).toEqual(record);
  });
});

describe('trash', () => {
  it('a deleted scenario leaves the list, goes to the trash and comes back with undelete', () => {
    store.createScenario(makeScenario('keep'));
    store.createScenario(makeScenario('gone', { name: 'Gone' }));
    clock.advance(MINUTE);
    const deleted = store.softDeleteScenario('gone');
    expect(deleted).toMatchObject({ id: 'gone', name: 'Gone', deletedAt: '2025-03-01T09:01:00.000Z' });
    expect(store.listScenarios().map((s) => s.id)).toEqual(['keep']);
    expect(store.listScenarios({ deleted: true }).map((s) => s.id)).toEqual(['gone']);
    expect(() => store.getScenario('gone')).toThrow(NotFoundError);
    expect(() => store.saveScenario('gone', makeScenario('gone'), 1)).toThrow(NotFoundError);

    const back = store.undeleteScenario('gone');
    expect(back).toMatchObject({ revision: 1, scenario: { name: 'Gone' } });
    expect(store.listScenarios().map((s) => s.id).sort()).toEqual(['gone', 'keep']);
    expect(store.listScenarios({ deleted: true })).toEqual([]);
    expect(store.listSnapshots('gone')).toHaveLength(1);
  });

  it('deleting twice is harmless and a deleted id stays taken', () => {
    store.createScenario(makeScenario('a'));
    store.softDeleteScenario('a');
    expect(store.softDeleteScenario('a').deletedAt).toBeDefined();
    expect(() => store.createScenario(makeScenario('a'))).toThrow(AlreadyExistsError);
    expect(() => store.softDeleteScenario('missing')).toThrow(NotFoundError);
    expect(() => store.undeleteScenario('missing')).toThrow(NotFoundError);
  });
});

describe('duplicate', () => {
  it('copies the document under a new id, named "<name> (copy)", with its own history', () => {
    store.createScenario(makeScenario('a', { name: 'Pods', teams: 4 }));
    store.saveScenario('a', makeScenario('a', { name: 'Pods', teams: 5 }), 1);
    clock.advance(MINUTE);
    const copy = store.duplicateScenario('a', 'b');
    expect(copy.revision).toBe(1);
    expect(copy.scenario).toMatchObject({ id: 'b', name: 'Pods (copy)' });
    expect(copy.scenario.teams).toHaveLength(5);
    expect(store.listSnapshots('b')).toMatchObject([{ reason: 'created', revision: 1 }]);
    expect(store.listScenarios().map((s) => s.id)).toEqual(['b', 'a']);
    expect(store.getScenario('a').scenario.name).toBe('Pods');
  });

  it('takes a given name, refuses a taken id, and keeps a long name within the limit', () => {
    store.createScenario(makeScenario('a', { name: 'x'.repeat(200) }));
    expect(store.duplicateScenario('a', 'b', 'Plan B').scenario.name).toBe('Plan B');
    expect(() => store.duplicateScenario('a', 'b')).toThrow(AlreadyExistsError);
    const long = store.duplicateScenario('a', 'c').scenario.name;
    expect(long).toHaveLength(200);
    expect(long.endsWith(' (copy)')).toBe(true);
  });

  it('a copy of a sample is not a sample', () => {
    store.createScenario(makeScenario('s'), { isSample: true });
    store.duplicateScenario('s', 'mine');
    const byId = new Map(store.listScenarios().map((s) => [s.id, s.isSample]));
    expect(byId).toEqual(new Map([['s', true], ['mine', false]]));
  });
});

describe('snapshots', () => {
  it("a new scenario has a 'created' snapshot; an import has an 'import' one", () => {
    store.createScenario(makeScenario('a'));
    store.createScenario(makeScenario('b'), { snapshotReason: 'import' });
    expect(store.listSnapshots('a')).toMatchObject([{ reason: 'created', label: 'Created', revision: 1, scenarioId: 'a' }]);
    expect(store.listSnapshots('b')).toMatchObject([{ reason: 'import', label: 'Imported', revision: 1 }]);
  });

  it('a manual snapshot captures the current revision and reads back its document', () => {
    store.createScenario(makeScenario('a', { name: 'v1' }));
    store.saveScenario('a', makeScenario('a', { name: 'v2' }), 1);
    clock.advance(1000);
    const snap = store.createSnapshot('a', '  Before the offsite  ', 'manual');
    expect(snap).toMatchObject({ label: 'Before the offsite', reason: 'manual', revision: 2, createdAt: '2025-03-01T09:00:01.000Z' });
    expect(store.getSnapshot(snap.id).scenario.name).toBe('v2');
    expect(store.listSnapshots('a').map((s) => s.reason)).toEqual(['manual', 'created']);
    expect(() => store.getSnapshot('missing')).toThrow(NotFoundError);
  });

  it("saves take an 'auto' snapshot only when the newest snapshot is older than the interval", () => {
    store.close();
    store = openScenarioStore({ file, now: clock.now, autoSnapshotIntervalMs: 10 * MINUTE });
    opened.push(store);
    let rev = store.createScenario(makeScenario('a')).revision; // 'created' at 09:00
    const save = (name: string) => {
      rev = store.saveScenario('a', makeScenario('a', { name }), rev).revision;
    };
    clock.advance(5 * MINUTE);
    save('at 09:05'); // newest snapshot is 5 minutes old: none
    clock.advance(4 * MINUTE + 59_000);
    save('at 09:09:59'); // 9:59 old: none
    expect(store.listSnapshots('a').map((s) => s.reason)).toEqual(['created']);
    clock.advance(1000);
    save('at 09:10'); // 10 minutes old: auto
    clock.advance(3 * MINUTE);
    save('at 09:13'); // the auto one is 3 minutes old: none
    const snaps = store.listSnapshots('a');
    expect(snaps.map((s) => [s.reason, s.revision, s.createdAt])).toEqual([
      ['auto', 4, '2025-03-01T09:10:00.000Z'],
      ['created', 1, '2025-03-01T09:00:00.000Z'],
    ]);
    expect(store.getSnapshot(snaps[0]?.id ?? '').scenario.name).toBe('at 09:10');
  });

  it('the default interval is 10 minutes', () => {
    store.createScenario(makeScenario('a'));
    clock.advance(10 * MINUTE - 1);
    store.saveScenario('a', makeScenario('a'), 1);
    clock.advance(1);
    store.saveScenario('a', makeScenario('a'), 2);
    expect(store.listSnapshots('a').map((s) => s.reason)).toEqual(['auto', 'created']);
  });

  it("restore keeps a 'before-restore' snapshot and saves the old document as a new revision", () => {
    store.createScenario(makeScenario('a', { name: 'Good plan', teams: 3 }));
    const first = store.listSnapshots('a')[0];
    store.saveScenario('a', makeScenario('a', { name: 'Bad edit', teams: 1 }), 1);
    clock.advance(MINUTE);

    const restored = store.restoreSnapshot('a', first?.id ?? '', 2);

    expect(restored).toMatchObject({ revision: 3, scenario: { name: 'Good plan' } });
    expect(restored.scenario.teams).toHaveLength(3);
    expect(store.getScenario('a')).toEqual(restored);
    const [before, created] = store.listSnapshots('a');
    expect(before).toMatchObject({ reason: 'before-restore', revision: 2, label: 'Before restoring "Created"' });
    expect(store.getSnapshot(before?.id ?? '').scenario.name).toBe('Bad edit');
    expect(created?.reason).toBe('created');
  });

  it('a restore based on a stale revision is refused and changes nothing', () => {
    store.createScenario(makeScenario('a', { name: 'v1' }));
    const first = store.listSnapshots('a')[0]?.id ?? '';
    store.saveScenario('a', makeScenario('a', { name: 'v2' }), 1);
    expect(() => store.restoreSnapshot('a', first, 1)).toThrow(RevisionConflictError);
    expect(store.getScenario('a')).toMatchObject({ revision: 2, scenario: { name: 'v2' } });
    expect(store.listSnapshots('a')).toHaveLength(1);
  });

  it("refuses to restore another scenario's snapshot", () => {
    store.createScenario(makeScenario('a'));
    store.createScenario(makeScenario('b'));
    const ofB = store.listSnapshots('b')[0]?.id ?? '';
    expect(() => store.restoreSnapshot('a', ofB, 1)).toThrow(NotFoundError);
  });
});

describe('settings', () => {
  it('stores JSON values, overwrites them and forgets them when set to undefined', () => {
    expect(store.getSetting('theme')).toBeUndefined();
    store.setSetting('theme', 'dark');
    store.setSetting('window', { width: 1280, height: 800, maximised: false });
    store.setSetting('recent', ['a.podplan.json', 'b.podplan.json']);
    store.setSetting('theme', 'light');
    expect(store.getSetting('theme')).toBe('light');
    expect(store.getSetting('window')).toEqual({ width: 1280, height: 800, maximised: false });
    store.close();
    const again = open();
    expect(again.getSetting('recent')).toEqual(['a.podplan.json', 'b.podplan.json']);
    again.setSetting('theme', undefined);
    expect(again.getSetting('theme')).toBeUndefined();
    expect(again.getSetting('window')).toEqual({ width: 1280, height: 800, maximised: false });
  });

  it('a damaged setting names its key, and setting it again repairs it', () => {
    store.setSetting('theme', 'dark');
    const raw = new Database(file);
    raw.prepare("UPDATE settings SET value = '{oops' WHERE key = 'theme'").run();
    raw.close();
    expect(() => store.getSetting('theme')).toThrow(/Setting "theme".*not valid JSON/);
    store.setSetting('theme', 'light');
    expect(store.getSetting('theme')).toBe('light');
  });
});

describe('a damaged row', () => {
  function damage(sql: string, ...params: string[]) {
    const raw = new Database(file);
    raw.prepare(sql).run(...params);
    raw.close();
  }

  it('invalid JSON gives an error naming the scenario; the others are still listed', () => {
    store.createScenario(makeScenario('fine', { name: 'Fine plan' }));
    store.createScenario(makeScenario('broken', { name: 'Broken plan' }));
    damage("UPDATE scenarios SET document = '{\"teams\": [' WHERE id = ?", 'broken');

    const error = catchError(() => store.getScenario('broken'));
    expect(error).toBeInstanceOf(StoredScenarioError);
    expect((error as Error).message).toMatch(/"Broken plan" \(id "broken"\).*not valid JSON/);

    const list = store.listScenarios();
    expect(list.map((s) => s.id).sort()).toEqual(['broken', 'fine']);
    const broken = list.find((s) => s.id === 'broken');
    expect(broken?.problem).toMatch(/Broken plan/);
    expect(list.find((s) => s.id === 'fine')?.problem).toBeUndefined();
    expect(store.getScenario('fine').scenario.name).toBe('Fine plan');
  });

  it('a document that no longer matches the schema names the field', () => {
    store.createScenario(makeScenario('x', { name: 'Plan X' }));
    damage(`UPDATE scenarios SET document = json_set(document, '$.teams[0].positions[0].role', 'wizard') WHERE id = ?`, 'x');
    expect(() => store.getScenario('x')).toThrow(/Plan X.*teams\[0\]\.positions\[0\]\.role/);
  });

  it('can be repaired by restoring a snapshot, and the damaged text is kept', () => {
    store.createScenario(makeScenario('x', { name: 'Plan X' }));
    const snap = store.listSnapshots('x')[0]?.id ?? '';
    damage("UPDATE scenarios SET document = 'garbage' WHERE id = ?", 'x');
    const revision = store.listScenarios()[0]?.revision ?? 0;
    expect(store.restoreSnapshot('x', snap, revision).scenario.name).toBe('Plan X');
    const before = store.listSnapshots('x').find((s) => s.reason === 'before-restore');
    expect(() => store.getSnapshot(before?.id ?? '')).toThrow(StoredScenarioError);
    expect(store.listScenarios()[0]?.problem).toBeUndefined();
  });

  it('can be deleted', () => {
    store.createScenario(makeScenario('x'));
    damage("UPDATE scenarios SET document = 'garbage' WHERE id = ?", 'x');
    expect(store.softDeleteScenario('x').problem).toMatch(/not valid JSON/);
    expect(store.listScenarios()).toEqual([]);
  });
});

describe('the database file', () => {
  it('uses WAL, enforces foreign keys, and a hard delete removes the snapshots with the scenario', () => {
    store.createScenario(makeScenario('a'));
    store.createSnapshot('a', 'one more', 'manual');
    store.close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.pragma('foreign_keys = ON');
    expect(() => raw.prepare("INSERT INTO snapshots VALUES ('s', 'nobody', 1, 'l', 'manual', '{}', 't')").run()).toThrow(/FOREIGN KEY/);
    raw.prepare("DELETE FROM scenarios WHERE id = 'a'").run();
    expect(raw.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 0 });
    raw.close();
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the scenario list reads summaries, not documents', () => {
  const raw = (sql: string, ...params: unknown[]) => {
    const db = new Database(file);
    const result = db.prepare(sql).all(...params);
    db.close();
    return result as Array<Record<string, unknown>>;
  };

  it('lists what is stored beside each document, so a long list parses no document', () => {
    store.createScenario(makeScenario('a', { name: 'Plan A' }));
    const [row] = raw('SELECT summary FROM scenarios WHERE id = ?', 'a');
    const stored = JSON.parse(String(row!.summary)) as { teamCount: number };
    // A summary that differs from the document shows which one the list read.
    const db = new Database(file);
    db.prepare('UPDATE scenarios SET summary = ? WHERE id = ?').run(JSON.stringify({ ...stored, teamCount: 99 }), 'a');
    db.close();
    expect(store.listScenarios()[0]?.teamCount).toBe(99);
  });

  it('a row written before summaries were kept is summarised once, from its document, and the summary stored', () => {
    store.createScenario(makeScenario('a', { name: 'Plan A' }));
    const db = new Database(file);
    db.prepare('UPDATE scenarios SET summary = NULL').run();
    db.close();
    expect(store.listScenarios()[0]).toMatchObject({ name: 'Plan A', teamCount: 2, positionCount: 8 });
    expect(raw('SELECT summary FROM scenarios WHERE id = ?', 'a')[0]!.summary).not.toBeNull();
  });
});
