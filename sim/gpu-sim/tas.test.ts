/**
 * Topology-aware scheduling, held to Kueue's documentation
 * (kueue.sigs.k8s.io: Topology-Aware Scheduling concepts, Run Workloads with
 * TAS, KEP-2724) and to the product's promise: a job that fits one rack runs
 * in one rack, a required level that cannot fit waits with
 * TopologyPlacementFailed, a preferred level falls back, and the free GPUs
 * are reported per level.
 */
import { describe, expect, it } from 'vitest';
import { HOSTNAME_LABEL, type TopologyRequest } from '../cluster/schema.ts';
import { BLOCK, RACK, tasPolicy, type TasSpec } from '../cluster/testing/policies.ts';
import { queueDemands, TeamDemandSchema, workloadSpecs } from './demand.ts';
import { generateWorkloads } from './generators.ts';
import { checkInvariants } from './invariants.ts';
import { Prng } from './prng.ts';
import { GpuSimulation, REQUEUE_BATCH_SECONDS } from './simulator.ts';
import { TasFlavor } from './tas.ts';
import { fragmentationWords } from './tas-words.ts';
import type { WorkloadSpec } from './workloads.ts';

const required = (level: string): TopologyRequest => ({ level, mode: 'required' });
const preferred = (level: string): TopologyRequest => ({ level, mode: 'preferred' });

function job(id: string, pods: number, gpusPerPod: number, topology?: TopologyRequest, options: { at?: number; duration?: number; queue?: string } = {}): WorkloadSpec {
  return { id, queue: options.queue ?? 'ml', submitTime: options.at ?? 0, podSets: [{ count: pods, requests: { 'nvidia.com/gpu': gpusPerPod } }], duration: options.duration ?? 3600, topology };
}

/** One team "ml" with more quota than nodes, so only the nodes decide. */
const cluster = (spec: Omit<TasSpec, 'teams'>) => tasPolicy({ teams: [{ team: 'ml', gpus: '1000' }], ...spec });

/** Pods per rack of a workload's placement, by rack label value. */
function podsPerRack(sim: GpuSimulation, id: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of sim.placementOf(id)) out[p.labels[RACK]!] = (out[p.labels[RACK]!] ?? 0) + p.pods;
  return out;
}

const blocksOf = (sim: GpuSimulation, id: string) => [...new Set(sim.placementOf(id).map((p) => p.labels[BLOCK]))];

describe('Kueue TAS docs: node topology information', () => {
  it('a rack label repeated in two blocks names two different racks (node-1 and node-3 share "rack-1" in block-1 and block-2)', () => {
    const tree = new TasFlavor(0, 'default', [BLOCK, RACK, HOSTNAME_LABEL], [
      { node: 0, values: ['block-1', 'rack-1', 'node-1'] },
      { node: 1, values: ['block-1', 'rack-2', 'node-2'] },
      { node: 2, values: ['block-2', 'rack-1', 'node-3'] },
      { node: 3, values: ['block-2', 'rack-3', 'node-4'] },
    ]);
    expect(tree.names[0]).toEqual(['block-1', 'block-2']);
    expect(tree.names[1]).toEqual(['rack-1', 'rack-2', 'rack-1', 'rack-3']);
    expect(tree.levelOf(RACK)).toBe(1);
    expect(tree.levelOf(HOSTNAME_LABEL)).toBe(2);
  });

  it("a pool laid out as 2 nodes a rack and 4 a block gives its nodes deterministic block, rack and hostname labels", () => {
    const sim = new GpuSimulation(cluster({ nodes: 8, nodesPerRack: 2, nodesPerBlock: 4 }), [job('whole', 8, 8, preferred(BLOCK))]);
    sim.runUntil(0);
    expect(sim.placementOf('whole').map((p) => p.labels)).toEqual(
      Array.from({ length: 8 }, (_, k) => ({ [BLOCK]: `h100-tas-pool-block-${Math.floor(k / 4)}`, [RACK]: `h100-tas-pool-rack-${Math.floor(k / 2)}`, [HOSTNAME_LABEL]: `h100-tas-pool-${k}` })),
    );
  });
});

