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
    summary: 'Cost of a scenario file: per team, per month along the phase plan, GPU spend, totals and the budget cap.',
    details: [
      'Costs are derived from the role catalog (salary band at the percentile used, loaded-cost and region multipliers, equity),',
      'hire months and waves, and GPUs. Amounts are whole units of the scenario currency.',
      'GPUs, as in every tab of the app: with costModel.gpuBilling "owned-capacity" (the default) the organisation pays for the',
      'node pools every month (capacity changes included), used or not; teams are charged their planned GPU-hours × price;',
      'owned GPU-hours no team uses are idle; use beyond the owned capacity is bought on demand. With "on-demand" only use is paid.',
      'So totals.gpu and months[].gpu include idle capacity (gpu.totals.idle); teams[].totalGpu is the team\'s use only.',
      'gpu: billing, useSource ("planned": the teams\' GPU-hours in the file), pricePerHour, totals {capacity, used, idle,',
      'overCapacity} and per month {capacityGpuHours, capacityCost, usedGpuHours, usedCost, idleGpuHours, idleCost, overCapacityGpuHours}.',
      'budget: capPerYear, basis ("plan-year": spend so far in months 1-12, 13-24, ...; "trailing-12-months": spend of the 12 months',
      'up to each month), measured (that spend per month), crossedMonth (YYYY-MM, the first month measured passes the cap),',
      'crossedPlanMonth (its plan month), runRateCrossedMonth (first plan month whose spend × 12 passes the cap).',
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
    const b = costs.budget;
    const budget = b
      ? {
          capPerYear: b.capPerYear,
          basis: b.basis,
          crossedMonth: b.crossedMonthLabel,
          crossedPlanMonth: b.crossedMonth,
          runRateCrossedMonth: b.runRateCrossedMonth,
          measured: Array.from(b.measured, round),
        }
      : null;
    const g = costs.gpu;
    const gpu = {
      billing: g.billing,
      useSource: g.useSource,
      pricePerHour: costs.gpuPricePerHour,
      totals: { capacity: round(g.totalCapacityCost), used: round(g.totalUsedCost), idle: round(g.totalIdleCost), overCapacity: round(g.totalOverCapacityCost) },
      months: costs.months.map((month, i) => ({
        month,
        capacityGpuHours: round(g.capacityGpuHours[i]!),
        capacityCost: round(g.capacityCost[i]!),
        usedGpuHours: round(g.usedGpuHours[i]!),
        usedCost: round(g.usedCost[i]!),
        idleGpuHours: round(g.idleGpuHours[i]!),
        idleCost: round(g.idleCost[i]!),
        overCapacityGpuHours: round(g.overCapacityGpuHours[i]!),
      })),
    };
    if (values.json === true) {
      io.stdout(
        jsonLine({
          scenario: { id: scenario.id, name: scenario.name },
          currency: costs.currency,
          planStart: costs.planStart,
          gpuPricePerHour: costs.gpuPricePerHour,
          totals,
          gpu,
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
    const horizon = Math.max(1, costs.horizonMonths);
    io.stdout(`GPUs used by teams (${g.useSource} GPU-hours): ${money(gpu.totals.used, c)}.\n`);
    if (g.billing === 'owned-capacity') {
      io.stdout(`Idle GPUs: ${money(g.totalIdleCost / horizon, c)}/month on average, ${money(gpu.totals.idle, c)} over the plan (owned capacity ${money(gpu.totals.capacity, c)}).\n`);
    } else io.stdout('GPUs are billed on demand: only use is paid for, nothing idle.\n');
    if (g.totalOverCapacityCost > 0) io.stdout(`Bought beyond owned capacity: ${money(gpu.totals.overCapacity, c)}.\n`);
    if (budget) {
      const basis = budget.basis === 'plan-year' ? 'a year' : 'in any 12 months';
      const measured = budget.basis === 'plan-year' ? 'spend so far in each plan year' : 'spend of the trailing 12 months';
      io.stdout(
        budget.crossedMonth
          ? `Budget cap ${money(budget.capPerYear, c)} ${basis} is crossed in ${budget.crossedMonth} (${measured}).\n`
          : `Budget cap ${money(budget.capPerYear, c)} ${basis} holds over the plan (${measured}).\n`,
      );
    }
    if (costs.unscheduledPositionIds.length) io.stderr(`Note: ${costs.unscheduledPositionIds.length} open position(s) have no hire month and are not costed.\n`);
    return EXIT_OK;
  },
};
