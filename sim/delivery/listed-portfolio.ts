/**
 * The portfolio a scenario asks for: its product areas (the pods, see
 * `defaultPortfolio`) and, when the user listed initiatives, those instead
 * of Poisson arrivals. A listed initiative names its area by the pod's id, so
 * reordering teams does not move it; an area that no longer exists falls
 * back to round-robin, and says so. An empty list keeps the arrival rate.
 */
import type { DeliveryScenario } from './design.ts';
import { defaultPortfolio, type Portfolio } from './portfolio.ts';
import type { ListedInitiative } from './schema.ts';

export interface ScenarioPortfolio {
  portfolio: Portfolio;
  /** Listed initiatives whose area is gone (by index in the list). */
  orphaned: number[];
}

export function scenarioPortfolio(scenario: Pick<DeliveryScenario, 'teams' | 'phases'>, listed: readonly ListedInitiative[] | undefined): ScenarioPortfolio {
  const base = defaultPortfolio(scenario);
  // An empty list is a list being written: the rate applies until it has an initiative (the UI says so).
  if (listed === undefined || listed.length === 0) return { portfolio: base, orphaned: [] };
  const orphaned: number[] = [];
  const initiatives = listed.map((it, i) => {
    const area = it.areaId === undefined ? -1 : base.areas.findIndex((a) => a.id === it.areaId);
    if (it.areaId !== undefined && area < 0) orphaned.push(i);
    return { name: it.name, size: it.size, arrivalMonth: it.arrivalMonth, ...(area >= 0 ? { area } : {}) };
  });
  return { portfolio: { areas: base.areas, initiatives }, orphaned };
}
