import { parseScenarioText, SCENARIO_SCHEMA_VERSION, ScenarioValidationError } from '../../../sim/scenario/index.ts';
import { COMMON_OPTIONS } from '../args.ts';
import type { Command } from '../command.ts';
import { readScenarioFile } from '../context.ts';
import { EXIT_FAILURE, EXIT_OK, jsonLine } from '../io.ts';

export const validateCommand: Command = {
  spec: {
    path: 'podplan validate',
    summary: 'Check a .podplan.json scenario file: JSON, schema version (older versions are upgraded in memory) and every field.',
    details: ['Exits 1 and names each bad field when the file is not valid. The file itself is never changed.'],
    options: { ...COMMON_OPTIONS },
    positionals: [{ name: 'FILE', required: true, description: 'The scenario file, or - for stdin.' }],
    examples: ['podplan validate plan.podplan.json', 'podplan validate --json plan.podplan.json | jq .issues'],
  },
  async run({ values, positionals }, io) {
    const file = positionals[0] ?? '-';
    const json = values.json === true;
    const { text, name } = await readScenarioFile(file, io);
    try {
      const { scenario, migratedFrom } = parseScenarioText(text);
      const teams = scenario.teams.length;
      const positions = scenario.teams.reduce((sum, team) => sum + team.positions.length, 0);
      if (json) {
        io.stdout(
          jsonLine({ valid: true, file: name, schemaVersion: SCENARIO_SCHEMA_VERSION, migratedFrom, id: scenario.id, name: scenario.name, teams, positions }),
        );
      } else {
        io.stdout(`${name}: valid Podplan scenario "${scenario.name}" (${teams} teams, ${positions} positions).\n`);
        if (migratedFrom !== null) {
          io.stderr(`Note: the file uses schema version ${migratedFrom}; Podplan upgrades it to version ${SCENARIO_SCHEMA_VERSION} when it opens or imports it.\n`);
        }
      }
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof ScenarioValidationError)) throw error;
      if (json) {
        io.stdout(jsonLine({ valid: false, file: name, code: error.code, message: error.message, issues: error.issues }));
      }
      io.stderr(`${name}: not a valid Podplan scenario.\n`);
      const located = error.issues.filter((issue) => issue.path !== '');
      if (located.length === 0) io.stderr(`  ${error.message}\n`);
      for (const issue of located) io.stderr(`  ${issue.path}: ${issue.message}\n`);
      return EXIT_FAILURE;
    }
  },
};
