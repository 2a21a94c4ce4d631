/**
 * The stored text of a scenario document, exactly `JSON.stringify(scenario)`,
 * but with each team's text remembered by the team object: after an edit of
 * one team of 500, a save turns one team (and the small sections) into JSON
 * instead of the whole ~0.7 MB document. Documents are immutable (the store
 * holds only documents it built), so a team object's text never goes stale.
 */
import type { Scenario } from '../../sim/scenario/index.ts';

const teamText = new WeakMap<object, string>();

export function documentText(scenario: Scenario): string {
  const fields = scenario as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${key === 'teams' ? teamsText(scenario.teams) : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

function teamsText(teams: Scenario['teams']): string {
  const texts = new Array<string>(teams.length);
  for (let i = 0; i < teams.length; i++) {
    const team = teams[i]!;
    let text = teamText.get(team);
    if (text === undefined) {
      text = JSON.stringify(team);
      teamText.set(team, text);
    }
    texts[i] = text;
  }
  return `[${texts.join(',')}]`;
}