describe('Kueue TAS docs: required and preferred topology', () => {
  const twoRacks = { nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 };

  it('a job that fits one rack is placed in one rack', () => {
    const sim = new GpuSimulation(cluster(twoRacks), [job('fits', 2, 8, required(RACK))]);
    sim.runUntil(0);
    expect(sim.state('fits')).toBe('running');
    expect(Object.values(podsPerRack(sim, 'fits'))).toEqual([2]);
  });

  it('required: when no single rack has room, the workload waits with TopologyPlacementFailed in Kueue\'s words', () => {
    const sim = new GpuSimulation(cluster(twoRacks), [job('too-big', 3, 8, required(RACK))]);
    sim.runUntil(0);
    const why = sim.explain('too-big');
    expect(why.state).toBe('pending');
    expect(why.reason).toBe('TopologyPlacementFailed');
    expect(why.message).toContain('couldn\'t assign flavors to pod set main: topology "default" allows to fit only 2 out of 3 pod(s)');
    expect(why.message).toContain('not even on empty nodes');
  });

  it('preferred: the same job falls back to the level above and runs across the racks of one block', () => {
    const sim = new GpuSimulation(cluster(twoRacks), [job('spills', 3, 8, preferred(RACK))]);
    sim.runUntil(0);
    expect(sim.state('spills')).toBe('running');
    expect(podsPerRack(sim, 'spills')).toEqual({ 'h100-tas-pool-rack-0': 2, 'h100-tas-pool-rack-1': 1 });
  });

  it('preferred: past the highest level it is admitted spread over several blocks', () => {
    const sim = new GpuSimulation(cluster({ nodes: 8, nodesPerRack: 2, nodesPerBlock: 4 }), [job('huge', 6, 8, preferred(RACK))]);
    sim.runUntil(0);
    expect(sim.state('huge')).toBe('running');
    expect(blocksOf(sim, 'huge')).toEqual(['h100-tas-pool-block-0', 'h100-tas-pool-block-1']);
  });

  it('greedy placement puts 12 pods on two domains with room for 10 each as (10, 2), not (6, 6)', () => {
    const sim = new GpuSimulation(cluster({ nodes: 20, gpusPerNode: 1, nodesPerRack: 10, nodesPerBlock: 20 }), [job('twelve', 12, 1, preferred(RACK))]);
    sim.runUntil(0);
    expect(podsPerRack(sim, 'twelve')).toEqual({ 'h100-tas-pool-rack-0': 10, 'h100-tas-pool-rack-1': 2 });
  });

  it('BestFit: each job takes the rack with the least room that still holds it, not the emptiest', () => {
    // Three racks of 8 one-GPU nodes.
    const c = cluster({ nodes: 24, gpusPerNode: 1, nodesPerRack: 8, nodesPerBlock: 24 });
    const sim = new GpuSimulation(c, [job('a', 4, 1, required(RACK)), job('b', 6, 1, required(RACK), { at: 1 }), job('c', 3, 1, required(RACK), { at: 2 }), job('d', 2, 1, required(RACK), { at: 3 })]);
    sim.runUntil(3);
    // Room after a: (4, 8, 8); b needs 6 → rack-1; then (4, 2, 8): c needs 3 → rack-0; (1, 2, 8): d needs 2 → rack-1.
    expect(Object.keys(podsPerRack(sim, 'a'))).toEqual(['h100-tas-pool-rack-0']);
    expect(Object.keys(podsPerRack(sim, 'b'))).toEqual(['h100-tas-pool-rack-1']);
    expect(Object.keys(podsPerRack(sim, 'c'))).toEqual(['h100-tas-pool-rack-0']);
    expect(Object.keys(podsPerRack(sim, 'd'))).toEqual(['h100-tas-pool-rack-1']);
  });

  it('capacity: the pods of admitted TAS workloads are subtracted, so a later job that fits quota waits for the nodes', () => {
    const sim = new GpuSimulation(cluster(twoRacks), [job('first', 2, 8, required(RACK), { duration: 100 }), job('second', 2, 8, required(RACK)), job('third', 1, 8, required(RACK))]);
    sim.runUntil(0);
    expect(sim.state('second')).toBe('running');
    expect(sim.explain('third').reason).toBe('TopologyPlacementFailed');
    expect(sim.explain('third').message).toContain('topology "default" doesn\'t allow to fit any of 1 pod(s)');
    // first's nodes free at 100; third comes back at Kueue's batched requeue, a second later.
    sim.runUntil(100 + REQUEUE_BATCH_SECONDS);
    expect(sim.state('third')).toBe('running');
  });

  it('KEP-2724: pods are pinned per node, so a job needing a block over two racks leaves the third rack to a job requiring a rack', () => {
    const sim = new GpuSimulation(cluster({ nodes: 6, nodesPerRack: 2, nodesPerBlock: 6 }), [job('workload1', 4, 8, required(BLOCK)), job('workload2', 2, 8, required(RACK), { at: 1 })]);
    sim.runUntil(1);
    expect(podsPerRack(sim, 'workload1')).toEqual({ 'h100-tas-pool-rack-0': 2, 'h100-tas-pool-rack-1': 2 });
    expect(sim.state('workload2')).toBe('running');
    expect(podsPerRack(sim, 'workload2')).toEqual({ 'h100-tas-pool-rack-2': 2 });
  });
});

