/**
 * The `podplan` command line. `bin/podplan.mjs` makes sure it runs on Node 24
 * and calls `runCli`; tests call `main` with their own `CliIo`.
 */
import { dirname } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { DiskFullError, isDiskFull } from '../../data/store/errors.ts';
import { redactSecrets } from '../cluster/redact.ts';
import { ScenarioValidationError } from '../../sim/scenario/index.ts';
import { column, closest, formatHelp, parseArgs, wantsHelp } from './args.ts';
import type { Command, CommandGroup } from './command.ts';
import { applyCommand } from './commands/apply.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { costCommand } from './commands/cost.ts';
import { crossoverCommand } from './commands/crossover.ts';
import { diffCommand } from './commands/diff.ts';
import { exportCommand } from './commands/export.ts';
import { historyGroup } from './commands/history.ts';
import { importCommand } from './commands/import.ts';
import { reportCommand } from './commands/report.ts';
import { scenariosGroup } from './commands/scenarios.ts';
import { serveCommand } from './commands/serve.ts';
import { simulateGroup } from './commands/simulate.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, jsonLine, processIo, UsageError, type CliIo } from './io.ts';

const COMMANDS: Record<string, Command | CommandGroup> = {
  serve: serveCommand,
  scenarios: scenariosGroup,
  validate: validateCommand,
  cost: costCommand,
  export: exportCommand,
  diff: diffCommand,
  apply: applyCommand,
  import: importCommand,
  simulate: simulateGroup,
  history: historyGroup,
  calibrate: calibrateCommand,
  crossover: crossoverCommand,
  sweep: sweepCommand,
  report: reportCommand,
};

// A group has no spec of its own; a command may still carry subcommands (`import` and `import workloads`).
const isGroup = (entry: Command | CommandGroup): entry is CommandGroup => !('spec' in entry);

function topHelp(): string {
  const lines = [
    'Usage: podplan <command> [options]',
    '',
    'Podplan: plan AI org designs, delivery timelines and GPU quota policies.',
    '',
    'Commands:',
  ];
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (isGroup(entry)) {
      for (const [sub, command] of Object.entries(entry.subcommands)) lines.push(column(`${name} ${sub}`, command.spec.summary));
    } else {
      lines.push(column(name, entry.spec.summary));
      for (const [sub, command] of Object.entries(entry.subcommands ?? {})) lines.push(column(`${name} ${sub}`, command.spec.summary));
    }
  }
  lines.push(
    '',
    'Every command takes --help, and --json for machine-readable output on stdout.',
    '',
    'Options:',
    column('-h, --help', 'Show this help.'),
    column('    --version', 'Print the Podplan version.'),
    '',
    'Exit codes: 0 ok, 1 failure, 2 usage error; "podplan diff" exits 3 when the cluster differs from the plan.',
  );
  return `${lines.join('\n')}\n`;
}

function groupHelp(group: CommandGroup): string {
  const lines = [`Usage: ${group.path} <subcommand> [options]`, '', group.summary, '', 'Subcommands:'];
  for (const [name, command] of Object.entries(group.subcommands)) lines.push(column(name, command.spec.summary));
  lines.push('', `Run "${group.path} <subcommand> --help" for its options.`);
  return `${lines.join('\n')}\n`;
}

function unknown(kind: string, word: string, candidates: string[], helpCommand: string): UsageError {
  const suggestion = closest(word, candidates);
  return new UsageError(`Unknown ${kind} "${word}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, `Run "${helpCommand} --help" for the list.`);
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(topHelp());
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(topHelp());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw new UsageError(`Unknown option ${first}: options go after the command.`, 'Run "podplan --help" for the list of commands.');
  const entry = COMMANDS[first];
  if (!entry) throw unknown('command', first, Object.keys(COMMANDS), 'podplan');

  let command: Command;
  let args: string[];
  if (isGroup(entry)) {
    const [sub, ...subArgs] = rest;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      (sub === undefined ? io.stderr : io.stdout)(groupHelp(entry));
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (sub.startsWith('-')) throw new UsageError(`${entry.path} needs a subcommand before its options (got "${sub}").`, `Run "${entry.path} --help" for the list.`);
    const found = entry.subcommands[sub];
    if (!found) throw unknown(`subcommand of ${entry.path}`, sub, Object.keys(entry.subcommands), entry.path);
    command = found;
    args = subArgs;
  } else if (rest[0] !== undefined && entry.subcommands?.[rest[0]]) {
    command = entry.subcommands[rest[0]]!;
    args = rest.slice(1);
  } else {
    command = entry;
    args = rest;
  }
  if (wantsHelp(args)) {
    io.stdout(formatHelp(command.spec));
    return EXIT_OK;
  }
  return command.run(parseArgs(command.spec, args), io);
}

function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const json = jsonRequested(argv);
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      if (json) io.stdout(jsonLine({ error: { code: 'usage', message: error.message } }));
      io.stderr(`podplan: ${error.message}\n${error.hint}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CliError || error instanceof ScenarioValidationError) {
      const { code } = error;
      const details = error instanceof CliError ? error.details : {};
      if (json) io.stdout(jsonLine({ error: { code, message: error.message, issues: error.issues, ...details } }));
      io.stderr(`podplan: ${error.message}\n`);
      for (const issue of error.issues) if (issue.path) io.stderr(`  ${issue.path}: ${issue.message}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof DiskFullError || isDiskFull(error)) {
      const file = error instanceof DiskFullError ? undefined : (error as NodeJS.ErrnoException).path;
      const message = error instanceof DiskFullError ? error.message : file ? new DiskFullError(file, dirname(file)).message : 'The disk is full; nothing was lost; free space and retry.';
      if (json) io.stdout(jsonLine({ error: { code: 'disk-full', message } }));
      io.stderr(`podplan: ${message}\n`);
      return EXIT_FAILURE;
    }
    // Whatever it was, it may quote a server or a file: no token leaves through it.
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    if (json) io.stdout(jsonLine({ error: { code: 'internal', message } }));
    io.stderr(`podplan: unexpected error: ${message}\n`);
    if (io.env.PODPLAN_DEBUG && error instanceof Error && error.stack) io.stderr(`${redactSecrets(error.stack)}\n`);
    return EXIT_FAILURE;
  }
}

/** Entry point for `bin/podplan.mjs`: real stdio, real signals, sets the exit code. */
export async function runCli(argv: string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await main(argv);
}
