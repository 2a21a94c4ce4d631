/**
 * How a scenario is refused: one error type for every boundary, carrying each
 * problem by its field path (or, for text that is not JSON, its line and
 * column), so the CLI, the API and the UI all name the same thing.
 */

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

function summarise(issues: readonly ScenarioIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `Invalid scenario: ${shown.join('; ')}${more}`;
}

/** A well-formed document with bad fields: every one named. */
export function invalidScenario(issues: ScenarioIssue[]): ScenarioValidationError {
  return new ScenarioValidationError('invalid', summarise(issues), issues);
}

/** 12345 → "12,345", without depending on the runtime's locale data. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
