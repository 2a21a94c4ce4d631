/**
 * A delivery history as the CLI reads it, the same way for
 * `podplan history import` and `podplan calibrate`: a tracker export through
 * `sim/history`'s streaming importer (format detection, bad rows by line,
 * progress on big files), a mapping file, and the reasons a file is refused.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectHistoryFile, importHistoryFile } from '../../data/history/read.ts';
import { progressClock } from '../../data/traces/progress.ts';
import { parseMappingFile, type HistoryFormat, type HistoryImportResult, type HistoryMapping, type OnBadRow } from '../../sim/history/index.ts';
import { CliError, type CliIo } from './io.ts';

/** Bad rows listed on stderr; the rest counted (all are in the history's `skipped`). */
export const SHOWN_PROBLEMS = 20;

/** The file's full path, or a CliError when it is missing or not a file. */
export async function historyInputFile(name: string, io: CliIo): Promise<string> {
  const file = path.resolve(io.cwd, name);
  try {
    if (!(await stat(file)).isFile()) throw new CliError(`${name} is not a file.`, { code: 'not-a-file' });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`, { code: 'not-found' });
  }
  return file;
}

export interface ImportedExport extends HistoryImportResult {
  history: NonNullable<HistoryImportResult['history']>;
  format: HistoryFormat;
}

/**
 * Imports a tracker export (the format given, else detected from its
 * header), with progress on stderr for big files. A file that is no CSV
 * export, whose format cannot be told, that is refused or whose import was
 * aborted at a bad row is a CliError (the bad rows before it on stderr);
 * `nothing` says what was not done ("Nothing was written.").
 */
export async function importHistoryExport(name: string, file: string, options: { format?: HistoryFormat | undefined; onBadRow: OnBadRow; nothing: string; formatFlag: string }, io: CliIo): Promise<ImportedExport> {
  const detected = await detectHistoryFile(file, name);
  if ('notCsv' in detected) throw new CliError(`${name}: ${detected.notCsv}. ${options.nothing}`, { code: 'history-not-csv', details: { line: detected.line } });
  if (!options.format && detected.format === undefined) throw new CliError(`${detected.why.replace('choose the format', `add ${options.formatFlag}`)}.`, { code: 'history-format' });
  const format = options.format ?? detected.format!;
  const due = progressClock(() => performance.now());
  const result = await importHistoryFile(file, { format, source: path.basename(file), onBadRow: options.onBadRow }, (p) => {
    if (due() === null) return;
    const mb = (n: number) => (n / 1e6).toFixed(n < 1e7 ? 1 : 0);
    io.stderr(`Importing ${path.basename(file)}… ${p.totalBytes ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100}% (${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB, ${p.rows.toLocaleString('en')} rows)\n`);
  });
  const failed = result.refused
    ? new CliError(`${name} cannot be imported: ${result.refused.message}. ${options.nothing}`, { code: 'history-refused', details: { line: result.refused.line } })
    : result.aborted
      ? new CliError(`Stopped at ${name} line ${result.aborted.line}: ${result.aborted.message} (--on-bad-row abort). ${options.nothing}`, { code: 'history-aborted', details: { line: result.aborted.line } })
      : undefined;
  if (failed || !result.history) {
    for (const p of result.problems.slice(0, SHOWN_PROBLEMS)) if (p.line !== result.aborted?.line) io.stderr(`${name} line ${p.line}: ${p.message}\n`);
    throw failed ?? new CliError(`${name} cannot be imported. ${options.nothing}`, { code: 'history-refused' });
  }
  return { ...result, history: result.history, format };
}

/** The bad rows an import skipped, on stderr: the first SHOWN_PROBLEMS by line, the rest counted. */
export function reportSkippedRows(name: string, result: HistoryImportResult, io: CliIo): void {
  for (const p of result.problems.slice(0, SHOWN_PROBLEMS)) io.stderr(`${name} line ${p.line}: ${p.message} (skipped)\n`);
  const skipped = result.problems.length + result.moreProblems;
  if (skipped > SHOWN_PROBLEMS) io.stderr(`…and ${skipped - SHOWN_PROBLEMS} more bad rows (all listed in the history's "skipped")\n`);
}

/** A mapping file (`{"statuses": …, "sizes": …, "areas": …}`) over `base`; a CliError naming `flag` when it cannot be read or is no mapping. */
export async function readMappingFile(mapFile: string, base: HistoryMapping, flag: string, io: CliIo): Promise<HistoryMapping> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path.resolve(io.cwd, mapFile), 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read ${flag} ${mapFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}.`, { code: 'map-file' });
  }
  const read = parseMappingFile(json, base);
  if (read.errors.length) throw new CliError(`${flag} ${mapFile} is not a mapping:`, { code: 'map-file', issues: read.errors.map((message) => ({ path: mapFile, message })) });
  return read.mapping;
}
