/**
 * Feeding the GPU simulator into the cost model ("use simulated GPU-hours").
 * The cost model prices a team's GPUs as gpuHoursPerMonth × one price per
 * GPU-hour (the node pools' GPU-weighted average, or the model's override).
 * A simulated team used particular flavors at their own prices, so the
 * figure handed to the cost model is the blended-price equivalent: the
 * GPU-hours that cost, at the blended price, what its flavors cost.
 * With an override price the user chose one price for every GPU, so the
 * hours go in unweighted.
 */
import { gpuPricePerHour } from './compute.ts';
import { HOURS_PER_MONTH } from './scenario-costs.ts';

/**
 * What the cost model reads of a GPU simulation's result (GpuSimResult has
 * this shape): the cost model sits below the simulators, so it names only
 * the span and each team's GPU-hours by flavor.
 */
export interface SimulatedGpuUse {
  /** Simulated span, seconds. */
  endTime: number;
  teams: ReadonlyArray<{ team: string; gpuHoursAllocated: number; gpuHoursByFlavor: Readonly<Record<string, number>> }>;
}

export interface PricedPool {
  flavor: string;
  gpusPerNode: number;
  nodeCount: number;
  costPerGpuHour: number;
}

export interface SimulatedTeamGpu {
  team: string;
  /** Over the simulated span. */
  gpuHours: number;
  gpuHoursByFlavor: Record<string, number>;
  /** Scaled from the simulated span to a month. */
  gpuHoursPerMonth: number;
  costPerMonth: number;
  /** What `CostTeam.gpuHoursPerMonth` takes so the cost model charges `costPerMonth`. */
  costModelGpuHoursPerMonth: number;
}

/** GPU-weighted price per GPU-hour of a flavor's node pools; flavors without pools take the blended price. */
export function flavorPrices(pools: readonly PricedPool[], blended: number): (flavor: string) => number {
  const prices = new Map<string, { gpus: number; weighted: number }>();
  for (const pool of pools) {
    const entry = prices.get(pool.flavor) ?? { gpus: 0, weighted: 0 };
    const gpus = pool.gpusPerNode * pool.nodeCount;
    entry.gpus += gpus;
    entry.weighted += gpus * pool.costPerGpuHour;
    prices.set(pool.flavor, entry);
  }
  return (flavor) => {
    const entry = prices.get(flavor);
    return entry && entry.gpus > 0 ? entry.weighted / entry.gpus : blended;
  };
}

export function simulatedGpuHoursPerMonth(result: SimulatedGpuUse, pools: readonly PricedPool[], costModel: { gpuPricePerHour?: number | undefined } = {}): SimulatedTeamGpu[] {
  const blended = gpuPricePerHour(costModel, pools);
  const priceOf = costModel.gpuPricePerHour !== undefined ? () => blended : flavorPrices(pools, blended);
  const months = result.endTime > 0 ? result.endTime / 3600 / HOURS_PER_MONTH : 0;
  return result.teams.map((t) => {
    const perMonth = (hours: number) => (months > 0 ? hours / months : 0);
    let cost = 0;
    for (const [flavor, hours] of Object.entries(t.gpuHoursByFlavor)) cost += hours * priceOf(flavor);
    const costPerMonth = perMonth(cost);
    return {
      team: t.team,
      gpuHours: t.gpuHoursAllocated,
      gpuHoursByFlavor: { ...t.gpuHoursByFlavor },
      gpuHoursPerMonth: perMonth(t.gpuHoursAllocated),
      costPerMonth,
      costModelGpuHoursPerMonth: blended > 0 ? costPerMonth / blended : perMonth(t.gpuHoursAllocated),
    };
  });
}
