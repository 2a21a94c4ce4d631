/**
 * Cost per wave (M5): what the wave's teams cost during the wave's months,
 * and what the whole org costs in the same window.
 */
import { costBetween, type CostBreakdown } from './compute.ts';
import { waveEndMonth } from '../phases/plan.ts';
import type { Wave } from '../phases/schema.ts';

export interface WaveCost {
  waveId: string;
  startMonth: number;
  /** Resolved last month (an open-ended wave runs to the horizon). */
  endMonth: number;
  /** People + GPU of the wave's teams over the wave's months. */
  teamCost: number;
  /** The whole org over the wave's months. */
  orgCost: number;
}

export function waveCosts(waves: readonly Wave[], costs: CostBreakdown): WaveCost[] {
  const index = new Map(costs.teams.map((t, i) => [t.teamId, i]));
  return waves.map((wave) => {
    const end = waveEndMonth(wave, costs.horizonMonths);
    let teamCost = 0;
    const counted = new Set<string>();
    for (const id of wave.teamIds) {
      const i = index.get(id);
      if (i === undefined || counted.has(id)) continue;
      counted.add(id);
      teamCost += costBetween(costs.teams[i]!.monthly, wave.startMonth, end);
    }
    return { waveId: wave.id, startMonth: wave.startMonth, endMonth: end, teamCost, orgCost: costBetween(costs.monthly, wave.startMonth, end) };
  });
}
