// Anything a cluster, a credential plugin or an error says passes through
// redactSecrets before a person or a script sees it: no credential shape
// survives, while the words that explain the failure do.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact.ts';

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLWp3dA';

describe('redactSecrets', () => {
  it('hides bearer tokens, JWTs and token/password/secret values, keeping the sentence', () => {
    const cases: Array<[string, string]> = [
      ['Authorization: Bearer abc.def-123_XYZ', 'abc.def-123_XYZ'],
      [`the id token ${JWT} expired`, JWT],
      ['auth failed for token sk-live-4f9a8b7c6d5e', 'sk-live-4f9a8b7c6d5e'],
      ['token=hunter2 user=alice', 'hunter2'],
      ['password: "correct horse"', 'correct horse'],
      ['client_secret=Zm9vYmFy', 'Zm9vYmFy'],
      ['{"access_token":"ya29.a0AfH6SMB"}', 'ya29.a0AfH6SMB'],
      ['api-key: 0123456789', '0123456789'],
    ];
    for (const [text, secret] of cases) {
      const redacted = redactSecrets(text);
      expect(redacted, text).not.toContain(secret);
      expect(redacted, text).toContain('[redacted]');
    }
    expect(redactSecrets('auth failed for token sk-live-4f9a8b7c6d5e')).toMatch(/^auth failed for token \[redacted\]$/);
  });

  it('hides long base64 and hex runs (keys, certificates, session ids)', () => {
    const base64 = Buffer.from('-----BEGIN PRIVATE KEY----- not really a key but long enough').toString('base64');
    const hex = '0123456789abcdef'.repeat(3);
    expect(redactSecrets(`key ${base64} here`)).toBe('key [redacted] here');
    expect(redactSecrets(`session ${hex}`)).toBe('session [redacted]');
  });

  it('leaves what explains the failure: servers, object names, paths, codes', () => {
    const plain = [
      'Connection refused by https://127.0.0.1:6443: is the API server running?',
      'Forbidden (403) while applying ClusterQueue/sample-three-pilot-pods-team-recommendations',
      'The credential plugin "aws eks get-token --cluster-name prod" failed with exit code 1',
      'The token file /home/me/.kube/token named by user "dev" does not exist',
      'namespaces "team-a" is forbidden: User "podplan-restricted" cannot create resource',
    ];
    for (const text of plain) expect(redactSecrets(text)).toBe(text);
  });
});
