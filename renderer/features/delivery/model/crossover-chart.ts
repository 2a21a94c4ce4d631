/**
 * The crossover chart's data, from one sweep: a line per design through the
 * points where it is a meaningful comparison (a point where it is not is a
 * gap in its line and a flag with the reason), the crossovers to mark, and
 * the words of each point's tooltip (P85, cost per shipped initiative, the
 * busiest team's utilisation).
 */
import { axisValueText, type CrossoverDesignPoint, type CrossoverSweep } from '../../../../sim/delivery/crossover.ts';
import type { DesignKind } from '../../../../sim/delivery/design.ts';
import { DESIGN_COLORS } from './charts.ts';

export interface CrossoverLinePoint {
  x: number;
  /** Null: not a meaningful comparison here (a gap in the line). */
  p85: number | null;
  tooltip: string;
}

export interface CrossoverLine {
  kind: DesignKind;
  label: string;
  color: string;
  points: CrossoverLinePoint[];
}

export interface CrossoverMark {
  x: number;
  label: string;
  color: string;
}

const money = (v: number | null, currency: string) => (v === null ? 'no cost' : new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v));

/** The busiest team's load in words, flagged when its queue is unbounded. */
export function busiestText(d: CrossoverDesignPoint): string {
  const b = d.busiest;
  if (!b) return 'no team in the flow';
  if (!Number.isFinite(b.utilisation)) return `${b.name}: no productive people (unbounded queue)`;
  return `${b.name}: utilisation ${b.utilisation.toFixed(2)}${b.utilisation >= 1 ? ' (unbounded queue)' : ''}`;
}

function tooltip(sweep: CrossoverSweep, value: number, d: CrossoverDesignPoint, currency: string): string {
  const at = `${d.label} at ${axisValueText(sweep.axis, value)} ${sweep.unit}`;
  if (!d.meaningful) return `${at}: not a meaningful comparison. ${d.reason ?? ''}`.trim();
  const p85 = d.p85 === null ? 'no figure' : `P85 ${d.p85.toFixed(1)} weeks`;
  return `${at}: ${p85}, ${money(d.costPerInitiativeShipped, currency)} per shipped initiative; busiest team ${busiestText(d)}`;
}

export function crossoverLines(sweep: CrossoverSweep, currency: string): CrossoverLine[] {
  const kinds = sweep.points[0]?.designs ?? [];
  return kinds.map(({ kind, label }) => ({
    kind,
    label,
    color: DESIGN_COLORS[kind],
    points: sweep.points.map((p) => {
      const d = p.designs.find((x) => x.kind === kind)!;
      return { x: p.value, p85: d.meaningful ? d.p85 : null, tooltip: tooltip(sweep, p.value, d, currency) };
    }),
  }));
}

/** A dashed line where pods (and pods + platform) and the centralized design cross. */
export function crossoverMarks(sweep: CrossoverSweep): CrossoverMark[] {
  return sweep.findings.flatMap((f) => (f.at === null ? [] : [{ x: f.at, label: `${f.challenger === 'pods' ? 'Pods' : 'Pods + platform'} ${f.challengerFaster === 'above' ? 'overtake' : 'fall behind'} at ${axisValueText(sweep.axis, f.at)}`, color: DESIGN_COLORS[f.challenger] }]));
}
