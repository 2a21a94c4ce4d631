// Kueue Workload objects → replay rows: every combination of conditions a
// Workload can carry, the treatments of censored and pending ones, the team
// mapping, and the CSV read back by the generic trace importer.
import { describe, expect, it } from 'vitest';
import { gpuPolicy } from '../cluster/testing/policies.ts';
import { createTraceImporter } from './import.ts';
import { createWorkloadReplay, observedWaits, replayWorkloads, type WorkloadReplayOptions } from './kueue-workloads.ts';
import { observedWaitsByTeam, replayCsvHeader, replayCsvLine, replayWorkloadSpecs } from './replay.ts';

const T0 = Date.parse('2026-12-01T00:00:00Z') / 1000;
const iso = (seconds: number) => new Date((T0 + seconds) * 1000).toISOString();
const NOW = T0 + 100_000;

interface Make {
  name?: string;
  namespace?: string;
  queue?: string | null;
  created?: number;
  conditions?: Array<[type: string, status: 'True' | 'False', at: number]>;
  podSets?: Array<{ count: number; containers: Array<Record<string, string>>; name?: string }>;
  priority?: number;
  priorityClass?: string;
  status?: Record<string, unknown>;
  active?: boolean;
  apiVersion?: string;
}

let seq = 0;
function workload(m: Make = {}): Record<string, unknown> {
  const podSets = (m.podSets ?? [{ count: 2, containers: [{ 'nvidia.com/gpu': '4', cpu: '8', memory: '64Gi' }] }]).map((ps, i) => ({
    name: ps.name ?? (i === 0 ? 'main' : `ps${i}`),
    count: ps.count,
    template: { spec: { containers: ps.containers.map((requests, c) => ({ name: `c${c}`, image: 'x', resources: { requests } })) } },
  }));
  const v1beta1 = m.apiVersion === 'kueue.x-k8s.io/v1beta1';
  return {
    apiVersion: m.apiVersion ?? 'kueue.x-k8s.io/v1beta2',
    kind: 'Workload',
    metadata: { name: m.name ?? `w${++seq}`, namespace: m.namespace ?? 'team-a', creationTimestamp: iso(m.created ?? 0) },
    spec: {
      ...(m.queue === null ? {} : { queueName: m.queue ?? 'default' }),
      podSets,
      ...(m.priority === undefined ? {} : { priority: m.priority }),
      ...(m.priorityClass === undefined ? {} : v1beta1 ? { priorityClassName: m.priorityClass } : { priorityClassRef: { group: 'kueue.x-k8s.io', kind: 'WorkloadPriorityClass', name: m.priorityClass } }),
      ...(m.active === undefined ? {} : { active: m.active }),
    },
    status: {
      ...m.status,
      conditions: (m.conditions ?? []).map(([type, status, at]) => ({ type, status, reason: 'Test', message: '', lastTransitionTime: iso(at) })),
    },
  };
}

const admittedAt = (t: number): Make['conditions'] => [
  ['QuotaReserved', 'True', t],
  ['Admitted', 'True', t],
];
const run = (objects: unknown[], options: Partial<WorkloadReplayOptions> = {}) => replayWorkloads(objects, { now: NOW, ...options });

