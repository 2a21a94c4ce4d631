/**
 * `podplan calibrate SCENARIO --history FILE`: the delivery model's
 * parameters fitted from a team's own history (each with its 95% interval
 * and the source "your history: N items, from–to"), and the back-test that
 * says whether the model describes that history at all (coverage of the
 * forecast P50 and P85 on the newer third), before any forecast is trusted.
 *
 * FILE is a history JSON (`podplan history import --out`) or any export
 * `podplan history import` reads (cycle-data, Jira changelog, Linear,
 * GitHub Projects, status transitions), read by the same importer; the status
 * mapping is `--map FILE`, else the file's `<name>.mapping.json` next to it
 * (as data/histories/ ships them), else the one guessed from the names.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { backTestDelivery, type BackTest } from '../../../sim/calibration/backtest.ts';
import { calibrateDelivery, type Calibration, type FittedParameter, type FittedValue } from '../../../sim/calibration/calibrate.ts';
import { DESIGN_LABELS } from '../../../sim/delivery/design.ts';
import { DEFAULT_DELIVERY_SEED } from '../../../sim/delivery/schema.ts';
import { HISTORY_FORMATS, mappingIssues, parseHistoryJson, type DeliveryHistory, type HistoryFormat, type OnBadRow } from '../../../sim/history/index.ts';
import { parseScenarioText } from '../../../sim/scenario/index.ts';
import { COMMON_OPTIONS, helpHint, stringOption, type CommandSpec, type ParsedValues } from '../args.ts';
import type { Command } from '../command.ts';
import { readScenarioFile } from '../context.ts';
import { historyInputFile, importHistoryExport, readMappingFile, reportSkippedRows } from '../history-input.ts';
import { CliError, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';
import { BACK_TEST_TRIALS } from '../../../sim/calibration/job.ts';

const MAX_BACKTEST_TRIALS = 100_000;

const spec: CommandSpec = {
  path: 'podplan calibrate',
  summary: "Fit the delivery model's parameters to your delivery history, and back-test them.",
  details: [
    "Estimates from the history what the delivery model needs (arrival rate, size mix, effort per stage and size,",
    'hand-off cadence, rework, change failure rate), each with its 95% interval, against the scenario\'s own design;',
    'items still open are censored, not dropped. Then the back-test: fit on the older two-thirds, simulate, and',
    'compare with the newer third (a calibrated model has about 50% of items within its P50 and 85% within its P85).',
  ],
  options: {
    ...COMMON_OPTIONS,
    history: { type: 'string', valueName: 'FILE', description: 'The history: a history JSON (podplan history import --out) or a tracker export it reads.' },
    map: { type: 'string', valueName: 'FILE', description: 'Mapping JSON (default: <name>.mapping.json next to the file, else guessed from the status names).' },
    format: { type: 'string', valueName: 'F', description: `The export's layout: ${HISTORY_FORMATS.join(' | ')} (default: detected).` },
    'on-bad-row': { type: 'string', valueName: 'skip|abort', description: 'Skip bad rows (listed with their line) or stop at the first (default skip).' },
    trials: { type: 'string', valueName: 'N', description: `Back-test trials (default ${BACK_TEST_TRIALS.toLocaleString('en-US')}).` },
    seed: { type: 'string', valueName: 'S', description: `Back-test seed (default ${DEFAULT_DELIVERY_SEED}).` },
  },
  positionals: [{ name: 'SCENARIO', required: true, description: 'The scenario file (.podplan.json), or - for stdin.' }],
  examples: [
    'podplan calibrate data/samples/three-pilot-pods.podplan.json --history data/histories/synthetic-pods.transitions.csv',
    'podplan calibrate plan.podplan.json --history history.json --json | jq .backTest.coverage',
  ],
};

function wholeNumber(values: ParsedValues, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw.replaceAll('_', ''));
  if (!(raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`--${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got "${raw}").`, helpHint(spec));
  }
  return n;
}

/** `<name>.mapping.json` next to a history file (the part of its name before the first dot), as data/histories/ ships them. */
function mappingBeside(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).split('.')[0]}.mapping.json`);
}

async function readHistoryJson(name: string, file: string): Promise<DeliveryHistory> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`, { code: 'invalid-history' });
  }
  const read = parseHistoryJson(value);
  if (!read.history) throw new CliError(`${name} is not a delivery history as podplan history import --out writes it:`, { code: 'invalid-history', issues: read.errors.map((message) => ({ path: name, message })) });
  return read.history;
}

