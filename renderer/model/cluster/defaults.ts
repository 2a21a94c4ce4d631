/**
 * Where a value comes from when the user did not choose it: Kueue's and
 * Kubernetes' documented defaults, shown beside the fields ("Kueue default")
 * and as the placeholder of unset optional quantities, with a short "what it
 * means" for each choice of the selects.
 */
import type { PriorityClass, TeamQueue } from '../../../sim/cluster/schema.ts';

export interface DefaultSource {
  /** Shown next to the field: "Kueue default". */
  label: string;
  /** Where it is documented. */
  reference: string;
}

const KUEUE_CLUSTER_QUEUE: DefaultSource = {
  label: 'Kueue default',
  reference: 'kueue.sigs.k8s.io/docs/concepts/cluster_queue',
};
const KUEUE_FAIR_SHARING: DefaultSource = {
  label: 'Kueue default',
  reference: 'kueue.sigs.k8s.io/docs/concepts/fair_sharing',
};
const KUBERNETES_PRIORITY: DefaultSource = {
  label: 'Kubernetes default',
  reference: 'kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption',
};

/** Kueue's defaults for a ClusterQueue's fields (v1beta2). */
export const KUEUE_DEFAULTS = {
  queueingStrategy: 'BestEffortFIFO',
  withinClusterQueue: 'Never',
  reclaimWithinCohort: 'Never',
  borrowWithinCohort: 'Never',
  whenCanBorrow: 'MayStopSearch',
  whenCanPreempt: 'TryNextFlavor',
  fairSharingWeight: '1',
} as const satisfies Record<string, string>;

export type DefaultedField = keyof typeof KUEUE_DEFAULTS;

/** The source of a select's value when it equals the default, else null. */
export function defaultSource(field: DefaultedField, value: string | undefined): DefaultSource | null {
  if (value !== undefined && value !== KUEUE_DEFAULTS[field]) return null;
  return field === 'fairSharingWeight' ? KUEUE_FAIR_SHARING : KUEUE_CLUSTER_QUEUE;
}

export function priorityPolicySource(value: PriorityClass['preemptionPolicy']): DefaultSource | null {
  return value === 'PreemptLowerPriority' ? KUBERNETES_PRIORITY : null;
}

/** What an unset quota limit means, per Kueue (placeholder and tooltip of the empty input). */
export const UNSET_LIMITS = {
  borrowingLimit: { placeholder: 'no limit', help: 'Unset (Kueue default): may borrow everything the cohort lends.' },
  lendingLimit: { placeholder: 'lends all', help: 'Unset (Kueue default): lends all of its unused nominal quota.' },
} as const;

export const FAIR_SHARING_FLAG_SOURCE: DefaultSource = { label: 'Kueue default: off', reference: 'kueue.sigs.k8s.io/docs/concepts/fair_sharing' };

type Options<T extends string> = ReadonlyArray<{ value: T; label: string; help: string }>;

export const QUEUEING_STRATEGIES: Options<TeamQueue['queueingStrategy']> = [
  { value: 'BestEffortFIFO', label: 'BestEffortFIFO', help: 'A head that does not fit does not block the rest.' },
  { value: 'StrictFIFO', label: 'StrictFIFO', help: 'A head that does not fit blocks the queue.' },
];

export const WITHIN_CLUSTER_QUEUE: Options<TeamQueue['preemption']['withinClusterQueue']> = [
  { value: 'Never', label: 'Never', help: 'Never preempts its own workloads.' },
  { value: 'LowerPriority', label: 'LowerPriority', help: 'Preempts its lower-priority workloads.' },
  { value: 'LowerOrNewerEqualPriority', label: 'LowerOrNewerEqualPriority', help: 'Also newer ones of equal priority.' },
];

export const RECLAIM_WITHIN_COHORT: Options<TeamQueue['preemption']['reclaimWithinCohort']> = [
  { value: 'Never', label: 'Never', help: 'Never takes quota back from borrowers.' },
  { value: 'LowerPriority', label: 'LowerPriority', help: 'Takes quota back from lower-priority borrowers.' },
  { value: 'Any', label: 'Any', help: 'Takes quota back from any borrower.' },
];

export const BORROW_WITHIN_COHORT: Options<TeamQueue['preemption']['borrowWithinCohort']['policy']> = [
  { value: 'Never', label: 'Never', help: 'Does not preempt in order to borrow.' },
  { value: 'LowerPriority', label: 'LowerPriority', help: 'Preempts lower priority in the cohort to borrow.' },
];

export const FUNGIBILITY: Options<TeamQueue['flavorFungibility']['whenCanBorrow']> = [
  { value: 'MayStopSearch', label: 'MayStopSearch', help: 'Stops at the first flavor that fits.' },
  { value: 'TryNextFlavor', label: 'TryNextFlavor', help: 'Tries the next flavors first.' },
];

export const PRIORITY_POLICIES: Options<PriorityClass['preemptionPolicy']> = [
  { value: 'PreemptLowerPriority', label: 'PreemptLowerPriority', help: 'Pods of this class may preempt lower-priority pods.' },
  { value: 'Never', label: 'Never', help: 'Pods of this class wait instead of preempting.' },
];

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** Resources commonly covered by a queue or limited by a namespace quota (suggestions for the inputs). */
export const RESOURCE_SUGGESTIONS = ['cpu', 'memory', 'nvidia.com/gpu', 'ephemeral-storage', 'pods'] as const;
export const NAMESPACE_QUOTA_SUGGESTIONS = [
  'requests.nvidia.com/gpu',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
  'pods',
  'persistentvolumeclaims',
] as const;

const KUEUE_AFS_DOCS = 'kueue.sigs.k8s.io/docs/concepts/admission_fair_sharing';

/** Where admission fair sharing's values come from (Kueue's docs, its Configuration API and its example manager config). */
export const ADMISSION_FAIR_SHARING_SOURCES = {
  feature: { label: 'Kueue default: off', reference: `${KUEUE_AFS_DOCS} (on when Kueue's Configuration has admissionFairSharing)` },
  usageHalfLifeTime: { label: "Kueue's example: 168h", reference: `${KUEUE_AFS_DOCS}; Configuration.admissionFairSharing.usageHalfLifeTime has no default (0 resets usage)` },
  usageSamplingInterval: { label: 'Kueue default: 5m', reference: `${KUEUE_AFS_DOCS}; Configuration.admissionFairSharing.usageSamplingInterval` },
  resourceWeight: { label: 'Kueue default: 1', reference: `${KUEUE_AFS_DOCS}; Configuration.admissionFairSharing.resourceWeights` },
  localQueueWeight: { label: 'Kueue default: 1', reference: `${KUEUE_AFS_DOCS}; LocalQueue spec.fairSharing.weight` },
  admissionScope: { label: 'Kueue default: none', reference: `${KUEUE_AFS_DOCS}; ClusterQueue spec.admissionScope` },
} as const satisfies Record<string, DefaultSource>;

export const ADMISSION_MODES: Options<'' | NonNullable<TeamQueue['admissionScope']>['admissionMode']> = [
  { value: '', label: '(none)', help: 'Priority, then creation time.' },
  { value: 'UsageBasedAdmissionFairSharing', label: 'UsageBasedAdmissionFairSharing', help: 'The LocalQueue that used less lately goes first, then priority and time.' },
  { value: 'NoAdmissionFairSharing', label: 'NoAdmissionFairSharing', help: 'Says so explicitly: priority, then creation time.' },
];
