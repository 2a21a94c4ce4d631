/**
 * The GPU simulation tab's saved inputs: defaults when the scenario sets
 * none, edits of a queue the policy no longer has are ignored, and adopting
 * policy B changes the policy and empties B in one edit.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario, type Scenario } from '../scenario/index.ts';
 
import sample from '../../data/samples/three-pilot-pods.podplan.json' with { type: 'json' };
import { adoptPolicyB, gpuSimulationInputs, setGpuSimulation } from './gpu-simulation.ts';
import { gpuQuotaRows } from '../gpu-sim/variant.ts';
import { resolveQuota, withNominalQuota } from '../gpu-sim/analysis.ts';
import { resolveWorkloads } from '../gpu-sim/job.ts';
import { simulateGpu } from '../gpu-sim/simulator.ts';
import { summarizeGpuResult } from '../gpu-sim/summary.ts';
import { spreadOf } from '../gpu-sim/seeds.ts';
import type { WorkloadTable } from '../gpu-sim/workloads.ts';

const pods = (): Scenario => validateScenario(structuredClone(sample));

describe('the GPU simulation tab’s saved inputs', () => {
  it('start from the documented defaults, with policy B equal to A', () => {
    const inputs = gpuSimulationInputs(pods());
    expect(inputs).toMatchObject({ seed: 1, days: 7, seeds: 5, variant: [], migratedFromLoad: 0.8 });
    // The sample was saved before demand was its own input: each queue keeps the demand its quota gave it then, frozen.
    expect(inputs.demands.map((d) => d.origin)).toEqual(pods().cluster.queues.map(() => 'migrated'));
    expect(inputs.teams.map((t) => t.queue)).toEqual(pods().cluster.queues.map((q) => q.clusterQueue));
  });

  it('are ordinary scenario edits: a change makes a new document, setting the same value keeps it', () => {
    const doc = pods();
    const edited = setGpuSimulation(doc, { days: 14, seed: 3 });
    expect(gpuSimulationInputs(edited)).toMatchObject({ days: 14, seed: 3 });
    expect(setGpuSimulation(edited, { days: 14 })).toBe(edited);
    expect(doc.gpuSimulation).toEqual(pods().gpuSimulation);
  });

  it('ignore an edit of a ClusterQueue the policy no longer has', () => {
    const doc = setGpuSimulation(pods(), { variant: [{ clusterQueue: 'gone', flavor: 'h100', field: 'nominalQuota', value: '4' }] });
    expect(gpuSimulationInputs(doc).variant).toEqual([]);
    expect(adoptPolicyB(doc)).toEqual({ scenario: doc, adopted: 0 });
  });

  it('adopting B writes its quotas into the policy and starts B afresh, in one edit', () => {
    const row = gpuQuotaRows(pods().cluster)[0]!;
    const doc = setGpuSimulation(pods(), { variant: [{ clusterQueue: row.clusterQueue, flavor: row.flavor, field: 'nominalQuota', value: '3' }] });
    const { scenario, adopted } = adoptPolicyB(doc);
    expect(adopted).toBe(1);
    expect(gpuQuotaRows(scenario.cluster).find((r) => r.clusterQueue === row.clusterQueue && r.flavor === row.flavor)?.nominalQuota).toBe('3');
    expect(scenario.gpuSimulation.variant).toEqual([]);
    expect(validateScenario(scenario)).toEqual(scenario);
  });
});

describe('demand that does not follow the quota under test', () => {
  const SEEDS = [1, 2, 3, 4, 5];
  // The tab's own median over seeds (a P90 of nothing admitted counts as worse than any wait).
  const median = (xs: Array<number | null>) => spreadOf(xs).median;
  const p90Of = (scenario: Scenario, team: string, seed: number) => {
    const inputs = gpuSimulationInputs(scenario);
    const run = resolveWorkloads(scenario.cluster, { kind: 'generated', seed, days: 3, teams: inputs.teams });
    const summary = summarizeGpuResult(simulateGpu(scenario.cluster, run.workloads, { seed, until: run.until }));
    return summary.teams.find((t) => t.team === team)?.wait.p90 ?? null;
  };

  it('raising one team’s nominalQuota never raises its generated workload count, and lowers or keeps its P90 wait over seeds', () => {
    const base = pods();
    for (const queue of base.cluster.queues) {
      const flavor = queue.resourceGroups[0]!.flavors[0]!.name;
      const { nominal } = resolveQuota(base.cluster, { queue: queue.clusterQueue, flavor });
      // The team gets one more node's worth of GPUs, backed by one more node: quota that no GPU backs only admits pods that cannot run.
      const quota = withNominalQuota(base.cluster, { queue: queue.clusterQueue, flavor, resource: 'nvidia.com/gpu' }, nominal + 8);
      const raised: Scenario = { ...base, cluster: { ...quota, nodePools: quota.nodePools.map((p) => (p.flavor === flavor ? { ...p, nodeCount: p.nodeCount + 1 } : p)) } };
      for (const seed of SEEDS) {
        const count = (s: Scenario) => {
          const table = resolveWorkloads(s.cluster, { kind: 'generated', seed, days: 3, teams: gpuSimulationInputs(s).teams }).workloads as WorkloadTable;
          const q = table.queueNames.indexOf(queue.clusterQueue);
          let n = 0;
          for (let i = 0; i < table.n; i++) if (table.queueRef[i] === q) n++;
          return n;
        };
        expect(count(raised), `${queue.clusterQueue}, seed ${seed}`).toBe(count(base));
      }
      const team = queue.teamId ?? queue.id;
      const before = median(SEEDS.map((seed) => p90Of(base, team, seed)));
      const after = median(SEEDS.map((seed) => p90Of(raised, team, seed)));
      expect(after, `${queue.clusterQueue}: median P90 ${after} s after raising its quota by a node's 8 GPUs, ${before} s before`).not.toBeNull();
      expect(after!, `${queue.clusterQueue}: median P90 ${after} s after raising its quota by a node's 8 GPUs, ${before} s before`).toBeLessThanOrEqual(before ?? Infinity);
    }
  });
});
