/** An in-memory `CliIo` for running `main()` inside a test. */
import type { CliIo } from './io.ts';
import { main } from './main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface MemoryIoOptions {
  cwd: string;
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  /** Resolves when the test wants a running `serve` to stop. */
  shutdown?: Promise<string>;
  onStdout?: (text: string) => void;
  /** Sees each progress line or message as it is written (a test can act on a state, e.g. Ctrl+C once a run is under way). */
  onStderr?: (text: string) => void;
  /** What the terminal answers to a prompt; unset = no terminal (prompt resolves null). */
  answer?: string;
  /** Questions asked, for the test to check. */
  prompts?: string[];
}

export function memoryIo(options: MemoryIoOptions): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => {
      out.push(text);
      options.onStdout?.(text);
    },
    stderr: (text) => {
      err.push(text);
      options.onStderr?.(text);
    },
    readStdin: async () => Buffer.from(options.stdin ?? '', 'utf8'),
    env: options.env ?? {},
    cwd: options.cwd,
    shutdownRequested: () => options.shutdown ?? new Promise<string>(() => undefined),
    prompt: async (question) => {
      options.prompts?.push(question);
      return options.answer ?? null;
    },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

export async function runCli(argv: string[], options: MemoryIoOptions): Promise<CliRun> {
  const memory = memoryIo(options);
  const code = await main(argv, memory.io);
  return { code, stdout: memory.stdout(), stderr: memory.stderr() };
}
