import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import type { ReadinessAnswers } from '../readiness/schema.ts';
import type { Scenario } from '../scenario/schema.ts';
import { deriveDesign, isUnavailable, naturalDesign, type OrgDesign } from './design.ts';
import { WEEKS_PER_MONTH } from './parameters.ts';
import { explainGap, SEED_CLAIMS } from './explain.ts';
import {
  DEFAULT_DELIVERY_PARAMETERS,
  DELIVERY_PARAMETER_DOCS,
  defaultDeliveryParameters,
  deliveryParameterIssues,
  deliveryParameterTable,
  EFFORT_STAGES,
  INITIATIVE_SIZES,
  resolveParameters,
} from './parameters.ts';
import { defaultPortfolio } from './portfolio.ts';
import { histogramQuantile } from './results.ts';
import { deliverySensitivity } from './sensitivity.ts';
import { DeliveryRun, effectiveParameters, prepareRun, simulateDelivery, type DeliveryInput } from './simulate.ts';

const samples = loadSamples();
const centralized = samples.find((s) => s.id === 'sample-centralized-ai-team')!;
const pods = samples.find((s) => s.id === 'sample-three-pilot-pods')!;
/** A sample with other readiness answers (the samples share one organisation's: 3 leaders ready, velocity, partly measured). */
const answering = (scenario: Scenario, answers: Partial<ReadinessAnswers>): Scenario => ({ ...scenario, readiness: { ...scenario.readiness, ...answers, scope: 'scenario' } });
/** The pods sample with a leader ready for each of its five pods: no pod waits for an owner. */
const podsOwned = answering(pods, { ownerCandidates: 5 });

const design = (scenario: Scenario, kind: OrgDesign['kind']): OrgDesign => {
  const d = deriveDesign(scenario, kind, { params: defaultDeliveryParameters(), areas: defaultPortfolio(scenario).areas });
  if (isUnavailable(d)) throw new Error(d.reason);
  return d;
};
const positionIds = (d: OrgDesign) => d.teams.flatMap((t) => t.people.map((p) => p.positionId)).sort();

describe('parameters', () => {
  it('document every parameter with a source, a rationale and bounds that hold the default', () => {
    const sources = new Set(['seed', 'DORA', 'Reinertsen', 'Magennis', 'Gartner', 'assumption']);
    const defaults = defaultDeliveryParameters();
    for (const key of Object.keys(defaults) as (keyof typeof defaults)[]) {
      const doc = DELIVERY_PARAMETER_DOCS[key];
      expect(doc, key).toBeDefined();
      expect(sources.has(doc.source), key).toBe(true);
      expect(doc.rationale.length, key).toBeGreaterThan(20);
      const v = defaults[key];
      if (typeof v === 'number') {
        expect(v, key).toBeGreaterThanOrEqual(doc.min);
        expect(v, key).toBeLessThanOrEqual(doc.max);
      }
    }
    expect(deliveryParameterIssues(defaults)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_DELIVERY_PARAMETERS)).toBe(true);
  });

  it('export a table for the UI with one row per scalar, size share and size × stage effort', () => {
    const rows = deliveryParameterTable();
    const scalars = Object.keys(DELIVERY_PARAMETER_DOCS).length - 2;
    expect(rows).toHaveLength(scalars + INITIATIVE_SIZES.length + INITIATIVE_SIZES.length * EFFORT_STAGES.length);
    expect(rows.every((r) => !r.changed)).toBe(true);
    const changed = deliveryParameterTable(resolveParameters({ focusFactor: 0.5, effort: { medium: { model: { p90: 9 } } } })).filter((r) => r.changed);
    expect(changed.map((r) => [r.key, r.value])).toEqual([
      ['effort.medium.model', '2–9'],
      ['focusFactor', '0.5'],
    ]);
    expect(rows.find((r) => r.key === 'changeFailureRate')!.source).toBe('DORA');
  });

  it('name the field and the bound of an invalid value', () => {
    const p = resolveParameters({ focusFactor: 1.5, effort: { small: { data: { p10: 3, p90: 1 } } } });
    expect(deliveryParameterIssues(p)).toEqual(['focusFactor must be between 0.2 and 1 share of working time (got 1.5)', 'effort.small.data.p90 must be ≥ p10 (got 1)']);
    expect(() => prepareRun({ scenario: pods, parameters: { focusFactor: 1.5 } })).toThrow(/focusFactor must be between/);
  });
});

