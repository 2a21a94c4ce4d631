/**
 * The live cluster (M13): which kubeconfig and context, what the cluster can
 * take (capability check), what applying the open scenario would change
 * (diff), and the apply itself with its streamed progress and per-object
 * result. Diff and apply read the STORED scenario, so both save pending
 * edits first and remember which revision they describe.
 */
import { create } from 'zustand';
import type {
  ApplyProgress,
  ApplyStreamResult,
  ClusterCapabilities,
  ClusterTarget,
  ContextInfo,
  DiffResult,
  ImportFromClusterResponse,
} from '../../../sim/api/contract.ts';
import { api } from '../../api/api.ts';
import { errorInfo, type ErrorInfo } from '../../api/errors.ts';
import { formatKubeconfigPaths, parseKubeconfigPaths } from './model/kubeconfig.ts';
import { useSave } from '../../stores/save.ts';
import { flushSave } from '../../stores/session.ts';

export type Phase = 'idle' | 'running' | 'done' | 'error';

export interface DiffState {
  scenarioId: string;
  /** The stored revision the diff was made against. */
  revision: number;
  result: DiffResult;
}

export interface ApplyState {
  phase: Phase;
  dryRun: boolean;
  forced: boolean;
  progress: ApplyProgress | null;
  result: ApplyStreamResult | null;
  error: ErrorInfo | null;
  scenarioId: string | null;
  /** Counts the attempts that failed before any object was sent, so a repeated failure still shows as new. */
  failedAttempts: number;
  /** When the last attempt failed (ms since the epoch), shown with the error. */
  failedAt: number | null;
  /** The server the failed attempt was aimed at, as the chosen context names it. */
  server: string | null;
}

export interface ApplyChoice {
  dryRun: boolean;
  forceConflicts: boolean;
  /** Prune refs the user ticked (the backend prunes only when every candidate is confirmed). */
  prune: string[];
}

interface ClusterState {
  /** What the kubeconfig field shows; filled with the backend's default on first load. */
  kubeconfigText: string;
  /** The backend's default ($KUBECONFIG, else ~/.kube/config). */
  defaultPaths: string[];
  contexts: ContextInfo[];
  currentContext: string | null;
  /** Chosen context; '' = the kubeconfig's current context. */
  context: string;
  contextsPhase: Phase;
  contextsError: ErrorInfo | null;

  capabilities: ClusterCapabilities | null;
  capabilitiesPhase: Phase;
  capabilitiesError: ErrorInfo | null;

  diff: DiffState | null;
  diffPhase: Phase;
  diffError: ErrorInfo | null;
  /** Refs of to-be-pruned objects the user ticked. */
  pruneConfirmed: string[];

  apply: ApplyState;
  importPhase: Phase;
  importError: ErrorInfo | null;

  setKubeconfigText(text: string): void;
  setContext(name: string): void;
  loadContexts(options?: { useDefault?: boolean }): Promise<void>;
  check(): Promise<void>;
  runDiff(scenarioId: string): Promise<DiffState | null>;
  setPruneConfirmed(refs: string[]): void;
  runApply(scenarioId: string, choice: ApplyChoice): Promise<ApplyStreamResult | null>;
  /**
   * Apply…: makes sure the diff the confirmation shows is fresh. When that
   * diff fails (the cluster is unreachable, the kubeconfig is wrong), the
   * failure is the apply's: it shows where the apply's result goes, with the
   * server and the attempt, instead of repeating an error already on screen.
   */
  prepareApply(scenarioId: string, options: { diffIsFresh: boolean }): Promise<boolean>;
  importFromCluster(name?: string): Promise<ImportFromClusterResponse | null>;
  /** Forgets the diff and apply of another scenario. */
  forScenario(scenarioId: string): void;
}

const idleApply: ApplyState = {
  phase: 'idle',
  dryRun: false,
  forced: false,
  progress: null,
  result: null,
  error: null,
  scenarioId: null,
  failedAttempts: 0,
  failedAt: null,
  server: null,
};

/** The chosen context's server address, when the contexts are known. */
function chosenServer(state: Pick<ClusterState, 'contexts' | 'context' | 'currentContext'>): string | null {
  const name = state.context || state.currentContext;
  return state.contexts.find((c) => c.name === name)?.server ?? null;
}

/** The target as the API takes it: empty = the backend's defaults. */
export function targetOf(state: Pick<ClusterState, 'kubeconfigText' | 'context'>): ClusterTarget {
  const paths = parseKubeconfigPaths(state.kubeconfigText);
  return { ...(paths.length ? { kubeconfigPaths: paths } : {}), ...(state.context ? { context: state.context } : {}) };
}

async function savedRevision(): Promise<number> {
  if (!(await flushSave())) throw new Error('Your latest changes are not saved yet (see the status bar); resolve that first, so the cluster sees what you see.');
  const revision = useSave.getState().save?.revision;
  if (revision === undefined) throw new Error('No scenario is open.');
  return revision;
}

