/**
 * The scenario: everything a user models, in one versioned document. This is
 * the single source of truth that every boundary (API, file, database row)
 * validates against; derived figures (costs, simulations) are never stored.
 */
import { z } from 'zod';
import { ROLE_IDS } from '../org/roles.ts';
import { TEAM_TYPES } from '../org/team-types.ts';
import { ClusterSchema, EMPTY_CLUSTER } from '../cluster/schema.ts';
import { CostModelSchema, defaultCostModel } from '../cost/schema.ts';
import { DeliverySectionSchema, emptyDeliverySection } from '../delivery/schema.ts';
import { emptyGpuSimulationSection, GpuSimulationSectionSchema } from '../gpu-sim/section.ts';
import { OwnershipSchema } from '../ownership/schema.ts';
import { defaultPhases, PhasesSchema } from '../phases/schema.ts';
import { emptyReadiness, ReadinessSchema } from '../readiness/schema.ts';

/** Bump with a migration in `migrate.ts` whenever the shape changes. */
export const SCENARIO_SCHEMA_VERSION = 9;

/** Files larger than this are refused before parsing (a scenario is a plan, not a data dump). */
export const MAX_SCENARIO_FILE_BYTES = 20 * 1024 * 1024;

/** Positions one team may have, and teams one scenario may have (also what a v1 file's headcounts are checked against before migrating). */
export const MAX_POSITIONS_PER_TEAM = 10_000;
export const MAX_TEAMS = 5_000;

const id = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const PositionSchema = z.object({
  id,
  role: z.enum(ROLE_IDS),
  /** Free text shown in the org chart, e.g. "Staff recsys engineer". */
  title: z.string().max(200).default(''),
  personName: z.string().max(200).default(''),
  filled: z.boolean().default(true),
  /** Month (1-based, relative to the plan start) an open position is expected to be filled. */
  hireMonth: z.number().int().min(1).max(120).optional(),
  /** The pod's single-threaded owner (seed "2-pizza AI teams"). */
  singleThreadedOwner: z.boolean().default(false),
  /** Where in the role's salary band this position is costed (0–100); unset = the role's percentile. */
  salaryPercentile: z.number().min(0).max(100).optional(),
});

export const TeamSchema = z.object({
  id,
  name,
  type: z.enum(TEAM_TYPES),
  description: z.string().max(5000).default(''),
  positions: z.array(PositionSchema).max(MAX_POSITIONS_PER_TEAM),
  /** GPU-hours the team uses per month, costed at the price per GPU-hour; unset = none. */
  gpuHoursPerMonth: z.number().min(0).max(100_000_000).optional(),
});

export const ScenarioSchema = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    id,
    name,
    description: z.string().max(20_000).default(''),
    teams: z.array(TeamSchema).max(MAX_TEAMS),
    /** GPU capacity and quota policy (M8, M9): node pools, flavors, cohorts, team queues. */
    cluster: ClusterSchema.default(() => structuredClone(EMPTY_CLUSTER)),
    /** Role catalog, multipliers, budget cap and plan calendar (M3). Costs are derived, never stored. */
    costModel: CostModelSchema.default(() => defaultCostModel()),
    /** Waves, hiring plan and retrospectives (M5). */
    phases: PhasesSchema.default(() => defaultPhases()),
    /** Which team owns each capability of the AI platform stack (M4). */
    ownership: OwnershipSchema.default(() => ({ assignments: [] })),
    /** Answers to the article's tough questions (M7): the organisation's, or this scenario's override. */
    readiness: ReadinessSchema.default(() => emptyReadiness()),
    /** Delivery simulation overrides, trials and seed (M6). Results are derived, never stored. */
    delivery: DeliverySectionSchema.default(() => emptyDeliverySection()),
    /** GPU simulation inputs: generated workloads' seed, days and load; policy B's quota edits (M10). Results are derived, never stored. */
    gpuSimulation: GpuSimulationSectionSchema.default(() => emptyGpuSimulationSection()),
  })
  .superRefine((scenario, ctx) => {
    // Plain loops: this runs on every save of scenarios with thousands of positions.
    const teamIds = new Set<string>();
    const positionIds = new Set<string>();
    const teams = scenario.teams;
    for (let t = 0; t < teams.length; t++) {
      const team = teams[t]!;
      if (teamIds.has(team.id)) ctx.addIssue({ code: 'custom', path: ['teams', t, 'id'], message: `duplicate team id "${team.id}"` });
      teamIds.add(team.id);
      const positions = team.positions;
      for (let p = 0; p < positions.length; p++) {
        const id = positions[p]!.id;
        if (positionIds.has(id)) ctx.addIssue({ code: 'custom', path: ['teams', t, 'positions', p, 'id'], message: `duplicate position id "${id}"` });
        positionIds.add(id);
      }
    }
  });

export type Scenario = z.infer<typeof ScenarioSchema>;

/**
 * The planning sections (v4, and v5's delivery section) with their defaults (fresh objects each call),
 * for code that builds a Scenario literal: `{ ...fields, ...defaultPlanning() }`.
 */
export function defaultPlanning(): Pick<Scenario, 'costModel' | 'phases' | 'ownership' | 'readiness' | 'delivery' | 'gpuSimulation'> {
  return { costModel: defaultCostModel(), phases: defaultPhases(), ownership: { assignments: [] }, readiness: emptyReadiness(), delivery: emptyDeliverySection(), gpuSimulation: emptyGpuSimulationSection() };
}
export type Team = z.infer<typeof TeamSchema>;
export type Position = z.infer<typeof PositionSchema>;
