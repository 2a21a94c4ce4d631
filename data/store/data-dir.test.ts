import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSamples } from '../samples/index.ts';
import { DATABASE_FILE_NAME, defaultDataDir, openStoreInDir, seedSamplesOnFirstStart } from './data-dir.ts';
import { makeTempDir } from './test-support/fixtures.ts';

describe('defaultDataDir', () => {
  it('follows XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/me' }, '/home/me')).toBe('/data/me/podplan');
    expect(defaultDataDir({}, '/home/me')).toBe('/home/me/.local/share/podplan');
    expect(defaultDataDir({ XDG_DATA_HOME: '' }, '/home/me')).toBe('/home/me/.local/share/podplan');
    // The XDG spec says a relative path is invalid and must be ignored.
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, '/home/me')).toBe('/home/me/.local/share/podplan');
  });
});

describe('first start', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('creates a private data directory and the database in it', () => {
    const dir = join(temp.dir, 'nested', 'podplan');
    openStoreInDir(dir).close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, DATABASE_FILE_NAME)).isFile()).toBe(true);
  });

  it('offers the samples once; deleted samples do not come back on the next start', () => {
    const dir = join(temp.dir, 'podplan');
    const samples = loadSamples();

    const first = openStoreInDir(dir);
    expect(seedSamplesOnFirstStart(first).sort()).toEqual(samples.map((s) => s.id).sort());
    const listed = first.listScenarios();
    expect(listed.map((s) => s.id).sort()).toEqual(samples.map((s) => s.id).sort());
    expect(listed.every((s) => s.isSample)).toBe(true);
    expect(first.getScenario(samples[0]?.id ?? '').scenario).toEqual(samples[0]);
    for (const s of listed) first.softDeleteScenario(s.id);
    first.close();

    const second = openStoreInDir(dir);
    expect(seedSamplesOnFirstStart(second)).toEqual([]);
    expect(second.listScenarios()).toEqual([]);
    second.close();
  });
});