export const useCluster = create<ClusterState>()((set, get) => ({
  kubeconfigText: '',
  defaultPaths: [],
  contexts: [],
  currentContext: null,
  context: '',
  contextsPhase: 'idle',
  contextsError: null,
  capabilities: null,
  capabilitiesPhase: 'idle',
  capabilitiesError: null,
  diff: null,
  diffPhase: 'idle',
  diffError: null,
  pruneConfirmed: [],
  apply: idleApply,
  importPhase: 'idle',
  importError: null,

  setKubeconfigText(kubeconfigText) {
    set({ kubeconfigText });
  },
  setContext(context) {
    if (context === get().context) return;
    // Another cluster: what we knew about the previous one no longer holds.
    set({ context, capabilities: null, capabilitiesPhase: 'idle', capabilitiesError: null, diff: null, diffPhase: 'idle', diffError: null, pruneConfirmed: [], apply: idleApply });
  },
  async loadContexts(options = {}) {
    set({ contextsPhase: 'running', contextsError: null });
    try {
      const paths = options.useDefault ? [] : parseKubeconfigPaths(get().kubeconfigText);
      const response = await api().clusterContexts(paths);
      const keep = response.contexts.some((c) => c.name === get().context);
      set({
        contexts: response.contexts,
        currentContext: response.currentContext,
        defaultPaths: options.useDefault ? response.kubeconfigPaths : get().defaultPaths,
        kubeconfigText: options.useDefault || !get().kubeconfigText ? formatKubeconfigPaths(response.kubeconfigPaths) : get().kubeconfigText,
        contextsPhase: 'done',
      });
      if (!keep) get().setContext(response.currentContext ?? response.contexts[0]?.name ?? '');
    } catch (error) {
      set({ contextsPhase: 'error', contextsError: errorInfo(error), contexts: [], currentContext: null });
    }
  },
  async check() {
    set({ capabilitiesPhase: 'running', capabilitiesError: null });
    try {
      const capabilities = await api().clusterCapabilities(targetOf(get()));
      set({ capabilities, capabilitiesPhase: 'done' });
    } catch (error) {
      set({ capabilitiesPhase: 'error', capabilitiesError: errorInfo(error), capabilities: null });
    }
  },
  async runDiff(scenarioId) {
    // A new diff supersedes the last apply's report (it described the cluster before).
    set({ diffPhase: 'running', diffError: null, ...(get().apply.phase === 'running' ? {} : { apply: idleApply }) });
    try {
      const revision = await savedRevision();
      const result = await api().diffScenario(scenarioId, targetOf(get()));
      const diff: DiffState = { scenarioId, revision, result };
      const candidates = new Set(result.objects.filter((o) => o.status === 'to-be-pruned').map((o) => o.ref));
      set({ diff, diffPhase: 'done', pruneConfirmed: get().pruneConfirmed.filter((ref) => candidates.has(ref)) });
      return diff;
    } catch (error) {
      set({ diffPhase: 'error', diffError: errorInfo(error) });
      return null;
    }
  },
  setPruneConfirmed(pruneConfirmed) {
    set({ pruneConfirmed });
  },
  async runApply(scenarioId, choice) {
    const before = get().apply;
    const failedAttempts = before.scenarioId === scenarioId ? before.failedAttempts : 0;
    set({ apply: { ...idleApply, phase: 'running', dryRun: choice.dryRun, forced: choice.forceConflicts, scenarioId, failedAttempts } });
    try {
      await savedRevision();
      const result = await api().applyScenario(
        scenarioId,
        { ...targetOf(get()), dryRun: choice.dryRun, forceConflicts: choice.forceConflicts, ...(choice.prune.length ? { prune: choice.prune } : {}) },
        (progress) => {
          const current = get().apply;
          if (current.phase === 'running' && current.scenarioId === scenarioId) set({ apply: { ...current, progress } });
        },
      );
      // The cluster changed: the diff no longer describes it (the next Apply… diffs again).
      set({ apply: { ...get().apply, phase: 'done', result }, ...(choice.dryRun ? {} : { diff: null, diffPhase: 'idle' as const }) });
      return result;
    } catch (error) {
      const previous = get().apply;
      set({ apply: { ...previous, phase: 'error', error: errorInfo(error), failedAttempts: previous.failedAttempts + 1, failedAt: Date.now(), server: chosenServer(get()) } });
      return null;
    }
  },
  async prepareApply(scenarioId, { diffIsFresh }) {
    if (diffIsFresh) return true;
    const previous = get().apply;
    if (await get().runDiff(scenarioId)) return true;
    const { diffError } = get();
    const failedAttempts = previous.scenarioId === scenarioId && previous.phase === 'error' ? previous.failedAttempts + 1 : 1;
    set({
      // Shown once, as the apply's failure (the diff panel would only repeat it).
      diffError: null,
      diffPhase: 'idle',
      apply: { ...idleApply, phase: 'error', error: diffError, scenarioId, failedAttempts, failedAt: Date.now(), server: chosenServer(get()) },
    });
    return false;
  },
  async importFromCluster(name) {
    set({ importPhase: 'running', importError: null });
    try {
      const response = await api().importFromCluster({ ...targetOf(get()), ...(name ? { name } : {}) });
      set({ importPhase: 'done' });
      return response;
    } catch (error) {
      set({ importPhase: 'error', importError: errorInfo(error) });
      return null;
    }
  },
  forScenario(scenarioId) {
    const { diff, apply } = get();
    if (diff && diff.scenarioId !== scenarioId) set({ diff: null, diffPhase: 'idle', diffError: null, pruneConfirmed: [] });
    if (apply.scenarioId !== null && apply.scenarioId !== scenarioId) set({ apply: idleApply });
  },
}));
