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
 * "Under target", over seeds: each quota vector runs every seed's workloads
 * (seed k's table, the same tables for every vector); in one seed a team's
 * P90 counts as unbounded when more than 10 % of its workloads were never
 * admitted (a team with no workload waits 0); the target is met when the
 * MEDIAN of those per-seed P90s is ≤ the target. The median, not the upper
 * end: half the draws may wait longer, and the range is shown beside it
 * (`p90Spread`) so a planner sees how far. With one seed (a trace) this is
 * the single run's test.
 *
 * Capacity. A recommendation never promises more of a flavor than exists:
 * the sum of every ClusterQueue's and Cohort's nominalQuota of the tuned
 * flavor stays within the fewest GPUs its node pools bring in any month of
 * the plan (`flavorCapacityFloor`). The search caps each team's quota at what
 * the others leave; a policy already over capacity before the search (the
 * untuned queues alone, or the starting quotas) is reported `overCommitted`
 * with the amount and the month, and targets missed because the cap bound
 * them say so (`cappedByCapacity`).
 *
 * Labels (progress, rows) use the teams' names (`names`, else the
 * ClusterQueue's name).
 */
import type { Cluster } from '../cluster/schema.ts';
import { flavorCapacityFloor, flavorGpus, promisedQuota, queueLabel, resolveQuota, SteppedAnalysis, withNominalQuota, type AnalysisHooks, type AnalysisOptions, type Workloads } from './analysis.ts';
import { summarizeGpuResult, type GpuRunSummary, type TeamSummary } from './summary.ts';
import { spreadOf, spreadOverSeeds, type GpuRunSpread, type Spread } from './seeds.ts';
import { GPU_RESOURCE } from '../cluster/schema.ts';
import { WorkloadTable } from './workloads.ts';

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
  /** Default 200 (runs of one seed each: a quota vector over K seeds costs K). */
  maxRuns?: number;
  /** Team id → the team's name, for labels (default: the ClusterQueue's name). */
  names?: Readonly<Record<string, string>>;
  /** The plan's length in months: capacity is checked in months 1..months (default: every planned capacity change). */
  months?: number;
  /** The generator seed of each workload table, for labels and the result (default 0, 1, …). */
  seedValues?: readonly number[];
}

export interface TeamRecommendation {
  team: string;
  /** The team's name (or its ClusterQueue's). */
  name: string;
  clusterQueue: string;
  flavor: string;
  resource: string;
  /** Seconds. */
  target: number;
  current: number;
  recommended: number;
  /** At the recommended quotas: the median over seeds of the P90 wait; null when it is unbounded. */
  p90Wait: number | null;
  /** The P90 wait's median and range over seeds (`seeds.ts`). */
  p90Spread: Spread;
  /** Median over seeds. */
  neverAdmitted: number;
  met: boolean;
  /**
   * Missed, and capacity is why: the search found the target out of reach at the most the flavor's
   * capacity left this team (below the search's max), or the recommended quotas leave no GPU of the
   * flavor to give it. A miss without this flag is Kueue's dynamics (see `choice: 'best-seen'`).
   */
  cappedByCapacity: boolean;
  /** The largest quota the search simulated for this team (capped by the flavor's capacity when `cappedByCapacity`). */
  largestTried: number;
}

/** What the recommended policy promises of a tuned flavor against what exists in the plan's leanest month. */
export interface CapacityCheck {
  flavor: string;
  resource: string;
  /** The fewest GPUs the flavor's node pools bring in a month of the plan… */
  capacity: number;
  /** …first in this month (1-based). */
  month: number;
  /** Sum of every ClusterQueue's and Cohort's nominalQuota of the flavor in the recommended policy. */
  promised: number;
  /** promised − capacity when positive: the recommendation promises GPUs that do not exist that month. */
  overCommitted: number;
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
  /** The final quotas' figures of the base seed (null when cancelled before them). */
  final: GpuRunSummary | null;
  /** The final quotas' figures over seeds (null when cancelled before them). */
  finalSpread: GpuRunSpread | null;
  /** Seeds every quota vector ran over. */
  seeds: number;
  seedValues: number[];
  /** Per tuned flavor: capacity against promise (`overCommitted` > 0 marks a promise beyond what exists). */
  capacity: CapacityCheck[];
}

