/**
 * Is a design a meaningful comparison? Per team of a design: the work routed
 * to it per week (demand) against the work its people can do per week
 * (capacity), and their ratio, the utilisation. A team at utilisation ≥ 1
 * gets work faster than it can finish it: its queue grows for as long as the
 * horizon lasts, and the simulated times measure the horizon, not the design
 * (a 2-pod scenario's central AI team of 2 people gave "P50 316.8 weeks").
 * Such a design, or one that cannot be formed from the people present, is
 * reported as not a meaningful comparison, with the reason and what to
 * change, never as figures.
 *
 * Demand follows the engine's routing and effort rules (`engine.ts`
 * `advance`): discovery, data + model, application, the team's own share of
 * infrastructure, the platform's paved-road share, integration (with the
 * same-team speed-up), deploy; plus expected rework loops and failed deploys.
 * Capacity is the engine's speed at the horizon's last month (people at
 * steady state × focus × holidays × the team's role multipliers). Context
 * switching is left out: it only lowers capacity further once a queue forms,
 * so the utilisation here is what the team faces before any queue.
 */
import { lognormalFromP10P90 } from './distributions.ts';
import type { DesignKind, DesignTeam, FlowRole, OrgDesign, UnavailableDesign } from './design.ts';
import { DESIGN_LABELS } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import { compileDesign } from './compiled-design.ts';
import { EFFORT_STAGES, INITIATIVE_SIZES, type DeliveryParameters, type EffortStage, type InitiativeSize } from './parameters.ts';
import type { Portfolio } from './portfolio.ts';

/** Failed deploys at most per initiative (the engine's MAX_DEPLOY_TRIES). */
const MAX_DEPLOY_FAILURES = 4;

export interface TeamLoad {
  teamId: string;
  name: string;
  flowRole: FlowRole;
  headcount: number;
  /** Initiatives a year that need work from this team (all product areas routed to it). */
  initiativesPerYear: number;
  /** Person-weeks of work routed to the team per calendar week, rework included. */
  demand: number;
  /** Person-weeks of work the team does per calendar week at steady state. */
  capacity: number;
  /** demand ÷ capacity (Infinity when work reaches a team with no productive people). */
  utilisation: number;
}

/** Which headcount input fixes a team (`delivery.designHeadcount`), when the user can set it. */
export type HeadcountField = 'centralAi' | 'productEngineering' | 'perPod' | 'platform';

export type DesignVerdict =
  | { meaningful: true }
  | {
      meaningful: false;
      /** Plain words with the numbers: which team, how many people, how much work, its utilisation. */
      reason: string;
      /** What would make it meaningful: people to add (and which input), or the demand to lower to. */
      change: string;
      /** The team that is overloaded (absent when the design cannot be formed). */
      teamId?: string;
      /** The input that sets that team's headcount, when the design is a counterfactual. */
      field?: HeadcountField;
    };

export interface DesignLoad {
  kind: DesignKind;
  /** Flow teams only (teams outside the flow get no work). */
  teams: TeamLoad[];
  verdict: DesignVerdict;
}

/** Mean person-weeks per initiative of one size and stage: the lognormal's mean, exp(μ + σ²/2). */
function meanEffort(params: DeliveryParameters, size: InitiativeSize, stage: EffortStage): number {
  const e = params.effort[size][stage];
  const mult = stage === 'data' ? params.dataEffortMultiplier : 1;
  const { mu, sigma } = lognormalFromP10P90(e.p10 * mult, e.p90 * mult);
  return Math.exp(mu + (sigma * sigma) / 2);
}

interface AreaDemand {
  /** Initiatives per calendar week. */
  rate: number;
  /** Mean person-weeks per initiative of the area, by stage. */
  effort: Record<EffortStage, number>;
}

const zeroEffort = (): Record<EffortStage, number> => Object.fromEntries(EFFORT_STAGES.map((s) => [s, 0])) as Record<EffortStage, number>;

