/**
 * Each team's GPU demand is its own input: a default follows the team's
 * people, never its quota; a saved demand is kept as typed; the old
 * "load × nominal quota" sizing survives only as the migration's frozen
 * numbers, which generate exactly the workloads the old sizing did.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../scenario/schema.ts';
import { makeScenario } from '../scenario/testing/scenarios.ts';
import { demandFromOldLoad, nominalGpus, queueDemands, TeamDemandSchema, weeklyGpuHours, workloadSpecs, type DemandTeam } from './demand.ts';
import { generateWorkloads } from './generators.ts';
import { withNominalQuota } from './analysis.ts';
import { loadSamples } from '../../data/samples/index.ts';
import { quotaSizedWorkloads } from './testing.ts';

const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
const team = (id: string, roles: DemandTeam['positions'][number]['role'][], type: DemandTeam['type'] = 'stream-aligned-pod'): DemandTeam => ({ id, name: id.toUpperCase(), type, positions: roles.map((role) => ({ role })) });

describe('GPU demand', () => {
  it('defaults from the team’s people: more AI/ML engineers, more training; a quota change changes nothing', () => {
    const cluster = pods.cluster;
    const q = cluster.queues[0]!;
    const small = queueDemands(cluster, [team(q.teamId!, ['ai-ml-engineer', 'software-engineer'])], [])[0]!;
    const large = queueDemands(cluster, [team(q.teamId!, ['ai-ml-engineer', 'ai-ml-engineer', 'ai-ml-engineer', 'software-engineer'])], [])[0]!;
    expect(small.origin).toBe('people');
    expect(small.people).toEqual([{ role: 'ai-ml-engineer', count: 1 }]);
    expect(large.demand.training.jobsPerDay).toBeCloseTo(3 * small.demand.training.jobsPerDay, 9);
    // 40 training GPU-hours a week per AI/ML engineer, plus a stream-aligned pod's serving and the engineer's notebooks.
    const training = small.gpuHoursPerWeek - (2 * 12 + 1 * 12) * 7 - 5 * small.demand.notebooks.sessionsPerDay * 1.37;
    expect(training).toBeGreaterThan(38);
    expect(training).toBeLessThan(42);
    const raised = withNominalQuota(cluster, { queue: q.clusterQueue, flavor: q.resourceGroups[0]!.flavors[0]!.name, resource: 'nvidia.com/gpu' }, 64);
    expect(queueDemands(raised, [team(q.teamId!, ['ai-ml-engineer'])], [])[0]!.demand).toEqual(queueDemands(cluster, [team(q.teamId!, ['ai-ml-engineer'])], [])[0]!.demand);
  });

  it('a queue without a team, or a team without GPU users, asks for nothing; a team’s people count once', () => {
    const cluster = pods.cluster;
    const shared = cluster.queues.map((q) => ({ ...q, teamId: 'same' }));
    const demands = queueDemands({ ...cluster, queues: shared }, [team('same', ['ai-ml-engineer'])], []);
    expect(demands.map((d) => d.origin)).toEqual(['people', 'none', 'none', 'none']);
    expect(queueDemands(cluster, [], []).every((d) => d.origin === 'none' && d.gpuHoursPerWeek === 0)).toBe(true);
    expect(workloadSpecs(cluster, queueDemands(cluster, [], []))).toEqual(cluster.queues.map((q) => ({ queue: q.clusterQueue, training: [], serving: [], notebooks: undefined })));
  });

  it('a saved demand is used as typed and named as edited', () => {
    const cluster = pods.cluster;
    const saved = { ...demandFromOldLoad(cluster.queues[1]!.id, 8, 0.5), origin: 'edited' as const };
    const demands = queueDemands(cluster, [], [saved]);
    expect(demands[1]).toMatchObject({ origin: 'edited', demand: saved });
    expect(weeklyGpuHours(saved)).toBeGreaterThan(0);
  });

  it('the migration’s frozen numbers generate exactly the workloads the old sizing did, and no longer follow the quota', () => {
    const cluster = pods.cluster;
    const frozen = pods.gpuSimulation.demand;
    expect(frozen.map((d) => d.queue)).toEqual(cluster.queues.map((q) => q.id));
    // Byte-identical figures for the samples are pinned by the CLI's golden files; here, the generators' input itself.
    expect(workloadSpecs(cluster, queueDemands(cluster, pods.teams, frozen))).toEqual(quotaSizedWorkloads(cluster, 0.8));
    const a = cluster.queues[0]!;
    const horizon = 3 * 86_400;
    const specs = workloadSpecs(cluster, queueDemands(cluster, pods.teams, frozen));
    const before = generateWorkloads(cluster, specs, { seed: 4, horizonSeconds: horizon });
    const raised = withNominalQuota(cluster, { queue: a.clusterQueue, flavor: a.resourceGroups[0]!.flavors[0]!.name, resource: 'nvidia.com/gpu' }, nominalGpus(a) * 4);
    const after = generateWorkloads(raised, workloadSpecs(raised, queueDemands(raised, pods.teams, frozen)), { seed: 4, horizonSeconds: horizon });
    expect(after.n).toBe(before.n);
    expect([...after.submit.subarray(0, after.n)]).toEqual([...before.submit.subarray(0, before.n)]);
  });

  it('refuses a demand that cannot be generated, naming the field', () => {
    const ok = demandFromOldLoad('q', 8, 0.8);
    const problems = (patch: object) => {
      const parsed = TeamDemandSchema.safeParse({ ...ok, ...patch });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({})).toEqual([]);
    expect(problems({ training: { ...ok.training, jobsPerDay: -1 } })).toEqual(['training.jobsPerDay: must be ≥ 0']);
    expect(problems({ training: { ...ok.training, durationHours: { median: 5, p90: 2 } } })).toEqual(['training.durationHours.p90: P90 must be at least the median']);
    expect(problems({ training: { ...ok.training, gpusPerPod: { 0: 1 } } })[0]).toMatch(/gpusPerPod\.0: "0" must be a whole number from 1 to 9999/);
    expect(problems({ serving: { ...ok.serving, gpusPerReplica: 0 } })).toEqual(['serving.gpusPerReplica: must be at least 1']);
    const twice = makeScenario({ gpuSimulation: { demand: [ok, ok].map((d) => ({ ...d, origin: 'edited' as const })), variant: [] } });
    const parsed = ScenarioSchema.safeParse(twice);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['gpuSimulation.demand.1.queue: a second demand for queue "q"']);
  });
});
