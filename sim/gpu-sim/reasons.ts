/**
 * Why a workload is not running. Every pending (or admitted but not yet
 * running) workload carries one of these at every moment, so the UI can
 * answer "why is this pending" with Kueue's own vocabulary.
 */

export const Reason = {
  None: 0,
  /** Arrived in this instant and not evaluated yet (never visible after a scheduling pass). */
  NotYetTried: 1,
  /** The request exceeds the queue's unused nominal quota and it has no cohort to borrow from. */
  InsufficientNominalQuota: 2,
  /** It would fit the queue's nominal quota, but borrowers in the cohort hold that quota. */
  NominalQuotaLentOut: 3,
  /** It needs to borrow and the cohort has no unused quota left to lend. */
  CohortHasNothingToLend: 4,
  /** It would take the queue beyond nominalQuota + borrowingLimit. */
  BorrowingLimitReached: 5,
  /** It requests more than the queue can ever hold under this policy. */
  ExceedsMaximumCapacity: 6,
  /** A StrictFIFO queue whose head does not fit blocks the workloads behind it. */
  BehindStrictFIFOHead: 7,
  /** Admitted by quota, but no set of nodes can host its pods ("admitted, unschedulable"). */
  NoNodeFits: 8,
  /** Evicted to make room for another workload; back in the queue. */
  PreemptedBy: 9,
  /** Its preemptions were issued; waiting for the victims to release quota. */
  PendingPreemption: 10,
  /** Requeued after the waitForPodsReady timeout; waiting out the backoff. */
  Backoff: 11,
  /** Deactivated after exceeding waitForPodsReady's backoffLimitCount. */
  Deactivated: 12,
  /** No flavor of the queue matches its node selector or tolerations. */
  FlavorMismatch: 13,
  /** It requests a resource the ClusterQueue does not cover. */
  ResourceNotInQueue: 14,
  /** The ClusterQueue is inactive (e.g. it references an undefined ResourceFlavor). */
  ClusterQueueInactive: 15,
  /** Capacity it fitted at nomination was taken or reserved by another workload in the same cycle. */
  CapacityTakenInCycle: 16,
  /** Not evaluated: the head of its BestEffortFIFO queue fits, but loses the capacity every cycle (another queue's StrictFIFO head reserves it), so Kueue retries that head and never reaches this one. */
  BehindHeldHead: 17,
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];

export const REASON_NAMES: readonly string[] = [
  'None',
  'NotYetTried',
  'InsufficientNominalQuota',
  'NominalQuotaLentOut',
  'CohortHasNothingToLend',
  'BorrowingLimitReached',
  'ExceedsMaximumCapacity',
  'BehindStrictFIFOHead',
  'NoNodeFits',
  'PreemptedBy',
  'PendingPreemption',
  'Backoff',
  'Deactivated',
  'FlavorMismatch',
  'ResourceNotInQueue',
  'ClusterQueueInactive',
  'CapacityTakenInCycle',
  'BehindHeldHead',
];

export type ReasonName =
  | 'None'
  | 'NotYetTried'
  | 'InsufficientNominalQuota'
  | 'NominalQuotaLentOut'
  | 'CohortHasNothingToLend'
  | 'BorrowingLimitReached'
  | 'ExceedsMaximumCapacity'
  | 'BehindStrictFIFOHead'
  | 'NoNodeFits'
  | 'PreemptedBy'
  | 'PendingPreemption'
  | 'Backoff'
  | 'Deactivated'
  | 'FlavorMismatch'
  | 'ResourceNotInQueue'
  | 'ClusterQueueInactive'
  | 'CapacityTakenInCycle'
  | 'BehindHeldHead';

export function reasonName(code: number): ReasonName {
  return (REASON_NAMES[code] ?? 'None') as ReasonName;
}

/** A quota failure as the flavor assigner reports it: what, where, how much. */
export interface QuotaFailure {
  code: Reason;
  /** (flavor, resource) index of the first resource that did not fit, or -1. */
  fr: number;
  /** Amount the workload needed on that fr (Kueue units). */
  needed: number;
  /** Amount available to the queue at that moment. */
  available: number;
  /** Preemption was considered but found no (or too few) candidates. */
  noCandidates: boolean;
}
