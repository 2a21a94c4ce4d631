/**
 * Whether a file is text at all (issue #13, finding 13): the first KiB is
 * checked before any line is read as a header or a row, so a binary file,
 * or UTF-16 text, is refused with its reason instead of its bytes becoming
 * column names.
 */
import { NOT_TEXT, SNIFF_LENGTH } from './text.ts';

export interface NotTextProblem {
  line: number;
  message: string;
  wholeFile: true;
}

/**
 * Why the start of a file is not text, or undefined. `head`: its first
 * characters as decoded from UTF-8 (a BOM removed); `what`: what the file
 * should be, for the message ('a text trace').
 */
export function sniffText(head: string, what: string): NotTextProblem | undefined {
  const window = head.slice(0, SNIFF_LENGTH);
  const at = window.search(NOT_TEXT);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = window.indexOf('\n'); i >= 0 && i < at; i = window.indexOf('\n', i + 1)) line++;
  const character = at - window.lastIndexOf('\n', at);
  const code = window.charCodeAt(at);
  const found = code === 0 ? 'a NUL byte' : code === 0xfffd ? 'bytes that are not UTF-8' : `the control character 0x${code.toString(16).padStart(2, '0')}`;
  // NULs say the most: binary data, or UTF-16 text (whose BOM decodes to U+FFFD, then a NUL after every ASCII letter).
  const hasNul = window.includes('\u0000');
  const message =
    code === 0xfffd && !hasNul
      ? `the file is not UTF-8 text: line ${line} has ${found} (character ${character}; save it as UTF-8 CSV or JSON)`
      : `the file is not ${what}: line ${line} has ${found} (character ${character}): binary data${hasNul ? ', or UTF-16 text (save it as UTF-8 CSV or JSON)' : '?'}`;
  return { line, message, wholeFile: true };
}
