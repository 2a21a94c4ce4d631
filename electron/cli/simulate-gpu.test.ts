import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_USER_MAP } from '../../data/traces/samples/generate.ts';
import type { QueueRunSummary, TeamSummary } from '../../sim/gpu-sim/summary.ts';
import type { AtSnapshot } from '../../sim/gpu-sim/types.ts';
import { spreadOf, type GpuRunSpread } from '../../sim/gpu-sim/seeds.ts';
import { runCli } from './test-support.ts';

const sample = (name: string) => fileURLToPath(new URL(`../../data/samples/${name}`, import.meta.url));
const trace = (name: string) => fileURLToPath(new URL(`../../data/traces/samples/${name}`, import.meta.url));
const PILOTS = sample('three-pilot-pods.podplan.json');
const USERS = Object.entries(SAMPLE_USER_MAP).map(([user, team]) => `${user}=${team}`).join(',');

interface SimulateJson {
  seed: number;
  source: { kind: string; imported?: number; skipped?: number; problems?: Array<{ line: number; message: string }> };
  simulation: { endTime: number; events: number; arrivals: number };
  teams: TeamSummary[];
  queues: QueueRunSummary[];
  cluster: { gpuHoursTotal: number; gpuHoursAllocated: number; idleGpuHours: number; fragmentedGpuHours: number };
  at: AtSnapshot[];
  seeds: number;
  spread: (GpuRunSpread & { seedsAsked: number; note?: string }) | null;
}

const run = async (args: string[]) => {
  const result = await runCli(['simulate', 'gpu', ...args], { cwd: '/' });
  return { ...result, json: args.includes('--json') && result.code === 0 ? (JSON.parse(result.stdout) as SimulateJson) : null };
};

/** The pods sample with ten times the training jobs a day: a 90-day run long enough to be interrupted under way. */
function heavierDemandFile(dir: string): string {
  const doc = JSON.parse(readFileSync(PILOTS, 'utf8')) as { gpuSimulation: { demand: Array<{ training: { jobsPerDay: number } }> } };
  const demand = doc.gpuSimulation.demand.map((d) => ({ ...d, training: { ...d.training, jobsPerDay: d.training.jobsPerDay * 10 }, origin: 'edited' }));
  const file = join(dir, 'heavier.podplan.json');
  writeFileSync(file, JSON.stringify({ ...doc, gpuSimulation: { ...doc.gpuSimulation, demand } }));
  return file;
}

