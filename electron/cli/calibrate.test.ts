import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support.ts';

const repo = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const PODS = repo('data/samples/three-pilot-pods.podplan.json');
const CENTRAL = repo('data/samples/centralized-ai-team.podplan.json');
const PODS_HISTORY = repo('data/histories/synthetic-pods.transitions.csv');
const CENTRAL_HISTORY = repo('data/histories/synthetic-centralized.transitions.csv');

interface CalibrateJson {
  calibration: { items: number; openItems: number; design: string; parameters: Array<{ key: string; source: string; low: unknown; high: unknown; refused?: string }>; warnings: string[] };
  backTest: { asOf: string; coverage: { p50: number | null; p85: number | null }; qq: Array<{ q: number; forecast: number }>; trials: number; warning: string | null; forecast: { p50: number; p85: number }; actual: { items: number; shipped: number } };
}

describe('podplan calibrate', () => {
  it('fits the shipped example history with the mapping next to it, and back-tests it', async () => {
    const run = await runCli(['calibrate', '--json', '--trials', '200', PODS, '--history', PODS_HISTORY], { cwd: '/' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as CalibrateJson;
    expect(json.calibration.design).toBe('pods-platform');
    expect(json.calibration.items).toBeGreaterThanOrEqual(30);
    const arrival = json.calibration.parameters.find((p) => p.key === 'arrivalsPerAreaPerMonth')!;
    expect(arrival.source).toMatch(/^your history: \d+ items, \d{4}-\d{2}-\d{2}–\d{4}-\d{2}-\d{2}$/);
    expect(json.calibration.parameters.some((p) => p.key === 'effort.medium.model')).toBe(true);
    expect(json.backTest.trials).toBe(200);
    expect(json.backTest.qq).toHaveLength(19);
    expect(json.backTest.forecast.p85).toBeGreaterThan(json.backTest.forecast.p50);
  });

  it('prints the fitted parameters, their intervals and the back-test for a person', async () => {
    const run = await runCli(['calibrate', '--trials', '200', CENTRAL, '--history', CENTRAL_HISTORY], { cwd: '/' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('read against the Centralized AI team design');
    expect(run.stdout).toMatch(/handoffCadenceWeeks\s+[\d.]+\s+[\d.]+–[\d.]+/);
    expect(run.stdout).toContain('Within the forecast P50:');
    expect(run.stdout).toContain('Source: your history:');
  });

  it('asks for the history; a CSV with no mapping beside it is read with the mapping guessed from its status names', async () => {
    const missing = await runCli(['calibrate', PODS], { cwd: '/' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--history FILE is required');
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const csv = path.join(dir, 'team.transitions.csv');
    writeFileSync(csv, readFileSync(PODS_HISTORY));
    const guessed = await runCli(['calibrate', '--json', '--trials', '50', PODS, '--history', csv], { cwd: '/' });
    expect(guessed.code).toBe(0);
    expect((JSON.parse(guessed.stdout) as CalibrateJson).calibration.parameters.some((p) => p.key === 'effort.medium.model')).toBe(true);
  });

  it('reads every format podplan history import reads: the cycle-data copy, and the history JSON it writes', async () => {
    const cycle = await runCli(['calibrate', '--json', '--trials', '50', PODS, '--history', repo('data/histories/synthetic-pods.cycle-data.csv')], { cwd: '/' });
    expect(cycle.stderr).toBe('');
    expect(cycle.code).toBe(0);
    expect((JSON.parse(cycle.stdout) as CalibrateJson & { history: { format: string } }).history.format).toBe('cycle-data');
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const json = path.join(dir, 'history.json');
    const imported = await runCli(['history', 'import', CENTRAL_HISTORY, '--map-file', repo('data/histories/synthetic-centralized.mapping.json'), '--out', json], { cwd: '/' });
    expect(imported.code).toBe(0);
    const fromJson = await runCli(['calibrate', '--json', '--trials', '50', CENTRAL, '--history', json], { cwd: '/' });
    const fromCsv = await runCli(['calibrate', '--json', '--trials', '50', CENTRAL, '--history', CENTRAL_HISTORY], { cwd: '/' });
    expect(fromJson.code).toBe(0);
    const a = JSON.parse(fromJson.stdout) as CalibrateJson;
    const b = JSON.parse(fromCsv.stdout) as CalibrateJson;
    expect(a.calibration.parameters).toEqual(b.calibration.parameters);
    expect(a.backTest.coverage).toEqual(b.backTest.coverage);
  });

  it('names the line and column of a bad timestamp, and refuses a status the mapping does not map', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const mapping = repo('data/histories/synthetic-pods.mapping.json');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'item,type,area,created,status,timestamp\nA-1,Feature,Search relevance,2026-01-05,Discovery,yesterday\n');
    const badRun = await runCli(['calibrate', PODS, '--history', bad, '--map', mapping], { cwd: '/' });
    expect(badRun.code).toBe(1);
    expect(badRun.stderr).toContain('bad.csv line 2: column timestamp: "yesterday" is not a date');
    expect(badRun.stderr).toContain('Nothing was calibrated.');
    const unknown = path.join(dir, 'unknown.csv');
    writeFileSync(unknown, 'item,type,area,created,status,timestamp\nA-1,Feature,Search relevance,2026-01-05,Code review,2026-01-06\nA-1,Feature,Search relevance,2026-01-05,Done,2026-01-09\n');
    const unknownRun = await runCli(['calibrate', PODS, '--history', unknown, '--map', mapping], { cwd: '/' });
    expect(unknownRun.code).toBe(1);
    expect(unknownRun.stderr).toContain('does not map "Code review"; nothing was calibrated');
  });

  it('the shipped examples are histories of the past whose back-test reads as a calibrated model (the model generated them)', async () => {
    for (const [scenario, history] of [[PODS, PODS_HISTORY], [CENTRAL, CENTRAL_HISTORY]] as const) {
      const run = await runCli(['calibrate', '--json', scenario, '--history', history], { cwd: '/' });
      expect(run.code).toBe(0);
      const { backTest } = JSON.parse(run.stdout) as CalibrateJson;
      expect(backTest.asOf <= '2026-11-30T23:59:59Z', history).toBe(true);
      expect(backTest.actual.shipped, history).toBeGreaterThanOrEqual(12);
      expect(Math.abs(backTest.coverage.p50! - 0.5), history).toBeLessThanOrEqual(0.1);
      expect(Math.abs(backTest.coverage.p85! - 0.85), history).toBeLessThanOrEqual(0.08);
      expect(backTest.warning, history).toBeNull();
    }
  });

  it('refuses a JSON file that is not a delivery history, naming what is wrong', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const json = path.join(dir, 'history.json');
    writeFileSync(json, JSON.stringify({ format: 'transitions', source: 'x.csv', statuses: ['Done'], items: [{ id: 'A-1', type: 'Feature', area: 'Search', created: 'soon', changes: [], line: 2 }], mapping: { statuses: {}, sizes: {}, areas: {} } }));
    const run = await runCli(['calibrate', PODS, '--history', json], { cwd: '/' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not a delivery history as podplan history import --out writes it');
    expect(run.stderr).toContain('items.0.created: not a date');
  });

  it('refuses a file that is not a CSV', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const binary = path.join(dir, 'export.xlsx');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    const run = await runCli(['calibrate', PODS, '--history', binary], { cwd: '/' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not a CSV export');
  });
});
