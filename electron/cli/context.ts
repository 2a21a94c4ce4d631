/**
 * What several commands share: where the repository and the data directory
 * are, opening the store, reading and writing scenario files.
 */
import { link, open, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, openStoreInDir } from '../../data/store/data-dir.ts';
import { DatabaseVersionError, DiskFullError, isDiskFull } from '../../data/store/errors.ts';
import type { ScenarioStore } from '../../data/store/types.ts';
import { decodeScenarioBytes, MAX_SCENARIO_FILE_BYTES, ScenarioValidationError } from '../../sim/scenario/index.ts';
import type { OptionSpec, ParsedValues } from './args.ts';
import { stringOption } from './args.ts';
import { CliError, type CliIo } from './io.ts';

/** The repository (or installed package) root: `electron/cli/` is two levels down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where `npm run build:renderer` puts the UI. */
export const RENDERER_DIR = path.join(PACKAGE_ROOT, 'dist', 'renderer');

export const DATA_DIR_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'DIR',
  description: 'Directory of podplan.db (default $XDG_DATA_HOME/podplan, else ~/.local/share/podplan).',
};

export function resolveDataDir(values: ParsedValues, io: CliIo): string {
  const flag = stringOption(values, 'data-dir');
  if (flag !== undefined) {
    if (flag.trim() === '') throw new CliError('--data-dir must not be empty.');
    return path.resolve(io.cwd, flag);
  }
  return defaultDataDir(io.env);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens (creating when missing) the database in `dir`; a foreign or newer database is a clear failure. */
export function openStore(dir: string): ScenarioStore {
  try {
    return openStoreInDir(dir);
  } catch (error) {
    if (error instanceof DatabaseVersionError) throw new CliError(error.message, { code: 'database-version' });
    if (isDiskFull(error)) throw new DiskFullError(path.join(dir, 'podplan.db'), dir);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`Cannot open the Podplan database in ${dir}: ${describe(error)}${code ? ` (${code})` : ''}`, { code: 'database' });
  }
}

/** Runs `fn` with an open store and always closes it. */
export async function withStore<T>(dir: string, fn: (store: ScenarioStore) => T | Promise<T>): Promise<T> {
  const store = openStore(dir);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

const tooLargeFile = (name: string): CliError =>
  new CliError(`${name} is larger than ${MAX_SCENARIO_FILE_BYTES / (1024 * 1024)} MB; a Podplan scenario is far smaller. Nothing was read.`, {
    code: 'too-large',
  });

/** The bytes of a scenario file (or stdin for `-`), refusing oversized input before reading it. */
export async function readScenarioBytes(file: string, io: CliIo): Promise<{ bytes: Uint8Array; name: string }> {
  if (file === '-') return { bytes: await io.readStdin(MAX_SCENARIO_FILE_BYTES), name: 'stdin' };
  const full = path.resolve(io.cwd, file);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(full, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw new CliError(`${file} is a directory, not a .podplan.json file.`, { code: 'not-a-file' });
    if (info.size > MAX_SCENARIO_FILE_BYTES) throw tooLargeFile(file);
    return { bytes: await handle.readFile(), name: file };
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`Cannot read ${file}: no such file.`, { code: 'not-found' });
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`Cannot read ${file}: permission denied.`, { code: 'permission' });
    if (code === 'EISDIR') throw new CliError(`${file} is a directory, not a .podplan.json file.`, { code: 'not-a-file' });
    throw new CliError(`Cannot read ${file}: ${describe(error)}`, { code: 'read' });
  } finally {
    await handle?.close();
  }
}

/**
 * The text of a scenario file (or stdin for `-`): strict UTF-8, a leading
 * byte-order mark dropped. Bytes that are not UTF-8 are refused with the
 * offset of the first bad one, never replaced in silence.
 */
export async function readScenarioFile(file: string, io: CliIo): Promise<{ text: string; name: string }> {
  const { bytes, name } = await readScenarioBytes(file, io);
  try {
    return { text: decodeScenarioBytes(bytes), name };
  } catch (error) {
    if (error instanceof ScenarioValidationError) throw new CliError(`${name}: ${error.message}`, { code: error.code });
    throw error;
  }
}

/**
 * Writes through a temporary file and a rename, so a crash never leaves half
 * a file behind. With `overwrite: false` an existing file is kept (a hard
 * link instead of the rename, so the check and the write are one step).
 */
export async function writeFileAtomic(file: string, text: string, io: CliIo, options: { overwrite?: boolean } = {}): Promise<string> {
  const full = path.resolve(io.cwd, file);
  const temp = `${full}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    if (options.overwrite === false) {
      await link(temp, full);
      await unlink(temp);
    } else {
      await rename(temp, full);
    }
    return full;
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${file} already exists: add --force to replace it.`, { code: 'exists' });
    if (isDiskFull(error)) throw new DiskFullError(full, path.dirname(full));
    if (code === 'ENOENT') throw new CliError(`Cannot write ${file}: its directory does not exist.`, { code: 'write' });
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`Cannot write ${file}: permission denied.`, { code: 'permission' });
    if (code === 'EISDIR') throw new CliError(`Cannot write ${file}: it is a directory.`, { code: 'write' });
    throw new CliError(`Cannot write ${file}: ${describe(error)}`, { code: 'write' });
  }
}