describe('fragmentation per level', () => {
  /** Two racks of two 8-GPU nodes, filled so that 12 GPUs are free but no rack has 16. */
  function fragmented() {
    const c = cluster({ nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 });
    return new GpuSimulation(c, [job('x', 1, 8, required(RACK)), job('y', 1, 8, required(RACK), { at: 1 }), job('z', 1, 4, required(RACK), { at: 2 }), job('blocked', 2, 8, required(RACK), { at: 3 })], { at: [3] });
  }

  it('says "12 GPUs free but no rack has 16" when a required job is blocked by fragmentation', () => {
    const sim = fragmented();
    sim.runUntil(3);
    const why = sim.explain('blocked');
    expect(why.reason).toBe('TopologyPlacementFailed');
    expect(why.message).toBe('couldn\'t assign flavors to pod set main: topology "default" allows to fit only 1 out of 2 pod(s) — 12 GPUs free on h100-tas, but no rack has 16 (the most free in one rack is 12)');
  });

  it('reports free GPUs and the most free in one domain for every level at each `at` time', () => {
    const sim = fragmented();
    const result = sim.run();
    const at3 = result.topology!.find((t) => t.time === 3)!;
    expect(at3).toMatchObject({ flavor: 'h100-tas', topology: 'default' });
    expect(at3.levels.map((l) => [l.word, l.domains, l.freeGpus, l.largestFreeGpus])).toEqual([
      ['block', 1, 12, 12],
      ['rack', 2, 12, 12],
      ['node', 4, 12, 8],
    ]);
    expect(fragmentationWords(at3.levels[1]!)).toBe('12 GPUs free over 2 racks; the most in one rack is 12');
  });

  it('a cluster without a topology reports none', () => {
    const c = cluster({ nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 });
    delete c.topologies;
    c.flavors[0]!.topologyName = undefined;
    expect(new GpuSimulation(c, [job('plain', 1, 8)], { at: [0] }).run().topology).toBeUndefined();
  });
});

