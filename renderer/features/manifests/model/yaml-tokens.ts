/**
 * A small YAML tokenizer for the manifest preview's syntax highlighting:
 * keys, strings (quoted, plain and block scalars), numbers, booleans, null,
 * comments, document markers and punctuation. It only colours text: the
 * tokens of a line always join back to exactly that line, and anything it
 * does not understand stays plain text. No library, no HTML strings: the
 * view renders tokens as React elements (the CSP forbids inline scripts and
 * we never build markup from text).
 */

export type YamlTokenKind =
  | 'key'
  | 'string'
  | 'plain'
  | 'number'
  | 'bool'
  | 'null'
  | 'comment'
  | 'punct'
  | 'document'
  | 'tag'
  | 'text';

export interface YamlToken {
  kind: YamlTokenKind;
  text: string;
}

export type YamlLine = YamlToken[];

const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;
const BOOL = /^(?:true|false|True|False|TRUE|FALSE)$/;
const NULL = /^(?:null|Null|NULL|~)$/;
const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')([ \t]*)(:)(?=[ \t]|$)/;
const PLAIN_KEY = /^([^\s'"#[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)([ \t]*)(:)(?=[ \t]|$)/;
const BLOCK_INDICATOR = /^[|>][-+0-9]*(?=[ \t]|$)/;

export function classifyScalar(text: string): YamlTokenKind {
  if (NUMBER.test(text)) return 'number';
  if (BOOL.test(text)) return 'bool';
  if (NULL.test(text)) return 'null';
  return 'plain';
}

class LineBuilder {
  readonly tokens: YamlToken[] = [];
  push(kind: YamlTokenKind, text: string): void {
    if (!text) return;
    const last = this.tokens.at(-1);
    if (last && last.kind === kind && (kind === 'text' || kind === 'string' || kind === 'comment')) last.text += text;
    else this.tokens.push({ kind, text });
  }
}

/** Length of a quoted scalar starting at `s[0]` (to the closing quote, or the end of the line). */
function quotedLength(s: string): number {
  const quote = s[0];
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && s[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return s.length;
}

interface ValueResult {
  /** Set when the value opened a block scalar (`|`, `>`). */
  blockScalar: boolean;
}

/** Tokenizes what follows a key, a dash or a document marker, up to the end of the line. */
function tokenizeValue(rest: string, out: LineBuilder): ValueResult {
  let s = rest;
  let depth = 0;
  let atStart = true;
  let blockScalar = false;
  while (s.length > 0) {
    const ws = /^[ \t]+/.exec(s);
    if (ws) {
      out.push('text', ws[0]);
      s = s.slice(ws[0].length);
      atStart = true;
      continue;
    }
    const c = s[0]!;
    if (c === '#' && atStart) {
      out.push('comment', s);
      break;
    }
    if (depth === 0 && !blockScalar) {
      const block = BLOCK_INDICATOR.exec(s);
      if (block && out.tokens.every((t) => t.kind !== 'string' && t.kind !== 'plain')) {
        out.push('punct', block[0]);
        s = s.slice(block[0].length);
        blockScalar = true;
        atStart = false;
        continue;
      }
    }
    if (c === '"' || c === "'") {
      const n = quotedLength(s);
      const text = s.slice(0, n);
      s = s.slice(n);
      // A quoted key inside a flow mapping: {"a": 1}
      const colon = depth > 0 ? /^([ \t]*)(:)(?=[ \t,}\]]|$)/.exec(s) : null;
      if (colon) {
        out.push('key', text);
        out.push('text', colon[1] ?? '');
        out.push('punct', ':');
        s = s.slice(colon[0].length);
      } else out.push('string', text);
      atStart = false;
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      out.push('punct', c);
      s = s.slice(1);
      atStart = true;
      continue;
    }
    if (depth > 0 && (c === ']' || c === '}' || c === ',')) {
      if (c !== ',') depth--;
      out.push('punct', c);
      s = s.slice(1);
      atStart = true;
      continue;
    }
    if ((c === '&' || c === '*' || c === '!') && atStart) {
      const m = /^[&*!][^\s,[\]{}]*/.exec(s);
      const text = m ? m[0] : c;
      out.push('tag', text);
      s = s.slice(text.length);
      atStart = false;
      continue;
    }
    // A plain scalar: up to " #" (a comment), or in a flow collection up to an indicator.
    let end = s.length;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === '#' && i > 0 && (s[i - 1] === ' ' || s[i - 1] === '\t')) {
        end = i;
        break;
      }
      if (depth > 0 && (ch === ',' || ch === ']' || ch === '}')) {
        end = i;
        break;
      }
      if (depth > 0 && ch === ':' && (i + 1 === s.length || /[ \t,}\]]/.test(s[i + 1]!))) {
        end = i;
        break;
      }
    }
    const raw = s.slice(0, end);
    const trimmed = raw.replace(/[ \t]+$/, '');
    s = s.slice(end);
    if (depth > 0 && s.startsWith(':')) {
      out.push('key', trimmed);
      out.push('text', raw.slice(trimmed.length));
      out.push('punct', ':');
      s = s.slice(1);
      atStart = true;
      continue;
    }
    out.push(blockScalar ? 'string' : classifyScalar(trimmed), trimmed);
    out.push('text', raw.slice(trimmed.length));
    atStart = true;
  }
  return { blockScalar };
}

function leadingSpaces(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** Splits YAML text into lines of tokens. */
export function tokenizeYaml(source: string): YamlLine[] {
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const result: YamlLine[] = [];
  /** Inside a block scalar: lines indented deeper than this column (and blank lines) are its text. */
  let blockIndent: number | null = null;

  for (const line of lines) {
    const out = new LineBuilder();
    const indent = leadingSpaces(line);
    if (blockIndent !== null) {
      const endsDocument = /^(---|\.\.\.)(?=[ \t]|$)/.test(line);
      if (!endsDocument && (line.trim() === '' || indent > blockIndent)) {
        out.push('text', line.slice(0, indent));
        out.push('string', line.slice(indent));
        result.push(out.tokens);
        continue;
      }
      blockIndent = null;
    }

    const doc = /^(---|\.\.\.)(?=[ \t]|$)/.exec(line);
    if (doc) {
      out.push('document', doc[0]);
      const { blockScalar } = tokenizeValue(line.slice(doc[0].length), out);
      if (blockScalar) blockIndent = -1;
      result.push(out.tokens);
      continue;
    }

    out.push('text', line.slice(0, indent));
    let s = line.slice(indent);
    let column = indent;
    if (s.startsWith('#')) {
      out.push('comment', s);
      result.push(out.tokens);
      continue;
    }
    // Sequence entries: "- ", possibly nested ("- - a").
    let nodeColumn = indent;
    for (let m = /^-(?=[ \t]|$)([ \t]*)/.exec(s); m; m = /^-(?=[ \t]|$)([ \t]*)/.exec(s)) {
      nodeColumn = column;
      out.push('punct', '-');
      out.push('text', m[1] ?? '');
      column += m[0].length;
      s = s.slice(m[0].length);
    }
    const key = QUOTED_KEY.exec(s) ?? PLAIN_KEY.exec(s);
    if (key) {
      nodeColumn = column;
      out.push('key', key[1] ?? '');
      out.push('text', key[2] ?? '');
      out.push('punct', key[3] ?? ':');
      s = s.slice(key[0].length);
    }
    const { blockScalar } = tokenizeValue(s, out);
    if (blockScalar) blockIndent = nodeColumn;
    result.push(out.tokens);
  }
  return result;
}
