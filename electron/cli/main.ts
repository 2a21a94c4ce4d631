/**
 * The `podplan` command line. `bin/podplan.mjs` makes sure it runs on Node 24
 * and calls `runCli`; tests call `main` with their own `CliIo`.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { DiskFullError, isDiskFull } from '../../data/store/errors.ts';
import { redactSecrets } from '../cluster/redact.ts';
// The error class alone, not the scenario module (its schema and zod): `--version` loads none of it.
import { ScenarioValidationError } from '../../sim/scenario/errors.ts';
import { column, closest, formatHelp, parseArgs, wantsHelp } from './args.ts';
import type { Command, CommandEntry, GroupEntry } from './command.ts';
import { markStartup } from './startup-trace.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, jsonLine, processIo, UsageError, type CliIo } from './io.ts';

/** A subcommand of `podplan scenarios`: the four share one module. */
async function scenariosCommand(name: string): Promise<Command> {
  const command = (await import('./commands/scenarios.ts')).scenariosGroup.subcommands[name];
  if (!command) throw new Error(`No scenarios subcommand "${name}".`);
  return command;
}

/**
 * Every command, cheap to list: a summary and a loader per command, so only
 * the command that runs loads its module (see `CommandEntry`). Registering a
 * command is one entry here: `name: { summary, load }` (with `subcommands`
 * beside them for `podplan name sub`), or a `GroupEntry` for a name that only
 * groups subcommands. The summary is the command's `spec.summary`, word for word.
 */
