/** GPU scheduling simulator with Kueue semantics (issue 6: M10 workloads, M11 simulator). */
export { simulateGpu, GpuSimulation } from './simulator.ts';
export type {
  AtSnapshot,
  CohortSnapshot,
  FlavorResult,
  GpuSimOptions,
  GpuSimProgress,
  GpuSimResult,
  PendingExplanation,
  QueueResult,
  QueueSeries,
  QueueSnapshot,
  SeriesResult,
  ServingResult,
  TeamResult,
  TimelineEntry,
  WaitForPodsReadyOptions,
  WorkloadStateName,
} from './types.ts';
export { tableFromSpecs, WorkloadTable, WORKLOAD_KINDS, type PodSetSpec, type WorkloadKind, type WorkloadSpec } from './workloads.ts';
export {
  arrivals,
  generateWorkloads,
  WEEK_PATTERN,
  WORKDAY_PATTERN,
  type Duration,
  type GenerateOptions,
  type NotebookSpec,
  type ServingSpec,
  type TeamWorkloadSpec,
  type TrainingSpec,
} from './generators.ts';
export {
  DEMAND_SOURCE,
  queueDemands,
  TeamDemandSchema,
  weeklyGpuHours,
  workloadSpecs,
  type DemandOrigin,
  type QueueDemand,
  type TeamDemand,
} from './demand.ts';
export { Prng, drawDiscrete, type Discrete } from './prng.ts';
export { Reason, REASON_NAMES, reasonName, type ReasonName } from './reasons.ts';
export { checkInvariants } from './invariants.ts';
export type { PlacementPolicy } from './nodes.ts';
export type { LocalQueueUsage } from './admission-fair-sharing.ts';
export type { FairStrategy } from './preemption.ts';
export { summarizeGpuResult, type ClusterSummary, type GpuRunSummary, type QueueRunSummary, type SloFigures, type TeamSummary, type UsageFigures, type WaitFigures } from './summary.ts';
export { findQueue, flavorCapacityFloor, promisedQuota, queueLabel, resolveQuota, withNominalQuota, type AnalysisHooks, type AnalysisProgress, type QuotaRef, type AnalysisOptions } from './analysis.ts';
export { compareGpuPolicies, compareOverSeeds, figureDeltas, GpuPolicyComparison, type FigureDeltas, type PolicyComparison, type PolicyComparisonOverSeeds, type SeedPair, type TeamComparison, type TeamComparisonOverSeeds } from './compare.ts';
export { GpuQuotaSweep, sweepNominalQuota, sweepOverSeeds, sweepValues, type SweepOverSeeds, type SweepPoint, type SweepPointOverSeeds, type SweepResult, type SweepSpec, type SweepTeamPoint, type SweepTeamSpread } from './sweep.ts';
export { effectiveP90, GpuQuotaRecommender, meetsWaitTarget, meetsWaitTargetOverSeeds, recommendNominalQuotas, type CapacityCheck, type QuotaRecommendation, type RecommendSpec, type TeamRecommendation } from './recommend.ts';
export { pairedDifference, seedList, seedOf, SPREAD_FIGURES, SPREAD_WORDS, spreadOf, spreadOverSeeds, type ClusterSpread, type GpuRunSpread, type PairedDifference, type QueueSpread, type Spread, type SpreadFigure, type TeamSpread, type UsageSpread } from './seeds.ts';
export { gpuHoursByTeam, gpuHoursByTeamAndFlavor } from './gpu-hours.ts';
