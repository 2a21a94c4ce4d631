/**
 * Every parameter of the delivery model, in one typed object, each with a
 * default, its source and a one-line rationale (shown in the UI as a table).
 *
 * Sources are `seed` (one of the two seed articles), `DORA`, `Reinertsen`,
 * `Magennis`, `Gartner` (as listed in SOURCES.md) or `assumption` (Podplan's
 * documented guess where no source gives a figure). No default was chosen to
 * make a design come out at the seed's claims: `explainGap` reports how far
 * each design lands from them and which parameter would have to differ.
 */
import { SEED_PLATFORM, SEED_PODS } from '../org/sources.ts';

/** Calendar weeks per plan month (52 weeks / 12 months). */
export const WEEKS_PER_MONTH = 52 / 12;

export const INITIATIVE_SIZES = ['small', 'medium', 'large'] as const;
export type InitiativeSize = (typeof INITIATIVE_SIZES)[number];

/** Stages of an AI initiative that take effort (infrastructure is the work a paved road takes over). */
export const EFFORT_STAGES = ['discovery', 'data', 'model', 'application', 'infrastructure', 'integration', 'deploy'] as const;
export type EffortStage = (typeof EFFORT_STAGES)[number];

export const EFFORT_STAGE_LABELS: Record<EffortStage, string> = {
  discovery: 'Discovery & requirements',
  data: 'Data',
  model: 'Model',
  application: 'Application / UI',
  infrastructure: 'Infrastructure (serving, eval harness, pipelines, GPU access)',
  integration: 'Integration',
  deploy: 'Deploy & monitor',
};

export interface EffortRange {
  /** 10th percentile, person-weeks. */
  p10: number;
  /** 90th percentile, person-weeks. */
  p90: number;
}

export type EffortTable = Record<InitiativeSize, Record<EffortStage, EffortRange>>;

export type ParameterSource = 'seed' | 'DORA' | 'Reinertsen' | 'Magennis' | 'Gartner' | 'assumption';

export interface DeliveryParameters {
  // Demand
  /** New initiatives per product area per month (Poisson). */
  arrivalsPerAreaPerMonth: number;
  /** Share of initiatives of each size (normalised). */
  sizeMix: Record<InitiativeSize, number>;
  /** Effort per stage and size, P10/P90 person-weeks → lognormal. */
  effort: EffortTable;
  /** Multiplier on data-stage effort (the readiness check raises it when data is the bottleneck). */
  dataEffortMultiplier: number;

  // Capacity and calendar
  /** Share of working time spent on initiative work (the rest: meetings, support, run-the-business). */
  focusFactor: number;
  /** Holiday and vacation weeks per person per year (0 = none), spread evenly over the calendar. */
  holidayWeeksPerYear: number;
  /** People per crew: a team of N people works on round(N / crewSize) initiatives' tasks at once. */
  crewSize: number;
  /** Multiplier on the hiring plan's time to hire for the specialised hybrid roles. */
  hybridTimeToHireMultiplier: number;

  // Hand-offs, WIP, rework
  /** A hand-off to another team joins its queue at that team's next intake (sprint planning), every this many weeks. */
  handoffCadenceWeeks: number;
  /** The same for hand-offs from a pod to another team (the platform). */
  podHandoffCadenceWeeks: number;
  /** Initiatives per crew a team holds before it starts context switching. */
  wipLimitPerCrew: number;
  /** Efficiency lost per initiative held above the limit, per crew. */
  contextSwitchCost: number;
  /** Lowest efficiency context switching can drive a team to. */
  contextSwitchFloor: number;
  /** Chance integration finds a defect when model and application were built by the same team. */
  reworkBaseProbability: number;
  /** Extra defect chance per hand-off between the teams that built the parts: P(clean) × (1 − q)^handoffs. */
  reworkPerHandoff: number;
  /** Extra defect chance per week the model and the application were built apart: P(clean) × (1 − q)^weeks. */
  reworkPerWeekApart: number;
  /** Rework effort as a share of the original stage effort. */
  reworkEffortShare: number;
  /** Each further integration is this much less likely to find a defect. */
  reworkDecay: number;
  /** Rework loops at most (a model bound). */
  maxReworkLoops: number;
  /** Integration and rework effort saved when the same team builds model and application. */
  sameTeamIterationSpeedup: number;

