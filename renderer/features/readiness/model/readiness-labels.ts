/** Short names of the readiness questions and their answers as words, for the summaries that compare two sets of answers. */
import type { ReadinessField } from '../../../../sim/readiness/effective.ts';
import { question, type QuestionId } from '../../../../sim/readiness/questions.ts';
import type { ReadinessAnswers } from '../../../../sim/readiness/schema.ts';

export const SHORT_QUESTIONS: Record<QuestionId, string> = {
  ownerCandidates: 'Who can own a product end to end',
  optimizingFor: 'Coordination or velocity',
  productLevelMeasurement: 'Product-level measurement',
  bottleneck: 'Biggest bottleneck',
};

export const fieldLabel = (field: ReadinessField): string => (field === 'notes' ? 'Notes' : SHORT_QUESTIONS[field]);

/** An answer in words: "3 leaders", "Velocity", "not answered"; notes are "written" or "none". */
export function answerText(field: ReadinessField, answers: ReadinessAnswers): string {
  if (field === 'notes') return answers.notes.trim() === '' ? 'none' : 'written';
  const value = answers[field];
  if (value === undefined) return 'not answered';
  if (field === 'ownerCandidates') return value === 0 ? 'no one' : `${value} ${value === 1 ? 'leader' : 'leaders'}`;
  return question(field).options?.find((o) => o.value === value)?.label ?? String(value);
}
