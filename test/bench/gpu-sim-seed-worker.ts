/**
 * Worker thread of the "5 seeds of the Kueue baseline" benchmark: one seed's
 * table built and simulated, behind the same job host `podplan simulate gpu`
 * runs its seeds on (electron/cli/sim-worker.ts, the one job protocol).
 */
import { hostWorkerJob } from '../../electron/cli/sim-worker.ts';
import { GpuSimulation } from '../../sim/gpu-sim/simulator.ts';
import { kueuePolicy, kueueWorkloads, type KueueShape } from './kueue-shape.ts';

export interface SeedRunInput {
  shape: KueueShape;
  /** The seed the table is drawn with (0 = Kueue's baseline as is; `kueueWorkloads`). */
  seed: number;
}

export interface SeedRunOutput {
  workloads: number;
  events: number;
  admissions: number;
  ms: number;
}

hostWorkerJob<SeedRunInput, SeedRunOutput>(async ({ shape, seed }, context) => {
  const started = performance.now();
  const table = kueueWorkloads(shape, seed);
  const sim = new GpuSimulation(kueuePolicy(shape), table, { recordTimelines: false, shouldCancel: () => context.cancelled });
  while (sim.step(20_000)) await context.breathe();
  const result = sim.result();
  return { workloads: table.n, events: result.events, admissions: result.admissions, ms: performance.now() - started };
});
