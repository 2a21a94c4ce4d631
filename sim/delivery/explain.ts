/**
 * How far each design lands from the seed's claims, and what would have to
 * differ to reach them. Podplan does not assert the claims: it reports the
 * simulated figure, where the time goes, and which parameter (with its
 * source) would need which value.
 *
 * Claims (seed "2-pizza AI teams"), each on the clock the seed means:
 * - "so prototypes become products in 6–8 weeks, not 6 months" (TL;DR): from
 *   a prototype to production, so the pods' P50 **prototype → production**
 *   (the model task first finished, "model validated", to production);
 * - "Traditional Approach (6+ months): Business team defines requirements /
 *   AI team builds models in isolation / …": from the requirements, i.e. the
 *   start of discovery, so the centralized design's P50 **cycle time**.
 * Time to production (from the request) is reported next to them. Context:
 * Gartner's secondary figure of a median 8 months from prototype to
 * production (SOURCES.md).
 */
import { SEED_PODS } from '../org/sources.ts';
import type { DesignKind } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import { DELIVERY_PARAMETER_DOCS, type ParameterSource } from './parameters.ts';
import type { DesignResult } from './results.ts';
import type { SensitivityKnob, SensitivityResult } from './sensitivity.ts';
import type { DeliveryComparison } from './simulate.ts';

/** Which of the simulator's clocks a claim is compared with. */
export type ClaimClock = 'prototype-to-production' | 'cycle-time';

export const CLOCK_LABELS: Record<ClaimClock, string> = {
  'prototype-to-production': 'prototype → production',
  'cycle-time': 'cycle time (start of discovery → production)',
};

export interface Claim {
  text: string;
  source: string;
  /** The clock the seed means; its P50 is the compared figure. */
  clock: ClaimClock;
  /** Weeks; the claim is met when the P50 of `clock` is within [low, high]. */
  lowWeeks: number;
  highWeeks: number;
}

export const SEED_CLAIMS: Record<DesignKind, Claim> = {
  pods: { text: 'so prototypes become products in 6–8 weeks, not 6 months', source: SEED_PODS, clock: 'prototype-to-production', lowWeeks: 6, highWeeks: 8 },
  'pods-platform': { text: 'so prototypes become products in 6–8 weeks, not 6 months (pods; the platform should only help)', source: SEED_PODS, clock: 'prototype-to-production', lowWeeks: 6, highWeeks: 8 },
  centralized: { text: 'Traditional Approach (6+ months): Business team defines requirements / AI team builds models in isolation / …', source: SEED_PODS, clock: 'cycle-time', lowWeeks: 6 * WEEKS_PER_MONTH, highWeeks: Infinity },
};

export interface GapLever {
  parameter: SensitivityKnob | 'effort';
  label: string;
  source: ParameterSource;
  current: number;
  /** The value at which the claim's P50 would reach the claim (power-law estimate through the tornado runs, or proportional). */
  needed: number;
  /** needed ÷ current − 1. */
  changePct: number;
  /** Elasticity of the claim clock's P50 to the parameter (sensitivity levers; 1 for effort, −1 for focus when proportional). */
  elasticity: number;
  /** Within the parameter's documented bounds, and (for a sensitivity lever) within 4× of its current value, where the fit can be trusted. */
  plausible: boolean;
  /** 'sensitivity': extrapolated from the tornado runs; 'proportional': time scaled with effort / speed. */
  basis: 'sensitivity' | 'proportional';
}

export interface GapExplanation {
  design: DesignKind;
  label: string;
  claim: Claim;
  /** P50 of the claim's clock, weeks (the compared figure; NaN for a design that is not a meaningful comparison). */
  measuredWeeks: number;
  /** Every clock's P50, weeks, labelled for context (NaN when not meaningful). */
  timeToProductionP50: number;
  cycleTimeP50: number;
  prototypeToProductionP50: number;
  /** 'not-meaningful': the design has a team at utilisation ≥ 1; its times measure the horizon, so no figure is compared. */
  status: 'within' | 'slower' | 'faster' | 'not-meaningful';
  /** Weeks to the nearest end of the claim (0 when within). */
  gapWeeks: number;
  /** Where the mean cycle time goes, largest first: [label, weeks]. */
  whereTimeGoes: Array<{ label: string; weeks: number }>;
  levers: GapLever[];
  summary: string;
}

