/**
 * Issue #13, scenario files: what a malformed or hostile file gets. Every
 * refusal is a ScenarioValidationError naming the field (or the line and
 * column of a syntax error); nothing runs out of memory or stack.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_POSITIONS_PER_TEAM, parseScenarioBytes, parseScenarioText, ScenarioValidationError } from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const sample = (name: string) => readFileSync(new URL(`../../data/samples/${name}`, import.meta.url), 'utf8');

function refusal(parse: () => unknown): ScenarioValidationError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}

const refusalOf = (text: string) => refusal(() => parseScenarioText(text));

/** A v1 file (the first prototype's format) with one team and the given headcount value. */
const v1WithHeadcount = (count: string, role = 'ai-ml-engineer') =>
  `{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":"t","name":"t","kind":"central-ai","headcount":{"${role}":${count}}}]}`;

describe('finding 1: a v1 headcount is checked before any position is built', () => {
  it('the 133-byte file asking for a billion engineers is refused at once, naming the headcount', () => {
    const text = v1WithHeadcount('1000000000');
    expect(text.length).toBe(133);
    const error = refusalOf(text);
    expect(error.code).toBe('invalid');
    expect(error.issues).toEqual([
      { path: 'teams[0].headcount.ai-ml-engineer', message: `1000000000 is more than the ${MAX_POSITIONS_PER_TEAM.toLocaleString('en-US')} positions a team may have` },
    ]);
    expect(error.message).toContain('teams[0].headcount.ai-ml-engineer: 1000000000 is more than the 10,000 positions a team may have');
  });

  it('just over the per-team limit is refused by the headcount, not by the positions it would become', () => {
    const error = refusalOf(v1WithHeadcount(String(MAX_POSITIONS_PER_TEAM + 1)));
    expect(error.issues.map((i) => i.path)).toEqual(['teams[0].headcount.ai-ml-engineer']);
  });

  it('headcounts that add up past the team limit across roles are refused naming the team', () => {
    const text = `{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":"t","name":"t","kind":"central-ai","headcount":{"ai-ml-engineer":6000,"data-scientist":6000}}]}`;
    const error = refusalOf(text);
    expect(error.issues).toEqual([{ path: 'teams[0].headcount', message: 'adds up to 12000 people, more than the 10,000 positions a team may have' }]);
  });

  it('many teams cannot add up to millions of positions: the whole file has a limit too', () => {
    const teams = Array.from({ length: 200 }, (_, i) => ({ id: `t${i}`, name: `T${i}`, kind: 'central-ai', headcount: { 'ai-ml-engineer': 10_000 } }));
    const error = refusalOf(JSON.stringify({ schemaVersion: 1, id: 'x', name: 'x', teams }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe('teams');
    expect(error.issues[0]?.message).toMatch(/^the headcounts add up to 2000000 people, more than the 100,000 positions a file in the old format may ask for$/);
  });

  it.each([
    ['-3', '-3'],
    ['2.5', '2.5'],
    ['"Infinity"', '"Infinity"'],
    ['"3"', '"3"'],
    ['1e309', 'Infinity'],
    ['-1e309', '-Infinity'],
    ['null', 'null'],
    ['[3]', 'a list'],
    ['{"n":3}', 'an object'],
    ['true', 'true'],
  ])('a headcount of %s is refused, never read as 0 positions', (count, shown) => {
    const error = refusalOf(v1WithHeadcount(count));
    expect(error.issues).toEqual([{ path: 'teams[0].headcount.ai-ml-engineer', message: `${shown} is not a whole number of people` }]);
  });

  it('a headcount of 0 is kept as no positions for that role', () => {
    const { scenario } = parseScenarioText(v1WithHeadcount('0'));
    expect(scenario.teams[0]?.positions).toEqual([]);
  });

  it('a headcount that is not an object of counts is refused, not ignored', () => {
    const text = `{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":"t","name":"t","kind":"central-ai","headcount":[1,2]}]}`;
    expect(refusalOf(text).issues).toEqual([{ path: 'teams[0].headcount', message: 'must be an object of role: number of people' }]);
  });

  it('every bad headcount in the file is named, not only the first', () => {
    const text = `{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":"a","name":"a","kind":"central-ai","headcount":{"ai-ml-engineer":-1}},{"id":"b","name":"b","kind":"central-ai","headcount":{"data-scientist":0.5}}]}`;
    expect(refusalOf(text).issues.map((i) => i.path)).toEqual(['teams[0].headcount.ai-ml-engineer', 'teams[1].headcount.data-scientist']);
  });

  it('the v1 fixture still opens with every head kept', () => {
    const { scenario } = parseScenarioText(fixture('v1-centralized.podplan.json'));
    expect(scenario.teams.map((t) => t.positions.length)).toEqual([4, 5]);
  });
});

describe('finding 2: deep nesting and odd ids are refused by path, never a stack overflow', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('a v1 team id nested 100,000 arrays deep is refused naming teams[0].id', () => {
    const text = `{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":${deep(100_000)},"name":"t","kind":"central-ai","headcount":{}}]}`;
    const error = refusalOf(text);
    expect(error.code).toBe('invalid');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toMatch(/^teams\[0\]\.id\[0\]/);
    expect(error.issues[0]?.message).toMatch(/nested more than \d+ levels deep/);
  });

  it('a v1 team id that is a short list or a number is refused, not turned into text', () => {
    for (const id of ['[1]', '7', 'null']) {
      const text = `{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":${id},"name":"t","kind":"central-ai","headcount":{"ai-ml-engineer":1}}]}`;
      expect(refusalOf(text).issues, id).toEqual([{ path: 'teams[0].id', message: 'must be a string' }]);
    }
  });

  it('deep nesting anywhere in a current file, in objects or lists, is refused by its path', () => {
    const current = JSON.parse(sample('three-pilot-pods.podplan.json')) as Record<string, unknown>;
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const [field, nested] of [['description', deep(100_000)], ['gpuSimulation', deepObject]] as const) {
      const text = JSON.stringify({ ...current, [field]: 0 }).replace(`"${field}":0`, `"${field}":${nested}`);
      const error = refusalOf(text);
      expect(error.issues[0]?.path.startsWith(field), field).toBe(true);
      expect(error.issues[0]?.message).toMatch(/nested more than/);
    }
  });

  it('a file that is nothing but nesting is refused, at the top', () => {
    const error = refusalOf(deep(1_000_000));
    expect(error.issues[0]?.path).toMatch(/^\[0\]/);
  });
});

