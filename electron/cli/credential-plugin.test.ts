// A kubeconfig whose exec credential plugin misbehaves, as the CLI and
// `podplan serve` meet it: a plugin that hangs is stopped and named (the
// server is not blamed, the command ends), a plugin that fails is named with
// its exit code and nothing it printed leaks, and stopping serve stops every
// plugin it started, even one that hangs, even after a SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, makeTempDir } from '../server/test-support.ts';
import { eventually, execKubeconfigYaml, isAlive, PLUGIN_LEAKED_TOKEN, pluginPids, watchdogRunning, writePlugin } from '../cluster/test-plugins.ts';
import { runCli } from './test-support.ts';

const BIN = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));

describe('credential plugins in the CLI and in serve', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let kubeconfig: string;
  beforeEach(() => {
    temp = makeTempDir('podplan-cli-plugin-');
    kubeconfig = path.join(temp.dir, 'kubeconfig.yaml');
  });
  afterEach(() => temp.remove());

  async function usePlugin(name: string, behaviour: Parameters<typeof writePlugin>[2]): Promise<string> {
    const plugin = writePlugin(temp.dir, name, behaviour);
    writeFileSync(kubeconfig, execKubeconfigYaml(`http://127.0.0.1:${await closedPort()}`, plugin));
    return plugin;
  }

  it('podplan diff with a plugin that hangs: stopped after its timeout, named in the error, the command ends', async () => {
    const plugin = await usePlugin('hang', { kind: 'hang' });
    const started = Date.now();
    const result = await runCli(['diff', SAMPLE, '--kubeconfig', kubeconfig, '--json'], { cwd: temp.dir, env: { PODPLAN_CREDENTIAL_PLUGIN_TIMEOUT: '1' } });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`podplan: The credential plugin "${plugin} --cluster test" of user "plugin-user" did not finish within 1 s and was stopped`);
    expect(result.stderr).not.toMatch(/did not answer/);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'cluster', clusterError: 'timeout' } });
    const pids = pluginPids(temp.dir, 'hang');
    expect(pids).toHaveLength(2);
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 2_000)).toBe(true);
  });

  it('a plugin that fails: its name and exit code, and its token in no output (stderr, --json)', async () => {
    await usePlugin('fails', { kind: 'fails-with-token' });
    for (const command of [['diff', SAMPLE], ['apply', SAMPLE], ['import', '--out', 'live.podplan.json']]) {
      for (const json of [[], ['--json']]) {
        const result = await runCli([...command, '--kubeconfig', kubeconfig, ...json], { cwd: temp.dir });
        expect(result.code, command.join(' ')).toBe(1);
        expect(result.stderr).toMatch(/fails\.sh --cluster test" of user "plugin-user" failed with exit code 1/);
        expect(`${result.stdout}${result.stderr}`).not.toContain(PLUGIN_LEAKED_TOKEN);
      }
    }
  });

  describe('podplan serve', () => {
    let serve: ChildProcess | undefined;
    afterEach(() => {
      if (serve?.pid && serve.exitCode === null) serve.kill('SIGKILL');
    });

    async function startServe(): Promise<{ child: ChildProcess; url: string; token: string; exited: Promise<number | null> }> {
      const child = spawn(process.execPath, [BIN, 'serve', '--json', '--data-dir', path.join(temp.dir, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
      serve = child;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', () => reject(new Error('serve exited before listening')));
      });
      const { url } = JSON.parse(line) as { url: string };
      const parsed = new URL(url);
      return { child, url: parsed.origin, token: parsed.searchParams.get('token') ?? '', exited };
    }

    async function checkCapabilitiesInBackground(url: string, token: string): Promise<void> {
      void fetch(`${url}/api/cluster/capabilities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kubeconfigPaths: [kubeconfig] }),
      }).catch(() => undefined);
      expect(await eventually(() => pluginPids(temp.dir, 'hang').length === 2, 10_000)).toBe(true);
    }

    it('SIGTERM stops serve within seconds while a plugin hangs, and the plugin goes with it', async () => {
      await usePlugin('hang', { kind: 'hang' });
      const { child, url, token, exited } = await startServe();
      await checkCapabilitiesInBackground(url, token);
      const stopping = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(5_000);
      const pids = pluginPids(temp.dir, 'hang');
      expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 2_000)).toBe(true);
    });

    it('after a SIGKILL of serve, no plugin process is left behind', async () => {
      await usePlugin('hang', { kind: 'hang' });
      const { child, url, token, exited } = await startServe();
      await checkCapabilitiesInBackground(url, token);
      // SIGKILL runs no hook: the watchdog serve starts beside the plugin is what stops it, so it must be up first.
      const [plugin] = pluginPids(temp.dir, 'hang');
      expect(await eventually(() => watchdogRunning(plugin!), 10_000)).toBe(true);
      child.kill('SIGKILL');
      await exited;
      const pids = pluginPids(temp.dir, 'hang');
      expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 10_000)).toBe(true);
    });
  });
});
