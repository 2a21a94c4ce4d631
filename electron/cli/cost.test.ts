import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support.ts';

const sample = (name: string) => fileURLToPath(new URL(`../../data/samples/${name}`, import.meta.url));

interface CostJson {
  currency: string;
  totals: { total: number; people: number; gpu: number; annualRunRate: number; horizonMonths: number };
  teams: Array<{ id: string; name: string; total: number; monthly: number[] }>;
  months: Array<{ month: string; total: number; cumulative: number }>;
  budget: { capPerYear: number; crossedMonth: string | null } | null;
}

describe('podplan cost', () => {
  it('prints per team, per month and totals as JSON, and they add up', async () => {
    const run = await runCli(['cost', '--json', sample('three-pilot-pods.podplan.json')], { cwd: '/' });
    expect(run.code).toBe(0);
    const cost = JSON.parse(run.stdout) as CostJson;
    expect(cost.currency).toBe('USD');
    expect(cost.months).toHaveLength(cost.totals.horizonMonths);
    const teamSum = cost.teams.reduce((sum, t) => sum + t.total, 0);
    expect(Math.abs(teamSum - cost.totals.total)).toBeLessThanOrEqual(cost.teams.length); // rounding per team
    expect(cost.months.at(-1)!.cumulative).toBeCloseTo(cost.totals.total, -1);
    for (const team of cost.teams) expect(team.monthly).toHaveLength(cost.totals.horizonMonths);
  });

  it('the centralized sample costs between $2M and $5M a year at full staffing (seed "2-pizza AI teams")', async () => {
    const run = await runCli(['cost', '--json', sample('centralized-ai-team.podplan.json')], { cwd: '/' });
    const cost = JSON.parse(run.stdout) as CostJson;
    expect(cost.totals.annualRunRate).toBeGreaterThanOrEqual(2_000_000);
    expect(cost.totals.annualRunRate).toBeLessThanOrEqual(5_000_000);
  });

  it('a human-readable table names every team and the budget month', async () => {
    const run = await runCli(['cost', sample('centralized-ai-team.podplan.json')], { cwd: '/' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Central AI team/);
    expect(run.stdout).toMatch(/Budget cap \$4,200,000 a year is crossed in \d{4}-\d{2}/);
  });

  it('a bad file exits 1 naming the field', async () => {
    const run = await runCli(['cost', '-'], { cwd: '/', stdin: '{"schemaVersion": 4, "id": "x", "name": "", "teams": []}' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/name/);
  });
});
