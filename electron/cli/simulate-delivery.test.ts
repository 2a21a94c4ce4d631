import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support.ts';

const sample = (name: string) => fileURLToPath(new URL(`../../data/samples/${name}`, import.meta.url));
const PODS = sample('three-pilot-pods.podplan.json');
const CENTRAL = sample('centralized-ai-team.podplan.json');

interface Pct {
  mean: number;
  p50: number;
  p85: number;
  p95: number;
  interval95: { p50: [number, number] | null; p85: [number, number] | null; p95: [number, number] | null };
}
interface DesignJson {
  kind: string;
  isScenarioDesign: boolean;
  timeToProductionWeeks: Pct;
  cycleTimeWeeks: Pct;
  prototypeToProductionWeeks: Pct;
  throughputPerQuarter: Array<{ quarter: number; mean: number }>;
  flowEfficiency: number;
  costPerInitiativeShipped: number | null;
  breakdownWeeks: { backlog: number; working: number; rework: number; waiting: Array<{ queue: number; handoff: number }>; other: number; total: number };
  rework: { shareReworked: number };
}
interface DeliveryJson {
  trials: number;
  convergence: { rule: string; converged: boolean; precision: number | null; worstP85HalfWidth: number | null; summary: string };
  seed: number;
  cancelled: boolean;
  horizonMonths: number;
  scenarioDesign: string;
  designs: DesignJson[];
  gaps: Array<{ design: string; status: string; summary: string; claim: { text: string } }>;
  sensitivity?: Array<{ design: string; rows: Array<{ parameter: string; swing: number }> }>;
}

async function simulate(args: string[], options: { stdin?: string; shutdown?: Promise<string> } = {}) {
  const run = await runCli(['simulate', 'delivery', '--json', ...args], { cwd: '/', ...options });
  return { ...run, json: JSON.parse(run.stdout) as DeliveryJson };
}

