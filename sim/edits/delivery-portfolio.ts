/**
 * Pure edits of the listed portfolio (`scenario.delivery.initiatives`):
 * switch between arrivals at a rate and a list, add, change and remove
 * listed initiatives. Listing starts with one medium initiative per product
 * area, requested when its pod starts, so the switch shows something to edit.
 */
import { defaultPortfolio } from '../delivery/portfolio.ts';
import type { ListedInitiative } from '../delivery/schema.ts';
import type { Scenario } from '../scenario/index.ts';

const withList = (scenario: Scenario, initiatives: ListedInitiative[] | undefined): Scenario => {
  const { initiatives: _old, ...rest } = scenario.delivery;
  return { ...scenario, delivery: initiatives === undefined ? rest : { ...rest, initiatives } };
};

export function listInitiatives(scenario: Scenario): Scenario {
  if (scenario.delivery.initiatives) return scenario;
  const areas = defaultPortfolio(scenario).areas;
  return withList(
    scenario,
    areas.map((a) => ({ name: `${a.name}: first initiative`, size: 'medium', arrivalMonth: a.startMonth, ...(a.teamId ? { areaId: a.id } : {}) })),
  );
}

export function arrivalsAtRate(scenario: Scenario): Scenario {
  return scenario.delivery.initiatives ? withList(scenario, undefined) : scenario;
}

export function addInitiative(scenario: Scenario): Scenario {
  const list = scenario.delivery.initiatives ?? [];
  const last = list.at(-1);
  return withList(scenario, [...list, { name: `Initiative ${list.length + 1}`, size: last?.size ?? 'medium', arrivalMonth: last?.arrivalMonth ?? 1, ...(last?.areaId ? { areaId: last.areaId } : {}) }]);
}

export type InitiativePatch = { name?: string; size?: ListedInitiative['size']; arrivalMonth?: number; areaId?: string | null };

export function updateInitiative(scenario: Scenario, index: number, patch: InitiativePatch): Scenario {
  const list = scenario.delivery.initiatives;
  const current = list?.[index];
  if (!list || !current) return scenario;
  const { areaId, ...rest } = patch;
  const next: ListedInitiative = { ...current, ...rest };
  if (areaId === null) delete next.areaId;
  else if (areaId !== undefined) next.areaId = areaId;
  return withList(scenario, list.map((it, i) => (i === index ? next : it)));
}

export function removeInitiative(scenario: Scenario, index: number): Scenario {
  const list = scenario.delivery.initiatives;
  if (!list || index < 0 || index >= list.length) return scenario;
  return withList(scenario, list.filter((_, i) => i !== index));
}
