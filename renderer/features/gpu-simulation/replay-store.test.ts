// The GPU tab's cluster replay without a browser: the backend's answer
// becomes the run's workloads through the trace path (useGpuSimUi.setTrace),
// the tab says where the demand came from, an empty read says so, and the
// observed waits sit beside the simulated ones per team.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterWorkloadsResponse } from '../../../sim/api/contract.ts';
import { gpuPolicy } from '../../../sim/cluster/testing/policies.ts';
import type { GpuRunSummary } from '../../../sim/gpu-sim/index.ts';
import { replayWorkloads } from '../../../sim/traces/index.ts';
import { setApi, type PodplanApi } from '../../api/api.ts';
import { waitComparison } from './model/replay.ts';
import { useClusterReplay } from './replay-store.ts';
import { useGpuSimUi } from './store.ts';

const T0 = Date.parse('2026-12-01T00:00:00Z') / 1000;
const policy = gpuPolicy([
  { team: 'vision', gpus: { h100: '16' } },
  { team: 'speech', gpus: { h100: '8' } },
]);
const [vision] = policy.queues;

function wl(name: string, namespace: string, created: number, conditions: Array<[string, number]>) {
  const at = (s: number) => new Date((T0 + s) * 1000).toISOString();
  return {
    metadata: { name, namespace, creationTimestamp: at(created) },
    spec: { queueName: 'default', podSets: [{ name: 'main', count: 1, template: { spec: { containers: [{ resources: { requests: { 'nvidia.com/gpu': '2' } } }] } } }] },
    status: { conditions: conditions.map(([type, t]) => ({ type, status: 'True', lastTransitionTime: at(t) })) },
  };
}

function response(objects: unknown[], extra: Partial<ClusterWorkloadsResponse> = {}): ClusterWorkloadsResponse {
  const replay = replayWorkloads(objects, { now: T0 + 10_000, since: T0 - 7 * 86_400 });
  return {
    context: 'prod',
    server: 'https://k8s.example',
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    namespaces: null,
    now: replay.now,
    since: replay.since ?? null,
    sinceText: '7d',
    censored: replay.censored,
    pending: replay.pending,
    rows: replay.rows,
    counts: replay.counts,
    problems: replay.problems,
    moreProblems: replay.moreProblems,
    observedWaits: {},
    pages: 1,
    ...extra,
  };
}

function backend(answer: () => Promise<ClusterWorkloadsResponse>): PodplanApi {
  const client = { clusterWorkloads: answer };
  const notUsed = () => Promise.reject(new Error('not used in this test'));
  return new Proxy(client, { get: (target, key) => (key in target ? target[key as keyof typeof target] : notUsed) }) as unknown as PodplanApi;
}

describe('cluster replay in the GPU tab', () => {
  const initial = useClusterReplay.getState();
  afterEach(() => {
    useClusterReplay.setState(initial, true);
    useGpuSimUi.getState().dropTrace();
  });

  it('loads the replay as the run’s workloads (the trace path) and says where the demand came from', async () => {
    const ns = vision!.namespace;
    const objects = [
      wl('a', ns, 0, [['QuotaReserved', 60], ['Admitted', 60], ['Finished', 3660]]),
      wl('b', ns, 100, [['QuotaReserved', 400], ['Admitted', 400]]),
      wl('c', ns, 200, []),
      wl('x', 'not-a-team', 300, [['QuotaReserved', 300], ['Admitted', 300], ['Finished', 400]]),
    ];
    setApi(backend(async () => response(objects)));
    await useClusterReplay.getState().load({ context: 'prod', since: '7d' }, policy);
    const s = useClusterReplay.getState();
    expect(s.phase).toBe('done');
    const ui = useGpuSimUi.getState();
    expect(ui.useTrace).toBe(true);
    expect(ui.trace).toMatchObject({ id: s.traceId, name: 'cluster replay (prod)', format: 'Kueue Workloads' });
    expect(ui.trace!.workloads.map((w) => [w.id, w.queue, w.submitTime])).toEqual([
      [`${ns}/a`, vision!.clusterQueue, 0],
      [`${ns}/b`, vision!.clusterQueue, 100],
      [`${ns}/c`, vision!.clusterQueue, 200],
    ]);
    expect(s.source).toBe(
      'cluster replay: 3 workloads from context prod, since 2026-11-24 00:00 UTC (7d); 1 censored (still running) treated as observed so far (a lower bound); 1 pending workload run for their queue\'s median observed run time',
    );
    expect(s.specs!.unmapped).toEqual({ 'not-a-team/default': 1 });
  });

  it('a read with nothing to replay says so and leaves the run’s workloads as they were', async () => {
    setApi(backend(async () => response([])));
    await useClusterReplay.getState().load({ context: 'prod' }, policy);
    expect(useClusterReplay.getState()).toMatchObject({ phase: 'done', empty: 'No Kueue Workloads in any namespace of context prod: nothing to replay.', traceId: null });
    expect(useGpuSimUi.getState().trace).toBeNull();
  });

  it('a failure shows the backend’s message', async () => {
    setApi(backend(() => Promise.reject(Object.assign(new Error('This cluster has no Kueue (workloads.kueue.x-k8s.io not found: neither v1beta2 nor v1beta1 is served).'), { status: 502 }))));
    await useClusterReplay.getState().load({ context: 'bare' }, policy);
    expect(useClusterReplay.getState().phase).toBe('error');
    expect(useClusterReplay.getState().error!.message).toMatch(/^This cluster has no Kueue/);
  });

  it('observed vs simulated waits per team', () => {
    const ns = vision!.namespace;
    const replay = response([wl('a', ns, 0, [['QuotaReserved', 60], ['Finished', 100]]), wl('b', ns, 0, [['QuotaReserved', 600], ['Finished', 900]])]);
    const team = vision!.teamId ?? vision!.id;
    const summary = { teams: [{ team, admitted: 2, submitted: 2, wait: { p50: 30, p90: 500, p99: 500, neverAdmitted: 0 } }] } as unknown as GpuRunSummary;
    expect(waitComparison(replay, policy, summary)).toEqual([
      { team, observed: { count: 2, p50: 60, p90: 600, pending: 0, unknown: 0 }, simulated: { count: 2, p50: 30, p90: 500, neverAdmitted: 0 } },
    ]);
    expect(waitComparison(replay, policy, null)[0]!.simulated).toBeNull();
  });
});
