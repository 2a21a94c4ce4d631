/**
 * `podplan cost FILE`: what the scenario's org costs, per team, per month and
 * in total (M3), computed by the same cost model the app shows.
 */
import { scenarioCosts } from '../../../sim/cost/scenario-costs.ts';
import { parseScenarioText } from '../../../sim/scenario/index.ts';
import { COMMON_OPTIONS } from '../args.ts';
import type { Command } from '../command.ts';
import { readScenarioFile } from '../context.ts';
import { EXIT_OK, jsonLine } from '../io.ts';

const round = (value: number) => Math.round(value);
const money = (value: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);

export const costCommand: Command = {
  spec: {
    path: 'podplan cost',
    summary: 'Cost of a scenario file: per team, per month along the phase plan, totals and the budget cap.',
    details: [
      'Costs are derived from the role catalog (salary band at the percentile used, loaded-cost and region multipliers, equity),',
      'hire months and waves, and GPU-hours × price per GPU-hour. Amounts are whole units of the scenario currency.',
    ],
    options: { ...COMMON_OPTIONS },
    positionals: [{ name: 'FILE', required: true, description: 'The scenario file, or - for stdin.' }],
    examples: ['podplan cost plan.podplan.json', 'podplan cost --json plan.podplan.json | jq .totals'],
  },
  async run({ values, positionals }, io) {
    const { text } = await readScenarioFile(positionals[0] ?? '-', io);
    const { scenario } = parseScenarioText(text);
    const costs = scenarioCosts(scenario);
    const teamName = new Map(scenario.teams.map((t) => [t.id, t.name]));
    const teams = costs.teams.map((team) => ({
      id: team.teamId,
      name: teamName.get(team.teamId) ?? team.teamId,
      headcount: team.headcount,
      openPositions: team.openPositions,
      annualPeopleCost: round(team.annualPeopleCost),
      gpuMonthlyCost: round(team.gpuMonthlyCost),
      total: round(team.total),
      totalPeople: round(team.totalPeople),
      totalGpu: round(team.totalGpu),
      monthly: Array.from(team.monthly, round),
    }));
    const months = costs.months.map((month, i) => ({
      month,
      people: round(costs.monthlyPeople[i]!),
      gpu: round(costs.monthlyGpu[i]!),
      total: round(costs.monthly[i]!),
      cumulative: round(costs.cumulative[i]!),
    }));
    const totals = {
      total: round(costs.total),
      people: round(costs.totalPeople),
      gpu: round(costs.totalGpu),
      annualRunRate: round(costs.annualRunRate),
      horizonMonths: costs.horizonMonths,
    };
    const budget = costs.budget
      ? { capPerYear: costs.budget.capPerYear, crossedMonth: costs.budget.crossedMonthLabel, runRateCrossedMonth: costs.budget.runRateCrossedMonth }
      : null;
    if (values.json === true) {
      io.stdout(
        jsonLine({
          scenario: { id: scenario.id, name: scenario.name },
          currency: costs.currency,
          planStart: costs.planStart,
          gpuPricePerHour: costs.gpuPricePerHour,
          totals,
          budget,
          teams,
          months,
          unscheduledPositionIds: costs.unscheduledPositionIds,
        }),
      );
      return EXIT_OK;
    }
    const c = costs.currency;
    io.stdout(`Cost of "${scenario.name}" over ${costs.horizonMonths} months from ${costs.planStart} (${c}):\n\n`);
    const width = Math.max(4, ...teams.map((t) => t.name.length));
    io.stdout(`${'Team'.padEnd(width)}  ${'people'.padStart(6)}  ${'per year (full)'.padStart(16)}  ${'over the plan'.padStart(14)}\n`);
    for (const t of teams) {
      io.stdout(`${t.name.padEnd(width)}  ${String(t.headcount).padStart(6)}  ${money(t.annualPeopleCost + t.gpuMonthlyCost * 12, c).padStart(16)}  ${money(t.total, c).padStart(14)}\n`);
    }
    io.stdout(`\nTotal over the plan: ${money(totals.total, c)} (people ${money(totals.people, c)}, GPUs ${money(totals.gpu, c)}); run rate ${money(totals.annualRunRate, c)} a year.\n`);
    if (budget) {
      io.stdout(
        budget.crossedMonth
          ? `Budget cap ${money(budget.capPerYear, c)} a year is crossed in ${budget.crossedMonth}.\n`
          : `Budget cap ${money(budget.capPerYear, c)} a year holds over the plan.\n`,
      );
    }
    if (costs.unscheduledPositionIds.length) io.stderr(`Note: ${costs.unscheduledPositionIds.length} open position(s) have no hire month and are not costed.\n`);
    return EXIT_OK;
  },
};
