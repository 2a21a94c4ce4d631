import type { CommandSpec, ParsedArgs } from './args.ts';
import type { CliIo } from './io.ts';

/** One command: its spec (options, help) and what it does; returns the exit code. */
export interface Command {
  spec: CommandSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
  /** Commands under this one's name (`podplan import workloads`) while the bare command keeps its own options. */
  subcommands?: Record<string, Command>;
}

/** A command with subcommands (`podplan scenarios list`). */
export interface CommandGroup {
  path: string;
  summary: string;
  subcommands: Record<string, Command>;
}

/**
 * A command as the command table (main.ts) lists it: its summary, for
 * `podplan --help` and a group's help, and how to load it. A command's module
 * and its dependencies (the simulators, the cluster client, SQLite, zod) load
 * only when that command runs or shows its own help, so `podplan --version`
 * and `--help` start at once. The summary is the command's `spec.summary`
 * (a test holds them equal).
 */
export interface CommandEntry {
  summary: string;
  load(): Promise<Command>;
  /** Commands under this one's name (`podplan import workloads`), as `Command.subcommands`. */
  subcommands?: Record<string, CommandEntry>;
}

/** A name that only groups subcommands (`podplan simulate gpu`): it has no spec and runs nothing itself. */
export interface GroupEntry {
  path: string;
  summary: string;
  subcommands: Record<string, CommandEntry>;
}
