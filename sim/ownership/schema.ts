/**
 * Ownership as stored in the scenario: which teams own each capability. A
 * capability with no entry is unowned. Array defaults are factories (zod
 * hands out defaults as is).
 */
import { z } from 'zod';
import { CAPABILITY_IDS } from './catalog.ts';

export const OwnershipAssignmentSchema = z.object({
  capability: z.enum(CAPABILITY_IDS),
  /** Owning teams; one for a platform capability, each product team for its own product-side items. */
  teamIds: z.array(z.string().min(1).max(200)).max(5_000).default(() => []),
  /** Why it is owned this way, shown in the matrix. */
  note: z.string().max(2000).default(''),
});

export const OwnershipSchema = z.object({
  assignments: z.array(OwnershipAssignmentSchema).max(CAPABILITY_IDS.length * 4).default(() => []),
});

export type OwnershipAssignment = z.infer<typeof OwnershipAssignmentSchema>;
export type Ownership = z.infer<typeof OwnershipSchema>;

export const EMPTY_OWNERSHIP: Ownership = { assignments: [] };
