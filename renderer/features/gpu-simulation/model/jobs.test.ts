/**
 * The tab's worker jobs, run in Node with a stand-in context: the same seed
 * gives exactly the CLI's figures, the pending workloads carry a reason in
 * words, a variant with a lower lendingLimit changes the comparison, and a
 * trace with a bad row reports its line and imports the rest.
 */
/* eslint-disable no-restricted-imports, import-x/no-restricted-paths -- this test holds the worker's job to the CLI's own run on a sample file, so it reaches past the renderer's boundary (Node, electron/, data/) on purpose */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/cli/test-support.ts';
import { parseScenarioText } from '../../../../sim/scenario/index.ts';
import { gpuSimulationInputs } from '../../../../sim/edits/gpu-simulation.ts';
import { quotaSizedWorkloads } from '../../../../sim/gpu-sim/testing.ts';
import type { JobContext } from '../../../../sim/kernel/job.ts';
import { gpuJob, type GpuJobInput, type GpuJobOutput } from './jobs.ts';
import { reasonWords } from './reason-words.ts';
import { applyVariant } from '../../../../sim/gpu-sim/variant.ts';
import { gpuSeedSplit } from './seeded-jobs.ts';
import type { GpuRunSpread } from '../../../../sim/gpu-sim/seeds.ts';

/** What the pool does, in one thread: split by seed, run each seed's job, merge (`seeded-jobs.ts`). */
async function overSeeds(input: GpuJobInput): Promise<GpuJobOutput | null> {
  const parts = gpuSeedSplit.split(input);
  const results = await Promise.all(parts.map((part) => gpuJob(part, context())));
  return gpuSeedSplit.merge(input, results, parts.length);
}

