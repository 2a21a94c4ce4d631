/**
 * What cluster operations (connect, check, diff, apply) return, as the API
 * sends it: electron/cluster produces these values, the server and the CLI
 * pass them on, the UI shows them.
 */
import type { KueueVersion } from '../cluster/kueue-versions.ts';
import type { GpuNodeGroup } from '../cluster/import-capacity.ts';

export type ApplyStatus =
  | 'created'
  | 'configured'
  | 'unchanged'
  | 'pruned'
  | 'conflict'
  | 'failed'
  /** Not attempted: an earlier failure (its namespace, or the connection) made it pointless. */
  | 'not-applied'
  /** Left alone: not podplan's to change, or its kind is not served. */
  | 'skipped';

export interface ObjectResult {
  ref: string;
  kind: string;
  status: ApplyStatus;
  message?: string;
  conflicts?: FieldConflict[];
}

export interface ApplyProgress {
  done: number;
  total: number;
  phase: string;
  last: ObjectResult;
}

export interface ApplyResult {
  context: string;
  server: string;
  dryRun: boolean;
  results: ObjectResult[];
  counts: Record<ApplyStatus, number>;
  /** True when every object podplan meant to write is now as planned. */
  complete: boolean;
  /** Requests made to the API server, for the benchmark. */
  requests: number;
}

export type ClusterErrorCause =
  | 'kubeconfig'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'server'
  | 'network';

export interface FieldConflict {
  manager: string;
  field: string;
}

export type DiffStatus = 'created' | 'changed' | 'unchanged' | 'to-be-pruned' | 'not-managed' | 'other-scenario' | 'kind-missing' | 'conflict' | 'error';

export interface ObjectDiff {
  ref: string;
  kind: string;
  status: DiffStatus;
  changes: FieldChange[];
  /** Why an object is skipped or failed, in words. */
  note?: string;
}

export interface DiffResult {
  context: string;
  server: string;
  objects: ObjectDiff[];
  counts: Record<DiffStatus, number>;
  /** True when applying would change anything (the CLI exits 3, like `kubectl diff`). */
  hasChanges: boolean;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FieldChange {
  /** e.g. `.spec.resourceGroups[0].flavors[0].resources[0].nominalQuota` */
  path: string;
  before: Json | undefined;
  after: Json | undefined;
}

export interface KueueCrd {
  kind: string;
  served: string[];
  storage: string | null;
}

/** Which Kueue a cluster runs, read from its CRDs and manager image (electron/cluster/kueue-version.ts). */
export interface KueueDetection {
  /** Kueue's ClusterQueue CRD (or its manager) is there; null when neither could be read (403). */
  installed: boolean | null;
  /** API versions the ClusterQueue CRD serves, e.g. ["v1beta1", "v1beta2"]. */
  served: string[];
  /** The manager's release from its image tag (e.g. "v0.19.4"), or null when it could not be read. */
  managerRelease: string | null;
  /** The oldest minor release the CRDs' fields imply, e.g. "0.18"; null when nothing newer than 0.16 shows. */
  crdsAtLeast: string | null;
  /** The target to offer ("0.16" | "0.19"), or null when none fits. */
  target: KueueVersion | null;
  /** What was read and what could not be (a 403, no Kueue), in plain words. */
  notes: string[];
}

export interface ClusterCapabilities {
  context: string;
  server: string;
  version: ServerVersion;
  kueue: {
    installed: boolean;
    /** Every kind podplan writes is served at v1beta2. */
    servesV1beta2: boolean;
    crds: KueueCrd[];
    missingKinds: string[];
    /** The Kueue version the cluster runs, to offer as the scenario's target. */
    detected: KueueDetection;
  };
  gpuNodes: GpuNodeGroup[];
  totalGpus: number;
}

export interface ContextInfo {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace: string | null;
  /** How the user authenticates, without any secret: 'client certificate', 'token', 'exec: aws', … */
  auth: string;
}

export interface ServerVersion {
  gitVersion: string;
  major: string;
  minor: string;
}