  // Deploy
  /** Chance a deployment fails and must be redone (change failure rate). */
  changeFailureRate: number;
  /** Effort of recovering and redeploying, as a share of the deploy effort. */
  recoveryEffortShare: number;

  // Pods and platform
  /** Share of a pod's time spent coordinating with other pods (forums, shared libraries), when there are 2 or more pods. */
  crossPodCoordinationShare: number;
  /** Share of a pod's infrastructure work that goes through the platform's paved road (0–1). */
  pavedRoadAdoption: number;
  /** Infrastructure effort of a shared team (platform, central AI team) per initiative, as a share of a pod doing it alone. */
  sharedInfraEffortShare: number;
  /** Share of the platform team's time spent keeping its primitives alive. */
  platformMaintenanceShare: number;
  /** Throughput lost while a platform is being adopted (scaled by adoption). */
  adoptionDipThroughput: number;
  /** Stability lost while a platform is being adopted: change failure rate × (1 + this × adoption). */
  adoptionDipStability: number;
  /** How long the adoption dip lasts, from the platform team's start. */
  adoptionDipMonths: number;
  /** Delivery performance gained after adoption (scaled by adoption). */
  platformProductivityGain: number;

  // Run
  /** Simulated time after the horizon in which initiatives started in the horizon may still finish (a model bound). */
  drainYears: number;
}

export interface ParameterDoc {
  label: string;
  unit: string;
  source: ParameterSource;
  rationale: string;
  /** Lowest and highest sensible values (slider bounds, sensitivity clamps). */
  min: number;
  max: number;
  /** Included in the one-at-a-time sensitivity (tornado). */
  sensitivity: boolean;
}

type ScalarKey = { [K in keyof DeliveryParameters]: DeliveryParameters[K] extends number ? K : never }[keyof DeliveryParameters];
export type ScalarParameter = ScalarKey;

const r = (p10: number, p90: number): EffortRange => ({ p10, p90 });

/** Every default effort is an assumption; the comment on `effort` in the docs says how it was sized. */
export const DEFAULT_EFFORT: EffortTable = {
  small: { discovery: r(0.5, 2), data: r(0.5, 3), model: r(0.5, 3), application: r(0.5, 3), infrastructure: r(1, 4), integration: r(0.5, 2), deploy: r(0.5, 1.5) },
  medium: { discovery: r(1.5, 5), data: r(2, 8), model: r(2, 8), application: r(2, 8), infrastructure: r(2, 8), integration: r(1, 4), deploy: r(1, 3) },
  large: { discovery: r(4, 12), data: r(5, 20), model: r(5, 20), application: r(5, 20), infrastructure: r(4, 16), integration: r(2, 8), deploy: r(2, 6) },
};

export function defaultDeliveryParameters(): DeliveryParameters {
  return {
    arrivalsPerAreaPerMonth: 1 / 3,
    sizeMix: { small: 0.3, medium: 0.5, large: 0.2 },
    effort: structuredClone(DEFAULT_EFFORT),
    dataEffortMultiplier: 1,
    focusFactor: 0.7,
    holidayWeeksPerYear: 6,
    crewSize: 2,
    hybridTimeToHireMultiplier: 1,
    handoffCadenceWeeks: 2,
    podHandoffCadenceWeeks: 2,
    wipLimitPerCrew: 1,
    contextSwitchCost: 0.1,
    contextSwitchFloor: 0.5,
    reworkBaseProbability: 0.1,
    reworkPerHandoff: 0.134,
    reworkPerWeekApart: 0.02,
    reworkEffortShare: 0.3,
    reworkDecay: 0.5,
    maxReworkLoops: 4,
    sameTeamIterationSpeedup: 0.25,
    changeFailureRate: 0.1,
    recoveryEffortShare: 0.5,
    crossPodCoordinationShare: 0.05,
    pavedRoadAdoption: 0.7,
    sharedInfraEffortShare: 0.5,
    platformMaintenanceShare: 0.3,
    adoptionDipThroughput: 0.08,
    adoptionDipStability: 0.14,
    adoptionDipMonths: 6,
    platformProductivityGain: 0.06,
    drainYears: 10,
  };
}

