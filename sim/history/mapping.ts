/**
 * What the history's statuses, types and areas mean to the delivery model:
 * a first guess from their names (`suggestMapping`), what a mapping leaves
 * unsaid (`mappingIssues`), and the CLI's `--map` specs (`parseMappingArgs`).
 */
import { z } from 'zod';
import { EFFORT_STAGES, INITIATIVE_SIZES, type EffortStage, type InitiativeSize } from '../delivery/parameters.ts';
import type { DeliveryHistory, HistoryMapping, StatusMeaning } from './types.ts';

/** "Ready for X", "Waiting for X": a hand-off queue in front of team X. */
const WAITING = /^\s*(?:ready for|waiting for|waiting on|awaiting|queued for|blocked on|blocked by|handed to|with)\s+(.+?)\s*$/i;

/** Name patterns, tried in this order (the first that matches wins): specific stages before the general "in progress". */
const RULES: readonly [RegExp, StatusMeaning][] = [
  [/\b(cancel+ed|won'?t (do|fix)|rejected|duplicate|abandoned|invalid)\b/, { kind: 'ignore' }],
  // A milestone between stages ("Model validated", "Design approved") is no one's work: its time is the wait for the next stage.
  [/\b(validated|approved|signed off)\b/, { kind: 'ignore' }],
  [/\b(done|closed|released|in production|complete|completed|resolved|shipped|live|delivered)\b/, { kind: 'done' }],
  [/\b(backlog|to ?do|open|new|created|triage|triaged|selected|ready|icebox|proposed|requested|idea)\b/, { kind: 'backlog' }],
  [/\b(discovery|analysis|analyse|analyze|requirements?|research|scoping|refinement|design|spec)\b/, { kind: 'stage', stage: 'discovery' }],
  [/\bdata\b/, { kind: 'stage', stage: 'data' }],
  [/\b(model|modell?ing|training|experiments?|ml|evaluation)\b/, { kind: 'stage', stage: 'model' }],
  [/\b(infra|infrastructure|platform|ops)\b/, { kind: 'stage', stage: 'infrastructure' }],
  [/\b(integration|integrating|testing|test|qa|review|in review|code review|verification|validation|uat|acceptance)\b/, { kind: 'stage', stage: 'integration' }],
  [/\b(deploy|deploying|deployment|release|releasing|rollout|rolling out|staging)\b/, { kind: 'stage', stage: 'deploy' }],
  [/\b(ui|ux|frontend|front-end|backend|back-end|app|application|development|develop|dev|in progress|doing|started|implementation|implementing|build|building|coding|wip)\b/, { kind: 'stage', stage: 'application' }],
];

/** What a status probably means, from its name; 'ignore' when nothing matches. */
export function suggestMeaning(status: string): StatusMeaning {
  const waiting = WAITING.exec(status);
  if (waiting) return { kind: 'waiting', team: waiting[1]! };
  const name = status.toLowerCase().replace(/[_-]+/g, ' ');
  for (const [pattern, meaning] of RULES) if (pattern.test(name)) return meaning;
  return { kind: 'ignore' };
}

const SIZE_RULES: readonly [RegExp, InitiativeSize][] = [
  [/\b(epic|initiative|theme|program|project|new product)\b/, 'large'],
  [/\b(task|sub-?task|bug|defect|improvement|chore|spike)\b/, 'small'],
  [/\b(story|user story|feature)\b/, 'medium'],
];

/** An issue type's initiative size: epics and initiatives large, tasks and bugs small, stories, features and the rest medium. */
export function suggestSize(type: string): InitiativeSize {
  const name = type.toLowerCase();
  for (const [pattern, size] of SIZE_RULES) if (pattern.test(name)) return size;
  return 'medium';
}

/** A first mapping: every status by its name, every type by its name; areas unmapped (each is its own area until the user maps it to a pod). */
export function suggestMapping(history: Pick<DeliveryHistory, 'statuses' | 'items'>): HistoryMapping {
  const statuses: Record<string, StatusMeaning> = {};
  for (const status of history.statuses) statuses[status] = suggestMeaning(status);
  const sizes: Record<string, InitiativeSize> = {};
  for (const item of history.items) if (item.type && !(item.type in sizes)) sizes[item.type] = suggestSize(item.type);
  return { statuses, sizes, areas: {} };
}

/** How many items entered each status; how many have each type and area. */
export function historyCounts(history: Pick<DeliveryHistory, 'items'>): { statuses: Map<string, number>; types: Map<string, number>; areas: Map<string, number> } {
  const statuses = new Map<string, number>();
  const types = new Map<string, number>();
  const areas = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const item of history.items) {
    for (const status of new Set(item.changes.map((c) => c.status))) bump(statuses, status);
    bump(types, item.type);
    bump(areas, item.area);
  }
  return { statuses, types, areas };
}

export interface MappingIssue {
  kind: 'unmapped-status' | 'unknown-status' | 'no-done';
  /** The status named, '' for 'no-done'. */
  status: string;
  message: string;
}

/** What a mapping leaves unsaid for this history: statuses it does not map, statuses it names that the history lacks, no status meaning done. */
export function mappingIssues(history: Pick<DeliveryHistory, 'statuses' | 'items'>, mapping: HistoryMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const counts = historyCounts(history).statuses;
  const items = (status: string) => `${counts.get(status) ?? 0} item${counts.get(status) === 1 ? '' : 's'}`;
  for (const status of history.statuses) {
    if (!(status in mapping.statuses)) issues.push({ kind: 'unmapped-status', status, message: `status "${status}" (${items(status)}) is not mapped` });
  }
  const known = new Set(history.statuses);
  for (const status of Object.keys(mapping.statuses)) {
    if (!known.has(status)) issues.push({ kind: 'unknown-status', status, message: `the mapping names status "${status}", which the history does not have` });
  }
  if (!history.statuses.some((s) => mapping.statuses[s]?.kind === 'done'))
    issues.push({ kind: 'no-done', status: '', message: 'no status is mapped to done: every item would count as still open' });
  return issues;
}

/** A meaning as the CLI and the mapping file write it: a stage name, 'wait:TEAM', 'backlog', 'done' or 'ignore'. */
export function meaningText(meaning: StatusMeaning): string {
  switch (meaning.kind) {
    case 'stage':
      return meaning.stage;
    case 'waiting':
      return `wait:${meaning.team}`;
    default:
      return meaning.kind;
  }
}

/** The meaning a text names, or a message saying what it may be. */
export function parseMeaning(text: string): StatusMeaning | string {
  const value = text.trim();
  const wait = /^(?:wait|waiting)\s*:\s*(.+)$/i.exec(value);
  if (wait) return { kind: 'waiting', team: wait[1]!.trim() };
  const lower = value.toLowerCase();
  if (lower === 'backlog' || lower === 'done' || lower === 'ignore') return { kind: lower };
  if ((EFFORT_STAGES as readonly string[]).includes(lower)) return { kind: 'stage', stage: lower as EffortStage };
  return `"${value}" is not a meaning: expected a stage (${EFFORT_STAGES.join(', ')}), wait:TEAM, backlog, done or ignore`;
}

const copy = (mapping: HistoryMapping): HistoryMapping => ({ statuses: { ...mapping.statuses }, sizes: { ...mapping.sizes }, areas: { ...mapping.areas } });

/**
 * `--map` specs over a base mapping: `Status=stage` (`In Dev=application`),
 * `Ready for AI=wait:Central AI`, `Status=backlog|done|ignore`,
 * `type:Epic=large`, `area:Search=pod-2`. The first `=` separates the name
 * from its meaning (a status named with `=` needs the mapping file).
 */
export function parseMappingArgs(specs: readonly string[], base: HistoryMapping = { statuses: {}, sizes: {}, areas: {} }): { mapping: HistoryMapping; errors: string[] } {
  const mapping = copy(base);
  const errors: string[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? '' : spec.slice(0, eq).trim();
    const value = eq < 0 ? '' : spec.slice(eq + 1).trim();
    if (!name || !value) {
      errors.push(`--map "${spec}": expected NAME=MEANING (e.g. "In Dev=application", "Ready for AI=wait:Central AI", "type:Epic=large", "area:Search=pod-2")`);
      continue;
    }
    const typed = /^(type|area|status)\s*:\s*(.+)$/i.exec(name);
    const kind = typed ? typed[1]!.toLowerCase() : 'status';
    const key = typed ? typed[2]!.trim() : name;
    if (kind === 'type') {
      const size = value.toLowerCase();
      if ((INITIATIVE_SIZES as readonly string[]).includes(size)) mapping.sizes[key] = size as InitiativeSize;
      else errors.push(`--map "${spec}": "${value}" is not a size (small, medium or large)`);
    } else if (kind === 'area') {
      mapping.areas[key] = value;
    } else {
      const meaning = parseMeaning(value);
      if (typeof meaning === 'string') errors.push(`--map "${spec}": ${meaning}`);
      else mapping.statuses[key] = meaning;
    }
  }
  return { mapping, errors };
}

/** A status's meaning as JSON holds it (the mapping file, the history JSON). */
export const meaningSchema = z.union([
  z.object({ kind: z.literal('stage'), stage: z.enum(EFFORT_STAGES) }),
  z.object({ kind: z.literal('waiting'), team: z.string().min(1) }),
  z.object({ kind: z.enum(['backlog', 'done', 'ignore']) }),
]);
const statusValue = z.union([meaningSchema, z.string()]);
const mappingFileSchema = z.object({
  statuses: z.record(z.string(), statusValue).optional(),
  sizes: z.record(z.string(), z.enum(INITIATIVE_SIZES)).optional(),
  areas: z.record(z.string(), z.string().min(1)).optional(),
});

/**
 * A mapping file (`--map-file mapping.json`): `{ statuses, sizes, areas }`,
 * each optional; a status's meaning as an object (`{"kind":"stage","stage":"model"}`)
 * or as the CLI writes it (`"model"`, `"wait:Central AI"`). Over `base`.
 */
export function parseMappingFile(value: unknown, base: HistoryMapping = { statuses: {}, sizes: {}, areas: {} }): { mapping: HistoryMapping; errors: string[] } {
  const parsed = mappingFileSchema.safeParse(value);
  if (!parsed.success) return { mapping: copy(base), errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`) };
  const mapping = copy(base);
  const errors: string[] = [];
  for (const [status, meaning] of Object.entries(parsed.data.statuses ?? {})) {
    const read = typeof meaning === 'string' ? parseMeaning(meaning) : (meaning as StatusMeaning);
    if (typeof read === 'string') errors.push(`statuses.${status}: ${read}`);
    else mapping.statuses[status] = read;
  }
  Object.assign(mapping.sizes, parsed.data.sizes ?? {});
  Object.assign(mapping.areas, parsed.data.areas ?? {});
  return { mapping, errors };
}

/** An area's name for matching: any case, spaces collapsed, a trailing "pod", "team" or "area" aside. */
const plainArea = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s+(pod|team|area)$/, '');

/**
 * The scenario area (its id) an exported team/area belongs to: the mapping's
 * choice, else the area whose name or id reads the same ("Search" is the
 * "Search pod"); undefined when none does. The import dialog's first guess
 * and the calibration read areas through this one rule.
 */
export function resolveArea(mapping: Pick<HistoryMapping, 'areas'>, exported: string, areas: readonly { id: string; name: string }[]): string | undefined {
  const chosen = mapping.areas[exported];
  if (chosen !== undefined) return chosen;
  const plain = plainArea(exported);
  return areas.find((a) => a.id === exported || plainArea(a.name) === plain || plainArea(a.id) === plain)?.id;
}
