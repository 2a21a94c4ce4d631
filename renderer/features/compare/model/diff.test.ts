import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../../sim/scenario/index.ts';
import { makeScenario } from '../../../../sim/scenario/testing/scenarios.ts';
import { diffRoles, diffScenarios, matchTeams } from './diff.ts';

describe('diffScenarios', () => {
  it('finds nothing between a scenario and itself or a copy with another id', () => {
    const a = makeScenario();
    const d = diffScenarios(a, { ...structuredClone(a), id: 'other-id' });
    expect(d.identical).toBe(true);
    expect(d.changeCount).toBe(0);
    expect(d.teams.map((t) => t.status)).toEqual(['unchanged']);
  });

  it('reports scenario fields that differ', () => {
    const a = makeScenario();
    const b: Scenario = { ...a, name: 'Other', description: 'More pods' };
    const d = diffScenarios(a, b);
    expect(d.fields).toEqual([
      { field: 'name', label: 'Name', a: 'Test scenario', b: 'Other' },
      { field: 'description', label: 'Description', a: '', b: 'More pods' },
    ]);
    expect(d.identical).toBe(false);
  });

  it('reports added, removed and changed teams', () => {
    const a = makeScenario();
    const pod = a.teams[0];
    if (!pod) throw new Error('fixture');
    const b: Scenario = {
      ...a,
      teams: [
        { ...pod, type: 'central-ai', positions: pod.positions.slice(0, 2) },
        { id: 'platform', name: 'AI platform', type: 'ai-platform', description: '', positions: [] },
      ],
    };
    const c: Scenario = { ...a, teams: [] };
    const ab = diffScenarios(a, b);
    expect(ab.teams.map((t) => [t.name, t.status])).toEqual([
      ['Recommendations pod', 'changed'],
      ['AI platform', 'added'],
    ]);
    const changed = ab.teams[0];
    expect(changed?.fields).toContainEqual({ field: 'type', label: 'Type', a: 'Stream-aligned AI pod', b: 'Central AI team' });
    expect(changed?.fields).toContainEqual({ field: 'positions', label: 'Positions', a: '3', b: '2' });
    expect(changed?.roles).toEqual([
      { role: 'software-engineer', label: 'Software engineer', a: 1, b: 0, openA: 1, openB: 0 },
    ]);
    expect(ab.fields).toContainEqual({ field: 'teams', label: 'Teams', a: '1', b: '2' });
    expect(diffScenarios(a, c).teams.map((t) => t.status)).toEqual(['removed']);
  });

  it('counts positions per role per team, filled and open', () => {
    const a = makeScenario();
    const pod = a.teams[0];
    if (!pod) throw new Error('fixture');
    const b: Scenario = {
      ...a,
      teams: [
        {
          ...pod,
          positions: pod.positions.map((p) => (p.role === 'software-engineer' ? { ...p, filled: true } : p)).concat([
            { id: 'p9', role: 'ai-ml-engineer', title: '', personName: '', filled: false, hireMonth: 2, singleThreadedOwner: false },
          ]),
        },
      ],
    };
    const d = diffScenarios(a, b);
    expect(d.teams[0]?.roles).toEqual([
      { role: 'ai-ml-engineer', label: 'AI/ML engineer', a: 1, b: 2, openA: 0, openB: 1 },
      { role: 'software-engineer', label: 'Software engineer', a: 1, b: 1, openA: 1, openB: 0 },
    ]);
    expect(d.roles).toEqual(d.teams[0]?.roles);
    // One open position filled, one new open: the open total is unchanged and not listed.
    expect(d.fields.map((f) => f.field)).toEqual(['positions', 'filled']);
  });

  it('ignores title and person changes in role counts', () => {
    const a = makeScenario();
    const b = structuredClone(a);
    const p = b.teams[0]?.positions[1];
    if (p) p.personName = 'Someone';
    expect(diffRoles(a.teams[0]?.positions ?? [], b.teams[0]?.positions ?? [])).toEqual([]);
  });
});

describe('matchTeams', () => {
  const team = (id: string, name: string) => ({ id, name, type: 'enabling' as const, description: '', positions: [] });

  it('pairs by id first, then by name (case and spaces ignored)', () => {
    const pairs = matchTeams([team('a', 'Alpha'), team('b', 'Beta'), team('c', 'Gamma')], [team('x', ' beta '), team('a', 'Renamed'), team('y', 'Delta')]);
    expect(pairs.map(([x, y]) => [x?.id ?? null, y?.id ?? null])).toEqual([
      ['a', 'a'],
      ['b', 'x'],
      ['c', null],
      [null, 'y'],
    ]);
  });
});
