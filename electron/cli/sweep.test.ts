/**
 * `podplan sweep`, `podplan crossover --shard` and `podplan sweep merge` as
 * users run them across machines: shards in separate processes, each into
 * its own directory, merged into the bytes of the unsharded run; shards out
 * of range, missing, doubled or of another sweep refused, naming what is wrong.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { makeTempDir } from '../server/test-support.ts';
import { runCli } from './test-support.ts';

const BIN = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));
const PODS = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const POLICIES = fileURLToPath(new URL('../../data/sweeps/three-pilot-pods.policies.json', import.meta.url));
/** A small sweep: baseline + one candidate × 2 seeds of 1 day (the policies file is written in beforeAll). */
const SWEEP = ['sweep', PODS, '--policies', 'small.policies.json', '--seeds', '2', '--days', '1'];
const CROSSOVER = ['crossover', PODS, '--trials', '30', '--demand', '0.1:1:3', '--headcount', '0.5:2:3'];

interface Manifest {
  kind: string;
  data: Record<string, string>;
  spec: { template: { spec: { containers: Array<{ command: string[]; resources: unknown; securityContext?: unknown }> } } };
}

/** One `podplan` process, as on another machine. */
function podplan(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sweeps across processes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir('podplan-sweep-');
    const example = JSON.parse(readFileSync(POLICIES, 'utf8')) as { candidates: Array<{ name: string }> };
    writeFileSync(path.join(temp.dir, 'small.policies.json'), JSON.stringify({ candidates: example.candidates.filter((c) => c.name === 'platform-gets-h100s') }));
  });
  afterAll(() => temp.remove());
  const at = (...parts: string[]) => path.join(temp.dir, ...parts);

  it('a GPU sweep run as 3 shards in 3 processes, each into its own directory, merges into the bytes of the unsharded run', async () => {
    const runs = await Promise.all([
      podplan([...SWEEP, '--out', at('whole')], temp.dir),
      ...[0, 1, 2].map((i) => podplan([...SWEEP, '--shard', `${i}/3`, '--out', at(`machine-${i}`)], temp.dir)),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs[0]!.stdout).toMatch(/GPU policy sweep of "Three pilot pods.*": 2 candidates × 2 seeds \(1, 2\) of 1 days/);
    const merge = await podplan(['sweep', 'merge', at('machine-0'), at('machine-2', 'shard-2-of-3.json'), at('machine-1'), '--out', at('merged.json')], temp.dir);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toMatch(/rank {2}candidate/);
    expect(readFileSync(at('merged.json'), 'utf8')).toBe(readFileSync(at('whole', 'sweep.json'), 'utf8'));
  });

  it('the crossover run as 2 shards in 2 processes merges into exactly what `crossover --json` prints', async () => {
    const [whole, ...shards] = await Promise.all([podplan([...CROSSOVER, '--json'], temp.dir), ...[0, 1].map((i) => podplan([...CROSSOVER, '--shard', `${i}/2`, '--out', at(`cx-${i}`)], temp.dir))]);
    for (const r of [whole!, ...shards]) expect(r.code, r.stderr).toBe(0);
    const merge = await runCli(['sweep', 'merge', at('cx-0'), at('cx-1'), '--json'], { cwd: temp.dir });
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toBe(whole!.stdout);
  });

  it('merges shards printed to stdout and collected as pod logs, among the pods\' other lines', async () => {
    const shards = await Promise.all([0, 1].map((i) => runCli([...SWEEP, '--shard', `${i}/2`, '--out', '-'], { cwd: temp.dir })));
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    writeFileSync(at('pods.log'), `Sweep shard 1/2: 50% (1 of 2 runs)\n${shards[1]!.stdout}{"not":"a shard"}\n${shards[0]!.stdout}`);
    const merged = await runCli(['sweep', 'merge', at('pods.log'), '--out', at('from-logs.json')], { cwd: temp.dir });
    expect(merged.code, merged.stderr).toBe(0);
    const whole = await runCli([...SWEEP, '--out', at('whole-2')], { cwd: temp.dir });
    expect(readFileSync(at('from-logs.json'), 'utf8')).toBe(readFileSync(at('whole-2', 'sweep.json'), 'utf8'));
    expect(whole.stdout).toContain('baseline (the scenario\'s)');
  });

  it('a sweep over a trace (one run per candidate) merges from shards into the whole run\'s bytes', async () => {
    const TRACE = ['sweep', PODS, '--policies', POLICIES, '--trace', fileURLToPath(new URL('../../data/traces/samples/generic-sample.csv', import.meta.url)), '--map-by', 'vc'];
    const whole = await runCli([...TRACE, '--out', at('trace-whole')], { cwd: temp.dir });
    expect(whole.code, whole.stderr).toBe(0);
    for (const i of [0, 1]) expect((await runCli([...TRACE, '--shard', `${i}/2`, '--out', at('trace-shards')], { cwd: temp.dir })).code).toBe(0);
    const merged = await runCli(['sweep', 'merge', at('trace-shards'), '--out', at('trace-merged.json')], { cwd: temp.dir });
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(at('trace-merged.json'), 'utf8')).toBe(readFileSync(at('trace-whole', 'sweep.json'), 'utf8'));
    expect(JSON.parse(readFileSync(at('trace-merged.json'), 'utf8'))).toMatchObject({ header: { seeds: null, days: null, trace: 'generic-sample.csv', candidates: ['baseline', 'lend-everything', 'platform-gets-h100s', 'strict-fifo-no-reclaim', 'fair-sharing'] } });
  });

  it('refuses a shard index out of range or malformed, naming the value and the valid range', async () => {
    for (const [shard, words] of [
      ['2/2', '--shard "2/2": the shard index is 0-based, so with 2 shards it must be from 0 to 1 (got 2).'],
      ['3/', '--shard "3/" is not a shard: write i/n'],
      ['a/b', '--shard "a/b" is not a shard'],
      ['0/0', 'the number of shards n must be from 1'],
    ] as const) {
      const run = await runCli([...SWEEP, '--shard', shard, '--out', at('never')], { cwd: temp.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(words);
      const cx = await runCli([...CROSSOVER, '--shard', shard, '--out', at('never')], { cwd: temp.dir });
      expect(cx.code).toBe(2);
      expect(cx.stderr).toContain(words);
    }
  });

  it('refuses to merge a missing shard, a doubled one and a shard of another sweep, naming the files', async () => {
    const a = await runCli([...SWEEP, '--shard', '0/3', '--out', at('m')], { cwd: temp.dir });
    const c = await runCli([...SWEEP, '--shard', '2/3', '--out', at('m')], { cwd: temp.dir });
    const other = await runCli([...SWEEP.slice(0, -1), '2', '--shard', '1/3', '--out', at('other')], { cwd: temp.dir });
    for (const r of [a, c, other]) expect(r.code, r.stderr).toBe(0);
    const missing = await runCli(['sweep', 'merge', 'm', '--out', 'never.json'], { cwd: temp.dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The shards cannot be merged (nothing was written):\n  - missing shard 1/3');
    const doubled = await runCli(['sweep', 'merge', 'm', 'm/shard-2-of-3.json'], { cwd: temp.dir });
    expect(doubled.stderr).toContain('shard 2/3 is given twice: m/shard-2-of-3.json and m/shard-2-of-3.json');
    const foreign = await runCli(['sweep', 'merge', 'm', 'other', '--json'], { cwd: temp.dir });
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('other/shard-1-of-3.json belongs to another sweep than m/shard-0-of-3.json: days: 2 there, 1 in the first');
    expect(JSON.parse(foreign.stdout)).toMatchObject({ error: { code: 'merge-refused' } });
    const wrongKind = await runCli(['sweep', 'merge', at('whole-2', 'sweep.json')], { cwd: temp.dir });
    expect(wrongKind.stderr).toContain('is JSON but not a sweep shard');
  });

  it('merges logs kept with kubectl\'s --prefix and --timestamps, prints to stdout with --out -, and says when a shard was cut short', async () => {
    const shards = await Promise.all([0, 1].map((i) => runCli([...SWEEP, '--shard', `${i}/2`, '--out', '-'], { cwd: temp.dir })));
    for (const s of shards) expect(s.code, s.stderr).toBe(0);
    writeFileSync(at('prefixed.log'), shards.map((s, i) => `[pod/podplan-sweep-${i}-abcde/sweep] 2026-12-07T20:00:0${i}.000000000Z ${s.stdout}`).join(''));
    const merged = await runCli(['sweep', 'merge', at('prefixed.log'), '--out', '-'], { cwd: temp.dir });
    expect(merged.code, merged.stderr).toBe(0);
    const whole = await runCli([...SWEEP, '--out', '-'], { cwd: temp.dir });
    expect(merged.stdout).toBe(whole.stdout);
    // Nothing named "-" is left behind.
    expect(() => readFileSync(at('-'))).toThrow();
    writeFileSync(at('cut.log'), shards[0]!.stdout.slice(0, 200));
    const cut = await runCli(['sweep', 'merge', at('cut.log')], { cwd: temp.dir });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('the file or the log was cut short');
  });

  it('refuses more shards than the sweep has runs, and a mistyped subcommand, instead of running nothing or reading it as a file', async () => {
    const empty = await runCli([...SWEEP, '--shard', '4/5', '--out', at('never')], { cwd: temp.dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--shard 4/5: the sweep has 4 runs (2 candidates × 2 seeds), so it splits into at most 4 shards.');
    const typo = await runCli(['sweep', 'mrege', 'results'], { cwd: temp.dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown subcommand of podplan sweep "mrege". Did you mean "merge"?');
  });

  it('refuses a policies file with problems, naming each by its path in the file', async () => {
    writeFileSync(at('bad.policies.json'), JSON.stringify({ candidates: [{ name: 'x', changes: [{ clusterQueue: 'ai-platform', nominalQuota: 4 }] }, { name: 'y', changes: [{ clusterQueue: 'nope', flavor: 'h100', nominalQuota: 4 }] }] }));
    const run = await runCli(['sweep', PODS, '--policies', 'bad.policies.json', '--out', 'never'], { cwd: temp.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.policies.json: 1 problem in the policies file.\n  candidates[0].changes[0].flavor: nominalQuota need the flavor whose quota they change');
    const trace = await runCli(['sweep', PODS, '--policies', POLICIES, '--trace', fileURLToPath(new URL('../../data/traces/samples/generic-sample.csv', import.meta.url)), '--seeds', '3', '--out', 'never'], { cwd: temp.dir });
    expect(trace.code).toBe(2);
    expect(trace.stderr).toContain('--seeds applies to generated workloads: a trace is one set of jobs');
  });

  it('writes an Indexed Job whose pods each run their shard, and its inputs\' ConfigMap', async () => {
    const run = await runCli(['sweep', 'job', PODS, '--policies', POLICIES, '--seeds', '3', '--shards', '4', '--image', 'registry.example.com/podplan:0.1.0', '--namespace', 'sweeps', '--ttl', '600'], { cwd: temp.dir });
    expect(run.code, run.stderr).toBe(0);
    const [configMap, job] = parseAllDocuments(run.stdout).map((d) => d.toJSON() as Manifest);
    expect(configMap).toMatchObject({ kind: 'ConfigMap', metadata: { namespace: 'sweeps' } });
    expect(Object.keys(configMap!.data)).toEqual(['scenario.podplan.json', 'policies.json']);
    expect(configMap!.data['policies.json']).toBe(readFileSync(POLICIES, 'utf8'));
    expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', spec: { completionMode: 'Indexed', completions: 4, parallelism: 4, ttlSecondsAfterFinished: 600, backoffLimitPerIndex: 2, template: { spec: { restartPolicy: 'Never' } } } });
    const container = job!.spec.template.spec.containers[0]!;
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(container.command[2]).toBe('exec podplan sweep /podplan/inputs/scenario.podplan.json --policies /podplan/inputs/policies.json --seeds 3 --shard "$JOB_COMPLETION_INDEX/4" --out -');
    expect(container.resources).toEqual({ requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } });
    // Pod Security "restricted": a hardened namespace admits it.
    expect(container).toMatchObject({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } });
    expect(run.stdout).toContain('before its TTL (600 s) deletes the pods and their logs');
    const outside = await runCli(['sweep', 'job', PODS, '--policies', POLICIES, '--shards', '2', '--image', 'i', '--pvc', 'results', '--pvc-path', '../../etc'], { cwd: temp.dir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--pvc-path "../../etc": a directory on the claim, relative to its root, without "..".');
  });

  it('refuses inputs too large for a ConfigMap and says to use a claim', async () => {
    // 1,000 candidates with long descriptions: about 1.05 MiB with the scenario.
    writeFileSync(at('big.policies.json'), JSON.stringify({ candidates: Array.from({ length: 1000 }, (_, i) => ({ name: `c${i}`, description: 'x'.repeat(1000), fairSharing: true })) }));
    const run = await runCli(['sweep', 'job', PODS, '--policies', 'big.policies.json', '--seeds', '2', '--shards', '2', '--image', 'podplan:test'], { cwd: temp.dir });
    expect(run.stderr).toMatch(/come to 1\.\d\d MiB or more, and a ConfigMap holds at most 1 MiB\. Put them on a PersistentVolumeClaim instead: .* --pvc NAME --pvc-inputs DIR/);
    expect(run.code).toBe(1);
  });
});
