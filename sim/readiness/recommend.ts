/**
 * What the readiness answers mean for this scenario (M7): whether pods are
 * likely to help, which of the seed's cons apply with the mitigations it
 * names, and which simulation inputs the answers change. Every statement
 * carries the seed sentence it comes from (`seedQuote`); sentences about the
 * scenario only restate its figures next to that quote.
 */
import type { RoleId } from '../org/roles.ts';
import { SEED_PODS } from '../org/sources.ts';
import type { TeamType } from '../org/team-types.ts';
import { ownershipFlags } from '../ownership/flags.ts';
import type { OwnershipAssignment } from '../ownership/schema.ts';
import { question, type QuestionId } from './questions.ts';
import type { ReadinessAnswers } from './schema.ts';

export interface Statement {
  text: string;
  /** The seed sentence this statement rests on, verbatim. */
  seedQuote: string;
  source: string;
}

export type Verdict = 're-architect-first' | 'unlikely-to-help' | 'mixed' | 'likely-to-help' | 'incomplete';

export type RiskId = 'talent-cost' | 'technical-drift' | 'coordination' | 'duplicated-infrastructure';

export interface Risk {
  id: RiskId;
  /** The seed's con, verbatim. */
  con: string;
  applies: boolean;
  /** Why it applies (or not) to this scenario. */
  why: Statement[];
  /** The seed's mitigations for it. */
  mitigations: Statement[];
}

/**
 * Inputs of the delivery simulation, cost model and hiring plan that the
 * answers move. Names are stable: the simulator reads them.
 */
export type SimulationParameter =
  | 'pod-handoff-wait'
  | 'pod-iteration-speedup'
  | 'cross-pod-coordination-overhead'
  | 'data-pipeline-work'
  | 'hybrid-role-time-to-hire'
  | 'hybrid-role-salary-percentile'
  | 'single-threaded-owner-hires';

export interface SimulationAdjustment {
  parameter: SimulationParameter;
  change: { kind: 'multiply'; factor: number } | { kind: 'add'; amount: number };
  /** The direction comes from the seed; the size is Podplan's assumption. */
  magnitudeSource: 'assumption';
  reason: Statement;
  /** The answer that triggered it. */
  question: QuestionId;
}

export interface ReadinessRecommendation {
  verdict: Verdict;
  headline: Statement;
  /** One statement per answered question (and per scenario fact it is checked against). */
  reasons: Statement[];
  risks: Risk[];
  adjustments: SimulationAdjustment[];
  unanswered: QuestionId[];
}

/** The part of a scenario the recommendation reads. */
export interface ReadinessScenario {
  teams: ReadonlyArray<{ id: string; name: string; type: TeamType; positions: ReadonlyArray<{ role: RoleId; filled: boolean }> }>;
  ownership?: { assignments: readonly OwnershipAssignment[] };
}

/** The pod roles the seed calls "specialized hybrid roles" (talent cost). */
export const HYBRID_ROLES: readonly RoleId[] = ['single-threaded-owner', 'ai-ml-engineer', 'data-platform-engineer', 'ai-platform-engineer', 'mlops-engineer'];

const say = (text: string, seedQuote: string): Statement => ({ text, seedQuote, source: SEED_PODS });

const CONS: Record<RiskId, string> = {
  'talent-cost': 'Higher talent acquisition costs (specialized hybrid roles)',
  'technical-drift': 'Potential technical drift without strong architectural oversight',
  coordination: 'Coordination challenges across multiple autonomous units',
  'duplicated-infrastructure': 'Risk of duplicated infrastructure work',
};

const MITIGATIONS: Record<RiskId, Statement[]> = {
  'technical-drift': [
    say('Establish weekly forums led by Principal Engineers who set architectural standards across teams.', 'Establish weekly forums led by Principal Engineers who set architectural standards across teams.'),
    say('Create shared libraries and AI-assisted code review processes.', 'Create shared libraries and Claude-powered code review processes.'),
  ],
  coordination: [
    say('Use shared design systems, component libraries, and internal APIs that teams can leverage.', 'Use shared design systems, component libraries, and internal APIs that teams can leverage.'),
    say('Automate cross-team workflows with a workflow tool.', 'Tools like n8n can automate cross-team workflows.'),
  ],
  'talent-cost': [
    say('Create internal mobility programs where engineers can rotate between teams every 12-18 months.', 'Create internal mobility programs where engineers can rotate between teams every 12-18 months.'),
    say('Invest in continuous learning.', "Invest in continuous learning with resources like The AI-First Company and LLM Engineer's Handbook."),
  ],
  'duplicated-infrastructure': [
    say(
      'Maintain shared services for authentication, payments, and core AI infrastructure while letting teams own product-specific AI features.',
      'Maintain shared services for authentication, payments, and core AI infrastructure while letting teams own product-specific AI features.',
    ),
    say('Share GPU resources across teams.', 'Consider RunPod for shared GPU resources across teams.'),
  ],
};

const multiply = (factor: number) => ({ kind: 'multiply' as const, factor });

