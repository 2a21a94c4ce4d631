import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { applyScenarioChanges, scenarioChanges, validateScenarioChanges } from './changes.ts';
import { ScenarioValidationError } from './errors.ts';
import { validateScenario } from './parse.ts';
import type { Scenario } from './schema.ts';

const sample = (): Scenario => validateScenario(structuredClone(loadSamples().find((s) => s.teams.length >= 3)!));

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('a save of only what changed', () => {
  it('names untouched teams by id, sends changed teams and sections in full, nothing else', () => {
    const base = sample();
    const next = { ...base, name: 'Renamed', teams: base.teams.map((team, i) => (i === 1 ? { ...team, name: 'Edited' } : team)) };
    const changes = scenarioChanges(base, next);
    expect(changes.set).toEqual({ name: 'Renamed' });
    expect(changes.teams).toEqual(base.teams.map((team, i) => (i === 1 ? next.teams[1] : team.id)));
    expect(scenarioChanges(base, base)).toEqual({});
  });

  it('gives the same document as validating the whole edited document', () => {
    const base = sample();
    const added = { id: 'team-new', name: 'New pod', type: 'stream-aligned-pod' as const, description: '', positions: [] };
    const next: Scenario = {
      ...base,
      description: 'After the reorg',
      teams: [added, ...base.teams.slice(2).reverse(), { ...base.teams[0]!, name: 'Moved last' }],
      costModel: { ...base.costModel, horizonMonths: base.costModel.horizonMonths + 1 },
    };
    expect(validateScenarioChanges(base, scenarioChanges(base, next))).toEqual(validateScenario(next));
  });

  it('reports exactly the full validation’s issues when a changed part is wrong', () => {
    const base = sample();
    const badTeam = { ...base, teams: base.teams.map((team, i) => (i === 0 ? { ...team, name: '' } : team)) };
    expect(issuesOf(() => validateScenarioChanges(base, scenarioChanges(base, badTeam)))).toEqual(issuesOf(() => validateScenario(badTeam)));
    const duplicate = { ...base, teams: [...base.teams, { ...base.teams[1]!, name: 'Twin' }] };
    expect(issuesOf(() => validateScenarioChanges(base, scenarioChanges(base, duplicate)))).toEqual(issuesOf(() => validateScenario(duplicate)));
    const badSection = { ...base, costModel: { ...base.costModel, horizonMonths: -3 } };
    const fromChanges = issuesOf(() => validateScenarioChanges(base, scenarioChanges(base, badSection)));
    expect(fromChanges.length).toBeGreaterThan(0);
    expect(fromChanges).toEqual(issuesOf(() => validateScenario(badSection)));
  });

  it('refuses a team named by an id the base does not have, and teams sent as a section', () => {
    const base = sample();
    expect(issuesOf(() => validateScenarioChanges(base, { teams: ['ghost'] }))).toEqual(['teams[0]: names team "ghost", which the document it is based on does not have']);
    expect(applyScenarioChanges(base, { set: { teams: [] } as never }).issues.map((i) => i.path)).toEqual(['set.teams']);
  });

  it('removes an optional field the new document no longer has', () => {
    const base = { ...sample(), description: 'to go' };
    const { description: _gone, ...rest } = base;
    const changes = scenarioChanges(base, rest as Scenario);
    expect(changes.unset).toEqual(['description']);
    expect(validateScenarioChanges(base, changes).description).toBe('');
  });
});
