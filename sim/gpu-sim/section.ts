/**
 * The GPU simulation tab's inputs, saved with the scenario (schema v6; v8
 * demand) like the delivery section: the generated workloads' seed and days,
 * each team's demand (`demand.ts`), and policy B (edits of ClusterQueues' GPU quota fields compared with the
 * scenario's policy A). Saved, they survive a reload and are undoable; the
 * simulation results are derived, never stored.
 */
import { z } from 'zod';
import { QUOTA_FIELDS } from '../cluster/schema.ts';
import { isQuantity } from '../k8s/quantity.ts';
import { TeamDemandSchema } from './demand.ts';

export const VariantEditSchema = z.object({
  clusterQueue: z.string().min(1, 'must not be empty').max(253),
  flavor: z.string().min(1, 'must not be empty').max(253),
  field: z.enum(QUOTA_FIELDS),
  /** A Kubernetes quantity; null unsets a limit (no limit). */
  value: z.string().refine(isQuantity, 'must be a Kubernetes quantity such as 8 or 500m').nullable(),
});

/** What the tab uses when the scenario sets nothing. */
export const DEFAULT_GPU_SIMULATION = { seed: 1, days: 7, seeds: 5 } as const;

/**
 * The one set of bounds of the generated workloads, read by the schema (what
 * a scenario saves), the GPU simulation tab, `podplan simulate gpu` and the
 * run itself (`job.ts`: what a run accepts): they are the same on purpose.
 * Days: a quarter of simulated time. The generators repeat a weekly pattern,
 * so a longer horizon only takes longer; a year of real history is replayed
 * with `--trace`, which has no horizon. A value outside is refused naming
 * the bound, never clamped.
 */
export const GPU_SIMULATION_BOUNDS = {
  seed: { min: 0, max: 2_147_483_647 },
  days: { min: 1, max: 90 },
  /**
   * How many seeds every figure runs over (seed k draws its workloads from
   * seed + k, `seeds.ts`). One is a single run with no spread; 32 keeps a
   * sweep of many values within minutes on two cores.
   */
  seeds: { min: 1, max: 32 },
} as const;

export type GpuSimulationField = keyof typeof GPU_SIMULATION_BOUNDS;

/** The generated workloads' inputs of one run (one seed; `seeds` says how many runs a figure takes, not what one run draws). */
export type GpuSimulationInput = { [K in Exclude<GpuSimulationField, 'seeds'>]: number };

const { seed: seedBounds, days: dayBounds, seeds: seedsBounds } = GPU_SIMULATION_BOUNDS;

const RULES: Readonly<Record<GpuSimulationField, { whole: boolean; words: string }>> = {
  seed: { whole: true, words: `a whole number from ${seedBounds.min} to ${seedBounds.max}` },
  days: { whole: true, words: `a whole number of days from ${dayBounds.min} to ${dayBounds.max}` },
  seeds: { whole: true, words: `a whole number of seeds from ${seedsBounds.min} to ${seedsBounds.max}` },
};

/** Whether a value keeps to its bound, and the bound in words ("a whole number of days from 1 to 90"), so every refusal says the same. */
export function gpuSimulationBound(field: GpuSimulationField): { accepts(n: number): boolean; words: string } {
  const { min, max } = GPU_SIMULATION_BOUNDS[field];
  const { whole, words } = RULES[field];
  return { accepts: (n) => Number.isFinite(n) && (!whole || Number.isInteger(n)) && n >= min && n <= max, words };
}

export const GpuSimulationSectionSchema = z.object({
  seed: z.number().int().min(seedBounds.min).max(seedBounds.max).optional(),
  days: z.number().int().min(dayBounds.min, `must be at least ${dayBounds.min} day`).max(dayBounds.max, `must be at most ${dayBounds.max} days`).optional(),
  /** Each team queue's demand, when not its people's default: at most one per queue. */
  demand: z
    .array(TeamDemandSchema)
    .max(5_000)
    .default([])
    .superRefine((demand, ctx) => {
      const seen = new Set<string>();
      demand.forEach((d, i) => {
        if (seen.has(d.queue)) ctx.addIssue({ code: 'custom', path: [i, 'queue'], message: `a second demand for queue "${d.queue}"` });
        seen.add(d.queue);
      });
    }),
  /** The generated load (share of each queue's nominal GPUs) the v7 → v8 migration froze into `demand`; shown so the user knows where those numbers came from. */
  demandMigratedFromLoad: z.number().optional(),
  /** Seeds every figure runs over (unset = `DEFAULT_GPU_SIMULATION.seeds`); optional, so files saved before it need no migration. */
  seeds: z.number().int().min(seedsBounds.min, `must be at least ${seedsBounds.min} seed`).max(seedsBounds.max, `must be at most ${seedsBounds.max} seeds`).optional(),
  /** Policy B: at most one edit per ClusterQueue, flavor and field. */
  variant: z.array(VariantEditSchema).max(10_000).default([]),
});

export type GpuSimulationSection = z.infer<typeof GpuSimulationSectionSchema>;
export type VariantEdit = z.infer<typeof VariantEditSchema>;

export function emptyGpuSimulationSection(): GpuSimulationSection {
  return { demand: [], variant: [] };
}
