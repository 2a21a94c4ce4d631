import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-write.ts';
import { MAX_RECENT_FILES, RecentFiles, sanitizeRecentList, withRecent } from './recent-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podplan-recent-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('replaces the file and leaves no temporary files behind', async () => {
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    writeFileAtomicSync(file, 'three');
    expect(readFileSync(file, 'utf8')).toBe('three');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('leaves the old file intact and cleans up when the rename fails', async () => {
    // The target is a non-empty directory: rename fails after the temp file was written.
    const target = join(dir, 'busy');
    writeFileSync(join(dir, 'keep.txt'), 'x');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'y');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(() => writeFileAtomicSync(target, 'data')).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['busy', 'keep.txt']);
  });

  it('fails without creating anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'a.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('recent list rules', () => {
  it('puts the newest first, without duplicates, at most 10', () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = withRecent(list, `/f/${i}.podplan.json`);
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(list[0]).toBe('/f/14.podplan.json');
    list = withRecent(list, '/f/10.podplan.json');
    expect(list[0]).toBe('/f/10.podplan.json');
    expect(list.filter((p) => p === '/f/10.podplan.json')).toHaveLength(1);
    expect(withRecent(['/a/x.podplan.json'], '/a/b/../x.podplan.json')).toEqual(['/a/x.podplan.json']);
  });

  it('keeps only absolute string paths from a stored file', () => {
    expect(sanitizeRecentList({ files: ['/a.podplan.json', 'relative.podplan.json', 3, null, '/a.podplan.json', '/b\0.podplan.json', '/c.podplan.json'] })).toEqual([
      '/a.podplan.json',
      '/c.podplan.json',
    ]);
    expect(sanitizeRecentList(['/a.podplan.json'])).toEqual(['/a.podplan.json']);
    expect(sanitizeRecentList('junk')).toEqual([]);
    expect(sanitizeRecentList(null)).toEqual([]);
  });
});

describe('RecentFiles', () => {
  it('persists across instances and reports changes', async () => {
    const file = join(dir, 'recent-files.json');
    const seen: (readonly string[])[] = [];
    const recent = new RecentFiles(file, (files) => seen.push(files));
    expect(recent.list()).toEqual([]);
    await recent.add('/docs/a.podplan.json');
    await recent.add('/docs/b.podplan.json');
    await recent.add('/docs/a.podplan.json');
    expect(recent.list()).toEqual(['/docs/a.podplan.json', '/docs/b.podplan.json']);
    expect(seen).toHaveLength(3);
    expect(new RecentFiles(file).list()).toEqual(['/docs/a.podplan.json', '/docs/b.podplan.json']);

    await recent.remove('/docs/a.podplan.json');
    expect(recent.has('/docs/a.podplan.json')).toBe(false);
    expect(recent.has('/docs/b.podplan.json')).toBe(true);
    await recent.clear();
    await recent.flushed();
    expect(new RecentFiles(file).list()).toEqual([]);
    expect(readdirSync(dir)).toEqual(['recent-files.json']);
  });

  it('does not write when nothing changed, and ends with the latest list after rapid changes', async () => {
    const file = join(dir, 'recent-files.json');
    const recent = new RecentFiles(file);
    await recent.remove('/nothing.podplan.json');
    expect(existsSync(file)).toBe(false);
    for (let i = 0; i < 12; i++) void recent.add(`/r/${i}.podplan.json`);
    await recent.flushed();
    expect(new RecentFiles(file).list()).toEqual(recent.list());
    expect(recent.list()[0]).toBe('/r/11.podplan.json');
  });

  it('starts empty on a damaged file', () => {
    const file = join(dir, 'recent-files.json');
    writeFileSync(file, '{"files": [');
    expect(new RecentFiles(file).list()).toEqual([]);
  });
});
