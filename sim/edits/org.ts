/**
 * Pure edits of the org beyond names and fields (`editing/edits.ts`): moving
 * a position between teams, a position's salary percentile override and a
 * team's GPU-hours. Like every edit, each returns a new document (or the
 * same one when nothing changes) so the editor store can record it.
 */
import type { Position, Scenario, Team } from '../scenario/index.ts';

/** Where a position is: its team and index, or null. */
export function findPosition(scenario: Scenario, positionId: string): { team: Team; teamIndex: number; position: Position; index: number } | null {
  for (let t = 0; t < scenario.teams.length; t++) {
    const team = scenario.teams[t]!;
    const index = team.positions.findIndex((p) => p.id === positionId);
    if (index >= 0) return { team, teamIndex: t, position: team.positions[index]!, index };
  }
  return null;
}

/**
 * Moves a position to another team (or within its team), before the
 * position at `beforeIndex` of the target team (counted before the move),
 * or at the end. The position keeps its id and fields.
 */
export function movePosition(scenario: Scenario, positionId: string, toTeamId: string, beforeIndex?: number): Scenario {
  const from = findPosition(scenario, positionId);
  const targetIndex = scenario.teams.findIndex((t) => t.id === toTeamId);
  if (!from || targetIndex < 0) return scenario;
  const target = scenario.teams[targetIndex]!;
  const sameTeam = target.id === from.team.id;
  let insertAt = beforeIndex === undefined ? target.positions.length : Math.max(0, Math.min(beforeIndex, target.positions.length));
  if (sameTeam) {
    // Dropping a position just before or after itself changes nothing.
    if (insertAt === from.index || insertAt === from.index + 1) return scenario;
    if (insertAt > from.index) insertAt--;
  }
  const teams = scenario.teams.map((team) => {
    if (sameTeam && team.id === target.id) {
      const positions = team.positions.filter((p) => p.id !== positionId);
      positions.splice(insertAt, 0, from.position);
      return { ...team, positions };
    }
    if (team.id === from.team.id) return { ...team, positions: team.positions.filter((p) => p.id !== positionId) };
    if (team.id === target.id) {
      const positions = [...team.positions];
      positions.splice(insertAt, 0, from.position);
      return { ...team, positions };
    }
    return team;
  });
  return { ...scenario, teams };
}

function mapTeam(scenario: Scenario, teamId: string, fn: (team: Team) => Team): Scenario {
  let changed = false;
  const teams = scenario.teams.map((team) => {
    if (team.id !== teamId) return team;
    const next = fn(team);
    if (next !== team) changed = true;
    return next;
  });
  return changed ? { ...scenario, teams } : scenario;
}

/** A position's salary percentile (0–100); null costs it at its role's percentile. */
export function setPositionPercentile(scenario: Scenario, teamId: string, positionId: string, percentile: number | null): Scenario {
  return mapTeam(scenario, teamId, (team) => {
    let changed = false;
    const positions = team.positions.map((p) => {
      if (p.id !== positionId) return p;
      if (percentile === null) {
        if (p.salaryPercentile === undefined) return p;
        const { salaryPercentile: _dropped, ...rest } = p;
        changed = true;
        return rest;
      }
      if (p.salaryPercentile === percentile) return p;
      changed = true;
      return { ...p, salaryPercentile: percentile };
    });
    return changed ? { ...team, positions } : team;
  });
}

/** GPU-hours a team uses per month; null = none. */
export function setTeamGpuHours(scenario: Scenario, teamId: string, hours: number | null): Scenario {
  return mapTeam(scenario, teamId, (team) => {
    if (hours === null) {
      if (team.gpuHoursPerMonth === undefined) return team;
      const { gpuHoursPerMonth: _dropped, ...rest } = team;
      return rest;
    }
    return team.gpuHoursPerMonth === hours ? team : { ...team, gpuHoursPerMonth: hours };
  });
}