const fmt = (w: number) => (w >= 100 ? Math.round(w).toString() : (Math.round(w * 10) / 10).toString());
const fmtValue = (v: number) => (Math.abs(v) >= 10 ? (Math.round(v * 10) / 10).toString() : (Math.round(v * 100) / 100).toString());
const months = (w: number) => Math.round((w / WEEKS_PER_MONTH) * 10) / 10;

function whereTimeGoes(d: DesignResult): Array<{ label: string; weeks: number }> {
  const parts: Array<{ label: string; weeks: number }> = [
    { label: 'working', weeks: d.breakdown.working },
    { label: 'rework after integration defects and failed deploys', weeks: d.breakdown.rework },
  ];
  for (const w of d.breakdown.waiting) {
    if (w.queue > 0) parts.push({ label: `waiting in ${w.teamName}'s queue`, weeks: w.queue });
    if (w.handoff > 0) parts.push({ label: `waiting for ${w.teamName}'s next intake after a hand-off`, weeks: w.handoff });
  }
  if (d.breakdown.other > 1e-6) parts.push({ label: 'other', weeks: d.breakdown.other });
  return parts.filter((p) => p.weeks > 0.005).sort((a, b) => b.weeks - a.weeks);
}

/**
 * Levers from the tornado runs: each parameter's elasticity e of the P50 cycle
 * time (P50 ∝ value^e, fitted through its low and high runs), extrapolated to
 * the claim: needed = base × (target / P50)^(1/e). A power law rather than a
 * straight line, because times scale like effort / speed: for effort e ≈ 1,
 * for the focus factor e ≈ −1.
 */
function sensitivityLevers(s: SensitivityResult, target: number, clock: ClaimClock): GapLever[] {
  const out: GapLever[] = [];
  // Runs from before the prototype clock existed carry no prototypeP50: NaN fails the checks below.
  const p50 = (p: { cycleP50: number; prototypeP50?: number }) => (clock === 'cycle-time' ? p.cycleP50 : (p.prototypeP50 ?? Number.NaN));
  const base = p50(s.base);
  for (const row of s.rows) {
    const { low, high } = row;
    const lowP50 = p50(low);
    const highP50 = p50(high);
    if (!(low.value > 0 && high.value > 0 && lowP50 > 0 && highP50 > 0 && base > 0 && row.base > 0)) continue;
    const dv = Math.log(high.value / low.value);
    if (!(Math.abs(dv) > 1e-9)) continue;
    const elasticity = Math.log(highP50 / lowP50) / dv;
    // Parameters that barely move the P50 cannot close a gap (their extrapolation runs off to the bounds).
    if (!(Math.abs(elasticity) >= 0.15)) continue;
    const needed = row.base * Math.pow(target / base, 1 / elasticity);
    const isEffort = row.parameter.startsWith('effort.');
    const doc = isEffort ? DELIVERY_PARAMETER_DOCS.effort : DELIVERY_PARAMETER_DOCS[row.parameter as keyof typeof DELIVERY_PARAMETER_DOCS];
    const lo = isEffort ? 0.05 : doc.min;
    const hi = isEffort ? 20 : doc.max;
    out.push({
      parameter: row.parameter,
      label: row.label,
      source: row.source,
      current: row.base,
      needed,
      changePct: (needed / row.base - 1) * 100,
      elasticity,
      plausible: Number.isFinite(needed) && needed >= lo && needed <= hi && needed / row.base >= 0.25 && needed / row.base <= 4,
      basis: 'sensitivity',
    });
  }
  // Smallest relative change first; plausible ones before the rest.
  return out.sort((a, b) => Number(b.plausible) - Number(a.plausible) || Math.abs(a.changePct) - Math.abs(b.changePct)).slice(0, 5);
}

/**
 * Per design: the claim, the simulated P50 cycle time, where the time goes,
 * and which parameter would have to differ. Pass the tornado results
 * (`deliverySensitivity`) per design for levers extrapolated from them;
 * without, only the proportional effort/focus estimate is given.
 */
