/**
 * Podplan's pending reasons in the words the target Kueue version uses on
 * the Workload. Podplan's reasons are finer (which quota, whose cohort);
 * Kueue reports coarser ones, and they differ by version:
 *
 * - 0.19 names why a Workload has no quota in its QuotaReserved condition
 *   (WaitingForQuota, ExceedsMaxQuota, NoMatchingFlavor,
 *   TopologyPlacementFailed, WaitingForPreemptedWorkloads, Suspended,
 *   PendingEvaluation) — there when the UnadmittedWorkloadsObservability
 *   gate (beta, off by default) is on, and always the words of its events
 *   and kueue_unadmitted_workloads metric.
 * - 0.16 reports QuotaReserved=False with reason "Pending" and a message.
 *
 * Evictions (Evicted condition: Preempted, PodsReadyTimeout, Deactivated)
 * read the same in both. Sources: apis/kueue/v1beta2/workload_types.go and
 * pkg/scheduler/{scheduler.go,flavorassigner/flavorassigner.go} of v0.19.2.
 * A reason Kueue has no word for (a workload admitted whose pods fit no
 * node, a resource the queue does not cover) maps to null: Podplan's own
 * name stands.
 */
import { kueueVersionInfo, type KueueVersion } from '../cluster/kueue-versions.ts';
import type { ReasonName } from './reasons.ts';

export interface KueueReason {
  /** The Workload condition that carries it. */
  condition: 'QuotaReserved' | 'Evicted';
  reason: string;
}

/** 0.19's QuotaReserved reasons. Add a Podplan reason here when Kueue has its word. */
const NAMED_QUOTA_REASONS: Partial<Record<ReasonName, string>> = {
  NotYetTried: 'PendingEvaluation',
  // Behind a StrictFIFO head, a workload is not evaluated: it keeps the reason it had on entering the queue.
  BehindStrictFIFOHead: 'PendingEvaluation',
  BehindHeldHead: 'PendingEvaluation',
  InsufficientNominalQuota: 'WaitingForQuota',
  NominalQuotaLentOut: 'WaitingForQuota',
  CohortHasNothingToLend: 'WaitingForQuota',
  // Usage plus the request beyond nominalQuota + borrowingLimit; the request alone beyond it is ExceedsMaximumCapacity.
  BorrowingLimitReached: 'WaitingForQuota',
  ExceedsMaximumCapacity: 'ExceedsMaxQuota',
  CapacityTakenInCycle: 'WaitingForQuota',
  PendingPreemption: 'WaitingForPreemptedWorkloads',
  FlavorMismatch: 'NoMatchingFlavor',
  // scheduler.go: "ClusterQueue %s is inactive" is reported as Suspended.
  ClusterQueueInactive: 'Suspended',
  TopologyPlacementFailed: 'TopologyPlacementFailed',
};

/** Reasons that are evictions: the Evicted condition's reason, the same in every supported version. */
const EVICTION_REASONS: Partial<Record<ReasonName, string>> = {
  PreemptedBy: 'Preempted',
  Backoff: 'PodsReadyTimeout',
  Deactivated: 'Deactivated',
};

/** Kueue's word for a Podplan reason under the target version, or null when Kueue has none. */
export function kueueReasonFor(reason: ReasonName, version: KueueVersion): KueueReason | null {
  const evicted = EVICTION_REASONS[reason];
  if (evicted !== undefined) return { condition: 'Evicted', reason: evicted };
  const named = NAMED_QUOTA_REASONS[reason];
  if (named === undefined) return null;
  return { condition: 'QuotaReserved', reason: kueueVersionInfo(version).pendingReasons === 'named' ? named : 'Pending' };
}

/** "QuotaReserved: WaitingForQuota", or null: how explanations and the UI quote Kueue. */
export function kueueReasonText(reason: ReasonName, version: KueueVersion): string | null {
  const kueue = kueueReasonFor(reason, version);
  return kueue ? `${kueue.condition}: ${kueue.reason}` : null;
}
