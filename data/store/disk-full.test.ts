// A full disk during a save: the save is refused with a sentence that says
// where and what to do, the last saved revision is still there and readable,
// and once space is freed the same save goes through.
import type Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiskFullError } from './errors.ts';
import { openStoreInDir } from './data-dir.ts';
import { makeScenario, makeTempDir } from './test-support/fixtures.ts';
import { fillDisk, freeDisk } from './test-support/full-disk.ts';
import type { ScenarioStore } from './types.ts';

vi.mock('better-sqlite3', async (importOriginal) => {
  const { recordingDatabase } = await import('./test-support/full-disk.ts');
  return recordingDatabase((await importOriginal<{ default: typeof Database }>()).default);
});

describe('a full disk', () => {
  let temp: { dir: string; remove(): void };
  let store: ScenarioStore;
  beforeEach(() => {
    temp = makeTempDir();
    store = openStoreInDir(temp.dir);
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  it('refuses the save with "the disk holding <dir> is full", keeps the last revision, and the retry works once space is freed', () => {
    const first = store.createScenario(makeScenario('full', { teams: 1 }));
    fillDisk();
    const bigger = makeScenario('full', { teams: 60, positionsPerTeam: 10 });
    let error: unknown;
    try {
      store.saveScenario('full', bigger, first.revision);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DiskFullError);
    expect((error as Error).message).toBe(`The disk holding ${temp.dir} is full; nothing was lost; free space and retry.`);
    expect(dirname((error as DiskFullError).file)).toBe(temp.dir);

    const kept = store.getScenario('full');
    expect(kept.revision).toBe(first.revision);
    expect(kept.scenario.teams).toHaveLength(1);

    freeDisk();
    expect(store.saveScenario('full', bigger, first.revision).revision).toBe(first.revision + 1);
  });

  it('a new scenario, a snapshot and a setting are refused the same way', () => {
    const full = /^The disk holding .+ is full; nothing was lost; free space and retry\.$/;
    const record = store.createScenario(makeScenario('kept', { teams: 1 }));
    fillDisk();
    expect(() => store.createScenario(makeScenario('new', { teams: 60, positionsPerTeam: 10 }))).toThrow(full);
    expect(() => {
      for (let i = 0; i < 200; i++) store.createSnapshot('kept', `snapshot ${i}`, 'manual');
    }).toThrow(full);
    expect(() => store.setSetting('big', 'x'.repeat(100_000))).toThrow(full);
    expect(store.getScenario('kept').revision).toBe(record.revision);
  });
});
