/**
 * `podplan sweep SCENARIO --policies P.json --seeds K --out DIR [--shard i/n]`:
 * a GPU policy sweep — every candidate policy of P.json (and the scenario's
 * own, "baseline") × every seed — that can be cut into shards run on other
 * machines (`--shard i/n`, e.g. the pods of `podplan sweep job`'s Indexed
 * Job) and merged by `podplan sweep merge` into exactly the bytes one
 * unsharded run writes. Each (policy, seed) is a job of the GPU worker
 * (`workers/gpu.ts`, the one `simulate gpu` runs) on worker threads.
 * The pure parts: `sim/gpu-sim/policy-sweep.ts`, `sim/edits/policy-candidates.ts`.
 */
import { mergeGpuSweep, unitCount } from '../../../sim/gpu-sim/policy-sweep.ts';
import { DEFAULT_GPU_SIMULATION } from '../../../sim/gpu-sim/section.ts';
import { SPREAD_WORDS } from '../../../sim/gpu-sim/seeds.ts';
import { COMMON_OPTIONS, helpHint, stringOption, type CommandSpec } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, jsonLine, UsageError } from '../io.ts';
import { SHARD_OPTION, shardEnvelope, shardFileName, shardOption, shardText, writeSweepOutput } from '../sweep-files.ts';
import { TRACE_OPTIONS } from './simulate-gpu.ts';
import { sweepJobCommand } from './sweep-job.ts';
import { printSweepResult, sweepMergeCommand } from './sweep-merge.ts';
import { planSweep, runSweepUnits } from './sweep-plan.ts';

/** The merged result's file name in --out DIR. */
export const SWEEP_RESULT_FILE = 'sweep.json';

const spec: CommandSpec = {
  path: 'podplan sweep',
  summary: 'Sweep GPU policies × seeds, whole or one shard of it (merge shards with "podplan sweep merge").',
  details: [
    'Every candidate of --policies (plus the scenario\'s own policy, "baseline", always first) runs on every seed',
    '(seed, seed + 1, … as simulate gpu --seeds): unit u is candidate floor(u / K), seed u mod K. Each run is on the',
    'same seed\'s workloads whatever the policy, so candidates differ by policy alone. See README, "Sweeps across machines".',
    `--shard i/n runs units u ≡ i (mod n), 0-based like JOB_COMPLETION_INDEX, and writes DIR/shard-i-of-n.json;`,
    `without it, every unit runs and DIR/${SWEEP_RESULT_FILE} is the merged result: per candidate, each team's median (${SPREAD_WORDS}).`,
    '--out - writes the shard (or result) to stdout as one line of JSON, for `kubectl logs` to collect.',
    'With --trace the jobs are the trace\'s and the simulator has no randomness of its own: a trace runs once per candidate (no --seeds).',
  ],
  options: {
    ...COMMON_OPTIONS,
    policies: { type: 'string', valueName: 'P.json', description: 'The candidate policies (format: README, "Sweeps across machines"; example: data/sweeps/).' },
    seeds: { type: 'string', valueName: 'K', description: `Seeds per candidate (default: saved in the scenario, else ${DEFAULT_GPU_SIMULATION.seeds}); a trace runs once.` },
    seed: { type: 'string', valueName: 'S', description: `First seed of the generated workloads (default: saved in the scenario, else ${DEFAULT_GPU_SIMULATION.seed}).` },
    days: { type: 'string', valueName: 'D', description: `Days of generated workloads (default: saved in the scenario, else ${DEFAULT_GPU_SIMULATION.days}).` },
    ...TRACE_OPTIONS,
    shard: SHARD_OPTION,
    out: { type: 'string', valueName: 'DIR', description: 'Directory to write the shard or the result into (created when missing), or - for stdout.' },
  },
  positionals: [{ name: 'SCENARIO', required: true, description: 'The scenario file (.podplan.json).' }],
  examples: [
    'podplan sweep data/samples/three-pilot-pods.podplan.json --policies data/sweeps/three-pilot-pods.policies.json --seeds 5 --out results',
    'podplan sweep plan.podplan.json --policies p.json --seeds 5 --shard 2/7 --out results   # on machine 3 of 7',
    'podplan sweep merge results',
  ],
};

const hint = helpHint(spec);

export const sweepCommand: Command = {
  spec,
  subcommands: { merge: sweepMergeCommand, job: sweepJobCommand },
  async run({ values, positionals }, io) {
    const { shard, given } = shardOption(values, hint);
    const out = stringOption(values, 'out');
    if (out === undefined || out.trim() === '') throw new UsageError('--out DIR is required: where the shard (or the result) is written; - for stdout.', hint);
    const plan = await planSweep(values, positionals[0]!, io, hint);
    const total = unitCount(plan.header);
    // As `sweep job` refuses more shards than runs: a shard with nothing to run is a mistake in n, not a result.
    if (shard.count > total) throw new UsageError(`--shard ${shardText(shard)}: the sweep has ${total} run${total === 1 ? '' : 's'} (${plan.header.candidates.length} candidates × ${plan.header.seeds?.length ?? 1} seed${(plan.header.seeds?.length ?? 1) === 1 ? '' : 's'}), so it splits into at most ${total} shards.`, hint);
    const json = values.json === true;
    const units = await runSweepUnits(plan, shard, io, json || out === '-');
    const envelope = shardEnvelope(plan.header, shard, units);
    if (given) {
      const where = await writeSweepOutput(out, shardFileName(shard), jsonLine(envelope), io);
      const status = { sweep: plan.header.sweep, shard: shardText(shard), units: units.map((u) => u.index), out: where };
      if (json && out !== '-') io.stdout(jsonLine(status));
      else io.stderr(`Shard ${shardText(shard)} of sweep ${plan.header.sweep.slice(0, 12)}: ${units.length} of ${unitCount(plan.header)} runs, written to ${where}.\n`);
      return EXIT_OK;
    }
    // The whole sweep takes the path a merge takes (units as JSON → merge), so the bytes are the same.
    const merged = mergeGpuSweep([{ source: 'this run', file: JSON.parse(jsonLine(envelope)) as typeof envelope }]);
    if ('problems' in merged) throw new CliError(`The sweep could not be assembled: ${merged.problems.join('; ')}`, { code: 'internal' });
    const where = await writeSweepOutput(out, SWEEP_RESULT_FILE, jsonLine(merged.result), io);
    if (out === '-') return EXIT_OK;
    if (json) io.stdout(jsonLine({ sweep: plan.header.sweep, out: where, ranking: merged.result.ranking }));
    else {
      printSweepResult(io, merged.result);
      io.stderr(`Written to ${where}.\n`);
    }
    return EXIT_OK;
  },
};