export const COMMANDS: Readonly<Record<string, CommandEntry | GroupEntry>> = {
  serve: {
    summary: 'Run Podplan in your browser: the UI and its API on this machine only, behind a per-launch access token.',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  scenarios: {
    path: 'podplan scenarios',
    summary: 'List, show, export and import the scenarios in the Podplan database.',
    subcommands: {
      list: { summary: 'List the saved scenarios, most recently updated first.', load: () => scenariosCommand('list') },
      show: { summary: 'Show one scenario: its teams and positions (with --json, the stored record).', load: () => scenariosCommand('show') },
      export: { summary: 'Write a scenario as a .podplan.json file (to stdout unless --out names a file).', load: () => scenariosCommand('export') },
      import: { summary: 'Store a .podplan.json file as a new scenario (a new id every time; older file versions are upgraded).', load: () => scenariosCommand('import') },
    },
  },
  validate: {
    summary: 'Check a .podplan.json scenario file: UTF-8, JSON, schema version (older versions are upgraded in memory), every field, and the quota policy as export checks it.',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
  cost: {
    summary: 'Cost of a scenario file: per team, per month along the phase plan, GPU spend, totals and the budget cap.',
    load: async () => (await import('./commands/cost.ts')).costCommand,
  },
  export: {
    summary: "Write the Kubernetes manifests of a scenario's quota policy: one YAML file, or a kustomize directory.",
    load: async () => (await import('./commands/export.ts')).exportCommand,
  },
  diff: {
    summary: 'Show what applying a scenario would change on a cluster (server-side dry-run; nothing is changed).',
    load: async () => (await import('./commands/diff.ts')).diffCommand,
  },
  apply: {
    summary: "Apply a scenario's quota policy to a cluster (server-side apply, in dependency order, with progress).",
    load: async () => (await import('./commands/apply.ts')).applyCommand,
  },
  import: {
    summary: "Read a cluster's live quota policy (Kueue queues, quotas, priority classes, GPU nodes) into a new .podplan.json file.",
    load: async () => (await import('./commands/import.ts')).importCommand,
    subcommands: {
      workloads: {
        summary: "Read the cluster's Kueue Workloads (submit, admission, finish) into a trace CSV to replay under a policy.",
        load: async () => (await import('./commands/import-workloads.ts')).importWorkloadsCommand,
      },
    },
  },
  simulate: {
    path: 'podplan simulate',
    summary: 'Run a simulator on a scenario file.',
    subcommands: {
      delivery: {
        summary: 'Delivery simulation: time to production of AI initiatives, centralized vs pods vs pods + platform.',
        load: async () => (await import('./commands/simulate-delivery.ts')).simulateDeliveryCommand,
      },
      gpu: {
        summary: "Simulate GPU scheduling under the scenario's Kueue policy: waits, borrowing, preemptions, SLOs, fragmentation.",
        load: async () => (await import('./commands/simulate-gpu.ts')).simulateGpuCommand,
      },
    },
  },
  history: {
    path: 'podplan history',
    summary: 'Delivery history from tracker exports, for calibration.',
    subcommands: {
      import: {
        summary: 'Read a tracker export (cycle-data, Jira, Linear, GitHub Projects, transitions CSV) into a delivery history for calibration.',
        load: async () => (await import('./commands/history-import.ts')).historyImportCommand,
      },
    },
  },
  calibrate: {
    summary: "Fit the delivery model's parameters to your delivery history, and back-test them.",
    load: async () => (await import('./commands/calibrate.ts')).calibrateCommand,
  },
  crossover: {
    summary: 'Where pods overtake the centralized design: P85 and cost per initiative over demand and headcount.',
    load: async () => (await import('./commands/crossover.ts')).crossoverCommand,
  },
  sweep: {
    summary: 'Sweep GPU policies × seeds, whole or one shard of it (merge shards with "podplan sweep merge").',
    load: async () => (await import('./commands/sweep.ts')).sweepCommand,
    subcommands: {
      merge: { summary: 'Merge the shards of a sweep (or a crossover) into the result of one unsharded run, byte for byte.', load: async () => (await import('./commands/sweep-merge.ts')).sweepMergeCommand },
      job: { summary: "Write a Kubernetes Indexed Job (and its inputs' ConfigMap) that runs a sweep's shards as pods.", load: async () => (await import('./commands/sweep-job.ts')).sweepJobCommand },
    },
  },
  report: {
    summary: 'A decision report of 1–4 scenario files: HTML, PDF, slides (pptx), Markdown or CSV.',
    load: async () => (await import('./commands/report.ts')).reportCommand,
  },
};

// A group has no loader of its own; a command may still carry subcommands (`import` and `import workloads`).
const isGroup = (entry: CommandEntry | GroupEntry): entry is GroupEntry => !('load' in entry);

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
      for (const [sub, command] of Object.entries(entry.subcommands)) lines.push(column(`${name} ${sub}`, command.summary));
    } else {
      lines.push(column(name, entry.summary));
      for (const [sub, command] of Object.entries(entry.subcommands ?? {})) lines.push(column(`${name} ${sub}`, command.summary));
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

function groupHelp(group: GroupEntry): string {
  const lines = [`Usage: ${group.path} <subcommand> [options]`, '', group.summary, '', 'Subcommands:'];
  for (const [name, command] of Object.entries(group.subcommands)) lines.push(column(name, command.summary));
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

  let chosen: CommandEntry;
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
    chosen = found;
    args = subArgs;
  } else if (rest[0] !== undefined && entry.subcommands?.[rest[0]]) {
    chosen = entry.subcommands[rest[0]]!;
    args = rest.slice(1);
  } else {
    // "podplan sweep mrege …": a word close to a subcommand that names no file is a typo, not the command's FILE.
    const word = rest[0];
    const subcommands = Object.keys(entry.subcommands ?? {});
    if (word !== undefined && subcommands.length > 0 && /^[a-z][a-z-]*$/.test(word) && !existsSync(word) && closest(word, subcommands)) {
      throw unknown(`subcommand of podplan ${first}`, word, subcommands, `podplan ${first}`);
    }
    chosen = entry;
    args = rest;
  }
  const command = await chosen.load();
  markStartup(`${command.spec.path} loaded`);
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