export const DEFAULT_DELIVERY_PARAMETERS: Readonly<DeliveryParameters> = Object.freeze(defaultDeliveryParameters());

const DORA_2024 = 'DORA Accelerate State of DevOps Report 2024, as cited in ' + SEED_PLATFORM;

/** Label, unit, source and rationale of every parameter (the UI's parameter table). */
export const DELIVERY_PARAMETER_DOCS: Record<keyof DeliveryParameters, ParameterDoc> = {
  arrivalsPerAreaPerMonth: {
    label: 'New initiatives per product area',
    unit: 'per month',
    source: 'assumption',
    rationale: 'One new AI initiative per product area per quarter, the usual planning cadence; the same demand feeds every design.',
    min: 0.01,
    max: 5,
    sensitivity: true,
  },
  sizeMix: {
    label: 'Initiative size mix (small / medium / large)',
    unit: 'share',
    source: 'assumption',
    rationale: 'Mostly medium initiatives such as the seed\'s recommendation feature, some small improvements and a few large new products.',
    min: 0,
    max: 1,
    sensitivity: false,
  },
  effort: {
    label: 'Effort per stage (P10–P90)',
    unit: 'person-weeks',
    source: 'assumption',
    rationale:
      'Sized so a medium initiative needs about 20–35 person-weeks of work in all; ' +
      `for scale, the ${SEED_PODS} example keeps a 5-person pod on one recommendation feature for 8 weeks (40 person-weeks of time, not all of it work). ` +
      'Infrastructure is the do-it-yourself work a paved road takes over (Sculley et al. 2015, cited in the platform seed: the model code is a small fraction of a production ML system).',
    min: 0.1,
    max: 200,
    sensitivity: true,
  },
  dataEffortMultiplier: {
    label: 'Data work multiplier',
    unit: '×',
    source: 'assumption',
    rationale: 'Neutral by default; the readiness check raises it to 1.5 when data is the bottleneck ("clean, real-time data flows", seed).',
    min: 0.25,
    max: 4,
    sensitivity: true,
  },
  focusFactor: {
    label: 'Focus factor',
    unit: 'share of working time',
    source: 'assumption',
    rationale: 'About 30% of working time goes to meetings, support and run-the-business work in every design.',
    min: 0.2,
    max: 1,
    sensitivity: true,
  },
  holidayWeeksPerYear: {
    label: 'Holiday and vacation',
    unit: 'weeks per person per year',
    source: 'assumption',
    rationale: 'About four weeks of vacation and two of public holidays; set 0 to ignore holidays.',
    min: 0,
    max: 12,
    sensitivity: true,
  },
  crewSize: {
    label: 'Crew size',
    unit: 'people',
    source: 'seed',
    rationale: `${SEED_PODS}'s pod weeks run work streams of one or two people side by side ("The Technical PM and AI Engineer work with customer data … while the Software Engineer prototypes the UI"; "Data Platform Engineer ensures … while the AI Engineer fine-tunes"): 2 people per stream.`,
    min: 1,
    max: 8,
    sensitivity: true,
  },
  hybridTimeToHireMultiplier: {
    label: 'Time to hire, hybrid roles',
    unit: '× hiring plan',
    source: 'assumption',
    rationale: 'Neutral by default; the readiness check raises it to 1.5 when talent is the bottleneck (seed con: "specialized hybrid roles").',
    min: 0.5,
    max: 3,
    sensitivity: false,
  },
  handoffCadenceWeeks: {
    label: 'Hand-off intake cadence',
    unit: 'weeks',
    source: 'assumption',
    rationale: 'Work handed to another team waits for that team\'s next planning (a two-week sprint) before it joins its queue; a queue, not a fixed penalty (Magennis: model dependencies as queues).',
    min: 0,
    max: 8,
    sensitivity: true,
  },
  podHandoffCadenceWeeks: {
    label: 'Pod → platform intake cadence',
    unit: 'weeks',
    source: 'assumption',
    rationale: 'As the hand-off cadence; the readiness check halves it when decision-making is the bottleneck ("No waiting on separate AI teams to prioritize requests", seed).',
    min: 0,
    max: 8,
    sensitivity: true,
  },
  wipLimitPerCrew: {
    label: 'WIP limit per crew',
    unit: 'initiatives',
    source: 'Reinertsen',
    rationale: 'Reinertsen argues for explicit WIP constraints; one initiative per crew is the single-threaded limit. The size of the limit is an assumption.',
    min: 0.5,
    max: 5,
    sensitivity: true,
  },
  contextSwitchCost: {
    label: 'Context-switching cost',
    unit: 'efficiency per initiative over the limit, per crew',
    source: 'assumption',
    rationale: 'Half of Weinberg\'s often-quoted 20% per extra concurrent project: queued initiatives are tracked and triaged, not worked on.',
    min: 0,
    max: 0.5,
    sensitivity: true,
  },
  contextSwitchFloor: {
    label: 'Context-switching floor',
    unit: 'efficiency',
    source: 'assumption',
    rationale: 'A team keeps at least half its efficiency however long its backlog: beyond that it stops accepting status requests.',
    min: 0.1,
    max: 1,
    sensitivity: true,
  },
  reworkBaseProbability: {
    label: 'Integration defect chance, same team',
    unit: 'probability',
    source: 'assumption',
    rationale: 'Even a team that builds model and UI together finds something at integration one time in ten.',
    min: 0,
    max: 0.9,
    sensitivity: true,
  },
  reworkPerHandoff: {
    label: 'Integration defect chance per hand-off',
    unit: 'probability',
    source: 'Magennis',
    rationale: 'Magennis: observed delivery is 50–80% on time with 3 dependencies; (1 − q)³ = 0.65 (the midpoint) gives q = 0.134.',
    min: 0,
    max: 0.5,
    sensitivity: true,
  },
  reworkPerWeekApart: {
    label: 'Integration defect chance per week apart',
    unit: 'probability per week',
    source: 'assumption',
    rationale: `${SEED_PODS}: "AI team builds models in isolation … Integration nightmare begins"; the longer the parts are built apart, the more they drift (12 weeks apart ≈ 22%).`,
    min: 0,
    max: 0.1,
    sensitivity: true,
  },
  reworkEffortShare: {
    label: 'Rework effort',
    unit: 'share of the original effort',
    source: 'assumption',
    rationale: 'A defect found at integration sends back about a third of the model and application work.',
    min: 0.05,
    max: 1,
    sensitivity: true,
  },
  reworkDecay: {
    label: 'Rework decay',
    unit: '× defect chance per loop',
    source: 'assumption',
    rationale: 'Each round of fixes removes most defects: the next integration is half as likely to fail.',
    min: 0,
    max: 1,
    sensitivity: true,
  },
  maxReworkLoops: {
    label: 'Rework loops at most',
    unit: 'loops',
    source: 'assumption',
    rationale: 'A model bound: after four rounds the initiative is integrated (later defects surface as deploy failures).',
    min: 0,
    max: 10,
    sensitivity: false,
  },
  sameTeamIterationSpeedup: {
    label: 'Same-team iteration speed-up',
    unit: 'share of integration and rework effort saved',
    source: 'seed',
    rationale: `${SEED_PODS}: "Rapid UI ↔ Model ↔ Data iteration", "iteration cycles compress dramatically". The 25% is an assumption.`,
    min: 0,
    max: 0.9,
    sensitivity: true,
  },
  changeFailureRate: {
    label: 'Change failure rate',
    unit: 'probability',
    source: 'DORA',
    rationale: 'DORA 2024 medium performance cluster: 10% of changes fail (elite 5%, high 20%, low 40%).',
    min: 0,
    max: 0.6,
    sensitivity: true,
  },
  recoveryEffortShare: {
    label: 'Recovery effort',
    unit: 'share of the deploy effort',
    source: 'assumption',
    rationale: 'Roll back, fix and redeploy: half the original deploy effort (DORA medium: recovery in under a day to a week).',
    min: 0,
    max: 2,
    sensitivity: true,
  },
  crossPodCoordinationShare: {
    label: 'Cross-pod coordination',
    unit: 'share of pod time',
    source: 'seed',
    rationale: `${SEED_PODS} con: "Coordination challenges across multiple autonomous units", mitigated by weekly forums; 5% (about two hours a week) is an assumption.`,
    min: 0,
    max: 0.4,
    sensitivity: true,
  },
  pavedRoadAdoption: {
    label: 'Paved-road adoption',
    unit: 'share of infrastructure work',
    source: 'assumption',
    rationale: `${SEED_PLATFORM}: product teams choose the paved road because it is faster, and some teams deviate; 70% of pods' infrastructure work going through it is an assumption.`,
    min: 0,
    max: 1,
    sensitivity: true,
  },
  sharedInfraEffortShare: {
    label: 'Shared infrastructure effort',
    unit: 'share of a pod doing it alone',
    source: 'assumption',
    rationale: `${SEED_PLATFORM}: shared primitives are deployed "once so no individual product team has to build them from scratch"; per initiative, onboarding still takes half the do-it-yourself effort.`,
    min: 0.05,
    max: 1,
    sensitivity: true,
  },
  platformMaintenanceShare: {
    label: 'Platform maintenance',
    unit: 'share of platform time',
    source: 'assumption',
    rationale: `${SEED_PLATFORM}: the registry "must be treated as a live product with an owner and a lifecycle"; keeping primitives alive takes about 30% of the team.`,
    min: 0,
    max: 0.8,
    sensitivity: true,
  },
  adoptionDipThroughput: {
    label: 'Adoption dip: throughput',
    unit: 'share lost × adoption',
    source: 'DORA',
    rationale: `${DORA_2024}: −8% change throughput during the adoption curve.`,
    min: 0,
    max: 0.5,
    sensitivity: true,
  },
  adoptionDipStability: {
    label: 'Adoption dip: stability',
    unit: 'change failure rate increase × adoption',
    source: 'DORA',
    rationale: `${DORA_2024}: −14% deployment stability during the adoption curve, modelled as a 14% higher change failure rate.`,
    min: 0,
    max: 1,
    sensitivity: true,
  },
  adoptionDipMonths: {
    label: 'Adoption dip duration',
    unit: 'months',
    source: 'assumption',
    rationale: 'DORA gives no duration; two quarters from the platform team\'s start.',
    min: 0,
    max: 24,
    sensitivity: true,
  },
  platformProductivityGain: {
    label: 'Gain after adoption',
    unit: 'share × adoption',
    source: 'DORA',
    rationale: `${DORA_2024}: +6% organisational software delivery performance with a platform (+8% individual productivity, +10% team performance).`,
    min: 0,
    max: 0.5,
    sensitivity: true,
  },
  drainYears: {
    label: 'Drain time after the horizon',
    unit: 'years',
    source: 'assumption',
    rationale: 'A model bound: initiatives that arrive within the plan are followed up to this long after it, so slow designs are not flattered by cutting them off.',
    min: 1,
    max: 50,
    sensitivity: false,
  },
};

