/**
 * `podplan apply` against `kubectl apply --server-side`, side by side, as
 * processes, on the same real kube-apiserver and the same 601 objects
 * (100 team namespaces with quotas, limit ranges, role bindings and queues;
 * issue #18: podplan ≤ 0.5× kubectl without its client-side validation, on
 * first apply, re-apply and diff).
 *
 * Each run gives each tool fresh names, so every first apply creates all
 * 601 objects: podplan applies a scenario file; kubectl applies the YAML
 * `podplan export` writes for another copy of that scenario. kubectl is the
 * one test/cluster/build.sh builds from k8s.io/kubernetes at the API
 * server's version (never whatever kubectl is on the PATH). Wall time, CPU
 * (user + sys) and max RSS of each process come from `/usr/bin/time`.
 * kubectl as is (validating against the server's OpenAPI) is measured on
 * first apply too, for reference.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gpuPolicy } from '../../sim/cluster/testing/policies.ts';
import { parseScenarioText, serializeScenario, type Scenario } from '../../sim/scenario/index.ts';
import { clusterCacheDir, clusterUnavailableReason, startTestCluster } from '../cluster/harness.ts';
import { median, type BenchResult } from './types.ts';

const TEAMS = 100;
const PODPLAN = fileURLToPath(new URL('../../bin/podplan.mjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const TIME = '/usr/bin/time';

/** One process as /usr/bin/time saw it. */
interface Measured {
  wallMs: number;
  /** user + sys, ms; NaN without /usr/bin/time. */
  cpuMs: number;
  /** Max resident set size, MiB; NaN without /usr/bin/time. */
  rssMiB: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** The bench scenario: the sample with its cluster replaced by `TEAMS` team queues in one cohort, every name prefixed by `id`. */
export function benchScenario(id: string): Scenario {
  const sample = parseScenarioText(readFileSync(SAMPLE, 'utf8')).scenario;
  const policy = gpuPolicy(Array.from({ length: TEAMS }, (_, i) => ({ team: `${id}-team-${i}`, cohort: `${id}-org`, gpus: { h100: '8' } })));
  // Cluster-scoped flavors are per run too, or run 2 would find run 1's flavor (another scenario's) and skip it.
  policy.flavors = [{ name: `${id}-h100`, nodeLabels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' }, nodeTaints: [] }];
  policy.nodePools = [];
  for (const q of policy.queues) {
    q.resourceGroups[0]!.flavors[0]!.name = `${id}-h100`;
    q.limitRange = { defaultRequest: { cpu: '1', memory: '4Gi' }, default: { cpu: '4', memory: '16Gi' } };
  }
  return { ...sample, id, name: `Apply benchmark ${id}`, cluster: policy };
}

async function measure(command: string, args: readonly string[], dir: string, env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const timed = existsSync(TIME);
  const timeFile = join(dir, 'time.txt');
  rmSync(timeFile, { force: true });
  const [file, argv] = timed ? [TIME, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args]] : [command, [...args]];
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ code: exitCode ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
  const wallMs = performance.now() - started;
  if (!timed) return { wallMs, cpuMs: Number.NaN, rssMiB: Number.NaN, code, stdout, stderr };
  const [, user, sys, rssKiB] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: (user! + sys!) * 1000, rssMiB: rssKiB! / 1024, code, stdout, stderr };
}

function expectOk(what: string, run: Measured, codes: readonly number[] = [0]): Measured {
  if (!codes.includes(run.code)) throw new Error(`${what} exited ${run.code}:\n${run.stderr.slice(-2000)}${run.stdout.slice(-2000)}`);
  return run;
}

interface Figures {
  wall: number[];
  cpu: number[];
  rss: number[];
}

const figures = (): Figures => ({ wall: [], cpu: [], rss: [] });

function add(to: Figures, run: Measured): void {
  to.wall.push(run.wallMs);
  to.cpu.push(run.cpuMs);
  to.rss.push(run.rssMiB);
}

function describe(f: Figures): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  return `${ms(median(f.wall))} (min ${ms(Math.min(...f.wall))}, max ${ms(Math.max(...f.wall))}), CPU ${ms(median(f.cpu))}, max RSS ${Math.round(median(f.rss))} MiB`;
}

