/**
 * The one way into a Scenario from untrusted input: size check, JSON parse
 * with a position, migration to the current version, then schema validation
 * with every problem named by its field path.
 */
import type { z } from 'zod';
import { migrateScenarioDocument, ScenarioVersionError } from './migrate.ts';
import { MAX_SCENARIO_FILE_BYTES, ScenarioSchema, type Scenario } from './schema.ts';

export interface ScenarioIssue {
  /** Dotted path to the field, e.g. `teams[2].positions[0].role`; empty for the whole document. */
  path: string;
  message: string;
}

export type ScenarioErrorCode = 'too-large' | 'not-json' | 'unsupported-version' | 'invalid';

export class ScenarioValidationError extends Error {
  readonly code: ScenarioErrorCode;
  readonly issues: ScenarioIssue[];
  constructor(code: ScenarioErrorCode, message: string, issues: ScenarioIssue[] = []) {
    super(message);
    this.name = 'ScenarioValidationError';
    this.code = code;
    this.issues = issues;
  }
}

export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function issuesOf(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

function summarise(issues: ScenarioIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Invalid scenario: ${shown.join('; ')}${more}`;
}

/** Validates a document already at the current schema version (e.g. a database row, an API body). */
export function validateScenario(value: unknown): Scenario {
  const result = ScenarioSchema.safeParse(value);
  if (!result.success) {
    const issues = issuesOf(result.error);
    throw new ScenarioValidationError('invalid', summarise(issues), issues);
  }
  return result.data;
}

/** Parses an object of any supported schema version, migrating it first. */
export function parseScenarioDocument(value: unknown): { scenario: Scenario; migratedFrom: number | null } {
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

/** Parses the text of a `.podplan.json` file. */
export function parseScenarioText(text: string): { scenario: Scenario; migratedFrom: number | null } {
  const size = utf8Length(text);
  if (size > MAX_SCENARIO_FILE_BYTES) {
    throw new ScenarioValidationError(
      'too-large',
      `The file is larger than ${MAX_SCENARIO_FILE_BYTES / (1024 * 1024)} MB; a Podplan scenario is far smaller. Nothing was imported.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ScenarioValidationError('not-json', `The file is not valid JSON: ${detail}`, [{ path: '', message: detail }]);
  }
  return parseScenarioDocument(value);
}

/** Serialises a scenario as a `.podplan.json` file: stable key order from the schema, two-space indent. */
export function serializeScenario(scenario: Scenario): string {
  return `${JSON.stringify(validateScenario(scenario), null, 2)}\n`;
}
