// A full disk as the CLI reports it: the same sentence as the app, exit 1,
// `disk-full` in --json, and the scenarios already saved are still there.
import type Database from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { diskFullOnOpen } from '../../data/store/test-support/full-disk.ts';
import { makeTempDir } from '../server/test-support.ts';
import { runCli } from './test-support.ts';

vi.mock('better-sqlite3', async (importOriginal) => {
  const { recordingDatabase } = await import('../../data/store/test-support/full-disk.ts');
  return recordingDatabase((await importOriginal<{ default: typeof Database }>()).default);
});

const SAMPLE = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const OTHER = fileURLToPath(new URL('../../data/samples/centralized-ai-team.podplan.json', import.meta.url));

describe('podplan on a full disk', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('podplan-cli-full-');
  });
  afterEach(() => {
    diskFullOnOpen(false);
    temp.remove();
  });

  it('scenarios import says "the disk holding <dir> is full; nothing was lost; free space and retry" and exits 1', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const run = (...argv: string[]) => runCli([...argv, '--data-dir', dataDir], { cwd: temp.dir });
    expect((await run('scenarios', 'import', SAMPLE)).code).toBe(0);

    diskFullOnOpen(true);
    const human = await run('scenarios', 'import', OTHER);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe(`podplan: The disk holding ${dataDir} is full; nothing was lost; free space and retry.\n`);
    const json = await run('scenarios', 'import', OTHER, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'disk-full', message: `The disk holding ${dataDir} is full; nothing was lost; free space and retry.` } });

    diskFullOnOpen(false);
    const list = await run('scenarios', 'list', '--json');
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((s) => s.name)).toHaveLength(1);
    expect((await run('scenarios', 'import', OTHER)).code).toBe(0);
  });
});
