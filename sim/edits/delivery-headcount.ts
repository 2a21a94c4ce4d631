/**
 * Pure edits of the counterfactual designs' headcounts
 * (`scenario.delivery.designHeadcount`): set a team's people, or unset it
 * (back to the scenario's people re-arranged). Empty objects are dropped, so
 * the file only lists what the user set. Each is one undoable edit.
 */
import type { HeadcountField } from '../delivery/design-load.ts';
import type { DesignKind } from '../delivery/design.ts';
import type { DesignHeadcount, DeliverySection } from '../delivery/schema.ts';
import type { Scenario } from '../scenario/index.ts';

/** The inputs each design offers, in the order shown. */
export const HEADCOUNT_FIELDS: Record<DesignKind, readonly HeadcountField[]> = {
  centralized: ['centralAi', 'productEngineering'],
  pods: ['perPod'],
  'pods-platform': ['perPod', 'platform'],
};

export const HEADCOUNT_FIELD_LABELS: Record<HeadcountField, string> = {
  centralAi: 'Central AI team',
  productEngineering: 'Product engineering',
  perPod: 'Each pod',
  platform: 'AI platform team',
};

type Fields = Partial<Record<HeadcountField, number>>;

export function designHeadcount(scenario: Scenario, design: DesignKind, field: HeadcountField): number | undefined {
  const set = scenario.delivery.designHeadcount?.[design] as Fields | undefined;
  return set?.[field];
}

function withHeadcount(scenario: Scenario, next: DesignHeadcount): Scenario {
  const { designHeadcount: _old, ...rest } = scenario.delivery;
  const delivery: DeliverySection = Object.keys(next).length > 0 ? { ...rest, designHeadcount: next } : rest;
  return { ...scenario, delivery };
}

export function setDesignHeadcount(scenario: Scenario, design: DesignKind, field: HeadcountField, value: number | undefined): Scenario {
  if (!HEADCOUNT_FIELDS[design].includes(field)) return scenario;
  if (designHeadcount(scenario, design, field) === value) return scenario;
  const all: Record<string, Fields> = { ...(scenario.delivery.designHeadcount as Record<string, Fields> | undefined) };
  const fields: Fields = { ...all[design] };
  if (value === undefined) delete fields[field];
  else fields[field] = value;
  if (Object.keys(fields).length > 0) all[design] = fields;
  else delete all[design];
  return withHeadcount(scenario, all as DesignHeadcount);
}

/** Every headcount of one design back to the scenario's people re-arranged. */
export function resetDesignHeadcount(scenario: Scenario, design: DesignKind): Scenario {
  if (!scenario.delivery.designHeadcount?.[design]) return scenario;
  const all: Record<string, Fields> = { ...(scenario.delivery.designHeadcount as Record<string, Fields>) };
  delete all[design];
  return withHeadcount(scenario, all as DesignHeadcount);
}