describe('podplan simulate delivery', () => {
  it('compares the three designs on the pods sample, the scenario’s own design marked, with consistent figures', async () => {
    const { code, json } = await simulate(['--trials', '500', PODS]);
    expect(code).toBe(0);
    expect(json.trials).toBe(500);
    expect(json.designs.map((d) => d.kind)).toEqual(['centralized', 'pods', 'pods-platform']);
    expect(json.scenarioDesign).toBe('pods-platform');
    expect(json.designs.filter((d) => d.isScenarioDesign).map((d) => d.kind)).toEqual(['pods-platform']);
    for (const d of json.designs) {
      const t = d.timeToProductionWeeks;
      expect(t.p50).toBeGreaterThan(2);
      expect(t.p50).toBeLessThan(t.p85);
      expect(t.p85).toBeLessThan(t.p95);
      expect(t.p95).toBeLessThan(5 * 52);
      expect(d.throughputPerQuarter).toHaveLength(json.horizonMonths / 3);
      expect(d.flowEfficiency).toBeGreaterThan(0);
      expect(d.flowEfficiency).toBeLessThanOrEqual(1);
      expect(d.costPerInitiativeShipped).toBeGreaterThan(0);
      const b = d.breakdownWeeks;
      const parts = b.backlog + b.working + b.rework + b.other + b.waiting.reduce((s, w) => s + w.queue + w.handoff, 0);
      expect(parts).toBeCloseTo(b.total, 1);
    }
    // Integration after three hand-offs finds more defects than a pod building both parts.
    const [central, pods] = json.designs;
    expect(central!.rework.shareReworked).toBeGreaterThan(pods!.rework.shareReworked);
    expect(json.gaps.map((g) => g.design)).toEqual(['centralized', 'pods', 'pods-platform']);
    expect(json.gaps[1]!.claim.text).toMatch(/6–8 weeks/);
    expect(json.gaps[0]!.summary).toMatch(/P50 cycle time \(start of discovery → production\) [\d.]+ weeks/);
    expect(json.gaps[1]!.summary).toMatch(/P50 prototype → production [\d.]+ weeks/);
  });

  it('gives each percentile of the three clocks its 95% interval around it', async () => {
    const { json } = await simulate(['--trials', '500', PODS]);
    for (const d of json.designs) {
      for (const clock of [d.timeToProductionWeeks, d.cycleTimeWeeks, d.prototypeToProductionWeeks]) {
        for (const p of ['p50', 'p85', 'p95'] as const) {
          const [low, high] = clock.interval95[p]!;
          expect(low).toBeLessThan(clock[p]);
          expect(high).toBeGreaterThan(clock[p]);
        }
      }
      // A prototype reaches production sooner than the request it came from.
      expect(d.prototypeToProductionWeeks.p50).toBeLessThan(d.cycleTimeWeeks.p50);
    }
    expect(json.convergence.rule).toBe('fixed');
  });

  it('without a trial count runs until P85 is known within --precision, with the same figures for 1, 2 or 3 workers', async () => {
    const runs = await Promise.all(['1', '2', '3'].map((w) => simulate(['--workers', w, '--precision', '4', PODS])));
    const [one] = runs;
    expect(one!.json.convergence).toMatchObject({ rule: 'stopping-rule', converged: true, precision: 0.04 });
    expect(one!.json.convergence.worstP85HalfWidth).toBeLessThanOrEqual(0.04);
    expect(one!.json.convergence.summary).toMatch(/P85 known within ±4% after [\d,]+ trials/);
    for (const r of runs) expect(r.json).toEqual(one!.json);
    const fixed = await Promise.all(['1', '3'].map((w) => simulate(['--workers', w, '--trials', '170', PODS])));
    expect(fixed[1]!.json).toEqual(fixed[0]!.json);
    expect(fixed[0]!.json.trials).toBe(170);
  });

  it('the same seed gives the same figures, another seed others', async () => {
    const a = await simulate(['--trials', '300', '--seed', '11', CENTRAL]);
    const b = await simulate(['--trials', '300', '--seed', '11', CENTRAL]);
    const c = await simulate(['--trials', '300', '--seed', '12', CENTRAL]);
    expect(b.json.designs).toEqual(a.json.designs);
    expect(c.json.designs[0]!.timeToProductionWeeks.p50).not.toBe(a.json.designs[0]!.timeToProductionWeeks.p50);
  });

  it('--design runs one design only', async () => {
    const { json } = await simulate(['--trials', '200', '--design', 'pods', CENTRAL]);
    expect(json.designs.map((d) => d.kind)).toEqual(['pods']);
  });

  it('runs with the scenario’s stored overrides and trials; the flags win over them', async () => {
    const doc = JSON.parse(readFileSync(PODS, 'utf8')) as Record<string, unknown>;
    const withAdoption = (adoption: number) => JSON.stringify({ ...doc, delivery: { parameters: { pavedRoadAdoption: adoption }, trials: 300, seed: 5 } });
    const none = await simulate(['--design', 'pods-platform', '-'], { stdin: withAdoption(0) });
    const full = await simulate(['--design', 'pods-platform', '-'], { stdin: withAdoption(1) });
    expect(none.json).toMatchObject({ trials: 300, seed: 5 });
    expect(full.json.designs[0]!.timeToProductionWeeks.p50).not.toBe(none.json.designs[0]!.timeToProductionWeeks.p50);
    const flagged = await simulate(['--design', 'pods-platform', '--trials', '100', '-'], { stdin: withAdoption(0) });
    expect(flagged.json.trials).toBe(100);
  });

  it('sensitivity ranks the parameters by how far they move the P85', async () => {
    const { json } = await simulate(['--trials', '100', '--design', 'pods', '--sensitivity', CENTRAL]);
    const rows = json.sensitivity![0]!.rows;
    expect(rows.length).toBeGreaterThan(10);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.swing).toBeLessThanOrEqual(rows[i - 1]!.swing);
    expect(rows[0]!.swing).toBeGreaterThan(0);
  });

  it('Ctrl+C stops a long run and prints the figures for the trials done', async () => {
    const shutdown = new Promise<string>((resolve) => setTimeout(() => resolve('SIGINT'), 400));
    const run = await simulate(['--trials', '1000000', CENTRAL], { shutdown });
    expect(run.code).toBe(1);
    expect(run.json.cancelled).toBe(true);
    expect(run.json.trials).toBeGreaterThan(0);
    expect(run.json.trials).toBeLessThan(1_000_000);
    expect(run.json.designs[0]!.timeToProductionWeeks.p50).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/Interrupted: the figures cover [\d,]+ of 1,000,000 trials/);
  });

  it('prints tables for people: percentiles, quarters, where the time goes and the claims', async () => {
    const run = await runCli(['simulate', 'delivery', '--trials', '200', CENTRAL], { cwd: '/' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Centralized AI team \*/);
    expect(run.stdout).toMatch(/Initiatives shipped per quarter/);
    expect(run.stdout).toMatch(/Where the time goes/);
    expect(run.stdout).toMatch(/Against the seed's claims/);
  });

  it('bad flags are usage errors naming the flag; a bad override names its field', async () => {
    const trials = await runCli(['simulate', 'delivery', '--trials', '0', CENTRAL], { cwd: '/' });
    expect(trials.code).toBe(2);
    expect(trials.stderr).toMatch(/--trials must be a whole number/);
    const precision = await runCli(['simulate', 'delivery', '--precision', '0', CENTRAL], { cwd: '/' });
    expect(precision.code).toBe(2);
    expect(precision.stderr).toMatch(/--precision must be a percentage from 0.1 to 50, e.g. 2 for ±2% \(got "0"\)/);
    const both = await runCli(['simulate', 'delivery', '--precision', '2', '--trials', '100', CENTRAL], { cwd: '/' });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give one of them/);
    const workers = await runCli(['simulate', 'delivery', '--workers', 'many', CENTRAL], { cwd: '/' });
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/--workers must be a whole number/);
    const design = await runCli(['simulate', 'delivery', '--design', 'matrix', CENTRAL], { cwd: '/' });
    expect(design.code).toBe(2);
    expect(design.stderr).toMatch(/--design must be one of centralized, pods, pods-platform, all/);
    const doc = JSON.parse(readFileSync(CENTRAL, 'utf8')) as Record<string, unknown>;
    const bad = await runCli(['simulate', 'delivery', '-'], { cwd: '/', stdin: JSON.stringify({ ...doc, delivery: { parameters: { focusFactor: 3 } } }) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/delivery\.parameters\.focusFactor/);
  });

  it('is listed in the help', async () => {
    const run = await runCli(['simulate', '--help'], { cwd: '/' });
    expect(run.stdout).toMatch(/delivery\s+Delivery simulation/);
  });
});
