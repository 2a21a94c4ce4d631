/** Options and results of the GPU scheduling simulator (M11). */
import type { LocalQueueUsage } from './admission-fair-sharing.ts';
import type { SamplePercentiles } from './metrics.ts';
import type { PlacementPolicy } from './nodes.ts';
import type { FairStrategy } from './preemption.ts';
import type { ReasonName } from './reasons.ts';

export interface WaitForPodsReadyOptions {
  /** Seconds an admitted workload may wait for all its pods to run before it is evicted (default 1800 s = 30 min). */
  timeoutSeconds?: number;
  /** Requeue backoff base (default 60 s), doubling with every requeue… */
  backoffBaseSeconds?: number;
  /** …up to this (default 3600 s). */
  backoffMaxSeconds?: number;
  /** Deactivate after this many requeues; unset = requeue forever (Kueue's default). */
  backoffLimitCount?: number;
}

export interface GpuSimProgress {
  simTime: number;
  /** Share of arrivals processed so far (0..1). */
  fraction: number;
  events: number;
}

export interface GpuSimOptions {
  /** Recorded in the result; the engine is deterministic, generators take the seed. */
  seed?: number;
  /** Stop at this simulated time (seconds). Default: when nothing is left to happen. */
  until?: number;
  /** Seconds between series samples; default ≈ horizon / 500 (at least 1 s). */
  sampleInterval?: number;
  /** Times (seconds) at which to report every ClusterQueue's and Cohort's state. */
  at?: readonly number[];
  /** Node choice for pods: 'best-fit' (default) or 'spread'. */
  placement?: PlacementPolicy;
  /** Kueue's waitForPodsReady: evict admitted workloads whose pods cannot all run in time. Default: the policy's target Kueue version's default (0.16 off, 0.19 on). */
  waitForPodsReady?: boolean | WaitForPodsReadyOptions;
  /** Overrides the policy's fairSharing flag; strategies default to [LessThanOrEqualToFinalShare, LessThanInitialShare]. */
  fairSharing?: boolean | { preemptionStrategies?: FairStrategy[] };
  /** Plan month the simulation starts in (capacity changes of the node pools apply from it). Default 1. */
  startMonth?: number;
  /** Record each workload's state and reason changes (default: on up to 20,000 workloads). */
  recordTimelines?: boolean;
  /** Sample GPUs in use per node (default: on up to 2,000 nodes). */
  nodeHeatmap?: boolean;
  /** Called after every event ('event') and after every scheduling pass ('scheduled'); property tests check invariants here. */
  onEvent?: (phase: 'event' | 'scheduled') => void;
  onProgress?: (progress: GpuSimProgress) => void;
  /** Events between progress callbacks and cancellation checks (default 50,000). */
  progressEvery?: number;
  /** Polled with the progress callback; returning true stops the run (result.cancelled). */
  shouldCancel?: () => boolean;
}

export interface QueueResult {
  clusterQueue: string;
  team: string;
  cohort: string | null;
  submitted: number;
  /** Workloads admitted at least once. */
  admitted: number;
  completed: number;
  pendingAtEnd: number;
  admittedAtEnd: number;
  deleted: number;
  deactivated: number;
  /** Seconds from submission to first admission (quota reservation), over admitted workloads. */
  wait: SamplePercentiles;
  /** Seconds from submission to all pods running, over workloads that started. */
  startWait: SamplePercentiles;
  /** Workloads still waiting for their first admission at the end (censored from `wait`). */
  neverAdmitted: number;
  gpuHoursAllocated: number;
  /** GPU-hours allocated per ResourceFlavor (flavors with none left out). */
  gpuHoursByFlavor: Record<string, number>;
  gpuHoursRunning: number;
  borrowedGpuHours: number;
  /** Sampled: the cohort's borrowed GPUs attributed to lenders by their unused lendable quota. */
  lentGpuHours: number;
  /** Times this queue's workloads were preempted. */
  preempted: number;
  /** Preemptions issued by this queue's workloads. */
  preemptionsIssued: number;
  gpuHoursLostToPreemption: number;
  podsReadyEvictions: number;
}

export interface TeamResult {
  team: string;
  clusterQueues: string[];
  submitted: number;
  admitted: number;
  completed: number;
  wait: SamplePercentiles;
  startWait: SamplePercentiles;
  gpuHoursAllocated: number;
  gpuHoursByFlavor: Record<string, number>;
  gpuHoursRunning: number;
  borrowedGpuHours: number;
  lentGpuHours: number;
  preempted: number;
  gpuHoursLostToPreemption: number;
}

