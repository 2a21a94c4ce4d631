/**
 * The first prototype's files (schema v1) counted heads per role on each
 * team: `headcount: { "ai-ml-engineer": 3 }`. Migrating them builds one
 * position per head, so the counts are checked first: a 133-byte file asking
 * for a billion engineers is refused by name before a single position
 * exists, and a count that is not a whole number of people is refused
 * instead of silently becoming none.
 */
import { groupThousands, type ScenarioIssue } from './errors.ts';
import { MAX_POSITIONS_PER_TEAM } from './schema.ts';

type Json = Record<string, unknown>;

/**
 * Positions all of a v1 file's headcounts may add up to. A current file
 * spends about 180 bytes per position, so this is roughly what fits in the
 * 20 MB file limit; a v1 file (typed by hand) never came near it. Without it,
 * 5,000 teams of 10,000 (each within the per-team limit) would be 50 million
 * positions from a 500 KB file.
 */
export const MAX_POSITIONS_FROM_HEADCOUNTS = 100_000;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as the user typed it, for a message; never String() of a container (that recurses). */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

const isWholeCount = (count: unknown): count is number => typeof count === 'number' && Number.isInteger(count) && count >= 0;

/** Every problem with the teams' ids and headcounts, each named by its path; empty when migrating is safe. */
export function v1HeadcountIssues(teams: readonly unknown[]): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const perTeamLimit = groupThousands(MAX_POSITIONS_PER_TEAM);
  let total = 0;
  teams.forEach((team, t) => {
    // A team that is not an object is left to the schema, which names it.
    if (!isRecord(team)) return;
    if (typeof team.id !== 'string') issues.push({ path: `teams[${t}].id`, message: 'must be a string' });
    const { headcount } = team;
    if (headcount === undefined) return;
    if (!isRecord(headcount)) {
      issues.push({ path: `teams[${t}].headcount`, message: 'must be an object of role: number of people' });
      return;
    }
    let teamTotal = 0;
    let countsValid = true;
    for (const [role, count] of Object.entries(headcount)) {
      const path = `teams[${t}].headcount.${role}`;
      if (!isWholeCount(count)) {
        issues.push({ path, message: `${shown(count)} is not a whole number of people` });
        countsValid = false;
      } else if (count > MAX_POSITIONS_PER_TEAM) {
        issues.push({ path, message: `${count} is more than the ${perTeamLimit} positions a team may have` });
        countsValid = false;
      } else teamTotal += count;
    }
    if (countsValid && teamTotal > MAX_POSITIONS_PER_TEAM) {
      issues.push({ path: `teams[${t}].headcount`, message: `adds up to ${teamTotal} people, more than the ${perTeamLimit} positions a team may have` });
    }
    total += teamTotal;
  });
  if (issues.length === 0 && total > MAX_POSITIONS_FROM_HEADCOUNTS) {
    issues.push({
      path: 'teams',
      message: `the headcounts add up to ${total} people, more than the ${groupThousands(MAX_POSITIONS_FROM_HEADCOUNTS)} positions a file in the old format may ask for`,
    });
  }
  return issues;
}

/**
 * One filled position per head, the first single-threaded owner carrying the
 * team's `owner` name. Call only after `v1HeadcountIssues` found nothing.
 */
export function v1Positions(headcount: unknown, teamId: string, owner: unknown): Json[] {
  const positions: Json[] = [];
  if (!isRecord(headcount)) return positions;
  let ownerAssigned = false;
  for (const [role, count] of Object.entries(headcount)) {
    if (!isWholeCount(count)) continue;
    // The checks bound this loop; never let an unchecked file reach it.
    if (positions.length + count > MAX_POSITIONS_PER_TEAM) throw new Error('v1Positions: headcounts were not checked before migrating');
    for (let i = 0; i < count; i++) {
      const isOwner = role === 'single-threaded-owner' && !ownerAssigned;
      if (isOwner) ownerAssigned = true;
      positions.push({
        id: `${teamId}-${role}-${i + 1}`,
        role,
        filled: true,
        singleThreadedOwner: isOwner,
        personName: isOwner && typeof owner === 'string' ? owner : '',
      });
    }
  }
  return positions;
}
