import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { costBetween } from '../cost/compute.ts';
import { scenarioCosts } from '../cost/scenario-costs.ts';
import { orgGuardrails } from '../org/guardrails.ts';
import { ownershipFlags } from '../ownership/flags.ts';
import { phaseWarnings, planEvents } from '../phases/plan.ts';
import { answersOf } from '../readiness/effective.ts';
import { recommend } from '../readiness/recommend.ts';

const samples = loadSamples();
const centralized = samples.find((s) => s.id === 'sample-centralized-ai-team')!;
const pods = samples.find((s) => s.id === 'sample-three-pilot-pods')!;

describe('the centralized sample', () => {
  const costs = scenarioCosts(centralized);

  it('costs $2M–$5M a year with the seed defaults, in its first plan year and at full staffing', () => {
    const year1 = costBetween(costs.monthly, 1, 12);
    for (const figure of [year1, costs.annualRunRate]) {
      expect(figure).toBeGreaterThanOrEqual(2_000_000);
      expect(figure).toBeLessThanOrEqual(5_000_000);
    }
  });

  it('shows the ownership problems the AI platform article warns about', () => {
    const codes = new Set(ownershipFlags(centralized.teams, centralized.ownership.assignments).map((f) => f.code));
    for (const code of ['unowned', 'owned-twice', 'bypassing-platform-endpoint', 'platform-and-mlops-conflated'] as const) expect(codes, code).toContain(code);
  });

  it('grows by hiring, and its budget cap is crossed within the plan', () => {
    expect(costs.teams.reduce((n, t) => n + t.openPositions, 0)).toBeGreaterThan(0);
    expect(costs.budget?.crossedMonth).not.toBeNull();
    expect(costs.unscheduledPositionIds).toEqual([]);
  });

  it('has readiness answers that give a recommendation', () => {
    const r = recommend(centralized.readiness, centralized);
    expect(r.unanswered).toEqual([]);
    expect(r.verdict).not.toBe('incomplete');
  });
});

describe('the two samples: one company, today and the plan', () => {
  it('share one set of organisation readiness answers', () => {
    expect(centralized.readiness.scope).toBe('organisation');
    expect(pods.readiness.scope).toBe('organisation');
    expect(answersOf(pods.readiness)).toEqual(answersOf(centralized.readiness));
  });
});

describe('the pods sample', () => {
  const costs = scenarioCosts(pods);

  it('is a healthy org: no guardrail, ownership or phase warning', () => {
    expect(orgGuardrails(pods.teams)).toEqual([]);
    expect(ownershipFlags(pods.teams, pods.ownership.assignments)).toEqual([]);
    expect(phaseWarnings(pods.teams, pods.phases)).toEqual([]);
  });

  it('each pod costs within the seed\'s $0.7M–$1.1M a year', () => {
    const podIds = new Set(pods.teams.filter((t) => t.type === 'stream-aligned-pod').map((t) => t.id));
    const podCosts = costs.teams.filter((t) => podIds.has(t.teamId));
    expect(podCosts.length).toBeGreaterThanOrEqual(3);
    for (const team of podCosts) {
      expect(team.annualPeopleCost, team.teamId).toBeGreaterThanOrEqual(700_000);
      expect(team.annualPeopleCost, team.teamId).toBeLessThanOrEqual(1_100_000);
    }
  });

  it('rolls out in the seed\'s three waves, with hires, retrospectives and the go/no-go on the calendar', () => {
    expect(pods.phases.waves.map((w) => [w.kind, w.teamIds.length])).toEqual([
      ['pilot', 3],
      ['refine', 3],
      ['expand', 2],
    ]);
    const kinds = new Set(planEvents(pods.teams, pods.phases, { horizonMonths: pods.costModel.horizonMonths }).map((e) => e.kind));
    expect(kinds).toEqual(new Set(['wave', 'hire', 'retrospective', 'go-no-go']));
    // Expansion pods cost nothing before their wave.
    const expandIds = new Set(pods.phases.waves.find((w) => w.kind === 'expand')!.teamIds);
    for (const team of costs.teams.filter((t) => expandIds.has(t.teamId))) expect(team.monthly[5], team.teamId).toBe(0);
  });

  it('has more pods than leaders ready to own them: pods can help, once two owners are found and outcomes are measured', () => {
    const r = recommend(pods.readiness, pods);
    expect(r.verdict).toBe('mixed');
    expect(r.adjustments).toContainEqual(expect.objectContaining({ parameter: 'single-threaded-owner-hires', change: { kind: 'add', amount: 2 } }));
    expect(r.adjustments.map((a) => a.parameter)).toContain('pod-iteration-speedup');
  });
});