export function explainGap(result: DeliveryComparison, sensitivity: Partial<Record<DesignKind, SensitivityResult>> = {}): GapExplanation[] {
  return result.designs.map((d) => {
    const claim = SEED_CLAIMS[d.kind];
    if (!d.verdict.meaningful) {
      // Never "within the claim": an overloaded design's times are the horizon's, not the design's.
      return {
        design: d.kind,
        label: d.label,
        claim,
        measuredWeeks: Number.NaN,
        timeToProductionP50: Number.NaN,
        cycleTimeP50: Number.NaN,
        prototypeToProductionP50: Number.NaN,
        status: 'not-meaningful',
        gapWeeks: 0,
        whereTimeGoes: [],
        levers: [],
        summary: `${d.label}: not a meaningful comparison. ${d.verdict.reason} ${d.verdict.change}`,
      };
    }
    const measured = claim.clock === 'cycle-time' ? d.cycleTime.p50 : d.prototypeToProduction.p50;
    const clockLabel = `P50 ${CLOCK_LABELS[claim.clock]}`;
    const other = claim.clock === 'cycle-time' ? `prototype → production ${fmt(d.prototypeToProduction.p50)}` : `cycle time ${fmt(d.cycleTime.p50)}`;
    const context = `(P50 request → production ${fmt(d.timeToProduction.p50)} weeks, ${other} weeks)`;
    const status: GapExplanation['status'] = measured > claim.highWeeks ? 'slower' : measured < claim.lowWeeks ? 'faster' : 'within';
    const target = status === 'slower' ? claim.highWeeks : claim.lowWeeks;
    const gapWeeks = status === 'within' ? 0 : Math.abs(measured - target);
    const parts = whereTimeGoes(d);
    const levers: GapLever[] = [];
    if (status !== 'within') {
      const s = sensitivity[d.kind];
      if (s && !s.cancelled && s.rows.length) levers.push(...sensitivityLevers(s, target, claim.clock));
      // Proportional estimate: if every stage took r times the effort (or the people worked 1/r as fast), the whole cycle would scale by about r.
      const r = target / measured;
      const focus = result.parameters.focusFactor;
      levers.push({ parameter: 'effort', label: 'Effort, every stage and size', source: 'assumption', current: 1, needed: r, changePct: (r - 1) * 100, elasticity: 1, plausible: r >= 0.05 && r <= 20, basis: 'proportional' });
      const focusNeeded = focus / r;
      const fdoc = DELIVERY_PARAMETER_DOCS.focusFactor;
      levers.push({ parameter: 'focusFactor', label: fdoc.label, source: fdoc.source, current: focus, needed: focusNeeded, changePct: (focusNeeded / focus - 1) * 100, elasticity: -1, plausible: focusNeeded >= fdoc.min && focusNeeded <= fdoc.max, basis: 'proportional' });
    }
    const top = parts
      .slice(0, 3)
      .map((p) => `${fmt(p.weeks)} weeks ${p.label}`)
      .join(', ');
    // The source is filed as 'Seed "…"'; people read it as the article it is.
    const claimText = `${claim.source.replace(/^Seed /, 'the article ')}: "${claim.text}"`;
    let summary: string;
    if (status === 'within') {
      summary = `${d.label}: ${clockLabel} ${fmt(measured)} weeks (${months(measured)} months) is within the claim (${claimText}) ${context}. Mean cycle: ${top}.`;
    } else {
      const lever = levers.find((l) => l.plausible && l.basis === 'sensitivity') ?? levers.find((l) => l.plausible);
      const leverText = lever
        ? ` To reach ${fmt(target)} weeks, ${lever.label.toLowerCase()} would need to be about ${fmtValue(lever.needed)} instead of ${fmtValue(lever.current)} (${lever.changePct > 0 ? '+' : ''}${Math.round(lever.changePct)}%, source: ${lever.source}; ${lever.basis === 'proportional' ? 'time scaled in proportion' : 'extrapolated from the tornado runs'}).`
        : ` No single parameter within its documented bounds closes the gap.`;
      summary =
        `${d.label}: ${clockLabel} ${fmt(measured)} weeks (${months(measured)} months), ${fmt(gapWeeks)} weeks ${status === 'slower' ? 'slower' : 'faster'} than the claim (${claimText}) ${context}. ` +
        `Mean cycle: ${top}.${leverText}`;
    }
    return { design: d.kind, label: d.label, claim, measuredWeeks: measured, timeToProductionP50: d.timeToProduction.p50, cycleTimeP50: d.cycleTime.p50, prototypeToProductionP50: d.prototypeToProduction.p50, status, gapWeeks, whereTimeGoes: parts, levers, summary };
  });
}