/**
 * Arrival rate and mean effort per product area: the documented rate and
 * size mix once every area is asking (steady state), or a listed
 * portfolio's own initiatives spread over the horizon.
 */
export function areaDemand(portfolio: Portfolio, params: DeliveryParameters, horizonMonths: number): AreaDemand[] {
  const areas = Math.max(1, portfolio.areas.length);
  const listed = portfolio.initiatives && portfolio.initiatives.length > 0 ? portfolio.initiatives : null;
  if (!listed) {
    const total = INITIATIVE_SIZES.reduce((s, k) => s + params.sizeMix[k], 0);
    const effort = zeroEffort();
    for (const stage of EFFORT_STAGES) for (const size of INITIATIVE_SIZES) effort[stage] += (params.sizeMix[size] / total) * meanEffort(params, size, stage);
    return Array.from({ length: areas }, () => ({ rate: params.arrivalsPerAreaPerMonth / WEEKS_PER_MONTH, effort }));
  }
  const horizonWeeks = horizonMonths * WEEKS_PER_MONTH;
  const counts = new Array<number>(areas).fill(0);
  const sums = Array.from({ length: areas }, zeroEffort);
  listed.forEach((it, i) => {
    // The sampler's rule: an initiative without an area goes round-robin by its place in the list.
    const a = it.area ?? i % areas;
    counts[a]!++;
    for (const stage of EFFORT_STAGES) sums[a]![stage] += meanEffort(params, it.size, stage);
  });
  return counts.map((n, a) => ({
    rate: n / horizonWeeks,
    effort: Object.fromEntries(EFFORT_STAGES.map((s) => [s, n > 0 ? sums[a]![s] / n : 0])) as Record<EffortStage, number>,
  }));
}

/** E[loops]: loop l+1 happens when the l-th integration finds a defect, with probability p·decay^l, up to maxReworkLoops. */
function expectedLoops(defect: number, params: DeliveryParameters): number {
  let reach = 1;
  let loops = 0;
  for (let l = 0; l < params.maxReworkLoops; l++) {
    reach *= Math.min(1, defect * Math.pow(params.reworkDecay, l));
    loops += reach;
  }
  return loops;
}

/** E[failed deploys] = cfr + cfr² + … up to the engine's bound (each retry fails with the same rate). */
function expectedDeployFailures(cfr: number): number {
  let sum = 0;
  let p = 1;
  for (let k = 0; k < MAX_DEPLOY_FAILURES; k++) {
    p *= cfr;
    sum += p;
  }
  return sum;
}

/**
 * Demand, capacity and utilisation of each flow team of a design, and the
 * design's verdict. `portfolio` is the run's (its areas are the design's
 * routes, in order).
 */
