/**
 * Several scenarios' Decisions side by side (Compare, 2–4 scenarios): the
 * same figures the Decision view shows, one row per figure and one column
 * per scenario, each scenario's own design as modelled. Deltas are against
 * the first scenario; `better` says which direction is an improvement so a
 * view can colour it. Nothing is recomputed: every value is the Decision's.
 */
import type { Decision, DesignColumn, FigureTab } from './decision.ts';

export type FigureKind = 'money' | 'weeks' | 'decimal' | 'hours' | 'count' | 'text';

export interface ComparedFigure {
  id: string;
  label: string;
  tab: FigureTab;
  kind: FigureKind;
  /** One value per scenario, in the order given; null where the scenario has no such figure. */
  values: Array<number | string | null>;
  better: 'lower' | 'higher' | null;
}

const asModelled = (d: Decision): DesignColumn | null => d.designs.find((c) => c.asModelled) ?? null;

/** The team that waits longest for GPUs (never-admitted workloads first), as hours or a count of never-admitted workloads. */
function worstWait(d: Decision): number | null {
  const worst = d.gpu?.worst;
  return worst && worst.neverAdmitted === 0 ? worst.waitP90Hours : null;
}

export function compareDecisions(decisions: readonly Decision[]): ComparedFigure[] {
  const row = (id: string, label: string, tab: FigureTab, kind: FigureKind, better: ComparedFigure['better'], value: (d: Decision) => number | string | null): ComparedFigure => ({
    id,
    label,
    tab,
    kind,
    better,
    values: decisions.map(value),
  });
  const horizon = decisions[0]?.horizonMonths;
  const sameHorizon = decisions.every((d) => d.horizonMonths === horizon);
  return [
    row('recommended', 'Recommended design', 'delivery', 'text', null, (d) => d.designs.find((c) => c.kind === d.recommendation.design)?.label ?? 'none yet'),
    row('total-cost', sameHorizon ? `Total cost over ${horizon} months` : 'Total cost over each plan’s horizon', 'costs', 'money', 'lower', (d) => d.costs.total),
    row('people-cost', 'People', 'costs', 'money', 'lower', (d) => d.costs.people),
    row('gpu-use', 'GPUs used by teams', 'costs', 'money', 'lower', (d) => d.costs.gpuUse),
    row('idle-gpu', 'Idle GPUs per month', 'capacity', 'money', 'lower', (d) => d.costs.idleGpuPerMonth),
    row('run-rate', 'Annual run rate', 'costs', 'money', 'lower', (d) => d.costs.annualRunRate),
    row('p50', 'Time to production, P50 (as modelled)', 'delivery', 'weeks', 'lower', (d) => asModelled(d)?.timeToProductionP50?.weeks ?? null),
    row('p85', 'Time to production, P85 (as modelled)', 'delivery', 'weeks', 'lower', (d) => asModelled(d)?.timeToProductionP85?.weeks ?? null),
    row('shipped', 'Initiatives shipped per quarter', 'delivery', 'decimal', 'higher', (d) => asModelled(d)?.shippedPerQuarter ?? null),
    row('cost-per-shipped', 'Cost per shipped initiative', 'delivery', 'money', 'lower', (d) => asModelled(d)?.costPerShippedInitiative ?? null),
    row('gpu-wait', 'Longest GPU wait, P90', 'gpu-sim', 'hours', 'lower', worstWait),
    row('never-admitted', 'GPU workloads never admitted', 'gpu-sim', 'count', 'lower', (d) => (d.gpu ? d.gpu.waits.reduce((n, w) => n + w.neverAdmitted, 0) : null)),
    row('readiness', 'Readiness', 'readiness', 'text', null, (d) => d.readiness.headline),
  ];
}
