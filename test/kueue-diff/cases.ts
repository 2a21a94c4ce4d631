/**
 * The differential test's case format (cases/*.json), read by the Go driver
 * (cases.go) and by the simulator's side (to-simulator.ts), and the format of
 * the reference outputs the driver writes (reference/<kueue version>/*.json).
 * GPUs (`nvidia.com/gpu`) on one ResourceFlavor are the only resource.
 */
import { z } from 'zod';

const policy = <T extends [string, ...string[]]>(values: T) => z.enum(values).optional();

const QuotaSchema = z.strictObject({
  nominalQuota: z.number().int().min(0),
  borrowingLimit: z.number().int().min(0).optional(),
  lendingLimit: z.number().int().min(0).optional(),
});

const CohortSchema = z.strictObject({
  name: z.string().min(1),
  parent: z.string().min(1).optional(),
  /** Fair-sharing weight as a Kubernetes quantity; unset = 1. */
  weight: z.string().optional(),
  /** The cohort's own quota. */
  quota: QuotaSchema.optional(),
});

const ClusterQueueSchema = z.strictObject({
  name: z.string().min(1),
  cohort: z.string().min(1).optional(),
  quota: QuotaSchema,
  queueingStrategy: policy(['StrictFIFO', 'BestEffortFIFO']),
  preemption: z.strictObject({
    withinClusterQueue: policy(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority']),
    reclaimWithinCohort: policy(['Never', 'LowerPriority', 'Any']),
    borrowWithinCohort: policy(['Never', 'LowerPriority']),
    maxPriorityThreshold: z.number().int().optional(),
  }),
  weight: z.string().optional(),
});

const StepSchema = z.union([
  z.strictObject({
    create: z.strictObject({
      name: z.string().min(1),
      queue: z.string().min(1),
      /** GPUs per pod. */
      gpus: z.number().int().min(1),
      pods: z.number().int().min(1).optional(),
      priority: z.number().int(),
    }),
  }),
  z.strictObject({ finish: z.string().min(1) }),
]);

export const DiffCaseSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  /** Kueue's Configuration fairSharing: on or off for the whole case. */
  fairSharing: z.boolean(),
  preemptionStrategies: z.array(z.enum(['LessThanOrEqualToFinalShare', 'LessThanInitialShare'])).optional(),
  cohorts: z.array(CohortSchema),
  clusterQueues: z.array(ClusterQueueSchema),
  steps: z.array(StepSchema).min(1),
});

export type DiffCase = z.infer<typeof DiffCaseSchema>;
export type DiffStep = z.infer<typeof StepSchema>;

const OutcomeSchema = z.object({
  admitted: z.array(z.string()),
  pending: z.array(z.string()),
  weightedShares: z.object({ clusterQueues: z.record(z.string(), z.number()), cohorts: z.record(z.string(), z.number()) }).optional(),
});

export const ReferenceSchema = z.object({
  case: z.string(),
  kueueVersion: z.string(),
  fairSharing: z.boolean(),
  steps: z.array(
    z.object({
      step: z.number().int(),
      action: z.string(),
      outcome: OutcomeSchema,
      unstable: z.boolean().optional(),
      secondRun: OutcomeSchema.optional(),
      error: z.string().optional(),
    }),
  ),
});

export type Outcome = z.infer<typeof OutcomeSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;

/** Parses a case file, naming the file and field at fault. */
export function parseCase(file: string, json: unknown): DiffCase {
  const parsed = DiffCaseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
