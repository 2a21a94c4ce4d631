import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { parseScenarioText } from '../scenario/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { designLoad } from './design-load.ts';
import { DESIGN_KINDS } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import { explainGap } from './explain.ts';
import { DeliveryRun, prepareRun, simulateDelivery, type DeliveryInput } from './simulate.ts';

const samples = loadSamples();
const podsSample = samples.find((s) => s.id === 'sample-three-pilot-pods')!;

/** The pods sample cut down to its first two pods of `roles` each, everyone hired, both from month 1. */
function twoPods(roles: ReadonlyArray<Scenario['teams'][number]['positions'][number]['role']>): Scenario {
  const pods = podsSample.teams.filter((t) => t.id === 'pod-1' || t.id === 'pod-2');
  return {
    ...podsSample,
    id: 'two-pods',
    teams: pods.map((t) => ({ ...t, positions: roles.map((role, i) => ({ ...t.positions[0]!, id: `${t.id}-p${i}`, role, filled: true, singleThreadedOwner: role === 'single-threaded-owner' })) })),
    phases: { ...podsSample.phases, waves: [{ ...podsSample.phases.waves[0]!, teamIds: ['pod-1', 'pod-2'] }] },
  };
}

const small = twoPods(['single-threaded-owner', 'ai-ml-engineer', 'software-engineer']);

describe('how loaded each team of a design is', () => {
  it('marks the centralized counterfactual of a 2-pod scenario as not meaningful: 2 people in the central AI team, utilisation above 1', () => {
    const run = prepareRun({ scenario: small });
    const k = run.designs.findIndex((d) => d.kind === 'centralized');
    const load = run.loads[k]!;
    const central = load.teams.find((t) => t.flowRole === 'central-ai')!;
    expect(central.headcount).toBe(2);
    expect(central.initiativesPerYear).toBeCloseTo(8, 6); // 2 areas × 1/3 a month
    expect(central.utilisation).toBeGreaterThan(1.5);
    expect(load.verdict.meaningful).toBe(false);
    if (load.verdict.meaningful) return;
    expect(load.verdict.field).toBe('centralAi');
    expect(load.verdict.reason).toMatch(/^The central AI team would have 2 people for 8 initiatives a year: utilisation \d\.\d[ .]/);
    expect(load.verdict.change).toMatch(/^Give the central AI team at least \d+ people/);
    const needed = Number(/at least (\d+) people/.exec(load.verdict.change)?.[1]);
    expect(needed).toBe(Math.floor(central.demand / (central.capacity / 2)) + 1);
    expect(load.verdict.change).toMatch(/or lower the demand to 0\.\d+ initiatives per area per month\.$/);
  });

  it('never calls a design that is not meaningful "within the claim", in the results or the gap to the article', () => {
    const result = simulateDelivery({ scenario: small }, { trials: 20, seed: 1 });
    const centralized = result.designs.find((d) => d.kind === 'centralized')!;
    expect(centralized.verdict.meaningful).toBe(false);
    const team = centralized.teams.find((t) => t.flowRole === 'central-ai')!;
    expect(team.headcount).toBe(2);
    expect(team.utilisation).toBeGreaterThan(1);
    const gap = explainGap(result).find((g) => g.design === 'centralized')!;
    expect(gap.status).toBe('not-meaningful');
    expect(gap.summary).toMatch(/not a meaningful comparison/);
    expect(gap.summary).not.toMatch(/within the claim/);
    expect(gap.levers).toEqual([]);
  });

  it('turns it into a comparison when the user gives the central AI team enough people, and costs the people added', () => {
    const before = prepareRun({ scenario: small });
    const k = before.designs.findIndex((d) => d.kind === 'centralized');
    const verdict = before.loads[k]!.verdict;
    const needed = Number(/at least (\d+) people/.exec(verdict.meaningful ? '' : verdict.change)?.[1]);
    const input: DeliveryInput = { scenario: small, designHeadcount: { centralized: { centralAi: needed } } };
    const after = prepareRun(input);
    const design = after.designs[k]!;
    const central = after.loads[k]!.teams.find((t) => t.flowRole === 'central-ai')!;
    expect(central.headcount).toBe(needed);
    expect(central.utilisation).toBeLessThan(1);
    expect(design.note).toMatch(new RegExp(`Headcount set by you: Central AI team 2 → ${needed} people`));
    // The scenario's own design (pods) and its people are untouched.
    expect(after.designs.find((d) => d.kind === 'pods')!.teams.map((t) => t.people.length)).toEqual(before.designs.find((d) => d.kind === 'pods')!.teams.map((t) => t.people.length));
    // The scenario's own delivery section is read the same way.
    const stored = prepareRun({ scenario: { ...small, delivery: { ...small.delivery, designHeadcount: { centralized: { centralAi: needed } } } } });
    expect(stored.loads[k]!.teams.find((t) => t.flowRole === 'central-ai')!.headcount).toBe(needed);
    const costs = (p: DeliveryInput) => simulateDelivery(p, { trials: 5, seed: 1 }).designs.find((d) => d.kind === 'centralized')!.cost!.total;
    expect(costs(input)).toBeGreaterThan(costs({ scenario: small }));
  });

  it('keeps the re-arranged headcount by default (total people equal across designs)', () => {
    for (const scenario of [small, ...samples]) {
      const run = prepareRun({ scenario });
      const totals = run.designs.map((d) => d.teams.reduce((s, t) => s + t.people.length, 0));
      expect(new Set(totals).size, scenario.id).toBe(1);
    }
  });

  it('finds the samples\' designs, as modelled and re-arranged, meaningful', () => {
    for (const scenario of samples) {
      const run = prepareRun({ scenario });
      expect(run.designs.map((d) => d.kind)).toEqual([...DESIGN_KINDS]);
      for (const load of run.loads) {
        expect(load.verdict, `${scenario.id} ${load.kind}`).toEqual({ meaningful: true });
        for (const t of load.teams) expect(t.utilisation, `${scenario.id} ${load.kind} ${t.name}`).toBeLessThan(0.8);
      }
    }
  });

  it('says a design that cannot be formed is not meaningful, and forms it when the user sets the missing team', () => {
    const noOps = twoPods(['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer']);
    const run = prepareRun({ scenario: noOps });
    const missing = run.unavailable.find((u) => u.kind === 'pods-platform')!;
    expect(missing.verdict).toMatchObject({ meaningful: false, field: 'platform' });
    expect(missing.verdict.reason).toMatch(/cannot be formed: No MLOps or AI platform engineer/);
    const formed = prepareRun({ scenario: noOps, designHeadcount: { 'pods-platform': { platform: 2 } } });
    const platform = formed.designs.find((d) => d.kind === 'pods-platform')!.teams.find((t) => t.flowRole === 'platform')!;
    expect(platform.people.map((p) => p.role)).toEqual(['ai-platform-engineer', 'ai-platform-engineer']);
  });

  it('agrees with the work the engine starts per week, team by team, on a stable case', () => {
    // Everyone hired, both pods asking from month 1, ten years: the start-up transient is a small share.
    const scenario = { ...twoPods(['single-threaded-owner', 'ai-ml-engineer', 'software-engineer', 'software-engineer', 'data-platform-engineer', 'mlops-engineer']), costModel: { ...small.costModel, horizonMonths: 120 } };
    for (const kind of ['pods', 'pods-platform', 'centralized'] as const) {
      const prepared = prepareRun({ scenario }, [kind]);
      const run = new DeliveryRun(prepared, { trials: 150, seed: 7 });
      run.step(150);
      const acc = run.accumulated(0);
      const load = designLoad(prepared.designs[0]!, prepared.parameters, prepared.portfolio, 120);
      const weeks = 120 * WEEKS_PER_MONTH;
      for (const team of load.teams) {
        const t = prepared.designs[0]!.teams.findIndex((x) => x.id === team.teamId);
        const simulated = acc.workStarted[t]! / 150 / weeks;
        expect(team.utilisation, `${kind} ${team.name}`).toBeLessThan(0.9);
        // Engine busy share (work started ÷ capacity) over the formula's utilisation (demand ÷ capacity).
        const ratio = simulated / team.capacity / team.utilisation;
        // Pods: within 2%. Centralized: the drift while model and UI are built apart is estimated without
        // queueing, so the formula's rework, and its utilisation, are a few percent low.
        expect(ratio, `${kind} ${team.name}`).toBeGreaterThan(0.98);
        expect(ratio, `${kind} ${team.name}`).toBeLessThan(kind === 'centralized' ? 1.07 : 1.02);
      }
    }
  });

  it('uses a listed portfolio\'s own count over the horizon', () => {
    const initiatives = Array.from({ length: 48 }, (_, i) => ({ name: `i${i}`, size: 'large' as const, arrivalMonth: 1 + (i % 24) }));
    const prepared = prepareRun({ scenario: small, portfolio: { areas: prepareRun({ scenario: small }).portfolio.areas, initiatives } });
    const k = prepared.designs.findIndex((d) => d.kind === 'centralized');
    const central = prepared.loads[k]!.teams.find((t) => t.flowRole === 'central-ai')!;
    expect(central.initiativesPerYear).toBeCloseTo(48 / (small.costModel.horizonMonths / 12), 6);
    const verdict = prepared.loads[k]!.verdict;
    expect(verdict.meaningful ? '' : verdict.change).toMatch(new RegExp(`or list at most \\d+ initiatives over the ${small.costModel.horizonMonths}-month horizon\\.$`));
  });
});

