import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/index.ts';
import { makeScenario } from '../scenario/testing/scenarios.ts';
import { addPosition, addTeam, countPositions, moveTeam, removePosition, removeTeam, uniqueId, updatePosition, updateTeam } from './scenario.ts';

describe('scenario edits', () => {
  it('never mutate their input', () => {
    const before = makeScenario();
    const copy = structuredClone(before);
    updateTeam(before, 'pod-1', { name: 'x' });
    updatePosition(before, 'pod-1', 'p3', { filled: true });
    removeTeam(before, 'pod-1');
    addPosition(before, 'pod-1');
    expect(before).toEqual(copy);
  });

  it('adds teams and positions with ids unique in the scenario, and the result validates', () => {
    let s = makeScenario();
    const added = addTeam(s);
    s = added.scenario;
    expect(added.team.id).toBe('team-1');
    const first = addPosition(s, added.team.id, 'ai-ml-engineer');
    const second = addPosition(first.scenario, added.team.id, 'ai-ml-engineer');
    expect(first.position?.id).toBe('team-1-ai-ml-engineer-1');
    expect(second.position?.id).toBe('team-1-ai-ml-engineer-2');
    expect(() => validateScenario(second.scenario)).not.toThrow();
    expect(addPosition(s, 'no-such-team').position).toBeNull();
  });

  it('a filled position has no hire month, an open one gets month 1', () => {
    let s = makeScenario();
    s = updatePosition(s, 'pod-1', 'p3', { filled: true });
    expect(s.teams[0]?.positions[2]).not.toHaveProperty('hireMonth');
    s = updatePosition(s, 'pod-1', 'p3', { filled: false });
    expect(s.teams[0]?.positions[2]?.hireMonth).toBe(1);
  });

  it('moves and removes teams and positions; unknown ids change nothing', () => {
    let s = addTeam(makeScenario(), { name: 'Platform', type: 'ai-platform' }).scenario;
    s = moveTeam(s, 'team-1', -1);
    expect(s.teams.map((t) => t.id)).toEqual(['team-1', 'pod-1']);
    expect(moveTeam(s, 'team-1', -1)).toBe(s);
    s = removePosition(s, 'pod-1', 'p1');
    expect(s.teams[1]?.positions.map((p) => p.id)).toEqual(['p2', 'p3']);
    expect(removeTeam(s, 'nope')).toBe(s);
    expect(updateTeam(s, 'nope', { name: 'x' })).toBe(s);
  });

  it('counts positions', () => {
    expect(countPositions(makeScenario().teams[0]?.positions ?? [])).toEqual({ total: 3, filled: 2, open: 1, owners: 1 });
  });

  it('uniqueId picks the smallest free suffix', () => {
    expect(uniqueId('team', new Set(['team-1', 'team-3']))).toBe('team-2');
  });
});
