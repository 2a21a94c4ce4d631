/**
 * Org designs for the delivery simulator: who does each stage of an AI
 * initiative, derived from the scenario's teams (types, positions by role,
 * filled or open with the hiring plan's ramp).
 *
 * Three designs, always with the scenario's own people:
 *
 * - centralized: business → central AI team → product engineering. The
 *   business does discovery, the central AI team data, model, shared
 *   infrastructure and deploy, product engineering the application and the
 *   integration. Each hand-off is a queue at the receiving team.
 * - pods: every stage inside the pod that owns the initiative's product
 *   area, including all infrastructure work (no platform).
 * - pods-platform: as pods, but the paved road moves `pavedRoadAdoption` of
 *   the infrastructure work to the AI platform team's queue.
 *
 * The design that matches the scenario's shape is used as modelled ("as
 * modelled"); the other two re-arrange the same positions (same people, same
 * hire months, same cost) by role: see `README.md` for the rules.
 */
import type { CostedScenario } from '../cost/scenario-costs.ts';
import type { RoleId } from '../org/roles.ts';
import type { TeamType } from '../org/team-types.ts';
import { hiringSchedule, resolveHiring, teamStartMonths } from '../phases/plan.ts';
import type { HiringRole, Phases } from '../phases/schema.ts';
import type { ReadinessAnswers } from '../readiness/schema.ts';
import { HYBRID_ROLES } from '../readiness/recommend.ts';
import type { DeliveryParameters } from './parameters.ts';
import type { PortfolioArea } from './portfolio.ts';
import type { DesignHeadcount } from './schema.ts';

export const DESIGN_KINDS = ['centralized', 'pods', 'pods-platform'] as const;
export type DesignKind = (typeof DESIGN_KINDS)[number];

export const DESIGN_LABELS: Record<DesignKind, string> = {
  centralized: 'Centralized AI team',
  pods: 'AI pods',
  'pods-platform': 'AI pods + AI platform team',
};


/** The part of a scenario the delivery simulator reads (a `Scenario` fits). */
export interface DeliveryScenario {
  teams: ReadonlyArray<{
    id: string;
    name: string;
    type: TeamType;
    positions: ReadonlyArray<{ id: string; role: RoleId; filled: boolean; hireMonth?: number | undefined; salaryPercentile?: number | undefined }>;
  }>;
  phases: Pick<Phases, 'waves' | 'hiring'>;
  costModel: { horizonMonths: number; planStart: string };
  readiness?: ReadinessAnswers;
  /** The scenario's delivery section: the headcounts it sets for the counterfactual designs. */
  delivery?: { designHeadcount?: DesignHeadcount | undefined };
  /**
   * The GPU capacity the plan pays for. With it (a whole scenario), designs
   * are costed in the one cost model (`scenarioCosts`); without it, by their
   * people alone.
   */
  cluster?: CostedScenario['cluster'];
}

export type FlowRole = 'business' | 'central-ai' | 'product-engineering' | 'pod' | 'platform' | 'outside';

export interface DesignPerson {
  positionId: string;
  role: RoleId;
  filled: boolean;
  hireMonth?: number | undefined;
  salaryPercentile?: number | undefined;
  /** Team the position is in, in the scenario. */
  fromTeamId: string;
  /** Plan month the person joins this design's team (capacity and cost from here). */
  availableMonth: number;
  /** Plan month the person is fully productive (linear ramp from `availableMonth`). */
  productiveMonth: number;
}

export interface DesignTeam {
  id: string;
  name: string;
  type: TeamType;
  flowRole: FlowRole;
  people: DesignPerson[];
  /** Initiatives' tasks the team works on at once: max(1, round(headcount / crew size)). */
  crews: number;
  /** First plan month with any productive capacity (0 when never). */
  startMonth: number;
  /** Productive people per plan month (index 0 = month 1), hiring ramp included. */
  fte: number[];
  /** True when the team is the scenario's own team, false when re-arranged. */
  fromScenario: boolean;
}

