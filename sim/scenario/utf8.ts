/**
 * Scenario bytes to text: strict UTF-8. A byte sequence that is not UTF-8
 * (a Latin-1 file, a corrupted download) is refused with the offset of its
 * first bad byte, never replaced with U+FFFD in silence. A leading
 * byte-order mark is dropped.
 */
import { ScenarioValidationError } from './errors.ts';
import { lineAndColumn } from './json-syntax.ts';

/**
 * The offset of the first byte that starts an invalid UTF-8 sequence
 * (Unicode's table 3-7: no overlongs, no surrogates, nothing past U+10FFFF),
 * or null when all of `bytes` is UTF-8.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | null {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // How many continuation bytes follow, and the narrower range the first one must be in.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 1;
    else if (lead === 0xe0) [length, low] = [2, 0xa0];
    else if (lead === 0xed) [length, high] = [2, 0x9f];
    else if (lead >= 0xe1 && lead <= 0xef) length = 2;
    else if (lead === 0xf0) [length, low] = [3, 0x90];
    else if (lead === 0xf4) [length, high] = [3, 0x8f];
    else if (lead >= 0xf1 && lead <= 0xf3) length = 3;
    else return i;
    for (let k = 1; k <= length; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += length + 1;
  }
  return null;
}

const hex = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Decodes UTF-8 bytes to text, dropping a byte-order mark; anything else than UTF-8 is a `not-json` ScenarioValidationError naming the byte. */
export function decodeScenarioBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Byte(bytes) ?? 0;
    // Everything before `at` is valid, so it decodes exactly: that gives the line and column.
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const { line, column } = lineAndColumn(before, before.length);
    const detail = `byte ${at} (line ${line}, column ${column}), ${hex(bytes[at] ?? 0)}, does not begin a valid UTF-8 sequence`;
    throw new ScenarioValidationError('not-json', `The file is not UTF-8 text: ${detail}. Save it as UTF-8 and try again.`, [
      { path: '', message: `not UTF-8 text: ${detail}` },
    ]);
  }
}
