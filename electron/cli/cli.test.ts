import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_FILES } from '../../data/samples/index.ts';
import { openStoreInDir } from '../../data/store/data-dir.ts';
import { parseScenarioText, SCENARIO_SCHEMA_VERSION } from '../../sim/scenario/index.ts';
import { makeTempDir } from '../server/test-support.ts';
import { memoryIo, runCli } from './test-support.ts';
import { main } from './main.ts';

const samplePath = (name: string): string => fileURLToPath(new URL(`../../data/samples/${name}`, import.meta.url));
const legacyPath = fileURLToPath(new URL('../../sim/scenario/fixtures/v1-centralized.podplan.json', import.meta.url));
const [centralizedFile = ''] = SAMPLE_FILES;

describe('podplan CLI', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  const run = (...argv: string[]) => runCli(argv, { cwd: temp.dir });
  const runWithStdin = (stdin: string, ...argv: string[]) => runCli(argv, { cwd: temp.dir, stdin });

  beforeEach(() => {
    temp = makeTempDir('podplan-cli-');
    dataDir = path.join(temp.dir, 'data');
  });
  afterEach(() => temp.remove());

  describe('help and usage', () => {
    it('--help prints the commands and exits 0', async () => {
      const result = await run('--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: podplan <command>');
      for (const command of ['serve', 'scenarios list', 'scenarios export', 'scenarios import', 'validate']) expect(result.stdout).toContain(command);
    });

    it('every command and subcommand has --help', async () => {
      for (const argv of [['serve'], ['validate'], ['scenarios'], ['scenarios', 'list'], ['scenarios', 'show'], ['scenarios', 'export'], ['scenarios', 'import']]) {
        const result = await run(...argv, '--help');
        expect(result.code, argv.join(' ')).toBe(0);
        expect(result.stdout, argv.join(' ')).toContain(`Usage: podplan ${argv.join(' ')}`);
        expect(result.stderr).toBe('');
      }
      const short = await run('serve', '-h');
      expect(short.stdout).toContain('--port N');
      expect(short.stdout).toContain('--data-dir DIR');
    });

    it('--help wins over a bad flag', async () => {
      expect((await run('serve', '--bogus', '--help')).code).toBe(0);
    });

    it('an unknown flag exits 2 with a hint', async () => {
      const result = await run('serve', '--prot', '8080');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Unknown option --prot');
      expect(result.stderr).toContain('Did you mean --port?');
      expect(result.stderr).toContain('podplan serve --help');
      expect(result.stdout).toBe('');
    });

    it('an unknown command or subcommand exits 2 with a suggestion', async () => {
      const command = await run('serv');
      expect(command.code).toBe(2);
      expect(command.stderr).toContain('Did you mean "serve"?');
      const sub = await run('scenarios', 'lst');
      expect(sub.code).toBe(2);
      expect(sub.stderr).toContain('Did you mean "list"?');
    });

    it('missing arguments, extra arguments and missing values exit 2', async () => {
      expect((await run('validate')).code).toBe(2);
      expect((await run('validate', 'a', 'b')).code).toBe(2);
      expect((await run('scenarios', 'export', 'x', '--out')).code).toBe(2);
      expect((await run('serve', '--port', 'abc')).code).toBe(2);
      expect((await run('serve', '--port', '70000')).code).toBe(2);
      expect((await run('serve', '--json=yes')).code).toBe(2);
      expect((await run()).code).toBe(2);
    });

    it('a usage error with --json is also reported as JSON on stdout', async () => {
      const result = await run('validate', '--json', '--nope');
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'usage' } });
    });

    it('--version prints the version', async () => {
      const result = await run('--version');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
    });
  });

  describe('validate', () => {
    it('a good file is valid (exit 0)', async () => {
      const result = await run('validate', samplePath(centralizedFile));
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('valid Podplan scenario');
      const json = await run('validate', '--json', samplePath(centralizedFile));
      expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, schemaVersion: SCENARIO_SCHEMA_VERSION, migratedFrom: null, teams: expect.any(Number) });
    });

    it('an old file is valid and says it is upgraded', async () => {
      const result = await run('validate', legacyPath);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('schema version 1');
      const json = await run('validate', legacyPath, '--json');
      expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, migratedFrom: 1, name: 'Legacy central AI team' });
    });

    it('a bad file exits 1 naming each bad field', async () => {
      const doc = JSON.parse(readFileSync(samplePath(centralizedFile), 'utf8')) as { teams: { type: string; positions: { role: string }[] }[] };
      const [team] = doc.teams;
      if (!team?.positions[0]) throw new Error('sample has no positions');
      team.type = 'guild';
      team.positions[0].role = 'wizard';
      const file = path.join(temp.dir, 'bad.podplan.json');
      writeFileSync(file, JSON.stringify(doc));

      const result = await run('validate', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('teams[0].type:');
      expect(result.stderr).toContain('teams[0].positions[0].role:');

      const json = await run('validate', '--json', file);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as { valid: boolean; code: string; issues: { path: string }[] };
      expect(report.valid).toBe(false);
      expect(report.code).toBe('invalid');
      expect(report.issues.map((i) => i.path).sort()).toEqual(['teams[0].positions[0].role', 'teams[0].type']);
    });

    it('a file that is not JSON, from a newer Podplan, or missing exits 1 saying why', async () => {
      const broken = path.join(temp.dir, 'broken.podplan.json');
      writeFileSync(broken, '{ "schemaVersion": 2,');
      const notJson = await run('validate', broken);
      expect(notJson.code).toBe(1);
      expect(notJson.stderr).toMatch(/not valid JSON/);

      const newer = path.join(temp.dir, 'newer.podplan.json');
      writeFileSync(newer, JSON.stringify({ schemaVersion: SCENARIO_SCHEMA_VERSION + 1, id: 'x', name: 'x', teams: [] }));
      const future = await run('validate', newer);
      expect(future.code).toBe(1);
      expect(future.stderr).toMatch(/schemaVersion: .*newer Podplan/);

      const missing = await run('validate', path.join(temp.dir, 'nope.podplan.json'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no such file');
    });

    it('reads stdin for -', async () => {
      const result = await runWithStdin(readFileSync(samplePath(centralizedFile), 'utf8'), 'validate', '-');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('stdin: valid');
    });
  });

  describe('scenarios', () => {
    it('export and import round-trip a scenario through a file', async () => {
      const imported = await run('scenarios', 'import', samplePath(centralizedFile), '--data-dir', dataDir, '--json');
      expect(imported.code).toBe(0);
      const { id } = JSON.parse(imported.stdout) as { id: string };

      const out = path.join(temp.dir, 'out.podplan.json');
      const exported = await run('scenarios', 'export', id, '--out', out, '--data-dir', dataDir);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toContain(out);
      const original = parseScenarioText(readFileSync(samplePath(centralizedFile), 'utf8')).scenario;
      const roundTripped = parseScenarioText(readFileSync(out, 'utf8')).scenario;
      expect(roundTripped).toEqual({ ...original, id });

      const again = await run('scenarios', 'import', out, '--data-dir', dataDir);
      expect(again.code).toBe(0);
      const secondId = again.stdout.trim();
      expect(secondId).not.toBe(id);

      const toStdout = await run('scenarios', 'export', secondId, '--data-dir', dataDir);
      expect(parseScenarioText(toStdout.stdout).scenario).toEqual({ ...original, id: secondId });
    });

    it('import upgrades an old file and keeps an import snapshot', async () => {
      const result = await run('scenarios', 'import', legacyPath, '--data-dir', dataDir, '--json');
      expect(result.code).toBe(0);
      const { id, migratedFrom } = JSON.parse(result.stdout) as { id: string; migratedFrom: number };
      expect(migratedFrom).toBe(1);
      const store = openStoreInDir(dataDir);
      try {
        expect(store.getScenario(id).scenario.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
        expect(store.listSnapshots(id).map((s) => s.reason)).toEqual(['import']);
      } finally {
        store.close();
      }
    });

    it('importing a bad file exits 1 naming the field and stores nothing', async () => {
      await run('scenarios', 'import', samplePath(centralizedFile), '--data-dir', dataDir);
      const bad = path.join(temp.dir, 'bad.podplan.json');
      writeFileSync(bad, JSON.stringify({ schemaVersion: 2, id: 'x', name: '', teams: [] }));
      const result = await run('scenarios', 'import', bad, '--data-dir', dataDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('name:');
      expect(result.stderr).toContain('nothing was imported');
      const list = await run('scenarios', 'list', '--data-dir', dataDir, '--json');
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);
    });

    it('list and show describe what is stored', async () => {
      const empty = await run('scenarios', 'list', '--data-dir', dataDir);
      expect(empty.code).toBe(0);
      expect(empty.stderr).toContain('No scenarios');

      const id = (await run('scenarios', 'import', samplePath(centralizedFile), '--data-dir', dataDir)).stdout.trim();
      const list = await run('scenarios', 'list', '--data-dir', dataDir);
      expect(list.stdout).toContain(id);
      expect(list.stdout).toContain('Centralized AI team');

      const show = await run('scenarios', 'show', id, '--data-dir', dataDir);
      expect(show.code).toBe(0);
      expect(show.stdout).toContain('Centralized AI team');
      expect(show.stdout).toMatch(/positions/);

      const json = await run('scenarios', 'show', id, '--data-dir', dataDir, '--json');
      expect(JSON.parse(json.stdout)).toMatchObject({ revision: 1, scenario: { id } });
    });

    it('an unknown id exits 1 and says how to find ids', async () => {
      const result = await run('scenarios', 'show', 'nope', '--data-dir', dataDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('"nope" was not found');
      expect(result.stderr).toContain('podplan scenarios list');
      const json = await run('scenarios', 'export', 'nope', '--data-dir', dataDir, '--json');
      expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'not-found' } });
    });

    it('a relative --data-dir is taken from the working directory', async () => {
      const result = await run('scenarios', 'import', samplePath(centralizedFile), '--data-dir', 'rel-data');
      expect(result.code).toBe(0);
      const list = await runCli(['scenarios', 'list', '--json', '--data-dir', path.join(temp.dir, 'rel-data')], { cwd: '/' });
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);
    });

    it('without --data-dir the XDG data directory is used', async () => {
      const env = { XDG_DATA_HOME: path.join(temp.dir, 'xdg') };
      const imported = await runCli(['scenarios', 'import', samplePath(centralizedFile)], { cwd: temp.dir, env });
      expect(imported.code).toBe(0);
      const list = await run('scenarios', 'list', '--json', '--data-dir', path.join(temp.dir, 'xdg', 'podplan'));
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);
    });
  });

  describe('serve (in process)', () => {
    /** Starts `podplan serve … --json` inside the test; `stop()` sends the shutdown request and returns the exit code. */
    async function startServe(extra: string[], env: NodeJS.ProcessEnv = {}) {
      let stop: (signal: string) => void = () => undefined;
      const shutdown = new Promise<string>((resolve) => {
        stop = resolve;
      });
      let listening: (line: string) => void = () => undefined;
      const line = new Promise<string>((resolve) => {
        listening = resolve;
      });
      const memory = memoryIo({ cwd: temp.dir, env, shutdown, onStdout: (text) => listening(text) });
      const exit = main(['serve', '--port', '0', '--data-dir', dataDir, '--json', ...extra], memory.io);
      const event = JSON.parse(await Promise.race([line, exit.then(() => `{"failed": ${JSON.stringify(memory.stderr())}}`)])) as {
        event: string;
        url: string;
        port: number;
        host: string;
        dataDir: string;
      };
      return {
        event,
        memory,
        stop: async () => {
          stop('SIGTERM');
          return exit;
        },
      };
    }

    it('seeds the samples on first start, answers, and closes the database on shutdown', async () => {
      const serve = await startServe([]);
      const { event } = serve;
      expect(event).toMatchObject({ event: 'listening', host: '127.0.0.1', dataDir });
      const token = new URL(event.url).searchParams.get('token') ?? '';
      const response = await fetch(`http://127.0.0.1:${event.port}/api/scenarios`, { headers: { Authorization: `Bearer ${token}` } });
      const samples = ((await response.json()) as { isSample: boolean }[]).filter((s) => s.isSample);
      expect(samples.length).toBeGreaterThanOrEqual(2);

      expect(await serve.stop()).toBe(0);
      expect(serve.memory.stdout().trim().split('\n')).toHaveLength(1);
      await expect(fetch(`http://127.0.0.1:${event.port}/api/health`)).rejects.toThrow();
    });

    it.skipIf(process.platform !== 'linux')('--open hands the URL to xdg-open, and says so when there is none', async () => {
      const bin = path.join(temp.dir, 'bin');
      mkdirSync(bin);
      const opened = path.join(temp.dir, 'opened.txt');
      writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > "${opened}"\n`, { mode: 0o755 });
      const serve = await startServe(['--open'], { PATH: bin });
      for (let i = 0; i < 100 && !existsSync(opened); i++) await new Promise((r) => setTimeout(r, 50));
      expect(readFileSync(opened, 'utf8').trim()).toBe(serve.event.url);
      expect(await serve.stop()).toBe(0);

      const without = await startServe(['--open'], { PATH: path.join(temp.dir, 'empty') });
      for (let i = 0; i < 100 && !without.memory.stderr().includes('Could not open a browser'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(without.memory.stderr()).toContain('Could not open a browser');
      expect(without.event.url).toContain('?token=');
      expect(await without.stop()).toBe(0);
    });

    it('a port in use exits 1 with a clear message', async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const address = blocker.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        const result = await run('serve', '--port', String(port), '--data-dir', dataDir);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`Port ${port}`);
        expect(result.stderr).toContain('already in use');
      } finally {
        blocker.close();
      }
    });
  });
});
