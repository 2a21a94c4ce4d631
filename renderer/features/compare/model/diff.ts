/**
 * Field-by-field differences between two scenarios, for the compare view.
 * Pure: teams are matched by id first (a duplicated scenario keeps its team
 * ids), then by name (two independently built scenarios), and whatever is
 * left is added or removed. Positions are compared as counts per role per
 * team, filled and open, because that is what a plan changes.
 */
import type { Position, Scenario, Team } from '../../../../sim/scenario/index.ts';
import { ROLE_IDS, ROLE_LABELS, type RoleId } from '../../../../sim/org/roles.ts';
import { TEAM_TYPE_LABELS } from '../../../../sim/org/team-types.ts';

export interface FieldChange {
  field: string;
  label: string;
  a: string;
  b: string;
}

export interface RoleCount {
  role: RoleId;
  label: string;
  /** Positions of this role in A and B (filled + open). */
  a: number;
  b: number;
  openA: number;
  openB: number;
}

export type TeamStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface TeamDiff {
  status: TeamStatus;
  /** Name shown for the team (B's name when it exists in B). */
  name: string;
  a: Team | null;
  b: Team | null;
  fields: FieldChange[];
  /** Only roles whose counts differ. */
  roles: RoleCount[];
}

export interface ScenarioDiff {
  fields: FieldChange[];
  teams: TeamDiff[];
  /** Positions per role across the whole scenario, only roles whose counts differ. */
  roles: RoleCount[];
  /** Number of differing rows, for a summary line. */
  changeCount: number;
  identical: boolean;
}

function countRoles(positions: readonly Position[]): Map<RoleId, { total: number; open: number }> {
  const counts = new Map<RoleId, { total: number; open: number }>();
  for (const p of positions) {
    const entry = counts.get(p.role) ?? { total: 0, open: 0 };
    entry.total++;
    if (!p.filled) entry.open++;
    counts.set(p.role, entry);
  }
  return counts;
}

export function diffRoles(a: readonly Position[], b: readonly Position[]): RoleCount[] {
  const ca = countRoles(a);
  const cb = countRoles(b);
  const out: RoleCount[] = [];
  for (const role of ROLE_IDS) {
    const x = ca.get(role) ?? { total: 0, open: 0 };
    const y = cb.get(role) ?? { total: 0, open: 0 };
    if (x.total !== y.total || x.open !== y.open) {
      out.push({ role, label: ROLE_LABELS[role], a: x.total, b: y.total, openA: x.open, openB: y.open });
    }
  }
  return out;
}

function change(field: string, label: string, a: string, b: string, out: FieldChange[]): void {
  if (a !== b) out.push({ field, label, a, b });
}

function headcount(positions: readonly Position[]): { total: number; filled: number; open: number; owners: number } {
  let filled = 0;
  let owners = 0;
  for (const p of positions) {
    if (p.filled) filled++;
    if (p.singleThreadedOwner) owners++;
  }
  return { total: positions.length, filled, open: positions.length - filled, owners };
}

function diffTeamFields(a: Team | null, b: Team | null): FieldChange[] {
  const out: FieldChange[] = [];
  const ha = headcount(a?.positions ?? []);
  const hb = headcount(b?.positions ?? []);
  change('name', 'Name', a?.name ?? '', b?.name ?? '', out);
  change('type', 'Type', a ? TEAM_TYPE_LABELS[a.type] : '', b ? TEAM_TYPE_LABELS[b.type] : '', out);
  change('description', 'Description', a?.description ?? '', b?.description ?? '', out);
  change('positions', 'Positions', a ? String(ha.total) : '', b ? String(hb.total) : '', out);
  change('open', 'Open positions', a ? String(ha.open) : '', b ? String(hb.open) : '', out);
  change('owners', 'Single-threaded owners', a ? String(ha.owners) : '', b ? String(hb.owners) : '', out);
  return out;
}

const normaliseName = (name: string): string => name.trim().toLowerCase();

/** Pairs teams of A and B: by id, then by name; unpaired ones are removed (A) or added (B). */
export function matchTeams(a: readonly Team[], b: readonly Team[]): Array<[Team | null, Team | null]> {
  const bById = new Map(b.map((t) => [t.id, t]));
  const used = new Set<Team>();
  const pairs = new Map<Team, Team>();
  for (const team of a) {
    const match = bById.get(team.id);
    if (match && !used.has(match)) {
      pairs.set(team, match);
      used.add(match);
    }
  }
  for (const team of a) {
    if (pairs.has(team)) continue;
    const match = b.find((t) => !used.has(t) && normaliseName(t.name) === normaliseName(team.name));
    if (match) {
      pairs.set(team, match);
      used.add(match);
    }
  }
  const out: Array<[Team | null, Team | null]> = a.map((team) => [team, pairs.get(team) ?? null]);
  for (const team of b) if (!used.has(team)) out.push([null, team]);
  return out;
}

export function diffScenarios(a: Scenario, b: Scenario): ScenarioDiff {
  const fields: FieldChange[] = [];
  change('name', 'Name', a.name, b.name, fields);
  change('description', 'Description', a.description, b.description, fields);
  change('teams', 'Teams', String(a.teams.length), String(b.teams.length), fields);
  const allA = a.teams.flatMap((t) => t.positions);
  const allB = b.teams.flatMap((t) => t.positions);
  const ha = headcount(allA);
  const hb = headcount(allB);
  change('positions', 'Positions', String(ha.total), String(hb.total), fields);
  change('filled', 'Filled positions', String(ha.filled), String(hb.filled), fields);
  change('open', 'Open positions', String(ha.open), String(hb.open), fields);
  change('owners', 'Single-threaded owners', String(ha.owners), String(hb.owners), fields);

  const teams: TeamDiff[] = matchTeams(a.teams, b.teams).map(([ta, tb]) => {
    const teamFields = diffTeamFields(ta, tb);
    const roles = diffRoles(ta?.positions ?? [], tb?.positions ?? []);
    const status: TeamStatus = !ta ? 'added' : !tb ? 'removed' : teamFields.length || roles.length ? 'changed' : 'unchanged';
    return { status, name: (tb ?? ta)?.name ?? '', a: ta, b: tb, fields: teamFields, roles };
  });
  const roles = diffRoles(allA, allB);
  const changeCount =
    fields.length + roles.length + teams.reduce((n, t) => n + (t.status === 'unchanged' ? 0 : 1), 0);
  return { fields, teams, roles, changeCount, identical: changeCount === 0 };
}
