/**
 * The mapping step's rows: each status (in workflow order, with how many
 * items entered it), type and area, with what it maps to now, and the
 * choices a select offers. Edits return a new mapping (the store keeps the
 * history and its mapping together).
 */
import { EFFORT_STAGES, EFFORT_STAGE_LABELS, INITIATIVE_SIZES, type InitiativeSize } from '../../../../sim/delivery/parameters.ts';
import { historyCounts, meaningText, parseMeaning, resolveArea, type DeliveryHistory, type HistoryMapping } from '../../../../sim/history/index.ts';

export interface MappingRow {
  name: string;
  items: number;
  /** The select's value: a stage, 'wait:TEAM', 'backlog', 'done', 'ignore' (status); a size (type); a pod id or '' (area). */
  value: string;
}

export interface MeaningChoice {
  value: string;
  label: string;
}

export function statusRows(history: DeliveryHistory): MappingRow[] {
  const counts = historyCounts(history).statuses;
  return history.statuses.map((name) => {
    const meaning = history.mapping.statuses[name];
    return { name, items: counts.get(name) ?? 0, value: meaning ? meaningText(meaning) : '' };
  });
}

export function typeRows(history: DeliveryHistory): MappingRow[] {
  const counts = historyCounts(history).types;
  return [...counts.entries()].filter(([name]) => name !== '').map(([name, items]) => ({ name, items, value: history.mapping.sizes[name] ?? 'medium' }));
}

export function areaRows(history: DeliveryHistory): MappingRow[] {
  const counts = historyCounts(history).areas;
  return [...counts.entries()].filter(([name]) => name !== '').map(([name, items]) => ({ name, items, value: history.mapping.areas[name] ?? '' }));
}

/**
 * What a status may mean: each model stage, waiting for each team named in
 * the mapping (and `extraTeams`, the scenario's), backlog, done, ignore.
 */
export function meaningChoices(mapping: HistoryMapping, extraTeams: readonly string[] = []): MeaningChoice[] {
  const teams = new Set<string>(extraTeams);
  for (const meaning of Object.values(mapping.statuses)) if (meaning.kind === 'waiting') teams.add(meaning.team);
  return [
    { value: 'backlog', label: 'Backlog (before work starts)' },
    ...EFFORT_STAGES.map((stage) => ({ value: stage, label: `Stage: ${EFFORT_STAGE_LABELS[stage]}` })),
    ...[...teams].sort().map((team) => ({ value: `wait:${team}`, label: `Waiting for ${team}` })),
    { value: 'done', label: 'Done (in production)' },
    { value: 'ignore', label: 'Ignore' },
  ];
}

export const SIZE_CHOICES: readonly InitiativeSize[] = INITIATIVE_SIZES;

export function withStatus(mapping: HistoryMapping, status: string, value: string): HistoryMapping {
  const meaning = parseMeaning(value);
  if (typeof meaning === 'string') return mapping;
  return { ...mapping, statuses: { ...mapping.statuses, [status]: meaning } };
}

export function withSize(mapping: HistoryMapping, type: string, size: InitiativeSize): HistoryMapping {
  return { ...mapping, sizes: { ...mapping.sizes, [type]: size } };
}

/** '' unmaps the area (it stays its own area). */
export function withArea(mapping: HistoryMapping, area: string, pod: string): HistoryMapping {
  const areas = { ...mapping.areas };
  if (pod) areas[area] = pod;
  else delete areas[area];
  return { ...mapping, areas };
}

/** Areas named like one of the scenario's pods (its name or id, any case, a trailing "pod"/"team" aside) mapped to it — the rule the calibration reads areas by (`resolveArea`); others left as they are. */
export function withMatchingPods(history: DeliveryHistory, pods: readonly { id: string; name: string }[]): HistoryMapping {
  let mapping = history.mapping;
  for (const { name } of areaRows(history)) {
    if (mapping.areas[name]) continue;
    const pod = resolveArea(mapping, name, pods);
    if (pod) mapping = withArea(mapping, name, pod);
  }
  return mapping;
}