export async function benchClusterApplyVsKubectl(runs = 5, validatedRuns = 3): Promise<BenchResult[]> {
  const unavailable = await clusterUnavailableReason();
  if (unavailable) throw new Error(`no test API server: ${unavailable}`);
  const kubectl = join(clusterCacheDir(), 'bin', 'kubectl');
  if (!existsSync(kubectl)) throw new Error(`${kubectl} is not built (run test/cluster/build.sh)`);
  const dir = mkdtempSync(join(tmpdir(), 'podplan-bench-vs-kubectl-'));
  const cluster = await startTestCluster();
  const loads: number[] = [];
  try {
    const kubeconfig = cluster.kubeconfigPath;
    const node = process.execPath;
    // kubectl's discovery cache in the temp dir (not ~/.kube/cache), warmed once as a user's would be.
    const kubectlArgs = (...args: string[]) => [...args, '--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kubectl-cache')];
    const version = expectOk('kubectl version', await measure(kubectl, ['version', '--client', '-o', 'json'], dir));
    const kubectlVersion = (JSON.parse(version.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
    expectOk('kubectl warm-up', await measure(kubectl, kubectlArgs('api-resources', '-o', 'name'), dir));
    const scenarioFile = (id: string) => {
      const file = join(dir, `${id}.podplan.json`);
      writeFileSync(file, serializeScenario(benchScenario(id)));
      return file;
    };
    // Warm the compile cache as a user's second run would find it; the start-up trace says whether the bundle (dist/cli) or the source runs.
    const warmUp = expectOk(
      'podplan warm-up',
      await measure(node, [PODPLAN, 'export', scenarioFile('warm-up'), '--out', join(dir, 'warm-up.yaml')], dir, { ...process.env, PODPLAN_TRACE_STARTUP: '1' }),
    );
    const podplanRuns = /podplan startup: running (.+?) at /.exec(warmUp.stderr)?.[1] ?? 'bin/podplan.mjs';

    const podplan = { apply: figures(), reapply: figures(), diff: figures() };
    const kube = { apply: figures(), reapply: figures(), diff: figures(), validated: figures() };
    let objects = 0;
    for (let run = 0; run < runs; run++) {
      loads.push(loadavg()[0]!);
      const ppFile = scenarioFile(`pp-${run}`);
      const first = expectOk('podplan apply', await measure(node, [PODPLAN, 'apply', ppFile, '--kubeconfig', kubeconfig, '--json'], dir));
      const created = JSON.parse(first.stdout) as { counts: { created: number }; results: unknown[] };
      objects = created.results.length;
      if (created.counts.created !== objects) throw new Error(`podplan apply run ${run} created ${created.counts.created} of ${objects}`);
      add(podplan.apply, first);
      const again = expectOk('podplan re-apply', await measure(node, [PODPLAN, 'apply', ppFile, '--kubeconfig', kubeconfig, '--json'], dir));
      const unchanged = (JSON.parse(again.stdout) as { counts: { unchanged: number } }).counts.unchanged;
      if (unchanged !== objects) throw new Error(`podplan re-apply run ${run}: ${unchanged} of ${objects} unchanged`);
      add(podplan.reapply, again);
      add(podplan.diff, expectOk('podplan diff', await measure(node, [PODPLAN, 'diff', ppFile, '--kubeconfig', kubeconfig], dir)));

      const yaml = join(dir, `kc-${run}.yaml`);
      expectOk('podplan export', await measure(node, [PODPLAN, 'export', scenarioFile(`kc-${run}`), '--out', yaml], dir));
      const kcFirst = expectOk('kubectl apply', await measure(kubectl, kubectlArgs('apply', '--server-side', '--validate=false', '-f', yaml), dir));
      const applied = kcFirst.stdout.split('\n').filter((line) => line.endsWith(' serverside-applied')).length;
      if (applied !== objects) throw new Error(`kubectl apply run ${run} applied ${applied} of ${objects}`);
      add(kube.apply, kcFirst);
      add(kube.reapply, expectOk('kubectl re-apply', await measure(kubectl, kubectlArgs('apply', '--server-side', '--validate=false', '-f', yaml), dir)));
      // kubectl diff exits 0 with no differences, 1 with some, > 1 on error.
      add(kube.diff, expectOk('kubectl diff', await measure(kubectl, kubectlArgs('diff', '--server-side', '-f', yaml), dir)));

      if (run < validatedRuns) {
        const validatedYaml = join(dir, `kv-${run}.yaml`);
        expectOk('podplan export', await measure(node, [PODPLAN, 'export', scenarioFile(`kv-${run}`), '--out', validatedYaml], dir));
        add(kube.validated, expectOk('kubectl apply (validating)', await measure(kubectl, kubectlArgs('apply', '--server-side', '-f', validatedYaml), dir)));
      }
    }

    const load = `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} at the start of the runs`;
    const compare = (operation: string, ours: Figures, theirs: Figures): BenchResult => {
      const ratio = median(ours.wall) / median(theirs.wall);
      return {
        name: `${operation}: podplan / kubectl --validate=false`,
        value: Math.round(ratio * 100) / 100,
        unit: '×',
        target: '≤ 0.5×',
        pass: ratio <= 0.5,
        detail: `podplan ${describe(ours)}; kubectl ${describe(theirs)}; ${ours.wall.length} runs each`,
      };
    };
    return [
      compare(`first apply (${objects} objects)`, podplan.apply, kube.apply),
      compare(`re-apply unchanged (${objects} objects)`, podplan.reapply, kube.reapply),
      compare(`diff, no changes (${objects} objects)`, podplan.diff, kube.diff),
      {
        name: `first apply: podplan / kubectl as is (validating)`,
        value: Math.round((median(podplan.apply.wall) / median(kube.validated.wall)) * 100) / 100,
        unit: '×',
        target: 'reference',
        pass: true,
        detail: `kubectl ${describe(kube.validated)}; ${kube.validated.wall.length} runs`,
      },
      {
        name: `kubectl used: ${kubectlVersion} (${kubectl}), API server ${cluster.k8sVersion}`,
        value: runs,
        unit: 'runs',
        target: '≥ 3 runs',
        pass: runs >= 3,
        detail: `${load}; podplan runs ${podplanRuns}; wall, CPU (user+sys) and max RSS of each process by ${existsSync(TIME) ? TIME : 'the bench (no /usr/bin/time: CPU and RSS n/a)'}`,
      },
    ];
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchClusterApplyVsKubectl()) console.log(`${r.name}: ${r.value} ${r.unit} (target ${r.target}) ${r.detail ?? ''}`);
}
