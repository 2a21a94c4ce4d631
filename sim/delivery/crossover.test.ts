/**
 * The crossover: where pods overtake the centralized design as demand and
 * headcount grow, or why not within the range; no figure for a design that
 * is not a meaningful comparison; the same seed at every point.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { CrossoverRun, deliveryCrossover, findCrossover, flowHeadcount, logSpaced, scaledScenario, type Crossover, type CrossoverPoint } from './crossover.ts';
import { runCrossoverJob, type CrossoverJobResult } from './crossover-job.ts';
import { prepareRun, simulateDelivery, type DeliveryInput } from './simulate.ts';

const samples = loadSamples();
const pods = samples.find((s) => s.id === 'sample-three-pilot-pods')!;

/**
 * Known answer: a central AI team of 8 saturates as demand grows while the
 * pods (34 people between them) do not; at low demand the centralized
 * design is faster (hand-offs every half week, no rework from them, pods
 * losing 10% to coordination). Pods must overtake it before its central AI
 * team reaches utilisation 1.
 */
const saturating: DeliveryInput = {
  scenario: pods,
  parameters: { handoffCadenceWeeks: 0.5, reworkPerHandoff: 0, crossPodCoordinationShare: 0.1 },
  designHeadcount: { centralized: { centralAi: 8, productEngineering: 30 } },
};
const demand = { from: 0.05, to: 0.6, steps: 8 };

const sweep = (c: Crossover, axis: 'demand' | 'headcount') => c.sweeps.find((s) => s.axis === axis)!;
const design = (p: CrossoverPoint, kind: string) => p.designs.find((d) => d.kind === kind)!;

describe('the crossover on demand', () => {
  const result = deliveryCrossover(saturating, { trials: 300, seed: 1, demand, headcount: null });
  const s = sweep(result, 'demand');

  it('finds where pods overtake a centralized team that saturates, below the demand at which it saturates', () => {
    // The demand at which the central AI team's utilisation reaches 1, from its load at the lowest point (load is linear in demand).
    const low = s.points[0]!;
    const central = design(low, 'centralized').teams.find((t) => t.name === 'Central AI team')!;
    const saturatesAt = low.value / central.utilisation;
    const finding = s.findings.find((f) => f.challenger === 'pods')!;
    expect(finding.challengerFaster).toBe('above');
    expect(finding.at).not.toBeNull();
    expect(finding.at!).toBeGreaterThan(finding.between![0]);
    expect(finding.at!).toBeLessThan(finding.between![1]);
    expect(finding.at!).toBeLessThan(saturatesAt);
    // Slower at the first point, faster at the last point where both are meaningful.
    expect(design(low, 'pods').p85!).toBeGreaterThan(design(low, 'centralized').p85!);
    const both = s.points.filter((p) => design(p, 'pods').meaningful && design(p, 'centralized').meaningful);
    const top = both[both.length - 1]!;
    expect(design(top, 'pods').p85!).toBeLessThan(design(top, 'centralized').p85!);
    expect(finding.sentence).toMatch(/^AI pods overtake the centralized AI team at P85 at about 0\.\d+ initiatives per area per month \(between 0\.\d+ and 0\.\d+\): slower below, faster above\./);
    // Where the centralized design stops being a comparison, the sentence says so, naming the team.
    expect(finding.saturation?.design).toBe('centralized');
    expect(finding.saturation?.team).toBe('Central AI team');
    expect(finding.saturation!.value).toBeGreaterThanOrEqual(saturatesAt);
    expect(finding.sentence).toMatch(/Central AI team: an unbounded queue/);
  });

  it('never gives a figure for a design with a team at utilisation ≥ 1, and names that team', () => {
    let notMeaningful = 0;
    for (const p of s.points) {
      for (const d of p.designs) {
        const overloaded = d.teams.some((t) => t.utilisation >= 1);
        expect(d.meaningful).toBe(!overloaded && d.teams.length > 0);
        if (d.meaningful) continue;
        notMeaningful++;
        expect(d.p85).toBeNull();
        expect(d.costPerInitiativeShipped).toBeNull();
        expect(d.busiest!.utilisation).toBeGreaterThanOrEqual(1);
        expect(d.reason).toContain('utilisation');
      }
    }
    expect(notMeaningful).toBeGreaterThan(0);
    // At the top of the range every design is overloaded: that point is not simulated at all.
    const last = s.points[s.points.length - 1]!;
    expect(last.designs.every((d) => !d.meaningful)).toBe(true);
    expect(last.trials).toBe(0);
  });

  it('runs every point on the same seed: a point is the comparison simulateDelivery gives at that demand', () => {
    const p = s.points[2]!;
    const alone = simulateDelivery({ ...saturating, parameters: { ...saturating.parameters, arrivalsPerAreaPerMonth: p.value } }, { trials: 300, seed: 1 });
    for (const d of alone.designs) {
      expect(design(p, d.kind).p85).toBe(d.timeToProduction.p85);
      expect(design(p, d.kind).costPerInitiativeShipped).toBe(d.cost!.perInitiativeShipped);
    }
  });

  it('gives the same result for the same seed, and steps in any slices to the same figures', () => {
    const again = deliveryCrossover(saturating, { trials: 300, seed: 1, demand, headcount: null, progressEvery: 37 });
    expect(again).toEqual(result);
    const other = deliveryCrossover(saturating, { trials: 300, seed: 2, demand, headcount: null });
    expect(other.sweeps[0]!.points[0]!.designs[0]!.p85).not.toBe(s.points[0]!.designs[0]!.p85);
  });

  it('says "not within this range" with why', () => {
    const finding = s.findings.find((f) => f.challenger === 'pods')!;
    // Pods faster everywhere: a range above the crossover, below saturation.
    const above = deliveryCrossover(saturating, { trials: 300, seed: 1, demand: { from: finding.between![1], to: 0.26, steps: 2 }, headcount: null });
    const f = sweep(above, 'demand').findings.find((x) => x.challenger === 'pods')!;
    expect(f.at).toBeNull();
    expect(f.reason).toBe('challenger-faster-everywhere');
    expect(f.sentence).toMatch(/^AI pods do not overtake the centralized AI team within .*: AI pods are faster at P85 at every point where both are meaningful \(2 of 2\)/);
    // Centralized faster everywhere: a range below it.
    const below = deliveryCrossover(saturating, { trials: 300, seed: 1, demand: { from: 0.05, to: finding.between![0], steps: 3 }, headcount: null });
    expect(sweep(below, 'demand').findings.find((x) => x.challenger === 'pods')!.reason).toBe('centralized-faster-everywhere');
    // Every design overloaded at every point: nothing to compare, nothing simulated.
    const over = deliveryCrossover(saturating, { trials: 300, seed: 1, demand: { from: 2, to: 5, steps: 3 }, headcount: null });
    const o = sweep(over, 'demand');
    expect(o.points.every((p) => p.trials === 0 && p.designs.every((d) => d.p85 === null))).toBe(true);
    expect(o.findings.map((x) => x.reason)).toEqual(['no-meaningful-point', 'no-meaningful-point']);
    expect(o.findings[0]!.sentence).toMatch(/there is no point where both are a meaningful comparison/);
  });
});

