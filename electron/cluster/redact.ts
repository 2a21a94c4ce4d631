/**
 * One place that decides what looks like a credential. Whatever a cluster
 * answers, a credential plugin prints or an error says passes through here
 * before it reaches stderr, `--json` output, an API body or a log: servers
 * and plugins put tokens in their messages ("auth failed for token …"), and
 * Podplan promises never to show one. Over-redacting a harmless word is the
 * price of that promise; the words that explain a failure (servers, object
 * names, paths, codes) are kept.
 */

export const REDACTED = '[redacted]';

/** Keys whose values are secrets, in `key=value`, `key: value` and JSON `"key":"value"` forms. */
const SECRET_KEY = String.raw`[\w.-]*(?:token|password|passwd|pwd|secret|api[-_]?key|apikey|credential|authorization|cookie)s?`;

const RULES: ReadonlyArray<[RegExp, (match: string, ...groups: string[]) => string]> = [
  // HTTP auth schemes: whatever follows is the credential.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, (_m, scheme = '') => `${scheme} ${REDACTED}`],
  // JSON Web Tokens (id tokens, service-account tokens): header.payload.signature.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, () => REDACTED],
  // key=value / key: value / "key": "value".
  [
    new RegExp(String.raw`(["']?)(${SECRET_KEY})\1(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}\]]+)`, 'gi'),
    (_m, quote = '', key = '', separator = '', value = '') => {
      const wrap = value.startsWith('"') || value.startsWith("'") ? value[0]! : '';
      return `${quote}${key}${quote}${separator}${wrap}${REDACTED}${wrap}`;
    },
  ],
  // "token sk-live-…": a word after token/password/secret that looks like a value (has a digit, or is long), not "token file".
  [
    /\b(token|password|secret)(\s+)((?=[^\s]*\d)[^\s,;]+|[^\s,;]{20,})/gi,
    (match, word = '', space = '', value = '') => (value === REDACTED ? match : `${word}${space}${REDACTED}`),
  ],
  // Long hex runs (keys, session ids, hashes of secrets).
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{32,}\b/gi, () => REDACTED],
  // Long base64 runs (certificates, keys, opaque tokens); a path (many "/") is not one.
  [
    /(?<![\w/])[A-Za-z0-9+/]{32,}={0,2}/g,
    (match) => {
      const mixed = /\d/.test(match) && /[a-z]/.test(match) && /[A-Z]/.test(match);
      const slashes = match.split('/').length - 1;
      return mixed && slashes * 16 <= match.length ? REDACTED : match;
    },
  ],
];

/** The text with every credential-looking part replaced by "[redacted]". */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace);
  return out;
}

/**
 * A short, redacted excerpt of what a program printed, for an error message:
 * its last non-empty line, at most `max` characters. Never the whole output.
 */
export function redactedExcerpt(output: string, max = 200): string {
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const last = lines.at(-1) ?? '';
  const redacted = redactSecrets(last);
  return redacted.length > max ? `${redacted.slice(0, max - 1)}…` : redacted;
}
