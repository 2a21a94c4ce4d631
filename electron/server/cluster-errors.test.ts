// What the API answers when the kubeconfig, its credential plugin or the
// server is wrong: a `cluster` error naming the cause, never `internal`, and
// no credential in the body or the server log: not the plugin's stderr, not
// a token the server put in its answer.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../sim/api/contract.ts';
import { execKubeconfigYaml, PLUGIN_LEAKED_TOKEN, writePlugin } from '../cluster/test-plugins.ts';
import { closedPort, kubeconfigYaml, makeTempDir, startTestBackend, type TestBackend } from './test-support.ts';

const SERVER_SECRET = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLW9mLWEtdG9rZW4';

describe('cluster errors in API bodies', () => {
  let t: TestBackend;
  let temp: ReturnType<typeof makeTempDir>;
  let fake: Server;
  let fakeUrl: string;
  const logged: string[] = [];
  const bodies: string[] = [];

  beforeAll(async () => {
    temp = makeTempDir('podplan-api-kc-');
    fake = createServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', message: `webhook rejected token ${SERVER_SECRET}`, code: 500 }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    t = await startTestBackend({ log: (message, error) => logged.push(message, error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)) });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => fake.close(resolve));
    temp.remove();
    // Checked last, over every answer of this file.
    for (const text of [...bodies, ...logged]) {
      expect(text).not.toContain(PLUGIN_LEAKED_TOKEN);
      expect(text).not.toContain(SERVER_SECRET);
    }
  });

  async function call(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; error: ApiErrorBody['error'] }> {
    const response = await fetch(`${t.backend.origin}${route}`, {
      method,
      headers: { Authorization: `Bearer ${t.backend.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, error: (JSON.parse(text) as ApiErrorBody).error };
  }

  it('a file that is not a kubeconfig (like /etc/hostname) is refused with the reason, not an empty list of contexts', async () => {
    const file = path.join(temp.dir, 'hostname');
    writeFileSync(file, 'build-machine-7\n');
    const { status, error } = await call('GET', `/api/cluster/contexts?kubeconfig=${encodeURIComponent(file)}`);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'cluster', clusterError: 'kubeconfig' });
    expect(error.message).toBe(`${file} is not a kubeconfig: it is plain text, not YAML with clusters, contexts and users. Choose the file kubectl uses (often ~/.kube/config).`);
  });

  it('a credential plugin that fails: named with its exit code, its output redacted', async () => {
    const plugin = writePlugin(temp.dir, 'fails', { kind: 'fails-with-token' });
    const file = path.join(temp.dir, 'plugin.yaml');
    writeFileSync(file, execKubeconfigYaml(`http://127.0.0.1:${await closedPort()}`, plugin));
    const { status, error } = await call('POST', '/api/cluster/capabilities', { kubeconfigPaths: [file] });
    expect(status).toBe(502);
    expect(error.code).toBe('cluster');
    expect(error.message).toMatch(/^The credential plugin ".*fails\.sh --cluster test" of user "plugin-user" failed with exit code 1: error: auth failed for token \[redacted\]\.?$/);
  });

  it('a server error whose Status message carries a token: summarised with the token redacted', async () => {
    const file = path.join(temp.dir, 'server.yaml');
    writeFileSync(file, kubeconfigYaml(fakeUrl));
    const { status, error } = await call('POST', '/api/cluster/capabilities', { kubeconfigPaths: [file] });
    expect(status).toBe(502);
    expect(error).toMatchObject({ code: 'cluster', clusterError: 'server' });
    expect(error.message).toContain('webhook rejected token [redacted]');
  });

  it('a context whose server address is not a URL: 400 naming the context and the address', async () => {
    const file = path.join(temp.dir, 'bad-url.yaml');
    writeFileSync(file, kubeconfigYaml('"::::not a url"'));
    const { status, error } = await call('POST', '/api/cluster/capabilities', { kubeconfigPaths: [file] });
    expect(status).toBe(400);
    expect(error.code).toBe('cluster');
    expect(error.message).toContain('Context "fake": the server address "::::not a url"');
  });
});
