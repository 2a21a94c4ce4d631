/**
 * Org guardrails (M2): what the seeds say a healthy team looks like, checked
 * against the modelled org and reported as warnings with the reason. They
 * never block an edit or a save: a plan in progress is allowed to be
 * unfinished, and a leader may deliberately deviate.
 */
import { ROLE_LABELS, type RoleId } from './roles.ts';
import type { TeamType } from './team-types.ts';
import { SEED_PLATFORM, SEED_PODS } from './sources.ts';

/** The part of a position the guardrails read (a scenario `Position` fits). */
export interface GuardrailPosition {
  id: string;
  role: RoleId;
  singleThreadedOwner: boolean;
}

/** The part of a team the guardrails read (a scenario `Team` fits). */
export interface GuardrailTeam {
  id: string;
  name: string;
  type: TeamType;
  positions: readonly GuardrailPosition[];
}

export type GuardrailCode =
  | 'pod-too-small'
  | 'pod-too-large'
  | 'pod-no-owner'
  | 'pod-multiple-owners'
  | 'pod-missing-role'
  | 'owner-outside-pod'
  | 'platform-no-consumers';

export interface GuardrailWarning {
  teamId: string;
  code: GuardrailCode;
  severity: 'warning';
  /** What is wrong and why it matters, in the seed's terms. */
  message: string;
  /** Where the rule comes from. */
  source: string;
  /** For `pod-missing-role`: the role that is missing. */
  role?: RoleId;
  /** Positions the warning is about (e.g. both owners), for highlighting. */
  positionIds?: string[];
}

/** Seed "2-pizza AI teams": "a small, autonomous unit (typically 5-8 people)". */
export const POD_SIZE = { min: 5, max: 8 } as const;

/**
 * The pod's required roles (seed "2-pizza AI teams": single-threaded owner,
 * AI/ML engineer, 1–2 software engineers, data platform engineer). The owner
 * is checked through the single-threaded-owner flag, the others by role.
 */
export const POD_REQUIRED_ROLES: readonly RoleId[] = ['ai-ml-engineer', 'software-engineer', 'data-platform-engineer'];

const WHY_ROLE: Partial<Record<RoleId, string>> = {
  'ai-ml-engineer': 'model selection, fine-tuning, prompt engineering and AI pipeline optimization',
  'software-engineer': 'full-stack development with AI integration',
  'data-platform-engineer': 'high-quality data inputs, real-time data pipelines and feature engineering for AI models',
};

/**
 * Which team types consume each platform type. A platform team's "customers
 * are other engineers" (seed "What an AI platform team actually owns"): the
 * AI platform team serves teams that build and ship ML systems; the central
 * platform serves every other team, the AI platform team included.
 */
export const PLATFORM_CONSUMERS: Partial<Record<TeamType, readonly TeamType[]>> = {
  'ai-platform': ['stream-aligned-pod', 'central-ai', 'product-engineering', 'complicated-subsystem'],
  'central-platform': ['stream-aligned-pod', 'central-ai', 'ai-platform', 'product-engineering', 'complicated-subsystem', 'enabling'],
};

function warn(teamId: string, code: GuardrailCode, message: string, source: string, extra: Partial<GuardrailWarning> = {}): GuardrailWarning {
  return { teamId, code, severity: 'warning', message, source, ...extra };
}

