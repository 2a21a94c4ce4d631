/**
 * Pure edits of the delivery section (`scenario.delivery`): a parameter
 * override, its reset to the documented default, trials and seed. An
 * override equal to the default is removed, so the file only lists what the
 * user changed.
 */
import { DEFAULT_DELIVERY_PARAMETERS, type ScalarParameter } from '../delivery/parameters.ts';
import type { DeliverySection } from '../delivery/schema.ts';
import type { Scenario } from '../scenario/index.ts';

function withDelivery(scenario: Scenario, delivery: DeliverySection): Scenario {
  return { ...scenario, delivery };
}

export function setDeliveryParameter(scenario: Scenario, key: ScalarParameter, value: number | undefined): Scenario {
  const current = scenario.delivery.parameters;
  const next = { ...current };
  if (value === undefined || value === DEFAULT_DELIVERY_PARAMETERS[key]) delete next[key];
  else next[key] = value;
  if (current[key] === next[key]) return scenario;
  return withDelivery(scenario, { ...scenario.delivery, parameters: next });
}

export function resetDeliveryParameters(scenario: Scenario): Scenario {
  if (Object.keys(scenario.delivery.parameters).length === 0) return scenario;
  return withDelivery(scenario, { ...scenario.delivery, parameters: {} });
}

/** `trials: null` clears the stored count: the run then stops when P85 is known within ±2% (the stopping rule). */
export function setDeliveryRun(scenario: Scenario, patch: { trials?: number | null; seed?: number }): Scenario {
  const next: DeliverySection = { ...scenario.delivery };
  if (patch.trials === null) delete next.trials;
  else if (patch.trials !== undefined) next.trials = patch.trials;
  if (patch.seed !== undefined) next.seed = patch.seed;
  if (next.trials === scenario.delivery.trials && next.seed === scenario.delivery.seed) return scenario;
  return withDelivery(scenario, next);
}
