/**
 * The scenario's main GPU run (its quota policy on its workloads): the input
 * and the key that stands for it, in one place, so the GPU simulation tab and
 * the Decision view ask the shared store for the same run and never compute
 * it twice.
 */
import { useMemo } from 'react';
import type { WorkloadSource } from '../../../sim/gpu-sim/job.ts';
import { demandKey } from '../../../sim/gpu-sim/demand.ts';
import type { Scenario } from '../../../sim/scenario/index.ts';
import type { GpuJobInput } from './model/jobs.ts';
import { gpuSimulationInputs } from '../../../sim/edits/gpu-simulation.ts';
import { useGpuSimUi } from './store.ts';

export interface MainGpuRun {
  /** Node pools and team queues exist: there is something to simulate. */
  runnable: boolean;
  /** The saved inputs, `seeds` included: every figure of the run is over that many seeds (a trace: one). */
  inputs: ReturnType<typeof gpuSimulationInputs>;
  source: WorkloadSource;
  policyKey: string;
  workloadKey: string;
  runKey: string;
  runInput: GpuJobInput;
}

/** A short key for a source and its seeds, so an unchanged source does not re-run (a trace is named by its import id and has one seed). */
export function sourceKey(source: WorkloadSource, traceId: number, seeds = 1): string {
  return source.kind === 'trace' ? `trace:${traceId}:${source.name}` : `gen:${source.seed}:${source.days}:${seeds}:${demandKey(source.teams)}`;
}

export function useMainGpuRun(doc: Scenario): MainGpuRun {
  const ui = useGpuSimUi();
  const cluster = doc.cluster;
  const runnable = cluster.queues.length > 0 && cluster.nodePools.length > 0;
  const inputs = useMemo(() => gpuSimulationInputs(doc), [doc.gpuSimulation, cluster]);
  // The imported trace belongs to the open scenario only (see store.ts).
  const traced = ui.scenarioId === doc.id && ui.useTrace && ui.trace;
  const source: WorkloadSource = traced && ui.trace ? { kind: 'trace', name: ui.trace.name, workloads: ui.trace.workloads } : { kind: 'generated', seed: inputs.seed, days: inputs.days, teams: inputs.teams };
  const policyKey = useMemo(() => JSON.stringify(cluster), [cluster]);
  const price = doc.costModel.gpuPricePerHour;
  const workloadKey = sourceKey(source, traced && ui.trace ? ui.trace.id : 0, inputs.seeds);
  const runKey = `${policyKey}|${workloadKey}|${price ?? ''}`;
  // The key stands for the input: rebuilt only when it changes.
  const runInput = useMemo<GpuJobInput>(() => ({ kind: 'run', cluster, source, gpuPricePerHour: price, seeds: inputs.seeds }), [runKey]);
  return { runnable, inputs, source, policyKey, workloadKey, runKey, runInput };
}
