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
  backTest: { coverage: { p50: number | null; p85: number | null }; qq: Array<{ q: number; forecast: number }>; trials: number; warning: string | null; forecast: { p50: number; p85: number } };
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

  it('asks for the history, and for the mapping of a CSV that has none next to it', async () => {
    const missing = await runCli(['calibrate', PODS], { cwd: '/' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--history FILE is required');
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const csv = path.join(dir, 'team.transitions.csv');
    writeFileSync(csv, readFileSync(PODS_HISTORY));
    const noMap = await runCli(['calibrate', PODS, '--history', csv], { cwd: '/' });
    expect(noMap.code).toBe(1);
    expect(noMap.stderr).toContain('needs its status mapping: --map FILE');
  });

  it('names the row and column of a bad timestamp, and a status the mapping does not know', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const mapping = repo('data/histories/synthetic-pods.mapping.json');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'item,type,area,created,status,timestamp\nA-1,Feature,Search relevance,2026-01-05,Discovery,yesterday\n');
    const badRun = await runCli(['calibrate', PODS, '--history', bad, '--map', mapping], { cwd: '/' });
    expect(badRun.code).toBe(1);
    expect(badRun.stderr).toContain('line 2, column 6 (timestamp): not an ISO 8601 date or time (got "yesterday")');
    const unknown = path.join(dir, 'unknown.csv');
    writeFileSync(unknown, 'item,type,area,created,status,timestamp\nA-1,Feature,Search relevance,2026-01-05,Code review,2026-01-06\n');
    const unknownRun = await runCli(['calibrate', PODS, '--history', unknown, '--map', mapping], { cwd: '/' });
    expect(unknownRun.code).toBe(1);
    expect(unknownRun.stderr).toContain('status "Code review" is not in the mapping');
  });

  it('refuses a file that is not a CSV', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podplan-calibrate-'));
    const binary = path.join(dir, 'export.xlsx');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    const run = await runCli(['calibrate', PODS, '--history', binary, '--map', repo('data/histories/synthetic-pods.mapping.json')], { cwd: '/' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not a CSV file');
  });
});