/** Size counts every position, filled or open: the guardrail is about the pod as planned. */
function podWarnings(team: GuardrailTeam, out: GuardrailWarning[]): void {
  const positions = team.positions;
  const size = positions.length;
  if (size < POD_SIZE.min) {
    out.push(
      warn(
        team.id,
        'pod-too-small',
        `${team.name} has ${size} ${size === 1 ? 'position' : 'positions'}; a 2-pizza pod is typically ${POD_SIZE.min}–${POD_SIZE.max} people, enough to hold AI, data and product in one team.`,
        SEED_PODS,
      ),
    );
  } else if (size > POD_SIZE.max) {
    out.push(
      warn(
        team.id,
        'pod-too-large',
        `${team.name} has ${size} positions; a 2-pizza pod is typically ${POD_SIZE.min}–${POD_SIZE.max} people, "the optimal size for rapid decision-making and clear accountability". Consider splitting it.`,
        SEED_PODS,
      ),
    );
  }

  const owners: string[] = [];
  let unflaggedOwnerRole: GuardrailPosition | undefined;
  const present = new Set<RoleId>();
  for (const position of positions) {
    present.add(position.role);
    if (position.singleThreadedOwner) owners.push(position.id);
    else if (position.role === 'single-threaded-owner' && !unflaggedOwnerRole) unflaggedOwnerRole = position;
  }
  if (owners.length === 0) {
    const hint = unflaggedOwnerRole ? ' One position holds the owner role but is not marked as the single-threaded owner.' : '';
    out.push(
      warn(
        team.id,
        'pod-no-owner',
        `${team.name} has no single-threaded owner: nobody is accountable end to end for "user experience, technical delivery, and business metrics".${hint}`,
        SEED_PODS,
        unflaggedOwnerRole ? { positionIds: [unflaggedOwnerRole.id] } : {},
      ),
    );
  } else if (owners.length > 1) {
    out.push(
      warn(
        team.id,
        'pod-multiple-owners',
        `${team.name} has ${owners.length} single-threaded owners; single-threaded ownership means one person owns the outcome, which is what gives the pod "clear accountability for outcomes".`,
        SEED_PODS,
        { positionIds: owners },
      ),
    );
  }
  for (const role of POD_REQUIRED_ROLES) {
    if (present.has(role)) continue;
    out.push(
      warn(
        team.id,
        'pod-missing-role',
        `${team.name} has no ${ROLE_LABELS[role].toLowerCase()}; in an AI-native pod this role owns ${WHY_ROLE[role] ?? 'part of the pod'}, so the pod would wait on another team for it.`,
        SEED_PODS,
        { role },
      ),
    );
  }
}

/**
 * All guardrail warnings for an org, in team order. Pure and cheap: one pass
 * over the positions, so the editor can run it on every change.
 */
export function orgGuardrails(teams: readonly GuardrailTeam[]): GuardrailWarning[] {
  const out: GuardrailWarning[] = [];
  const typesPresent = new Set<TeamType>();
  for (const team of teams) typesPresent.add(team.type);

  for (const team of teams) {
    if (team.type === 'stream-aligned-pod') {
      podWarnings(team, out);
      continue;
    }
    const flagged = team.positions.filter((p) => p.singleThreadedOwner).map((p) => p.id);
    if (flagged.length > 0) {
      out.push(
        warn(
          team.id,
          'owner-outside-pod',
          `${team.name} is not a stream-aligned pod but has a single-threaded owner; in the seed the single-threaded owner leads a pod and owns its product outcome.`,
          SEED_PODS,
          { positionIds: flagged },
        ),
      );
    }
    const consumers = PLATFORM_CONSUMERS[team.type];
    if (consumers && !consumers.some((type) => typesPresent.has(type))) {
      out.push(
        warn(
          team.id,
          'platform-no-consumers',
          `${team.name} is a platform team with no team to consume it: a platform team's product is internal, "its customers are other engineers", and it measures adoption of its paved road. Add the teams it serves or change its type.`,
          SEED_PLATFORM,
        ),
      );
    }
  }
  return out;
}

/** Warnings grouped by team id, for showing inline next to each team. */
export function guardrailsByTeam(warnings: readonly GuardrailWarning[]): Map<string, GuardrailWarning[]> {
  const byTeam = new Map<string, GuardrailWarning[]>();
  for (const warning of warnings) {
    const list = byTeam.get(warning.teamId);
    if (list) list.push(warning);
    else byTeam.set(warning.teamId, [warning]);
  }
  return byTeam;
}