/** The recommender's test of a team's figures against its target (one run). */
export function meetsWaitTarget(team: Pick<TeamSummary, 'admitted' | 'wait'> | undefined, target: number): boolean {
  const p90 = effectiveP90(team);
  return p90 !== null && p90 <= target;
}

/** One run's P90 wait as the recommender reads it: null (unbounded) when more than 10 % were never admitted; 0 without workloads. */
export function effectiveP90(team: Pick<TeamSummary, 'admitted' | 'wait'> | undefined): number | null {
  if (!team) return 0;
  const n = team.admitted + team.wait.neverAdmitted;
  if (n === 0) return 0;
  if (team.wait.neverAdmitted > 0.1 * n) return null;
  return team.wait.p90;
}

/** The test over seeds: the median of the per-seed P90s (`effectiveP90`) ≤ the target. */
export function meetsWaitTargetOverSeeds(teams: ReadonlyArray<Pick<TeamSummary, 'admitted' | 'wait'> | undefined>, target: number): boolean {
  const median = spreadOf(teams.map(effectiveP90)).median;
  return median !== null && median <= target;
}

interface Tuned {
  team: string;
  name: string;
  clusterQueue: string;
  flavor: string;
  resource: string;
  target: number;
  current: number;
  max: number;
}

export class GpuQuotaRecommender extends SteppedAnalysis<QuotaRecommendation> {
  private readonly cluster: Cluster;
  private readonly tables: readonly Workloads[];
  private readonly seedValues: number[];
  private readonly tuned: Tuned[];
  private readonly quotaStep: number;
  private readonly maxRoundCount: number;
  private readonly runLimit: number;
  /** Per tuned flavor and resource: GPUs left for the tuned queues once the untuned queues' and cohorts' quotas are promised. */
  private readonly budgets = new Map<string, { capacity: number; month: number; untuned: number }>();
  private readonly cache = new Map<string, { quotas: number[]; summaries: GpuRunSummary[] }>();

