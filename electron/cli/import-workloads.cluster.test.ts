// `podplan import workloads` against the real API server, and its CSV
// replayed by `podplan simulate gpu --trace … --map-by vc` under the sample's
// policy (namespace/LocalQueue maps to the team queue by itself).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText, serializeScenario } from '../../sim/scenario/index.ts';
import { sharedCluster, type SharedCluster } from '../../test/cluster/shared.ts';
import { putWorkload, RawKube } from '../../test/cluster/workload-objects.ts';
import { makeTempDir } from '../server/test-support.ts';
import { runCli } from './test-support.ts';

const cluster = sharedCluster();
const need = (): SharedCluster => {
  if (!cluster) throw new Error('no test cluster');
  return cluster;
};
const sample = parseScenarioText(readFileSync(fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url)), 'utf8')).scenario;

describe.skipIf(!cluster)('podplan import workloads', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let kube: RawKube;
  const namespace = `cli-replay-${Date.now().toString(36)}`;
  beforeAll(async () => {
    temp = makeTempDir('podplan-cli-replay-');
    kube = new RawKube(need().kubeconfigPath);
    await kube.namespace(namespace);
    await kube.namespace(`${namespace}-empty`);
    const queue = sample.cluster.queues[0]!;
    await putWorkload(kube, { namespace, name: 'done', queueName: queue.localQueue, count: 2, requests: { 'nvidia.com/gpu': '4' }, conditions: [{ type: 'QuotaReserved', after: 120 }, { type: 'Admitted', after: 120 }, { type: 'Finished', after: 7320 }] });
    await putWorkload(kube, { namespace, name: 'running', queueName: queue.localQueue, conditions: [{ type: 'QuotaReserved', after: 5 }, { type: 'Admitted', after: 5 }] });
    await putWorkload(kube, { namespace, name: 'waiting', queueName: queue.localQueue, count: 1, requests: { 'nvidia.com/gpu': '8' } });
  });
  afterAll(() => {
    kube?.close();
    temp?.remove();
  });
  const run = (argv: string[]) => runCli([...argv, '--kubeconfig', need().kubeconfigPath], { cwd: temp.dir });

  it('writes the trace CSV and says what it kept, censored and imputed; simulate gpu replays it', async () => {
    const out = await run(['import', 'workloads', '-n', namespace, '--out', 'trace.csv', '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as { file: string; censored: string; pending: string; counts: Record<string, unknown>; observedWaits: Record<string, { count: number; p50: number }> };
    expect(result).toMatchObject({ censored: 'as-observed', pending: 'impute-median', counts: { read: 3, kept: 3, finished: 1, running: 1, pending: 1, censored: 1, imputed: 1 } });
    const queue = sample.cluster.queues[0]!;
    expect(result.observedWaits[`${namespace}/${queue.localQueue}`]).toMatchObject({ count: 2, p50: 5 });
    const csv = readFileSync(path.join(temp.dir, 'trace.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv.find((l) => l.startsWith(`${namespace}/done,`))).toMatch(new RegExp(`^${namespace}/done,\\d+,7200,2,4,,,,${namespace},${namespace}/${queue.localQueue},,finished,observed,0,120$`));

    const human = await run(['import', 'workloads', '-n', namespace, '--out', 'trace.csv', '--force', '--censored', 'extend-to-median']);
    expect(human.code).toBe(0);
    expect(human.stderr).toMatch(/Wrote 3 workloads of namespace cli-replay-.* of context ".*" to .*trace\.csv \(read 3 in 1 pages\)\./);
    expect(human.stderr).toMatch(/running 1 \(censored, treated as extend-to-median; 1 raised to the queue median\), pending 1 \(treated as impute-median; 1 with an imputed run time\)/);

    // The sample's queue lives in another namespace: a copy of the policy whose first team queue is this namespace replays it.
    const scenario = structuredClone(sample);
    scenario.cluster.queues[0]!.namespace = namespace;
    const plan = path.join(temp.dir, 'plan.podplan.json');
    writeFileSync(plan, serializeScenario(scenario));
    const sim = await runCli(['simulate', 'gpu', plan, '--trace', 'trace.csv', '--map-by', 'vc', '--json'], { cwd: temp.dir });
    expect(sim.code, sim.stderr).toBe(0);
    const figures = JSON.parse(sim.stdout) as { source: { imported: number; skipped: number } };
    expect(figures.source).toMatchObject({ imported: 3, skipped: 0 });
  });

  it('no workloads: a clear message, exit 0, nothing written', async () => {
    const out = await run(['import', 'workloads', '-n', `${namespace}-empty`, '--out', 'none.csv']);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^No Kueue Workload objects in namespace cli-replay-.*-empty of context ".*": nothing written\.\n$/);
  });

  it('the existing `podplan import` (the policy) still works beside it', async () => {
    const out = await run(['import', '--out', 'policy.podplan.json', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ file: expect.stringMatching(/policy\.podplan\.json$/) });
  });
});