export interface ServingResult {
  group: string;
  clusterQueue: string;
  replicaHoursDemanded: number;
  replicaHoursServed: number;
  /** served ÷ demanded replica-hours. */
  attainment: number;
  /** Share of samples (with demand) at which every demanded replica ran. */
  samplesMet: number;
}

export interface QueueSeries {
  clusterQueue: string;
  allocatedGpus: number[];
  runningGpus: number[];
  borrowedGpus: number[];
  lentGpus: number[];
  pending: number[];
}

export interface SeriesResult {
  times: number[];
  queues: QueueSeries[];
  totalGpus: number[];
  allocatedGpus: number[];
  runningGpus: number[];
  idleGpus: number[];
  /** Free GPUs on nodes with fewer free GPUs than the smallest pending pod needs. */
  fragmentedGpus: number[];
  /** Node × time GPUs in use (node-major), when sampled. */
  nodes?: { names: string[]; gpusUsed: number[][] };
}

export interface QueueSnapshot {
  name: string;
  cohort: string | null;
  admitted: number;
  pending: number;
  /** "flavor/resource" → usage in display units (cores for cpu). */
  usage: Record<string, number>;
  /** Kueue's status.fairSharing.weightedShare (integer; Number.MAX_SAFE_INTEGER for a borrowing zero-weight node). */
  weightedShare: number;
  weightedSharePrecise: number;
}

export interface CohortSnapshot extends QueueSnapshot {
  parent: string | null;
}

export interface AtSnapshot {
  time: number;
  clusterQueues: QueueSnapshot[];
  cohorts: CohortSnapshot[];
  /** Admission fair sharing: every LocalQueue's consumed usage (only when a ClusterQueue orders by it). */
  localQueues?: LocalQueueUsage[];
}

export interface FlavorResult {
  flavor: string;
  /** GPUs online at the end. */
  gpus: number;
  gpuHoursAllocated: number;
  gpuHoursRunning: number;
}

export interface PendingExplanation {
  id: string;
  clusterQueue: string;
  state: WorkloadStateName;
  reason: ReasonName;
  /** The same in the target Kueue version's words, e.g. "QuotaReserved: WaitingForQuota" (kueue-reasons.ts); null where Kueue has none. */
  kueueReason: string | null;
  message: string;
  /** The resource whose quota keeps it out (e.g. `memory`), for the quota reasons; null otherwise. */
  resource: string | null;
  since: number;
  preemptedBy: string | null;
  /** Admission fair sharing: the workload's LocalQueue and every LocalQueue of its ClusterQueue with its usage (lower goes first). */
  admissionFairSharing?: { localQueue: string; localQueues: LocalQueueUsage[] };
}

export type WorkloadStateName = 'not-submitted' | 'pending' | 'backoff' | 'admitted-unschedulable' | 'running' | 'finished' | 'deleted' | 'deactivated';

export interface TimelineEntry {
  time: number;
  state: WorkloadStateName;
  reason: ReasonName;
  /** Related workload (preemptor / StrictFIFO head), if any. */
  other: string | null;
}

export interface GpuSimResult {
  seed: number | null;
  endTime: number;
  cancelled: boolean;
  events: number;
  arrivals: number;
  admissions: number;
  preemptions: number;
  schedulingRounds: number;
  /** Instants where scheduling was cut short by the safety bound (0 unless something is badly wrong). */
  stalledInstants: number;
  queues: QueueResult[];
  teams: TeamResult[];
  serving: ServingResult[];
  flavors: FlavorResult[];
  series: SeriesResult;
  at: AtSnapshot[];
  /** Admission fair sharing: every LocalQueue's consumed usage at the end (only when a ClusterQueue orders by it). */
  localQueues?: LocalQueueUsage[];
  /** Free GPUs per topology level of each TAS flavor at each `at` time and at the end (absent without a TAS flavor). */
  topology?: TopologyFragmentation[];
}

/** How a TAS flavor's free GPUs are spread over its topology at one moment: "12 GPUs free, but no rack has 8". */
export interface TopologyFragmentation {
  time: number;
  flavor: string;
  topology: string;
  /** Broadest level first, nodes last. */
  levels: Array<{
    /** The level's node label, and its short word ("rack"). */
    level: string;
    word: string;
    domains: number;
    /** Free GPUs over the whole flavor (the same at every level), and the most free in any one domain of the level. */
    freeGpus: number;
    largestFreeGpus: number;
  }>;
}