/** ReadinessRecommendation for a scenario from its readiness answers. Pure; cheap enough to run on every edit. */
export function recommend(answers: ReadinessAnswers, scenario: ReadinessScenario): ReadinessRecommendation {
  const pods = scenario.teams.filter((t) => t.type === 'stream-aligned-pod');
  const podCount = pods.length;
  const hasPrincipal = scenario.teams.some((t) => t.positions.some((p) => p.role === 'principal-engineer'));
  const hasAiPlatform = scenario.teams.some((t) => t.type === 'ai-platform');
  const openHybrid = pods.reduce((n, t) => n + t.positions.filter((p) => !p.filled && HYBRID_ROLES.includes(p.role)).length, 0);

  const reasons: Statement[] = [];
  const adjustments: SimulationAdjustment[] = [];
  const unanswered: QuestionId[] = [];
  const q = (id: QuestionId) => question(id);

  // Who can own a product end to end.
  const owners = answers.ownerCandidates;
  if (owners === undefined) unanswered.push('ownerCandidates');
  else if (owners === 0) {
    reasons.push(say('No current leader can own a product with full P&L, data and AI accountability: re-architect the org before adding AI.', q('ownerCandidates').seedFollowUp));
  } else {
    reasons.push(say(`${owners} current ${owners === 1 ? 'leader' : 'leaders'} can own a product with full P&L, data and AI accountability today.`, q('ownerCandidates').question));
    if (owners < podCount) {
      reasons.push(say(`The scenario has ${podCount} pods, so ${podCount - owners} single-threaded ${podCount - owners === 1 ? 'owner' : 'owners'} must be found or grown first.`, q('ownerCandidates').question));
      adjustments.push({
        parameter: 'single-threaded-owner-hires',
        change: { kind: 'add', amount: podCount - owners },
        magnitudeSource: 'assumption',
        reason: say('Pods without a leader ready to own them need a single-threaded owner hired or developed.', q('ownerCandidates').question),
        question: 'ownerCandidates',
      });
    }
  }

  // Coordination or velocity.
  const goal = answers.optimizingFor;
  if (goal === undefined) unanswered.push('optimizingFor');
  else if (goal === 'coordination') {
    reasons.push(say('You optimize for coordination, which is what centralized AI teams optimize for; pods optimize for shipping.', q('optimizingFor').seedFollowUp));
    adjustments.push({
      parameter: 'cross-pod-coordination-overhead',
      change: multiply(1.25),
      magnitudeSource: 'assumption',
      reason: say('An org that values coordination pays more for coordinating multiple autonomous pods.', CONS.coordination),
      question: 'optimizingFor',
    });
  } else {
    reasons.push(say('You optimize for velocity, which is what 2-pizza pods optimize for: shipping.', q('optimizingFor').seedFollowUp));
  }

  // Product-level measurement.
  const measured = answers.productLevelMeasurement;
  if (measured === undefined) unanswered.push('productLevelMeasurement');
  else if (measured === 'yes') {
    reasons.push(say('You can tie AI improvements to user outcomes, so a pod\'s owner can be accountable for business metrics.', q('productLevelMeasurement').seedFollowUp));
  } else {
    reasons.push(
      say(
        measured === 'no'
          ? 'You cannot tie AI improvements to user outcomes yet; no org structure will fix that.'
          : 'You can only partly tie AI improvements to user outcomes; pods will learn more slowly until you can.',
        q('productLevelMeasurement').seedFollowUp,
      ),
    );
    adjustments.push({
      parameter: 'pod-iteration-speedup',
      change: multiply(measured === 'no' ? 0.5 : 0.75),
      magnitudeSource: 'assumption',
      reason: say('Without product-level measurement, pods cannot learn from user outcomes, so their faster learning cycles shrink.', 'Faster learning cycles and product-market fit discovery'),
      question: 'productLevelMeasurement',
    });
  }

  // The bottleneck.
  const bottleneck = answers.bottleneck;
  if (bottleneck === undefined) unanswered.push('bottleneck');
  else if (bottleneck === 'decision-making') {
    reasons.push(say('Decision-making is your bottleneck: the one the 2-pizza model addresses.', q('bottleneck').seedFollowUp));
    adjustments.push({
      parameter: 'pod-handoff-wait',
      change: multiply(0.5),
      magnitudeSource: 'assumption',
      reason: say('With decisions made inside the pod, pods stop waiting on separate AI teams to prioritize their requests.', 'No waiting on separate AI teams to prioritize requests'),
      question: 'bottleneck',
    });
  } else if (bottleneck === 'talent') {
    reasons.push(say('Talent is your bottleneck, and the 2-pizza model only works if decision-making is; pods also need specialized hybrid roles.', q('bottleneck').seedFollowUp));
    adjustments.push(
      {
        parameter: 'hybrid-role-time-to-hire',
        change: multiply(1.5),
        magnitudeSource: 'assumption',
        reason: say('Specialized hybrid roles take longer to hire where talent is scarce.', CONS['talent-cost']),
        question: 'bottleneck',
      },
      {
        parameter: 'hybrid-role-salary-percentile',
        change: { kind: 'add', amount: 25 },
        magnitudeSource: 'assumption',
        reason: say('Specialized hybrid roles cost more to acquire where talent is scarce.', CONS['talent-cost']),
        question: 'bottleneck',
      },
    );
  } else {
    reasons.push(say('Data is your bottleneck, and the 2-pizza model only works if decision-making is; a pod still waits on clean, real-time data.', q('bottleneck').seedFollowUp));
    adjustments.push({
      parameter: 'data-pipeline-work',
      change: multiply(1.5),
      magnitudeSource: 'assumption',
      reason: say('When data is the bottleneck, the data platform engineer\'s work on clean, real-time data flows takes longer.', 'Data Platform Engineer ensures clean, real-time product catalog data flows'),
      question: 'bottleneck',
    });
  }

  // Verdict: the seed's disqualifiers first.
  let verdict: Verdict;
  let headline: Statement;
  if (owners === 0) {
    verdict = 're-architect-first';
    headline = say('Re-architect the org before adding AI: nobody can own a pod\'s product end to end yet.', q('ownerCandidates').seedFollowUp);
  } else if (bottleneck !== undefined && bottleneck !== 'decision-making') {
    verdict = 'unlikely-to-help';
    headline = say(`Pods are unlikely to help: your bottleneck is ${bottleneck}, and the 2-pizza model only works if decision-making is.`, q('bottleneck').seedFollowUp);
  } else if (measured === 'no') {
    verdict = 'unlikely-to-help';
    headline = say('Pods are unlikely to help until you can tie AI improvements to user outcomes.', q('productLevelMeasurement').seedFollowUp);
  } else if (unanswered.length > 0) {
    verdict = 'incomplete';
    headline = say('Answer the remaining questions to see whether pods are likely to help.', 'The Tough Questions You Need to Answer');
  } else if (goal === 'coordination' || measured === 'partly' || (owners !== undefined && owners < podCount)) {
    verdict = 'mixed';
    headline = say('Pods can help, but fix what the answers point out first: they optimize for shipping, with clear accountability for outcomes.', 'Centralized AI teams optimize for coordination. 2-Pizza Teams optimize for shipping.');
  } else {
    verdict = 'likely-to-help';
    headline = say('Pods are likely to help: decision-making is your bottleneck, you optimize for velocity, and you can measure AI success per product.', 'Be honest—the 2-Pizza model only works if decision-making is your bottleneck.');
  }

  // Risks: the seed's cons, checked against this scenario.
  const multiPod = podCount >= 2;
  const risks: Risk[] = [];
  {
    const why: Statement[] = [];
    if (bottleneck === 'talent') why.push(say('Talent is your bottleneck.', CONS['talent-cost']));
    if (openHybrid > 0) why.push(say(`The pods have ${openHybrid} open ${openHybrid === 1 ? 'position' : 'positions'} in specialized hybrid roles to hire.`, CONS['talent-cost']));
    risks.push({ id: 'talent-cost', con: CONS['talent-cost'], applies: why.length > 0, why, mitigations: MITIGATIONS['talent-cost'] });
  }
  {
    const why: Statement[] = [];
    if (multiPod && !hasPrincipal) why.push(say(`${podCount} autonomous pods and no principal engineer to set architectural standards across them.`, CONS['technical-drift']));
    else if (multiPod) why.push(say('A principal engineer is in the org to set architectural standards across the pods.', MITIGATIONS['technical-drift'][0]!.seedQuote));
    risks.push({ id: 'technical-drift', con: CONS['technical-drift'], applies: multiPod && !hasPrincipal, why, mitigations: MITIGATIONS['technical-drift'] });
  }
  {
    const why: Statement[] = [];
    if (multiPod) why.push(say(`${podCount} autonomous pods to coordinate.`, CONS.coordination));
    if (goal === 'coordination') why.push(say('You optimize for coordination.', q('optimizingFor').seedFollowUp));
    risks.push({ id: 'coordination', con: CONS.coordination, applies: why.length > 0, why, mitigations: MITIGATIONS.coordination });
  }
  {
    const why: Statement[] = [];
    if (multiPod && !hasAiPlatform) why.push(say(`${podCount} pods and no shared AI platform team: each may build its own infrastructure.`, CONS['duplicated-infrastructure']));
    if (scenario.ownership) {
      const podIds = new Set(pods.map((p) => p.id));
      const duplicated = ownershipFlags(scenario.teams, scenario.ownership.assignments).filter(
        (f) => (f.code === 'product-owns-substrate' || f.code === 'product-owns-shared-primitive') && f.teamIds.some((id) => podIds.has(id)),
      );
      if (duplicated.length > 0) why.push(say(`Pods own ${duplicated.length} shared infrastructure ${duplicated.length === 1 ? 'capability' : 'capabilities'} in the ownership map.`, CONS['duplicated-infrastructure']));
    }
    risks.push({ id: 'duplicated-infrastructure', con: CONS['duplicated-infrastructure'], applies: why.length > 0, why, mitigations: MITIGATIONS['duplicated-infrastructure'] });
  }

  return { verdict, headline, reasons, risks, adjustments, unanswered };
}