/** Which team (index into `teams`) does each task of an initiative of one product area. */
export interface AreaRoute {
  discovery: number;
  model: number;
  application: number;
  /** The team doing the infrastructure work not moved to a platform (−1: none). */
  infrastructure: number;
  /** The platform team taking the paved-road share (−1: none). */
  platform: number;
  integration: number;
  deploy: number;
  /** Hand-offs between the teams that build the parts to integrate (discovery → model, → application; model, application → integration). */
  partHandoffs: number;
  /** True when model and application are built by different teams (they are "apart"). */
  builtApart: boolean;
}

export interface OrgDesign {
  kind: DesignKind;
  label: string;
  /** True when this is the scenario's own shape; false when its people were re-arranged. */
  asModelled: boolean;
  /** How the design was made from the scenario, in a sentence or two. */
  note: string;
  teams: DesignTeam[];
  routes: AreaRoute[];
  /** Paved-road adoption in effect (0 without a platform team). */
  adoption: number;
  /** Infrastructure effort multiplier for the team doing it itself, and for the platform. */
  infraSelfShare: number;
  infraPlatformShare: number;
  /** Plan month the platform team starts (0 without one). */
  platformStartMonth: number;
  podCount: number;
  /** Pods whose start waits for a single-threaded owner to be hired (readiness answer). */
  ownerDelays: Array<{ teamId: string; months: number }>;
}

export interface UnavailableDesign {
  kind: DesignKind;
  reason: string;
}

type Category = 'owner' | 'business' | 'manager' | 'ml' | 'data' | 'software' | 'ops' | 'other';

const ROLE_CATEGORY: Record<RoleId, Category> = {
  'single-threaded-owner': 'owner',
  'ai-product-manager': 'owner',
  'business-stakeholder': 'business',
  'engineering-manager': 'manager',
  'ai-ml-engineer': 'ml',
  'data-scientist': 'ml',
  'data-platform-engineer': 'data',
  'software-engineer': 'software',
  'mlops-engineer': 'ops',
  'ai-platform-engineer': 'ops',
  'principal-engineer': 'other',
};

/** Where each team type sits in the delivery flow (outside = not in it; its cost still counts). */
export const FLOW_ROLE: Record<TeamType, FlowRole> = {
  'stream-aligned-pod': 'pod',
  'central-ai': 'central-ai',
  'ai-platform': 'platform',
  'product-engineering': 'product-engineering',
  business: 'business',
  'central-platform': 'outside',
  enabling: 'outside',
  'complicated-subsystem': 'outside',
};

interface SourcePerson extends DesignPerson {
  category: Category;
  /** The scenario team's flow role. */
  flowRole: FlowRole;
  order: number;
}

interface SourceTeam {
  id: string;
  name: string;
  type: TeamType;
  flowRole: FlowRole;
  startMonth: number;
  people: SourcePerson[];
}

/** The design the scenario's own shape matches. */
export function naturalDesign(scenario: Pick<DeliveryScenario, 'teams'>): DesignKind {
  const pods = scenario.teams.some((t) => t.type === 'stream-aligned-pod' && t.positions.length > 0);
  if (!pods) return 'centralized';
  return scenario.teams.some((t) => t.type === 'ai-platform' && t.positions.length > 0) ? 'pods-platform' : 'pods';
}

/** The hiring plan with the hybrid roles' time to hire scaled. */
function adjustedHiring(hiring: readonly HiringRole[], multiplier: number): HiringRole[] {
  if (multiplier === 1) return [...hiring];
  const resolved = resolveHiring(hiring);
  const out: HiringRole[] = [];
  for (const role of Object.keys(resolved) as RoleId[]) {
    const entry = resolved[role];
    out.push(HYBRID_ROLES.includes(role) ? { ...entry, monthsToHire: entry.monthsToHire * multiplier } : entry);
  }
  return out;
}

