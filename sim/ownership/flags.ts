/**
 * The ownership map's flags (M4). Each explains itself with the reasoning of
 * seed "What an AI platform team actually owns", quoted or paraphrased.
 */
import { TEAM_TYPE_LABELS, type TeamType } from '../org/team-types.ts';
import { SEED_PLATFORM } from '../org/sources.ts';
import { CAPABILITIES, PLATFORM_TYPES, PRODUCT_SIDE_TYPES, type Capability, type CapabilityId, type Layer } from './catalog.ts';
import type { OwnershipAssignment } from './schema.ts';

/** The part of a team the ownership map reads (a scenario `Team` fits). */
export interface OwnershipTeam {
  id: string;
  name: string;
  type: TeamType;
}

export type OwnershipFlagCode =
  | 'unowned'
  | 'owned-twice'
  | 'platform-owns-product'
  | 'product-owns-substrate'
  | 'product-owns-shared-primitive'
  | 'bypassing-platform-endpoint'
  | 'ai-platform-owns-base-cluster'
  | 'central-platform-owns-ai-layer'
  | 'platform-and-mlops-conflated'
  | 'owner-type-mismatch'
  | 'unknown-team';

export interface OwnershipFlag {
  code: OwnershipFlagCode;
  severity: 'warning';
  capability: CapabilityId;
  /** Teams the flag is about (empty for `unowned`). */
  teamIds: string[];
  /** What is wrong here, naming the teams. */
  message: string;
  /** Why it matters, in the article's words. */
  reasoning: string;
  source: string;
}

/** Why an unowned capability matters, per layer (the article's reasoning). */
export const UNOWNED_REASONING: Record<Layer, string> = {
  substrate:
    'Without a named owner, GPU resources are allocated by whoever submits tickets first, utilisation collapses, and training jobs block serving workloads.',
  'ml-primitives':
    'If the shared ML primitives are not owned by a named team, each product team builds its own version and the organisation accrues duplicated, inconsistent, unauditable tooling. The model registry in particular gets stood up once and abandoned when nobody owns its lifecycle.',
  'application-support':
    'The evaluation and rollout machinery must be owned by one team with a single quality bar. Without a shared rollout mechanism, each product team implements its own cutover logic — some with canaries, some without, some with automated rollback, some without.',
  'central-platform':
    'The Kubernetes control plane, networking, identity and supply chain belong to the central platform team; the AI platform team consumes them as a foundation. Without an owner, nobody is accountable when the base cluster has an outage.',
  product:
    'The models themselves and the business outcome are product team calls: architecture, training data, fine-tuning strategy, and whether the model improves the right product metric. Without an owner, nobody is accountable for the result.',
};

/** The article's reasoning per flag, quoted where it is short enough, else paraphrased. */
export const FLAG_REASONING: Record<Exclude<OwnershipFlagCode, 'unowned'>, string> = {
  'owned-twice':
    'Two parallel paved roads — one from the central platform team for applications, one from the AI platform team for ML workloads, with no shared primitives between them — are the signal that ownership is misplaced. A capability with two owners has no single quality bar and no clear accountability.',
  'platform-owns-product':
    'The platform team does not own the models themselves or the business outcome. Crossing this boundary converts the platform team into an ML consultancy, which prevents it from maintaining shared infrastructure at scale. Its KPIs are infrastructure reliability, paved-road adoption and cycle time, not whether a model lifts conversion.',
  'product-owns-substrate':
    'The substrate — GPU scheduling, quota enforcement, namespacing, the GPU Operator — is the AI platform team\'s first accountability. Run by a product team, it is allocated to whoever shouts first, utilisation collapses, and the product team carries infrastructure that belongs to the platform.',
  'product-owns-shared-primitive':
    'Shared ML primitives and the rollout machinery are the platform team\'s product, deployed once so no product team has to build them. When a product team owns its own, the organisation accrues duplicated, inconsistent, unauditable tooling and each team implements its own cutover logic.',
  'bypassing-platform-endpoint':
    'The clearest tell of a leaky boundary is product teams calling the model\'s serving runtime directly, bypassing the platform-managed endpoint. The platform then loses its ability to enforce rollout controls, rate limits and cost attribution, and the product team carries maintenance for a capability that belongs to the platform.',
  'ai-platform-owns-base-cluster':
    'The base cluster — Kubernetes control plane, networking fabric, certificate authority, identity provider — belongs to the central platform team; the AI platform team consumes it. Conflating the two creates an accountability void: when the base cluster has an outage, nobody knows whether it is an AI platform issue or a central platform issue.',
  'central-platform-owns-ai-layer':
    'Small organisations often merge the central and AI platform roles; even then the accountabilities stay separate so they can be split when the organisation scales. Inside central platform engineering, ML-specific concerns risk being under-prioritised against general platform work.',
  'platform-and-mlops-conflated':
    'The AI platform team owns the substrate and shared primitives; the MLOps engineer owns the practice — the pipelines, retraining and deployment of specific models — and consumes the platform\'s contracts. Conflating the two is the single most common structural mistake in organisations building their first ML production capability; a team that also builds things on request becomes a shared-services bottleneck.',
  'owner-type-mismatch':
    'Each layer has its owner: the central platform team below, the AI platform team for the three-layer stack, product teams for their models and outcomes. An owner outside that boundary is accepting work that belongs elsewhere, the most common failure mode of a platform team.',
  'unknown-team': 'The assignment names a team that is not in the org (removed or renamed); the capability is effectively unowned.',
};

