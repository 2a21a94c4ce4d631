/**
 * Pure edits of a scenario document. Each returns a new document and leaves
 * the input untouched, so the undo history can keep references.
 */
import type { Position, Scenario, Team } from '../scenario/index.ts';
import type { RoleId } from '../org/roles.ts';
import type { TeamType } from '../org/team-types.ts';

export type ScenarioPatch = Partial<Pick<Scenario, 'name' | 'description'>>;
export type TeamPatch = Partial<Pick<Team, 'name' | 'type' | 'description'>>;
export type PositionPatch = Partial<Omit<Position, 'id'>>;

/** Smallest `${prefix}-${n}` not yet taken. */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `${prefix}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function teamIds(scenario: Scenario): Set<string> {
  return new Set(scenario.teams.map((t) => t.id));
}

function positionIds(scenario: Scenario): Set<string> {
  return new Set(scenario.teams.flatMap((t) => t.positions.map((p) => p.id)));
}

export function updateScenario(scenario: Scenario, patch: ScenarioPatch): Scenario {
  return { ...scenario, ...patch };
}

export function addTeam(scenario: Scenario, init: { name?: string; type?: TeamType } = {}): { scenario: Scenario; team: Team } {
  const id = uniqueId('team', teamIds(scenario));
  const team: Team = {
    id,
    name: init.name ?? `New team ${scenario.teams.length + 1}`,
    type: init.type ?? 'stream-aligned-pod',
    description: '',
    positions: [],
  };
  return { scenario: { ...scenario, teams: [...scenario.teams, team] }, team };
}

function mapTeam(scenario: Scenario, teamId: string, fn: (team: Team) => Team): Scenario {
  let changed = false;
  const teams = scenario.teams.map((team) => {
    if (team.id !== teamId) return team;
    changed = true;
    return fn(team);
  });
  return changed ? { ...scenario, teams } : scenario;
}

export function updateTeam(scenario: Scenario, teamId: string, patch: TeamPatch): Scenario {
  return mapTeam(scenario, teamId, (team) => ({ ...team, ...patch }));
}

/**
 * Removes a team, and with it the team's place in the phase plan's waves and
 * in the ownership map (a removed team neither starts in a wave nor owns a
 * capability). One edit, so one undo brings all of it back.
 */
export function removeTeam(scenario: Scenario, teamId: string): Scenario {
  const teams = scenario.teams.filter((t) => t.id !== teamId);
  if (teams.length === scenario.teams.length) return scenario;
  const inWaves = scenario.phases.waves.some((w) => w.teamIds.includes(teamId));
  const owning = scenario.ownership.assignments.some((a) => a.teamIds.includes(teamId));
  return {
    ...scenario,
    teams,
    ...(inWaves
      ? { phases: { ...scenario.phases, waves: scenario.phases.waves.map((w) => (w.teamIds.includes(teamId) ? { ...w, teamIds: w.teamIds.filter((id) => id !== teamId) } : w)) } }
      : {}),
    ...(owning
      ? {
          ownership: {
            ...scenario.ownership,
            assignments: scenario.ownership.assignments.map((a) => (a.teamIds.includes(teamId) ? { ...a, teamIds: a.teamIds.filter((id) => id !== teamId) } : a)),
          },
        }
      : {}),
  };
}

export function moveTeam(scenario: Scenario, teamId: string, delta: -1 | 1): Scenario {
  const index = scenario.teams.findIndex((t) => t.id === teamId);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= scenario.teams.length) return scenario;
  const teams = [...scenario.teams];
  const [team] = teams.splice(index, 1);
  if (!team) return scenario;
  teams.splice(target, 0, team);
  return { ...scenario, teams };
}

export function addPosition(
  scenario: Scenario,
  teamId: string,
  role: RoleId = 'software-engineer',
): { scenario: Scenario; position: Position | null } {
  if (!scenario.teams.some((t) => t.id === teamId)) return { scenario, position: null };
  const position: Position = {
    id: uniqueId(`${teamId}-${role}`, positionIds(scenario)),
    role,
    title: '',
    personName: '',
    filled: false,
    hireMonth: 1,
    singleThreadedOwner: false,
  };
  const next = mapTeam(scenario, teamId, (team) => ({ ...team, positions: [...team.positions, position] }));
  return { scenario: next, position };
}

export function updatePosition(scenario: Scenario, teamId: string, positionId: string, patch: PositionPatch): Scenario {
  return mapTeam(scenario, teamId, (team) => ({
    ...team,
    positions: team.positions.map((p) => {
      if (p.id !== positionId) return p;
      const next: Position = { ...p, ...patch };
      // A filled position has no hire month; an open one gets one.
      if (next.filled) delete next.hireMonth;
      else if (next.hireMonth === undefined) next.hireMonth = 1;
      return next;
    }),
  }));
}

export function removePosition(scenario: Scenario, teamId: string, positionId: string): Scenario {
  return mapTeam(scenario, teamId, (team) => ({ ...team, positions: team.positions.filter((p) => p.id !== positionId) }));
}

export interface TeamCounts {
  total: number;
  filled: number;
  open: number;
  owners: number;
}

export function countPositions(positions: readonly Position[]): TeamCounts {
  let filled = 0;
  let owners = 0;
  for (const p of positions) {
    if (p.filled) filled++;
    if (p.singleThreadedOwner) owners++;
  }
  return { total: positions.length, filled, open: positions.length - filled, owners };
}
