// Exec credential plugins and token files against the real kube-apiserver:
// a script plugin that hands over the admin's client certificate works (the
// server accepts it); one that fails or hangs is named, stopped with its
// process group, and never reaches or blames the server; a missing tokenFile
// is named instead of ending in a 401.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { gpuPolicy } from '../../sim/cluster/testing/policies.ts';
import { generateManifests } from '../../sim/manifests/objects.ts';
import { sharedCluster, type SharedCluster } from '../../test/cluster/shared.ts';
import { checkCapabilities } from './capabilities.ts';
import { connect, serverVersion } from './connection.ts';
import { diffScenario } from './diff.ts';
import { clusterFailure, eventually, execKubeconfigYaml, isAlive, PLUGIN_LEAKED_TOKEN, pluginPids, writePlugin } from './test-plugins.ts';

const cluster = sharedCluster();
const need = (): SharedCluster => {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
};
const dir = mkdtempSync(join(tmpdir(), 'podplan-plugin-cluster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The admin user's client certificate and key (PEM), from the harness's kubeconfig. */
function adminCredentials(): { certPem: string; keyPem: string } {
  const config = YAML.parse(readFileSync(need().kubeconfigPath, 'utf8')) as {
    'current-context': string;
    contexts: Array<{ name: string; context: { user: string } }>;
    users: Array<{ name: string; user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  };
  const userName = config.contexts.find((c) => c.name === config['current-context'])!.context.user;
  const user = config.users.find((u) => u.name === userName)!.user;
  const pem = (data: string) => Buffer.from(data, 'base64').toString('utf8');
  return { certPem: pem(user['client-certificate-data']), keyPem: pem(user['client-key-data']) };
}

function kubeconfigFor(name: string, plugin: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, execKubeconfigYaml(need().server, plugin, { caData: Buffer.from(need().caPem).toString('base64'), provideClusterInfo: true }));
  return file;
}


describe.skipIf(!cluster)('credential plugins against the real API server', () => {
  it('a script plugin that prints the admin client certificate is run non-interactively and accepted by the server', async () => {
    const plugin = writePlugin(dir, 'cert', { kind: 'credential', ...adminCredentials() });
    const connection = await connect({ kubeconfigPaths: [kubeconfigFor('cert', plugin)] });
    const caps = await checkCapabilities(connection);
    expect(caps.version.gitVersion).toBe(need().k8sVersion);
    expect(caps.kueue.installed).toBe(true);
    connection.objects.close();
  });

  it('a plugin that fails is named with its exit code; what it printed is redacted', async () => {
    const plugin = writePlugin(dir, 'fails', { kind: 'fails-with-token' });
    const connection = await connect({ kubeconfigPaths: [kubeconfigFor('fails', plugin)] });
    const error = await clusterFailure(() => checkCapabilities(connection));
    expect(error.message).toContain(`The credential plugin "${plugin} --cluster test" of user "plugin-user" failed with exit code 1`);
    expect(error.message).not.toContain(PLUGIN_LEAKED_TOKEN);
    expect(error.message).not.toContain(need().server);
    connection.objects.close();
  });

  it('a diff whose plugin hangs ends after the plugin timeout, naming the plugin; the plugin and its child are gone', async () => {
    const plugin = writePlugin(dir, 'hang', { kind: 'hang' });
    const connection = await connect({ kubeconfigPaths: [kubeconfigFor('hang', plugin)], pluginTimeoutMs: 1_500 });
    const policy = gpuPolicy([{ team: 'plugin-hang-a', cohort: 'plugin-hang', gpus: { h100: '8' } }]);
    const started = Date.now();
    const error = await clusterFailure(() => diffScenario(connection, 'plugin-hang', generateManifests('plugin-hang', policy)));
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/^The credential plugin ".*hang\.sh --cluster test" of user "plugin-user" did not finish within 2 s and was stopped/);
    expect(error.message).not.toMatch(/did not answer/);
    const pids = pluginPids(dir, 'hang');
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 2_000)).toBe(true);
    connection.objects.close();
  });

  it('a user whose tokenFile is missing is named before any request (not a 401)', async () => {
    const file = join(dir, 'token-file.yaml');
    const config = [
      'apiVersion: v1',
      'kind: Config',
      'current-context: token',
      'clusters:',
      `- name: test\n  cluster:\n    server: ${need().server}\n    certificate-authority-data: ${Buffer.from(need().caPem).toString('base64')}`,
      'contexts:',
      '- name: token\n  context: {cluster: test, user: token-user}',
      'users:',
      '- name: token-user\n  user:\n    tokenFile: missing-token',
      '',
    ].join('\n');
    writeFileSync(file, config);
    const error = await clusterFailure(async () => serverVersion(await connect({ kubeconfigPaths: [file] })));
    expect(error.kind).toBe('kubeconfig');
    expect(error.message).toBe(`The token file ${join(dir, 'missing-token')} of user "token-user" (context "token") does not exist.`);
  });
});