describe('finding the crossover between grid points', () => {
  const point = (value: number, central: number | null, podsP85: number | null, halfWidth: number | null = null): CrossoverPoint => ({
    value,
    scale: value,
    trials: 1,
    designs: [
      { kind: 'centralized', label: '', meaningful: central !== null, p85: central, p85Interval: central !== null && halfWidth !== null ? [central - halfWidth, central + halfWidth] : null, costPerInitiativeShipped: null, teams: [], busiest: null },
      { kind: 'pods', label: '', meaningful: podsP85 !== null, p85: podsP85, p85Interval: podsP85 !== null && halfWidth !== null ? [podsP85 - halfWidth, podsP85 + halfWidth] : null, costPerInitiativeShipped: null, teams: [], busiest: null },
      { kind: 'pods-platform', label: '', meaningful: false, p85: null, p85Interval: null, costPerInitiativeShipped: null, teams: [], busiest: null },
    ],
  });

  it('interpolates in the log of the axis, between neighbouring meaningful points only', () => {
    const f = findCrossover('demand', [point(1, 10, 14), point(4, 20, 16)], 'pods');
    // diff −… : +4 at 1, −4 at 4: halfway in log space is 2.
    expect(f.at).toBeCloseTo(2, 10);
    expect(f.challengerFaster).toBe('above');
    const gap = findCrossover('demand', [point(1, 10, 14), point(2, null, 12), point(4, 20, 16)], 'pods');
    expect(gap.at).toBeNull();
    expect(gap.reason).toBe('across-a-gap');
  });

  it('says when the crossing is within the simulation’s noise (the P85s’ intervals overlap on both sides)', () => {
    expect(findCrossover('demand', [point(1, 10, 10.4, 0.5), point(2, 10, 9.7, 0.5)], 'pods').sentence).toMatch(/within the simulation’s noise/);
    expect(findCrossover('demand', [point(1, 10, 14, 0.5), point(2, 20, 16, 0.5)], 'pods').sentence).not.toMatch(/noise/);
    expect(findCrossover('demand', [point(1, 10, 14), point(2, 20, 16)], 'pods').sentence).not.toMatch(/noise/);
  });

  it('gives the first change of lead going up the axis, and says how often the lead changes', () => {
    const f = findCrossover('headcount', [point(10, 10, 9), point(20, 10, 11), point(40, 10, 9)], 'pods');
    // Pods lead at the low end, so the first change is where they fall behind.
    expect(f.challengerFaster).toBe('below');
    expect(f.between).toEqual([10, 20]);
    expect(f.sentence).toMatch(/^AI pods are faster than the centralized AI team at P85 below about/);
    expect(f.leadChanges).toBe(2);
    expect(f.sentence).toMatch(/people in the flow .*changes 2 times/);
  });
});

