/**
 * What `podplan sweep` and `podplan sweep job` share: the sweep's inputs read
 * and checked (scenario, candidate policies, seeds, trace) and its header,
 * and running a shard's units on the GPU worker threads.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { parsePolicyCandidates, sweepCandidates, type SweepCandidate } from '../../../sim/edits/policy-candidates.ts';
import { gpuSimulationInputs } from '../../../sim/edits/gpu-simulation.ts';
import { gpuSweepUnit, unitCount, unitOf, type GpuSweepHeader, type GpuSweepUnit } from '../../../sim/gpu-sim/policy-sweep.ts';
import { DEFAULT_GPU_SIMULATION } from '../../../sim/gpu-sim/section.ts';
import { seedList } from '../../../sim/gpu-sim/seeds.ts';
import { shardUnits, type Shard } from '../../../sim/kernel/shards.ts';
import { decodeScenarioBytes, parseScenarioText, type Scenario } from '../../../sim/scenario/index.ts';
import { stringOption, type ParsedValues } from '../args.ts';
import { readScenarioBytes } from '../context.ts';
import { CliError, UsageError, type CliIo } from '../io.ts';
import { runWorkerJobs, workerEntry } from '../sim-worker.ts';
import type { SimulateGpuInput, SimulateGpuOutput } from '../workers/gpu.ts';
import { PODPLAN_VERSION, shardText, SweepHash } from '../sweep-files.ts';
import { boundedOption, traceInput } from './simulate-gpu.ts';

const WORKER = workerEntry('gpu');
/** A policies file is a list of edits: far smaller than this. */
const MAX_POLICIES_BYTES = 16 * 1024 * 1024;

/** Everything a sweep run needs, read and checked before any worker starts (shared with `sweep job`, which checks the same inputs). */
export interface SweepPlan {
  scenario: Scenario;
  scenarioBytes: Uint8Array;
  policiesText: string;
  candidates: SweepCandidate[];
  header: GpuSweepHeader;
  workloads: SimulateGpuInput['workloads'];
  /** The --trace file's path, when there is one. */
  traceFile: string | null;
}