describe('org designs from the scenario', () => {
  it('recognise each sample\'s own shape', () => {
    expect(naturalDesign(centralized)).toBe('centralized');
    expect(naturalDesign(pods)).toBe('pods-platform');
    expect(design(centralized, 'centralized').asModelled).toBe(true);
    expect(design(pods, 'pods-platform').asModelled).toBe(true);
    expect(design(pods, 'pods').asModelled).toBe(false);
  });

  it('re-arrange the same positions into every design (same people, same cost base)', () => {
    for (const scenario of [centralized, pods]) {
      const all = scenario.teams.flatMap((t) => t.positions.map((p) => p.id)).sort();
      for (const kind of ['centralized', 'pods', 'pods-platform'] as const) expect(positionIds(design(scenario, kind)), `${scenario.id} ${kind}`).toEqual(all);
    }
  });

  it('route the centralized design through business → central AI → product engineering with three part hand-offs', () => {
    const d = design(centralized, 'centralized');
    const name = (i: number) => d.teams[i]!.name;
    const r = d.routes[0]!;
    expect([name(r.discovery), name(r.model), name(r.application), name(r.integration), name(r.deploy)]).toEqual([
      'Business stakeholders',
      'Central AI team',
      'Product engineering',
      'Product engineering',
      'Central AI team',
    ]);
    expect(r.partHandoffs).toBe(3);
    expect(r.builtApart).toBe(true);
    expect(r.platform).toBe(-1);
  });

  it('keep every stage of an initiative inside its area\'s pod, with the paved-road share at the platform', () => {
    const d = design(pods, 'pods-platform');
    const areas = defaultPortfolio(pods).areas;
    expect(areas.map((a) => a.teamId)).toEqual(['pod-1', 'pod-2', 'pod-3', 'pod-4', 'pod-5']);
    d.routes.forEach((r, i) => {
      const pod = d.teams[r.discovery]!;
      expect(pod.id).toBe(areas[i]!.teamId);
      for (const t of [r.model, r.application, r.infrastructure, r.integration, r.deploy]) expect(t).toBe(r.discovery);
      expect(d.teams[r.platform]!.flowRole).toBe('platform');
      expect(r.partHandoffs).toBe(0);
    });
    expect(d.adoption).toBe(DEFAULT_DELIVERY_PARAMETERS.pavedRoadAdoption);
    expect(d.infraSelfShare).toBeCloseTo(0.3, 12);
  });

  it('bring pods online with their wave and open positions with the hiring ramp', () => {
    const d = design(podsOwned, 'pods-platform');
    const byId = new Map(d.teams.map((t) => [t.id, t]));
    expect(byId.get('pod-1')!.startMonth).toBe(1);
    expect(byId.get('pod-4')!.startMonth).toBe(7);
    // Pod 3's AI/ML engineer is hired in month 3 and ramps over the hiring plan's 3 months.
    const pod3 = byId.get('pod-3')!;
    [4, 4, 4, 4 + 1 / 3, 4 + 2 / 3, 5, 5].forEach((v, m) => expect(pod3.fte[m]).toBeCloseTo(v, 12));
    // Pod 4 starts in month 7 with its owner only; its engineers arrive from month 7 on.
    const pod4 = byId.get('pod-4')!;
    expect(pod4.fte[5]).toBe(0);
    expect(pod4.fte[6]).toBeGreaterThanOrEqual(1);
    expect(pod4.fte[23]).toBe(5);
  });

  it('delay pods that have no leader ready to own them (readiness answer) by the time to hire an owner', () => {
    // With "1 leader can own a product", the centralized sample re-arranged into 3 pods has two waiting for owners.
    const d = design(answering(centralized, { ownerCandidates: 1 }), 'pods');
    expect(d.ownerDelays).toEqual([
      { teamId: 'pod-3', months: 3 },
      { teamId: 'pod-2', months: 3 },
    ]);
    expect(d.teams.find((t) => t.id === 'pod-2')!.startMonth).toBe(4);
  });

  it('report a design the people cannot make', () => {
    const noOps: Scenario = { ...pods, teams: pods.teams.filter((t) => t.type !== 'ai-platform').map((t) => ({ ...t, positions: t.positions.filter((p) => p.role !== 'mlops-engineer') })) };
    const d = deriveDesign(noOps, 'pods-platform', { params: defaultDeliveryParameters(), areas: defaultPortfolio(noOps).areas });
    expect(isUnavailable(d) && d.reason).toMatch(/No MLOps or AI platform engineer/);
    const result = simulateDelivery({ scenario: noOps }, { trials: 10, seed: 1 });
    expect(result.unavailable.map((u) => u.kind)).toEqual(['pods-platform']);
    expect(result.designs.map((r) => r.kind)).toEqual(['centralized', 'pods']);
  });
});

