/**
 * Where the teams' GPU-hours in Costs come from. Costs charge each team's
 * planned GPU-hours (`team.gpuHoursPerMonth`); the GPU simulation tab can
 * write its simulated figures into them ("Use these GPU-hours in costs").
 * The scenario does not record that it did, so this session remembers what
 * was written: while every team still has exactly those hours, Costs say
 * the use is simulated (and which run); an undo, or any edit of one team's
 * hours, makes it planned again. Not saved: after a reload the hours read as
 * planned (a saved provenance flag is proposed in the issue, not made here).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { CostBreakdown } from '../../sim/cost/compute.ts';
import { scenarioCosts } from '../../sim/cost/scenario-costs.ts';
import type { Scenario } from '../../sim/scenario/index.ts';

export interface GpuAdoption {
  /** Team id → GPU-hours per month written from the simulation. */
  hours: ReadonlyMap<string, number>;
  /** What was simulated, in words ("7 days of generated workloads at 80% load"). */
  run: string;
}

interface GpuUseState {
  /** Scenario id → the last adoption of simulated GPU-hours in this session. */
  adoptions: ReadonlyMap<string, GpuAdoption>;
  record(scenarioId: string, adoption: GpuAdoption): void;
}

export const useGpuUseSource = create<GpuUseState>()((set, get) => ({
  adoptions: new Map(),
  record(scenarioId, adoption) {
    const next = new Map(get().adoptions);
    next.set(scenarioId, adoption);
    set({ adoptions: next });
  },
}));

/** The adoption still in effect for this document (every adopted team has those hours), else null. */
export function adoptionInEffect(doc: Pick<Scenario, 'id' | 'teams'>, adoption: GpuAdoption | undefined): GpuAdoption | null {
  if (!adoption || adoption.hours.size === 0) return null;
  const planned = new Map(doc.teams.map((t) => [t.id, t.gpuHoursPerMonth ?? 0]));
  for (const [team, hours] of adoption.hours) if (planned.get(team) !== hours) return null;
  return adoption;
}

/** The simulated GPU-hours Costs charge for `doc`, or null when its teams' hours are their planned ones. */
export function useAdoptedGpuHours(doc: Pick<Scenario, 'id' | 'teams'>): GpuAdoption | null {
  const adoption = useGpuUseSource((s) => s.adoptions.get(doc.id));
  return adoptionInEffect(doc, adoption);
}

/**
 * The scenario's costs as Costs and GPU capacity show them. While the teams'
 * hours are the ones written from the GPU simulation this session, they are
 * passed as simulated, so the model says where the use comes from; the
 * dollars are the same (they are those very hours).
 */
export function useCostsWithGpuUse(doc: Scenario): { costs: CostBreakdown; adopted: GpuAdoption | null } {
  const adopted = useAdoptedGpuHours(doc);
  const { teams, costModel, phases } = doc;
  const nodePools = doc.cluster.nodePools;
  const hours = adopted?.hours;
  const costs = useMemo(() => scenarioCosts({ teams, costModel, phases, cluster: { nodePools } }, hours ? { simulatedGpuHoursPerMonth: hours } : {}), [teams, costModel, phases, nodePools, hours]);
  return { costs, adopted };
}
