import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../server/test-support.ts';
import { Kubeconfig, needsAuthProvider, requestCredentials } from './kubeconfig.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('kubeconfig files read without client-node', () => {
  const temp = makeTempDir('podplan-kubeconfig-');
  afterAll(() => temp.remove());

  const write = (name: string, text: string): string => {
    const file = path.join(temp.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  it('resolves certificate paths against the file, reads token-file, and gives a context without a user none', () => {
    write('certs/ca.crt', 'CA PEM');
    write('certs/client.crt', 'CERT PEM');
    write('certs/client.key', 'KEY PEM');
    const token = write('token', 'from-token-file');
    const file = write(
      'dir/config',
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: certs',
        'clusters:',
        '- name: c',
        '  cluster: { server: "https://10.0.0.1:6443/", certificate-authority: ../certs/ca.crt, tls-server-name: api.internal }',
        'users:',
        '- name: certs',
        '  user: { client-certificate: ../certs/client.crt, client-key: ../certs/client.key, as: someone }',
        '- name: tokens',
        `  user: { token-file: ${token} }`,
        'contexts:',
        '- name: certs',
        '  context: { cluster: c, user: certs, namespace: team-a }',
        '- name: tokens',
        '  context: { cluster: c, user: tokens }',
        '- name: anonymous',
        '  context: { cluster: c }',
      ].join('\n'),
    );
    const kc = Kubeconfig.fromFile(file);
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://10.0.0.1:6443', caFile: path.join(temp.dir, 'certs/ca.crt'), skipTLSVerify: false });
    expect(kc.getContextObject('certs')).toEqual({ name: 'certs', cluster: 'c', user: 'certs', namespace: 'team-a' });

    const certs = requestCredentials(kc);
    expect(certs.ca?.toString()).toBe('CA PEM');
    expect(certs.cert?.toString()).toBe('CERT PEM');
    expect(certs.key?.toString()).toBe('KEY PEM');
    expect(certs.servername).toBe('api.internal');
    expect(certs.headers).toEqual({ 'Impersonate-User': 'someone' });

    kc.setCurrentContext('tokens');
    expect(requestCredentials(kc).headers).toEqual({ Authorization: 'Bearer from-token-file' });

    kc.setCurrentContext('anonymous');
    expect(kc.getCurrentUser()).toBeNull();
    const anonymous = requestCredentials(kc);
    expect(anonymous.ca?.toString()).toBe('CA PEM');
    expect(anonymous.headers).toEqual({});
  });

  it('puts embedded certificates, basic auth and skip-verify on a request, and says which users need an auth-provider', () => {
    const kc = new Kubeconfig();
    kc.loadFromText(
      [
        'clusters:',
        `- { name: c, cluster: { server: "https://h:1", certificate-authority-data: ${b64('CA')}, insecure-skip-tls-verify: true } }`,
        'users:',
        `- { name: data, user: { client-certificate-data: ${b64('CERT')}, client-key-data: ${b64('KEY')} } }`,
        '- { name: basic, user: { username: ann, password: s3cret } }',
        '- { name: gcp, user: { auth-provider: { name: gcp, config: { cmd-path: gcloud } } } }',
        'contexts:',
        '- { name: data, context: { cluster: c, user: data } }',
        '- { name: basic, context: { cluster: c, user: basic } }',
        '- { name: gcp, context: { cluster: c, user: gcp } }',
        'current-context: data',
      ].join('\n'),
      path.join(temp.dir, 'inline'),
    );
    expect(requestCredentials(kc)).toMatchObject({ rejectUnauthorized: false, headers: {} });
    expect(requestCredentials(kc).cert?.toString()).toBe('CERT');
    expect(requestCredentials(kc).key?.toString()).toBe('KEY');
    expect(needsAuthProvider(kc)).toBe(false);
    kc.setCurrentContext('basic');
    expect(requestCredentials(kc).auth).toBe('ann:s3cret');
    kc.setCurrentContext('gcp');
    expect(needsAuthProvider(kc)).toBe(true);
  });

  it('refuses a plain http:// server unless TLS verification is skipped (credentials would travel in clear)', () => {
    const kc = new Kubeconfig();
    const config = (skip: boolean) =>
      [
        'clusters:',
        `- { name: c, cluster: { server: "http://127.0.0.1:8080"${skip ? ', insecure-skip-tls-verify: true' : ''} } }`,
        'users: [{ name: u, user: { token: t } }]',
        'contexts: [{ name: x, context: { cluster: c, user: u } }]',
        'current-context: x',
      ].join('\n');
    kc.loadFromText(config(false), path.join(temp.dir, 'http'));
    expect(() => requestCredentials(kc)).toThrow(/HTTP protocol is not allowed/);
    kc.loadFromText(config(true), path.join(temp.dir, 'http'));
    expect(requestCredentials(kc).headers).toEqual({ Authorization: 'Bearer t' });
  });

  it('names the entry that lacks a required field, and reads an empty file as an empty kubeconfig', () => {
    const kc = new Kubeconfig();
    expect(() => kc.loadFromText('clusters:\n- name: c\n  cluster: {}\n', 'x')).toThrow('clusters[0].cluster.server is missing');
    expect(() => kc.loadFromText('contexts:\n- name: x\n  context: { user: u }\n', 'x')).toThrow('contexts[0].context.cluster is missing');
    expect(() => kc.loadFromText('users:\n- user: { token: t }\n', 'x')).toThrow('users[0].name is missing');
    kc.loadFromText('', 'x');
    expect([kc.getClusters(), kc.getUsers(), kc.getContexts(), kc.getCurrentContext()]).toEqual([[], [], [], '']);
  });

  it('exports what it read, in the file format', () => {
    const kc = new Kubeconfig();
    kc.loadFromText(
      ['clusters: [{ name: c, cluster: { server: "https://h:1" } }]', 'users: [{ name: u, user: { token: t } }]', 'contexts: [{ name: x, context: { cluster: c, user: u } }]', 'current-context: x'].join('\n'),
      'x',
    );
    const again = new Kubeconfig();
    again.loadFromText(kc.exportConfig(), 'x');
    expect([again.getClusters(), again.getUsers(), again.getContexts(), again.getCurrentContext()]).toEqual([kc.getClusters(), kc.getUsers(), kc.getContexts(), 'x']);
  });
});
