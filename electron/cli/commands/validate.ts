/**
 * `podplan validate FILE`: one validation, one answer. A file is valid when
 * it parses, migrates and matches the schema AND its quota policy has no
 * errors, i.e. exactly when `podplan export` would take it. Warnings (the
 * policy's, as export prints them, and the cost model's) never fail it.
 */
import { checkScenario, parseScenarioBytes, SCENARIO_SCHEMA_VERSION, ScenarioValidationError, type Scenario } from '../../../sim/scenario/index.ts';
import { COMMON_OPTIONS } from '../args.ts';
import type { Command } from '../command.ts';
import { readScenarioBytes } from '../context.ts';
import { EXIT_FAILURE, EXIT_OK, jsonLine, type CliIo } from '../io.ts';
import { policyErrorsSummary, printChecks } from '../scenario-checks.ts';

function refuseFile(error: ScenarioValidationError, name: string, json: boolean, io: CliIo): number {
  if (json) io.stdout(jsonLine({ valid: false, file: name, code: error.code, message: error.message, issues: error.issues, warnings: [] }));
  io.stderr(`${name}: not a valid Podplan scenario.\n`);
  const located = error.issues.filter((issue) => issue.path !== '');
  if (located.length === 0) io.stderr(`  ${error.message}\n`);
  for (const issue of located) io.stderr(`  ${issue.path}: ${issue.message}\n`);
  return EXIT_FAILURE;
}

function report(scenario: Scenario, migratedFrom: number | null, name: string, json: boolean, io: CliIo): number {
  const checks = checkScenario(scenario);
  const teams = scenario.teams.length;
  const positions = scenario.teams.reduce((sum, team) => sum + team.positions.length, 0);
  const valid = checks.errors.length === 0;
  if (json) {
    const summary = { file: name, schemaVersion: SCENARIO_SCHEMA_VERSION, migratedFrom, id: scenario.id, name: scenario.name, teams, positions };
    const verdict = valid
      ? { valid: true }
      : { valid: false, code: 'policy-invalid', message: `${name}: ${policyErrorsSummary(checks.errors.length)}.`, issues: checks.errors };
    io.stdout(jsonLine({ ...verdict, ...summary, warnings: checks.warnings }));
  } else if (valid) {
    io.stdout(`${name}: valid Podplan scenario "${scenario.name}" (${teams} teams, ${positions} positions).\n`);
  } else {
    io.stderr(`${name}: a well-formed scenario, but ${policyErrorsSummary(checks.errors.length)}:\n`);
  }
  printChecks(checks, io);
  if (migratedFrom !== null && !json) {
    io.stderr(`Note: the file uses schema version ${migratedFrom}; Podplan upgrades it to version ${SCENARIO_SCHEMA_VERSION} when it opens or imports it.\n`);
  }
  return valid ? EXIT_OK : EXIT_FAILURE;
}

export const validateCommand: Command = {
  spec: {
    path: 'podplan validate',
    summary: 'Check a .podplan.json scenario file: UTF-8, JSON, schema version (older versions are upgraded in memory), every field, and the quota policy as export checks it.',
    details: [
      'Exits 1 and names each bad field when the file is not valid, or when its quota policy has errors that',
      'podplan export and apply would refuse. Warnings (the policy\'s and the cost model\'s) are listed and exit 0.',
      'The file itself is never changed.',
    ],
    options: { ...COMMON_OPTIONS },
    positionals: [{ name: 'FILE', required: true, description: 'The scenario file, or - for stdin.' }],
    examples: ['podplan validate plan.podplan.json', 'podplan validate --json plan.podplan.json | jq .issues'],
  },
  async run({ values, positionals }, io) {
    const json = values.json === true;
    const { bytes, name } = await readScenarioBytes(positionals[0] ?? '-', io);
    let parsed: ReturnType<typeof parseScenarioBytes>;
    try {
      parsed = parseScenarioBytes(bytes);
    } catch (error) {
      if (!(error instanceof ScenarioValidationError)) throw error;
      return refuseFile(error, name, json, io);
    }
    return report(parsed.scenario, parsed.migratedFrom, name, json, io);
  },
};