describe('Kueue Workloads → replay rows', () => {
  it('a finished workload: run time from admission to finish, wait from creation to quota reservation, size per pod summed over containers', () => {
    const r = run([
      workload({
        name: 'train',
        created: 100,
        conditions: [['QuotaReserved', 'True', 400], ['Admitted', 'True', 460], ['Finished', 'True', 4060]],
        podSets: [{ count: 3, containers: [{ 'nvidia.com/gpu': '4', cpu: '8' }, { cpu: '500m', memory: '1Gi' }] }],
        priority: 100,
        priorityClass: 'high',
      }),
    ]);
    expect(r.counts).toMatchObject({ read: 1, kept: 1, finished: 1, running: 0, pending: 0, censored: 0, imputed: 0 });
    const row = r.rows[0]!;
    expect(row).toMatchObject({ id: 'team-a/train', queue: 'team-a/default', submit: T0 + 100, state: 'finished', duration: 3600, durationSource: 'observed', evictions: 0, observedWait: 300, priority: 100, priorityClass: 'high' });
    expect(row.podSets).toEqual([{ name: 'main', count: 3, requests: { 'nvidia.com/gpu': 4, cpu: 8.5, memory: 2 ** 30 } }]);
  });

  it('a running workload is censored: as-observed (default) runs the time so far; extend-to-median raises it to the queue median; drop leaves it out', () => {
    const objects = [
      workload({ name: 'done-1', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 10_000]] }),
      workload({ name: 'done-2', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 30_000]] }),
      workload({ name: 'running', created: 90_000, conditions: admittedAt(99_000) }),
    ];
    const observed = run(objects);
    expect(observed.censored).toBe('as-observed');
    expect(observed.rows.find((r) => r.id === 'team-a/running')).toMatchObject({ state: 'running', duration: 1000, durationSource: 'censored', observedWait: 9000 });
    expect(observed.counts).toMatchObject({ running: 1, censored: 1, extended: 0, kept: 3 });

    const extended = run(objects, { censored: 'extend-to-median' });
    // Nearest-rank median of [10,000, 30,000] is 10,000.
    expect(extended.rows.find((r) => r.id === 'team-a/running')).toMatchObject({ duration: 10_000, durationSource: 'extended' });
    expect(extended.counts).toMatchObject({ censored: 1, extended: 1 });

    const dropped = run(objects, { censored: 'drop' });
    expect(dropped.rows.map((r) => r.id)).toEqual(['team-a/done-1', 'team-a/done-2']);
    expect(dropped.counts.dropped['running-dropped']).toBe(1);
  });

  it('extend-to-median keeps a run time already longer than the median', () => {
    const r = run([workload({ created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 100]] }), workload({ name: 'long', created: 0, conditions: admittedAt(0) })], { censored: 'extend-to-median' });
    expect(r.rows.find((x) => x.id === 'team-a/long')).toMatchObject({ duration: 100_000, durationSource: 'censored' });
  });

  it('a pending workload gets its queue’s median run time (imputed), else the cluster’s; with none to take it is dropped; pending: drop leaves it out', () => {
    const objects = [
      workload({ name: 'a-done', namespace: 'team-a', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 500]] }),
      workload({ name: 'b-done', namespace: 'team-b', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 7000]] }),
      workload({ name: 'a-wait', namespace: 'team-a', created: 50_000, conditions: [['QuotaReserved', 'False', 50_000]] }),
      workload({ name: 'c-wait', namespace: 'team-c', created: 60_000 }),
    ];
    const r = run(objects);
    expect(r.rows.find((x) => x.id === 'team-a/a-wait')).toMatchObject({ state: 'pending', duration: 500, durationSource: 'imputed' });
    expect(r.rows.find((x) => x.id === 'team-a/a-wait')!.observedWait).toBeUndefined();
    // team-c has nothing finished: the cluster-wide median of [500, 7000] (nearest rank) is 500.
    expect(r.rows.find((x) => x.id === 'team-c/c-wait')).toMatchObject({ duration: 500, durationSource: 'imputed' });
    expect(r.counts).toMatchObject({ pending: 2, imputed: 2, kept: 4 });

    expect(run(objects, { pending: 'drop' }).counts.dropped['pending-dropped']).toBe(2);
    const none = run([workload({ created: 0 })]);
    expect(none.rows).toEqual([]);
    expect(none.counts.dropped['pending-no-median']).toBe(1);
  });

  it('evicted and admitted again: run time from the final admission, eviction count from schedulingStats, first wait unknown', () => {
    const r = run([
      workload({
        name: 'again',
        created: 0,
        conditions: [['QuotaReserved', 'True', 5000], ['Admitted', 'True', 5000], ['Evicted', 'False', 5000], ['Finished', 'True', 8000]],
        status: { schedulingStats: { evictions: [{ reason: 'Preempted', underlyingCause: '', count: 2 }] }, requeueState: { count: 1 } },
      }),
    ]);
    expect(r.rows[0]).toMatchObject({ state: 'finished', duration: 3000, evictions: 2 });
    expect(r.rows[0]!.observedWait).toBeUndefined();
    expect(r.counts).toMatchObject({ evicted: 1, waitUnknown: 1 });
  });

  it('eviction counts fall back to requeueState.count, then to 1 for an Evicted condition', () => {
    const r = run([
      workload({ name: 'rq', created: 0, conditions: [...admittedAt(10)!, ['Evicted', 'False', 10], ['Finished', 'True', 20]], status: { requeueState: { count: 3 } } }),
      workload({ name: 'cond', created: 0, conditions: [...admittedAt(10)!, ['Evicted', 'False', 10], ['Finished', 'True', 20]] }),
    ]);
    expect(r.rows.map((x) => x.evictions)).toEqual([1, 3]); // sorted by id: team-a/cond, team-a/rq
  });

  it('evicted and not admitted again is pending (it waits in its queue again)', () => {
    const r = run([
      workload({ name: 'done', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 900]] }),
      workload({ name: 'evicted', created: 0, conditions: [['QuotaReserved', 'False', 2000], ['Admitted', 'False', 2000], ['Evicted', 'True', 2000]] }),
    ]);
    expect(r.rows.find((x) => x.id === 'team-a/evicted')).toMatchObject({ state: 'pending', evictions: 1, duration: 900, durationSource: 'imputed' });
  });

  it('quota reserved but not yet Admitted (admission checks pending) counts as running from the reservation', () => {
    const r = run([workload({ created: 0, conditions: [['QuotaReserved', 'True', 99_000]] })]);
    expect(r.rows[0]).toMatchObject({ state: 'running', duration: 1000, observedWait: 99_000 });
  });

  it('drops, each counted with its reason: finished without admission, deactivated, no queue name, requests nothing, before --since', () => {
    const r = run(
      [
        workload({ name: 'rejected', created: 0, conditions: [['Finished', 'True', 50]] }),
        workload({ name: 'off', created: 0, active: false }),
        workload({ name: 'unqueued', created: 0, queue: null }),
        workload({ name: 'empty', created: 0, podSets: [{ count: 1, containers: [{}] }] }),
        workload({ name: 'old', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 100]] }),
        workload({ name: 'old-running', created: 0, conditions: admittedAt(10) }),
        workload({ name: 'new', created: 60_000, conditions: [...admittedAt(60_000)!, ['Finished', 'True', 60_100]] }),
      ],
      { since: T0 + 50_000 },
    );
    expect(r.counts.dropped).toMatchObject({ 'finished-without-admission': 1, deactivated: 1, 'no-queue-name': 1, 'requests-nothing': 1, 'before-since': 1 });
    // Running and pending ones are kept whatever their age: they are the cluster's load now.
    expect(r.rows.map((x) => x.id)).toEqual(['team-a/old-running', 'team-a/new']);
    expect(r.since).toBe(T0 + 50_000);
  });

  it('an unreadable object is a problem naming the workload and the field, not a crash', () => {
    const bad = workload({ name: 'bad-qty', podSets: [{ count: 1, containers: [{ 'nvidia.com/gpu': 'lots' }] }] });
    const noTime = workload({ name: 'no-time' });
    (noTime.metadata as Record<string, unknown>).creationTimestamp = 'yesterday';
    const r = run([bad, noTime, { kind: 'Workload' }, 42]);
    expect(r.counts.dropped.invalid).toBe(4);
    expect(r.problems[0]).toEqual({ workload: 'team-a/bad-qty', message: expect.stringMatching(/spec\.podSets\[0\]\.template\.spec\.containers\[0\]\.resources\.requests\[nvidia\.com\/gpu\] "lots" is not a Kubernetes quantity/) });
    expect(r.problems[1]).toEqual({ workload: 'team-a/no-time', message: 'metadata.creationTimestamp "yesterday" is not an RFC 3339 time' });
    expect(r.problems[2]!.workload).toBe('object 3');
  });

  it('a Finished time before the admission is refused with both times', () => {
    const r = run([workload({ name: 'backwards', created: 0, conditions: [...admittedAt(500)!, ['Finished', 'True', 100]] })]);
    expect(r.problems[0]!.message).toMatch(/Finished \(.*\) is not after its admission/);
  });

  it('reads v1beta1 (priorityClassName) as well as v1beta2 (priorityClassRef)', () => {
    const r = run([workload({ apiVersion: 'kueue.x-k8s.io/v1beta1', priorityClass: 'batch', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 9]] })]);
    expect(r.rows[0]!.priorityClass).toBe('batch');
  });

  it('refuses unknown treatments and a missing now, naming them', () => {
    expect(() => createWorkloadReplay({ now: NOW, censored: 'guess' as never })).toThrow('censored: "guess" must be one of as-observed, extend-to-median, drop');
    expect(() => createWorkloadReplay({ now: NOW, pending: 'keep' as never })).toThrow(/pending: "keep"/);
    expect(() => createWorkloadReplay({ now: Number.NaN })).toThrow(/now/);
  });

  it('rows come out in submit order whatever the list order (the same cluster gives the same trace)', () => {
    const a = workload({ name: 'x', created: 5, conditions: [...admittedAt(5)!, ['Finished', 'True', 50]] });
    const b = workload({ name: 'y', created: 1, conditions: [...admittedAt(5)!, ['Finished', 'True', 50]] });
    expect(run([a, b]).rows).toEqual(run([b, a]).rows);
  });

  it('observed waits: nearest-rank P50 / P90 over admitted workloads, pending and evicted counted beside them', () => {
    const objects = [
      ...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((w, i) => workload({ name: `f${i}`, created: 0, conditions: [...admittedAt(w)!, ['Finished', 'True', 1000]] })),
      workload({ name: 'p', created: 0 }),
    ];
    const waits = observedWaits(run(objects).rows, (r) => r.namespace).get('team-a')!;
    expect(waits).toEqual({ count: 10, p50: 50, p90: 90, pending: 1, unknown: 0 });
  });
});

