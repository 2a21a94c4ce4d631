/**
 * The recommender: the smallest nominal quotas that keep each team's P90
 * wait under its target on this workload.
 *
 * Search. Each targeted team's quota (one flavor and resource, in steps of
 * `step`) is bisected over [0, max] with the other teams' quotas fixed,
 * assuming a team waits less as its own quota grows; teams go in policy
 * order. A team's new quota changes what it lends, so the others' results
 * may move: rounds repeat until a round changes nothing (a fixed point) or
 * `maxRounds` is reached. Every run uses the same workload and options, so
 * each is deterministic and a repeated quota vector is not simulated again.
 * Runs are bounded by `maxRuns`. A final run at the recommended quotas says
 * which targets are met; a team whose target is missed even at `max` keeps
 * `max` and is reported unmet.
 *
 * Kueue's dynamics can make a team's wait non-monotone in its own quota
 * (what it borrows, lends and has reclaimed shifts with it); then the rounds
 * may not settle, and the recommendation is the best quota vector simulated:
 * the most targets met, then the fewest quota units (`choice: 'best-seen'`).
 *
 * "Under target": at most 10 % of the team's workloads never admitted, and
 * the P90 of the admitted ones' waits ≤ the target (a team with no workload
 * meets any target).
 */
import type { Cluster } from '../cluster/schema.ts';
import { flavorGpus, resolveQuota, SteppedAnalysis, withNominalQuota, type AnalysisHooks, type AnalysisOptions, type Workloads } from './analysis.ts';
import { summarizeGpuResult, type GpuRunSummary, type TeamSummary } from './summary.ts';

export interface RecommendSpec {
  /** Team id (or ClusterQueue name / queue id) → P90 wait target in seconds. */
  targets: Readonly<Record<string, number>>;
  /** ResourceFlavor whose quota is tuned; default each queue's first flavor covering `resource`. */
  flavor?: string;
  /** Default nvidia.com/gpu. */
  resource?: string;
  /** Largest quota tried; default the GPUs the flavor's node pools bring (at least the current quota). */
  max?: number;
  /** Quota granularity (default 1). */
  step?: number;
  /** Default 4. */
  maxRounds?: number;
  /** Default 200. */
  maxRuns?: number;
}

export interface TeamRecommendation {
  team: string;
  clusterQueue: string;
  flavor: string;
  resource: string;
  /** Seconds. */
  target: number;
  current: number;
  recommended: number;
  /** At the recommended quotas (final run); null when nothing was admitted. */
  p90Wait: number | null;
  neverAdmitted: number;
  met: boolean;
}

export interface QuotaRecommendation {
  /**
   * 'fixed-point': where the search stopped, every target met (or no better
   * vector was simulated); 'best-seen': the search stopped with targets missed
   * and a simulated vector meeting more of them (or as many with fewer
   * quota units) is recommended instead.
   */
  choice: 'fixed-point' | 'best-seen';
  teams: TeamRecommendation[];
  runs: number;
  rounds: number;
  /** A round changed nothing before the bounds were hit. */
  converged: boolean;
  cancelled: boolean;
  /** The policy with the recommended quotas. */
  cluster: Cluster;
  /** The final run's figures (null when cancelled before it). */
  final: GpuRunSummary | null;
}

/** The recommender's test of a team's figures against its target. */
export function meetsWaitTarget(team: Pick<TeamSummary, 'admitted' | 'wait'> | undefined, target: number): boolean {
  if (!team) return true;
  const n = team.admitted + team.wait.neverAdmitted;
  if (n === 0) return true;
  if (team.wait.neverAdmitted > 0.1 * n) return false;
  return team.wait.p90 !== null && team.wait.p90 <= target;
}

interface Tuned {
  team: string;
  clusterQueue: string;
  flavor: string;
  resource: string;
  target: number;
  current: number;
  max: number;
}

export class GpuQuotaRecommender extends SteppedAnalysis<QuotaRecommendation> {
  private readonly cluster: Cluster;
  private readonly workloads: Workloads;
  private readonly tuned: Tuned[];
  private readonly quotaStep: number;
  private readonly maxRoundCount: number;
  private readonly runLimit: number;
  private readonly cache = new Map<string, { quotas: number[]; summary: GpuRunSummary }>();

