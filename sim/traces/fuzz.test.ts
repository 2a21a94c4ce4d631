/**
 * Seeded fuzzing of the trace import (issue #13): hundreds of mutated traces
 * in every layout — flipped bytes, cut lines, 1e308 / NaN / Infinity / -0,
 * negative values, missing and extra columns, binary junk, over-long lines
 * (a lowered limit), empty files, BOMs, CRLF — go through the importer and
 * the scanner. None may crash or run away; every refusal names a line of the
 * file (or says why the whole file), and whatever imports is something the
 * simulator accepts.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { SAMPLE_USER_MAP, sampleTraces } from '../../data/traces/samples/generate.ts';
import { tableFromSpecs } from '../gpu-sim/workloads.ts';
import { MAX_PODS } from './bounds.ts';
import { createTraceImporter, createTraceScanner, createTraceTableImporter, type TraceFormat, type TraceRowProblem } from './index.ts';

const cluster = loadSamples()[1]!.cluster;
const LIMIT = 400; // the line limit, lowered so that "very long lines" stay small
const TRACES_PER_FORMAT = 70;

/** mulberry32: a fixed seed, the same mutations on every run and machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FILES: Record<TraceFormat, string> = { philly: 'philly-sample.json', helios: 'helios-sample.csv', pai: 'pai-sample.csv', openb: 'openb-sample.csv', generic: 'generic-sample.csv' };
const HUGE = ['1e308', '-1e308', 'NaN', 'Infinity', '-Infinity', '-0', '-1', '-7200', '1e-320', '9007199254740993', '0x10', '1_000'];

type Mutation = (text: string, next: () => number) => string | Uint8Array;
const pick = <T,>(list: readonly T[], next: () => number): T => list[Math.floor(next() * list.length)]!;
const encode = (text: string) => new TextEncoder().encode(text);
const lineOps = (f: (lines: string[], i: number, next: () => number) => void): Mutation => (text, next) => {
  const lines = text.split('\n');
  f(lines, Math.floor(next() * lines.length), next);
  return lines.join('\n');
};

const MUTATIONS: Record<string, Mutation> = {
  'byte flips': (text, next) => {
    const bytes = encode(text);
    for (let k = 0, n = 1 + Math.floor(next() * 8); k < n; k++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    return bytes;
  },
  'truncated line': lineOps((lines, i, next) => void (lines[i] = lines[i]!.slice(0, Math.floor(next() * lines[i]!.length)))),
  'truncated file': (text, next) => text.slice(0, Math.floor(next() * text.length)),
  'huge or odd numbers': (text, next) => {
    const numbers = [...text.matchAll(/\d+(\.\d+)?/g)];
    let out = text;
    for (let k = 0; k < 3 && numbers.length; k++) {
      const m = pick(numbers, next);
      out = out.slice(0, m.index) + pick(HUGE, next) + out.slice(m.index + m[0].length);
      numbers.splice(0, numbers.length, ...out.matchAll(/\d+(\.\d+)?/g));
    }
    return out;
  },
  'missing column': lineOps((lines, i, next) => {
    const cells = lines[i]!.split(',');
    cells.splice(Math.floor(next() * cells.length), 1);
    lines[i] = cells.join(',');
  }),
  'extra columns': lineOps((lines, i, next) => void (lines[i] += `,${pick(['x', '', '1e308', '"q"', '"open'], next)}`.repeat(1 + Math.floor(next() * 3)))),
  'binary junk': (text, next) => {
    const bytes = encode(text);
    const at = Math.floor(next() * bytes.length);
    const junk = Uint8Array.from({ length: 1 + Math.floor(next() * 64) }, () => Math.floor(next() * 256));
    const out = new Uint8Array(bytes.length + junk.length);
    out.set(bytes.subarray(0, at));
    out.set(junk, at);
    out.set(bytes.subarray(at), at + junk.length);
    return out;
  },
  'very long line': lineOps((lines, i, next) => void (lines[i] += 'z'.repeat(LIMIT + Math.floor(next() * 2 * LIMIT)))),
  'no line breaks': (text) => text.replaceAll('\n', ' '),
  'empty file': () => '',
  'header only': (text) => text.split('\n', 1)[0]!,
  'BOM': (text) => `\uFEFF${text}`,
  'CRLF': (text) => text.replaceAll('\n', '\r\n'),
};

/** A sample cut to its first rows (a few KiB), so that hundreds of variants run in seconds. */
function base(format: TraceFormat): string {
  const text = sampleTraces()[FILES[format]]!;
  if (format === 'philly') return `${text.split('\n').slice(0, 60).join('\n').replace(/,\s*$/, '')}\n]\n`;
  if (format === 'pai') return text.split('\n').filter((_, i) => i % 4 === 0 || i < 2).join('\n');
  return text.split('\n').slice(0, 40).join('\n');
}

