/**
 * The GPU simulation tab's saved inputs (`scenario.gpuSimulation`): what the
 * tab reads, with the documented defaults, and the edits it makes, each a
 * plain Scenario → Scenario function so it goes through the editor's undo
 * history and autosave like any other edit.
 */
import { DEFAULT_GPU_SIMULATION, type VariantEdit } from '../gpu-sim/section.ts';
import type { Scenario } from '../scenario/index.ts';
import { applyVariant, gpuQuotaRows } from '../gpu-sim/variant.ts';
import { queueDemands, workloadSpecs, type QueueDemand, type TeamDemand } from '../gpu-sim/demand.ts';
import type { TeamWorkloadSpec } from '../gpu-sim/generators.ts';

export interface GpuSimulationInputs {
  seed: number;
  days: number;
  /** Every team queue's demand, in policy order, and where it came from. */
  demands: QueueDemand[];
  /** The generators' input for those demands (what every run of this scenario generates from). */
  teams: TeamWorkloadSpec[];
  /** Set when the v8 migration froze the old "load × nominal quota" sizing into the demand. */
  migratedFromLoad: number | undefined;
  /** Seeds every figure runs over. */
  seeds: number;
  /** Policy B's edits of ClusterQueues and flavors the policy still has (an edit of a removed queue is ignored). */
  variant: VariantEdit[];
}

export function gpuSimulationInputs(scenario: Scenario): GpuSimulationInputs {
  const section = scenario.gpuSimulation;
  const rows = new Set(gpuQuotaRows(scenario.cluster).map((r) => `${r.clusterQueue}/${r.flavor}`));
  const demands = queueDemands(scenario.cluster, scenario.teams, section.demand);
  return {
    seed: section.seed ?? DEFAULT_GPU_SIMULATION.seed,
    days: section.days ?? DEFAULT_GPU_SIMULATION.days,
    demands,
    teams: workloadSpecs(scenario.cluster, demands),
    migratedFromLoad: section.demandMigratedFromLoad,
    seeds: section.seeds ?? DEFAULT_GPU_SIMULATION.seeds,
    variant: section.variant.filter((e) => rows.has(`${e.clusterQueue}/${e.flavor}`)),
  };
}

export function setGpuSimulation(scenario: Scenario, patch: Partial<Pick<GpuSimulationInputs, 'seed' | 'days' | 'seeds' | 'variant'>>): Scenario {
  const section = scenario.gpuSimulation;
  const next = { ...section, ...patch };
  const same = next.seed === section.seed && next.days === section.days && next.seeds === section.seeds && JSON.stringify(next.variant) === JSON.stringify(section.variant);
  return same ? scenario : { ...scenario, gpuSimulation: next };
}

/** A team queue's demand as the user typed it (saved, marked edited): from then on it no longer follows the team's people. */
export function setTeamDemand(scenario: Scenario, demand: Omit<TeamDemand, 'origin'>): Scenario {
  const section = scenario.gpuSimulation;
  const entry: TeamDemand = { ...structuredClone(demand), origin: 'edited' };
  const at = section.demand.findIndex((d) => d.queue === demand.queue);
  if (at >= 0 && JSON.stringify(section.demand[at]) === JSON.stringify(entry)) return scenario;
  const next = at >= 0 ? section.demand.map((d, i) => (i === at ? entry : d)) : [...section.demand, entry];
  return { ...scenario, gpuSimulation: { ...section, demand: next } };
}

/** Back to the default from the team's people: the saved demand of the queue is dropped. */
export function resetTeamDemand(scenario: Scenario, queue: string): Scenario {
  const section = scenario.gpuSimulation;
  if (!section.demand.some((d) => d.queue === queue)) return scenario;
  return { ...scenario, gpuSimulation: { ...section, demand: section.demand.filter((d) => d.queue !== queue) } };
}

/** Policy B becomes the scenario's policy and B starts afresh (= A): one edit, so one undo restores both. */
export function adoptPolicyB(scenario: Scenario): { scenario: Scenario; adopted: number } {
  const edits = gpuSimulationInputs(scenario).variant;
  if (edits.length === 0) return { scenario, adopted: 0 };
  return { scenario: { ...scenario, cluster: applyVariant(scenario.cluster, edits), gpuSimulation: { ...scenario.gpuSimulation, variant: [] } }, adopted: edits.length };
}

/**
 * What a generated run is and where its demand came from, in words, for
 * stamps and captions: ["7 days of generated workloads, random seed 1",
 * "demand per team: 2 from their people, 1 edited"] (two parts, so a
 * stamp can break between them).
 */
export function generatedDemandParts(inputs: Pick<GpuSimulationInputs, 'days' | 'seed' | 'demands' | 'migratedFromLoad'>): [string, string] {
  const count = (origin: QueueDemand['origin']) => inputs.demands.filter((d) => d.origin === origin).length;
  const parts = [
    count('people') ? `${count('people')} from their people` : '',
    count('edited') ? `${count('edited')} edited` : '',
    count('migrated') ? `${count('migrated')} frozen from the old ${Math.round((inputs.migratedFromLoad ?? 0) * 100)}% load` : '',
    count('none') ? `${count('none')} with none` : '',
  ].filter(Boolean);
  return [`${inputs.days} day${inputs.days === 1 ? '' : 's'} of generated workloads, random seed ${inputs.seed}`, `demand per team: ${parts.join(', ')}`];
}

export function generatedDemandWords(inputs: Parameters<typeof generatedDemandParts>[0]): string {
  const [run, demand] = generatedDemandParts(inputs);
  return `${run} (${demand})`;
}

/** Each queue's demand origin by ClusterQueue, and the load a migration froze (for `podplan simulate gpu --json`). */
export function demandOrigins(inputs: Pick<GpuSimulationInputs, 'demands' | 'migratedFromLoad'>): { queues: Record<string, QueueDemand['origin']>; migratedFromLoad?: number } {
  const queues = Object.fromEntries(inputs.demands.map((d) => [d.clusterQueue, d.origin]));
  return inputs.migratedFromLoad === undefined ? { queues } : { queues, migratedFromLoad: inputs.migratedFromLoad };
}
