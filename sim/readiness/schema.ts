/** Readiness answers as stored in the scenario; every answer may be left open. */
import { z } from 'zod';
import { BOTTLENECKS, MEASUREMENT, OPTIMIZING_FOR } from './questions.ts';

export const ReadinessSchema = z.object({
  /** How many current leaders could own a product with full P&L, data and AI accountability today. */
  ownerCandidates: z.number().int().min(0).max(10_000).optional(),
  optimizingFor: z.enum(OPTIMIZING_FOR).optional(),
  productLevelMeasurement: z.enum(MEASUREMENT).optional(),
  bottleneck: z.enum(BOTTLENECKS).optional(),
  /** Free text: who the candidates are, what was discussed. */
  notes: z.string().max(5000).default(''),
});

export type ReadinessAnswers = z.infer<typeof ReadinessSchema>;

export function emptyReadiness(): ReadinessAnswers {
  return { notes: '' };
}
