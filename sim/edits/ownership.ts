/**
 * Pure edits of the ownership map (`scenario.ownership`): a team takes on or
 * gives up a capability (a cell of the matrix), a capability's note, and the
 * article's suggested ownership for the org. Entries keep their place in the
 * list and their note, so a round trip changes nothing in the file.
 */
import { suggestAssignments, type OwnershipTeam } from '../ownership/flags.ts';
import type { CapabilityId } from '../ownership/catalog.ts';
import type { OwnershipAssignment } from '../ownership/schema.ts';
import type { Scenario } from '../scenario/index.ts';

function withAssignments(scenario: Scenario, assignments: OwnershipAssignment[]): Scenario {
  return { ...scenario, ownership: { ...scenario.ownership, assignments } };
}

/** Owning team ids of a capability (merged over duplicate entries, in order). */
export function ownersOf(assignments: readonly OwnershipAssignment[], capability: CapabilityId): string[] {
  const out: string[] = [];
  for (const a of assignments) if (a.capability === capability) for (const id of a.teamIds) if (!out.includes(id)) out.push(id);
  return out;
}

/** Replaces a capability's owners, keeping its entry (and note) in place; duplicate entries merge into the first. */
export function setOwners(scenario: Scenario, capability: CapabilityId, teamIds: readonly string[]): Scenario {
  const assignments = scenario.ownership.assignments;
  const current = ownersOf(assignments, capability);
  const entries = assignments.filter((a) => a.capability === capability);
  if (entries.length <= 1 && current.length === teamIds.length && current.every((id, i) => id === teamIds[i])) return scenario;
  const first = assignments.findIndex((a) => a.capability === capability);
  const note = entries.map((e) => e.note).find((n) => n) ?? '';
  if (first < 0) return withAssignments(scenario, [...assignments, { capability, teamIds: [...teamIds], note: '' }]);
  const next: OwnershipAssignment[] = [];
  assignments.forEach((a, i) => {
    if (a.capability !== capability) next.push(a);
    else if (i === first) {
      // An unowned capability with no note needs no entry.
      if (teamIds.length > 0 || note) next.push({ ...a, teamIds: [...teamIds], note });
    }
  });
  return withAssignments(scenario, next);
}

/** One cell of the matrix: the team owns the capability or not (other owners are kept). */
export function setOwner(scenario: Scenario, capability: CapabilityId, teamId: string, owned: boolean): Scenario {
  const owners = ownersOf(scenario.ownership.assignments, capability);
  const has = owners.includes(teamId);
  if (has === owned) return scenario;
  return setOwners(scenario, capability, owned ? [...owners, teamId] : owners.filter((id) => id !== teamId));
}

export function setOwnershipNote(scenario: Scenario, capability: CapabilityId, note: string): Scenario {
  const assignments = scenario.ownership.assignments;
  const index = assignments.findIndex((a) => a.capability === capability);
  if (index < 0) return note ? withAssignments(scenario, [...assignments, { capability, teamIds: [], note }]) : scenario;
  if (assignments[index]!.note === note) return scenario;
  return withAssignments(
    scenario,
    assignments.map((a, i) => (i === index ? { ...a, note } : a)),
  );
}

/**
 * The article's ownership for the teams the org has (`suggestAssignments`),
 * keeping the notes already written. The same document when it already is.
 */
export function applySuggestedOwnership(scenario: Scenario, teams: readonly OwnershipTeam[] = scenario.teams): Scenario {
  const suggested = suggestAssignments(teams);
  const notes = new Map<CapabilityId, string>();
  for (const a of scenario.ownership.assignments) if (a.note && !notes.has(a.capability)) notes.set(a.capability, a.note);
  const next: OwnershipAssignment[] = suggested.map((a) => ({ ...a, note: notes.get(a.capability) ?? '' }));
  // Notes of capabilities the suggestion leaves unowned stay, with no owner.
  for (const [capability, note] of notes) if (!next.some((a) => a.capability === capability)) next.push({ capability, teamIds: [], note });
  const same =
    next.length === scenario.ownership.assignments.length &&
    next.every((a) => {
      const owners = ownersOf(scenario.ownership.assignments, a.capability);
      return owners.length === a.teamIds.length && owners.every((id, i) => id === a.teamIds[i]);
    });
  return same ? scenario : withAssignments(scenario, next);
}

/** How many capabilities a suggestion would change (for the button's confirmation text). */
export function suggestionChanges(scenario: Scenario): number {
  const suggested = suggestAssignments(scenario.teams);
  const byCap = new Map(suggested.map((a) => [a.capability, a.teamIds]));
  const caps = new Set<CapabilityId>([...byCap.keys(), ...scenario.ownership.assignments.map((a) => a.capability)]);
  let n = 0;
  for (const c of caps) {
    const want = byCap.get(c) ?? [];
    const have = ownersOf(scenario.ownership.assignments, c);
    if (want.length !== have.length || want.some((id) => !have.includes(id))) n++;
  }
  return n;
}
