/**
 * Scenario file migrations. Each step upgrades a document by exactly one
 * schema version, so a file from any older Podplan opens in this one.
 * Steps work on plain JSON and never drop user data they do not understand.
 */
import { LEGACY_KUEUE_VERSION } from '../cluster/kueue-versions.ts';
import { ClusterSchema } from '../cluster/schema.ts';
import { demandFromOldLoad, nominalGpus } from '../gpu-sim/demand.ts';
import { invalidScenario } from './errors.ts';
import { SCENARIO_SCHEMA_VERSION } from './schema.ts';
import { isRecord, v1HeadcountIssues, v1Positions } from './v1-headcount.ts';

type Json = Record<string, unknown>;
/** Upgrades by one version; a document it cannot upgrade faithfully is refused (a ScenarioValidationError naming the fields). */
type MigrationStep = (doc: Json) => Json;

/**
 * v1 (the first prototype's format) counted heads per role on each team
 * (`headcount: { role: n }`) and called the team type `kind`. v2 models each
 * position so it can be open or filled and carry a single-threaded owner.
 */
function v1ToV2(doc: Json): Json {
  // Teams that are not a list stay as they are, for the schema to name; only a missing list means none.
  if (doc.teams !== undefined && !Array.isArray(doc.teams)) return { ...doc, schemaVersion: 2 };
  const teams: unknown[] = doc.teams ?? [];
  // Every count is checked before any position is built: see v1-headcount.ts.
  const issues = v1HeadcountIssues(teams);
  if (issues.length > 0) throw invalidScenario(issues);
  return {
    ...doc,
    schemaVersion: 2,
    teams: teams.map((team: unknown) => {
      if (!isRecord(team)) return team;
      const { kind, headcount, owner, ...rest } = team;
      const positions = v1Positions(headcount, typeof rest.id === 'string' ? rest.id : '', owner);
      return { ...rest, type: rest.type ?? kind, positions };
    }),
  };
}

/** v3 adds the GPU capacity and quota policy; an older plan has none yet. */
function v2ToV3(doc: Json): Json {
  return { ...doc, schemaVersion: 3, cluster: isRecord(doc.cluster) ? doc.cluster : {} };
}

/**
 * v4 adds the cost model, phase plan, ownership map and readiness answers.
 * An older plan gets the documented defaults (the schema fills them in):
 * the seed's role catalog and waves, nothing owned, nothing answered.
 * Teams and positions keep their shape; their new fields are optional.
 */
function v3ToV4(doc: Json): Json {
  const section = (value: unknown): Json => (isRecord(value) ? value : {});
  return {
    ...doc,
    schemaVersion: 4,
    costModel: section(doc.costModel),
    phases: section(doc.phases),
    ownership: section(doc.ownership),
    readiness: section(doc.readiness),
  };
}

/**
 * v5 adds the delivery simulation's section (parameter overrides, trials,
 * seed). An older plan has none: every parameter keeps its documented default.
 */
function v4ToV5(doc: Json): Json {
  return { ...doc, schemaVersion: 5, delivery: isRecord(doc.delivery) ? doc.delivery : {} };
}

/**
 * v6 adds the GPU simulation tab's inputs (seed, days, load, policy B's quota
 * edits). An older plan has none: the tab starts from its defaults and B = A.
 */
function v5ToV6(doc: Json): Json {
  return { ...doc, schemaVersion: 6, gpuSimulation: isRecord(doc.gpuSimulation) ? doc.gpuSimulation : {} };
}

/**
 * v7 makes readiness the organisation's (one set of answers per workspace)
 * and adds the budget cap's basis and GPU billing. A plan that had answered
 * questions keeps them as its own override, so nothing it said is hidden; an
 * unanswered one follows the organisation. Costs keep their meaning: plan-year
 * cap, GPUs billed as owned capacity (the node pools it already modelled).
 */
function v6ToV7(doc: Json): Json {
  const readiness = isRecord(doc.readiness) ? doc.readiness : {};
  const answered = ['ownerCandidates', 'optimizingFor', 'productLevelMeasurement', 'bottleneck'].some((key) => readiness[key] !== undefined);
  return { ...doc, schemaVersion: 7, readiness: { ...readiness, scope: readiness.scope ?? (answered ? 'scenario' : 'organisation') } };
}