describe('replay rows → the simulator and the trace CSV', () => {
  const policy = () => {
    const c = gpuPolicy([
      { team: 'team-a', gpus: { h100: '16' } },
      { team: 'team-b', gpus: { h100: '8' } },
    ]);
    return c;
  };

  it('maps namespace/LocalQueue to the policy’s team queue, keeps only covered resources, shifts time to the first submit', () => {
    const cluster = policy();
    const qa = cluster.queues[0]!;
    const r = run([
      workload({ name: 'one', namespace: qa.namespace, queue: qa.localQueue, created: 100, conditions: [...admittedAt(200)!, ['Finished', 'True', 1200]], priority: 5 }),
      workload({ name: 'two', namespace: 'elsewhere', queue: 'lq', created: 300, conditions: [...admittedAt(300)!, ['Finished', 'True', 400]] }),
    ]);
    const specs = replayWorkloadSpecs(r.rows, cluster);
    expect(specs.unmapped).toEqual({ 'elsewhere/lq': 1 });
    expect(specs.origin).toBe(T0 + 100);
    expect(specs.workloads).toHaveLength(1);
    const covered = new Set(qa.resourceGroups.flatMap((g) => g.coveredResources));
    expect(specs.workloads[0]).toMatchObject({ id: `${qa.namespace}/one`, queue: qa.clusterQueue, submitTime: 0, duration: 1000, priority: 5 });
    expect(Object.keys(specs.workloads[0]!.podSets[0]!.requests).every((k) => covered.has(k))).toBe(true);
    expect(specs.workloads[0]!.podSets[0]!.requests['nvidia.com/gpu']).toBe(4);

    const byTeam = observedWaitsByTeam(r.rows, cluster);
    expect([...byTeam.keys()]).toEqual([qa.teamId ?? qa.id]);
    expect(byTeam.get(qa.teamId ?? qa.id)).toMatchObject({ count: 1, p50: 100 });
  });

  it('a namespace with one team queue takes workloads of any LocalQueue in it', () => {
    const cluster = policy();
    const qb = cluster.queues[1]!;
    const r = run([workload({ namespace: qb.namespace, queue: 'another-lq', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 10]] })]);
    expect(replayWorkloadSpecs(r.rows, cluster).workloads[0]!.queue).toBe(qb.clusterQueue);
  });

  it("a workload of one of the team's extra LocalQueues keeps it (admission fair sharing orders by it), even when the namespace has several team queues", () => {
    const cluster = policy();
    const qb = cluster.queues[1]!;
    qb.extraLocalQueues = [{ name: 'vision' }];
    cluster.queues[0]!.namespace = qb.namespace;
    const r = run([workload({ namespace: qb.namespace, queue: 'vision', created: 0, conditions: [...admittedAt(0)!, ['Finished', 'True', 10]] })]);
    expect(replayWorkloadSpecs(r.rows, cluster).workloads[0]!.queue).toBe(`${qb.namespace}/vision`);
  });

  it('the CSV reads back through the generic importer (by vc = namespace/localQueue) with the same sizes, times and pod sets', () => {
    const cluster = policy();
    const qa = cluster.queues[0]!;
    const r = run([
      workload({ name: 'gang', namespace: qa.namespace, queue: qa.localQueue, created: 0, conditions: [...admittedAt(60)!, ['Finished', 'True', 3660]], podSets: [{ count: 1, containers: [{ cpu: '2' }] }, { count: 4, containers: [{ 'nvidia.com/gpu': '8' }] }] }),
      workload({ name: 'same', namespace: qa.namespace, queue: qa.localQueue, created: 10, conditions: [...admittedAt(60)!, ['Finished', 'True', 660]], podSets: [{ count: 1, containers: [{ 'nvidia.com/gpu': '2' }] }, { count: 3, containers: [{ 'nvidia.com/gpu': '2' }] }] }),
    ]);
    const csv = replayCsvHeader() + r.rows.map(replayCsvLine).join('');
    expect(csv.split('\n')[0]).toBe('id,submit_time,duration,pods,gpus_per_pod,cpu_per_pod,memory_gib_per_pod,pod_sets,user,vc,priority,state,duration_source,evictions,observed_wait');
    const importer = createTraceImporter(cluster, { format: 'generic', mapping: { teamBy: 'vc', teams: { [`${qa.namespace}/${qa.localQueue}`]: qa.teamId ?? qa.id } }, onBadRow: 'abort' });
    importer.push(csv);
    const out = importer.finish();
    expect(out.problems).toEqual([]);
    expect(out.workloads.map((w) => [w.id, w.submitTime, w.duration])).toEqual([
      [`${qa.namespace}/gang`, 0, 3600],
      [`${qa.namespace}/same`, 10, 600],
    ]);
    // Two shapes stay two pod sets; equal shapes merge into one gang of 4.
    // The policy covers only GPUs: the CPU-only launcher set is left out, as for any trace.
    expect(out.workloads[0]!.podSets.map((p) => [p.count, p.requests['nvidia.com/gpu']])).toEqual([[4, 8]]);
    expect(csv).toContain(',1:0:2:0|4:8:0:0,');
    expect(out.workloads[1]!.podSets.map((p) => [p.count, p.requests['nvidia.com/gpu']])).toEqual([[4, 2]]);
  });
});


describe('--since', () => {
  it('takes a window back from now or a date, and refuses anything else naming the forms', async () => {
    const { parseSince } = await import('./kueue-workloads.ts');
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * 86_400);
    expect(parseSince('90m', NOW)).toBe(NOW - 5400);
    expect(parseSince('2026-12-01', NOW)).toBe(T0);
    expect(parseSince('2026-12-01T01:00:00Z', NOW)).toBe(T0 + 3600);
    expect(() => parseSince('last week', NOW)).toThrow('since "last week" must be a window (90m, 12h, 7d, 2w) or a date (2026-12-01, 2026-12-01T08:00:00Z)');
    expect(() => parseSince('0d', NOW)).toThrow(/longer than 0/);
    expect(() => parseSince('2027-06-01', NOW)).toThrow(/after now/);
  });
});
