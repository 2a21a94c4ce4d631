/**
 * How a delivery parameter is shown and moved: shares as percentages,
 * slider steps from the documented bounds, the source as a badge kind.
 */
import { DELIVERY_PARAMETER_DOCS, type ParameterSource, type ScalarParameter } from '../../../../sim/delivery/parameters.ts';
import type { SourceBadgeKind } from '../../../model/sources.ts';

/** Parameters bounded by 1 are shares or probabilities, shown in percent. */
export const isShare = (key: ScalarParameter): boolean => DELIVERY_PARAMETER_DOCS[key].max <= 1 && DELIVERY_PARAMETER_DOCS[key].min >= 0;

/** A unit's leading plural noun, as it reads after exactly 1 ("1 initiative", "1 week per person per year"). */
const SINGULAR: Readonly<Record<string, string>> = { initiatives: 'initiative', loops: 'loop', months: 'month', people: 'person', weeks: 'week', years: 'year', 'person-weeks': 'person-week' };

/** A value as the UI prints it: at most two decimals below 10, one above (no float noise such as 0.3333333333333333). */
export const roundForDisplay = (value: number): number => (Math.abs(value) >= 10 ? Math.round(value * 10) / 10 : Math.round(value * 100) / 100);

export function formatParameter(key: ScalarParameter, value: number): string {
  if (isShare(key)) return `${Math.round(value * 1000) / 10}%`;
  const unit = DELIVERY_PARAMETER_DOCS[key].unit;
  const v = roundForDisplay(value);
  const [first = '', ...rest] = unit.split(' ');
  const noun = v === 1 && first in SINGULAR ? [SINGULAR[first], ...rest].join(' ') : unit;
  return `${v} ${noun}`;
}

/** A slider step of about a hundredth of the range, rounded to 1, 2 or 5 × a power of ten. */
export function sliderStep(key: ScalarParameter): number {
  const { min, max } = DELIVERY_PARAMETER_DOCS[key];
  const raw = (max - min) / 100;
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : 5) * power;
}

const RESEARCH: readonly ParameterSource[] = ['Reinertsen', 'Magennis', 'Gartner'];

export function badgeKind(source: ParameterSource): SourceBadgeKind {
  if (source === 'seed') return 'seed';
  if (source === 'DORA') return 'DORA';
  if (RESEARCH.includes(source)) return 'research';
  return 'assumption';
}

/** The levers shown as sliders first: those the seeds argue about, plus the capacity and demand that set the queues. */
export const KEY_LEVERS: readonly ScalarParameter[] = [
  'pavedRoadAdoption',
  'handoffCadenceWeeks',
  'arrivalsPerAreaPerMonth',
  'focusFactor',
  'wipLimitPerCrew',
  'reworkPerHandoff',
  'sameTeamIterationSpeedup',
  'crossPodCoordinationShare',
  'changeFailureRate',
  'adoptionDipThroughput',
];