/**
 * The history and its mapping: a history JSON keeps its own mapping, an
 * export is read by sim/history's importer with the guessed one; --map FILE,
 * else `<name>.mapping.json` next to the file, replaces it. A status the
 * mapping leaves out (or no status meaning done) is refused, naming it.
 */
async function readHistory(name: string, options: { mapFile: string | undefined; format: HistoryFormat | undefined; onBadRow: OnBadRow }, io: CliIo): Promise<DeliveryHistory> {
  const file = await historyInputFile(name, io);
  const isJson = (await readFile(file)).subarray(0, 64).toString('utf8').trimStart().startsWith('{');
  let history: DeliveryHistory;
  if (isJson) history = await readHistoryJson(name, file);
  else {
    const imported = await importHistoryExport(name, file, { format: options.format, onBadRow: options.onBadRow, nothing: 'Nothing was calibrated.', formatFlag: '--format' }, io);
    reportSkippedRows(name, imported, io);
    history = imported.history;
  }
  const beside = mappingBeside(file);
  const mapFile = options.mapFile ?? (!isJson && existsSync(beside) ? beside : undefined);
  if (mapFile !== undefined) history = { ...history, mapping: await readMappingFile(mapFile, { statuses: {}, sizes: {}, areas: {} }, options.mapFile === undefined ? 'the mapping' : '--map', io) };
  const refused = mappingIssues(history, history.mapping).filter((issue) => issue.kind !== 'unknown-status');
  if (refused.length > 0) {
    const unmapped = refused.filter((issue) => issue.kind === 'unmapped-status').map((issue) => `"${issue.status}"`);
    const what = unmapped.length > 0 ? `the status mapping${mapFile ? ` ${mapFile}` : ''} does not map ${unmapped.join(', ')}` : `the status mapping${mapFile ? ` ${mapFile}` : ''} is incomplete`;
    throw new CliError(`${name}: ${what}; nothing was calibrated. Map each status to a stage, wait:TEAM, backlog, done or ignore (a mapping file, --map FILE).`, {
      code: 'unmapped-status',
      issues: refused.map((issue) => ({ path: name, message: issue.message })),
    });
  }
  return history;
}

