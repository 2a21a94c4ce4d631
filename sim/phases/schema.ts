/**
 * The phase plan as stored in the scenario (M5): waves, the hiring plan per
 * role and the retrospective cadence. Everything on the calendar is derived
 * from these. Object and array defaults are factories (zod hands out
 * defaults as is).
 */
import { z } from 'zod';
import { ROLE_IDS } from '../org/roles.ts';
import { SOURCE_KINDS } from '../org/sources.ts';
import { DEFAULT_GO_NO_GO_MONTH, DEFAULT_WAVES, WAVE_KINDS, WAVE_PURPOSE, defaultHiring } from './defaults.ts';

const month = z.number().int().min(1).max(120);

export const WaveSchema = z.object({
  id: z.string().min(1).max(200),
  kind: z.enum(WAVE_KINDS),
  name: z.string().trim().min(1).max(200),
  startMonth: month,
  /** Last month of the wave (inclusive); unset = runs to the end of the plan. */
  endMonth: month.optional(),
  /** Teams that start in this wave. */
  teamIds: z.array(z.string().min(1).max(200)).max(5_000).default(() => []),
  /** What the wave is for (defaults to the seed's words). */
  goals: z.string().max(5000).default(''),
});

export const HiringRoleSchema = z.object({
  role: z.enum(ROLE_IDS),
  monthsToHire: z.number().min(0).max(36),
  monthsToProductivity: z.number().min(0).max(36),
  source: z.enum(SOURCE_KINDS).default('user'),
  rationale: z.string().max(2000).default(''),
});

export const RetrospectivesSchema = z.object({
  /** A retrospective at the end of every plan month (seed: "Commit to monthly retrospectives"). */
  monthly: z.boolean().default(true),
  /** The guaranteed go/no-go retrospective (seed: "after 3 months"). */
  goNoGoMonth: month.default(DEFAULT_GO_NO_GO_MONTH),
});

export function defaultWaves(): Wave[] {
  return DEFAULT_WAVES.map((w) => ({ ...w, teamIds: [], goals: WAVE_PURPOSE[w.kind] }));
}

export const PhasesSchema = z.object({
  waves: z.array(WaveSchema).max(100).default(() => defaultWaves()),
  hiring: z.array(HiringRoleSchema).max(ROLE_IDS.length * 4).default(() => defaultHiring()),
  retrospectives: RetrospectivesSchema.default(() => ({ monthly: true, goNoGoMonth: DEFAULT_GO_NO_GO_MONTH })),
});

export type Wave = z.infer<typeof WaveSchema>;
export type HiringRole = z.infer<typeof HiringRoleSchema>;
export type Retrospectives = z.infer<typeof RetrospectivesSchema>;
export type Phases = z.infer<typeof PhasesSchema>;

export function defaultPhases(): Phases {
  return PhasesSchema.parse({});
}
