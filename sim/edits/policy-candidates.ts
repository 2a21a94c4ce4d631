/**
 * The candidate policies of a GPU policy sweep (`podplan sweep --policies
 * P.json`): named sets of changes to the scenario's quota policy, each made
 * with the policy editor's own edits (`policy.ts`), so a candidate is
 * exactly what the user would get by making those edits in the GPU policy
 * tab. The scenario's own policy is always candidate 0, "baseline": a sweep
 * that does not measure the policy it would replace answers nothing.
 *
 * The file is validated here (zod, strict: a misspelt field is an error, not
 * a change that silently does nothing); every problem names its path in the
 * file, e.g. `candidates[1].changes[0].lendingLimit`.
 */
import { z } from 'zod';
import { GPU_RESOURCE, QUOTA_FIELDS, type Cluster, type QuotaField } from '../cluster/schema.ts';
import { validatePolicy } from '../cluster/validate.ts';
import { isQuantity } from '../k8s/quantity.ts';
import type { Scenario } from '../scenario/index.ts';
import { setFairSharing, setPreemption, setQuota, updateQueue } from './policy.ts';

/** The name of the scenario's own policy among the candidates. */
export const BASELINE = 'baseline';
export const MAX_CANDIDATES = 1_000;

const quantity = z.union([z.string(), z.number().nonnegative()]).transform((v) => String(v)).refine(isQuantity, 'must be a Kubernetes quantity such as 8 or 500m');

