/** Kueue's pending reasons in the user's words, for the pending list and a workload's timeline. */
import type { ReasonName, TimelineEntry, WorkloadStateName } from '../../../../sim/gpu-sim/index.ts';

const REASON_WORDS: Record<ReasonName, string> = {
  None: 'no reason',
  NotYetTried: 'submitted, not evaluated yet',
  InsufficientNominalQuota: 'insufficient nominal quota',
  NominalQuotaLentOut: 'nominal quota lent out to borrowers',
  CohortHasNothingToLend: 'cohort has nothing to lend',
  BorrowingLimitReached: 'borrowing limit reached',
  ExceedsMaximumCapacity: 'exceeds what the queue can ever hold',
  BehindStrictFIFOHead: 'behind a StrictFIFO head',
  NoNodeFits: 'no node fits',
  PreemptedBy: 'preempted',
  PendingPreemption: 'waiting for its preemptions',
  Backoff: 'in backoff after a waitForPodsReady timeout',
  Deactivated: 'deactivated',
  FlavorMismatch: 'no flavor matches',
  ResourceNotInQueue: 'requests a resource the queue does not cover',
  ClusterQueueInactive: 'ClusterQueue inactive',
  CapacityTakenInCycle: 'capacity taken by another workload in the same cycle',
  BehindHeldHead: "behind its queue's head, which loses its capacity to a reservation every cycle",
};

const STATE_WORDS: Record<WorkloadStateName, string> = {
  'not-submitted': 'not submitted',
  pending: 'pending',
  backoff: 'backoff',
  'admitted-unschedulable': 'admitted, unschedulable',
  running: 'running',
  finished: 'finished',
  deleted: 'deleted',
  deactivated: 'deactivated',
};

/** Quota reasons that name a resource: "exceeds what the queue can ever hold (memory)". */
const QUOTA_REASONS: ReadonlySet<ReasonName> = new Set<ReasonName>(['ExceedsMaximumCapacity', 'NominalQuotaLentOut', 'CohortHasNothingToLend', 'BorrowingLimitReached']);

export function reasonWords(reason: ReasonName, other: string | null = null, resource: string | null = null): string {
  if (reason === 'PreemptedBy') return other ? `preempted by ${other}` : 'preempted';
  if (reason === 'BehindStrictFIFOHead' && other) return `behind the StrictFIFO head ${other}`;
  if (reason === 'BehindHeldHead' && other) return `behind ${other}, which loses its capacity to a reservation every cycle`;
  const words = REASON_WORDS[reason] ?? reason;
  return resource && QUOTA_REASONS.has(reason) ? `${words} (${resource})` : words;
}

export function stateWords(state: WorkloadStateName): string {
  return STATE_WORDS[state] ?? state;
}

/** One line of a timeline: "pending: borrowing limit reached", or just the state when it carries no reason. */
export function timelineWords(entry: Pick<TimelineEntry, 'state' | 'reason' | 'other'>): string {
  const waiting = entry.state === 'pending' || entry.state === 'backoff' || entry.state === 'admitted-unschedulable' || entry.state === 'deactivated';
  return waiting && entry.reason !== 'None' ? `${stateWords(entry.state)}: ${reasonWords(entry.reason, entry.other)}` : stateWords(entry.state);
}
