import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEGACY_KUEUE_VERSION, NEWEST_KUEUE_VERSION } from '../cluster/kueue-versions.ts';
import { EMPTY_CLUSTER } from '../cluster/schema.ts';
import { defaultCostModel } from '../cost/schema.ts';
import { defaultPhases } from '../phases/schema.ts';
import {
  defaultPlanning,
  parseScenarioText,
  SCENARIO_SCHEMA_VERSION,
  ScenarioValidationError,
  serializeScenario,
  validateScenario,
  type Scenario,
} from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function minimal(overrides: Partial<Scenario> = {}): Scenario {
  return { schemaVersion: SCENARIO_SCHEMA_VERSION, id: 's1', name: 'Plan', description: '', teams: [], cluster: structuredClone(EMPTY_CLUSTER), ...defaultPlanning(), ...overrides };
}

function rejection(text: string): ScenarioValidationError {
  try {
    parseScenarioText(text);
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario files', () => {
  it('a version-1 file from the first prototype opens, upgraded to the current version with every head kept', () => {
    const { scenario, migratedFrom } = parseScenarioText(fixture('v1-centralized.podplan.json'));
    expect(migratedFrom).toBe(1);
    expect(scenario.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    const [central, pod] = scenario.teams;
    expect(central?.type).toBe('central-ai');
    expect(central?.positions.map((p) => p.role)).toEqual(['ai-ml-engineer', 'ai-ml-engineer', 'ai-ml-engineer', 'data-scientist']);
    expect(pod?.positions).toHaveLength(5);
    const owners = pod?.positions.filter((p) => p.singleThreadedOwner) ?? [];
    expect(owners).toHaveLength(1);
    expect(owners[0]?.personName).toBe('Dana Reyes');
  });

  it('a version-2 file (before GPU policies) opens with an empty cluster policy and its org intact', () => {
    const text = fixture('v2-pilot-pods.podplan.json');
    const { scenario, migratedFrom } = parseScenarioText(text);
    expect(migratedFrom).toBe(2);
    expect(scenario.cluster).toEqual({ ...EMPTY_CLUSTER, kueueVersion: LEGACY_KUEUE_VERSION });
    expect(scenario.teams).toEqual((JSON.parse(text) as Scenario).teams);
  });

  it('a version-3 file (before costs, phases, ownership and readiness) opens with the documented defaults and everything else intact', () => {
    const text = fixture('v3-centralized.podplan.json');
    const original = JSON.parse(text) as Scenario;
    const { scenario, migratedFrom } = parseScenarioText(text);
    expect(migratedFrom).toBe(3);
    expect(scenario.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(scenario.costModel).toEqual(defaultCostModel());
    expect(scenario.phases).toEqual(defaultPhases());
    expect(scenario.ownership).toEqual({ assignments: [] });
    expect(scenario.readiness).toEqual({ notes: '', scope: 'organisation' });
    expect(scenario.teams).toEqual(original.teams);
    expect(scenario.cluster).toEqual({ ...original.cluster, kueueVersion: LEGACY_KUEUE_VERSION });
    // Each upgraded file gets its own defaults: editing one never leaks into the next.
    scenario.costModel.roles[0]!.min = 1;
    scenario.phases.waves[0]!.teamIds.push('x');
    const again = parseScenarioText(text).scenario;
    expect(again.costModel.roles[0]!.min).not.toBe(1);
    expect(again.phases.waves[0]!.teamIds).toEqual([]);
  });

  it('a version-4 file (before the delivery simulation) opens with no overrides, so every delivery parameter keeps its default', () => {
    const text = fixture('v4-three-pilot-pods.podplan.json');
    const original = JSON.parse(text) as Scenario;
    const { scenario, migratedFrom } = parseScenarioText(text);
    expect(migratedFrom).toBe(4);
    expect(scenario.delivery).toEqual({ parameters: {} });
    expect(scenario.teams).toEqual(original.teams);
    expect(scenario.phases).toEqual(original.phases);
  });

  it('a version-5 file (before the GPU simulation inputs were saved) opens with the tab’s defaults and policy B equal to A', () => {
    const text = fixture('v5-three-pilot-pods.podplan.json');
    const original = JSON.parse(text) as Scenario;
    const { scenario, migratedFrom } = parseScenarioText(text);
    expect(migratedFrom).toBe(5);
    expect(scenario.gpuSimulation).toMatchObject({ variant: [], demandMigratedFromLoad: 0.8 });
    expect(scenario.gpuSimulation.demand.map((d) => [d.queue, d.origin])).toEqual(original.cluster.queues.map((q) => [q.id, 'migrated']));
    expect(scenario.cluster).toEqual({ ...original.cluster, kueueVersion: LEGACY_KUEUE_VERSION });
    expect(scenario.teams).toEqual(original.teams);
  });

  it('a version-8 file (before the target Kueue version) keeps the Kueue 0.16 it was made for, and nothing else changes', () => {
    const text = fixture('v8-three-pilot-pods.podplan.json');
    const original = JSON.parse(text) as Scenario;
    const { scenario, migratedFrom } = parseScenarioText(text);
    expect(migratedFrom).toBe(8);
    expect(scenario.cluster.kueueVersion).toBe('0.16');
    const { kueueVersion: _target, ...cluster } = scenario.cluster;
    expect(cluster).toEqual(original.cluster);
    expect(scenario.teams).toEqual(original.teams);
    expect(scenario.gpuSimulation).toMatchObject(original.gpuSimulation);
  });

  it('a new scenario targets the newest Kueue version Podplan supports', () => {
    const { cluster: _cluster, ...rest } = minimal();
    expect(validateScenario(rest).cluster.kueueVersion).toBe(NEWEST_KUEUE_VERSION);
    expect(NEWEST_KUEUE_VERSION).toBe('0.19');
  });

  it('a scenario naming a Kueue version Podplan does not support is refused, naming the field', () => {
    const bad = { ...minimal(), cluster: { ...EMPTY_CLUSTER, kueueVersion: '0.12' } };
    expect(() => validateScenario(bad)).toThrow(/cluster\.kueueVersion/);
  });

  it('a version-6 file (readiness per scenario) keeps its answers as its own override, and its costs keep their meaning', () => {
    const text = fixture('v6-three-pilot-pods.podplan.json');
    const original = JSON.parse(text) as Scenario;
    const { scenario, migratedFrom } = parseScenarioText(text);
    expect(migratedFrom).toBe(6);
    expect(scenario.readiness).toEqual({ ...original.readiness, scope: 'scenario' });
    expect(scenario.costModel.budgetCapBasis).toBe('plan-year');
    expect(scenario.costModel.gpuBilling).toBe('owned-capacity');
    expect(scenario.teams).toEqual(original.teams);
  });

  it('an old file with no readiness answers follows the organisation’s', () => {
    const doc = { ...(JSON.parse(fixture('v6-three-pilot-pods.podplan.json')) as Record<string, unknown>), readiness: { notes: '' } };
    expect(parseScenarioText(JSON.stringify(doc)).scenario.readiness.scope).toBe('organisation');
  });

  it('GPU simulation inputs and policy B round-trip, and an edit that is not a quantity is named by its path', () => {
    const demand = [{ queue: 'q-search', training: { jobsPerDay: 12.5, gpusPerPod: { 1: 0.5, 8: 0.5 }, podsPerJob: { 1: 1 }, durationHours: { median: 2, p90: 9, max: 48 } }, serving: { replicasPeak: 3, replicasOffPeak: 1, gpusPerReplica: 2 }, notebooks: { sessionsPerDay: 4, sessionHours: { median: 1, p90: 2 } }, origin: 'edited' as const }];
    const gpuSimulation = { seed: 9, days: 14, demand, variant: [{ clusterQueue: 'recommendations', flavor: 'h100', field: 'lendingLimit' as const, value: '0' }, { clusterQueue: 'search', flavor: 'h100', field: 'borrowingLimit' as const, value: null }] };
    expect(parseScenarioText(serializeScenario(minimal({ gpuSimulation }))).scenario.gpuSimulation).toEqual(gpuSimulation);
    const error = rejection(JSON.stringify({ ...minimal(), gpuSimulation: { variant: [{ clusterQueue: 'q', flavor: 'h100', field: 'nominalQuota', value: 'lots' }] } }));
    expect(error.issues.map((i) => i.path)).toEqual(['gpuSimulation.variant[0].value']);
  });

  it('delivery overrides, trials and seed round-trip, and an out-of-bounds parameter is named by its path', () => {
    const delivery = { parameters: { pavedRoadAdoption: 0.4, effort: { medium: { model: { p10: 3, p90: 9 } } } }, trials: 5000, seed: 7 };
    expect(parseScenarioText(serializeScenario(minimal({ delivery }))).scenario.delivery).toEqual(delivery);
    const error = rejection(JSON.stringify({ ...minimal(), delivery: { parameters: { focusFactor: 3 } } }));
    expect(error.issues.map((i) => i.path)).toEqual(['delivery.parameters.focusFactor']);
  });

  it('the new per-position and per-team cost inputs round-trip', () => {
    const scenario = minimal({
      teams: [
        {
          id: 't1',
          name: 'Pod',
          type: 'stream-aligned-pod',
          description: '',
          gpuHoursPerMonth: 1200,
          positions: [{ id: 'p1', role: 'ai-ml-engineer', title: '', personName: '', filled: true, singleThreadedOwner: false, salaryPercentile: 60 }],
        },
      ],
    });
    expect(parseScenarioText(serializeScenario(scenario)).scenario).toEqual(scenario);
    const bad = structuredClone(scenario);
    bad.teams[0]!.positions[0]!.salaryPercentile = 120;
    expect(rejection(JSON.stringify(bad)).issues[0]?.path).toBe('teams[0].positions[0].salaryPercentile');
  });

  it('a file written by a newer Podplan is refused with the version named', () => {
    const error = rejection(JSON.stringify({ ...minimal(), schemaVersion: SCENARIO_SCHEMA_VERSION + 5 }));
    expect(error.code).toBe('unsupported-version');
    expect(error.message).toContain(`schemaVersion: ${SCENARIO_SCHEMA_VERSION + 5}`);
    expect(error.message).toMatch(/newer Podplan/);
  });

  it('text that is not JSON is refused as such', () => {
    const error = rejection('{"schemaVersion": 2, "name": ');
    expect(error.code).toBe('not-json');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('a bad field is named by its path', () => {
    const bad = minimal({
      teams: [{ id: 't1', name: 'Pod', type: 'stream-aligned-pod', description: '', positions: [{ id: 'p1', role: 'wizard' as never, title: '', personName: '', filled: true, singleThreadedOwner: false }] }],
    });
    const error = rejection(JSON.stringify(bad));
    expect(error.code).toBe('invalid');
    expect(error.issues[0]?.path).toBe('teams[0].positions[0].role');
  });

  it('duplicate team ids are refused', () => {
    const team = { id: 't1', name: 'A', type: 'enabling' as const, description: '', positions: [] };
    expect(() => validateScenario(minimal({ teams: [team, { ...team, name: 'B' }] }))).toThrow(/duplicate team id "t1"/);
  });

  it('a missing schemaVersion says the file is not a Podplan scenario', () => {
    expect(rejection('{"name":"x"}').message).toMatch(/not look like a Podplan scenario/);
  });

  it('serialising and parsing again gives the same scenario', () => {
    const { scenario } = parseScenarioText(fixture('v1-centralized.podplan.json'));
    expect(parseScenarioText(serializeScenario(scenario)).scenario).toEqual(scenario);
  });
});
