/**
 * The syntax-error locator must agree with V8's JSON.parse: on which texts
 * are JSON at all, and on the offset wherever V8 gives one. Otherwise a
 * "line 3, column 15" could point at the wrong place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax.ts';
import { mutatedScenarioFiles } from './testing/mutate-files.ts';

const sample = readFileSync(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url), 'utf8');

function v8Verdict(text: string): { valid: boolean; offset: number | null } {
  try {
    JSON.parse(text);
    return { valid: true, offset: null };
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message);
    return { valid: false, offset: position ? Number(position[1]) : null };
  }
}

describe('locating JSON syntax errors', () => {
  it('agrees with JSON.parse on validity and position, over truncations and mutations of a sample', () => {
    const decoder = new TextDecoder();
    const texts: string[] = [];
    for (let end = 0; end <= sample.length; end += 97) texts.push(sample.slice(0, end));
    for (const file of mutatedScenarioFiles([{ name: 'sample', text: sample }], 800, 11)) texts.push(decoder.decode(file.bytes).replace(/^\uFEFF/, ''));
    let positioned = 0;
    for (const text of texts) {
      const v8 = v8Verdict(text);
      const ours = jsonSyntaxErrorOffset(text);
      expect(ours === null, text.slice(0, 80)).toBe(v8.valid);
      if (v8.offset !== null) {
        positioned++;
        expect(ours, text.slice(Math.max(0, v8.offset - 40), v8.offset + 40)).toBe(v8.offset);
      }
    }
    expect(positioned).toBeGreaterThan(100);
  });

  it('a million nested brackets are scanned without recursion', () => {
    expect(jsonSyntaxErrorOffset(`${'['.repeat(1_000_000)}${']'.repeat(999_999)}`)).toBe(1_999_999);
  });

  it('lines and columns are 1-based and count from the last newline', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\r\ncd', 4)).toEqual({ line: 2, column: 1 });
  });
});
