import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../sim/scenario/index.ts';
import { makeScenario } from '../../sim/scenario/testing/scenarios.ts';
import { movePosition } from '../../sim/edits/org.ts';
import { addPosition, addTeam, updatePosition, updateScenario, updateTeam } from '../../sim/edits/scenario.ts';
import { createScenarioChecker, scenarioIssues } from '../../sim/scenario/index.ts';

/** Two teams, each valid on its own. */
function twoTeams(): Scenario {
  let s = addTeam(makeScenario(), { name: 'Platform', type: 'ai-platform' }).scenario;
  s = addPosition(s, 'team-1', 'ai-platform-engineer').scenario;
  return s;
}

describe('scenarioIssues', () => {
  it('a valid scenario has none; a problem is named by its field', () => {
    expect(scenarioIssues(makeScenario())).toEqual([]);
    expect(scenarioIssues(updateScenario(makeScenario(), { name: '' })).map((i) => i.path)).toEqual(['name']);
  });
});

describe('createScenarioChecker', () => {
  it('answers every document of an editing session as the full validation does', () => {
    const check = createScenarioChecker();
    const steps: Scenario[] = [];
    let s = twoTeams();
    steps.push(s);
    s = movePosition(s, 'p2', 'team-1');
    steps.push(s);
    s = updateTeam(s, 'team-1', { name: '   ' }); // a blank team name
    steps.push(s);
    s = updateTeam(s, 'team-1', { name: 'Platform' });
    steps.push(s);
    s = updatePosition(s, 'pod-1', 'p3', { hireMonth: 500 }); // outside 1–120
    steps.push(s);
    s = updatePosition(s, 'pod-1', 'p3', { hireMonth: 4 });
    steps.push(s);
    s = updateScenario(s, { name: '' });
    steps.push(s);
    s = updateScenario(s, { name: 'Back' });
    steps.push(s);
    for (const step of steps) expect(check(step)).toEqual(scenarioIssues(step));
    expect(steps.map((step) => check(step).length > 0)).toEqual([false, false, true, false, true, false, true, false]);
  });

  it('finds a position id used in two teams, though each team is valid on its own', () => {
    const check = createScenarioChecker();
    const s = twoTeams();
    expect(check(s)).toEqual([]);
    const platform = s.teams[1]!;
    const clash = { ...s, teams: [s.teams[0]!, { ...platform, positions: [{ ...platform.positions[0]!, id: 'p1' }] }] };
    expect(check(clash).map((i) => i.message)).toEqual(['duplicate position id "p1"']);
  });

  it('finds a team id used twice, and more teams than the schema allows', () => {
    const check = createScenarioChecker();
    const s = makeScenario();
    const team = s.teams[0]!;
    expect(check({ ...s, teams: [team, { ...team, positions: [] }] }).map((i) => i.path)).toEqual(['teams[1].id']);
    const many = { ...s, teams: Array.from({ length: 5_001 }, (_, i) => ({ ...team, id: `t${i}`, positions: [] })) };
    expect(check(many).map((i) => i.path)).toEqual(['teams']);
  });

  it('takes the stored document as valid, and still checks what an edit changes', () => {
    const stored = twoTeams();
    const check = createScenarioChecker(stored);
    expect(check(stored)).toEqual([]);
    const edited = updateTeam(stored, 'team-1', { name: '' });
    expect(check(edited)).toEqual(scenarioIssues(edited));
    expect(check(edited).map((i) => i.path)).toEqual(['teams[1].name']);
  });
});
