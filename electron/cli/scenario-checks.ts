/**
 * How the CLI shows a scenario's checks (`checkScenario`): the same lines
 * `export` prints, `error: PATH: MESSAGE` and `warning: PATH: MESSAGE`, so
 * validate, import and export read alike.
 */
import type { ScenarioChecks } from '../../sim/scenario/index.ts';
import type { CliIo } from './io.ts';

export function policyErrorsSummary(errors: number): string {
  return `the quota policy has ${errors} error${errors === 1 ? '' : 's'}; export and apply refuse it until it is fixed`;
}

export function printChecks(checks: ScenarioChecks, io: CliIo): void {
  for (const { path, message } of checks.errors) io.stderr(`error: ${path}: ${message}\n`);
  for (const { path, message } of checks.warnings) io.stderr(`warning: ${path}: ${message}\n`);
}
