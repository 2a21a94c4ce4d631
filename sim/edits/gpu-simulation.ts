/**
 * The GPU simulation tab's saved inputs (`scenario.gpuSimulation`): what the
 * tab reads, with the documented defaults, and the edits it makes, each a
 * plain Scenario → Scenario function so it goes through the editor's undo
 * history and autosave like any other edit.
 */
import { DEFAULT_GPU_SIMULATION, type VariantEdit } from '../gpu-sim/section.ts';
import type { Scenario } from '../scenario/index.ts';
import { applyVariant, gpuQuotaRows } from '../gpu-sim/variant.ts';

export interface GpuSimulationInputs {
  seed: number;
  days: number;
  load: number;
  /** Seeds every figure runs over. */
  seeds: number;
  /** Policy B's edits of ClusterQueues and flavors the policy still has (an edit of a removed queue is ignored). */
  variant: VariantEdit[];
}

export function gpuSimulationInputs(scenario: Scenario): GpuSimulationInputs {
  const section = scenario.gpuSimulation;
  const rows = new Set(gpuQuotaRows(scenario.cluster).map((r) => `${r.clusterQueue}/${r.flavor}`));
  return {
    seed: section.seed ?? DEFAULT_GPU_SIMULATION.seed,
    days: section.days ?? DEFAULT_GPU_SIMULATION.days,
    load: section.load ?? DEFAULT_GPU_SIMULATION.load,
    seeds: section.seeds ?? DEFAULT_GPU_SIMULATION.seeds,
    variant: section.variant.filter((e) => rows.has(`${e.clusterQueue}/${e.flavor}`)),
  };
}

export function setGpuSimulation(scenario: Scenario, patch: Partial<Pick<GpuSimulationInputs, 'seed' | 'days' | 'load' | 'seeds' | 'variant'>>): Scenario {
  const section = scenario.gpuSimulation;
  const next = { ...section, ...patch };
  const same = next.seed === section.seed && next.days === section.days && next.load === section.load && next.seeds === section.seeds && JSON.stringify(next.variant) === JSON.stringify(section.variant);
  return same ? scenario : { ...scenario, gpuSimulation: next };
}

/** Policy B becomes the scenario's policy and B starts afresh (= A): one edit, so one undo restores both. */
export function adoptPolicyB(scenario: Scenario): { scenario: Scenario; adopted: number } {
  const edits = gpuSimulationInputs(scenario).variant;
  if (edits.length === 0) return { scenario, adopted: 0 };
  return { scenario: { ...scenario, cluster: applyVariant(scenario.cluster, edits), gpuSimulation: { ...scenario.gpuSimulation, variant: [] } }, adopted: edits.length };
}