describe('finding 12: text decoding and JSON syntax errors', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const good = sample('centralized-ai-team.podplan.json');

  it('a UTF-8 byte-order mark is accepted, as text and as bytes', () => {
    expect(parseScenarioText(`\uFEFF${good}`).scenario.name).toBe(parseScenarioText(good).scenario.name);
    expect(parseScenarioBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(good)])).scenario.name).toBe(parseScenarioText(good).scenario.name);
  });

  it('invalid UTF-8 is refused with the byte offset, never replaced', () => {
    const text = bytes(good);
    const at = text.indexOf(0x22, 200); // a quote somewhere inside
    const broken = new Uint8Array(text);
    broken[at] = 0xff;
    const error = refusal(() => parseScenarioBytes(broken));
    expect(error.code).toBe('not-json');
    expect(error.message).toContain(`byte ${at}`);
    expect(error.message).toMatch(/not UTF-8 text/);
    expect(error.message).toMatch(/line \d+, column \d+/);
  });

  it.each([
    ['truncated sequence at the end', [0x7b, 0xe2, 0x82], 1],
    ['overlong encoding', [0x7b, 0xc0, 0xaf, 0x7d], 1],
    ['a UTF-16 surrogate in UTF-8', [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22], 2],
    ['a continuation byte alone', [0x7b, 0x0a, 0x80], 2],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('invalid UTF-8 (%s) names the first bad byte', (_, input, offset) => {
    expect(refusal(() => parseScenarioBytes(new Uint8Array(input))).message).toContain(`byte ${offset}`);
  });

  const malformed = [
    '',
    '   ',
    '{',
    '[1,]',
    '{"a":tru}',
    '{"a":1}x',
    '  \n  }',
    '{"a" 1}',
    '{"a":"\\x"}',
    '{"a":"\n"}',
    '{"a":01}',
    '{"a":-}',
    '{"a":1.}',
    '{"a":1e}',
    "{'a':1}",
    '{"a":"b',
    'nul',
    'nulll',
    '{"a":[1 2]}',
    '{"a":1',
    '\uFEFF\uFEFF{}',
    '{"a":"\\u12G4"}',
    '[1,2,3',
    '{"a":{"b":[true,false,]}}',
    '{,}',
    '[,1]',
    '{"a":1,,"b":2}',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":+1}',
    '{"a":.5}',
    '{"a":1}\n\n]',
    '\u00a0{}',
    '{"a":"\u0000"}',
    '{"a":1}/* comment */',
    '// comment\n{}',
    '{"a"}',
    '{"a":}',
    '[}',
    '{]',
  ];

  it.each(malformed.map((text) => [JSON.stringify(text), text]))('every JSON syntax error names a line and column: %s', (_, text) => {
    const error = refusalOf(text);
    expect(error.code).toBe('not-json');
    expect(error.message).toMatch(/^The file is not valid JSON: line \d+, column \d+: /);
    // V8's echo of the text around the error is dropped: the line and column say where, without quoting the file back.
    expect(error.message).not.toMatch(/is not valid JSON$/);
    expect(error.issues[0]?.message).toMatch(/^line \d+, column \d+: /);
  });

  it('the line and column are where the error is', () => {
    expect(refusalOf('{\n  "a": 1,\n  "b": tru\n}').message).toContain('line 3, column 11');
    expect(refusalOf('{\n  "a": [1,]\n}').message).toContain('line 2, column 11');
    expect(refusalOf('{"a":1}\n\n]').message).toContain('line 3, column 1');
    expect(refusalOf('{"a": 1').message).toContain('line 1, column 8');
  });

  it('a syntax error in a large file is named without quoting the file back', () => {
    const big = `${good.slice(0, -3)},}`;
    const error = refusalOf(big);
    expect(error.message.length).toBeLessThan(300);
  });
});