export interface ParameterRow {
  /** Dotted path, e.g. `focusFactor`, `effort.medium.model`, `sizeMix.large`. */
  key: string;
  label: string;
  /** The value as a display string (P10–P90 for an effort range). */
  value: string;
  default: string;
  unit: string;
  source: ParameterSource;
  rationale: string;
  /** True when the value differs from the default. */
  changed: boolean;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000));

/** The parameter table for the UI: one row per scalar, per size share, and per size × stage effort. */
export function deliveryParameterTable(params: DeliveryParameters = defaultDeliveryParameters()): ParameterRow[] {
  const defaults = defaultDeliveryParameters();
  const rows: ParameterRow[] = [];
  for (const key of Object.keys(DELIVERY_PARAMETER_DOCS) as (keyof DeliveryParameters)[]) {
    const doc = DELIVERY_PARAMETER_DOCS[key];
    if (key === 'effort') {
      for (const size of INITIATIVE_SIZES) {
        for (const stage of EFFORT_STAGES) {
          const v = params.effort[size][stage];
          const d = defaults.effort[size][stage];
          rows.push({
            key: `effort.${size}.${stage}`,
            label: `${doc.label}: ${size}, ${EFFORT_STAGE_LABELS[stage]}`,
            value: `${fmt(v.p10)}–${fmt(v.p90)}`,
            default: `${fmt(d.p10)}–${fmt(d.p90)}`,
            unit: doc.unit,
            source: doc.source,
            rationale: doc.rationale,
            changed: v.p10 !== d.p10 || v.p90 !== d.p90,
          });
        }
      }
      continue;
    }
    if (key === 'sizeMix') {
      for (const size of INITIATIVE_SIZES) {
        rows.push({
          key: `sizeMix.${size}`,
          label: `${doc.label}: ${size}`,
          value: fmt(params.sizeMix[size]),
          default: fmt(defaults.sizeMix[size]),
          unit: doc.unit,
          source: doc.source,
          rationale: doc.rationale,
          changed: params.sizeMix[size] !== defaults.sizeMix[size],
        });
      }
      continue;
    }
    const value = params[key];
    const def = defaults[key];
    rows.push({ key, label: doc.label, value: fmt(value), default: fmt(def), unit: doc.unit, source: doc.source, rationale: doc.rationale, changed: value !== def });
  }
  return rows;
}

