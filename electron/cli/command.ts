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
