/**
 * The one way into a Scenario from untrusted input: size check, strict UTF-8
 * (for bytes), JSON parse with a line and column, a nesting limit, migration
 * to the current version, then schema validation with every problem named by
 * its field path. Every refusal is a ScenarioValidationError.
 */
import type { z } from 'zod';
import { formatIssuePath, invalidScenario, ScenarioValidationError, type ScenarioIssue } from './errors.ts';
import { parseJsonText } from './json-text.ts';
import { migrateScenarioDocument, ScenarioVersionError } from './migrate.ts';
import { deepNestingIssue } from './nesting.ts';
import { MAX_SCENARIO_FILE_BYTES, ScenarioSchema, type Scenario } from './schema.ts';
import { decodeScenarioBytes } from './utf8.ts';

export { formatIssuePath, ScenarioValidationError, type ScenarioErrorCode, type ScenarioIssue } from './errors.ts';

function issuesOf(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** Validates a document already at the current schema version (e.g. a database row, an API body). */
export function validateScenario(value: unknown): Scenario {
  const result = ScenarioSchema.safeParse(value);
  if (!result.success) throw invalidScenario(issuesOf(result.error));
  return result.data;
}

/** Parses an object of any supported schema version, migrating it first. */
export function parseScenarioDocument(value: unknown): { scenario: Scenario; migratedFrom: number | null } {
  // Before anything reads the document: deep nesting would overflow whatever recurses on it.
  const tooDeep = deepNestingIssue(value);
  if (tooDeep) throw invalidScenario([tooDeep]);
  let migrated: ReturnType<typeof migrateScenarioDocument>;
  try {
    migrated = migrateScenarioDocument(value);
  } catch (error) {
    if (error instanceof ScenarioVersionError) {
      throw new ScenarioValidationError('unsupported-version', error.message, [
        { path: 'schemaVersion', message: error.message.replace(/^schemaVersion: /, '') },
      ]);
    }
    throw error;
  }
  if (typeof migrated.document !== 'object' || migrated.document === null || Array.isArray(migrated.document)) {
    throw new ScenarioValidationError('invalid', 'Invalid scenario: the file must contain a JSON object', [
      { path: '', message: 'must be a JSON object' },
    ]);
  }
  return { scenario: validateScenario(migrated.document), migratedFrom: migrated.migratedFrom };
}

/** Byte length of UTF-8 text without needing Node's Buffer or a TextEncoder allocation of the whole text. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > MAX_SCENARIO_FILE_BYTES) return bytes;
  }
  return bytes;
}

function tooLarge(): ScenarioValidationError {
  return new ScenarioValidationError(
    'too-large',
    `The file is larger than ${MAX_SCENARIO_FILE_BYTES / (1024 * 1024)} MB; a Podplan scenario is far smaller. Nothing was imported.`,
  );
}

/** Parses the text of a `.podplan.json` file (a leading byte-order mark is fine). */
export function parseScenarioText(text: string): { scenario: Scenario; migratedFrom: number | null } {
  if (utf8Length(text) > MAX_SCENARIO_FILE_BYTES) throw tooLarge();
  return parseScenarioDocument(parseJsonText(text));
}

/** Parses the bytes of a `.podplan.json` file: strict UTF-8, so a file in another encoding is refused by its first bad byte. */
export function parseScenarioBytes(bytes: Uint8Array): { scenario: Scenario; migratedFrom: number | null } {
  if (bytes.length > MAX_SCENARIO_FILE_BYTES) throw tooLarge();
  return parseScenarioText(decodeScenarioBytes(bytes));
}

/** Serialises a scenario as a `.podplan.json` file: stable key order from the schema, two-space indent. */
export function serializeScenario(scenario: Scenario): string {
  return `${JSON.stringify(validateScenario(scenario), null, 2)}\n`;
}