describe('podplan simulate gpu', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podplan-cli-gpu-heavy-'));
  const HEAVIER = heavierDemandFile(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('simulates generated workloads per team and reports every queue, team and --at snapshot', async () => {
    const { code, json } = await run([PILOTS, '--days', '3', '--at', '1d,36h', '--json']);
    expect(code).toBe(0);
    expect(json!.source.kind).toBe('generated');
    expect(json!.queues.map((q) => q.clusterQueue)).toEqual(['recommendations', 'search-relevance', 'support-assistant', 'ai-platform']);
    expect(json!.teams.map((t) => t.team)).toEqual(['pod-1', 'pod-2', 'pod-3', 'ai-platform']);
    for (const q of json!.queues) {
      expect(q.submitted).toBeGreaterThan(0);
      expect(q.wait.p50!).toBeLessThanOrEqual(q.wait.p90!);
      expect(q.wait.p90!).toBeLessThanOrEqual(q.wait.p99!);
    }
    expect(json!.cluster.gpuHoursAllocated).toBeLessThanOrEqual(json!.cluster.gpuHoursTotal);
    expect(json!.cluster.fragmentedGpuHours).toBeLessThanOrEqual(json!.cluster.idleGpuHours + 1e-9);
    expect(json!.at.map((a) => a.time)).toEqual([86_400, 129_600]);
    for (const snapshot of json!.at) {
      expect(snapshot.clusterQueues).toHaveLength(4);
      expect(snapshot.cohorts.map((c) => c.name).sort()).toEqual(['ai-org', 'platform', 'product-pods']);
      const root = snapshot.cohorts.find((c) => c.name === 'ai-org')!;
      expect(root.admitted).toBe(snapshot.clusterQueues.reduce((n, q) => n + q.admitted, 0));
    }
  });

  it('the same seed gives the same figures; another seed other workloads', async () => {
    const a = await run([PILOTS, '--days', '2', '--seed', '7', '--json']);
    const b = await run([PILOTS, '--days', '2', '--seed', '7', '--json']);
    const c = await run([PILOTS, '--days', '2', '--seed', '8', '--json']);
    expect(a.stdout).toBe(b.stdout);
    expect(c.json!.simulation.arrivals).not.toBe(a.json!.simulation.arrivals);
  });

  it('--seeds K runs seeds S…S+K−1 in worker threads: the base seed\'s figures stay those of a single run, and the spread is the seeds\' own runs', async () => {
    const many = await run([PILOTS, '--days', '2', '--seed', '7', '--seeds', '3', '--json']);
    const singles = await Promise.all([7, 8, 9].map((seed) => run([PILOTS, '--days', '2', '--seed', String(seed), '--seeds', '1', '--json'])));
    expect(many.json!.seeds).toBe(3);
    expect(many.json!.teams).toEqual(singles[0]!.json!.teams);
    const spread = many.json!.spread!;
    expect(spread.seedValues).toEqual([7, 8, 9]);
    expect(spread.seeds).toBe(3);
    for (const team of spread.teams) {
      const p90s = singles.map((r) => r.json!.teams.find((t) => t.team === team.team)!.wait.p90);
      expect(team.waitP90).toEqual(spreadOf(p90s));
    }
    const human = await run([PILOTS, '--days', '2', '--seed', '7', '--seeds', '3']);
    expect(human.stdout).toMatch(/^Per team over 3 of 3 seeds \(seeds 7, 8, 9\): median \(range over seeds\):$/m);
    // The closing line names the run's days and seed, as the first line does, not the ones saved with the scenario.
    expect(human.stdout).toMatch(/^Demand: 2 days of generated workloads, random seed 7 /m);
  }, 60_000);

  it('--seeds is kept to its bounds, and a trace has one run: no seed spread', async () => {
    expect((await run([PILOTS, '--seeds', '0'])).stderr).toMatch(/--seeds: "0" must be a whole number of seeds from 1 to 32/);
    expect((await run([PILOTS, '--seeds', '33'])).stderr).toMatch(/--seeds: "33" must be a whole number of seeds from 1 to 32/);
    const traced = await run([PILOTS, '--trace', trace('pai-sample.csv'), '--seeds', '3']);
    expect(traced.code).toBe(2);
    expect(traced.stderr).toMatch(/--seeds applies to generated workloads: a trace is one set of jobs \(one trace: no seed spread\)/);
    const once = await run([PILOTS, '--trace', trace('pai-sample.csv'), '--map', USERS, '--json']);
    expect(once.json!.seeds).toBe(1);
    expect(once.json!.spread).toMatchObject({ seeds: 1, note: 'one trace: no seed spread' });
  }, 60_000);

  it('without flags, runs the seed, days and demand saved with the scenario (what its GPU simulation tab shows)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podplan-cli-gpu-'));
    try {
      const doc = JSON.parse(readFileSync(PILOTS, 'utf8')) as { gpuSimulation: { demand: Array<{ training: { jobsPerDay: number }; origin: string }> } };
      const file = join(dir, 'saved.podplan.json');
      writeFileSync(file, JSON.stringify({ ...doc, gpuSimulation: { ...doc.gpuSimulation, seed: 5, days: 2 } }));
      const saved = await run([file, '--json']);
      const explicit = await run([PILOTS, '--seed', '5', '--days', '2', '--json']);
      expect(saved.json!.seed).toBe(5);
      expect(saved.json!.simulation).toEqual(explicit.json!.simulation);
      expect(saved.json!.teams).toEqual(explicit.json!.teams);
      expect(saved.json!.source).toMatchObject({ kind: 'generated', demand: { queues: { recommendations: 'migrated' }, migratedFromLoad: 0.8 } });
      // Twice the training jobs a day, typed by the user: more arrivals, and the output says the demand was edited.
      const demand = doc.gpuSimulation.demand.map((d) => ({ ...d, training: { ...d.training, jobsPerDay: d.training.jobsPerDay * 2 }, origin: 'edited' }));
      writeFileSync(file, JSON.stringify({ ...doc, gpuSimulation: { ...doc.gpuSimulation, demand, seed: 5, days: 2 } }));
      const busier = await run([file, '--json']);
      expect(busier.json!.simulation.arrivals).toBeGreaterThan(saved.json!.simulation.arrivals);
      expect(busier.json!.source).toMatchObject({ demand: { queues: { recommendations: 'edited' } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays a sample trace, reporting its bad row with the line number, and every job runs', async () => {
    const { code, json } = await run([PILOTS, '--trace', trace('helios-sample.csv'), '--map-by', 'vc', '--json']);
    expect(code).toBe(0);
    expect(json!.source).toMatchObject({ kind: 'trace', imported: 149, skipped: 1 });
    expect(json!.source.problems).toEqual([{ line: 59, message: expect.stringMatching(/^end_time ".+" is before start_time ".+"$/) }]);
    expect(json!.queues.reduce((n, q) => n + q.completed, 0)).toBe(149);
    expect(json!.simulation.endTime).toBeLessThan(10 * 86_400); // ends with the last job, not at the node pool's growth in month 7
  });

  it('maps trace users to teams with --map; the human output lists the skipped row', async () => {
    const { code, stdout, stderr } = await run([PILOTS, '--trace', trace('philly-sample.json'), '--map', USERS]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/149 jobs of philly-sample\.json \(philly\)/);
    expect(stdout).toMatch(/^Recommendations pod /m); // team names for people; --json keeps the ids
    expect(stderr).toMatch(/line 44: attempts\[0\]\.detail lists 0 GPUs/);
  });

  it('--bad-rows abort stops at the bad row and exits 1 naming its line', async () => {
    const result = await runCli(['simulate', 'gpu', PILOTS, '--trace', trace('generic-sample.csv'), '--map', USERS, '--bad-rows', 'abort', '--json'], { cwd: '/' });
    expect(result.code).toBe(1);
    const error = (JSON.parse(result.stdout) as { error: { code: string; line: number; message: string } }).error;
    expect(error).toMatchObject({ code: 'trace-aborted', line: 103 });
    expect(error.message).toMatch(/duration "-5" must be ≥ 0/);
  });

  it('--days keeps to the bounds the scenario file and the GPU simulation tab use: refused naming the flag and the bound, never clamped', async () => {
    const days = await run([PILOTS, '--days', '3650']);
    expect(days.code).toBe(2);
    expect(days.stderr).toMatch(/--days: "3650" must be a whole number of days from 1 to 90\./);
  });

  it('--load is refused with the reason: demand is each team\'s own input, not a share of its quota', async () => {
    const load = await run([PILOTS, '--days', '1', '--load', '0.8']);
    expect(load.code).toBe(2);
    expect(load.stderr).toMatch(/--load: generated load is no longer a share of each team's nominal GPUs .*gpuSimulation\.demand/);
  });

  it('--help states the bounds of --seed and --days, that --load is gone, and what Ctrl+C does', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toMatch(/--days D +Days of generated workloads, 1 to 90/);
    expect(stdout).toMatch(/--load L +No longer accepted/);
    expect(stdout).toMatch(/--seed S +Seed of the generated workloads, 0 to 2147483647/);
    expect(stdout).toMatch(/Ctrl\+C stops the run and prints the figures/);
  });

  it('Ctrl+C once the run is under way stops it and prints the figures up to the simulated time reached', async () => {
    let interrupt: (signal: string) => void = () => {};
    const shutdown = new Promise<string>((resolve) => (interrupt = resolve));
    const result = await runCli(['simulate', 'gpu', HEAVIER, '--days', '90'], {
      cwd: '/',
      shutdown,
      onStderr: (text) => void (/^Simulating day /.test(text) && interrupt('SIGINT')),
    });
    expect(result.code).toBe(1);
    const reached = /ended at ([\d.]+)d\./.exec(result.stdout);
    expect(Number(reached?.[1])).toBeLessThan(90);
    expect(result.stdout).toMatch(/^Per team:$/m);
    expect(result.stdout).toMatch(/^Recommendations pod +\d+/m);
    expect(result.stderr).toMatch(/^Interrupted: the figures cover the first [\d.]+ of 90 simulated days\.$/m);
  }, 60_000);

  it('Ctrl+C with --json prints the partial figures marked "cancelled": true; a finished run carries no marker', async () => {
    const stopped = await runCli(['simulate', 'gpu', HEAVIER, '--days', '90', '--json'], { cwd: '/', shutdown: Promise.resolve('SIGINT') });
    expect(stopped.code).toBe(1);
    const json = JSON.parse(stopped.stdout) as SimulateJson & { cancelled?: boolean };
    expect(json.cancelled).toBe(true);
    expect(json.simulation.endTime).toBeLessThan(90 * 86_400);
    expect(json.teams.map((t) => t.team)).toEqual(['pod-1', 'pod-2', 'pod-3', 'ai-platform']);
    expect(stopped.stderr).toMatch(/Interrupted: the figures cover the first [\d.]+ of 90 simulated days\./);
    const finished = await run([PILOTS, '--days', '1', '--json']);
    expect(finished.json).not.toHaveProperty('cancelled');
  }, 60_000);

  it('bad options are usage errors naming the option', async () => {
    expect((await run([PILOTS, '--at', 'noon'])).stderr).toMatch(/--at: "noon" is not a time/);
    expect((await run([PILOTS, '--seed=1.5'])).stderr).toMatch(/--seed: "1.5" must be a whole number/);
    expect((await run([PILOTS, '--map', 'ana=pod-1'])).stderr).toMatch(/--map applies to a trace/);
    expect((await run([PILOTS, '--trace', trace('pai-sample.csv'), '--days', '3'])).code).toBe(2);
    const mapping = await run([PILOTS, '--trace', trace('pai-sample.csv'), '--map', 'ana=pod-9']);
    expect(mapping.code).toBe(1);
    expect(mapping.stderr).toMatch(/mapping\.teams\["ana"\]: "pod-9" is not a team of the cluster/);
    expect((await run([PILOTS, '--trace', '/nonexistent.csv'])).stderr).toMatch(/no such file/);
  });
});
