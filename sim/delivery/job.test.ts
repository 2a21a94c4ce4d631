/**
 * The comparison job as a worker runs it: a first look after its first
 * trials, refreshed while a long run goes on, and final figures that do not
 * depend on whether anyone watched.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { FIRST_LOOK_MS, FIRST_LOOK_TRIALS, PRELIMINARY_EVERY_MS, runDeliveryJob, type DeliveryJobInput, type DeliveryJobResult } from './job.ts';

const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
const job = (trials: number): DeliveryJobInput => ({ kind: 'compare', scenario: pods, trials, seed: 11 });

/** A clock that moves `stepMs` on every reading, so a slice "takes" what the test says. */
const clock = (stepMs: number) => {
  let t = 0;
  return { now: () => (t += stepMs) };
};

const trialsOf = (r: DeliveryJobResult) => (r.kind === 'compare' ? r.comparison.trials : Number.NaN);

async function watched(trials: number, stepMs: number): Promise<{ looks: DeliveryJobResult[]; final: DeliveryJobResult }> {
  const looks: DeliveryJobResult[] = [];
  const final = await runDeliveryJob(job(trials), { cancelled: false, progress: () => {}, preliminary: (r) => looks.push(r), breathe: async () => {} }, clock(stepMs));
  return { looks, final };
}

describe('the delivery comparison job', () => {
  it(`posts a first look after ${FIRST_LOOK_TRIALS} trials, and its final figures are the ones of an unwatched run`, async () => {
    const { looks, final } = await watched(600, 0.01);
    expect(looks.length).toBe(1);
    expect(trialsOf(looks[0]!)).toBe(FIRST_LOOK_TRIALS);
    const first = looks[0]!.kind === 'compare' ? looks[0]!.comparison : null;
    expect(first?.cancelled).toBe(false);
    expect(first?.trialsRequested).toBe(600);
    for (const d of first?.designs ?? []) expect(d.timeToProduction.p50).toBeGreaterThan(0);
    const unwatched = await runDeliveryJob(job(600), { cancelled: false, progress: () => {}, breathe: async () => {} }, clock(0.01));
    expect(final).toEqual(unwatched);
    expect(trialsOf(final)).toBe(600);
  });

  it('posts nothing preliminary for a run that finishes within its first look', async () => {
    const { looks, final } = await watched(FIRST_LOOK_TRIALS, 0.01);
    expect(looks).toEqual([]);
    expect(trialsOf(final)).toBe(FIRST_LOOK_TRIALS);
  });

  it(`on a slow run, shows the first look after ${FIRST_LOOK_MS} ms and refreshes it every ${PRELIMINARY_EVERY_MS} ms`, async () => {
    // Every slice takes 2 × 300 ms of this clock: the first look comes after the first slice, then one every second.
    const { looks, final } = await watched(40, 300);
    const seen = looks.map(trialsOf);
    expect(seen[0]).toBeLessThan(FIRST_LOOK_TRIALS);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(trialsOf(final)).toBe(40);
  });

  it('the tornado posts its rows as each parameter is done, and ends with all of them sorted by swing', async () => {
    const looks: number[] = [];
    const final = await runDeliveryJob(
      { kind: 'sensitivity', scenario: pods, trials: 20, seed: 3, design: 'pods-platform' },
      { cancelled: false, progress: () => {}, preliminary: (r) => void (r.kind === 'sensitivity' && looks.push(r.sensitivity.rows.length)), breathe: async () => {} },
      clock(1),
    );
    if (final.kind !== 'sensitivity') throw new Error('not a tornado');
    const rows = final.sensitivity.rows;
    expect(looks.length).toBeGreaterThan(1);
    expect(looks).toEqual([...looks].sort((a, b) => a - b));
    expect(looks.at(-1)).toBeLessThan(rows.length);
    expect(rows.map((r) => r.swing)).toEqual([...rows.map((r) => r.swing)].sort((a, b) => b - a));
  });
});