const samplePath = fileURLToPath(new URL('../../../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const sample = parseScenarioText(readFileSync(samplePath, 'utf8')).scenario;
const cluster = sample.cluster;
/** The sample's own demand: what the tab and `podplan simulate gpu` generate from. */
const teams = gpuSimulationInputs(sample).teams;

function context(): JobContext & { phases: string[] } {
  const phases: string[] = [];
  return { cancelled: false, phases, progress: (_d, _t, phase) => void (phase && phases.push(phase)), preliminary: () => {}, breathe: () => Promise.resolve() };
}

async function run<K extends GpuJobOutput['kind']>(input: GpuJobInput, kind: K): Promise<Extract<GpuJobOutput, { kind: K }>> {
  const out = await gpuJob(input, context());
  expect(out.kind).toBe(kind);
  return out as Extract<GpuJobOutput, { kind: K }>;
}

describe('the GPU simulation worker jobs', () => {
  it('give exactly the figures `podplan simulate gpu` prints for the same seed, days and demand', async () => {
    const cli = await runCli(['simulate', 'gpu', samplePath, '--seed', '7', '--days', '5', '--json'], { cwd: '/' });
    expect(cli.code, cli.stderr).toBe(0);
    const printed = JSON.parse(cli.stdout) as { simulation: object; teams: unknown; queues: unknown; cluster: unknown };
    const { run: view } = await run({ kind: 'run', cluster, source: { kind: 'generated', seed: 7, days: 5, teams } }, 'run');
    expect({ teams: view.summary.teams, queues: view.summary.queues, cluster: view.summary.cluster }).toEqual({ teams: printed.teams, queues: printed.queues, cluster: printed.cluster });
    expect(view.simulation).toEqual({ ...printed.simulation, cancelled: false });
  });

  it('over seeds, give the spread `podplan simulate gpu --seeds` prints for the same seeds', async () => {
    const cli = await runCli(['simulate', 'gpu', samplePath, '--seed', '7', '--days', '2', '--seeds', '3', '--json'], { cwd: '/' });
    expect(cli.code, cli.stderr).toBe(0);
    const printed = JSON.parse(cli.stdout) as { spread: GpuRunSpread & { seedsAsked: number } };
    const out = await overSeeds({ kind: 'run', cluster, source: { kind: 'generated', seed: 7, days: 2, teams }, seeds: 3 });
    if (out?.kind !== 'run') throw new Error('not a run');
    const { seedsAsked, ...spread } = printed.spread;
    expect(out.run.spread).toEqual(spread);
    expect(out.run.seedsAsked).toBe(seedsAsked);
  });

  it('over seeds, A vs B pairs each seed and the sweep names its teams; a trace runs once', async () => {
    const b = applyVariant(cluster, [{ clusterQueue: 'recommendations', flavor: 'h100', field: 'lendingLimit', value: '0' }]);
    const source = { kind: 'generated' as const, seed: 2, days: 1, teams };
    const compared = await overSeeds({ kind: 'compare', a: cluster, b, source, seeds: 2 });
    if (compared?.kind !== 'compare') throw new Error('not a comparison');
    expect(compared.comparison.overSeeds!.seeds).toBe(2);
    expect(compared.comparison.overSeeds!.teams.map((t) => t.team)).toEqual(['pod-1', 'pod-2', 'pod-3', 'ai-platform']);
    const names = { 'pod-1': 'Recommendations pod', 'pod-2': 'Search relevance pod' };
    const swept = await overSeeds({ kind: 'sweep', cluster, source, seeds: 2, spec: { queue: 'recommendations', flavor: 'h100', from: 0, to: 8, step: 8, names } });
    if (swept?.kind !== 'sweep-seeds') throw new Error('not a sweep over seeds');
    expect(swept.sweep.seeds).toBe(2);
    expect(swept.sweep.points[0]!.teams.map((t) => t.name)).toEqual(['Recommendations pod', 'Search relevance pod', 'support-assistant', 'ai-platform']);
    const trace = { kind: 'trace' as const, name: 't.csv', workloads: [{ id: 'j1', queue: 'recommendations', submitTime: 0, priority: 0, podSets: [{ count: 1, requests: { 'nvidia.com/gpu': 1 } }], duration: 60 }] };
    expect(gpuSeedSplit.split({ kind: 'run', cluster, source: trace, seeds: 5 })).toHaveLength(1);
  });

  it('stop when cancelled, with the figures up to where the run stopped', async () => {
    let calls = 0;
    const cancelling: JobContext = {
      get cancelled() {
        return calls > 0;
      },
      progress: () => void calls++,
      preliminary: () => {},
      breathe: () => Promise.resolve(),
    };
    const out = await gpuJob({ kind: 'run', cluster, source: { kind: 'generated', seed: 3, days: 28, teams: quotaSizedWorkloads(cluster, 1.5) } }, cancelling);
    if (out.kind !== 'run') throw new Error('not a run');
    expect(out.run.simulation.cancelled).toBe(true);
    expect(out.run.simulation.endTime).toBeLessThan(28 * 86_400);
    expect(out.run.summary.teams.length).toBeGreaterThan(0);
  });

  it('list the workloads that waited, each with a reason in words and a timeline', async () => {
    const { run: view } = await run({ kind: 'run', cluster, source: { kind: 'generated', seed: 1, days: 7, teams } }, 'run');
    expect(view.waiting.length).toBeGreaterThan(0);
    const first = view.waiting[0]!;
    expect(first.timeline.length).toBeGreaterThan(0);
    expect(reasonWords(first.reason)).not.toBe('no reason');
    const admittedTeams = view.summary.teams.filter((t) => t.admitted > 0);
    for (const t of admittedTeams) expect(view.waits[t.team]).toHaveLength(t.admitted);
  });

  it('show a different comparison when variant B lends less', async () => {
    const b = applyVariant(cluster, [
      { clusterQueue: 'recommendations', flavor: 'h100', field: 'lendingLimit', value: '0' },
      { clusterQueue: 'recommendations', flavor: 'a100', field: 'lendingLimit', value: '0' },
    ]);
    const { comparison } = await run({ kind: 'compare', a: cluster, b, source: { kind: 'generated', seed: 1, days: 7, teams } }, 'compare');
    const rec = comparison.teams.find((t) => t.team === 'pod-1')!;
    expect(rec.delta!.lentGpuHours).toBeLessThan(0);
  });

  it('report a bad trace row by its line and import the others', async () => {
    const text = 'id,submit_time,duration,vc,gpus_per_pod\njob-1,0,600,recommendations,2\njob-2,10,600,recommendations,lots\njob-3,20,600,search-relevance,1\n';
    const file = new Blob([text]);
    const { scan } = await run({ kind: 'scan-trace', file }, 'scan-trace');
    if (!scan.ok) throw new Error(scan.message);
    expect(scan.scan.format).toBe('generic');
    expect(scan.scan.problems.map((p) => p.line)).toEqual([3]);
    const { imported } = await run(
      { kind: 'import-trace', file, cluster, options: { format: 'generic', mapping: { teamBy: 'vc', teams: { recommendations: 'pod-1', 'search-relevance': 'pod-2' } }, onBadRow: 'skip' } },
      'import-trace',
    );
    expect(imported.imported).toBe(2);
    expect(imported.problems[0]!.line).toBe(3);
  });

  it('read a CSV in its own layout through a column mapping, keeping line numbers', async () => {
    const text = 'job,submitted,runtime,team,gpus,note\r\nj1,0,600,recommendations,2,x\r\nj2,5,-1,recommendations,1,y\r\nj3,9,60,search-relevance,4,z\r\n';
    const file = new Blob([text]);
    const { scan: unknown } = await run({ kind: 'scan-trace', file }, 'scan-trace');
    expect(unknown).toMatchObject({ ok: false, header: ['job', 'submitted', 'runtime', 'team', 'gpus', 'note'] });
    const columns = { job: 'id', submitted: 'submit_time', runtime: 'duration', team: 'vc', gpus: 'gpus_per_pod' };
    const { scan } = await run({ kind: 'scan-trace', file, format: 'generic', columns }, 'scan-trace');
    if (!scan.ok) throw new Error(scan.message);
    expect(scan.scan.vcs).toEqual(['recommendations', 'search-relevance']);
    expect(scan.scan.problems.map((p) => p.line)).toEqual([3]);
    const mapping = { teamBy: 'vc' as const, teams: { recommendations: 'pod-1', 'search-relevance': 'pod-2' } };
    const { imported } = await run({ kind: 'import-trace', file, cluster, columns, options: { format: 'generic', mapping, onBadRow: 'skip' } }, 'import-trace');
    expect(imported.workloads.map((w) => [w.id, w.submitTime, w.duration])).toEqual([
      ['j1', 0, 600],
      ['j3', 9, 60],
    ]);
  });
});
