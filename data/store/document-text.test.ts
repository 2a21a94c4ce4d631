import { describe, expect, it } from 'vitest';
import { loadSamples } from '../samples/index.ts';
import { documentText } from './document-text.ts';
import { makeScenario } from './test-support/fixtures.ts';

describe('the stored text of a document', () => {
  it('is exactly JSON.stringify of the document, for the samples and a big scenario', () => {
    for (const scenario of [...loadSamples(), makeScenario('big', { name: 'Big', teams: 50, positionsPerTeam: 10 })]) {
      expect(documentText(scenario)).toBe(JSON.stringify(scenario));
    }
  });

  it('stays exact after an edit of one team, and skips fields that are undefined as JSON.stringify does', () => {
    const base = makeScenario('edited', { name: 'Edited', teams: 5, positionsPerTeam: 3 });
    documentText(base);
    const next = { ...base, description: undefined as unknown as string, teams: base.teams.map((team, i) => (i === 2 ? { ...team, name: 'Renamed' } : team)) };
    expect(documentText(next)).toBe(JSON.stringify(next));
    expect(documentText(next)).toContain('"Renamed"');
  });
});
