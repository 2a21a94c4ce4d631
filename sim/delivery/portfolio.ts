/**
 * The portfolio: which AI initiatives arrive, when, how big, and in which
 * product area. It is the same for every design of a comparison (common
 * random numbers): a trial draws its initiatives once and every design runs
 * them.
 *
 * By default the product areas are the scenario's pods (each starting with
 * its wave); a scenario without pods gets one area per business-stakeholder
 * position (at least one), all from month 1. Initiatives arrive as a Poisson
 * process per active area (`arrivalsPerAreaPerMonth`), unless the user lists
 * them.
 */
import { QuantileTable, lognormalFromP10P90, normalQuantile } from './distributions.ts';
import type { RoleId } from '../org/roles.ts';
import type { TeamType } from '../org/team-types.ts';
import { EFFORT_STAGES, INITIATIVE_SIZES, WEEKS_PER_MONTH, type DeliveryParameters, type InitiativeSize } from './parameters.ts';
import type { Xoshiro128 } from '../kernel/prng.ts';

export interface PortfolioArea {
  id: string;
  name: string;
  /** Plan month the area starts asking for initiatives. */
  startMonth: number;
  /** The pod that serves this area in the scenario, if any. */
  teamId?: string;
}

export interface PortfolioInitiative {
  name: string;
  size: InitiativeSize;
  /** Index into `areas` (default: round-robin). */
  area?: number;
  /** Plan month the initiative arrives (start of the month; fractions allowed). Default 1. */
  arrivalMonth?: number;
}

export interface Portfolio {
  areas: PortfolioArea[];
  /** Listed initiatives; when present they replace the Poisson arrivals. */
  initiatives?: PortfolioInitiative[];
}

/** What the default portfolio reads of a scenario (a DeliveryScenario has this shape). */
export interface PortfolioSource {
  teams: ReadonlyArray<{ id: string; name: string; type: TeamType; positions: ReadonlyArray<{ role: RoleId }> }>;
  phases: { waves: ReadonlyArray<{ teamIds: readonly string[]; startMonth: number }> };
}

export function defaultPortfolio(scenario: PortfolioSource): Portfolio {
  const starts = new Map<string, number>();
  for (const wave of scenario.phases.waves) {
    for (const id of wave.teamIds) {
      const current = starts.get(id);
      if (current === undefined || wave.startMonth < current) starts.set(id, wave.startMonth);
    }
  }
  const pods = scenario.teams.filter((t) => t.type === 'stream-aligned-pod' && t.positions.length > 0);
  if (pods.length > 0) {
    return { areas: pods.map((t) => ({ id: t.id, name: t.name.replace(/\s+pod$/i, ''), startMonth: starts.get(t.id) ?? 1, teamId: t.id })) };
  }
  let stakeholders = 0;
  for (const t of scenario.teams) for (const p of t.positions) if (p.role === 'business-stakeholder') stakeholders++;
  const n = Math.max(1, Math.min(50, stakeholders));
  return { areas: Array.from({ length: n }, (_, i) => ({ id: `area-${i + 1}`, name: `Product area ${i + 1}`, startMonth: 1 })) };
}

export function portfolioIssues(portfolio: Portfolio, horizonMonths: number): string[] {
  const out: string[] = [];
  if (portfolio.areas.length === 0) out.push('portfolio.areas must list at least one product area');
  portfolio.areas.forEach((a, i) => {
    if (!(Number.isFinite(a.startMonth) && a.startMonth >= 1 && a.startMonth <= horizonMonths)) out.push(`portfolio.areas[${i}].startMonth must be a plan month from 1 to ${horizonMonths} (got ${a.startMonth})`);
  });
  portfolio.initiatives?.forEach((it, i) => {
    if (!INITIATIVE_SIZES.includes(it.size)) out.push(`portfolio.initiatives[${i}].size must be one of ${INITIATIVE_SIZES.join(', ')} (got ${String(it.size)})`);
    if (it.area !== undefined && !(Number.isInteger(it.area) && it.area >= 0 && it.area < portfolio.areas.length)) out.push(`portfolio.initiatives[${i}].area must be an area index from 0 to ${portfolio.areas.length - 1} (got ${it.area})`);
    const m = it.arrivalMonth ?? 1;
    if (!(Number.isFinite(m) && m >= 1 && m <= horizonMonths + 1)) out.push(`portfolio.initiatives[${i}].arrivalMonth must be a plan month from 1 to ${horizonMonths} (got ${m})`);
  });
  return out;
}

