/**
 * The stamp an exported chart carries by default (`downloadChart`): the open
 * scenario's name, the revision being edited (and whether edits are not yet
 * saved), today's date, and the assumptions the chart's figures rest on.
 * Which assumptions depends on the tab the chart is exported from, since
 * that is the chart the user is looking at: every chart names the
 * loaded-cost multiplier and the salary percentile (and the GPU billing and
 * budget basis the costs use); a delivery chart adds its trials and random
 * seed, a GPU simulation chart its workloads and random seed.
 */
import { DEFAULT_SENSITIVITY_TRIALS } from '../../sim/delivery/schema.ts';
import type { Scenario } from '../../sim/scenario/index.ts';
import { runSeed, runTrials } from '../features/delivery/model/run-input.ts';
import { crossoverTrials } from '../features/delivery/model/crossover-input.ts';
import { generatedDemandParts, gpuSimulationInputs } from '../../sim/edits/gpu-simulation.ts';
import { useEditor } from '../stores/editor.ts';
import { useGpuSimUi } from '../features/gpu-simulation/store.ts';
import { useNavigation, type EditorSection } from '../stores/navigation.ts';
import { useSave } from '../stores/save.ts';
import type { ChartStamp } from './chart-export.ts';

const count = (n: number) => n.toLocaleString('en-US');
const ordinal = (n: number) => {
  const r = Math.round(n);
  const tens = r % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][r % 10] ?? 'th');
  return `${r}${suffix}`;
};

/** "salaries at the 25th percentile of their bands (2 positions set their own)". */
export function salaryPercentileText(doc: Pick<Scenario, 'costModel' | 'teams'>): string {
  const percentiles = [...new Set(doc.costModel.roles.map((r) => r.percentile))].sort((a, b) => a - b);
  const own = doc.teams.reduce((n, t) => n + t.positions.filter((p) => p.salaryPercentile !== undefined).length, 0);
  const base =
    percentiles.length === 0
      ? 'salaries at the catalog’s default percentile'
      : percentiles.length === 1
        ? `salaries at the ${ordinal(percentiles[0]!)} percentile of their bands`
        : `salaries at the ${ordinal(percentiles[0]!)}–${ordinal(percentiles.at(-1)!)} percentiles of their bands`;
  return own > 0 ? `${base} (${own} position${own === 1 ? '' : 's'} set their own)` : base;
}

/** The assumptions every chart of a scenario rests on, plus the simulation's when it comes from one. */
export function chartAssumptions(doc: Scenario, section: EditorSection | undefined, gpuTrace: string | null = null): string[] {
  const model = doc.costModel;
  const out = [
    `loaded-cost multiplier ${model.loadedCostMultiplier}×`,
    salaryPercentileText(doc),
    model.regionMultiplier === 1 ? `region ${model.regionName}` : `region ${model.regionName} ×${model.regionMultiplier}`,
    model.gpuBilling === 'on-demand' ? 'GPUs billed on demand' : 'GPUs: owned capacity, used or idle',
  ];
  if (model.budgetCapPerYear !== undefined) out.push(`budget cap measured ${model.budgetCapBasis === 'plan-year' ? 'per plan year' : 'over any 12 months'}`);
  if (section === 'delivery') {
    const trials = runTrials(doc);
    out.push(`delivery simulation: ${trials === undefined ? 'until every P85 is known within ±2%' : `${count(trials)} trials`}, random seed ${runSeed(doc)} (sensitivity: ${count(DEFAULT_SENSITIVITY_TRIALS)} trials per run; crossover: ${count(crossoverTrials(doc))} trials per point)`);
  } else if (section === 'gpu-sim') {
    const inputs = gpuSimulationInputs(doc);
    if (gpuTrace) out.push(`GPU simulation of the imported trace ${gpuTrace}`);
    else {
      const [run, demand] = generatedDemandParts(inputs);
      out.push(`GPU simulation: ${run}`, demand);
    }
  }
  return out;
}

/** Local calendar day, YYYY-MM-DD. */
export function isoDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function chartStampFor(doc: Scenario, options: { revision: number | null; unsaved?: boolean; section?: EditorSection | undefined; gpuTrace?: string | null; now: Date }): ChartStamp {
  return {
    scenario: doc.name || 'Untitled scenario',
    revision: options.revision,
    ...(options.unsaved ? { unsaved: true } : {}),
    date: isoDay(options.now),
    assumptions: chartAssumptions(doc, options.section, options.gpuTrace ?? null),
  };
}

/** The open scenario's stamp, as of now; null when no scenario is open (nothing to say). */
export function currentChartStamp(): ChartStamp | null {
  const doc = useEditor.getState().history?.present;
  if (!doc) return null;
  const save = useSave.getState().save;
  const route = useNavigation.getState().route;
  const section = route.view === 'editor' ? route.section : undefined;
  const ui = useGpuSimUi.getState();
  return chartStampFor(doc, {
    revision: save?.revision ?? null,
    unsaved: save !== null && save.status !== 'saved',
    section,
    gpuTrace: ui.scenarioId === doc.id && ui.useTrace && ui.trace ? ui.trace.name : null,
    now: new Date(),
  });
}
