import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RoleId } from '../org/roles.ts';
import type { TeamType } from '../org/team-types.ts';
import { suggestAssignments, assignCapability } from '../ownership/flags.ts';
import { BOTTLENECKS, MEASUREMENT, OPTIMIZING_FOR, READINESS_QUESTIONS } from './questions.ts';
import { recommend, type ReadinessScenario, type ReadinessRecommendation, type Statement } from './recommend.ts';
import { ReadinessSchema, type ReadinessAnswers } from './schema.ts';

const seedText = readFileSync(new URL('./testdata/seed-2-pizza-excerpts.txt', import.meta.url), 'utf8');

const podRoles: RoleId[] = ['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer'];
const team = (id: string, type: TeamType, roles: RoleId[], open: RoleId[] = []) => ({
  id,
  name: id,
  type,
  positions: [...roles.map((role) => ({ role, filled: true })), ...open.map((role) => ({ role, filled: false }))],
});

const threePods: ReadinessScenario = {
  teams: [team('pod-1', 'stream-aligned-pod', podRoles), team('pod-2', 'stream-aligned-pod', podRoles), team('pod-3', 'stream-aligned-pod', podRoles, ['ai-ml-engineer'])],
};
const withPlatform: ReadinessScenario = {
  teams: [...threePods.teams, team('plat', 'ai-platform', ['ai-platform-engineer', 'ai-platform-engineer']), team('enabling', 'enabling', ['principal-engineer'])],
};

const ready: ReadinessAnswers = { ownerCandidates: 3, optimizingFor: 'velocity', productLevelMeasurement: 'yes', bottleneck: 'decision-making', notes: '' };

function statements(r: ReadinessRecommendation): Statement[] {
  return [r.headline, ...r.reasons, ...r.risks.flatMap((k) => [...k.why, ...k.mitigations]), ...r.adjustments.map((a) => a.reason)];
}

describe('readiness questions', () => {
  it('are the seed\'s four tough questions, verbatim', () => {
    expect(READINESS_QUESTIONS).toHaveLength(4);
    for (const q of READINESS_QUESTIONS) {
      expect(seedText).toContain(q.question);
      expect(seedText).toContain(q.seedFollowUp);
    }
  });

  it('all answers may be left open; an empty readiness parses', () => {
    expect(ReadinessSchema.parse({})).toEqual({ notes: '', scope: 'organisation' });
  });
});