function sourceTeams(scenario: DeliveryScenario, params: DeliveryParameters): SourceTeam[] {
  const phases = { waves: scenario.phases.waves, hiring: adjustedHiring(scenario.phases.hiring, params.hybridTimeToHireMultiplier) };
  const starts = teamStartMonths(phases.waves);
  const hires = new Map(hiringSchedule(scenario.teams, phases).map((h) => [h.positionId, h]));
  let order = 0;
  return scenario.teams.map((team) => {
    const startMonth = starts.get(team.id) ?? 1;
    const flowRole = FLOW_ROLE[team.type];
    const people: SourcePerson[] = team.positions.map((p) => {
      const hire = p.filled ? undefined : hires.get(p.id);
      const availableMonth = hire ? hire.fillMonth : startMonth;
      const productiveMonth = hire ? hire.productiveMonth : startMonth;
      return {
        positionId: p.id,
        role: p.role,
        filled: p.filled,
        hireMonth: p.hireMonth,
        salaryPercentile: p.salaryPercentile,
        fromTeamId: team.id,
        availableMonth,
        productiveMonth,
        category: ROLE_CATEGORY[p.role],
        flowRole,
        order: order++,
      };
    });
    return { id: team.id, name: team.name, type: team.type, flowRole, startMonth, people };
  });
}

const strip = (p: SourcePerson, joinMonth = 1): DesignPerson => {
  const shift = Math.max(0, joinMonth - p.availableMonth);
  return {
    positionId: p.positionId,
    role: p.role,
    filled: p.filled,
    hireMonth: p.hireMonth,
    salaryPercentile: p.salaryPercentile,
    fromTeamId: p.fromTeamId,
    availableMonth: p.availableMonth + shift,
    productiveMonth: Math.max(p.productiveMonth, p.availableMonth + shift),
  };
};

function finishTeam(
  base: { id: string; name: string; type: TeamType; flowRole: FlowRole; people: DesignPerson[]; fromScenario: boolean },
  params: DeliveryParameters,
  horizonMonths: number,
): DesignTeam {
  const fte = new Array<number>(horizonMonths).fill(0);
  for (const person of base.people) {
    const ramp = person.productiveMonth - person.availableMonth;
    for (let m = Math.max(1, person.availableMonth); m <= horizonMonths; m++) fte[m - 1]! += ramp <= 0 ? 1 : Math.min(1, (m - person.availableMonth) / ramp);
  }
  // A hire contributes nothing in its first month of a ramp; capacity starts with the first productive share.
  let startMonth = 0;
  for (let m = 1; m <= horizonMonths; m++) {
    if (fte[m - 1]! > 1e-9) {
      startMonth = m;
      break;
    }
  }
  const crews = Math.max(1, Math.round(base.people.length / params.crewSize));
  return { ...base, crews, startMonth, fte };
}

/** Deal people over `n` buckets round-robin, category by category, continuing the pointer so sizes balance. */
function dealRoundRobin(people: readonly SourcePerson[], categories: readonly Category[], n: number): SourcePerson[][] {
  const buckets: SourcePerson[][] = Array.from({ length: n }, () => []);
  let pointer = 0;
  for (const category of categories) {
    const group = people.filter((p) => p.category === category).sort((a, b) => a.availableMonth - b.availableMonth || a.order - b.order);
    for (const person of group) {
      buckets[pointer % n]!.push(person);
      pointer++;
    }
  }
  return buckets;
}

export interface DesignOptions {
  params: DeliveryParameters;
  areas: readonly PortfolioArea[];
  /** Headcounts the user set for re-arranged designs (`delivery.designHeadcount`); ignored by the design as modelled. */
  headcount?: DesignHeadcount | undefined;
}

/** Roles given to people added to a team of a counterfactual (dealt in turn). */
const ADDED_ROLES: Record<'central-ai' | 'product-engineering' | 'pod' | 'platform', readonly RoleId[]> = {
  'central-ai': ['ai-ml-engineer'],
  'product-engineering': ['software-engineer'],
  pod: ['ai-ml-engineer', 'software-engineer'],
  platform: ['ai-platform-engineer'],
};