/** Scalar parameters (those a slider or the sensitivity can move). */
export const SCALAR_PARAMETERS: readonly ScalarParameter[] = (Object.keys(DELIVERY_PARAMETER_DOCS) as (keyof DeliveryParameters)[]).filter(
  (k): k is ScalarParameter => k !== 'effort' && k !== 'sizeMix',
);

/** Overrides merged onto the defaults (effort and size mix merged per entry). */
export function resolveParameters(overrides: DeepPartialParameters = {}): DeliveryParameters {
  const p = defaultDeliveryParameters();
  for (const key of SCALAR_PARAMETERS) {
    const v = overrides[key];
    if (typeof v === 'number') p[key] = v;
  }
  if (overrides.sizeMix) for (const size of INITIATIVE_SIZES) if (typeof overrides.sizeMix[size] === 'number') p.sizeMix[size] = overrides.sizeMix[size];
  if (overrides.effort) {
    for (const size of INITIATIVE_SIZES) {
      const bySize = overrides.effort[size];
      if (!bySize) continue;
      for (const stage of EFFORT_STAGES) {
        const e = bySize[stage];
        if (!e) continue;
        if (typeof e.p10 === 'number') p.effort[size][stage].p10 = e.p10;
        if (typeof e.p90 === 'number') p.effort[size][stage].p90 = e.p90;
      }
    }
  }
  return p;
}