describe('the headcount axis', () => {
  it('scales every flow team, keeps the mix of roles, and leaves teams outside the flow alone', () => {
    const double = scaledScenario(pods, 2);
    expect(flowHeadcount(double)).toBe(2 * flowHeadcount(pods));
    const ids = double.teams.flatMap((t) => t.positions.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [i, team] of pods.teams.entries()) {
      const roles = (t: typeof team) => [...new Set(t.positions.map((p) => p.role))].sort();
      expect(roles(double.teams[i]!)).toEqual(roles(team));
    }
    expect(flowHeadcount(scaledScenario(pods, 0.01))).toBe(pods.teams.filter((t) => t.positions.length > 0 && t.type !== 'central-platform' && t.type !== 'enabling' && t.type !== 'complicated-subsystem').length);
  });

  it('gives every design the same people at each point', () => {
    const c = deliveryCrossover({ scenario: pods }, { trials: 20, seed: 1, demand: null, headcount: { from: 0.75, to: 1.5, steps: 3 } });
    for (const p of sweep(c, 'headcount').points) {
      const run = prepareRun({ scenario: scaledScenario(pods, p.scale) });
      const people = run.designs.map((d) => d.teams.reduce((s, t) => s + t.people.length, 0));
      expect(new Set(people).size).toBe(1);
      expect(p.value).toBe(flowHeadcount(scaledScenario(pods, p.scale)));
    }
  });
});

describe('bad ranges', () => {
  it('are refused with the value named', () => {
    expect(() => new CrossoverRun({ scenario: pods }, { trials: 10, seed: 1, demand: { from: 0.5, to: 0.2, steps: 4 } })).toThrow(/demand: "to" must be above "from" \(got 0.5 to 0.2\)/);
    expect(() => new CrossoverRun({ scenario: pods }, { trials: 10, seed: 1, demand: { from: 0.1, to: 9, steps: 4 } })).toThrow(/demand: "to" must be from 0.01 to 5 .*\(got 9\)/);
    expect(() => new CrossoverRun({ scenario: pods }, { trials: 10, seed: 1, demand: null, headcount: { from: 0.5, to: 2, steps: 1 } })).toThrow(/headcount: steps must be a whole number from 2 to 40 \(got 1\)/);
    expect(() => new CrossoverRun({ scenario: pods, parameters: { crewSize: 0 } }, { trials: 10, seed: 1 })).toThrow(/crewSize/);
  });

  it('log-spaces the points from one end to the other', () => {
    expect(logSpaced({ from: 1, to: 8, steps: 4 }).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 2, 4, 8]);
  });
});

describe('the crossover job', () => {
  it('posts the points so far as they come, and stops on cancel with the points finished', async () => {
    const looks: CrossoverJobResult[] = [];
    let cancelled = false;
    const job = { kind: 'crossover' as const, scenario: pods, trials: 40, seed: 3, demand: { from: 0.1, to: 0.3, steps: 3 }, headcount: null };
    let t = 0;
    const result = await runCrossoverJob(
      job,
      {
        get cancelled() {
          return cancelled;
        },
        progress: () => {},
        preliminary: (r) => {
          looks.push(r);
          if (looks.length === 2) cancelled = true;
        },
        breathe: async () => {},
      },
      { now: () => (t += 0.01) },
    );
    expect(looks.map((l) => l.crossover.sweeps[0]!.points.length)).toEqual([1, 2]);
    expect(result.crossover.cancelled).toBe(true);
    expect(result.crossover.sweeps[0]!.points).toHaveLength(2);
    const whole = deliveryCrossover({ scenario: pods }, { trials: 40, seed: 3, demand: job.demand, headcount: null });
    expect(result.crossover.sweeps[0]!.points).toEqual(whole.sweeps[0]!.points.slice(0, 2));
  });
});
