/**
 * The readiness check (M7): the seed's "tough questions" as a short
 * assessment. Question texts and follow-ups are the seed's own words.
 */
import { SEED_PODS } from '../org/sources.ts';

export const BOTTLENECKS = ['talent', 'data', 'decision-making'] as const;
export type Bottleneck = (typeof BOTTLENECKS)[number];
export const OPTIMIZING_FOR = ['coordination', 'velocity'] as const;
export type OptimizingFor = (typeof OPTIMIZING_FOR)[number];
export const MEASUREMENT = ['yes', 'partly', 'no'] as const;
export type Measurement = (typeof MEASUREMENT)[number];

export type QuestionId = 'ownerCandidates' | 'optimizingFor' | 'productLevelMeasurement' | 'bottleneck';

export interface ReadinessQuestion {
  id: QuestionId;
  /** The seed's question, verbatim. */
  question: string;
  /** The seed's follow-up sentence, verbatim. */
  seedFollowUp: string;
  /** For choice questions: the answers and their labels. A number question has none. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  source: string;
}

export const READINESS_QUESTIONS: readonly ReadinessQuestion[] = [
  {
    id: 'ownerCandidates',
    question: 'Who among your current leaders can own a product with full P&L, data, and AI accountability today?',
    seedFollowUp: 'If the answer is "no one," you need to re-architect your org before adding AI.',
    source: SEED_PODS,
  },
  {
    id: 'optimizingFor',
    question: 'Are you optimizing for coordination or velocity?',
    seedFollowUp: 'Centralized AI teams optimize for coordination. 2-Pizza Teams optimize for shipping.',
    options: [
      { value: 'coordination', label: 'Coordination' },
      { value: 'velocity', label: 'Velocity' },
    ],
    source: SEED_PODS,
  },
  {
    id: 'productLevelMeasurement',
    question: 'Can you measure AI success at the product level?',
    seedFollowUp: "If you can't tie AI improvements to user outcomes, your org structure won't save you.",
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'partly', label: 'Partly' },
      { value: 'no', label: 'No' },
    ],
    source: SEED_PODS,
  },
  {
    id: 'bottleneck',
    question: "What's your biggest bottleneck: talent, data, or decision-making?",
    seedFollowUp: 'Be honest—the 2-Pizza model only works if decision-making is your bottleneck.',
    options: [
      { value: 'talent', label: 'Talent' },
      { value: 'data', label: 'Data' },
      { value: 'decision-making', label: 'Decision-making' },
    ],
    source: SEED_PODS,
  },
];

export function question(id: QuestionId): ReadinessQuestion {
  return READINESS_QUESTIONS.find((q) => q.id === id)!;
}
