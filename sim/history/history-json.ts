/**
 * The history JSON `podplan history import --out` writes (a `DeliveryHistory`),
 * read back: every member checked, so a hand-edited or foreign file is
 * refused naming the member, not read as half a history.
 */
import { z } from 'zod';
import { INITIATIVE_SIZES } from '../delivery/parameters.ts';
import { parseHistoryDate } from './dates.ts';
import { meaningSchema } from './mapping.ts';
import { HISTORY_FORMATS, type DeliveryHistory } from './types.ts';

const date = z.string().refine((text) => typeof parseHistoryDate(text) === 'number', { message: 'not a date (ISO 8601 expected)' });

const historySchema = z.object({
  format: z.enum(HISTORY_FORMATS),
  source: z.string(),
  statuses: z.array(z.string()),
  items: z.array(
    z.object({
      id: z.string().min(1),
      type: z.string(),
      area: z.string(),
      created: date,
      changes: z.array(z.object({ at: date, status: z.string().min(1) })),
      line: z.number().int(),
    }),
  ),
  mapping: z.object({
    statuses: z.record(z.string(), meaningSchema),
    sizes: z.record(z.string(), z.enum(INITIATIVE_SIZES)),
    areas: z.record(z.string(), z.string()),
  }),
  skipped: z.array(z.object({ line: z.number().int(), message: z.string() })).default([]),
});

/** A parsed history JSON value as a `DeliveryHistory`, or what is wrong with it (the first few members, by path). */
export function parseHistoryJson(value: unknown): { history: DeliveryHistory; errors: [] } | { history?: undefined; errors: string[] } {
  const parsed = historySchema.safeParse(value);
  if (parsed.success) return { history: parsed.data, errors: [] };
  return { errors: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`) };
}
