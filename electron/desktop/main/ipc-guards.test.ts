import { describe, expect, it } from 'vitest';
import { expectArgCount, expectScenarioPath, expectString, IpcArgumentError, isTrustedSender, originOf, suggestedFileName, withScenarioSuffix } from './ipc-guards.ts';

const backend = 'http://127.0.0.1:43123';

describe('isTrustedSender', () => {
  it('trusts the main frame showing a backend page', () => {
    expect(isTrustedSender('http://127.0.0.1:43123/', true, backend)).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:43123/scenarios/abc?x=1#y', true, backend)).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:43123/', true, `${backend}/`)).toBe(true);
  });

  it('rejects sub-frames, even of the backend origin', () => {
    expect(isTrustedSender('http://127.0.0.1:43123/', false, backend)).toBe(false);
  });

  it('rejects any other origin', () => {
    for (const url of [
      'http://127.0.0.1:43124/',
      'http://localhost:43123/',
      'https://127.0.0.1:43123/',
      'http://127.0.0.1.evil.example:43123/',
      'http://evil.example/?u=http://127.0.0.1:43123/',
      'file:///etc/passwd',
      'data:text/html,<script>1</script>',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isTrustedSender(url, true, backend), url).toBe(false);
    }
  });

  it('rejects missing or malformed URLs and a malformed backend origin', () => {
    expect(isTrustedSender('', true, backend)).toBe(false);
    expect(isTrustedSender(undefined, true, backend)).toBe(false);
    expect(isTrustedSender(null, true, backend)).toBe(false);
    expect(isTrustedSender('not a url', true, backend)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:43123/', true, 'not a url')).toBe(false);
    // Opaque origins are "null" and must never match each other.
    expect(isTrustedSender('data:text/html,x', true, 'data:text/html,x')).toBe(false);
    expect(originOf('about:blank')).toBeNull();
  });
});

describe('argument validation', () => {
  it('checks types, lengths and NULs', () => {
    expect(expectString('a', 'name', 5)).toBe('a');
    expect(() => expectString(1, 'name', 5)).toThrow(IpcArgumentError);
    expect(() => expectString(null, 'name', 5)).toThrow(/name must be a string, got null/);
    expect(() => expectString({ toString: () => 'x' }, 'name', 5)).toThrow(/object/);
    expect(() => expectString('123456', 'name', 5)).toThrow(/too long/);
    expect(() => expectString('a\0b', 'name', 5)).toThrow(/NUL/);
    expect(() => expectArgCount([1, 2], 1, 'm')).toThrow(/takes 1/);
    expect(() => expectArgCount([], 1, 'm')).not.toThrow();
  });

  it('accepts only absolute .podplan.json paths', () => {
    expect(expectScenarioPath('/home/me/plan.podplan.json', 'filePath')).toBe('/home/me/plan.podplan.json');
    expect(expectScenarioPath('/home/me/PLAN.PODPLAN.JSON', 'filePath')).toBe('/home/me/PLAN.PODPLAN.JSON');
    expect(() => expectScenarioPath('plan.podplan.json', 'filePath')).toThrow(/absolute/);
    expect(() => expectScenarioPath('/etc/passwd', 'filePath')).toThrow(/\.podplan\.json/);
    expect(() => expectScenarioPath('/home/me/.ssh/id_rsa', 'filePath')).toThrow(/\.podplan\.json/);
    expect(() => expectScenarioPath(42, 'filePath')).toThrow(/string/);
  });
});

describe('file names', () => {
  it('adds the scenario suffix only when missing', () => {
    expect(withScenarioSuffix('/a/b.podplan.json')).toBe('/a/b.podplan.json');
    expect(withScenarioSuffix('/a/b.json')).toBe('/a/b.podplan.json');
    expect(withScenarioSuffix('/a/b')).toBe('/a/b.podplan.json');
    expect(withScenarioSuffix('/a/b.txt')).toBe('/a/b.txt.podplan.json');
  });

  it('makes a safe suggested name from a scenario name', () => {
    expect(suggestedFileName('Three pilot pods')).toBe('Three pilot pods.podplan.json');
    expect(suggestedFileName('Q3: AI/ML <draft>?')).toBe('Q3- AI-ML -draft--.podplan.json');
    expect(suggestedFileName('../../etc/passwd')).toBe('-..-etc-passwd.podplan.json');
    expect(suggestedFileName('C:\\Users\\x\\plan')).toBe('C--Users-x-plan.podplan.json');
    expect(suggestedFileName('plan.podplan.json')).toBe('plan.podplan.json');
    expect(suggestedFileName('   ')).toBe('scenario.podplan.json');
    expect(suggestedFileName('...')).toBe('scenario.podplan.json');
    expect(suggestedFileName('a\u0000b\nc')).toBe('a-b-c.podplan.json');
    expect(suggestedFileName('x'.repeat(500)).length).toBeLessThanOrEqual(120 + '.podplan.json'.length);
  });
});
