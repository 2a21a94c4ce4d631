// Kubeconfigs and servers that are wrong in ways client-node lets through:
// each gets a message that names what is wrong (context, cluster, address,
// file) and the `cluster` error code, never "unexpected error" / `internal`.
// And nothing a server says is echoed raw: a token in its answer is redacted.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kubeconfigYaml, makeTempDir } from '../server/test-support.ts';
import { runCli } from './test-support.ts';

const SAMPLE = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const SERVER_SECRET = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLW9mLWEtdG9rZW4';
const HTML_MARKER = 'Welcome to the corporate proxy';

describe('misconfigured kubeconfigs and servers, as the CLI reports them', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let fake: Server;
  let fakeUrl: string;
  /** What the fake server answers next: status, content type, body. */
  let answer: { status: number; type: string; body: string };
  const authorizations: string[] = [];

  beforeAll(async () => {
    fake = createServer((req, res) => {
      authorizations.push(req.headers.authorization ?? '');
      req.resume();
      res.writeHead(answer.status, { 'Content-Type': answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => fake.close(resolve)));
  beforeEach(() => {
    temp = makeTempDir('podplan-cli-kc-');
    authorizations.length = 0;
    answer = { status: 200, type: 'application/json', body: '{}' };
  });
  afterEach(() => temp.remove());

  async function diffWith(kubeconfig: string): Promise<{ code: number; stderr: string; json: { error: { code: string; message: string; clusterError?: string } } }> {
    writeFileSync(path.join(temp.dir, 'kc.yaml'), kubeconfig);
    const human = await runCli(['diff', SAMPLE, '--kubeconfig', 'kc.yaml'], { cwd: temp.dir });
    const json = await runCli(['diff', SAMPLE, '--kubeconfig', 'kc.yaml', '--json'], { cwd: temp.dir });
    expect(json.code).toBe(human.code);
    expect(human.stderr).not.toMatch(/unexpected error/);
    return { code: human.code, stderr: human.stderr, json: JSON.parse(json.stdout) as { error: { code: string; message: string; clusterError?: string } } };
  }

  it('a kubeconfig with no clusters, or a context naming a missing cluster, names the context and the cluster', async () => {
    const noClusters = kubeconfigYaml(fakeUrl).replace(/clusters:\n- name: fake-cluster\n {2}cluster:\n.*\n.*\n/, 'clusters: []\n');
    const result = await diffWith(noClusters);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('podplan: Context "fake" names cluster "fake-cluster", which is not in the kubeconfig (it has no clusters).\n');
    expect(result.json.error).toMatchObject({ code: 'cluster', clusterError: 'kubeconfig' });

    const renamed = await diffWith(kubeconfigYaml(fakeUrl).replace('- name: fake-cluster', '- name: prod-cluster'));
    expect(renamed.stderr).toContain('Context "fake" names cluster "fake-cluster", which is not in the kubeconfig (clusters: prod-cluster).');
  });

  it('a server address that is not a URL names the context and the address', async () => {
    const result = await diffWith(kubeconfigYaml('"::::not a url"'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Context "fake": the server address "::::not a url" of cluster "fake-cluster" is not a valid URL (expected https://host:port).');
    expect(result.json.error).toMatchObject({ code: 'cluster', clusterError: 'kubeconfig' });
  });

  it('a 200 answer that is not Kubernetes JSON says so, without quoting it', async () => {
    answer = { status: 200, type: 'text/html', body: `<html><body>${HTML_MARKER}</body></html>` };
    const html = await diffWith(kubeconfigYaml(fakeUrl));
    expect(html.code).toBe(1);
    expect(html.stderr).toContain(`The server at ${fakeUrl} answered with something that is not Kubernetes JSON (HTTP 200, text/html,`);
    expect(html.stderr).not.toContain(HTML_MARKER);
    expect(html.json.error).toMatchObject({ code: 'cluster', clusterError: 'server' });

    answer = { status: 200, type: 'application/json', body: '{"hello":"world"}' };
    const otherJson = await diffWith(kubeconfigYaml(fakeUrl));
    expect(otherJson.stderr).toContain('answered with something that is not Kubernetes JSON');
    expect(otherJson.stderr).not.toMatch(/Cannot read properties/);
  });

  it('an error answer is summarised and redacted: a token in its Status message or body never shows', async () => {
    answer = { status: 500, type: 'application/json', body: JSON.stringify({ kind: 'Status', message: `token ${SERVER_SECRET} is not valid for this audience`, code: 500 }) };
    const status = await diffWith(kubeconfigYaml(fakeUrl));
    expect(status.stderr).toContain('answered 500');
    expect(status.stderr).toContain('is not valid for this audience');
    expect(`${status.stderr}${JSON.stringify(status.json)}`).not.toContain(SERVER_SECRET);

    answer = { status: 502, type: 'text/plain', body: `upstream said: Authorization: Bearer ${SERVER_SECRET}` };
    const text = await diffWith(kubeconfigYaml(fakeUrl));
    expect(text.stderr).toContain('a text/plain answer of');
    expect(`${text.stderr}${JSON.stringify(text.json)}`).not.toContain(SERVER_SECRET);
    expect(text.stderr).not.toContain('upstream said');
  });

  it('a user with a tokenFile sends that token; a missing tokenFile is named instead of ending in a 401', async () => {
    writeFileSync(path.join(temp.dir, 'token'), 'from-the-token-file\n');
    answer = { status: 401, type: 'application/json', body: JSON.stringify({ kind: 'Status', message: 'Unauthorized', code: 401 }) };
    const withFile = kubeconfigYaml(fakeUrl).replace(/ {4}token: .*\n/, '    tokenFile: token\n');
    await diffWith(withFile);
    expect(authorizations).toContain('Bearer from-the-token-file');

    const missing = await diffWith(kubeconfigYaml(fakeUrl).replace(/ {4}token: .*\n/, '    tokenFile: /nonexistent/podplan/token\n'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('podplan: The token file /nonexistent/podplan/token of user "token-user" (context "fake") does not exist.\n');
    expect(missing.json.error).toMatchObject({ code: 'cluster', clusterError: 'kubeconfig' });
  });

  it('a file that is not a kubeconfig says so and why', async () => {
    writeFileSync(path.join(temp.dir, 'hostname'), 'build-machine-7\n');
    const result = await runCli(['diff', SAMPLE, '--kubeconfig', 'hostname'], { cwd: temp.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(temp.dir, 'hostname')} is not a kubeconfig: it is plain text, not YAML with clusters, contexts and users.`);
  });
});