export type DeepPartialParameters = Partial<Omit<DeliveryParameters, 'effort' | 'sizeMix'>> & {
  sizeMix?: Partial<Record<InitiativeSize, number>>;
  effort?: Partial<Record<InitiativeSize, Partial<Record<EffortStage, Partial<EffortRange>>>>>;
};

/** Problems with a parameter set, each naming the field (empty when valid). */
export function deliveryParameterIssues(p: DeliveryParameters): string[] {
  const out: string[] = [];
  for (const key of SCALAR_PARAMETERS) {
    const v = p[key];
    const doc = DELIVERY_PARAMETER_DOCS[key];
    if (!Number.isFinite(v)) out.push(`${key} must be a number (got ${v})`);
    else if (v < doc.min || v > doc.max) out.push(`${key} must be between ${doc.min} and ${doc.max} ${doc.unit} (got ${v})`);
  }
  let mix = 0;
  for (const size of INITIATIVE_SIZES) {
    const v = p.sizeMix[size];
    if (!(Number.isFinite(v) && v >= 0)) out.push(`sizeMix.${size} must be a number ≥ 0 (got ${v})`);
    else mix += v;
  }
  if (!(mix > 0)) out.push('sizeMix must give at least one size a positive share');
  for (const size of INITIATIVE_SIZES) {
    for (const stage of EFFORT_STAGES) {
      const e = p.effort[size][stage];
      if (!(Number.isFinite(e.p10) && e.p10 > 0)) out.push(`effort.${size}.${stage}.p10 must be a positive number of person-weeks (got ${e.p10})`);
      if (!(Number.isFinite(e.p90) && e.p90 >= e.p10)) out.push(`effort.${size}.${stage}.p90 must be ≥ p10 (got ${e.p90})`);
    }
  }
  return out;
}