  /** `workloads`: one table, or one per seed (seed k's workloads; every quota vector runs them all). */
  constructor(cluster: Cluster, workloads: Workloads | readonly Workloads[], spec: RecommendSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}) {
    super(options, hooks);
    this.cluster = cluster;
    this.tables = isTableList(workloads) ? workloads : [workloads];
    if (this.tables.length === 0) throw new Error('workloads: at least one seed\'s workloads are needed');
    this.seedValues = this.tables.map((_, k) => spec.seedValues?.[k] ?? k);
    const names = spec.names ?? {};
    this.quotaStep = spec.step ?? 1;
    if (!(this.quotaStep > 0)) throw new Error('step: must be > 0');
    this.maxRoundCount = spec.maxRounds ?? 4;
    this.runLimit = spec.maxRuns ?? 200;
    this.tuned = Object.entries(spec.targets).map(([ref, target]) => {
      if (!(target >= 0)) throw new Error(`targets["${ref}"] (${queueLabel(cluster, names, ref)}): must be a wait in seconds ≥ 0`);
      const { queue, flavor, resource, nominal } = resolveQuota(cluster, { queue: ref, flavor: spec.flavor, resource: spec.resource });
      const max = Math.max(nominal, spec.max ?? flavorGpus(cluster, flavor));
      const team = queue.teamId ?? queue.id;
      return { team, name: queueLabel(cluster, names, queue.clusterQueue), clusterQueue: queue.clusterQueue, flavor, resource, target, current: nominal, max };
    });
    // Policy order, so the search does not depend on how the targets object was written.
    const order = new Map(cluster.queues.map((q, i) => [q.clusterQueue, i]));
    this.tuned.sort((a, b) => order.get(a.clusterQueue)! - order.get(b.clusterQueue)!);
    for (const t of this.tuned) {
      const key = budgetKey(t);
      if (this.budgets.has(key) || t.resource !== GPU_RESOURCE) continue; // node pools say how many GPUs exist; other resources are not capped
      const floor = flavorCapacityFloor(cluster, t.flavor, spec.months);
      const tunedNow = this.tuned.filter((u) => budgetKey(u) === key).reduce((n, u) => n + u.current, 0);
      this.budgets.set(key, { capacity: floor.gpus, month: floor.month, untuned: promisedQuota(cluster, t.flavor, t.resource) - tunedNow });
    }
  }

  /** The most team i may get on its flavor with the others' quotas as they are: what the flavor's leanest month leaves. */
  private capOf(quotas: readonly number[], i: number): number {
    const t = this.tuned[i]!;
    const budget = this.budgets.get(budgetKey(t));
    if (!budget) return Number.POSITIVE_INFINITY;
    const others = this.tuned.reduce((n, u, j) => (j !== i && budgetKey(u) === budgetKey(t) ? n + quotas[j]! : n), 0);
    return Math.max(0, budget.capacity - budget.untuned - others);
  }

  protected maxRuns(): number {
    const perTeam = this.tuned.reduce((n, t) => n + Math.ceil(Math.log2(t.max / this.quotaStep + 1)) + 1, 0);
    const vectors = this.maxRoundCount * perTeam + 1;
    return Math.min(this.runLimit, vectors * this.tables.length);
  }

  private clusterWith(quotas: readonly number[]): Cluster {
    let cluster = this.cluster;
    this.tuned.forEach((t, i) => {
      cluster = withNominalQuota(cluster, { queue: t.clusterQueue, flavor: t.flavor, resource: t.resource }, quotas[i]!);
    });
    return cluster;
  }

  /** The figures of every seed at these quotas (memoised: runs are deterministic). */
  private *evaluate(quotas: readonly number[], label: string): Generator<void, GpuRunSummary[] | null> {
    const key = quotas.join(',');
    const cached = this.cache.get(key);
    if (cached) return cached.summaries;
    if (this.runsDone + this.tables.length > this.runLimit) return null;
    const cluster = this.clusterWith(quotas);
    const summaries: GpuRunSummary[] = [];
    for (let k = 0; k < this.tables.length; k++) {
      const seeds = this.tables.length > 1 ? ` (seed ${k + 1} of ${this.tables.length})` : '';
      const result = yield* this.simulate(cluster, this.tables[k]!, `${label}${seeds}`, this.seedValues[k]);
      if (result.cancelled) return null;
      summaries.push(summarizeGpuResult(result));
    }
    this.cache.set(key, { quotas: [...quotas], summaries });
    return summaries;
  }

  private meetsIn(summaries: readonly GpuRunSummary[], t: Tuned): boolean {
    return meetsWaitTargetOverSeeds(summaries.map((s) => s.teams.find((x) => x.team === t.team)), t.target);
  }

  private *meets(quotas: readonly number[], i: number): Generator<void, boolean | null> {
    const t = this.tuned[i]!;
    const summaries = yield* this.evaluate(quotas, `${t.name} ${t.flavor} ${t.resource} = ${quotas[i]}`);
    if (!summaries) return null;
    return this.meetsIn(summaries, t);
  }

  private metCount(summaries: readonly GpuRunSummary[]): number {
    return this.tuned.filter((t) => this.meetsIn(summaries, t)).length;
  }

  /** Within every flavor's capacity (the search keeps to it; a starting policy may not). */
  private fits(quotas: readonly number[]): boolean {
    return this.tuned.every((_, i) => quotas[i]! <= this.capOf(quotas, i));
  }

  protected *run(): Generator<void, QuotaRecommendation> {
    const quotas = this.tuned.map((t) => t.current);
    const capped = this.tuned.map(() => false);
    const tried = this.tuned.map((t) => t.current);
    let rounds = 0;
    let converged = false;
    let stopped = false;
    while (rounds < this.maxRoundCount && !stopped) {
      rounds++;
      let changed = false;
      for (let i = 0; i < this.tuned.length && !stopped; i++) {
        const t = this.tuned[i]!;
        // The largest quota tried: the search's max, or less when the flavor's capacity leaves less.
        const cap = this.capOf(quotas, i);
        const limit = Math.min(t.max, cap);
        const bound = cap < t.max;
        const at = (k: number) => quotas.map((q, j) => (j === i ? Math.min(limit, k * this.quotaStep) : q));
        const top = Math.floor(limit / this.quotaStep + 1e-9);
        const reachable = yield* this.meets(at(top), i);
        if (reachable === null) {
          stopped = true;
          break;
        }
        // Unreachable at the most the flavor's capacity leaves it: capacity, not the search, stops this team.
        capped[i] = bound && !reachable;
        tried[i] = Math.max(tried[i]!, Math.min(limit, top * this.quotaStep));
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
        const value = Math.min(limit, best * this.quotaStep);
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
      // Not every target met where the search stopped: take the best vector simulated within capacity (most targets met, then the fewest quota units).
      let best = { quotas: [...quotas], summaries: final };
      const sum = (q: readonly number[]) => q.reduce((a, b) => a + b, 0);
      for (const entry of this.cache.values()) {
        if (!this.fits(entry.quotas)) continue;
        const met = this.metCount(entry.summaries);
        const bestMet = this.metCount(best.summaries);
        if (!this.fits(best.quotas) || met > bestMet || (met === bestMet && sum(entry.quotas) < sum(best.quotas))) best = entry;
      }
      if (best.summaries !== final) {
        quotas.splice(0, quotas.length, ...best.quotas);
        final = best.summaries;
        choice = 'best-seen';
      }
    }
    const policy = this.clusterWith(quotas);
    return {
      choice,
      teams: this.tuned.map((t, i) => {
        const figures = (final ?? []).map((s) => s.teams.find((x) => x.team === t.team));
        const p90Spread = spreadOf(figures.map(effectiveP90));
        const met = final !== null && this.meetsIn(final, t);
        return {
          team: t.team,
          name: t.name,
          clusterQueue: t.clusterQueue,
          flavor: t.flavor,
          resource: t.resource,
          target: t.target,
          current: t.current,
          recommended: quotas[i]!,
          p90Wait: p90Spread.median,
          p90Spread,
          neverAdmitted: spreadOf(figures.map((f) => f?.wait.neverAdmitted ?? 0)).median ?? 0,
          met,
          cappedByCapacity: !met && (capped[i]! || quotas[i]! >= this.capOf(quotas, i)),
          largestTried: Math.max(tried[i]!, quotas[i]!),
        };
      }),
      runs: this.runsDone,
      rounds,
      converged,
      cancelled: this.cancelled,
      cluster: policy,
      final: final?.[0] ?? null,
      finalSpread: final ? spreadOverSeeds(final, this.seedValues) : null,
      seeds: this.tables.length,
      seedValues: [...this.seedValues],
      capacity: [...this.budgets.entries()].map(([key, b]) => {
        const [flavor, resource] = key.split('\u0000') as [string, string];
        const promised = promisedQuota(policy, flavor, resource);
        return { flavor, resource, capacity: b.capacity, month: b.month, promised, overCommitted: Math.max(0, promised - b.capacity) };
      }),
    };
  }
}

const budgetKey = (t: Pick<Tuned, 'flavor' | 'resource'>) => `${t.flavor}\u0000${t.resource}`;

function isTableList(workloads: Workloads | readonly Workloads[]): workloads is readonly Workloads[] {
  // A WorkloadSpec[] holds specs; a list of seeds' workloads holds tables or spec arrays.
  const first: unknown = Array.isArray(workloads) ? workloads[0] : undefined;
  return first instanceof WorkloadTable || Array.isArray(first);
}

export function recommendNominalQuotas(cluster: Cluster, workloads: Workloads | readonly Workloads[], spec: RecommendSpec, options: AnalysisOptions = {}, hooks: AnalysisHooks = {}): QuotaRecommendation {
  return new GpuQuotaRecommender(cluster, workloads, spec, options, hooks).result();
}
