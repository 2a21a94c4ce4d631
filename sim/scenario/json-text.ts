/**
 * Scenario text to a JSON value: a leading byte-order mark is dropped (many
 * Windows editors write one), and a syntax error always says where, as a line
 * and column, with V8's reason but not its echo of the text.
 */
import { ScenarioValidationError } from './errors.ts';
import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax.ts';

const BYTE_ORDER_MARK = '\uFEFF';

/** V8 appends ` in JSON at position N (line L column C)` to some messages… */
const V8_POSITION = /\s*in JSON at position (\d+)(?: \(line \d+ column \d+\))?/;
/** …and `, "<the text>" is not valid JSON` to others: up to ~30 characters around the error, `...` where it cut the text. */
const V8_ECHO = /, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s;

export function stripByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

function syntaxError(text: string, error: unknown): ScenarioValidationError {
  const raw = error instanceof Error ? error.message : String(error);
  const v8Position = V8_POSITION.exec(raw);
  // V8's own position when it gives one; else find the error ourselves. The
  // end of the text is the last resort, so the message always has a place.
  const offset = v8Position ? Number(v8Position[1]) : (jsonSyntaxErrorOffset(text) ?? text.length);
  const reason = raw.replace(V8_POSITION, '').replace(V8_ECHO, '');
  const { line, column } = lineAndColumn(text, offset);
  const detail = `line ${line}, column ${column}: ${reason}`;
  return new ScenarioValidationError('not-json', `The file is not valid JSON: ${detail}`, [{ path: '', message: detail }]);
}

/** Parses JSON text (its byte-order mark dropped); a syntax error is a `not-json` ScenarioValidationError with a line and column. */
export function parseJsonText(text: string): unknown {
  const body = stripByteOrderMark(text);
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw syntaxError(body, error);
  }
}
