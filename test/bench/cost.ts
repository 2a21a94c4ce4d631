/**
 * Cost recompute: every derived cost (per position, team, month, org, GPU,
 * budget cap) of a 500-team, 5,000-position scenario, through the same call
 * the UI makes on each edit (`scenarioCosts`). Half the positions are open
 * with hire months, every team is in a wave and uses GPUs, the budget cap is
 * set. Median over many runs after a warm-up. Target (issue 4): ≤ 20 ms.
 *
 *   node test/bench/cost.ts
 */
import { loadavg } from 'node:os';
import { scenarioCosts } from '../../sim/cost/scenario-costs.ts';
import { validateScenario, type Scenario } from '../../sim/scenario/index.ts';
import { makeScenario } from '../../data/store/test-support/fixtures.ts';
import { median, type BenchResult } from './types.ts';

const TEAMS = 500;
const POSITIONS_PER_TEAM = 10;
const TARGET_MS = 20;

function benchScenario(): Scenario {
  const scenario = makeScenario('bench-cost-500-teams', { name: 'Bench: 500 teams', teams: TEAMS, positionsPerTeam: POSITIONS_PER_TEAM });
  scenario.teams.forEach((team, t) => {
    team.gpuHoursPerMonth = 200 + (t % 7) * 100;
    team.positions.forEach((position, p) => {
      if (!position.filled) position.hireMonth = 1 + ((t + p) % 18);
      if (p % 4 === 3) position.salaryPercentile = 60;
    });
  });
  const [pilot, refine, expand] = scenario.phases.waves;
  pilot!.teamIds = scenario.teams.slice(0, 3).map((t) => t.id);
  refine!.teamIds = scenario.teams.slice(3, 50).map((t) => t.id);
  expand!.teamIds = scenario.teams.slice(50).map((t) => t.id);
  scenario.costModel.budgetCapPerYear = 500_000_000;
  scenario.cluster.nodePools = [
    { id: 'h100', name: 'H100', flavor: 'h100', gpuModel: 'NVIDIA H100', gpusPerNode: 8, nodeCount: 64, cpuCoresPerNode: 192, memoryGiBPerNode: 2048, costPerGpuHour: 4.5, capacityChanges: [] },
  ];
  return validateScenario(scenario);
}

export async function benchCost(runs = 200, warmup = 30): Promise<BenchResult[]> {
  const scenario = benchScenario();
  const positions = scenario.teams.reduce((n, t) => n + t.positions.length, 0);
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += scenarioCosts(scenario).total;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh edit each time, as the editor hands over a new document.
    const edited = { ...scenario, costModel: { ...scenario.costModel, loadedCostMultiplier: 1 + (i % 10) / 100 } };
    const started = performance.now();
    sink += scenarioCosts(edited).total;
    times.push(performance.now() - started);
  }
  const value = median(times);
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
  return [
    {
      name: `cost: recompute all costs, ${TEAMS} teams × ${POSITIONS_PER_TEAM} positions`,
      value: Math.round(value * 100) / 100,
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      pass: value <= TARGET_MS,
      detail: `${runs} runs after ${warmup} warm-up, ${positions} positions × ${scenario.costModel.horizonMonths} months; p95 ${p95.toFixed(2)} ms; load average ${loadavg()[0]?.toFixed(1)}${sink === 0 ? ' (no cost?)' : ''}`,
    },
  ];
}

if (import.meta.main) {
  for (const result of await benchCost()) {
    console.log(`${result.name}: ${result.value} ${result.unit} (target ${result.target}: ${result.pass ? 'meets target' : 'MISSES target'})`);
    if (result.detail) console.log(`  ${result.detail}`);
  }
}
