/**
 * The command table (main.ts) lists every command cheaply and loads each one
 * only when it runs: its summaries are the commands' own, every entry loads
 * the command it names, and `podplan --help` and `--version` load no command.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { column } from './args.ts';
import type { CommandEntry, GroupEntry } from './command.ts';
import { COMMANDS } from './main.ts';
import { runCli } from './test-support.ts';

const BIN = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));

/** Every runnable entry of the table with the words that run it: `simulate gpu`, `import workloads`. */
function entries(): Array<{ words: string; entry: CommandEntry }> {
  const list: Array<{ words: string; entry: CommandEntry }> = [];
  for (const [name, entry] of Object.entries(COMMANDS)) {
    const subcommands = (entry as Partial<GroupEntry>).subcommands ?? {};
    if ('load' in entry) list.push({ words: name, entry });
    for (const [sub, subEntry] of Object.entries(subcommands)) list.push({ words: `${name} ${sub}`, entry: subEntry });
  }
  return list;
}

describe('the command table', () => {
  it('loads, for every entry, the command of that name, with the summary the table shows', async () => {
    const all = entries();
    expect(all.length).toBeGreaterThanOrEqual(18);
    for (const { words, entry } of all) {
      const command = await entry.load();
      expect(command.spec.path, words).toBe(`podplan ${words}`);
      expect(command.spec.summary, words).toBe(entry.summary);
      // A command with subcommands lists the same ones in the table, so `podplan --help` shows them all.
      expect(Object.keys(command.subcommands ?? {}), words).toEqual(Object.keys(entry.subcommands ?? {}));
    }
  });

  it('podplan --help lists every command with its summary', async () => {
    const result = await runCli(['--help'], { cwd: process.cwd() });
    expect(result.code).toBe(0);
    for (const { words, entry } of entries()) expect(result.stdout).toContain(column(words, entry.summary));
  });

  it('every command and group shows its help', async () => {
    const groups = Object.entries(COMMANDS).filter(([, entry]) => !('load' in entry));
    for (const [name] of groups) {
      const result = await runCli([name, '--help'], { cwd: process.cwd() });
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toContain(`Usage: podplan ${name} <subcommand>`);
    }
    for (const { words } of entries()) {
      const result = await runCli([...words.split(' '), '--help'], { cwd: process.cwd() });
      expect(result.code, words).toBe(0);
      expect(result.stdout, words).toContain(`Usage: podplan ${words}`);
      expect(result.stderr, words).toBe('');
    }
  });

  it('podplan --version and --help, as a process, load no command module, simulator, cluster client, schema library or database', () => {
    // A module hook in the real process records every module it loads (from source: the bundle is one file).
    const hook = `data:text/javascript,${encodeURIComponent(`
      import { registerHooks } from 'node:module';
      import { writeSync } from 'node:fs';
      const loaded = [];
      registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
      process.on('exit', () => writeSync(2, 'LOADED ' + JSON.stringify(loaded) + '\\n'));
    `)}`;
    for (const flag of ['--version', '--help']) {
      const result = spawnSync(process.execPath, ['--import', hook, BIN, flag], { encoding: 'utf8', env: { ...process.env, PODPLAN_CLI_SOURCE: '1' }, timeout: 30_000 });
      expect(result.status, result.stderr).toBe(0);
      const line = result.stderr.split('\n').find((l) => l.startsWith('LOADED '));
      const loaded = JSON.parse(line?.slice('LOADED '.length) ?? '[]') as string[];
      expect(loaded.some((url) => url.endsWith('/electron/cli/main.ts')), flag).toBe(true);
      const heavy = loaded.filter((url) => /\/electron\/cli\/commands\/|\/sim\/gpu-sim\/|\/sim\/delivery\/|\/node_modules\/(zod|yaml|better-sqlite3|@kubernetes)\//.test(url));
      expect(heavy, flag).toEqual([]);
    }
  });
});