describe('TAS with queues', () => {
  it('a job whose quota fits but no rack has room preempts the fewest lower-priority TAS jobs of its queue that free one (withinClusterQueue: LowerPriority)', () => {
    const c = cluster({ nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 });
    const low = (id: string) => ({ ...job(id, 1, 8, required(RACK), { duration: 10_000 }), priority: 0 });
    const workloads = [low('low-1'), low('low-2'), low('low-3'), { ...job('high', 2, 8, required(RACK), { at: 1 }), priority: 100 }];
    const waits = new GpuSimulation(c, workloads);
    waits.runUntil(1);
    expect(waits.explain('high').reason).toBe('TopologyPlacementFailed');

    c.queues[0]!.preemption.withinClusterQueue = 'LowerPriority';
    const sim = new GpuSimulation(c, workloads);
    sim.runUntil(1);
    // low-1 and low-2 fill rack-0 (best fit), low-3 half of rack-1: evicting low-3 alone frees a rack.
    expect(sim.state('high')).toBe('running');
    expect(podsPerRack(sim, 'high')).toEqual({ 'h100-tas-pool-rack-1': 2 });
    expect(sim.explain('low-3')).toMatchObject({ state: 'pending', reason: 'PreemptedBy', preemptedBy: 'high' });
    expect([sim.state('low-1'), sim.state('low-2')]).toEqual(['running', 'running']);
  });

  it('two queues nominate the same rack in one cycle: Kueue 0.19 places the second elsewhere in that cycle, 0.16 in the next', () => {
    const run = (kueueVersion: '0.16' | '0.19') => {
      const c = { ...tasPolicy({ teams: [{ team: 'ml', gpus: '16' }, { team: 'nlp', gpus: '16' }], nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 }), kueueVersion };
      const sim = new GpuSimulation(c, [job('ml-job', 2, 8, required(RACK), { queue: 'ml' }), job('nlp-job', 2, 8, required(RACK), { queue: 'nlp' })]);
      sim.runUntil(0);
      return sim;
    };
    for (const version of ['0.16', '0.19'] as const) {
      const sim = run(version);
      expect([sim.state('ml-job'), sim.state('nlp-job')]).toEqual(['running', 'running']);
      expect(Object.keys(podsPerRack(sim, 'nlp-job'))).not.toEqual(Object.keys(podsPerRack(sim, 'ml-job')));
      const lostItsRack = sim.timelineOf('nlp-job').some((e) => e.reason === 'CapacityTakenInCycle');
      expect(lostItsRack).toBe(version === '0.16');
    }
  });

  it('a job blocked on nodes in one ClusterQueue is admitted when another queue (no shared cohort) frees the rack', () => {
    const c = tasPolicy({ teams: [{ team: 'ml', gpus: '16' }, { team: 'nlp', gpus: '16' }], nodes: 2, nodesPerRack: 2, nodesPerBlock: 2 });
    const sim = new GpuSimulation(c, [job('nlp-job', 2, 8, required(RACK), { queue: 'nlp', duration: 50 }), job('ml-job', 2, 8, required(RACK), { queue: 'ml', at: 1 })]);
    sim.runUntil(1);
    expect(sim.explain('ml-job').reason).toBe('TopologyPlacementFailed');
    sim.runUntil(50 + REQUEUE_BATCH_SECONDS);
    expect(sim.state('ml-job')).toBe('running');
  });

  it('quota is checked first: a job over its quota waits for quota, not topology', () => {
    const c = tasPolicy({ teams: [{ team: 'ml', gpus: '8' }], nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 });
    const sim = new GpuSimulation(c, [job('big', 2, 8, required(RACK))]);
    sim.runUntil(0);
    expect(sim.explain('big').reason).toBe('ExceedsMaximumCapacity');
  });

  it('a workload without a topology request in a queue of only TAS flavors is placed by implied TAS', () => {
    const sim = new GpuSimulation(cluster({ nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 }), [job('plain', 3, 8)]);
    sim.runUntil(0);
    expect(sim.state('plain')).toBe('running');
    expect(sim.placementOf('plain').reduce((n, p) => n + p.pods, 0)).toBe(3);
  });

  it('a workload asking for a level no flavor of its queue has is refused, naming the levels there are', () => {
    expect(() => new GpuSimulation(cluster({ nodes: 4, nodesPerRack: 2, nodesPerBlock: 4 }), [job('odd', 1, 8, required('example.com/zone'))])).toThrow(
      'workload odd: topology level "example.com/zone" is not a level of any TAS flavor of ClusterQueue ml (levels: cloud.provider.com/topology-block, cloud.provider.com/topology-rack, kubernetes.io/hostname)',
    );
  });
});

