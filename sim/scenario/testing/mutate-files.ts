/**
 * Mutated scenario files for the fuzz tests: start from good files (the
 * samples, the old-version fixtures) and break them the ways real files
 * break and hostile ones are built: fields deleted, duplicated and retyped,
 * huge, negative, fractional and out-of-range numbers, deep nesting,
 * truncation, flipped bytes, byte-order marks, invalid UTF-8, old and
 * unknown schema versions. Deterministic for a seed (mulberry32).
 */
import { mulberry32 } from '../../cluster/testing/random-policy.ts';

export interface MutatedFile {
  /** What was done, for a failing assertion's message. */
  label: string;
  bytes: Uint8Array;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };
interface Slot {
  parent: Container;
  key: string | number;
}

/** A JSON token spliced into the text after JSON.stringify (which cannot write these, or would overflow on them). */
const RAW = '\u0000raw:';
const raw = (token: string): string => `${RAW}${token}`;
const HOSTILE_NUMBERS = ['1e309', '-1e309', '1e308', '-0', '1000000000', '10001', '99999999999999999999', '-3', '2.5', '0.1', '4294967296'];
const HOSTILE_STRINGS = ['NaN', 'Infinity', '-1', '', ' ', '\u0000', '\uFEFF', '\u202Eevil', 'a'.repeat(300), '__proto__', 'constructor'];
const DEPTHS = [5, 63, 64, 65, 200, 10_000, 100_000];
const OLD_VERSIONS: Json[] = [1, 2, 3, 4, 5, 6, 7, 0, -1, 8, 99, 1.5, '7', null, []];
const encoder = new TextEncoder();

function isContainer(value: Json | undefined): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Every slot (parent, key) in the document, found iteratively. */
function slotsOf(doc: Json): Slot[] {
  const slots: Slot[] = [];
  const pending: Json[] = [doc];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (!isContainer(value)) continue;
    const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      slots.push({ parent: value, key });
      pending.push((value as Record<string | number, Json>)[key]!);
    }
  }
  return slots;
}

function nested(depth: number, object: boolean): string {
  return object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

export function* mutatedScenarioFiles(sources: ReadonlyArray<{ name: string; text: string }>, count: number, seed: number): Generator<MutatedFile> {
  const random = mulberry32(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

  const set = (slot: Slot, value: Json): void => {
    (slot.parent as Record<string | number, Json>)[slot.key] = value;
  };
  const get = (slot: Slot): Json => (slot.parent as Record<string | number, Json>)[slot.key]!;

  /** A change to the parsed document; returns its label. */
  const structural: Array<(doc: { [key: string]: Json }, slot: Slot) => string> = [
    (_, slot) => {
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return `delete ${String(slot.key)}`;
    },
    (_, slot) => {
      // In a list: one more of the same element (duplicate ids, flavors, teams). In an object: its value copied over a sibling field.
      if (Array.isArray(slot.parent)) {
        slot.parent.push(structuredClone(get(slot)));
        return `duplicate ${String(slot.key)}`;
      }
      const sibling = pick(Object.keys(slot.parent));
      slot.parent[sibling] = structuredClone(get(slot));
      return `copy ${String(slot.key)} over ${sibling}`;
    },
    (_, slot) => {
      const value = pick<Json>([null, true, 0, 'x', [], {}, [1, 2], { a: 1 }]);
      set(slot, value);
      return `retype ${String(slot.key)} as ${JSON.stringify(value)}`;
    },
    (_, slot) => {
      const token = pick(HOSTILE_NUMBERS);
      set(slot, raw(token));
      return `${String(slot.key)} = ${token}`;
    },
    (_, slot) => {
      const text = pick(HOSTILE_STRINGS);
      set(slot, text);
      return `${String(slot.key)} = string ${JSON.stringify(text.slice(0, 12))}`;
    },
    (_, slot) => {
      const depth = pick(DEPTHS);
      const object = random() < 0.5;
      set(slot, raw(nested(depth, object)));
      return `${String(slot.key)} nested ${depth} ${object ? 'objects' : 'arrays'} deep`;
    },
    (doc) => {
      const version = pick(OLD_VERSIONS);
      doc.schemaVersion = version;
      return `schemaVersion = ${JSON.stringify(version)}`;
    },
    (doc) => {
      // A v1 headcount (the migration that once built a position per head): hostile counts on a real team.
      const teams = Array.isArray(doc.teams) ? doc.teams : [];
      const team = teams[int(Math.max(1, teams.length))];
      doc.schemaVersion = 1;
      if (isContainer(team) && !Array.isArray(team)) {
        const headcount: { [key: string]: Json } = { 'ai-ml-engineer': raw(pick(HOSTILE_NUMBERS)), 'data-scientist': int(5) };
        team.headcount = headcount;
        team.kind = 'central-ai';
      }
      return 'v1 headcount';
    },
  ];

  /** A change to the bytes; returns its label. */
  const textual: Array<(bytes: Uint8Array) => { bytes: Uint8Array; label: string }> = [
    (bytes) => {
      const at = int(bytes.length + 1);
      return { bytes: bytes.slice(0, at), label: `truncated at ${at}` };
    },
    (bytes) => {
      const copy = bytes.slice();
      const flips = 1 + int(4);
      for (let k = 0; k < flips; k++) {
        const at = int(copy.length);
        copy[at] = (copy[at] ?? 0) ^ (1 << int(8));
      }
      return { bytes: copy, label: `${flips} bit flips` };
    },
    (bytes) => ({ bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), label: 'byte-order mark' }),
    (bytes) => {
      const bad = pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80]]);
      const at = int(bytes.length + 1);
      return { bytes: new Uint8Array([...bytes.subarray(0, at), ...bad, ...bytes.subarray(at)]), label: `invalid UTF-8 at ${at}` };
    },
    (bytes) => {
      const at = int(bytes.length + 1);
      const junk = encoder.encode(pick([',', ']', '}', '"', '{', '[', ':', 'null', '\\', '//', 'NaN', '\u2028']));
      return { bytes: new Uint8Array([...bytes.subarray(0, at), ...junk, ...bytes.subarray(at)]), label: `inserted at ${at}` };
    },
  ];

  const parsed = sources.map((source) => ({ name: source.name, doc: JSON.parse(source.text) as { [key: string]: Json } }));
  for (let n = 0; n < count; n++) {
    const source = pick(parsed);
    const doc = structuredClone(source.doc);
    const labels = [source.name];
    const changes = 1 + int(3);
    for (let c = 0; c < changes; c++) {
      const slots = slotsOf(doc);
      if (slots.length === 0) break;
      labels.push(pick(structural)(doc, pick(slots)));
    }
    // Splice in the raw tokens: JSON.stringify writes them as strings "\u0000raw:…".
    const text = JSON.stringify(doc, null, random() < 0.5 ? 2 : undefined).replace(/"\\u0000raw:((?:[^"\\]|\\.)*)"/g, (_, token: string) =>
      JSON.parse(`"${token}"`) as string,
    );
    let bytes: Uint8Array = encoder.encode(text);
    if (random() < 0.4) {
      const changed = pick(textual)(bytes);
      bytes = changed.bytes;
      labels.push(changed.label);
    }
    yield { label: labels.join(' / '), bytes };
  }
}
