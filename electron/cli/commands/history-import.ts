/**
 * `podplan history import FILE --out history.json`: a tracker's export
 * (cycle-data, Jira changelog, Linear, GitHub Projects, status transitions)
 * as the delivery history the calibration reads, with the status, type and
 * area mapping (guessed from the names, then --map-file, then --map).
 * Streams the file (progress on stderr for big ones); says what it read,
 * skipped and left unmapped.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { detectHistoryFile, importHistoryFile } from '../../../data/history/read.ts';
import { progressClock } from '../../../data/traces/progress.ts';
import {
  HISTORY_FORMATS,
  historyCounts,
  historySpan,
  mappingIssues,
  meaningText,
  parseMappingArgs,
  parseMappingFile,
  type DeliveryHistory,
  type HistoryFormat,
  type HistoryImportResult,
  type HistoryMapping,
  type OnBadRow,
} from '../../../sim/history/index.ts';
import { COMMON_OPTIONS, helpHint, stringListOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { writeFileAtomic } from '../context.ts';
import { CliError, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';

const spec: CommandSpec = {
  path: 'podplan history import',
  summary: 'Read a tracker export (cycle-data, Jira, Linear, GitHub Projects, transitions CSV) into a delivery history for calibration.',
  details: [
    `Formats (--format, detected from the header when absent): ${HISTORY_FORMATS.join(', ')}; sim/history/README.md lists the columns each reads.`,
    'Each status gets a meaning: a model stage (discovery, data, model, application, infrastructure, integration, deploy), wait:TEAM (a hand-off queue),',
    'backlog, done or ignore; first guessed from its name, then --map-file, then each --map. Types map to sizes (small, medium, large); areas to pods.',
    'Bad rows are reported with their line and skipped (--on-bad-row skip, the default) or stop the import (abort). Items still open are kept.',
  ],
  options: {
    ...COMMON_OPTIONS,
    format: { type: 'string', valueName: 'F', description: `The export's layout: ${HISTORY_FORMATS.join(' | ')} (default: detected).` },
    map: { type: 'string', valueName: 'SPEC', repeatable: true, description: '"Status=stage", "Ready for AI=wait:Central AI", "Status=backlog|done|ignore", "type:Epic=large", "area:Search=pod-2".' },
    'map-file': { type: 'string', valueName: 'FILE', description: 'A JSON mapping: {"statuses": {...}, "sizes": {...}, "areas": {...}} (before --map).' },
    'on-bad-row': { type: 'string', valueName: 'skip|abort', description: 'Skip bad rows (listed with their line) or stop at the first (default skip).' },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'The history JSON to write (required; - for stdout).' },
    force: { type: 'boolean', description: 'Replace FILE if it exists.' },
  },
  positionals: [{ name: 'FILE', required: true, description: 'The export (CSV or TSV, UTF-8).' }],
  examples: [
    'podplan history import cycle-data.csv --out history.json',
    'podplan history import jira-changelog.csv --map "Ready for AI=wait:Central AI" --map "type:Spike=small" --out history.json --json',
    'podplan history import linear.csv --map-file mapping.json --on-bad-row abort --out history.json',
  ],
};

/** Bad rows listed on stderr; the rest counted (all are in the file's `skipped`). */
const SHOWN_PROBLEMS = 20;

function choice<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag}: "${value}" must be one of ${allowed.join(', ')}.`, helpHint(spec));
  return value as T;
}

async function inputFile(name: string, io: CliIo): Promise<string> {
  const file = path.resolve(io.cwd, name);
  try {
    if (!(await stat(file)).isFile()) throw new CliError(`${name} is not a file.`, { code: 'not-a-file' });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`, { code: 'not-found' });
  }
  return file;
}

async function mappingOver(base: HistoryMapping, values: ParsedArgs['values'], io: CliIo): Promise<HistoryMapping> {
  let mapping = base;
  const mapFile = stringOption(values, 'map-file');
  if (mapFile !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.resolve(io.cwd, mapFile), 'utf8'));
    } catch (error) {
      throw new CliError(`Cannot read --map-file ${mapFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}.`, { code: 'map-file' });
    }
    const read = parseMappingFile(json, mapping);
    if (read.errors.length) throw new CliError(`--map-file ${mapFile} is not a mapping:`, { code: 'map-file', issues: read.errors.map((message) => ({ path: mapFile, message })) });
    mapping = read.mapping;
  }
  const read = parseMappingArgs(stringListOption(values, 'map'), mapping);
  if (read.errors.length) throw new UsageError(read.errors.join('\n'), helpHint(spec));
  return read.mapping;
}

function refusal(result: HistoryImportResult, name: string): CliError | undefined {
  if (result.refused) return new CliError(`${name} cannot be imported: ${result.refused.message}. Nothing was written.`, { code: 'history-refused', details: { line: result.refused.line } });
  if (result.aborted) {
    const { line, message } = result.aborted;
    return new CliError(`Stopped at ${name} line ${line}: ${message} (--on-bad-row abort). Nothing was written.`, { code: 'history-aborted', details: { line } });
  }
  return undefined;
}

