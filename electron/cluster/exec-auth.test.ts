// Exec credential plugins (client.authentication.k8s.io) as Podplan runs
// them: in their own process group, with stdin closed, bounded in time and
// output, stopped with everything they started, and named in every error
// (never the server, which was not even asked). A small fake API server
// answers /version and records the Authorization header it got.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../server/test-support.ts';
import { connect, serverVersion } from './connection.ts';
import { stopCredentialPlugins } from './plugin-process.ts';
import { clusterFailure, eventually, execKubeconfigYaml, isAlive, PLUGIN_LEAKED_TOKEN, pluginPids, writePlugin } from './test-plugins.ts';

describe('exec credential plugins', () => {
  let fake: Server;
  let server: string;
  const authorizations: string[] = [];
  let temp: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    fake = createServer((req, res) => {
      authorizations.push(req.headers.authorization ?? '');
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ major: '1', minor: '35', gitVersion: 'v1.35.4' }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    server = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => fake.close(resolve)));
  beforeEach(() => {
    temp = makeTempDir('podplan-plugin-');
    authorizations.length = 0;
  });
  afterEach(() => temp.remove());

  async function connectWith(plugin: string, options: { pluginTimeoutMs?: number; interactiveMode?: string; provideClusterInfo?: boolean } = {}) {
    const file = path.join(temp.dir, 'kubeconfig.yaml');
    writeFileSync(file, execKubeconfigYaml(server, plugin, options));
    return connect({ kubeconfigPaths: [file], pluginTimeoutMs: options.pluginTimeoutMs ?? 1_000 });
  }


  it('a plugin that hangs is stopped after its timeout, with the child it started; the error names the plugin, not the server', async () => {
    const plugin = writePlugin(temp.dir, 'hang', { kind: 'hang' });
    const connection = await connectWith(plugin, { pluginTimeoutMs: 800 });
    const started = Date.now();
    const error = await clusterFailure(() => serverVersion(connection));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain(`The credential plugin "${plugin} --cluster test" of user "plugin-user"`);
    expect(error.message).toMatch(/did not finish within 1 s and was stopped/);
    expect(error.message).not.toContain(server);
    const pids = pluginPids(temp.dir, 'hang');
    expect(pids).toHaveLength(2);
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 2_000)).toBe(true);
    expect(authorizations).toEqual([]);
    connection.objects.close();
  });

  it('a plugin gets no terminal: reading stdin ends at once, and KUBERNETES_EXEC_INFO says interactive false', async () => {
    const reader = writePlugin(temp.dir, 'reader', { kind: 'reads-stdin', token: 'from-a-reader' });
    const connection = await connectWith(reader);
    expect((await serverVersion(connection)).gitVersion).toBe('v1.35.4');
    expect(authorizations).toEqual(['Bearer from-a-reader']);
    connection.objects.close();

    const recorder = writePlugin(temp.dir, 'recorder', { kind: 'records-exec-info', token: 'recorded' });
    const second = await connectWith(recorder, { provideClusterInfo: true });
    await serverVersion(second);
    const info = JSON.parse(readFileSync(path.join(temp.dir, 'recorder.exec-info.json'), 'utf8')) as { kind: string; apiVersion: string; spec: { interactive: boolean; cluster?: { server: string } } };
    expect(info).toMatchObject({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1', spec: { interactive: false, cluster: { server } } });
    second.objects.close();
  });

  it('a plugin that fails is named with its exit code, and what it printed is redacted', async () => {
    const plugin = writePlugin(temp.dir, 'fails', { kind: 'fails-with-token' });
    const connection = await connectWith(plugin);
    const error = await clusterFailure(() => serverVersion(connection));
    expect(error.message).toMatch(/^The credential plugin ".*fails\.sh --cluster test" of user "plugin-user" failed with exit code 1: error: auth failed for token \[redacted\]/);
    expect(error.message).not.toContain(PLUGIN_LEAKED_TOKEN);
    expect(authorizations).toEqual([]);
    connection.objects.close();
  });

  it('a plugin that is not installed, or needs a terminal, says so before anything is sent', async () => {
    const missing = await connectWith(path.join(temp.dir, 'no-such-plugin'));
    const notFound = await clusterFailure(() => serverVersion(missing));
    expect(notFound.message).toMatch(/credential plugin ".*no-such-plugin --cluster test" of user "plugin-user" could not be started: it was not found/);
    missing.objects.close();

    const reader = writePlugin(temp.dir, 'always', { kind: 'reads-stdin', token: 'x1' });
    const always = await connectWith(reader, { interactiveMode: 'Always' });
    const needsTerminal = await clusterFailure(() => serverVersion(always));
    expect(needsTerminal.message).toMatch(/needs a terminal \(interactiveMode: Always\)/);
    expect(pluginPids(temp.dir, 'always')).toEqual([]);
    always.objects.close();
  });

  it('the credential is fetched once per connection and reused until it expires', async () => {
    const soon = new Date(Date.now() + 60 * 60_000).toISOString();
    const plugin = writePlugin(temp.dir, 'once', { kind: 'credential', token: 'cached-token-1', expirationTimestamp: soon });
    const connection = await connectWith(plugin);
    await serverVersion(connection);
    await serverVersion(connection);
    expect(authorizations).toEqual(['Bearer cached-token-1', 'Bearer cached-token-1']);
    connection.objects.close();
  });

  it('stopping Podplan stops every running plugin at once', async () => {
    const plugin = writePlugin(temp.dir, 'stop', { kind: 'hang' });
    const connection = await connectWith(plugin, { pluginTimeoutMs: 60_000 });
    const pending = clusterFailure(() => serverVersion(connection));
    expect(await eventually(() => pluginPids(temp.dir, 'stop').length === 2, 5_000)).toBe(true);
    expect(stopCredentialPlugins()).toBe(1);
    const error = await pending;
    expect(error.message).toMatch(/was stopped because Podplan is shutting down/);
    const pids = pluginPids(temp.dir, 'stop');
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 2_000)).toBe(true);
    connection.objects.close();
  });
});