export function designLoad(design: OrgDesign, params: DeliveryParameters, portfolio: Portfolio, horizonMonths: number): DesignLoad {
  const compiled = compileDesign(design, params, horizonMonths);
  const T = design.teams.length;
  const M = horizonMonths;
  // Person-weeks a crew does per week at the horizon's end, and the team's total.
  const crewSpeed = (t: number) => compiled.speed[t * M + M - 1]!;
  const capacity = design.teams.map((_, t) => crewSpeed(t) * compiled.crews[t]!);
  const demand = new Array<number>(T).fill(0);
  const perYear = new Array<number>(T).fill(0);
  const areas = areaDemand(portfolio, params, horizonMonths);
  const failures = expectedDeployFailures(Math.min(1, params.changeFailureRate));
  design.routes.forEach((r, a) => {
    const area = areas[a];
    if (!area || area.rate <= 0) return;
    const { rate, effort: e } = area;
    const iteration = r.builtApart ? 1 : 1 - params.sameTeamIterationSpeedup;
    const modelWork = e.data + e.model;
    // Weeks the parts are built apart, without queueing: the hand-off intake (half a cadence on average) and the longer part's work.
    let clean = (1 - params.reworkBaseProbability) * Math.pow(1 - params.reworkPerHandoff, r.partHandoffs);
    if (r.builtApart) {
      const part = (team: number, work: number) => (team !== r.discovery ? compiled.cadence / 2 : 0) + (crewSpeed(team) > 1e-9 ? work / crewSpeed(team) : 0);
      clean *= Math.pow(1 - params.reworkPerWeekApart, Math.max(part(r.model, modelWork), part(r.application, e.application)));
    }
    const loops = expectedLoops(1 - clean, params);
    const add = (team: number, work: number) => {
      if (team < 0 || work <= 0) return;
      demand[team]! += rate * work;
    };
    add(r.discovery, e.discovery);
    add(r.model, modelWork * (1 + loops * params.reworkEffortShare * iteration));
    add(r.application, e.application * (1 + loops * params.reworkEffortShare * iteration));
    if (r.infrastructure >= 0 && compiled.infraSelfShare > 0) add(r.infrastructure, e.infrastructure * compiled.infraSelfShare);
    if (r.platform >= 0 && compiled.infraPlatformShare > 0) add(r.platform, e.infrastructure * compiled.infraPlatformShare);
    add(r.integration, e.integration * iteration * (1 + loops * params.reworkEffortShare));
    add(r.deploy, e.deploy * (1 + failures * params.recoveryEffortShare));
    const involved = new Set([r.discovery, r.model, r.application, r.integration, r.deploy, ...(r.infrastructure >= 0 && compiled.infraSelfShare > 0 ? [r.infrastructure] : []), ...(r.platform >= 0 && compiled.infraPlatformShare > 0 ? [r.platform] : [])]);
    for (const t of involved) if (t >= 0) perYear[t]! += rate * 52;
  });
  const teams: TeamLoad[] = [];
  design.teams.forEach((team, t) => {
    if (team.flowRole === 'outside') return;
    const d = demand[t]!;
    const c = capacity[t]!;
    teams.push({ teamId: team.id, name: team.name, flowRole: team.flowRole, headcount: team.people.length, initiativesPerYear: perYear[t]!, demand: d, capacity: c, utilisation: d <= 0 ? 0 : c > 1e-12 ? d / c : Infinity });
  });
  return { kind: design.kind, teams, verdict: verdictOf(design, teams, params, portfolio, horizonMonths) };
}

/** Person-weeks one person of the team does per week at the horizon's end (the engine's multipliers, no people needed). */
function perPersonCapacity(design: OrgDesign, team: DesignTeam, params: DeliveryParameters, horizonMonths: number): number {
  let f = params.focusFactor * Math.max(0, 1 - params.holidayWeeksPerYear / 52);
  if (team.flowRole === 'platform') f *= 1 - params.platformMaintenanceShare;
  if (team.flowRole === 'pod' && design.podCount >= 2) f *= 1 - params.crossPodCoordinationShare;
  const a = design.adoption;
  if (a > 0 && team.flowRole !== 'platform' && design.platformStartMonth > 0 && horizonMonths >= design.platformStartMonth) {
    f *= horizonMonths < design.platformStartMonth + params.adoptionDipMonths ? 1 - params.adoptionDipThroughput * a : 1 + params.platformProductivityGain * a;
  }
  return f;
}

const one = (v: number) => (Math.round(v * 10) / 10).toLocaleString('en-US');
/** Rounded down to two significant figures: a suggested demand must stay below the limit. */
const floorTwo = (v: number) => {
  if (!(v > 0)) return '0';
  const scale = Math.pow(10, Math.floor(Math.log10(v)) - 1);
  return (Math.floor(v / scale) * scale).toLocaleString('en-US', { maximumSignificantDigits: 2 });
};
const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** The team's name as a sentence's subject ("the central AI team", "the Payments pod"). */
function subject(team: TeamLoad): string {
  if (team.flowRole === 'central-ai') return 'the central AI team';
  if (team.flowRole === 'product-engineering') return 'product engineering';
  if (team.flowRole === 'platform') return 'the AI platform team';
  if (team.flowRole === 'business') return 'the business (discovery)';
  return team.name;
}

