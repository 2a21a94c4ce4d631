import { describe, expect, it } from 'vitest';
import { parseHash, routeHash } from './navigation.ts';

describe('routes in the hash', () => {
  it('keeps the editor section, and leaves the default one out', () => {
    expect(parseHash('#/scenario/abc/policy')).toEqual({ view: 'editor', scenarioId: 'abc', section: 'policy' });
    expect(parseHash('#/scenario/abc')).toEqual({ view: 'editor', scenarioId: 'abc' });
    expect(parseHash('#/scenario/abc/org')).toEqual({ view: 'editor', scenarioId: 'abc' });
    expect(parseHash('#/scenario/abc/nonsense')).toEqual({ view: 'editor', scenarioId: 'abc' });
    expect(routeHash({ view: 'editor', scenarioId: 'a b', section: 'manifests' })).toBe('#/scenario/a%20b/manifests');
    expect(routeHash({ view: 'editor', scenarioId: 'a', section: 'org' })).toBe('#/scenario/a');
    for (const section of ['decision', 'org-chart', 'costs', 'ownership', 'phases', 'readiness', 'capacity', 'policy', 'manifests', 'cluster'] as const) {
      expect(parseHash(routeHash({ view: 'editor', scenarioId: 'x/y', section }))).toEqual({ view: 'editor', scenarioId: 'x/y', section });
    }
  });

  it('compares up to four scenarios, the third and fourth after A and B', () => {
    expect(parseHash('#/compare/a/b')).toEqual({ view: 'compare', a: 'a', b: 'b' });
    expect(parseHash('#/compare/a/b/c/d')).toEqual({ view: 'compare', a: 'a', b: 'b', more: ['c', 'd'] });
    expect(parseHash('#/compare/a/b/c/d/e')).toEqual({ view: 'compare', a: 'a', b: 'b', more: ['c', 'd'] });
    expect(routeHash({ view: 'compare', a: 'a', b: null, more: ['c'] })).toBe('#/compare/a//c');
    expect(parseHash(routeHash({ view: 'compare', a: 'x y', b: 'b', more: ['c'] }))).toEqual({ view: 'compare', a: 'x y', b: 'b', more: ['c'] });
  });
});
