/**
 * The GPU simulation tab's state. Simulation stores, each with its own
 * Web Worker (the same module) — the run, A vs B and the sweep a pool of
 * them, one job per seed — so that a long sweep never supersedes the
 * main run: `useGpuRun` (the scenario's policy, re-run on every policy
 * change), `useGpuCompare` (policy A vs the variant B), `useGpuAnalysis`
 * (sweep, recommender) and `useGpuTrace` (scan and import of a trace file).
 * `useGpuSimUi` holds what the tab keeps for the open scenario only: the
 * imported trace's workloads (too big to save with a plan) and the open team /
 * workload. The workload settings and policy B are saved in the scenario
 * (`scenario.gpuSimulation`, `model/section-edits.ts`).
 */
import { create } from 'zustand';
import type { WorkloadSpec } from '../../../sim/gpu-sim/index.ts';
import type { TraceImportResult } from '../../../sim/traces/index.ts';
import type { GpuJobInput, GpuJobOutput } from './model/jobs.ts';
import { createSimulationStore } from '../../stores/simulation.ts';
import { poolSize, SeedPool } from '../../workers/seed-pool.ts';
import { gpuSeedSplit } from './model/seeded-jobs.ts';

const createWorker = () => new Worker(new URL('./gpu-sim.worker.ts', import.meta.url), { type: 'module', name: 'gpu-simulation' });
/** The run, A vs B and the sweep split by seed over a pool as large as the machine's cores (`model/seeded-jobs.ts`). */
const seedPool = () => new SeedPool(createWorker, gpuSeedSplit, poolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency));

export const useGpuRun = createSimulationStore<GpuJobInput, GpuJobOutput>(seedPool());
export const useGpuCompare = createSimulationStore<GpuJobInput, GpuJobOutput>(seedPool());
export const useGpuSweep = createSimulationStore<GpuJobInput, GpuJobOutput>(seedPool());
export const useGpuRecommend = createSimulationStore<GpuJobInput, GpuJobOutput>(createWorker);
export const useGpuTrace = createSimulationStore<GpuJobInput, GpuJobOutput>(createWorker);

export interface ImportedTrace {
  /** Grows with every import, so a re-import of the same file re-runs. */
  id: number;
  name: string;
  format: string;
  workloads: WorkloadSpec[];
  result: Omit<TraceImportResult, 'workloads'>;
}

export interface GpuSimUiState {
  scenarioId: string | null;
  /** Run on the imported trace instead of generated workloads. */
  useTrace: boolean;
  trace: ImportedTrace | null;
  openTeam: string | null;
  openWorkload: string | null;
  /** Starts afresh when another scenario is opened. */
  forScenario(id: string): void;
  set(patch: Partial<Pick<GpuSimUiState, 'useTrace' | 'openTeam' | 'openWorkload'>>): void;
  setTrace(trace: Omit<ImportedTrace, 'id'>): void;
  dropTrace(): void;
}

const fresh = { useTrace: false, trace: null, openTeam: null, openWorkload: null };
let traceIds = 0;

export const useGpuSimUi = create<GpuSimUiState>()((set, get) => ({
  scenarioId: null,
  ...fresh,
  forScenario(id) {
    if (get().scenarioId === id) return;
    set({ scenarioId: id, ...fresh });
    for (const store of [useGpuRun, useGpuCompare, useGpuSweep, useGpuRecommend, useGpuTrace]) store.getState().reset();
  },
  set(patch) {
    set(patch);
  },
  setTrace(trace) {
    set({ trace: { ...trace, id: ++traceIds }, useTrace: true });
  },
  dropTrace() {
    set({ trace: null, useTrace: false });
  },
}));
