/**
 * Phase planner defaults (M5). The waves and the retrospectives are the
 * seed's; the seeds give no hiring times, so those are Podplan's documented
 * assumptions.
 */
import type { RoleId } from '../org/roles.ts';
import { SEED_PODS, type SourceKind } from '../org/sources.ts';

export const WAVE_KINDS = ['pilot', 'refine', 'expand'] as const;
export type WaveKind = (typeof WAVE_KINDS)[number];

export const WAVE_LABELS: Record<WaveKind, string> = {
  pilot: 'Phase 1 — Pilot',
  refine: 'Phase 2 — Refine',
  expand: 'Phase 3 — Expand',
};

/** What the seed says each phase is for, shown with the wave. */
export const WAVE_PURPOSE: Record<WaveKind, string> = {
  pilot: 'Pilot with 1-3 teams working on distinct product areas. Choose teams with clear success metrics and supportive leaders.',
  refine: 'Document what works, refine the model, and train more leaders on the approach. Measure velocity and quality improvements.',
  expand: 'Expand to more teams based on proven results. Create internal playbooks and hiring guides.',
};

/** Seed "2-pizza AI teams": "Phase 1 (Months 1-3)", "Phase 2 (Months 4-6)", "Phase 3 (Months 7+)"; the last one is open-ended. */
export const DEFAULT_WAVES: ReadonlyArray<{ id: string; kind: WaveKind; name: string; startMonth: number; endMonth?: number }> = [
  { id: 'wave-pilot', kind: 'pilot', name: WAVE_LABELS.pilot, startMonth: 1, endMonth: 3 },
  { id: 'wave-refine', kind: 'refine', name: WAVE_LABELS.refine, startMonth: 4, endMonth: 6 },
  { id: 'wave-expand', kind: 'expand', name: WAVE_LABELS.expand, startMonth: 7 },
];

/** Seed: "Pilot with 1-3 teams". */
export const PILOT_TEAMS = { min: 1, max: 3 } as const;

/** Seed: "Guarantee a retrospective after 3 months (schedule it now)". */
export const DEFAULT_GO_NO_GO_MONTH = 3;

export interface HiringDefault {
  role: RoleId;
  /** Months from opening the position to the person starting. */
  monthsToHire: number;
  /** Months from starting to full productivity (linear ramp). */
  monthsToProductivity: number;
  source: SourceKind;
  rationale: string;
}

const HYBRID = `${SEED_PODS} lists "higher talent acquisition costs (specialized hybrid roles)" as a con of pods`;

/** Every figure is an assumption: the seeds give no hiring or ramp-up times. */
export const DEFAULT_HIRING: readonly HiringDefault[] = [
  { role: 'single-threaded-owner', monthsToHire: 3, monthsToProductivity: 3, source: 'assumption', rationale: `Often an internal move (${SEED_PODS}: senior technical PMs, TPMs, solutions architects "transition well"); an outside search takes longer.` },
  { role: 'ai-ml-engineer', monthsToHire: 4, monthsToProductivity: 3, source: 'assumption', rationale: `Longer than a software engineer: ${HYBRID}.` },
  { role: 'software-engineer', monthsToHire: 2, monthsToProductivity: 2, source: 'assumption', rationale: 'The widest hiring pool of the pod roles, so the shortest search and ramp-up.' },
  { role: 'data-platform-engineer', monthsToHire: 3, monthsToProductivity: 3, source: 'assumption', rationale: `A specialised role (streaming, vector databases, MLOps knowledge per ${SEED_PODS}); ramp-up includes learning the data estate.` },
  { role: 'ai-platform-engineer', monthsToHire: 4, monthsToProductivity: 3, source: 'assumption', rationale: `Kubernetes, GPU and ML systems depth together (AI platform seed's minimum disciplines); ${HYBRID}.` },
  { role: 'ai-product-manager', monthsToHire: 3, monthsToProductivity: 3, source: 'assumption', rationale: 'A senior hire; ramp-up covers the product\'s metrics and stakeholders.' },
  { role: 'mlops-engineer', monthsToHire: 4, monthsToProductivity: 3, source: 'assumption', rationale: `As the AI platform engineer: ${HYBRID}.` },
  { role: 'data-scientist', monthsToHire: 3, monthsToProductivity: 3, source: 'assumption', rationale: 'A broader pool than AI/ML engineers; ramp-up covers the data.' },
  { role: 'principal-engineer', monthsToHire: 5, monthsToProductivity: 4, source: 'assumption', rationale: 'The most senior engineering hire: the longest search, and cross-team standards take time to establish.' },
  { role: 'engineering-manager', monthsToHire: 3, monthsToProductivity: 3, source: 'assumption', rationale: 'A senior people-leadership hire; ramp-up covers the team and its stakeholders.' },
  { role: 'business-stakeholder', monthsToHire: 2, monthsToProductivity: 2, source: 'assumption', rationale: 'Usually an internal assignment rather than an outside hire.' },
];

export function defaultHiring(): HiringDefault[] {
  return DEFAULT_HIRING.map((entry) => ({ ...entry }));
}