describe('the delivery Monte Carlo', () => {
  const run = (input: DeliveryInput, trials = 300, seed = 42) => simulateDelivery(input, { trials, seed });

  it('is reproducible: same seed, same result, whether run in one go or in steps', () => {
    const a = run({ scenario: pods });
    expect(run({ scenario: pods })).toEqual(a);
    const stepped = new DeliveryRun({ scenario: pods }, { trials: 300, seed: 42 });
    while (!stepped.step(37));
    expect(stepped.result()).toEqual(a);
    expect(run({ scenario: pods }, 300, 43).designs[0]!.timeToProduction.p50).not.toBe(a.designs[0]!.timeToProduction.p50);
  });

  it("holds Little's law on every trial of every design (L by integrating WIP over time)", () => {
    for (const scenario of [centralized, pods]) {
      for (const d of run({ scenario }).designs) {
        expect(d.littlesLawMaxError, d.kind).toBeLessThan(0.01);
        expect(d.unfinishedPerTrial).toBe(0);
      }
    }
  });

  it('runs every design on the same portfolio (common random numbers)', () => {
    const r = run({ scenario: centralized });
    const counts = new Set(r.designs.map((d) => d.initiativesPerTrial));
    expect(counts.size).toBe(1);
    expect(r.designs.map((d) => d.kind)).toEqual(['centralized', 'pods', 'pods-platform']);
  });

  it('accounts for every week of an initiative: backlog + working + waiting + rework = time to production', () => {
    for (const d of run({ scenario: centralized }).designs) {
      expect(d.breakdown.total).toBeCloseTo(d.timeToProduction.mean, 6);
      expect(d.breakdown.other).toBeLessThan(1e-9);
      expect(d.cycleTime.mean).toBeCloseTo(d.timeToProduction.mean - d.breakdown.backlog, 6);
      expect(d.flowEfficiency).toBeGreaterThan(0);
      expect(d.flowEfficiency).toBeLessThanOrEqual(1);
    }
  });

  it('produces percentiles in order, a histogram that sums to 1, quarters, months, WIP and cumulative flow', () => {
    const r = run({ scenario: podsOwned });
    for (const d of r.designs) {
      const t = d.timeToProduction;
      expect(t.p50).toBeLessThanOrEqual(t.p85);
      expect(t.p85).toBeLessThanOrEqual(t.p95);
      expect(d.cycleTime.p50).toBeLessThanOrEqual(t.p50);
      expect(t.histogram.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 9);
      expect(d.throughputPerQuarter).toHaveLength(8);
      expect(d.throughputPerQuarter[0]!.label).toBe('2026-01');
      expect(d.shippedPerMonth).toHaveLength(24);
      expect(d.shippedPerMonth.reduce((s, m) => s + m.mean, 0)).toBeCloseTo(d.shippedInHorizon, 9);
      expect(d.throughputPerQuarter.reduce((s, q) => s + q.mean, 0)).toBeCloseTo(d.shippedInHorizon, 9);
      // Pods come online along the phase plan.
      if (d.kind !== 'centralized') expect(d.shippedPerMonth[6]!.activeTeams).toBeGreaterThan(d.shippedPerMonth[0]!.activeTeams);
      expect(d.wip).toHaveLength(Math.ceil(24 * WEEKS_PER_MONTH));
      d.cfd.forEach((p, w) => {
        expect(p.arrived).toBeGreaterThanOrEqual(p.started - 1e-9);
        expect(p.started).toBeGreaterThanOrEqual(p.integrated - 1e-9);
        expect(p.integrated).toBeGreaterThanOrEqual(p.done - 1e-9);
        if (w + 1 < d.wip.length) expect(d.wip[w + 1]).toBeCloseTo(p.arrived - p.done, 9);
      });
    }
  });

  it('costs each shipped initiative from a cost-per-team-week function, or from the scenario\'s cost model by default', () => {
    const flat = run({ scenario: pods, costPerTeamWeek: (team) => team.people.length * 1000 });
    for (const d of flat.designs) {
      const headcount = d.teams.reduce((s, t) => s + t.headcount, 0);
      expect(d.cost!.total).toBe(headcount * 1000 * Math.floor(24 * WEEKS_PER_MONTH));
      expect(d.cost!.perInitiativeShipped).toBeCloseTo(d.cost!.total / d.shippedInHorizon, 6);
    }
    const byModel = run({ scenario: pods });
    for (const d of byModel.designs) expect(d.cost!.perInitiativeShipped).toBeGreaterThan(50_000);
    expect(run({ scenario: pods, costPerTeamWeek: null }).designs[0]!.cost).toBeNull();
  });

  it('applies the readiness answers to the parameters they name, unless the user set them', () => {
    const coordinating = answering(centralized, { ownerCandidates: 1, optimizingFor: 'coordination', productLevelMeasurement: 'partly', bottleneck: 'decision-making' });
    const { adjustments } = effectiveParameters({ scenario: coordinating });
    expect(adjustments.map((a) => [a.parameter, a.from, a.to])).toEqual([
      ['crossPodCoordinationShare', 0.05, 0.0625],
      ['sameTeamIterationSpeedup', 0.25, 0.1875],
      ['podHandoffCadenceWeeks', 2, 1],
    ]);
    const overridden = effectiveParameters({ scenario: coordinating, parameters: { podHandoffCadenceWeeks: 3 } });
    expect(overridden.parameters.podHandoffCadenceWeeks).toBe(3);
    expect(effectiveParameters({ scenario: coordinating, applyReadiness: false }).adjustments).toEqual([]);
  });

  it('moves work from the pods to the platform queue as paved-road adoption grows', () => {
    const at = (pavedRoadAdoption: number) => run({ scenario: pods, parameters: { pavedRoadAdoption } }, 300).designs.find((d) => d.kind === 'pods-platform')!;
    const none = at(0);
    const full = at(1);
    const platformWait = (d: typeof none) => d.breakdown.waiting.filter((w) => w.teamId === 'ai-platform').reduce((s, w) => s + w.queue + w.handoff, 0);
    expect(platformWait(none)).toBe(0);
    expect(platformWait(full)).toBeGreaterThan(0);
    expect(full.breakdown.working).toBeLessThan(none.breakdown.working);
    expect(full.timeToProduction.p85).not.toBe(none.timeToProduction.p85);
    expect(full.adoption).toBe(1);
  });

  it('adds rework that grows with hand-offs: the centralized design reworks more often than pods', () => {
    const r = run({ scenario: pods });
    const c = r.designs.find((d) => d.kind === 'centralized')!;
    const p = r.designs.find((d) => d.kind === 'pods')!;
    expect(c.rework.shareReworked).toBeGreaterThan(0.3);
    expect(p.rework.shareReworked).toBeLessThan(0.15);
    const moreHandoffRisk = run({ scenario: pods, parameters: { reworkPerHandoff: 0.3 } }).designs.find((d) => d.kind === 'centralized')!;
    expect(moreHandoffRisk.rework.shareReworked).toBeGreaterThan(c.rework.shareReworked);
  });

  it('takes listed initiatives instead of arrivals', () => {
    const portfolio = { areas: defaultPortfolio(pods).areas, initiatives: [{ name: 'Recommendations v2', size: 'medium' as const, area: 0 }, { name: 'Search ranking', size: 'small' as const, area: 1, arrivalMonth: 2 }] };
    const r = run({ scenario: pods, portfolio }, 200);
    for (const d of r.designs) expect(d.initiativesPerTrial).toBe(2);
    expect(() => run({ scenario: pods, portfolio: { areas: portfolio.areas, initiatives: [{ name: 'x', size: 'medium', area: 9 }] } })).toThrow(/portfolio\.initiatives\[0\]\.area/);
  });

  it('reports progress and stops when cancelled, with the trials done so far', () => {
    const seen: number[] = [];
    let checks = 0;
    const r = simulateDelivery({ scenario: pods }, { trials: 10_000, seed: 1, progressEvery: 100, onProgress: (done) => seen.push(done), shouldCancel: () => ++checks > 3 });
    expect(seen).toEqual([100, 200, 300]);
    expect(r.cancelled).toBe(true);
    expect(r.trials).toBe(300);
    expect(r.designs[0]!.trials).toBe(300);
  });

  it('quantiles of a fixed-bin histogram interpolate within the bin', () => {
    const h = new Float64Array(10);
    h[2] = 1;
    h[4] = 1;
    expect(histogramQuantile(h, 0.5, 1)).toBe(3);
    expect(histogramQuantile(h, 0.75, 1)).toBe(4.5);
    expect(histogramQuantile(new Float64Array(3), 0.5)).toBeNaN();
  });
});