export const STAGE_COUNT = EFFORT_STAGES.length;
/** Attribute draws per initiative from stream 1: size, then one per stage (fixed, so initiative k's numbers never shift). */
export const DRAWS_PER_INITIATIVE = 1 + STAGE_COUNT;
/**
 * Integration checks and deploy outcomes are drawn on demand from the
 * trial's counter stream (`counterUniform(outcomeWord, initiative, k)`, word
 * = mixSeed(seed, trial, 2)): draw k = 2·loop for the loop-th integration,
 * 2·try + 1 for the try-th deploy.
 */
export const OUTCOME_STREAM = 2;

/**
 * One trial's initiatives in flat typed arrays (reused across trials: no
 * allocation per trial once grown). Efforts are person-weeks before the
 * design's multipliers.
 */
export class TrialPortfolio {
  count = 0;
  arrival = new Float64Array(64);
  area = new Int32Array(64);
  size = new Int8Array(64);
  /** [initiative × STAGE_COUNT + stage] */
  effort = new Float64Array(64 * STAGE_COUNT);
  /** Word of the trial's outcome stream (rework and deploy draws, see `OUTCOME_STREAM`). */
  outcomeWord = 0;

  ensure(n: number): void {
    if (n <= this.arrival.length) return;
    let cap = this.arrival.length;
    while (cap < n) cap *= 2;
    const grow = <T extends Float64Array | Int32Array | Int8Array>(a: T, make: (len: number) => T, per: number): T => {
      const b = make(cap * per);
      b.set(a);
      return b;
    };
    this.arrival = grow(this.arrival, (l) => new Float64Array(l), 1);
    this.area = grow(this.area, (l) => new Int32Array(l), 1);
    this.size = grow(this.size, (l) => new Int8Array(l), 1);
    this.effort = grow(this.effort, (l) => new Float64Array(l), STAGE_COUNT);
  }
}

/** Points of each effort quantile table (QuantileTable's default). */
const TABLE_SIZE = 2048;

/**
 * The portfolio compiled for sampling: effort quantile tables per size and
 * stage (one uniform per draw, no exp/log in the loop) and the arrival
 * segments (constant set of active areas).
 */
export class PortfolioSampler {
  readonly horizonWeeks: number;
  /** Effort quantile tables of TABLE_SIZE + 1 values each, one per size × stage, end to end (one array for the loop). */
  private readonly tables: Float64Array;
  private readonly cumMix: Float64Array;
  private readonly segStart: Float64Array;
  private readonly segEnd: Float64Array;
  private readonly segAreas: Int32Array[];
  private readonly listed: PortfolioInitiative[] | null;
  private readonly listedOrder: number[];
  private readonly ratePerArea: number;
  private readonly areaCount: number;