async function run({ values, positionals }: ParsedArgs, io: CliIo): Promise<number> {
  const name = positionals[0]!;
  const out = stringOption(values, 'out');
  if (out === undefined || out.trim() === '') throw new UsageError('podplan history import needs --out FILE (or --out - for stdout).', helpHint(spec));
  const force = values.force === true;
  const onBadRow = choice<OnBadRow>(stringOption(values, 'on-bad-row'), 'on-bad-row', ['skip', 'abort']) ?? 'skip';
  let format = choice<HistoryFormat>(stringOption(values, 'format'), 'format', HISTORY_FORMATS);
  const file = await inputFile(name, io);
  if (out !== '-' && !force && existsSync(path.resolve(io.cwd, out))) throw new CliError(`${out} already exists: add --force to replace it. Nothing was imported.`, { code: 'exists' });

  const detected = await detectHistoryFile(file, name);
  if ('notCsv' in detected) throw new CliError(`${name}: ${detected.notCsv}. Nothing was written.`, { code: 'history-not-csv', details: { line: detected.line } });
  if (!format && detected.format === undefined) throw new CliError(`${detected.why.replace('choose the format', 'add --format')}.`, { code: 'history-format' });
  format ??= detected.format!;

  const due = progressClock(() => performance.now());
  const result = await importHistoryFile(file, { format, source: path.basename(file), onBadRow }, (p) => {
    if (due() === null) return;
    const mb = (n: number) => (n / 1e6).toFixed(n < 1e7 ? 1 : 0);
    io.stderr(`Importing ${path.basename(file)}… ${p.totalBytes ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100}% (${mb(p.bytesRead)} of ${mb(p.totalBytes)} MB, ${p.rows.toLocaleString('en')} rows)\n`);
  });
  const failed = refusal(result, name);
  if (failed) {
    for (const p of result.problems.slice(0, SHOWN_PROBLEMS)) if (p.line !== result.aborted?.line) io.stderr(`${name} line ${p.line}: ${p.message}\n`);
    throw failed;
  }
  const imported = result.history!;
  const history: DeliveryHistory = { ...imported, mapping: await mappingOver(imported.mapping, values, io) };
  const issues = mappingIssues(history, history.mapping);
  const text = `${JSON.stringify(history)}\n`;
  if (out === '-') io.stdout(text);
  const written = out === '-' ? '-' : await writeFileAtomic(out, text, io, { overwrite: force });

  const counts = historyCounts(history);
  const { from, to, open } = historySpan(history);
  const summary = {
    file: written,
    source: history.source,
    format,
    items: history.items.length,
    open,
    from,
    to,
    rows: result.rows,
    statuses: history.statuses.map((status) => ({ status, items: counts.statuses.get(status) ?? 0, meaning: meaningText(history.mapping.statuses[status] ?? { kind: 'ignore' }) })),
    types: Object.fromEntries(counts.types),
    areas: Object.fromEntries(counts.areas),
    skipped: result.problems.length + result.moreProblems,
    problems: result.problems,
    outOfOrder: result.outOfOrder,
    ignoredRows: result.ignoredRows,
    mappingIssues: issues.map((i) => i.message),
  };
  if (values.json === true) (out === '-' ? io.stderr : io.stdout)(jsonLine(summary));
  for (const p of result.problems.slice(0, SHOWN_PROBLEMS)) io.stderr(`${name} line ${p.line}: ${p.message} (skipped)\n`);
  if (summary.skipped > SHOWN_PROBLEMS) io.stderr(`…and ${summary.skipped - SHOWN_PROBLEMS} more bad rows (all listed in the history's "skipped")\n`);
  if (values.json === true) return EXIT_OK;
  const lines = [
    `Wrote ${summary.items.toLocaleString('en')} items (${open.toLocaleString('en')} still open) from ${name} (${format}), ${summary.from} to ${summary.to}, to ${written === '-' ? 'stdout' : written}.`,
    `  rows read ${result.rows.toLocaleString('en')}; skipped ${summary.skipped}${result.ignoredRows ? `; ${result.ignoredRows.toLocaleString('en')} changes of other fields passed over` : ''}`,
    'Statuses in workflow order (items that entered it → meaning):',
    ...summary.statuses.map((s) => `  ${s.status}: ${s.items.toLocaleString('en')} → ${s.meaning}`),
  ];
  if (result.outOfOrder.items) lines.push(`Warning: ${result.outOfOrder.items} item(s) went back in time in the file (first on line ${result.outOfOrder.lines.join(', ')}): kept, sorted by time.`);
  const ignored = summary.statuses.filter((s) => s.meaning === 'ignore').map((s) => s.status);
  if (ignored.length) lines.push(`Ignored by the model: ${ignored.join(', ')} (map with --map "STATUS=MEANING" if they matter).`);
  for (const issue of issues) lines.push(`Warning: ${issue.message}${issue.kind === 'unmapped-status' ? ` (add --map "${issue.status}=MEANING")` : ''}.`);
  io.stderr(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

export const historyImportCommand: Command = { spec, run };