describe('sensitivity and the gap to the seed', () => {
  it('ranks parameters by how much ±20% moves the P85 (tornado), on common random numbers', () => {
    const s = deliverySensitivity({ scenario: pods }, { design: 'pods-platform', trials: 150, seed: 3, parameters: ['focusFactor', 'effort.model', 'changeFailureRate', 'pavedRoadAdoption'] });
    expect(s.rows.map((r) => r.parameter)).toHaveLength(4);
    for (let i = 1; i < s.rows.length; i++) expect(s.rows[i - 1]!.swing).toBeGreaterThanOrEqual(s.rows[i]!.swing);
    const focus = s.rows.find((r) => r.parameter === 'focusFactor')!;
    expect(focus.low.value).toBeCloseTo(0.56, 12);
    expect(focus.deltaP85Low).toBeGreaterThan(0); // less focus, slower
    expect(focus.deltaP85High).toBeLessThan(0);
    const model = s.rows.find((r) => r.parameter === 'effort.model')!;
    expect(model.deltaP85High).toBeGreaterThan(0);
    expect(s.base.p85).toBeGreaterThan(s.base.p50);
  });

  it('explains each design against the seed\'s claim, with the parameter that would have to differ', () => {
    const result = simulateDelivery({ scenario: pods }, { trials: 300, seed: 5 });
    const s = deliverySensitivity({ scenario: pods }, { design: 'pods-platform', trials: 150, seed: 5, parameters: ['focusFactor', 'effort.model', 'effort.data'] });
    const gaps = explainGap(result, { 'pods-platform': s });
    expect(gaps.map((g) => g.design)).toEqual(['centralized', 'pods', 'pods-platform']);
    for (const g of gaps) {
      expect(g.claim).toBe(SEED_CLAIMS[g.design]);
      expect(g.summary).toContain(g.claim.text);
      expect(['within', 'slower', 'faster']).toContain(g.status);
      if (g.status !== 'within') expect(g.levers.length).toBeGreaterThan(0);
      expect(g.whereTimeGoes.length).toBeGreaterThan(0);
    }
    const pp = gaps.find((g) => g.design === 'pods-platform')!;
    if (pp.status === 'slower') {
      expect(pp.levers.some((l) => l.basis === 'sensitivity')).toBe(true);
      const effort = pp.levers.find((l) => l.parameter === 'effort')!;
      expect(effort.needed).toBeCloseTo(8 / pp.measuredWeeks, 9);
    }
  });
});