  constructor(portfolio: Portfolio, params: DeliveryParameters, horizonMonths: number) {
    this.horizonWeeks = horizonMonths * WEEKS_PER_MONTH;
    this.tables = new Float64Array(INITIATIVE_SIZES.length * STAGE_COUNT * (TABLE_SIZE + 1));
    let at = 0;
    for (const size of INITIATIVE_SIZES) {
      for (const stage of EFFORT_STAGES) {
        const e = params.effort[size][stage];
        const mult = stage === 'data' ? params.dataEffortMultiplier : 1;
        const { mu, sigma } = lognormalFromP10P90(e.p10 * mult, e.p90 * mult);
        if (sigma === 0) this.tables.fill(Math.exp(mu), at, at + TABLE_SIZE + 1);
        else this.tables.set(new QuantileTable((p) => Math.exp(mu + sigma * normalQuantile(p)), TABLE_SIZE).values, at);
        at += TABLE_SIZE + 1;
      }
    }
    const total = INITIATIVE_SIZES.reduce((s, k) => s + params.sizeMix[k], 0);
    this.cumMix = new Float64Array(INITIATIVE_SIZES.length);
    let acc = 0;
    INITIATIVE_SIZES.forEach((k, i) => {
      acc += params.sizeMix[k] / total;
      this.cumMix[i] = acc;
    });
    this.cumMix[INITIATIVE_SIZES.length - 1] = 1;
    this.ratePerArea = params.arrivalsPerAreaPerMonth / WEEKS_PER_MONTH;
    this.areaCount = Math.max(1, portfolio.areas.length);
    // Segments between area start times, each with its set of active areas.
    const bounds = [...new Set(portfolio.areas.map((a) => (a.startMonth - 1) * WEEKS_PER_MONTH))].filter((t) => t < this.horizonWeeks).sort((a, b) => a - b);
    const segStart: number[] = [];
    const segEnd: number[] = [];
    const segAreas: Int32Array[] = [];
    bounds.forEach((start, i) => {
      const end = i + 1 < bounds.length ? bounds[i + 1]! : this.horizonWeeks;
      const active = portfolio.areas.map((a, j) => ((a.startMonth - 1) * WEEKS_PER_MONTH <= start ? j : -1)).filter((j) => j >= 0);
      segStart.push(start);
      segEnd.push(end);
      segAreas.push(Int32Array.from(active));
    });
    this.segStart = Float64Array.from(segStart);
    this.segEnd = Float64Array.from(segEnd);
    this.segAreas = segAreas;
    this.listed = portfolio.initiatives && portfolio.initiatives.length > 0 ? portfolio.initiatives : null;
    this.listedOrder = this.listed ? this.listed.map((_, i) => i).sort((a, b) => (this.listed![a]!.arrivalMonth ?? 1) - (this.listed![b]!.arrivalMonth ?? 1) || a - b) : [];
  }

  /** Expected initiatives per trial (for sizing buffers). */
  expectedCount(): number {
    if (this.listed) return this.listed.length;
    let n = 0;
    for (let s = 0; s < this.segStart.length; s++) n += this.ratePerArea * this.segAreas[s]!.length * (this.segEnd[s]! - this.segStart[s]!);
    return n;
  }

  /**
   * Draw one trial's initiatives into `out`: arrivals from `arrivals`
   * (stream 0 of the trial), attributes from `attributes` (stream 1), in
   * arrival order; `outcomeWord` = mixSeed(seed, trial, OUTCOME_STREAM).
   */
  draw(arrivals: Xoshiro128, attributes: Xoshiro128, out: TrialPortfolio, outcomeWord = 0): void {
    out.outcomeWord = outcomeWord;
    let n = 0;
    if (this.listed) {
      const listed = this.listed;
      out.ensure(listed.length);
      for (const i of this.listedOrder) {
        const it = listed[i]!;
        out.arrival[n] = ((it.arrivalMonth ?? 1) - 1) * WEEKS_PER_MONTH;
        out.area[n] = it.area ?? i % this.areaCount;
        out.size[n] = INITIATIVE_SIZES.indexOf(it.size);
        n++;
      }
    } else {
      const rate = this.ratePerArea;
      for (let s = 0; s < this.segStart.length; s++) {
        const active = this.segAreas[s]!;
        const k = active.length;
        if (k === 0 || rate <= 0) continue;
        const end = this.segEnd[s]!;
        const meanGap = 1 / (rate * k);
        let t = this.segStart[s]!;
        for (;;) {
          t -= meanGap * Math.log(arrivals.next());
          if (t >= end) break;
          if (n === out.arrival.length) out.ensure(n + 1);
          out.arrival[n] = t;
          out.area[n] = active[(arrivals.next() * k) | 0]!;
          n++;
        }
      }
    }
    out.count = n;
    const cum = this.cumMix;
    const tables = this.tables;
    const effort = out.effort;
    for (let i = 0; i < n; i++) {
      let size: number;
      if (this.listed) {
        size = out.size[i]!;
        attributes.next();
      } else {
        const u = attributes.next();
        size = u < cum[0]! ? 0 : u < cum[1]! ? 1 : 2;
        out.size[i] = size;
      }
      let base = size * STAGE_COUNT * (TABLE_SIZE + 1);
      const e = i * STAGE_COUNT;
      for (let s = 0; s < STAGE_COUNT; s++) {
        // QuantileTable.at, inlined: linear between the two table values around u.
        const x = attributes.next() * TABLE_SIZE;
        const k = base + (x | 0);
        const lo = tables[k]!;
        effort[e + s] = lo + (x - (x | 0)) * (tables[k + 1]! - lo);
        base += TABLE_SIZE + 1;
      }
    }
  }
}
