/**
 * A small argument parser: long options (`--port 8080`, `--port=8080`),
 * short aliases, booleans, `--` to end options, `-` as a positional (stdin
 * or stdout). Unknown options and missing values are usage errors (exit 2)
 * with a "did you mean" hint.
 */
import { UsageError } from './io.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in help: `--port N`. */
  valueName?: string;
  /** A string option that may be given more than once; its value is the list, in order. */
  repeatable?: boolean;
  description: string;
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  description: string;
  /** The last positional may take several values (`podplan sweep merge DIR…`). */
  variadic?: boolean;
}

export interface CommandSpec {
  /** `podplan scenarios export` */
  path: string;
  summary: string;
  /** Shown after the usage line. */
  details?: string[];
  options: Record<string, OptionSpec>;
  positionals: PositionalSpec[];
  examples?: string[];
  /** The help's last line, for commands with more exit codes than 0, 1 and 2. */
  exitCodes?: string;
}

export type ParsedValues = Record<string, string | string[] | boolean | undefined>;

export interface ParsedArgs {
  values: ParsedValues;
  positionals: string[];
}

/** Every command takes these. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h', description: 'Show this help and exit.' },
  json: { type: 'boolean', description: 'Machine-readable JSON on stdout; human messages stay on stderr.' },
} as const satisfies Record<string, OptionSpec>;

export function helpHint(spec: Pick<CommandSpec, 'path'>): string {
  return `Run "${spec.path} --help" for usage.`;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Whether `--help`/`-h` appears before any `--`; help wins over every other mistake. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const values: ParsedValues = {};
  const positionals: string[] = [];
  const names = Object.keys(spec.options);
  const byShort = new Map(Object.entries(spec.options).flatMap(([name, option]) => (option.short ? [[option.short, name] as const] : [])));
  const hint = helpHint(spec);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      if (!(name in spec.options)) {
        const suggestion = closest(name, names);
        throw new UsageError(`Unknown option --${name} for ${spec.path}.${suggestion ? ` Did you mean --${suggestion}?` : ''}`, hint);
      }
    } else {
      const letter = arg.slice(1, 2);
      name = byShort.get(letter);
      if (!name || arg.length > 2) throw new UsageError(`Unknown option ${arg} for ${spec.path}.`, hint);
    }
    const option = spec.options[name];
    if (!option) throw new UsageError(`Unknown option --${name} for ${spec.path}.`, hint);
    if (option.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`Option --${name} takes no value (got "--${name}=${inline}").`, hint);
      values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UsageError(`Option --${name} needs a value${option.valueName ? ` (${option.valueName})` : ''}.`, hint);
      }
      value = next;
      i++;
    }
    if (option.repeatable) {
      const previous = values[name];
      values[name] = [...(Array.isArray(previous) ? previous : []), value];
    } else {
      values[name] = value;
    }
  }

  const required = spec.positionals.filter((p) => p.required).length;
  if (positionals.length < required) {
    const missing = spec.positionals.slice(positionals.length).filter((p) => p.required).map((p) => p.name);
    throw new UsageError(`Missing ${missing.join(' and ')} for ${spec.path}.`, hint);
  }
  if (positionals.length > spec.positionals.length && !spec.positionals.at(-1)?.variadic) {
    const extra = positionals.slice(spec.positionals.length);
    throw new UsageError(`Unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `"${a}"`).join(', ')} for ${spec.path}.`, hint);
  }
  return { values, positionals };
}

export function stringOption(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a repeatable option, in order (empty when not given). */
export function stringListOption(values: ParsedValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** `  name                    description`, never running the two together. */
export function column(left: string, right: string, width = 26): string {
  return `  ${left.length >= width ? `${left}  ` : left.padEnd(width)}${right}`;
}

export function formatHelp(spec: CommandSpec): string {
  const positionals = spec.positionals.map((p) => `${p.required ? p.name : `[${p.name}]`}${p.variadic ? '…' : ''}`).join(' ');
  const lines = [`Usage: ${spec.path}${positionals ? ` ${positionals}` : ''} [options]`, '', spec.summary];
  if (spec.details?.length) lines.push('', ...spec.details);
  if (spec.positionals.length) {
    lines.push('', 'Arguments:');
    for (const p of spec.positionals) lines.push(column(p.name, p.description));
  }
  lines.push('', 'Options:');
  for (const [name, option] of Object.entries(spec.options)) {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.valueName ? ` ${option.valueName}` : ''}`;
    lines.push(column(flag, `${option.description}${option.repeatable ? ' Repeatable.' : ''}`));
  }
  if (spec.examples?.length) lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  lines.push('', spec.exitCodes ?? 'Exit codes: 0 ok, 1 failure, 2 usage error.');
  return `${lines.join('\n')}\n`;
}