describe('recommendation', () => {
  it('a leader ready per pod, velocity, product-level measurement and a decision-making bottleneck: pods are likely to help', () => {
    const r = recommend(ready, withPlatform);
    expect(r.verdict).toBe('likely-to-help');
    expect(r.unanswered).toEqual([]);
    expect(r.adjustments.map((a) => a.parameter)).toEqual(['pod-handoff-wait']);
    expect(r.adjustments[0]!.change).toEqual({ kind: 'multiply', factor: 0.5 });
  });

  it('"no one" can own a product: re-architect first, whatever else is answered', () => {
    expect(recommend({ ...ready, ownerCandidates: 0 }, withPlatform).verdict).toBe('re-architect-first');
  });

  it.each(['talent', 'data'] as const)('a %s bottleneck makes pods unlikely to help, and changes the inputs it touches', (bottleneck) => {
    const r = recommend({ ...ready, bottleneck }, withPlatform);
    expect(r.verdict).toBe('unlikely-to-help');
    expect(r.headline.seedQuote).toMatch(/only works if decision-making is your bottleneck/);
    const params = r.adjustments.map((a) => a.parameter);
    if (bottleneck === 'talent') expect(params).toEqual(['hybrid-role-time-to-hire', 'hybrid-role-salary-percentile']);
    else expect(params).toEqual(['data-pipeline-work']);
    expect(params).not.toContain('pod-handoff-wait');
  });

  it('no product-level measurement makes pods unlikely to help and shrinks their learning speed-up; partly gives a mixed verdict', () => {
    const no = recommend({ ...ready, productLevelMeasurement: 'no' }, withPlatform);
    expect(no.verdict).toBe('unlikely-to-help');
    expect(no.adjustments.find((a) => a.parameter === 'pod-iteration-speedup')!.change).toEqual({ kind: 'multiply', factor: 0.5 });
    expect(recommend({ ...ready, productLevelMeasurement: 'partly' }, withPlatform).verdict).toBe('mixed');
  });

  it('fewer ready owners than planned pods adds owner hires and a mixed verdict', () => {
    const r = recommend({ ...ready, ownerCandidates: 1 }, withPlatform);
    expect(r.verdict).toBe('mixed');
    expect(r.adjustments).toContainEqual(expect.objectContaining({ parameter: 'single-threaded-owner-hires', change: { kind: 'add', amount: 2 } }));
    expect(r.reasons.some((s) => /3 pods/.test(s.text))).toBe(true);
  });

  it('optimizing for coordination raises the coordination overhead and the coordination risk', () => {
    const r = recommend({ ...ready, optimizingFor: 'coordination' }, { teams: [team('pod-1', 'stream-aligned-pod', podRoles)] });
    expect(r.verdict).toBe('mixed');
    expect(r.adjustments.map((a) => a.parameter)).toContain('cross-pod-coordination-overhead');
    expect(r.risks.find((k) => k.id === 'coordination')!.applies).toBe(true);
  });

  it('unanswered questions leave the verdict incomplete and are listed', () => {
    const r = recommend({ notes: '', bottleneck: 'decision-making' }, withPlatform);
    expect(r.verdict).toBe('incomplete');
    expect(r.unanswered).toEqual(['ownerCandidates', 'optimizingFor', 'productLevelMeasurement']);
  });

  it('the seed\'s cons apply by what the scenario holds, each with the seed\'s mitigations', () => {
    const bare = recommend(ready, threePods);
    const applies = Object.fromEntries(bare.risks.map((k) => [k.id, k.applies]));
    // Three pods, no principal engineer, no AI platform team, an open AI/ML engineer seat.
    expect(applies).toEqual({ 'talent-cost': true, 'technical-drift': true, coordination: true, 'duplicated-infrastructure': true });
    const mitigated = recommend(ready, {
      teams: withPlatform.teams.map((t) => (t.id === 'pod-3' ? team('pod-3', 'stream-aligned-pod', podRoles) : t)),
    });
    expect(Object.fromEntries(mitigated.risks.map((k) => [k.id, k.applies]))).toEqual({ 'talent-cost': false, 'technical-drift': false, coordination: true, 'duplicated-infrastructure': false });
    expect(bare.risks.find((k) => k.id === 'technical-drift')!.mitigations[0]!.text).toMatch(/Principal Engineers/);
  });

  it('pods owning shared infrastructure in the ownership map count as duplicated infrastructure', () => {
    const assignments = assignCapability(suggestAssignments(withPlatform.teams), 'model-registry', ['pod-1']);
    const r = recommend(ready, { ...withPlatform, ownership: { assignments } });
    const risk = r.risks.find((k) => k.id === 'duplicated-infrastructure')!;
    expect(risk.applies).toBe(true);
    expect(risk.why[0]!.text).toMatch(/1 shared infrastructure capability/);
  });

  it('every statement, for every combination of answers, rests on a verbatim seed sentence', () => {
    const owners = [undefined, 0, 1, 5];
    let checked = 0;
    for (const ownerCandidates of owners)
      for (const optimizingFor of [undefined, ...OPTIMIZING_FOR])
        for (const productLevelMeasurement of [undefined, ...MEASUREMENT])
          for (const bottleneck of [undefined, ...BOTTLENECKS]) {
            const answers: ReadinessAnswers = { notes: '', ownerCandidates, optimizingFor, productLevelMeasurement, bottleneck };
            for (const scenario of [threePods, withPlatform]) {
              for (const s of statements(recommend(answers, scenario))) {
                expect(seedText, s.text).toContain(s.seedQuote);
                expect(s.text.length).toBeGreaterThan(0);
                checked++;
              }
            }
          }
    expect(checked).toBeGreaterThan(1000);
  });
});
