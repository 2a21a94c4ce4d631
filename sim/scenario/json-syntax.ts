/**
 * Where JSON text first breaks the grammar (RFC 8259), for the syntax errors
 * V8's JSON.parse reports without a position ("Unexpected token ']'",
 * "Unexpected end of JSON input"). Iterative, with an explicit stack, so a
 * file of a million `[` cannot overflow the call stack. Runs only after
 * JSON.parse has failed, so it favours plainness over speed.
 */

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** A scan step: where it ended, or where the text broke the grammar. */
type Scan = { end: number } | { errorAt: number };

function scanString(text: string, start: number): Scan {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1 };
    if (c < 0x20) return { errorAt: i };
    if (c === 0x5c) {
      const escaped = text[i + 1];
      if (escaped === undefined) return { errorAt: i + 1 };
      if (escaped === 'u') {
        for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) return { errorAt: Math.min(i + k, text.length) };
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(escaped)) return { errorAt: i + 1 };
      i += 2;
      continue;
    }
    i++;
  }
  return { errorAt: text.length };
}

function scanDigits(text: string, start: number): Scan {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  return i === start ? { errorAt: start } : { end: i };
}

function scanNumber(text: string, start: number): Scan {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else {
    const integer = scanDigits(text, i);
    if ('errorAt' in integer) return integer;
    i = integer.end;
  }
  if (text[i] === '.') {
    const fraction = scanDigits(text, i + 1);
    if ('errorAt' in fraction) return fraction;
    i = fraction.end;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    const exponent = scanDigits(text, i);
    if ('errorAt' in exponent) return exponent;
    i = exponent.end;
  }
  return { end: i };
}

function scanLiteral(text: string, start: number, literal: string): Scan {
  for (let k = 0; k < literal.length; k++) if (text[start + k] !== literal[k]) return { errorAt: Math.min(start + k, text.length) };
  return { end: start + literal.length };
}

function scanScalar(text: string, i: number): Scan {
  const c = text[i];
  if (c === '"') return scanString(text, i);
  if (c === '-' || isDigit(text.charCodeAt(i))) return scanNumber(text, i);
  if (c === 't') return scanLiteral(text, i, 'true');
  if (c === 'f') return scanLiteral(text, i, 'false');
  if (c === 'n') return scanLiteral(text, i, 'null');
  return { errorAt: i };
}

/** The offset (in UTF-16 code units) of the first syntax error in `text`, or null when it is valid JSON. */
export function jsonSyntaxErrorOffset(text: string): number | null {
  const open: Array<'[' | '{'> = [];
  let i = 0;
  // What the grammar expects next: a value, an object key, or (after a value) a separator, a close or the end.
  let expecting: 'value' | 'key' | 'after-value' = 'value';
  const skipWhitespace = (): void => {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  };
  for (;;) {
    skipWhitespace();
    if (expecting === 'after-value') {
      const container = open.at(-1);
      if (container === undefined) return i < text.length ? i : null;
      const c = text[i];
      if (c === ',') {
        i++;
        expecting = container === '{' ? 'key' : 'value';
      } else if ((container === '[' && c === ']') || (container === '{' && c === '}')) {
        open.pop();
        i++;
      } else return i;
      continue;
    }
    if (i >= text.length) return i;
    if (expecting === 'key') {
      if (text[i] !== '"') return i;
      const key = scanString(text, i);
      if ('errorAt' in key) return key.errorAt;
      i = key.end;
      skipWhitespace();
      if (text[i] !== ':') return i;
      i++;
      expecting = 'value';
      continue;
    }
    const c = text[i];
    if (c === '[' || c === '{') {
      open.push(c);
      i++;
      skipWhitespace();
      // An empty container closes at once; otherwise its first member follows.
      if (text[i] === (c === '[' ? ']' : '}')) {
        open.pop();
        i++;
        expecting = 'after-value';
      } else expecting = c === '{' ? 'key' : 'value';
      continue;
    }
    const scalar = scanScalar(text, i);
    if ('errorAt' in scalar) return scalar.errorAt;
    i = scalar.end;
    expecting = 'after-value';
  }
}

/** 1-based line and column of an offset; columns count UTF-16 code units, as editors do. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