  constructor(cluster: Cluster, workloads: Workloads, spec: RecommendSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}) {
    super(options, hooks);
    this.cluster = cluster;
    this.workloads = workloads;
    this.quotaStep = spec.step ?? 1;
    if (!(this.quotaStep > 0)) throw new Error('step: must be > 0');
    this.maxRoundCount = spec.maxRounds ?? 4;
    this.runLimit = spec.maxRuns ?? 200;
    this.tuned = Object.entries(spec.targets).map(([ref, target]) => {
      if (!(target >= 0)) throw new Error(`targets["${ref}"]: must be a wait in seconds ≥ 0`);
      const { queue, flavor, resource, nominal } = resolveQuota(cluster, { queue: ref, flavor: spec.flavor, resource: spec.resource });
      const max = Math.max(nominal, spec.max ?? flavorGpus(cluster, flavor));
      return { team: queue.teamId ?? queue.id, clusterQueue: queue.clusterQueue, flavor, resource, target, current: nominal, max };
    });
    // Policy order, so the search does not depend on how the targets object was written.
    const order = new Map(cluster.queues.map((q, i) => [q.clusterQueue, i]));
    this.tuned.sort((a, b) => order.get(a.clusterQueue)! - order.get(b.clusterQueue)!);
  }

  protected maxRuns(): number {
    const perTeam = this.tuned.reduce((n, t) => n + Math.ceil(Math.log2(t.max / this.quotaStep + 1)) + 1, 0);
    return Math.min(this.runLimit, this.maxRoundCount * perTeam + 1);
  }

  private clusterWith(quotas: readonly number[]): Cluster {
    let cluster = this.cluster;
    this.tuned.forEach((t, i) => {
      cluster = withNominalQuota(cluster, { queue: t.clusterQueue, flavor: t.flavor, resource: t.resource }, quotas[i]!);
    });
    return cluster;
  }

  /** The figures at these quotas (memoised: runs are deterministic). */
  private *evaluate(quotas: readonly number[], label: string): Generator<void, GpuRunSummary | null> {
    const key = quotas.join(',');
    const cached = this.cache.get(key);
    if (cached) return cached.summary;
    if (this.runsDone >= this.runLimit) return null;
    const result = yield* this.simulate(this.clusterWith(quotas), this.workloads, label);
    if (result.cancelled) return null;
    const summary = summarizeGpuResult(result);
    this.cache.set(key, { quotas: [...quotas], summary });
    return summary;
  }

  private *meets(quotas: readonly number[], i: number): Generator<void, boolean | null> {
    const t = this.tuned[i]!;
    const summary = yield* this.evaluate(quotas, `${t.team} ${t.flavor} ${t.resource} = ${quotas[i]}`);
    if (!summary) return null;
    return meetsWaitTarget(summary.teams.find((s) => s.team === t.team), t.target);
  }

  private metCount(summary: GpuRunSummary): number {
    return this.tuned.filter((t) => meetsWaitTarget(summary.teams.find((s) => s.team === t.team), t.target)).length;
  }

  protected *run(): Generator<void, QuotaRecommendation> {
    const quotas = this.tuned.map((t) => t.current);
    let rounds = 0;
    let converged = false;
    let stopped = false;
    while (rounds < this.maxRoundCount && !stopped) {
      rounds++;
      let changed = false;
      for (let i = 0; i < this.tuned.length && !stopped; i++) {
        const t = this.tuned[i]!;
        const at = (k: number) => quotas.map((q, j) => (j === i ? Math.min(t.max, k * this.quotaStep) : q));
        const top = Math.ceil(t.max / this.quotaStep);
        const reachable = yield* this.meets(at(top), i);
        if (reachable === null) {
          stopped = true;
          break;
        }
        let best = top;
        if (reachable) {
          let lo = 0;
          let hi = top;
          while (lo < hi) {
            const mid = Math.floor((lo + hi) / 2);
            const ok = yield* this.meets(at(mid), i);
            if (ok === null) {
              stopped = true;
              break;
            }
            if (ok) hi = mid;
            else lo = mid + 1;
          }
          best = hi;
        }
        if (stopped) break;
        const value = Math.min(t.max, best * this.quotaStep);
        if (value !== quotas[i]) {
          quotas[i] = value;
          changed = true;
        }
      }
      if (!changed && !stopped) {
        converged = true;
        break;
      }
    }
    let final = this.cancelled ? null : yield* this.evaluate(quotas, 'recommended quotas');
    let choice: QuotaRecommendation['choice'] = 'fixed-point';
    if (final && this.metCount(final) < this.tuned.length) {
      // Not every target met where the search stopped: take the best vector simulated (most targets met, then the fewest quota units).
      let best = { quotas: [...quotas], summary: final };
      for (const entry of this.cache.values()) {
        const met = this.metCount(entry.summary);
        const bestMet = this.metCount(best.summary);
        const sum = (q: readonly number[]) => q.reduce((a, b) => a + b, 0);
        if (met > bestMet || (met === bestMet && sum(entry.quotas) < sum(best.quotas))) best = entry;
      }
      if (best.summary !== final) {
        quotas.splice(0, quotas.length, ...best.quotas);
        final = best.summary;
        choice = 'best-seen';
      }
    }
    return {
      choice,
      teams: this.tuned.map((t, i) => {
        const figures = final?.teams.find((s) => s.team === t.team);
        return {
          team: t.team,
          clusterQueue: t.clusterQueue,
          flavor: t.flavor,
          resource: t.resource,
          target: t.target,
          current: t.current,
          recommended: quotas[i]!,
          p90Wait: figures?.wait.p90 ?? null,
          neverAdmitted: figures?.wait.neverAdmitted ?? 0,
          met: final !== null && meetsWaitTarget(figures, t.target),
        };
      }),
      runs: this.runsDone,
      rounds,
      converged,
      cancelled: this.cancelled,
      cluster: this.clusterWith(quotas),
      final,
    };
  }
}

export function recommendNominalQuotas(cluster: Cluster, workloads: Workloads, spec: RecommendSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}): QuotaRecommendation {
  return new GpuQuotaRecommender(cluster, workloads, spec, options, hooks).result();
}
