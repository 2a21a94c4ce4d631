/**
 * Readiness answers; every answer may be left open. The answers describe the
 * organisation, not one plan, so the workspace keeps one set that every
 * scenario shares (`scope: 'organisation'`); a scenario may override them
 * visibly (`scope: 'scenario'`). A scenario file carries the answers in
 * effect when it was written, so a file alone (the CLI) still has them.
 */
import { z } from 'zod';
import { BOTTLENECKS, MEASUREMENT, OPTIMIZING_FOR } from './questions.ts';

export const READINESS_SCOPES = ['organisation', 'scenario'] as const;
export type ReadinessScope = (typeof READINESS_SCOPES)[number];

export const ReadinessAnswersSchema = z.object({
  /** How many current leaders could own a product with full P&L, data and AI accountability today. */
  ownerCandidates: z.number().int().min(0).max(10_000).optional(),
  optimizingFor: z.enum(OPTIMIZING_FOR).optional(),
  productLevelMeasurement: z.enum(MEASUREMENT).optional(),
  bottleneck: z.enum(BOTTLENECKS).optional(),
  /** Free text: who the candidates are, what was discussed. */
  notes: z.string().max(5000).default(''),
});

export const ReadinessSchema = ReadinessAnswersSchema.extend({
  /** Whose answers apply: the organisation's (shared by every scenario) or this scenario's own override. */
  scope: z.enum(READINESS_SCOPES).default('organisation'),
});

/** The answers alone (what the organisation keeps, what recommendations read). */
export type ReadinessAnswers = z.infer<typeof ReadinessAnswersSchema>;
/** The answers as a scenario stores them, with their scope. */
export type ScenarioReadiness = z.infer<typeof ReadinessSchema>;

export function emptyReadiness(): ScenarioReadiness {
  return { notes: '', scope: 'organisation' };
}