function fieldFor(kind: DesignKind, role: FlowRole): HeadcountField | undefined {
  if (kind === 'centralized') return role === 'central-ai' ? 'centralAi' : role === 'product-engineering' ? 'productEngineering' : undefined;
  if (role === 'pod') return 'perPod';
  return kind === 'pods-platform' && role === 'platform' ? 'platform' : undefined;
}

function verdictOf(design: OrgDesign, teams: readonly TeamLoad[], params: DeliveryParameters, portfolio: Portfolio, horizonMonths: number): DesignVerdict {
  const overloaded = teams.filter((t) => t.utilisation >= 1).sort((a, b) => b.utilisation - a.utilisation);
  const worst = overloaded[0];
  if (!worst) return { meaningful: true };
  const verb = design.asModelled ? 'has' : 'would have';
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const load = Number.isFinite(worst.utilisation) ? `utilisation ${one(worst.utilisation)}` : 'no productive people within the horizon';
  const others = overloaded.length > 1 ? ` (also at or over capacity: ${overloaded.slice(1).map((t) => `${subject(t)}, ${Number.isFinite(t.utilisation) ? one(t.utilisation) : 'no people'}`).join('; ')})` : '';
  const reason = `${capital(subject(worst))} ${verb} ${people(worst.headcount)} for ${one(worst.initiativesPerYear)} initiatives a year: ${load}${others}. Its queue grows for as long as the horizon lasts, so the simulated times measure the horizon, not the design.`;
  // Per overloaded team, the fewest people who keep up: demand < n × one person's capacity (pods once, as "each pod").
  const asks: string[] = [];
  let podAsked = false;
  for (const t of overloaded) {
    if (t.flowRole === 'pod' && podAsked) continue;
    const team = design.teams.find((x) => x.id === t.teamId)!;
    let demand = t.demand;
    if (t.flowRole === 'pod') {
      podAsked = true;
      demand = Math.max(...overloaded.filter((x) => x.flowRole === 'pod').map((x) => x.demand));
    }
    const perPerson = perPersonCapacity(design, team, params, horizonMonths);
    const needed = perPerson > 0 ? Math.floor(demand / perPerson) + 1 : 0;
    const whom = t.flowRole === 'pod' && design.podCount > 1 ? 'each pod' : subject(t);
    asks.push(needed > 0 ? `${whom} at least ${people(needed)}` : `${whom} people`);
  }
  const field = design.asModelled ? undefined : fieldFor(design.kind, worst.flowRole);
  const how = design.asModelled ? ' (add positions to its team)' : field ? '' : ' (add those roles to the scenario)';
  let demandText = '';
  if (Number.isFinite(worst.utilisation)) {
    const u = worst.utilisation;
    const listed = portfolio.initiatives && portfolio.initiatives.length > 0 ? portfolio.initiatives.length : 0;
    demandText = listed
      ? `, or list at most ${Math.max(0, Math.ceil(listed / u) - 1)} initiatives over the ${horizonMonths}-month horizon`
      : `, or lower the demand to ${floorTwo(params.arrivalsPerAreaPerMonth / u)} initiatives per area per month`;
  }
  return { meaningful: false, reason, change: `Give ${asks.join(' and ')}${how}${demandText}.`, teamId: worst.teamId, ...(field ? { field } : {}) };
}

/** A design that cannot be formed from the people present: not a meaningful comparison either. */
export function unavailableVerdict(u: UnavailableDesign): DesignVerdict & { meaningful: false } {
  const field: HeadcountField = u.kind === 'centralized' ? 'centralAi' : u.kind === 'pods-platform' && /platform/i.test(u.reason) ? 'platform' : 'perPod';
  const team = field === 'centralAi' ? 'the central AI team' : field === 'platform' ? 'the AI platform team' : 'each pod';
  return {
    meaningful: false,
    reason: `${DESIGN_LABELS[u.kind]} cannot be formed: ${u.reason}`,
    change: `Set a headcount for ${team}, or add those roles to the scenario.`,
    field,
  };
}
