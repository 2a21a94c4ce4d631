/**
 * The one GPU job as a worker runs it: the same figures as the simulator run
 * in one go (slices and progress change nothing), progress in simulated days,
 * a cancel that keeps the figures so far, a trace that runs to its last job,
 * and generated workloads refused outside the one set of bounds.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../data/samples/index.ts';
import { generateWorkloads } from './generators.ts';
import type { JobContext } from '../kernel/job.ts';
import { DAY, gpuRunFigures, runGpuJob, type WorkloadSource } from './job.ts';
import { GpuSimulation } from './simulator.ts';
import { summarizeGpuResult } from './summary.ts';
import { jobs, policy, quotaSizedWorkloads } from './testing.ts';

const cluster = loadSamples().find((s) => s.id === 'sample-three-pilot-pods')!.cluster;
const generated = (days: number, load = 0.8, seed = 3): WorkloadSource => ({ kind: 'generated', seed, days, teams: quotaSizedWorkloads(cluster, load) });

function watching(cancelAfter = Infinity): JobContext & { phases: string[]; breaths: number } {
  return {
    phases: [],
    breaths: 0,
    get cancelled() {
      return this.breaths >= cancelAfter;
    },
    progress(_done, _total, phase) {
      if (phase) this.phases.push(phase);
    },
    async breathe() {
      this.breaths++;
    },
  };
}

describe('the GPU job', () => {
  it('gives the figures of the simulator run in one go', async () => {
    const run = await runGpuJob({ cluster, source: generated(5), at: [DAY] }, watching());
    const table = generateWorkloads(cluster, quotaSizedWorkloads(cluster, 0.8), { seed: 3, horizonSeconds: 5 * DAY });
    const whole = new GpuSimulation(cluster, table, { seed: 3, until: 5 * DAY, at: [DAY] }).run();
    expect(run.summary).toEqual(summarizeGpuResult(whole));
    expect(gpuRunFigures(run)).toEqual({
      simulation: { endTime: whole.endTime, events: whole.events, arrivals: whole.arrivals, admissions: whole.admissions, preemptions: whole.preemptions, cancelled: false },
      summary: run.summary,
      at: whole.at,
    });
    expect(run.workloads).toBe(table.n);
  });

  it('reports progress in simulated days, and when cancelled stops and keeps the figures up to the simulated time reached', async () => {
    const context = watching(1);
    const run = await runGpuJob({ cluster, source: generated(28, 1.5) }, context);
    expect(context.phases).toEqual([expect.stringMatching(/^Simulating day [\d.]+ of 28$/)]);
    expect(run.result.cancelled).toBe(true);
    expect(run.result.endTime).toBeGreaterThan(0);
    expect(run.result.endTime).toBeLessThan(28 * DAY);
    expect(run.summary.teams.map((t) => t.team)).toEqual(['pod-1', 'pod-2', 'pod-3', 'ai-platform']);
    expect(run.summary.teams.reduce((n, t) => n + t.submitted, 0)).toBeGreaterThan(0);
  });

  it("runs a trace's jobs until the last one is done, reporting the share that arrived", async () => {
    const small = policy([{ name: 'team-a', nominal: '4' }]);
    const context = watching();
    // More arrival instants than one slice holds, so the run reports on the way.
    const run = await runGpuJob({ cluster: small, source: { kind: 'trace', name: 'jobs.csv', workloads: jobs('j', 'team-a', 3000, { size: 2, duration: 600, every: 600 }) } }, context);
    expect(run.until).toBeUndefined();
    expect(run.workloads).toBe(3000);
    expect(run.result.queues[0]!.completed).toBe(3000);
    expect(run.result.endTime).toBe(3000 * 600);
    expect(context.phases.length).toBeGreaterThan(0);
    expect(context.phases.at(-1)).toMatch(/^Simulating day [\d.]+: \d+% of the trace's jobs arrived$/);
  });

  it('refuses generated workloads outside the bounds a scenario saves, naming the field and the bound', async () => {
    await expect(runGpuJob({ cluster, source: generated(3650) }, watching())).rejects.toThrow('gpuSimulation.days: 3650 must be a whole number of days from 1 to 90.');
    await expect(runGpuJob({ cluster, source: generated(7, 0.8, 1.5) }, watching())).rejects.toThrow(/gpuSimulation\.seed: 1\.5 must be a whole number from 0 to 2147483647/);
  });
});
