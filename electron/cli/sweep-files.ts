/**
 * The files of a sharded sweep (`podplan sweep`, `podplan crossover --shard`,
 * `podplan sweep merge`): the --shard option, the sweep's identity (a sha256
 * of its inputs), writing a shard or a result atomically, and reading shards
 * back — from shard files, directories of them, or `kubectl logs` saved to a
 * file (one JSON document per line among the pods' progress lines).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import { parseShard, SHARD_FORMAT, shardText, WHOLE, type Shard, type ShardFile, type ShardSource } from '../../sim/kernel/shards.ts';
import { stringOption, type ParsedValues } from './args.ts';
import { writeFileAtomic } from './context.ts';
import { CliError, UsageError, type CliIo } from './io.ts';

export const PODPLAN_VERSION: string = packageJson.version;

export const SHARD_OPTION = {
  type: 'string',
  valueName: 'i/n',
  description: 'Run shard i of n (0-based, as JOB_COMPLETION_INDEX): the units whose index is ≡ i (mod n). Default: all of them.',
} as const;

/** --shard i/n, refused naming the value and the valid range; absent = the whole sweep. */
export function shardOption(values: ParsedValues, hint: string): { shard: Shard; given: boolean } {
  const text = stringOption(values, 'shard');
  if (text === undefined) return { shard: WHOLE, given: false };
  const parsed = parseShard(text);
  if ('problem' in parsed) throw new UsageError(`--shard ${parsed.problem}.`, hint);
  return { shard: parsed.shard, given: true };
}

/** A sweep's identity: sha256 over its parts, each length-prefixed so no two lists of parts hash alike. */
export class SweepHash {
  private readonly hash = createHash('sha256');

  add(part: string | Uint8Array): this {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    this.hash.update(`${bytes.length}:`);
    this.hash.update(bytes);
    return this;
  }

  /** Streams a file in (a trace may be hundreds of MB). */
  async addFile(file: string): Promise<this> {
    const size = (await stat(file)).size;
    this.hash.update(`${size}:`);
    for await (const chunk of createReadStream(file)) this.hash.update(chunk as Buffer);
    return this;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

export const shardFileName = (shard: Shard): string => `shard-${shard.index}-of-${shard.count}.json`;

/** Writes `text` as DIR/name (DIR created when missing; temp file + rename), or to stdout for `-`; returns where it went. */
export async function writeSweepOutput(out: string, name: string, text: string, io: CliIo): Promise<string> {
  if (out === '-') {
    io.stdout(text);
    return 'stdout';
  }
  const dir = path.resolve(io.cwd, out);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new CliError(`Cannot create the directory --out ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { code: 'write' });
  }
  return writeFileAtomic(path.join(dir, name), text, io);
}

const ShardEnvelopeSchema = z.object({
  format: z.literal(SHARD_FORMAT),
  version: z.literal(1),
  header: z.looseObject({ kind: z.enum(['gpu-policy-sweep', 'crossover']), sweep: z.string(), podplan: z.string() }),
  shard: z.object({ index: z.number().int().min(0), count: z.number().int().min(1) }).refine((s) => s.index < s.count, 'index must be below count'),
  units: z.array(z.looseObject({ index: z.number().int().min(0) })),
});

export type AnyShard = ShardSource<{ kind: 'gpu-policy-sweep' | 'crossover'; sweep: string; podplan: string }, { index: number }>;

/** A value that claims to be a shard (its `format` says so) but is not a valid one: its problems with their paths. */
function shardProblems(value: unknown): string | null {
  const parsed = ShardEnvelopeSchema.safeParse(value);
  if (parsed.success) return null;
  return parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
}

const looksLikeShard = (value: unknown): boolean => value !== null && typeof value === 'object' && (value as { format?: unknown }).format === SHARD_FORMAT;

/** The shards in one file: a shard file, or a log with one shard document per line among other lines. */
function shardsInText(text: string, name: string): AnyShard[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new CliError(`${name} is empty: no shard to merge.`, { code: 'no-shards' });
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  const found: AnyShard[] = [];
  const take = (value: unknown, source: string) => {
    const problem = shardProblems(value);
    if (problem) throw new CliError(`${source} is not a valid sweep shard: ${problem}.`, { code: 'bad-shard' });
    found.push({ source, file: value as AnyShard['file'] });
  };
  if (whole !== undefined) {
    if (!looksLikeShard(whole)) throw new CliError(`${name} is JSON but not a sweep shard (no "format": "${SHARD_FORMAT}"); a merged result is not merged again.`, { code: 'bad-shard' });
    take(whole, name);
    return found;
  }
  // A log: `kubectl logs` of the Job's pods, where each pod printed its shard on one line of stdout.
  const lines = text.split('\n');
  let cut = false;
  lines.forEach((line, i) => {
    // `kubectl logs --prefix` and `--timestamps` put "[pod/…] " and a time before the document: it starts at its first "{".
    const start = line.indexOf('{');
    if (start < 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line.slice(start));
    } catch {
      if (line.includes(`"format":"${SHARD_FORMAT}"`)) cut = true;
      return;
    }
    if (looksLikeShard(value)) take(value, `${name} line ${i + 1}`);
  });
  if (found.length === 0) {
    const why = cut ? ' One line starts a shard but is not whole JSON: the file or the log was cut short (copy it again).' : '';
    throw new CliError(`${name} holds no sweep shard: neither a shard file nor a log with one shard (a line of JSON with "format": "${SHARD_FORMAT}").${why}`, { code: 'no-shards' });
  }
  return found;
}

/** Every shard in the given files and directories (a directory: its shard-*-of-*.json files). */
export async function readShards(paths: readonly string[], io: CliIo): Promise<AnyShard[]> {
  const shards: AnyShard[] = [];
  for (const given of paths) {
    const full = path.resolve(io.cwd, given);
    let info;
    try {
      info = await stat(full);
    } catch {
      throw new CliError(`Cannot read ${given}: no such file or directory.`, { code: 'not-found' });
    }
    const files: string[] = [];
    if (info.isDirectory()) {
      const names = (await readdir(full)).filter((n) => /^shard-\d+-of-\d+\.json$/.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      if (names.length === 0) throw new CliError(`${given} holds no shard files (shard-<i>-of-<n>.json).`, { code: 'no-shards' });
      files.push(...names.map((n) => path.join(given, n)));
    } else {
      files.push(given);
    }
    for (const file of files) shards.push(...shardsInText(await readFile(path.resolve(io.cwd, file), 'utf8'), file));
  }
  return shards;
}

/** The shards' kind, when they are all of one. */
export function shardKind(shards: readonly AnyShard[]): 'gpu-policy-sweep' | 'crossover' {
  const kinds = [...new Set(shards.map((s) => s.file.header.kind))];
  if (kinds.length > 1) {
    const of = (k: string) => shards.find((s) => s.file.header.kind === k)!.source;
    throw new CliError(`The shards are of different kinds of sweep: ${kinds.map((k) => `${of(k)} is a ${k}`).join(', ')}.`, { code: 'mixed-shards' });
  }
  return kinds[0]!;
}

export function shardEnvelope<H, U extends { index: number }>(header: H, shard: Shard, units: U[]): ShardFile<H, U> {
  return { format: SHARD_FORMAT, version: 1, header, shard, units };
}

export { shardText };
