/** GPU-hours per team from a run, in total and per ResourceFlavor (what the cost model prices). */
import type { GpuSimResult } from './types.ts';

export function gpuHoursByTeam(result: GpuSimResult): Record<string, number> {
  return Object.fromEntries(result.teams.map((t) => [t.team, t.gpuHoursAllocated]));
}

export function gpuHoursByTeamAndFlavor(result: GpuSimResult): Record<string, Record<string, number>> {
  return Object.fromEntries(result.teams.map((t) => [t.team, { ...t.gpuHoursByFlavor }]));
}