/**
 * Resizes a re-arranged team to the headcount the user set. People added
 * join with the team's first member (month 1 for a team of no one), fully
 * productive, at their role's default band; people removed are the latest
 * to join, so what is kept is what exists first. Unset or equal headcount
 * returns the same array (the default design is untouched).
 */
function resized(people: DesignPerson[], target: number | undefined, teamId: string, role: keyof typeof ADDED_ROLES, changes: string[], teamName: string): DesignPerson[] {
  if (target === undefined || target === people.length) return people;
  const from = people.length;
  let out: DesignPerson[];
  if (target < from) {
    const keep = new Set(
      people
        .map((p, i) => ({ p, i }))
        .sort((a, b) => a.p.availableMonth - b.p.availableMonth || a.i - b.i)
        .slice(0, target)
        .map((x) => x.i),
    );
    out = people.filter((_, i) => keep.has(i));
  } else {
    const join = from > 0 ? Math.min(...people.map((p) => p.availableMonth)) : 1;
    const roles = ADDED_ROLES[role];
    out = [...people];
    for (let k = 0; k < target - from; k++) {
      out.push({ positionId: `${teamId}:added-${k + 1}`, role: roles[k % roles.length]!, filled: true, fromTeamId: teamId, availableMonth: join, productiveMonth: join });
    }
  }
  changes.push(`${teamName} ${from} → ${target} ${target === 1 ? 'person' : 'people'}`);
  return out;
}

/** The sentence a design's note gets when the user set headcounts. */
function headcountNote(changes: readonly string[]): string {
  if (changes.length === 0) return '';
  return ` Headcount set by you: ${changes.join('; ')} (people added join with the team's first member, costed at their role's default salary band; people removed are the latest to join).`;
}

/**
 * The org design of `kind` for a scenario: its own teams when the scenario
 * has that shape, else its people re-arranged. Returns `UnavailableDesign`
 * when the people cannot make that design (e.g. no one to form a platform
 * team from).
 */
