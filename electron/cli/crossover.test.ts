import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support.ts';

const PODS = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));

interface DesignJson {
  kind: string;
  meaningful: boolean;
  p85Weeks?: number | null;
  costPerInitiativeShipped?: number | null;
  reason?: string;
  busiestTeam: { name: string; utilisation: number | string } | null;
  teams: Array<{ name: string; utilisation: number | string; unboundedQueue: boolean }>;
}
interface CrossoverJson {
  seed: number;
  trialsPerPoint: number;
  cancelled: boolean;
  sweeps: Array<{
    axis: string;
    base: number;
    findings: Array<{ challenger: string; at: number | null; reason: string | null; sentence: string }>;
    points: Array<{ value: number; trials: number; designs: DesignJson[] }>;
  }>;
}

async function crossover(args: string[], options: { shutdown?: Promise<string> } = {}) {
  const run = await runCli(['crossover', ...args], { cwd: '/', ...options });
  return { ...run, json: run.stdout.startsWith('{') ? (JSON.parse(run.stdout) as CrossoverJson) : null };
}

describe('podplan crossover', () => {
  it('sweeps demand and headcount, with a finding for pods and for pods + platform on each', async () => {
    const { code, json } = await crossover(['--json', '--trials', '100', '--demand', '0.1:1:4', '--headcount', '0.75:1.5:3', PODS]);
    expect(code).toBe(0);
    expect(json!.trialsPerPoint).toBe(100);
    // The scenario's own demand (1/3 per area per month) and people (×1) are points too, so the sweep passes through the Delivery table's figures.
    expect(json!.sweeps.map((s) => [s.axis, s.points.length])).toEqual([
      ['demand', 5],
      ['headcount', 3],
    ]);
    expect(json!.sweeps[0]!.points.map((p) => Math.round(p.value * 1000) / 1000)).toEqual([0.1, 0.215, 0.333, 0.464, 1]);
    for (const s of json!.sweeps) {
      expect(s.findings.map((f) => f.challenger)).toEqual(['pods', 'pods-platform']);
      for (const f of s.findings) expect(f.sentence).toMatch(/^AI pods( \+ platform)? (overtake|are faster|do not overtake)/);
      for (const p of s.points) {
        for (const d of p.designs) {
          // A team at utilisation ≥ 1 means no figure, and the reason instead.
          const unbounded = d.teams.some((t) => t.unboundedQueue);
          expect(d.meaningful).toBe(!unbounded);
          if (d.meaningful) expect(d.p85Weeks).toBeGreaterThan(0);
          else {
            expect(d).not.toHaveProperty('p85Weeks');
            expect(d).not.toHaveProperty('costPerInitiativeShipped');
            expect(d.reason).toMatch(/utilisation/);
          }
        }
      }
    }
    // At one initiative per area per month every design of the sample is overloaded.
    expect(json!.sweeps[0]!.points[4]!.designs.every((d) => !d.meaningful)).toBe(true);
  });

  it('the same seed gives the same grid', async () => {
    const args = ['--json', '--trials', '60', '--demand', '0.1:0.4:3', '--headcount', 'none', '--seed', '7', PODS];
    const a = await crossover(args);
    const b = await crossover(args);
    expect(b.json).toEqual(a.json);
  });

  it('prints the grid and the crossover sentences for people', async () => {
    const run = await crossover(['--trials', '60', '--demand', '0.1:0.8:4', '--headcount', 'none', PODS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Crossover of "Three pilot pods with an AI platform team": 60 trials per point, seed \d+ at every point\./);
    expect(run.stdout).toMatch(/Centralized P85 +cost\/init\. +busiest/);
    expect(run.stdout).toMatch(/not meaningful +— +\d\.\d\d!/);
    expect(run.stdout).toMatch(/\n {2}AI pods .*initiatives per area per month/);
    expect(run.stdout).toMatch(/First point not meaningful — Centralized at 0\.8: The central AI team would have \d+ people/);
  });

  it('refuses a bad range, naming it and the value', async () => {
    const usage = await crossover(['--demand', '0.1-1', PODS]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--demand must be FROM:TO:STEPS, e.g. 0.1:1:8, or "none" \(got "0.1-1"\)/);
    const steps = await crossover(['--headcount', '0.5:2:1', PODS]);
    expect(steps.code).toBe(2);
    expect(steps.stderr).toMatch(/--headcount: STEPS must be a whole number from 2 to 40 \(got "1"\)/);
    const bound = await crossover(['--demand', '0.1:9:4', PODS]);
    expect(bound.code).not.toBe(0);
    expect(bound.stderr).toMatch(/demand: "to" must be from 0.01 to 5 initiatives per area per month \(got 9\)/);
  });

  it('Ctrl+C keeps the points finished', async () => {
    const shutdown = new Promise<string>((resolve) => setTimeout(() => resolve('SIGINT'), 300));
    const run = await crossover(['--json', '--trials', '200000', '--demand', '0.1:0.3:3', '--headcount', 'none', PODS], { shutdown });
    expect(run.code).toBe(1);
    expect(run.json!.cancelled).toBe(true);
    expect(run.json!.sweeps[0]!.points.length).toBeLessThan(3);
    expect(run.stderr).toMatch(/Interrupted: the crossover covers the \d+ points finished/);
  });
});