function choice<T extends string>(values: ParsedValues, flag: string, allowed: readonly T[]): T | undefined {
  const value = stringOption(values, flag);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag}: "${value}" must be one of ${allowed.join(', ')}.`, helpHint(spec));
  return value as T;
}

const r = (v: number, digits = 3) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
const fmt = (v: FittedValue): string => (typeof v === 'number' ? String(r(v)) : `${r(v.p10, 2)}–${r(v.p90, 2)}`);
const interval = (p: FittedParameter): string => (typeof p.low === 'number' && typeof p.high === 'number' ? `${r(p.low)}–${r(p.high)}` : typeof p.low !== 'number' && typeof p.high !== 'number' ? `P10 ${r(p.low.p10, 2)}–${r(p.high.p10, 2)}, P90 ${r(p.low.p90, 2)}–${r(p.high.p90, 2)}` : '');
const pct = (v: number | null, se: number | null = null) => (v === null ? 'unknown (too many still open)' : `${Math.round(v * 100)}%${se !== null && se > 0 ? ` ± ${Math.round(se * 100)}` : ''}`);
const weeks = (v: number | null) => (v === null ? '—' : v.toFixed(1));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

function printHuman(io: CliIo, scenarioName: string, file: string, cal: Calibration, bt: BackTest): void {
  io.stdout(`Calibration of "${scenarioName}" from ${file}: ${cal.items} items (${cal.openItems} still open, censored), ${cal.from} to ${cal.to}, read against the ${DESIGN_LABELS[cal.design]} design.\n`);
  for (const w of cal.warnings) io.stdout(`  Warning: ${w}\n`);
  io.stdout('\n');
  io.stdout(
    table(
      ['Parameter', 'fitted', '95% interval', 'current', 'items', ''],
      cal.parameters.map((p) => [p.key, fmt(p.value), interval(p), fmt(p.current), String(p.items), p.refused ? `refused: ${p.refused}` : '']),
    ),
  );
  io.stdout(`Source: your history: ${cal.items} items, ${cal.from}–${cal.to}. Not in your history (kept as they are): ${cal.notInHistory.join(', ')}.\n`);
  io.stdout(`\nBack-test (fit on the older two-thirds, as known on ${bt.cutoff.slice(0, 10)}; ${bt.trials.toLocaleString('en-US')} trials, seed ${bt.seed}; ${DESIGN_LABELS[bt.design]}):\n`);
  io.stdout(`  Forecast time from request to production: P50 ${weeks(bt.forecast.p50)}, P85 ${weeks(bt.forecast.p85)} weeks.\n`);
  io.stdout(`  The newer third: ${bt.actual.items} items, ${bt.actual.shipped} shipped; actual P50 ${weeks(bt.actual.p50)}, P85 ${weeks(bt.actual.p85)} weeks (open items censored).\n`);
  io.stdout(`  Within the forecast P50: ${pct(bt.coverage.p50, bt.coverageError.p50)} (about 50% if calibrated); within the P85: ${pct(bt.coverage.p85, bt.coverageError.p85)} (about 85%; ± one standard error).\n`);
  if (bt.prototypeToProduction) {
    const p = bt.prototypeToProduction;
    io.stdout(`  From "model validated" to production (the prototype clock), newer third: P50 ${weeks(p.p50)}, P85 ${weeks(p.p85)} weeks (${p.items} items, ${p.shipped} shipped).\n`);
  }
  io.stdout(bt.warning ? `  Warning: ${bt.warning}\n` : '  The forecast covers the newer items as a calibrated model would.\n');
  io.stdout(`  Quantiles, forecast vs actual (weeks): ${bt.qq.filter((_, k) => k % 2 === 1).map((p) => `${Math.round(p.q * 100)}% ${weeks(p.forecast)}/${weeks(p.actual)}`).join(', ')}\n`);
}

export const calibrateCommand: Command = {
  spec,
  async run({ values, positionals }, io) {
    const historyFile = stringOption(values, 'history');
    if (historyFile === undefined) throw new UsageError('--history FILE is required: the delivery history to calibrate from.', helpHint(spec));
    const trials = wholeNumber(values, 'trials', 1, MAX_BACKTEST_TRIALS) ?? BACK_TEST_TRIALS;
    const seed = wholeNumber(values, 'seed', 0, 0xffffffff) ?? DEFAULT_DELIVERY_SEED;
    const { text } = await readScenarioFile(positionals[0] ?? '-', io);
    const { scenario } = parseScenarioText(text);
    const history = await readHistory(historyFile, { mapFile: stringOption(values, 'map'), format: choice(values, 'format', HISTORY_FORMATS), onBadRow: choice(values, 'on-bad-row', ['skip', 'abort'] as const) ?? 'skip' }, io);
    let calibration: Calibration;
    let backTest: BackTest;
    try {
      calibration = calibrateDelivery(history, scenario);
      backTest = backTestDelivery(history, scenario, { trials, seed });
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error), { code: 'invalid-history' });
    }
    if (values.json === true) {
      io.stdout(jsonLine({ scenario: { id: scenario.id, name: scenario.name }, history: { source: history.source, format: history.format, items: history.items.length }, calibration, backTest }));
    } else {
      printHuman(io, scenario.name, historyFile, calibration, backTest);
    }
    return EXIT_OK;
  },
};
