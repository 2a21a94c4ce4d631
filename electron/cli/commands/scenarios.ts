/**
 * `podplan scenarios list|show|export|import`: the scenario database from the
 * command line, the same data the app shows (same data directory rules as
 * `podplan serve`; safe while the app runs, SQLite serialises the writes).
 */
import { randomUUID } from 'node:crypto';
import { checkScenario, parseScenarioBytes, serializeScenario, ScenarioValidationError } from '../../../sim/scenario/index.ts';
import type { ScenarioRecord, ScenarioSummary } from '../../../data/store/types.ts';
import { NotFoundError } from '../../../data/store/errors.ts';
import { scenarioForFile } from '../../../data/store/organisation.ts';
import { column, COMMON_OPTIONS, stringOption } from '../args.ts';
import type { Command, CommandGroup } from '../command.ts';
import { DATA_DIR_OPTION, readScenarioBytes, resolveDataDir, withStore, writeFileAtomic } from '../context.ts';
import { CliError, EXIT_OK, jsonLine } from '../io.ts';
import { policyErrorsSummary, printChecks } from '../scenario-checks.ts';

function notFound(error: unknown): never {
  if (error instanceof NotFoundError) throw new CliError(`${error.message}. Run "podplan scenarios list" to see the ids.`, { code: 'not-found' });
  throw error;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd()).join('\n');
}

const listCommand: Command = {
  spec: {
    path: 'podplan scenarios list',
    summary: 'List the saved scenarios, most recently updated first.',
    options: {
      ...COMMON_OPTIONS,
      'data-dir': DATA_DIR_OPTION,
      deleted: { type: 'boolean', description: 'List the trash (deleted scenarios) instead.' },
    },
    positionals: [],
  },
  async run({ values }, io) {
    const dir = resolveDataDir(values, io);
    const list: ScenarioSummary[] = await withStore(dir, (store) => store.listScenarios({ deleted: values.deleted === true }));
    if (values.json === true) {
      io.stdout(jsonLine(list));
      return EXIT_OK;
    }
    if (list.length === 0) {
      io.stderr(values.deleted === true ? 'The trash is empty.\n' : `No scenarios in ${dir}. Import one with "podplan scenarios import FILE".\n`);
      return EXIT_OK;
    }
    const rows = [
      ['ID', 'TEAMS', 'POSITIONS', 'REV', 'UPDATED', 'NAME'],
      ...list.map((s) => [
        s.id,
        String(s.teamCount),
        String(s.positionCount),
        String(s.revision),
        s.updatedAt.slice(0, 16).replace('T', ' '),
        `${s.name}${s.isSample ? ' (sample)' : ''}${s.problem ? ' [unreadable]' : ''}`,
      ]),
    ];
    io.stdout(`${table(rows)}\n`);
    return EXIT_OK;
  },
};