describe('the headcount the user sets for a counterfactual', () => {
  it('is validated by the scenario file, naming the field', () => {
    const file = (designHeadcount: unknown) => JSON.stringify({ ...small, delivery: { parameters: {}, designHeadcount } });
    expect(parseScenarioText(file({ centralized: { centralAi: 7 }, 'pods-platform': { perPod: 4, platform: 2 } })).scenario.delivery.designHeadcount).toEqual({ centralized: { centralAi: 7 }, 'pods-platform': { perPod: 4, platform: 2 } });
    expect(() => parseScenarioText(file({ centralized: { centralAi: 0 } }))).toThrow(/delivery\.designHeadcount\.centralized\.centralAi: a team needs at least 1 person/);
    expect(() => parseScenarioText(file({ pods: { perPod: 2.5 } }))).toThrow(/delivery\.designHeadcount\.pods\.perPod: a team headcount is a whole number of people/);
  });

  it('is ignored by the design the scenario is shaped like (its org is the scenario\'s teams)', () => {
    const base = prepareRun({ scenario: podsSample });
    const set = prepareRun({ scenario: podsSample, designHeadcount: { 'pods-platform': { perPod: 1, platform: 1 }, pods: { perPod: 9 } } });
    const people = (p: typeof base, kind: string) => p.designs.find((d) => d.kind === kind)!.teams.map((t) => t.people.length);
    expect(people(set, 'pods-platform')).toEqual(people(base, 'pods-platform'));
    expect(people(set, 'pods').filter((_, i) => base.designs.find((d) => d.kind === 'pods')!.teams[i]!.flowRole === 'pod')).toEqual([9, 9, 9, 9, 9]);
  });
});
