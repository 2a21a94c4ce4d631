/**
 * What a command may touch of the outside world, so the same code runs as
 * the real CLI and inside tests: output streams, stdin, environment, working
 * directory, and the signal that asks a long-running command to stop.
 */
import { stderr, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';

export interface CliIo {
  /** Machine output (and the primary result for humans): JSON with `--json`. */
  stdout(text: string): void;
  /** Human messages: progress, warnings, errors. */
  stderr(text: string): void;
  /** Reads all of stdin (for `-` as a file name), refusing more than `limit` bytes. */
  readStdin(limit: number): Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves with the signal's name when the user asks a long-running command (serve) to stop. */
  shutdownRequested(): Promise<string>;
  /**
   * Asks a question on the terminal and resolves with the answer; null when
   * nobody can answer (stdin or stderr is not a TTY). Absent = never interactive.
   */
  prompt?(question: string): Promise<string | null>;
}

/** Exit codes: 0 ok, 1 failure, 2 usage error; 3 = `diff` found changes (like `kubectl diff`'s 1, kept apart from failures). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_CHANGES = 3;

/** A mistake in how the command was called: exit 2, with a hint. */
export class UsageError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** A failure the user should read (bad file, missing scenario): exit 1, no stack trace. */
export class CliError extends Error {
  readonly code: string;
  readonly issues: ReadonlyArray<{ path: string; message: string }>;
  /** Extra members of the `--json` error object (e.g. `clusterError`). */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(
    message: string,
    options: { code?: string; issues?: ReadonlyArray<{ path: string; message: string }>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'CliError';
    this.code = options.code ?? 'failed';
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }
}

/**
 * A reader that stops early (`podplan … | head`) closes the pipe: end quietly
 * as Unix tools do on SIGPIPE, instead of an unhandled EPIPE stack trace.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export function processIo(): CliIo {
  endQuietlyOnClosedPipe(stdout);
  return {
    stdout: (text) => void stdout.write(text),
    stderr: (text) => void stderr.write(text),
    async readStdin(limit) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stdin) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        size += buffer.length;
        if (size > limit) {
          stdin.destroy();
          throw new CliError(`The input on stdin is larger than ${Math.round(limit / (1024 * 1024))} MB; a Podplan scenario is far smaller.`, {
            code: 'too-large',
          });
        }
        chunks.push(buffer);
      }
      return Buffer.concat(chunks, size);
    },
    env: process.env,
    cwd: process.cwd(),
    async prompt(question) {
      if (!stdin.isTTY || !stderr.isTTY) return null;
      const rl = createInterface({ input: stdin, output: stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    shutdownRequested() {
      return new Promise((resolve) => {
        const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
        const handler = (signal: NodeJS.Signals): void => {
          for (const s of signals) process.off(s, handler);
          resolve(signal);
        };
        for (const s of signals) process.on(s, handler);
      });
    },
  };
}

/** One JSON document on one line, for `--json`. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