async function readPolicies(values: ParsedValues, io: CliIo, usageHint: string): Promise<{ text: string; name: string; value: unknown }> {
  const name = stringOption(values, 'policies');
  if (name === undefined) throw new UsageError('--policies P.json is required: the candidate policies to sweep.', usageHint);
  let text: string;
  try {
    const bytes = await readFile(path.resolve(io.cwd, name));
    if (bytes.length > MAX_POLICIES_BYTES) throw new CliError(`${name} is larger than ${MAX_POLICIES_BYTES / (1024 * 1024)} MB; a policies file is far smaller.`, { code: 'too-large' });
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot read --policies ${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error)}.`, { code: 'not-found' });
  }
  try {
    return { text, name, value: JSON.parse(text) as unknown };
  } catch (error) {
    throw new CliError(`${name} is not JSON: ${error instanceof Error ? error.message : String(error)}.`, { code: 'invalid-policies' });
  }
}

/** Reads and checks the scenario, the policies, the seeds and the trace; names every problem. */
export async function planSweep(values: ParsedValues, scenarioPath: string, io: CliIo, usageHint: string): Promise<SweepPlan> {
  const { bytes, name: scenarioName } = await readScenarioBytes(scenarioPath, io);
  const { scenario } = parseScenarioText(decodeScenarioBytes(bytes));
  if (scenario.cluster.queues.length === 0) throw new CliError(`cluster.queues: "${scenario.name}" has no team ClusterQueues to simulate.`, { code: 'no-queues' });
  const policies = await readPolicies(values, io, usageHint);
  const parsed = parsePolicyCandidates(policies.value);
  if ('problems' in parsed) throw new CliError(`${policies.name}: ${parsed.problems.length} problem${parsed.problems.length > 1 ? 's' : ''} in the policies file.`, { code: 'invalid-policies', issues: parsed.problems });
  const made = sweepCandidates(scenario, parsed.candidates);
  if ('problems' in made) throw new CliError(`${policies.name}: ${made.problems.length} problem${made.problems.length > 1 ? 's' : ''} with the candidates on the scenario ${path.basename(scenarioName)}.`, { code: 'invalid-policies', issues: made.problems });
  const saved = scenario.gpuSimulation;
  const trace = await traceInput(values, scenario.cluster, io, usageHint);
  const seed = boundedOption(values, 'seed', saved.seed ?? DEFAULT_GPU_SIMULATION.seed, usageHint);
  const seeds = trace ? 1 : boundedOption(values, 'seeds', saved.seeds ?? DEFAULT_GPU_SIMULATION.seeds, usageHint);
  const days = trace ? null : boundedOption(values, 'days', saved.days ?? DEFAULT_GPU_SIMULATION.days, usageHint);
  const workloads: SimulateGpuInput['workloads'] = trace ?? { kind: 'generated', seed, days: days!, teams: gpuSimulationInputs(scenario).teams };
  // What makes the sweep this sweep: its inputs' bytes and the numbers that choose the runs.
  const id = new SweepHash().add(PODPLAN_VERSION).add(bytes).add(policies.text).add(JSON.stringify({ seed: trace ? null : seed, seeds, days, trace: trace?.options ?? null }));
  if (trace) await id.addFile(trace.file);
  const header: GpuSweepHeader = {
    kind: 'gpu-policy-sweep',
    sweep: id.hex(),
    podplan: PODPLAN_VERSION,
    scenario: { id: scenario.id, name: scenario.name },
    teamNames: Object.fromEntries(scenario.teams.map((t) => [t.id, t.name])),
    candidates: made.candidates.map((c) => c.name),
    seeds: trace ? null : seedList(seed, seeds),
    days,
    trace: trace ? path.basename(trace.file) : null,
  };
  return { scenario, scenarioBytes: bytes, policiesText: policies.text, candidates: made.candidates, header, workloads, traceFile: trace?.file ?? null };
}

/** "Sweep shard 2/7: 40% (2 of 5 runs)", at most once a second, for runs longer than a second. */
function progressPrinter(io: CliIo, label: string): (done: number, total: number) => void {
  const start = performance.now();
  let last = start;
  return (done, total) => {
    const t = performance.now();
    if (t - start < 1000 || t - last < 1000 || total <= 0) return;
    last = t;
    io.stderr(`${label}: ${Math.floor((100 * done) / total)}% (${Math.floor(done)} of ${total} runs), Ctrl+C stops it (nothing is written)\n`);
  };
}

/** Runs the shard's units on worker threads; every unit must finish (a shard with a hole cannot be merged). */
export async function runSweepUnits(plan: SweepPlan, shard: Shard, io: CliIo, quiet: boolean): Promise<GpuSweepUnit[]> {
  const indices = shardUnits(unitCount(plan.header), shard);
  const inputs = indices.map((u): SimulateGpuInput => {
    const { candidate, seedIndex } = unitOf(plan.header, u);
    return { cluster: plan.candidates[candidate]!.cluster, workloads: plan.workloads, at: [], seedIndex };
  });
  const label = shard.count > 1 ? `Sweep shard ${shardText(shard)}` : 'Sweep';
  let outputs: Awaited<ReturnType<typeof runWorkerJobs<SimulateGpuInput, SimulateGpuOutput>>>;
  try {
    outputs = await runWorkerJobs<SimulateGpuInput, SimulateGpuOutput>(WORKER, inputs, { parallel: availableParallelism(), stop: io.shutdownRequested(), ...(quiet ? {} : { onProgress: progressPrinter(io, label) }) });
  } catch (error) {
    throw new CliError(`The sweep failed: ${error instanceof Error ? error.message : String(error)}`, { code: 'simulation' });
  }
  return outputs.map((o, k) => {
    const index = indices[k]!;
    if (!o || o.cancelled || (o.result.ok && o.result.simulation.cancelled)) throw new CliError(`Interrupted: ${label.toLowerCase()} did not finish, so nothing was written (a shard is all of its units or none).`, { code: 'cancelled' });
    const r = o.result;
    if (!r.ok) {
      if (r.code === 'import-cancelled') throw new CliError('Interrupted while importing the trace: nothing was written.', { code: 'cancelled' });
      const where = `${path.basename(r.trace.file)} line ${r.aborted.line}`;
      throw new CliError(r.aborted.wholeFile ? `The trace ${path.basename(r.trace.file)} cannot be imported (line ${r.aborted.line}): ${r.aborted.message}.` : `The trace import stopped at ${where}: ${r.aborted.message} (--bad-rows abort).`, { code: 'trace-aborted' });
    }
    return gpuSweepUnit(plan.header, index, r.summary);
  });
}