const showCommand: Command = {
  spec: {
    path: 'podplan scenarios show',
    summary: 'Show one scenario: its teams and positions (with --json, the stored record).',
    options: { ...COMMON_OPTIONS, 'data-dir': DATA_DIR_OPTION },
    positionals: [{ name: 'ID', required: true, description: 'The scenario id (see "podplan scenarios list").' }],
  },
  async run({ values, positionals }, io) {
    const id = positionals[0] ?? '';
    const record = await withStore(resolveDataDir(values, io), (store) => {
      try {
        return store.getScenario(id);
      } catch (error) {
        return notFound(error);
      }
    });
    if (values.json === true) {
      io.stdout(jsonLine(record));
      return EXIT_OK;
    }
    const { scenario } = record;
    const lines = [`${scenario.name}  (id ${scenario.id}, revision ${record.revision}, updated ${record.updatedAt})`];
    if (scenario.description) lines.push('', scenario.description);
    lines.push('');
    for (const team of scenario.teams) {
      const open = team.positions.filter((p) => !p.filled).length;
      lines.push(`${team.name} [${team.type}]: ${team.positions.length} positions${open ? ` (${open} open)` : ''}`);
      for (const position of team.positions) {
        const who = position.personName || (position.filled ? '' : 'open');
        const label = `${position.role}${position.singleThreadedOwner ? ' (single-threaded owner)' : ''}`;
        lines.push(column(label, [position.title, who].filter(Boolean).join(' — '), 40).trimEnd());
      }
    }
    if (scenario.teams.length === 0) lines.push('No teams yet.');
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};

const exportCommand: Command = {
  spec: {
    path: 'podplan scenarios export',
    summary: 'Write a scenario as a .podplan.json file (to stdout unless --out names a file).',
    options: {
      ...COMMON_OPTIONS,
      out: { type: 'string', short: 'o', valueName: 'FILE|-', description: 'File to write (replaced if it exists); - for stdout (the default).' },
      'data-dir': DATA_DIR_OPTION,
    },
    positionals: [{ name: 'ID', required: true, description: 'The scenario id (see "podplan scenarios list").' }],
    examples: ['podplan scenarios export sample-three-pilot-pods --out pods.podplan.json'],
  },
  async run({ values, positionals }, io) {
    const id = positionals[0] ?? '';
    const out = stringOption(values, 'out') ?? '-';
    const record = await withStore(resolveDataDir(values, io), (store) => {
      let stored: ScenarioRecord;
      try {
        stored = store.getScenario(id);
      } catch (error) {
        return notFound(error);
      }
      // With the readiness answers in effect in this workspace, as the app exports it.
      return { ...stored, scenario: scenarioForFile(store, stored.scenario) };
    });
    const text = serializeScenario(record.scenario);
    if (out === '-') {
      // The file is the output (JSON already), with or without --json.
      io.stdout(text);
      return EXIT_OK;
    }
    const file = await writeFileAtomic(out, text, io);
    const bytes = Buffer.byteLength(text);
    if (values.json === true) io.stdout(jsonLine({ id: record.scenario.id, name: record.scenario.name, file, bytes }));
    else io.stderr(`Exported "${record.scenario.name}" to ${file}.\n`);
    return EXIT_OK;
  },
};

const importCommand: Command = {
  spec: {
    path: 'podplan scenarios import',
    summary: 'Store a .podplan.json file as a new scenario (a new id every time; older file versions are upgraded).',
    details: [
      'A file that is not valid is refused with every bad field named, and nothing is stored.',
      'Quota policy errors (what podplan validate and export report) are printed but do not stop the import: fix them in the app.',
    ],
    options: { ...COMMON_OPTIONS, 'data-dir': DATA_DIR_OPTION },
    positionals: [{ name: 'FILE', required: true, description: 'The scenario file, or - for stdin.' }],
  },
  async run({ values, positionals }, io) {
    const { bytes, name } = await readScenarioBytes(positionals[0] ?? '-', io);
    let parsed: ReturnType<typeof parseScenarioBytes>;
    try {
      // Parse fully before opening the database: a bad file touches nothing.
      parsed = parseScenarioBytes(bytes);
    } catch (error) {
      if (error instanceof ScenarioValidationError) {
        const located = error.issues.filter((issue) => issue.path !== '');
        const detail = located.length > 0 ? '' : ` ${error.message}`;
        throw new CliError(`${name}: not a valid Podplan scenario; nothing was imported.${detail}`, { code: error.code, issues: located });
      }
      throw error;
    }
    const { scenario, migratedFrom } = parsed;
    // A policy with errors is stored all the same (the app saves half-edited policies and shows
    // their errors), but said here exactly as validate and export say it.
    const checks = checkScenario(scenario);
    const record = await withStore(resolveDataDir(values, io), (store) =>
      store.createScenario({ ...scenario, id: randomUUID() }, { snapshotReason: 'import' }),
    );
    if (values.json === true) {
      io.stdout(jsonLine({ id: record.scenario.id, name: record.scenario.name, revision: record.revision, migratedFrom, policy: checks }));
    } else {
      io.stdout(`${record.scenario.id}\n`);
      io.stderr(
        `Imported "${record.scenario.name}" as ${record.scenario.id}${migratedFrom === null ? '' : ` (upgraded from schema version ${migratedFrom})`}.\n`,
      );
      if (checks.errors.length > 0) io.stderr(`Note: ${policyErrorsSummary(checks.errors.length)}:\n`);
    }
    printChecks(checks, io);
    return EXIT_OK;
  },
};

export const scenariosGroup: CommandGroup = {
  path: 'podplan scenarios',
  summary: 'List, show, export and import the scenarios in the Podplan database.',
  subcommands: { list: listCommand, show: showCommand, export: exportCommand, import: importCommand },
};
