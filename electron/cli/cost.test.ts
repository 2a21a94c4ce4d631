import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support.ts';

const sample = (name: string) => fileURLToPath(new URL(`../../data/samples/${name}`, import.meta.url));

interface CostJson {
  currency: string;
  totals: { total: number; people: number; gpu: number; annualRunRate: number; horizonMonths: number };
  teams: Array<{ id: string; name: string; total: number; monthly: number[] }>;
  months: Array<{ month: string; total: number; cumulative: number }>;
  budget: { capPerYear: number; basis: string; crossedMonth: string | null; crossedPlanMonth: number | null; measured: number[] } | null;
  gpu: { billing: string; useSource: string; totals: { capacity: number; used: number; idle: number; overCapacity: number }; months: Array<{ capacityCost: number; usedCost: number; idleCost: number }> };
}

describe('podplan cost', () => {
  it('prints per team, per month and totals as JSON, and they add up', async () => {
    const run = await runCli(['cost', '--json', sample('three-pilot-pods.podplan.json')], { cwd: '/' });
    expect(run.code).toBe(0);
    const cost = JSON.parse(run.stdout) as CostJson;
    expect(cost.currency).toBe('USD');
    expect(cost.months).toHaveLength(cost.totals.horizonMonths);
    // Teams are charged their use; owned GPUs no team uses are the idle line, part of the total.
    const teamSum = cost.teams.reduce((sum, t) => sum + t.total, 0);
    expect(Math.abs(teamSum + cost.gpu.totals.idle - cost.totals.total)).toBeLessThanOrEqual(cost.teams.length + 1); // rounding per team
    expect(cost.months.at(-1)!.cumulative).toBeCloseTo(cost.totals.total, -1);
    for (const team of cost.teams) expect(team.monthly).toHaveLength(cost.totals.horizonMonths);
  });

  it('splits GPU spend into capacity, use and idle, and measures the budget cap on its basis', async () => {
    const run = await runCli(['cost', '--json', sample('three-pilot-pods.podplan.json')], { cwd: '/' });
    const cost = JSON.parse(run.stdout) as CostJson;
    expect(cost.gpu).toMatchObject({ billing: 'owned-capacity', useSource: 'planned' });
    expect(cost.gpu.totals.idle).toBeGreaterThan(cost.gpu.totals.used);
    expect(Math.abs(cost.gpu.totals.used + cost.gpu.totals.idle - cost.totals.gpu)).toBeLessThanOrEqual(1);
    expect(cost.gpu.months[0]!.capacityCost).toBe(156_512);
    const budget = cost.budget!;
    expect(budget.basis).toBe('plan-year');
    expect(budget.measured).toHaveLength(cost.totals.horizonMonths);
    const first = budget.measured.findIndex((v) => v > budget.capPerYear) + 1;
    expect(budget.crossedPlanMonth).toBe(first);
    const text = await runCli(['cost', sample('three-pilot-pods.podplan.json')], { cwd: '/' });
    expect(text.stdout).toMatch(/Idle GPUs: \$[\d,]+\/month on average, \$4,242,078 over the plan/);
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
