/**
 * `podplan sweep merge PATH…`: shards of a sweep (`podplan sweep --shard`,
 * `podplan crossover --shard`, or the pods of `podplan sweep job`) merged
 * into the result one unsharded run gives, byte for byte. PATH is a shard
 * file, a directory of them, or `kubectl logs` of the Job's pods saved to a
 * file. Refused, naming the files: shards of different sweeps, a missing or
 * a doubled shard, a shard whose units are not its index's.
 */
import type { CrossoverShardHeader, CrossoverUnit } from '../../../sim/delivery/crossover-shards.ts';
import { mergeCrossover } from '../../../sim/delivery/crossover-shards.ts';
import { BASELINE } from '../../../sim/edits/policy-candidates.ts';
import { mergeGpuSweep, type GpuSweepHeader, type GpuSweepResult, type GpuSweepUnit } from '../../../sim/gpu-sim/policy-sweep.ts';
import { SPREAD_WORDS, type Spread } from '../../../sim/gpu-sim/seeds.ts';
import type { ShardSource } from '../../../sim/kernel/shards.ts';
import { COMMON_OPTIONS, stringOption, type CommandSpec } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../context.ts';
import { CliError, EXIT_OK, jsonLine, type CliIo } from '../io.ts';
import { readShards, shardKind } from '../sweep-files.ts';
import { crossoverJson, printCrossover } from './crossover.ts';
import { duration } from './simulate-gpu.ts';

const spec: CommandSpec = {
  path: 'podplan sweep merge',
  summary: 'Merge the shards of a sweep (or a crossover) into the result of one unsharded run, byte for byte.',
  details: [
    'PATH: a shard file, a directory of shard-<i>-of-<n>.json files, or a file of `kubectl logs` of the Job\'s pods',
    '(one shard per line; other lines are ignored). The shards must be of one sweep (same header: inputs, seeds,',
    'Podplan version) and cover every unit exactly once; otherwise nothing is written and each problem is named.',
    '--out FILE (or --json on stdout) holds the same bytes as the unsharded run\'s result: `podplan sweep … --out DIR`\'s',
    'DIR/sweep.json, or `podplan crossover FILE --json`\'s output.',
  ],
  options: {
    ...COMMON_OPTIONS,
    out: { type: 'string', valueName: 'FILE', description: 'Write the merged result to FILE (temp file + rename), or - for stdout (the result alone).' },
  },
  positionals: [{ name: 'PATH', required: true, variadic: true, description: 'Shard files, directories of them, or saved pod logs.' }],
  examples: ['podplan sweep merge results/', 'kubectl logs -l batch.kubernetes.io/job-name=podplan-sweep --tail=-1 > shards.log && podplan sweep merge shards.log --out sweep.json'],
};

const spreadText = (s: Spread, show: (v: number | null) => string) => (s.seeds > 1 && s.min !== s.max ? `${show(s.median)} (${show(s.min)}–${s.max === null ? 'never' : show(s.max)})` : show(s.median));
const gpuH = (v: number | null) => (v === null ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

function grid(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** The ranking and each candidate's per-team P90 wait, for people. */
export function printSweepResult(io: CliIo, result: GpuSweepResult): void {
  const h = result.header;
  const runs = h.seeds ? `${h.seeds.length} seed${h.seeds.length > 1 ? 's' : ''} (${h.seeds.join(', ')}) of ${h.days} days` : `the trace ${h.trace}`;
  io.stdout(`GPU policy sweep of "${h.scenario.name}": ${h.candidates.length} candidates × ${runs}. Median (${SPREAD_WORDS}).\n`);
  io.stdout(`Ranked by ${result.rankedBy}.\n\n`);
  const byName = new Map(result.candidates.map((c) => [c.name, c]));
  const ranked = result.ranking.map((n) => byName.get(n)!);
  const rows = ranked.map((c) => [String(c.rank), c.name === BASELINE ? `${c.name} (the scenario's)` : c.name, c.worstP90Wait === null ? 'never admitted' : duration(c.worstP90Wait), spreadText(c.cluster.idleGpuHours, gpuH), spreadText(c.cluster.fragmentedGpuHours, gpuH)]);
  io.stdout(`${grid(['rank', 'candidate', "worst team's P90 wait", 'idle GPU-h', 'fragmented GPU-h'], rows)}\n`);
  const teams = result.candidates[0]?.teams ?? [];
  io.stdout(`\nP90 wait per team:\n${grid(['', 'candidate', ...teams.map((t) => t.name)], ranked.map((c) => [String(c.rank), c.name, ...c.teams.map((t) => spreadText(t.waitP90, duration))]))}\n`);
}

function refused(problems: readonly string[]): CliError {
  return new CliError(`The shards cannot be merged (nothing was written):\n${problems.map((p) => `  - ${p}`).join('\n')}`, { code: 'merge-refused', details: { problems } });
}

export const sweepMergeCommand: Command = {
  spec,
  async run({ values, positionals }, io) {
    const shards = await readShards(positionals, io);
    const kind = shardKind(shards);
    const out = stringOption(values, 'out');
    const json = values.json === true;
    let text: string;
    let human: () => void;
    if (kind === 'gpu-policy-sweep') {
      const merged = mergeGpuSweep(shards as unknown as ReadonlyArray<ShardSource<GpuSweepHeader, GpuSweepUnit>>);
      if ('problems' in merged) throw refused(merged.problems);
      text = jsonLine(merged.result);
      human = () => printSweepResult(io, merged.result);
    } else {
      const merged = mergeCrossover(shards as unknown as ReadonlyArray<ShardSource<CrossoverShardHeader, CrossoverUnit>>);
      if ('problems' in merged) throw refused(merged.problems);
      const { header, crossover } = merged;
      // Exactly what `podplan crossover FILE --json` prints.
      text = jsonLine({ scenario: header.scenario, currency: header.currency, ...crossoverJson(crossover) });
      human = () => printCrossover(io, header.scenario.name, crossover, header.currency);
    }
    // "-" is stdout, as `sweep --out -` and `crossover --out -` take it: the result alone, for a pipe.
    if (out === '-') {
      io.stdout(text);
      return EXIT_OK;
    }
    if (out !== undefined) {
      const where = await writeFileAtomic(out, text, io);
      io.stderr(`Merged ${shards.length} shard${shards.length > 1 ? 's' : ''} into ${where}.\n`);
    }
    if (json) io.stdout(text);
    else human();
    return EXIT_OK;
  },
};
