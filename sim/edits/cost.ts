/**
 * Pure edits of the cost model (`scenario.costModel`): the role catalog, the
 * multipliers, the budget cap and its basis, GPU billing and the plan calendar. An edited catalog entry
 * becomes the user's (`source: 'user'`); its default, with the default's
 * source and rationale, stays one click away in the UI and can be restored.
 */
import { COST_DEFAULTS_DOC, DEFAULT_ROLE_COSTS, defaultRoleCost, type RoleCost } from '../cost/catalog.ts';
import { resolveRoleCatalog } from '../cost/compute.ts';
import type { CostModel, StoredRoleCost } from '../cost/schema.ts';
import type { RoleId } from '../org/roles.ts';
import type { SourceKind } from '../org/sources.ts';
import type { Scenario } from '../scenario/index.ts';

export type RoleCostPatch = Partial<Pick<StoredRoleCost, 'min' | 'max' | 'percentile' | 'equityPerYear'>>;
export type CostModelPatch = Partial<
  Pick<CostModel, 'currency' | 'loadedCostMultiplier' | 'regionName' | 'regionMultiplier' | 'planStart' | 'horizonMonths' | 'gpuBilling' | 'budgetCapBasis'>
>;
export type OptionalCostField = 'budgetCapPerYear' | 'gpuPricePerHour';

function withCostModel(scenario: Scenario, costModel: CostModel): Scenario {
  return costModel === scenario.costModel ? scenario : { ...scenario, costModel };
}

/** The catalog entry a role is costed with (the scenario's first entry, else the built-in default). */
export function roleCostOf(model: Pick<CostModel, 'roles'>, role: RoleId): RoleCost {
  return resolveRoleCatalog(model.roles)[role];
}

/** Changes a role's band, percentile or equity; the entry becomes the user's. */
export function updateRoleCost(scenario: Scenario, role: RoleId, patch: RoleCostPatch): Scenario {
  const roles = scenario.costModel.roles;
  const index = roles.findIndex((r) => r.role === role);
  const current: StoredRoleCost = index >= 0 ? roles[index]! : { ...defaultRoleCost(role) };
  const changed = (Object.keys(patch) as (keyof RoleCostPatch)[]).some((key) => patch[key] !== undefined && patch[key] !== current[key]);
  if (!changed) return scenario;
  const next: StoredRoleCost = { ...current, ...patch, source: 'user' };
  const list = index >= 0 ? roles.map((r, i) => (i === index ? next : r)) : [...roles, next];
  return withCostModel(scenario, { ...scenario.costModel, roles: list });
}

/** Puts a role back to its built-in default (band, percentile, equity, source and rationale). */
export function resetRoleCost(scenario: Scenario, role: RoleId): Scenario {
  const roles = scenario.costModel.roles;
  const index = roles.findIndex((r) => r.role === role);
  const fallback = { ...defaultRoleCost(role) };
  if (index < 0) return scenario;
  const current = roles[index]!;
  if (isDefaultRoleCost(current)) return scenario;
  return withCostModel(scenario, { ...scenario.costModel, roles: roles.map((r, i) => (i === index ? fallback : r)) });
}

/** True when an entry equals its role's built-in default in every figure and its source. */
export function isDefaultRoleCost(entry: Pick<StoredRoleCost, 'role' | 'min' | 'max' | 'percentile' | 'equityPerYear' | 'source'>): boolean {
  const d = DEFAULT_ROLE_COSTS.find((r) => r.role === entry.role);
  return !!d && d.min === entry.min && d.max === entry.max && d.percentile === entry.percentile && d.equityPerYear === entry.equityPerYear && d.source === entry.source;
}

export function updateCostModel(scenario: Scenario, patch: CostModelPatch): Scenario {
  const model = scenario.costModel;
  const changed = (Object.keys(patch) as (keyof CostModelPatch)[]).some((key) => patch[key] !== undefined && patch[key] !== model[key]);
  return changed ? withCostModel(scenario, { ...model, ...patch }) : scenario;
}

/** Sets the budget cap or the GPU price; null unsets it (no cap; the node pools' average price). */
export function setOptionalCost(scenario: Scenario, field: OptionalCostField, value: number | null): Scenario {
  const model = scenario.costModel;
  if (value === null) {
    if (model[field] === undefined) return scenario;
    const copy = { ...model };
    delete copy[field];
    return withCostModel(scenario, copy);
  }
  return model[field] === value ? scenario : withCostModel(scenario, { ...model, [field]: value });
}

export interface FieldSource {
  kind: SourceKind;
  rationale: string;
}

/** Where a scalar of the cost model comes from: its documented default, or the user when it differs. */
export function costFieldSource(field: 'loadedCostMultiplier' | 'regionMultiplier' | 'horizonMonths', value: number): FieldSource {
  const doc = COST_DEFAULTS_DOC.find((d) => d.field === field);
  if (!doc) return { kind: 'user', rationale: 'Set in this scenario.' };
  if (doc.value === value) return { kind: doc.source, rationale: doc.rationale };
  return { kind: 'user', rationale: `Set in this scenario. The default is ${doc.value}: ${doc.rationale}` };
}