export function deriveDesign(scenario: DeliveryScenario, kind: DesignKind, options: DesignOptions): OrgDesign | UnavailableDesign {
  const { params, areas } = options;
  const horizon = scenario.costModel.horizonMonths;
  const natural = naturalDesign(scenario);
  const source = sourceTeams(scenario, params);
  const outside = source.filter((t) => t.flowRole === 'outside');
  const flowPeople = source.filter((t) => t.flowRole !== 'outside').flatMap((t) => t.people);
  const teams: DesignTeam[] = [];
  const addOutside = () => {
    for (const t of outside) {
      teams.push(finishTeam({ id: t.id, name: t.name, type: t.type, flowRole: 'outside', people: t.people.map((p) => strip(p)), fromScenario: true }, params, horizon));
    }
  };
  const mergedByRole = (role: FlowRole, label: string, type: TeamType): DesignTeam | null => {
    const group = source.filter((t) => t.flowRole === role && t.people.length > 0);
    if (group.length === 0) return null;
    const only = group.length === 1 ? group[0]! : null;
    return finishTeam(
      {
        id: only ? only.id : `merged-${role}`,
        name: only ? only.name : `${label} (${group.map((t) => t.name).join(' + ')})`,
        type,
        flowRole: role,
        people: group.flatMap((t) => t.people.map((p) => strip(p))),
        fromScenario: only !== null,
      },
      params,
      horizon,
    );
  };
  const answers = scenario.readiness;
  const hiring = resolveHiring(adjustedHiring(scenario.phases.hiring, params.hybridTimeToHireMultiplier));
  const ownerHireMonths = Math.ceil(hiring['single-threaded-owner'].monthsToHire);

  if (kind === 'centralized') {
    let business: DesignTeam | null;
    let central: DesignTeam | null;
    let product: DesignTeam | null;
    let platform: DesignTeam | null = null;
    let note: string;
    const asModelled = natural === 'centralized' && source.some((t) => t.flowRole === 'central-ai' && t.people.length > 0);
    if (asModelled) {
      business = mergedByRole('business', 'Business', 'business');
      central = mergedByRole('central-ai', 'Central AI', 'central-ai');
      product = mergedByRole('product-engineering', 'Product engineering', 'product-engineering');
      platform = mergedByRole('platform', 'AI platform', 'ai-platform');
      // Pod-typed teams cannot exist here (the scenario would be pod-shaped); other flow people are ignored.
      note = 'The scenario\'s own teams: the business does discovery, the central AI team data, model, infrastructure and deploy, product engineering the application and integration.';
    } else {
      const pick = (cats: readonly Category[]) => flowPeople.filter((p) => cats.includes(p.category)).map((p) => strip(p));
      const mk = (id: string, name: string, type: TeamType, role: FlowRole, people: DesignPerson[]) =>
        people.length ? finishTeam({ id, name, type, flowRole: role, people, fromScenario: false }, params, horizon) : null;
      const set = options.headcount?.centralized;
      const changes: string[] = [];
      business = mk('central-business', 'Business & product management', 'business', 'business', pick(['business', 'owner']));
      central = mk('central-ai', 'Central AI team', 'central-ai', 'central-ai', resized(pick(['ml', 'data', 'ops', 'manager']), set?.centralAi, 'central-ai', 'central-ai', changes, 'Central AI team'));
      product = mk(
        'central-product-engineering',
        'Product engineering',
        'product-engineering',
        'product-engineering',
        resized(pick(['software']), set?.productEngineering, 'central-product-engineering', 'product-engineering', changes, 'Product engineering'),
      );
      note =
        'Re-arranged from the scenario\'s people: business stakeholders and single-threaded owners / AI PMs do discovery as the business, AI/ML, data, MLOps, AI platform engineers and managers form one central AI team, software engineers form product engineering.' +
        headcountNote(changes);
    }
    if (!central && !product) return { kind, reason: 'The scenario has no AI, data or software roles to form a central AI team from.' };
    for (const t of [business, central, product, platform]) if (t) teams.push(t);
    addOutside();
    const idx = (t: DesignTeam | null) => (t ? teams.indexOf(t) : -1);
    const c = idx(central) >= 0 ? idx(central) : idx(product);
    const p = idx(product) >= 0 ? idx(product) : c;
    const b = idx(business) >= 0 ? idx(business) : c;
    const plat = idx(platform);
    const adoption = plat >= 0 ? params.pavedRoadAdoption : 0;
    const partHandoffs = (b !== c ? 1 : 0) + (b !== p ? 1 : 0) + (c !== p ? 1 : 0);
    const route: AreaRoute = { discovery: b, model: c, application: p, infrastructure: c, platform: plat, integration: p, deploy: c, partHandoffs, builtApart: c !== p };
    return {
      kind,
      label: DESIGN_LABELS[kind],
      asModelled,
      note,
      teams,
      routes: areas.map(() => ({ ...route })),
      adoption,
      infraSelfShare: params.sharedInfraEffortShare * (1 - adoption),
      infraPlatformShare: params.sharedInfraEffortShare * adoption,
      platformStartMonth: platform ? platform.startMonth : 0,
      podCount: 0,
      ownerDelays: [],
    };
  }

  // Pods, with or without a platform team.
  const withPlatform = kind === 'pods-platform';
  const podsSet = kind === 'pods-platform' ? options.headcount?.['pods-platform'] : options.headcount?.pods;
  const platformSet = kind === 'pods-platform' ? options.headcount?.['pods-platform']?.platform : undefined;
  const changes: string[] = [];
  let podTeams: DesignTeam[] = [];
  let platform: DesignTeam | null = null;
  let note: string;
  let asModelled = false;
  const scenarioPods = source.filter((t) => t.flowRole === 'pod' && t.people.length > 0);
  const sourcePlatform = source.filter((t) => t.flowRole === 'platform' && t.people.length > 0);
  const ownerDelays: Array<{ teamId: string; months: number }> = [];
  // Readiness: pods beyond the leaders who can own a product wait for an owner to be hired.
  const missingOwnersFor = (podCount: number) =>
    answers?.ownerCandidates === undefined ? 0 : Math.max(0, podCount - answers.ownerCandidates);

  const delayedPods = (pods: Array<{ id: string; startMonth: number }>): Map<string, number> => {
    const missing = missingOwnersFor(pods.length);
    const delays = new Map<string, number>();
    if (missing === 0 || ownerHireMonths <= 0) return delays;
    const order = pods.map((p, i) => ({ ...p, i })).sort((a, b) => b.startMonth - a.startMonth || b.i - a.i);
    for (const pod of order.slice(0, missing)) {
      delays.set(pod.id, ownerHireMonths);
      ownerDelays.push({ teamId: pod.id, months: ownerHireMonths });
    }
    return delays;
  };

  if (scenarioPods.length > 0) {
    asModelled = natural === kind;
    const delays = delayedPods(scenarioPods.map((t) => ({ id: t.id, startMonth: t.startMonth })));
    const extra: SourcePerson[][] = scenarioPods.map(() => []);
    if (!withPlatform && sourcePlatform.length > 0) {
      // The platform team's people join the pods (same headcount, no platform).
      const dealt = dealRoundRobin(sourcePlatform.flatMap((t) => t.people), ['ops', 'ml', 'data', 'software', 'manager', 'owner', 'business', 'other'], scenarioPods.length);
      dealt.forEach((people, i) => extra[i]!.push(...people));
    }
    let carvedPlatform: SourcePerson[] = [];
    if (withPlatform && sourcePlatform.length === 0) carvedPlatform = scenarioPods.flatMap((t) => t.people.filter((p) => p.category === 'ops'));
    const carved = new Set(carvedPlatform.map((p) => p.positionId));
    podTeams = scenarioPods.map((t, i) => {
      const join = t.startMonth + (delays.get(t.id) ?? 0);
      const dealt = [...t.people.filter((p) => !carved.has(p.positionId)), ...extra[i]!].map((p) => strip(p, join));
      // Only a counterfactual takes the user's headcount: the design as modelled is the scenario's org.
      const people = asModelled ? dealt : resized(dealt, podsSet?.perPod, t.id, 'pod', changes, t.name);
      return finishTeam({ id: t.id, name: t.name, type: t.type, flowRole: 'pod', people, fromScenario: extra[i]!.length === 0 && carved.size === 0 && people === dealt }, params, horizon);
    });
    if (withPlatform) {
      if (sourcePlatform.length > 0) {
        platform = mergedByRole('platform', 'AI platform', 'ai-platform');
        note = 'The scenario\'s own pods and AI platform team.';
      } else if (carvedPlatform.length > 0 || platformSet !== undefined) {
        const people = resized(carvedPlatform.map((p) => strip(p)), platformSet, 'carved-platform', 'platform', changes, 'AI platform team');
        platform = finishTeam(
          { id: 'carved-platform', name: 'AI platform team (from the pods\' MLOps / AI platform engineers)', type: 'ai-platform', flowRole: 'platform', people, fromScenario: false },
          params,
          horizon,
        );
        note = 'The scenario\'s pods, with their MLOps and AI platform engineers moved into an AI platform team.';
      } else {
        return { kind, reason: 'No MLOps or AI platform engineer in the scenario to form an AI platform team from.' };
      }
    } else {
      note = sourcePlatform.length > 0 ? 'The scenario\'s own pods; the AI platform team\'s people join the pods (no platform, same headcount).' : 'The scenario\'s own pods.';
    }
  } else {
    // No pods in the scenario: form one pod per product area from the flow teams' people.
    const n = Math.max(1, areas.length);
    const podCategories: Category[] = withPlatform ? ['owner', 'manager', 'ml', 'data', 'software'] : ['owner', 'manager', 'ml', 'data', 'software', 'ops'];
    const candidates = flowPeople.filter((p) => p.category !== 'business' && p.category !== 'other');
    if (!candidates.some((p) => p.category === 'ml' || p.category === 'software' || p.category === 'data') && podsSet?.perPod === undefined) {
      return { kind, reason: 'The scenario has no AI, data or software roles to form pods from.' };
    }
    const pods = Array.from({ length: n }, (_, i) => ({ id: `pod-${i + 1}`, startMonth: areas[i]?.startMonth ?? 1 }));
    const delays = delayedPods(pods);
    const dealt = dealRoundRobin(candidates, podCategories, n);
    podTeams = dealt.map((people, i) => {
      const area = areas[i];
      const join = pods[i]!.startMonth + (delays.get(pods[i]!.id) ?? 0);
      const name = `${area ? area.name : `Area ${i + 1}`} pod`;
      return finishTeam(
        {
          id: pods[i]!.id,
          name,
          type: 'stream-aligned-pod',
          flowRole: 'pod',
          people: resized(
            people.map((p) => strip(p, join)),
            podsSet?.perPod,
            pods[i]!.id,
            'pod',
            changes,
            name,
          ),
          fromScenario: false,
        },
        params,
        horizon,
      );
    });
    const business = flowPeople.filter((p) => p.category === 'business' || p.category === 'other');
    if (business.length) {
      teams.push(
        finishTeam({ id: 'pods-business', name: 'Business stakeholders (not in the flow)', type: 'business', flowRole: 'outside', people: business.map((p) => strip(p)), fromScenario: false }, params, horizon),
      );
    }
    if (withPlatform) {
      const ops = candidates.filter((p) => p.category === 'ops');
      if (ops.length === 0 && platformSet === undefined) return { kind, reason: 'No MLOps or AI platform engineer in the scenario to form an AI platform team from.' };
      const people = resized(ops.map((p) => strip(p)), platformSet, 'rearranged-platform', 'platform', changes, 'AI platform team');
      platform = finishTeam({ id: 'rearranged-platform', name: 'AI platform team', type: 'ai-platform', flowRole: 'platform', people, fromScenario: false }, params, horizon);
    }
    note = `Re-arranged from the scenario's people: ${n} ${n === 1 ? 'pod' : 'pods'}, one per product area, with owners, managers, AI/ML, data${withPlatform ? ' and software engineers dealt round-robin; MLOps and AI platform engineers form the AI platform team' : ', software and MLOps engineers dealt round-robin'}.`;
  }

  note += headcountNote(changes);

  // Teams that are neither pods nor platform stay outside the pod flow (their cost still counts).
  if (scenarioPods.length > 0) {
    for (const t of source) {
      if (t.flowRole === 'pod' || t.flowRole === 'platform' || t.people.length === 0) continue;
      teams.push(finishTeam({ id: t.id, name: t.name, type: t.type, flowRole: 'outside', people: t.people.map((p) => strip(p)), fromScenario: true }, params, horizon));
    }
  } else {
    addOutside();
  }
  const podStart = teams.length;
  teams.push(...podTeams);
  const plat = platform ? teams.push(platform) - 1 : -1;
  const adoption = plat >= 0 ? params.pavedRoadAdoption : 0;
  const routes: AreaRoute[] = areas.map((area, i) => {
    const byId = area.teamId ? podTeams.findIndex((t) => t.id === area.teamId) : -1;
    const pod = podStart + (byId >= 0 ? byId : i % podTeams.length);
    return { discovery: pod, model: pod, application: pod, infrastructure: pod, platform: plat, integration: pod, deploy: pod, partHandoffs: 0, builtApart: false };
  });
  return {
    kind,
    label: DESIGN_LABELS[kind],
    asModelled,
    note,
    teams,
    routes,
    adoption,
    infraSelfShare: 1 - adoption,
    infraPlatformShare: params.sharedInfraEffortShare * adoption,
    platformStartMonth: platform ? platform.startMonth : 0,
    podCount: podTeams.length,
    ownerDelays,
  };
}

export function isUnavailable(d: OrgDesign | UnavailableDesign): d is UnavailableDesign {
  return 'reason' in d;
}