/** v7's generated load when a plan saved none, and the bounds it accepted. */
const V7_LOAD = { default: 0.8, min: 0.05, max: 10 };

/**
 * v8 makes each team's GPU demand its own input. v7 sized the generated
 * workloads as `load` × each ClusterQueue's nominal GPUs, so raising a quota
 * raised the demand. The migration computes that demand once, from the
 * quotas as saved, into explicit per-queue numbers (origin "migrated"): the
 * plan keeps every figure it had, and from now on a quota edit changes what
 * a team may use, not what it asks for. The load is kept to say so.
 */
function v7ToV8(doc: Json): Json {
  if (doc.gpuSimulation !== undefined && !isRecord(doc.gpuSimulation)) return { ...doc, schemaVersion: 8 };
  const { load: saved, ...section } = (doc.gpuSimulation ?? {}) as Json;
  const load = saved ?? V7_LOAD.default;
  if (typeof load !== 'number' || !(load >= V7_LOAD.min && load <= V7_LOAD.max)) {
    throw invalidScenario([{ path: 'gpuSimulation.load', message: `${JSON.stringify(load)} must be a share of the nominal GPUs from ${V7_LOAD.min} to ${V7_LOAD.max}; it cannot be converted into team demand` }]);
  }
  // A policy the old sizing could not read (invalid, or a quota that is not a quantity, which the policy checks name) converts to no demand.
  const cluster = ClusterSchema.safeParse(doc.cluster ?? {});
  let demand: unknown[] = [];
  try {
    if (cluster.success) demand = cluster.data.queues.map((q) => demandFromOldLoad(q.id, nominalGpus(q), load));
  } catch {
    demand = [];
  }
  return { ...doc, schemaVersion: 8, gpuSimulation: { ...section, demand, ...(demand.length > 0 ? { demandMigratedFromLoad: load } : {}) } };
}

/**
 * v9 names the Kueue version the policy targets. Every older plan was made
 * for Kueue 0.16.2 (all Podplan exported and simulated then), so it keeps
 * that target: its manifests and simulated results do not change on
 * opening. New scenarios target the newest version (the schema's default).
 */
function v8ToV9(doc: Json): Json {
  if (doc.cluster !== undefined && !isRecord(doc.cluster)) return { ...doc, schemaVersion: 9 };
  const cluster = (doc.cluster ?? {}) as Json;
  return { ...doc, schemaVersion: 9, cluster: { ...cluster, kueueVersion: cluster.kueueVersion ?? LEGACY_KUEUE_VERSION } };
}

/** MIGRATIONS[v] upgrades a document of version v to v + 1. */
const MIGRATIONS: Record<number, MigrationStep> = {
  1: v1ToV2,
  2: v2ToV3,
  3: v3ToV4,
  4: v4ToV5,
  5: v5ToV6,
  6: v6ToV7,
  7: v7ToV8,
  8: v8ToV9,
};

export class ScenarioVersionError extends Error {
  readonly version: unknown;
  constructor(version: unknown, message: string) {
    super(message);
    this.name = 'ScenarioVersionError';
    this.version = version;
  }
}

/** Upgrades a parsed scenario document to the current schema version. */
export function migrateScenarioDocument(doc: unknown): { document: unknown; migratedFrom: number | null } {
  if (!isRecord(doc)) return { document: doc, migratedFrom: null };
  const version = doc.schemaVersion;
  if (version === undefined) {
    throw new ScenarioVersionError(version, 'schemaVersion: missing; this does not look like a Podplan scenario file');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ScenarioVersionError(version, `schemaVersion: ${JSON.stringify(version)} is not a valid version number`);
  }
  if (version > SCENARIO_SCHEMA_VERSION) {
    throw new ScenarioVersionError(
      version,
      `schemaVersion: ${version} was written by a newer Podplan; this version understands up to ${SCENARIO_SCHEMA_VERSION}. Update Podplan to open it.`,
    );
  }
  let current: Json = doc;
  for (let v = version; v < SCENARIO_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new ScenarioVersionError(version, `schemaVersion: no migration from version ${v}`);
    current = step(current);
  }
  return { document: current, migratedFrom: version === SCENARIO_SCHEMA_VERSION ? null : version };
}
