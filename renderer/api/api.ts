/**
 * The API as the UI uses it. `main.tsx` installs the real client
 * (./client.ts); tests install fakes. Stores call `api()` at the
 * moment they need it, so nothing holds on to a stale instance.
 */
import type {
  ApplyProgress,
  ApplyRequest,
  ApplyStreamResult,
  ClusterCapabilities,
  ClusterTarget,
  ClusterWorkloadsRequest,
  ClusterWorkloadsResponse,
  ContextsResponse,
  DiffRequest,
  DiffResult,
  ImportFromClusterRequest,
  ImportFromClusterResponse,
  ImportConflictChoice,
  ImportScenarioResponse,
  ManifestsResponse,
  OrganisationReadiness,
  ReadinessAnswers,
  SavedRevision,
  ScenarioChanges,
  ScenarioRecord,
  ScenarioSummary,
  SnapshotRecord,
  SnapshotSummary,
} from '../../sim/api/contract.ts';
import type { Scenario } from '../../sim/scenario/index.ts';

export interface PodplanApi {
  listScenarios(): Promise<ScenarioSummary[]>;
  getScenario(id: string): Promise<ScenarioRecord>;
  createScenario(request: { name?: string; scenario?: Scenario }): Promise<ScenarioRecord>;
  saveScenario(id: string, scenario: Scenario, baseRevision: number): Promise<SavedRevision>;
  /** Sends only what changed since `baseRevision`: the autosave's way. */
  saveScenarioChanges(id: string, changes: ScenarioChanges, baseRevision: number): Promise<SavedRevision>;
  deleteScenario(id: string): Promise<ScenarioSummary>;
  undeleteScenario(id: string): Promise<ScenarioRecord>;
  duplicateScenario(id: string, name?: string): Promise<ScenarioRecord>;
  exportScenarioFile(id: string): Promise<string>;
  listSnapshots(id: string): Promise<SnapshotSummary[]>;
  createSnapshot(id: string, label: string): Promise<SnapshotSummary>;
  getSnapshot(snapshotId: string): Promise<SnapshotRecord>;
  restoreSnapshot(id: string, snapshotId: string, baseRevision: number): Promise<ScenarioRecord>;
  importScenario(text: string, fileName?: string, onConflict?: ImportConflictChoice): Promise<ImportScenarioResponse>;
  /** The organisation's readiness answers, shared by every scenario that does not override them. */
  getOrganisationReadiness(): Promise<OrganisationReadiness>;
  putOrganisationReadiness(answers: ReadinessAnswers): Promise<OrganisationReadiness>;
  /** Workspace settings (e.g. whether the getting-started guide was closed). */
  getSetting(key: string): Promise<{ key: string; value: unknown }>;
  putSetting(key: string, value: unknown): Promise<{ key: string; value: unknown }>;
  // GPU cluster (M12, M13). Manifests, diff and apply read the STORED scenario: flush the autosave first.
  manifests(id: string): Promise<ManifestsResponse>;
  manifestsYamlUrl(id: string): string;
  manifestsZipUrl(id: string): string;
  clusterContexts(kubeconfigPaths?: string[]): Promise<ContextsResponse>;
  clusterCapabilities(target?: ClusterTarget): Promise<ClusterCapabilities>;
  diffScenario(id: string, request?: DiffRequest): Promise<DiffResult>;
  applyScenario(id: string, request?: ApplyRequest, onProgress?: (progress: ApplyProgress) => void): Promise<ApplyStreamResult>;
  importFromCluster(request?: ImportFromClusterRequest): Promise<ImportFromClusterResponse>;
  /** The cluster's Kueue Workloads as replay rows (the GPU tab's cluster replay). */
  clusterWorkloads(request?: ClusterWorkloadsRequest): Promise<ClusterWorkloadsResponse>;
}

let instance: PodplanApi | null = null;

export function setApi(next: PodplanApi): void {
  instance = next;
}

export function api(): PodplanApi {
  if (!instance) throw new Error('The API client is not set up yet.');
  return instance;
}
