/**
 * The policy summary in words and bars: amounts with their unit, the
 * over/under-commitment sentence per flavor, and the per-team rows behind
 * the bar chart. Pure, so the sentences are unit-tested.
 */
import { summarisePolicy, type FlavorCommitment, type PolicySummary } from '../../../sim/kueue/policy-summary.ts';
import { GPU_RESOURCE, type Cluster } from '../../../sim/cluster/schema.ts';
import type { Team } from '../../../sim/scenario/index.ts';

export const SUMMARY_RESOURCES = [
  { resource: GPU_RESOURCE, label: 'GPUs' },
  { resource: 'cpu', label: 'CPU cores' },
  { resource: 'memory', label: 'Memory' },
] as const;

function trim(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

const BINARY = [
  ['TiB', 2 ** 40],
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
] as const;

/** "8 GPUs", "1 GPU", "96 cores", "1.5 TiB". Memory comes in bytes. */
export function formatAmount(resource: string, value: number): string {
  if (resource === GPU_RESOURCE) return `${trim(value)} ${value === 1 ? 'GPU' : 'GPUs'}`;
  if (resource === 'cpu') return `${trim(value)} ${value === 1 ? 'core' : 'cores'}`;
  if (resource === 'memory') {
    if (value === 0) return '0 GiB';
    for (const [unit, size] of BINARY) if (Math.abs(value) >= size) return `${trim(value / size)} ${unit}`;
    return `${trim(value)} bytes`;
  }
  return `${trim(value)} ${resource}`;
}

/** The number alone where the unit is clear from context (GPUs, cores); memory keeps its unit, which varies. */
export function formatNumber(resource: string, value: number): string {
  if (resource === 'memory') return formatAmount(resource, value);
  return formatAmount(resource, value).split(' ')[0] ?? String(value);
}

/**
 * One flavor's commitment in words, e.g.
 * "h100: 40 GPUs promised, 32 exist — over-committed by 8".
 */
export function describeCommitment(commitment: FlavorCommitment, resource: string, month: number): string {
  const { flavor, nominal, physical } = commitment;
  const promised = `${flavor}: ${formatAmount(resource, nominal)} promised`;
  switch (commitment.status) {
    case 'over-committed':
      return `${promised}, ${formatNumber(resource, physical)} exist — over-committed by ${formatNumber(resource, nominal - physical)}`;
    case 'under-committed':
      return nominal === 0
        ? `${flavor}: ${formatAmount(resource, physical)} exist, none promised to any queue — all unused unless a queue borrows them`
        : `${promised}, ${formatNumber(resource, physical)} exist — under-committed: ${formatAmount(resource, physical - nominal)} guaranteed to no one`;
    case 'no-capacity':
      return `${promised}, none exist in month ${month} — no node pool provides this flavor`;
    case 'balanced':
      return nominal === 0 && physical === 0
        ? `${flavor}: no quota and no capacity in month ${month}`
        : `${promised}, ${formatNumber(resource, physical)} exist — balanced: every one is guaranteed exactly once`;
  }
}

export interface TeamBar {
  queueId: string;
  /** The team's name when the queue belongs to a team of the scenario, else the ClusterQueue's. */
  label: string;
  clusterQueue: string;
  cohort: string | null;
  guaranteed: number;
  /** All flavors together. */
  maxUsable: number;
  canBorrow: number;
  /** The largest single workload it can ever admit (the most on one flavor: a workload cannot span flavors). */
  largestWorkload: number;
  largestWorkloadFlavor: string | null;
  /** Per flavor, for the table under the bars. */
  flavors: Array<{ flavor: string; guaranteed: number; maxUsable: number; canBorrow: number }>;
}

export interface SummaryView {
  summary: PolicySummary;
  teams: TeamBar[];
  sentences: Array<{ flavor: string; status: FlavorCommitment['status']; text: string }>;
  /** Largest max-usable amount, for a shared bar scale. */
  scaleMax: number;
}

/**
 * Summarises the policy for display. Returns an error message instead when
 * the quotas cannot be computed (a malformed quantity: the inline errors say
 * which).
 */
export function summaryView(cluster: Cluster, teams: readonly Team[], options: { month: number; resource: string }): SummaryView | { error: string } {
  let summary: PolicySummary;
  try {
    summary = summarisePolicy(cluster, options);
  } catch (error) {
    return { error: `The summary needs valid quotas: ${error instanceof Error ? error.message : String(error)}` };
  }
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const bars: TeamBar[] = summary.queues.map((q, i) => {
    const queue = cluster.queues[i];
    const teamName = queue?.teamId ? teamNames.get(queue.teamId) : undefined;
    return {
      queueId: queue?.id ?? q.clusterQueue,
      label: teamName || q.clusterQueue || '(unnamed queue)',
      clusterQueue: q.clusterQueue,
      cohort: q.cohort,
      guaranteed: q.guaranteedTotal,
      maxUsable: q.maxUsableTotal,
      canBorrow: Math.max(0, q.maxUsableTotal - q.guaranteedTotal),
      largestWorkload: q.largestWorkload.amount,
      largestWorkloadFlavor: q.largestWorkload.flavor,
      flavors: q.flavors.map((f) => ({ flavor: f.flavor, guaranteed: f.guaranteed, maxUsable: f.maxUsable, canBorrow: f.canBorrow })),
    };
  });
  return {
    summary,
    teams: bars,
    sentences: summary.flavors.map((f) => ({ flavor: f.flavor, status: f.status, text: describeCommitment(f, summary.resource, summary.month) })),
    scaleMax: Math.max(0, ...bars.map((b) => Math.max(b.maxUsable, b.guaranteed))),
  };
}

/** Months to show in capacity tables: at least a year, and past the last planned change. */
export function capacityMonths(cluster: Pick<Cluster, 'nodePools'>, minimum = 12, maximum = 36): number[] {
  const last = Math.max(0, ...cluster.nodePools.flatMap((p) => p.capacityChanges.map((c) => c.month)));
  const count = Math.min(maximum, Math.max(minimum, last + 3));
  return Array.from({ length: count }, (_, i) => i + 1);
}
