/**
 * The delivery comparison on a pool of workers (MessageChannels speaking the
 * one job protocol): the same figures and trial count for 1, 2 or 3 workers
 * and as the single-threaded job, first looks that say they are still
 * converging, and a pool of the cores less one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadSamples } from '../../../data/samples/index.ts';
import { runDeliveryJob, type DeliveryJobInput, type DeliveryJobResult } from '../../../sim/delivery/job.ts';
import { simulateDelivery } from '../../../sim/delivery/simulate.ts';
import { channelWorker, closeChannelWorkers } from '../../workers/testing.ts';
import { DeliveryPool, deliveryPoolSize } from './delivery-pool.ts';
import { runStatus } from './model/summary-table.ts';

const pods = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!;
const worker = () => channelWorker<DeliveryJobInput, DeliveryJobResult>((input, context) => runDeliveryJob(input, context, { now: () => performance.now() }));
const comparisonOf = (r: DeliveryJobResult | undefined) => (r?.kind === 'compare' ? r.comparison : null);

afterEach(closeChannelWorkers);

describe('the delivery comparison on a pool of workers', () => {
  it('gives bit-identical figures and trial counts for 1, 2 and 3 workers, equal to the single-threaded run', async () => {
    for (const job of [
      { kind: 'compare', scenario: pods, seed: 4, trials: 230 },
      { kind: 'compare', scenario: pods, seed: 4, precision: 0.05 },
    ] satisfies DeliveryJobInput[]) {
      const results = [];
      for (const size of [1, 2, 3]) {
        const pool = new DeliveryPool(worker, size);
        const outcome = await pool.run(job);
        pool.dispose();
        expect(outcome.status).toBe('done');
        results.push(outcome.status === 'done' ? outcome.result : undefined);
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
      const single = simulateDelivery({ scenario: pods }, { seed: 4, ...(job.trials === undefined ? { precision: job.precision } : { trials: job.trials }) });
      expect(comparisonOf(results[0])).toEqual(single);
    }
  });

  it('posts first looks that say they are still converging, then the converged figures', async () => {
    const pool = new DeliveryPool(worker, 2);
    const looks: DeliveryJobResult[] = [];
    const phases: string[] = [];
    const outcome = await pool.run({ kind: 'compare', scenario: pods, seed: 4 }, { onPreliminary: (r) => looks.push(r), onProgress: (p) => phases.push(p.phase ?? '') });
    pool.dispose();
    expect(looks.length).toBeGreaterThan(0);
    const first = comparisonOf(looks[0])!;
    expect(first.convergence.converged).toBe(false);
    expect(runStatus(first, true)).toMatch(/^converging… [\d,]+ trials$/);
    expect(phases[0]).toMatch(/^converging… /);
    const final = comparisonOf(outcome.status === 'done' ? outcome.result : undefined)!;
    expect(final.convergence.converged).toBe(true);
    expect(runStatus(final, false)).toBe(`P85 known within ±2% after ${final.trials.toLocaleString('en-US')} trials`);
    expect(phases.at(-1)).toBe(runStatus(final, false));
  });

  it('cancel keeps the blocks merged so far', async () => {
    const pool = new DeliveryPool(worker, 2);
    let cancelled = false;
    const outcome = await pool.run(
      { kind: 'compare', scenario: pods, seed: 4, trials: 1_000_000 },
      {
        onPreliminary: () => {
          if (!cancelled) pool.cancel();
          cancelled = true;
        },
      },
    );
    pool.dispose();
    expect(outcome.status).toBe('cancelled');
    const c = comparisonOf(outcome.status === 'cancelled' ? outcome.result : undefined)!;
    expect(c.cancelled).toBe(true);
    expect(c.trials % 50).toBe(0);
    expect(c.trials).toBeGreaterThan(0);
    expect(c.trials).toBeLessThan(1_000_000);
  });

  it('uses the cores less one, at least one', () => {
    expect(deliveryPoolSize(8)).toBe(7);
    expect(deliveryPoolSize(2)).toBe(1);
    expect(deliveryPoolSize(1)).toBe(1);
    expect(deliveryPoolSize(undefined)).toBe(1);
  });
});