describe('a generated workload class with a topology request', () => {
  it("the team's training jobs ask for one rack, and every one that runs runs within one rack", () => {
    const c = tasPolicy({ teams: [{ team: 'ml', gpus: '64' }], nodes: 8, nodesPerRack: 2, nodesPerBlock: 8 });
    const demand = TeamDemandSchema.parse({
      queue: 'ml',
      training: { jobsPerDay: 40, gpusPerPod: { 8: 1 }, podsPerJob: { 1: 0.5, 2: 0.5 }, durationHours: { median: 2, p90: 6 }, topology: { level: RACK, mode: 'required' } },
      serving: { replicasPeak: 0, replicasOffPeak: 0, gpusPerReplica: 1 },
      notebooks: { sessionsPerDay: 0, sessionHours: { median: 1, p90: 2 } },
      origin: 'edited',
    });
    const table = generateWorkloads(c, workloadSpecs(c, queueDemands(c, [], [demand])), { seed: 7, horizonSeconds: 86_400 });
    expect(table.constraints.map((k) => k.topology)).toEqual([{ level: RACK, mode: 'required' }]);
    const sim = new GpuSimulation(c, table);
    let checked = 0;
    sim.runUntil(12 * 3600);
    for (let w = 0; w < table.n; w++) {
      if (sim.stateName(w) !== 'running') continue;
      checked++;
      expect(new Set(sim.placementOf(table.id(w)).map((p) => p.labels[RACK])).size).toBe(1);
    }
    expect(checked).toBeGreaterThan(1);
  });
});

describe('TAS over many random runs', () => {
  it('no node is over-committed, every required job runs within one domain of its level, and a preferred one always runs when its pods fit the flavor (with and without preemption)', () => {
    const failures: string[] = [];
    let placedRequired = 0;
    let preemptions = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const rng = new Prng(seed);
      const nodesPerRack = 1 + rng.int(4);
      const racksPerBlock = 1 + rng.int(3);
      const c = tasPolicy({
        teams: [
          { team: 'ml', cohort: 'org', gpus: String(8 * (1 + rng.int(8))) },
          { team: 'nlp', cohort: 'org', gpus: String(8 * (1 + rng.int(8))) },
        ],
        nodes: nodesPerRack * racksPerBlock * (1 + rng.int(3)),
        gpusPerNode: [1, 4, 8][rng.int(3)],
        nodesPerRack,
        nodesPerBlock: nodesPerRack * racksPerBlock,
      });
      const workloads: WorkloadSpec[] = Array.from({ length: 60 }, (_, k) => {
        const level = [RACK, BLOCK, HOSTNAME_LABEL][rng.int(3)]!;
        const mode = rng.next() < 0.5 ? 'required' : 'preferred';
        return { ...job(`w${k}`, 1 + rng.int(4), 1 + rng.int(4), { level, mode }, { queue: rng.next() < 0.5 ? 'ml' : 'nlp', at: rng.int(2000), duration: 100 + rng.int(900) }), priority: 10 * rng.int(3) };
      });
      for (const q of c.queues) q.preemption.withinClusterQueue = rng.next() < 0.5 ? 'LowerPriority' : 'Never';
      const problems: string[] = [];
      const sim: GpuSimulation = new GpuSimulation(c, workloads, {
        onEvent: (phase) => {
          if (problems.length < 3) problems.push(...checkInvariants(sim, phase === 'scheduled'));
          if (phase !== 'scheduled') return;
          for (const w of workloads) {
            if (w.topology?.mode !== 'required' || sim.state(w.id) !== 'running') continue;
            const domains = new Set(sim.placementOf(w.id).map((p) => p.labels[w.topology!.level]));
            if (domains.size !== 1 && problems.length < 3) problems.push(`${w.id} runs over ${domains.size} domains of ${w.topology.level}`);
            placedRequired++;
          }
        },
      });
      preemptions += sim.run().preemptions;
      for (const w of workloads) {
        const why = sim.explain(w.id);
        if (w.topology?.mode === 'preferred' && why.reason === 'TopologyPlacementFailed' && !why.message.includes('not even on empty nodes')) problems.push(`${w.id} (preferred) ended waiting: ${why.message}`);
      }
      if (problems.length) failures.push(`seed ${seed}: ${problems.slice(0, 3).join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(placedRequired).toBeGreaterThan(100);
    expect(preemptions).toBeGreaterThan(0);
  });
});
