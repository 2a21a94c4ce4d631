/**
 * The cluster replay's own state (issue #15), beside the tab's store so the
 * two stay easy to merge: the last read of the cluster's Workloads, what it
 * became for this scenario's policy, and the id of the trace it set. The
 * replay's workloads go through the same path as an imported trace
 * (`useGpuSimUi.setTrace`), so the main run, A vs B, the sweep and the
 * recommender all replay them.
 */
import { create } from 'zustand';
import type { Cluster } from '../../../sim/cluster/schema.ts';
import type { ClusterWorkloadsRequest, ClusterWorkloadsResponse } from '../../../sim/api/contract.ts';
import type { ReplaySpecs } from '../../../sim/traces/index.ts';
import { api } from '../../api/api.ts';
import { errorInfo, type ErrorInfo } from '../../api/errors.ts';
import { replaySource, replayWorkloadSpecs } from './model/replay.ts';
import { useGpuSimUi } from './store.ts';

export interface ClusterReplayState {
  phase: 'idle' | 'running' | 'done' | 'error';
  error: ErrorInfo | null;
  /** The read found nothing to replay for this policy (no workloads, or none in its team queues): said, not an error. */
  empty: string | null;
  replay: ClusterWorkloadsResponse | null;
  specs: ReplaySpecs | null;
  /** The trace id (useGpuSimUi) the replay set: its figures apply while that trace is the run's. */
  traceId: number | null;
  /** Where the demand came from, as the tab says it. */
  source: string | null;
  load(request: ClusterWorkloadsRequest, cluster: Cluster): Promise<void>;
}

export const useClusterReplay = create<ClusterReplayState>()((set) => ({
  phase: 'idle',
  error: null,
  empty: null,
  replay: null,
  specs: null,
  traceId: null,
  source: null,
  async load(request, cluster) {
    set({ phase: 'running', error: null, empty: null });
    try {
      const replay = await api().clusterWorkloads(request);
      const specs = replayWorkloadSpecs(replay.rows, cluster);
      if (specs.workloads.length === 0) {
        const where = replay.namespaces ? `namespaces ${replay.namespaces.join(', ')}` : 'any namespace';
        const empty =
          replay.counts.read === 0
            ? `No Kueue Workloads in ${where} of context ${replay.context}: nothing to replay.`
            : `None of the ${replay.counts.read.toLocaleString('en-US')} Workloads read from context ${replay.context} can be replayed under this policy (see why below).`;
        set({ phase: 'done', replay, specs, empty, traceId: null, source: null });
        return;
      }
      const source = replaySource(replay, specs);
      const problems = replay.problems.map((p) => ({ line: 0, message: `Workload ${p.workload}: ${p.message}` }));
      useGpuSimUi.getState().setTrace({
        name: `cluster replay (${replay.context})`,
        format: 'Kueue Workloads',
        workloads: specs.workloads,
        result: { rows: replay.counts.read, imported: specs.workloads.length, skipped: replay.counts.read - specs.workloads.length, problems, moreProblems: replay.moreProblems, ...(specs.origin === undefined ? {} : { origin: specs.origin }) },
      });
      set({ phase: 'done', replay, specs, traceId: useGpuSimUi.getState().trace?.id ?? null, source });
    } catch (error) {
      set({ phase: 'error', error: errorInfo(error) });
    }
  },
}));
