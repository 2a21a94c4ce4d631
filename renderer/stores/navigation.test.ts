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
    for (const section of ['org-chart', 'costs', 'ownership', 'phases', 'readiness', 'capacity', 'policy', 'manifests', 'cluster'] as const) {
      expect(parseHash(routeHash({ view: 'editor', scenarioId: 'x/y', section }))).toEqual({ view: 'editor', scenarioId: 'x/y', section });
    }
  });
});