function feed(sink: { push(chunk: string): void; pushBytes(bytes: Uint8Array): void }, file: string | Uint8Array, next: () => number): void {
  const bytes = typeof file === 'string' ? encode(file) : file;
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(next() * 300);
    sink.pushBytes(bytes.subarray(at, at + size));
    at += size;
  }
}

function expectNamed(problems: readonly TraceRowProblem[], lines: number, what: string): void {
  for (const p of problems) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines, `${what}: line ${p.line} of ${lines} — ${p.message}`).toBe(true);
    expect(p.message.length, what).toBeGreaterThan(5);
    // A row refusal carries its line; one for the whole file says why in its own words.
    if (p.wholeFile) expect(p.message, what).toMatch(/file|header|line \d|layout|columns/);
  }
}

describe('fuzzed traces (seeded)', () => {
  it(`${TRACES_PER_FORMAT * 5} mutated traces in every layout: no crash, bounded work, every refusal named, every import runnable`, () => {
    const next = random(20_261_207);
    const names = Object.keys(MUTATIONS);
    const seen = new Set<string>();
    let traces = 0;
    let refusedWhole = 0;
    let imported = 0;
    const started = performance.now();
    for (const format of Object.keys(FILES) as TraceFormat[]) {
      const original = base(format);
      for (let k = 0; k < TRACES_PER_FORMAT; k++) {
        // Every mutation at least once per format, then one to three at random.
        const chosen = k < names.length ? [names[k]!] : Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(names, next));
        let file: string | Uint8Array = original;
        for (const name of chosen) file = MUTATIONS[name]!(typeof file === 'string' ? file : new TextDecoder().decode(file), next);
        const what = `${format} #${k} (${chosen.join(' + ')})`;
        const text = typeof file === 'string' ? file : new TextDecoder().decode(file);
        const lines = Math.max(1, text.split('\n').length);
        const onBadRow = next() < 0.5 ? 'skip' : 'abort';
        const options = { format, mapping: { teamBy: 'user' as const, teams: { ...SAMPLE_USER_MAP }, unmappedTeam: 'ai-platform' }, onBadRow, maxLineLength: LIMIT } as const;

        const t0 = performance.now();
        const importer = createTraceImporter(cluster, options);
        feed(importer, file, next);
        const result = importer.finish();
        const table = createTraceTableImporter(cluster, options);
        feed(table, file, next);
        const tabled = table.finish();
        const scanner = createTraceScanner(format, { maxLineLength: LIMIT });
        feed(scanner, file, next);
        const scan = scanner.finish();
        expect(performance.now() - t0, `${what}: took too long`).toBeLessThan(1000);

        expectNamed(result.problems, lines, what);
        expectNamed(scan.problems, lines, what);
        if (result.aborted) expectNamed([result.aborted], lines, what);
        // Rows are lines, or Philly's job objects (several may share a line).
        expect(result.rows, what).toBeLessThanOrEqual(format === 'philly' ? text.length : lines);
        expect(tabled.imported, what).toBe(result.imported);
        expect(tabled.problems, what).toEqual(result.problems);
        if (result.aborted) {
          expect(result.workloads, what).toEqual([]);
          if (result.aborted.wholeFile) refusedWhole++;
          else expect(onBadRow, `${what}: only abort stops at a row`).toBe('abort');
        } else {
          // What imports, the simulator takes: its own checks (tableFromSpecs) never fail on an imported job.
          expect(() => tableFromSpecs(result.workloads), what).not.toThrow();
          for (const w of result.workloads) {
            expect(Number.isFinite(w.submitTime) && w.submitTime >= 0 && Number.isFinite(w.duration) && w.duration > 0, what).toBe(true);
            for (const ps of w.podSets) expect(ps.count, what).toBeLessThanOrEqual(MAX_PODS);
          }
          imported += result.imported;
        }
        for (const name of chosen) seen.add(name);
        traces++;
      }
    }
    expect(traces).toBeGreaterThanOrEqual(300);
    expect([...seen].sort()).toEqual(names.sort());
    // The fuzz reaches both outcomes: files refused whole, and imports that still run.
    expect(refusedWhole).toBeGreaterThan(20);
    expect(imported).toBeGreaterThan(1000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