const ChangeSchema = z
  .object({
    /** The ClusterQueue's name (as in the manifests). */
    clusterQueue: z.string().min(1, 'must name a ClusterQueue'),
    /** ResourceFlavor of the quota fields below. */
    flavor: z.string().min(1).optional(),
    /** Resource of the quota fields (default nvidia.com/gpu). */
    resource: z.string().min(1).optional(),
    nominalQuota: quantity.optional(),
    /** null unsets the limit (Kueue's default: no limit). */
    borrowingLimit: quantity.nullable().optional(),
    lendingLimit: quantity.nullable().optional(),
    queueingStrategy: z.enum(['StrictFIFO', 'BestEffortFIFO']).optional(),
    preemption: z
      .object({
        withinClusterQueue: z.enum(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority']).optional(),
        reclaimWithinCohort: z.enum(['Never', 'LowerPriority', 'Any']).optional(),
        borrowWithinCohort: z
          .object({ policy: z.enum(['Never', 'LowerPriority']).optional(), maxPriorityThreshold: z.number().int().nullable().optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** The ClusterQueue's fair-sharing weight; null unsets it (weight 1). */
    fairSharingWeight: quantity.nullable().optional(),
  })
  .strict()
  .superRefine((change, ctx) => {
    const quotaFields = QUOTA_FIELDS.filter((f) => change[f] !== undefined);
    if (quotaFields.length && change.flavor === undefined) ctx.addIssue({ code: 'custom', path: ['flavor'], message: `${quotaFields.join(', ')} need the flavor whose quota they change` });
    const any = quotaFields.length > 0 || change.queueingStrategy !== undefined || change.preemption !== undefined || change.fairSharingWeight !== undefined;
    if (!any) ctx.addIssue({ code: 'custom', path: [], message: 'changes nothing: give nominalQuota, borrowingLimit, lendingLimit, queueingStrategy, preemption or fairSharingWeight' });
  });

const CandidateSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(63),
    description: z.string().max(1_000).optional(),
    /** Kueue's fair sharing on or off for this candidate. */
    fairSharing: z.boolean().optional(),
    changes: z.array(ChangeSchema).max(10_000).default([]),
  })
  .strict();

export const PolicyCandidatesSchema = z
  .object({
    candidates: z.array(CandidateSchema).min(1, 'must list at least one candidate (the scenario\'s own policy, "baseline", is always added)').max(MAX_CANDIDATES),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.candidates.forEach((c, i) => {
      if (c.name === BASELINE) ctx.addIssue({ code: 'custom', path: ['candidates', i, 'name'], message: `"${BASELINE}" is the scenario's own policy, always candidate 0: give this candidate another name` });
      const first = seen.get(c.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['candidates', i, 'name'], message: `"${c.name}" is also the name of candidates[${first}]: names must be unique` });
      else seen.set(c.name, i);
    });
  });

export type PolicyCandidates = z.infer<typeof PolicyCandidatesSchema>;
export type PolicyCandidate = PolicyCandidates['candidates'][number];
export type PolicyChange = PolicyCandidate['changes'][number];

export interface CandidateProblem {
  /** Where in the policies file, e.g. `candidates[1].changes[0].flavor`. */
  path: string;
  message: string;
}

/** `['candidates', 1, 'changes', 0, 'flavor']` → `candidates[1].changes[0].flavor`. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(top)';
}

/** The parsed JSON of a policies file, or every problem with its path. */
export function parsePolicyCandidates(value: unknown): { candidates: PolicyCandidates } | { problems: CandidateProblem[] } {
  const parsed = PolicyCandidatesSchema.safeParse(value);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
  return { candidates: parsed.data };
}

class ChangeError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

function applyChange(scenario: Scenario, change: PolicyChange, at: string): Scenario {
  const queue = scenario.cluster.queues.find((q) => q.clusterQueue === change.clusterQueue);
  if (!queue) throw new ChangeError(`${at}.clusterQueue`, `"${change.clusterQueue}" is not a ClusterQueue of the scenario (it has ${scenario.cluster.queues.map((q) => q.clusterQueue).join(', ') || 'none'})`);
  let next = scenario;
  const owner = { kind: 'queue', id: queue.id } as const;
  const fields = QUOTA_FIELDS.filter((f): f is QuotaField => change[f] !== undefined);
  if (fields.length) {
    const resource = change.resource ?? GPU_RESOURCE;
    let cell: { group: number; flavor: number; resource: number } | undefined;
    queue.resourceGroups.forEach((g, gi) =>
      g.flavors.forEach((f, fi) => {
        const ri = f.resources.findIndex((r) => r.name === resource);
        if (f.name === change.flavor && ri >= 0) cell ??= { group: gi, flavor: fi, resource: ri };
      }),
    );
    if (!cell) throw new ChangeError(`${at}.flavor`, `ClusterQueue "${queue.clusterQueue}" has no ${resource} quota on flavor "${change.flavor}"`);
    for (const field of fields) next = setQuota(next, owner, cell, field, change[field] ?? '');
  }
  if (change.queueingStrategy) next = updateQueue(next, queue.id, { queueingStrategy: change.queueingStrategy });
  if (change.fairSharingWeight !== undefined) next = updateQueue(next, queue.id, { fairSharingWeight: change.fairSharingWeight ?? undefined });
  const p = change.preemption;
  if (p) {
    next = setPreemption(next, queue.id, {
      ...(p.withinClusterQueue ? { withinClusterQueue: p.withinClusterQueue } : {}),
      ...(p.reclaimWithinCohort ? { reclaimWithinCohort: p.reclaimWithinCohort } : {}),
      ...(p.borrowWithinCohort?.policy ? { borrowPolicy: p.borrowWithinCohort.policy } : {}),
      ...(p.borrowWithinCohort?.maxPriorityThreshold !== undefined ? { maxPriorityThreshold: p.borrowWithinCohort.maxPriorityThreshold } : {}),
    });
  }
  return next;
}

export interface SweepCandidate {
  name: string;
  cluster: Cluster;
}

/**
 * Every candidate's policy: the scenario's own first ("baseline"), then the file's in order.
 * A change the scenario cannot take (an unknown ClusterQueue, no quota on that flavor) or a
 * resulting policy Kueue would refuse (lendingLimit above nominalQuota, a limit without a cohort)
 * is a problem naming the candidate's path in the file.
 */
export function sweepCandidates(scenario: Scenario, file: PolicyCandidates): { candidates: SweepCandidate[] } | { problems: CandidateProblem[] } {
  const problems: CandidateProblem[] = [];
  const out: SweepCandidate[] = [{ name: BASELINE, cluster: scenario.cluster }];
  file.candidates.forEach((candidate, i) => {
    const at = `candidates[${i}]`;
    let next = scenario;
    try {
      if (candidate.fairSharing !== undefined) next = setFairSharing(next, candidate.fairSharing);
      candidate.changes.forEach((change, j) => (next = applyChange(next, change, `${at}.changes[${j}]`)));
    } catch (error) {
      if (!(error instanceof ChangeError)) throw error;
      problems.push({ path: error.path, message: error.message });
      return;
    }
    for (const issue of validatePolicy(next.cluster)) {
      if (issue.severity === 'error') problems.push({ path: at, message: `candidate "${candidate.name}" makes a policy Kueue would refuse: ${issue.path}: ${issue.message}` });
    }
    out.push({ name: candidate.name, cluster: next.cluster });
  });
  return problems.length ? { problems } : { candidates: out };
}