function typeLabel(type: TeamType): string {
  return TEAM_TYPE_LABELS[type];
}

function names(teams: readonly OwnershipTeam[]): string {
  return teams.map((t) => t.name).join(' and ');
}

/**
 * All flags of an ownership map, in catalog order. Assignments for the same
 * capability are merged; a team listed twice counts once.
 */
export function ownershipFlags(teams: readonly OwnershipTeam[], assignments: readonly OwnershipAssignment[]): OwnershipFlag[] {
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const ownersByCapability = new Map<CapabilityId, string[]>();
  for (const assignment of assignments) {
    const list = ownersByCapability.get(assignment.capability) ?? [];
    for (const id of assignment.teamIds) if (!list.includes(id)) list.push(id);
    ownersByCapability.set(assignment.capability, list);
  }

  const flags: OwnershipFlag[] = [];
  const flag = (code: OwnershipFlagCode, c: Capability, teamIds: string[], message: string, reasoning: string) =>
    flags.push({ code, severity: 'warning', capability: c.id, teamIds, message, reasoning, source: SEED_PLATFORM });

  for (const c of CAPABILITIES) {
    const ids = ownersByCapability.get(c.id) ?? [];
    const unknown = ids.filter((id) => !teamById.has(id));
    const owners = ids.map((id) => teamById.get(id)).filter((t): t is OwnershipTeam => t !== undefined);
    if (unknown.length > 0) {
      flag('unknown-team', c, unknown, `${c.label} is assigned to ${unknown.map((id) => `"${id}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not in the org.`, FLAG_REASONING['unknown-team']);
    }
    if (owners.length === 0) {
      flag('unowned', c, [], `${c.label} has no owner.`, UNOWNED_REASONING[c.layer]);
      continue;
    }
    if (!c.ownedPerTeam && owners.length > 1) {
      flag('owned-twice', c, owners.map((t) => t.id), `${c.label} is owned by ${owners.length} teams (${names(owners)}): two paved roads.`, FLAG_REASONING['owned-twice']);
    }

    for (const owner of owners) {
      const productSide = PRODUCT_SIDE_TYPES.includes(owner.type);
      const platform = PLATFORM_TYPES.includes(owner.type);
      if (c.layer === 'product') {
        if (platform) {
          flag('platform-owns-product', c, [owner.id], `${owner.name} (${typeLabel(owner.type)}) owns ${c.label.toLowerCase()}, a product team's accountability.`, FLAG_REASONING['platform-owns-product']);
        } else if (!productSide) {
          flag('owner-type-mismatch', c, [owner.id], `${owner.name} (${typeLabel(owner.type)}) owns ${c.label.toLowerCase()}; the article puts it with the product team that builds the model.`, FLAG_REASONING['owner-type-mismatch']);
        }
        continue;
      }
      if (c.layer === 'central-platform') {
        if (owner.type === 'ai-platform') {
          flag('ai-platform-owns-base-cluster', c, [owner.id], `${owner.name} (AI platform team) owns ${c.label.toLowerCase()}, part of the base cluster it should consume.`, FLAG_REASONING['ai-platform-owns-base-cluster']);
        } else if (owner.type !== 'central-platform') {
          flag('owner-type-mismatch', c, [owner.id], `${owner.name} (${typeLabel(owner.type)}) owns ${c.label.toLowerCase()}, which belongs to the central platform team.`, FLAG_REASONING['owner-type-mismatch']);
        }
        continue;
      }
      // The three AI platform layers.
      if (owner.type === 'ai-platform') continue;
      if (owner.type === 'central-ai') {
        flag('platform-and-mlops-conflated', c, [owner.id], `${owner.name} (central AI team) owns ${c.label.toLowerCase()} as well as building models: platform and MLOps practice in one team.`, FLAG_REASONING['platform-and-mlops-conflated']);
      } else if (productSide) {
        if (c.layer === 'substrate') {
          flag('product-owns-substrate', c, [owner.id], `${owner.name} (${typeLabel(owner.type)}) owns ${c.label.toLowerCase()}, part of the substrate.`, FLAG_REASONING['product-owns-substrate']);
        } else {
          flag('product-owns-shared-primitive', c, [owner.id], `${owner.name} (${typeLabel(owner.type)}) owns ${c.label.toLowerCase()}, a shared platform capability.`, FLAG_REASONING['product-owns-shared-primitive']);
        }
        if (c.id === 'serving-runtimes') {
          flag('bypassing-platform-endpoint', c, [owner.id], `${owner.name} runs its own serving runtime: it bypasses the platform-managed endpoint.`, FLAG_REASONING['bypassing-platform-endpoint']);
        }
      } else if (owner.type === 'central-platform') {
        flag('central-platform-owns-ai-layer', c, [owner.id], `${owner.name} (central platform) owns ${c.label.toLowerCase()}, an AI platform capability.`, FLAG_REASONING['central-platform-owns-ai-layer']);
      } else {
        flag('owner-type-mismatch', c, [owner.id], `${owner.name} (${typeLabel(owner.type)}) owns ${c.label.toLowerCase()}, which belongs to the AI platform team.`, FLAG_REASONING['owner-type-mismatch']);
      }
    }
  }
  return flags;
}

export interface OwnershipRow {
  capability: Capability;
  /** Owning team ids, in assignment order, known teams only. */
  ownerIds: string[];
  flags: OwnershipFlag[];
}

/** The matrix view's rows: every capability in catalog order with its owners and flags. */
export function ownershipMatrix(teams: readonly OwnershipTeam[], assignments: readonly OwnershipAssignment[]): OwnershipRow[] {
  const known = new Set(teams.map((t) => t.id));
  const owners = new Map<CapabilityId, string[]>();
  for (const a of assignments) {
    const list = owners.get(a.capability) ?? [];
    for (const id of a.teamIds) if (known.has(id) && !list.includes(id)) list.push(id);
    owners.set(a.capability, list);
  }
  const flags = ownershipFlags(teams, assignments);
  return CAPABILITIES.map((c) => ({ capability: c, ownerIds: owners.get(c.id) ?? [], flags: flags.filter((f) => f.capability === c.id) }));
}

/**
 * Assign a capability to exactly the given teams (replacing earlier owners),
 * returning new assignments; an empty list leaves it unowned.
 */
export function assignCapability(assignments: readonly OwnershipAssignment[], capabilityId: CapabilityId, teamIds: readonly string[]): OwnershipAssignment[] {
  const note = assignments.find((a) => a.capability === capabilityId)?.note ?? '';
  const rest = assignments.filter((a) => a.capability !== capabilityId);
  if (teamIds.length === 0) return rest;
  return [...rest, { capability: capabilityId, teamIds: [...teamIds], note }];
}

/**
 * Ownership as the article draws it, for the teams an org has: the AI
 * platform layers to the first AI platform team, the central platform items
 * to the first central platform team, each product-side item to every
 * product-side team. Layers with no fitting team stay unowned.
 */
export function suggestAssignments(teams: readonly OwnershipTeam[]): OwnershipAssignment[] {
  const aiPlatform = teams.find((t) => t.type === 'ai-platform');
  const central = teams.find((t) => t.type === 'central-platform');
  const product = teams.filter((t) => t.type === 'stream-aligned-pod');
  const productTeams = product.length > 0 ? product : teams.filter((t) => PRODUCT_SIDE_TYPES.includes(t.type));
  const out: OwnershipAssignment[] = [];
  for (const c of CAPABILITIES) {
    let owners: string[] = [];
    if (c.layer === 'product') owners = productTeams.map((t) => t.id);
    else if (c.layer === 'central-platform') owners = central ? [central.id] : [];
    else owners = aiPlatform ? [aiPlatform.id] : [];
    if (owners.length > 0) out.push({ capability: c.id, teamIds: owners, note: '' });
  }
  return out;
}
