/**
 * A sweep as a Kubernetes Indexed Job (`podplan sweep job`): one completion
 * index per shard, each pod running `podplan sweep … --shard "$JOB_COMPLETION_INDEX/N"`
 * (Kubernetes sets JOB_COMPLETION_INDEX, 0-based, in every pod of an Indexed
 * Job), with the sweep's inputs in a ConfigMap mounted read-only — or, when
 * they are too large for one, already on the results' PersistentVolumeClaim.
 * Results go to the claim (one shard file per pod) or to stdout, one JSON
 * document per pod, for `kubectl logs` to collect. Pure: the caller reads the
 * files and prints the YAML.
 */
import { stringify } from 'yaml';

/** Kubernetes refuses an object over 1 MiB (etcd's request limit); a ConfigMap's data must fit well inside. */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;
export const INPUTS_MOUNT = '/podplan/inputs';
export const RESULTS_MOUNT = '/podplan/results';

export interface SweepJobInputFile {
  /** The ConfigMap key and file name in the pod (letters, digits, '-', '_', '.'). */
  key: string;
  text: string;
}

export interface SweepJobSpec {
  name: string;
  namespace?: string;
  image: string;
  shards: number;
  parallelism: number;
  /** `podplan sweep` arguments with the inputs' paths in the pod; the shard and --out are added here. */
  args: string[];
  /** Inputs shipped in the ConfigMap; absent = they are on the claim (`inputsOnClaim`). */
  inputs: SweepJobInputFile[] | null;
  /** Results on a PersistentVolumeClaim under `path`, else on stdout. */
  claim: { name: string; path: string } | null;
  cpu: string;
  memory: string;
  ttlSeconds: number;
  backoffLimitPerIndex: number;
}

export interface SweepJobManifests {
  objects: Array<Record<string, unknown>>;
  /** Bytes of the ConfigMap's data (keys and values), for the size check. */
  configMapBytes: number;
}

/** A word safe inside `sh -c '…'`: single-quoted, with each ' closed, escaped and reopened. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

const utf8Length = (text: string): number => {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

/** The ConfigMap (when the inputs travel in one) and the Job. */
export function sweepJobManifests(spec: SweepJobSpec): SweepJobManifests {
  const labels = { 'app.kubernetes.io/name': 'podplan-sweep', 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/managed-by': 'podplan' };
  const meta = (name: string) => ({ name, ...(spec.namespace ? { namespace: spec.namespace } : {}), labels });
  const out = spec.claim ? `${RESULTS_MOUNT}/${spec.claim.path.replace(/^\/+/, '')}` : '-';
  // exec: the pod's signals (a deleted Job's SIGTERM) reach podplan itself.
  const command = ['exec', 'podplan', ...spec.args.map(shellQuote), '--shard', `"$JOB_COMPLETION_INDEX/${spec.shards}"`, '--out', shellQuote(out)].join(' ');
  const volumes: Array<Record<string, unknown>> = [];
  const mounts: Array<Record<string, unknown>> = [];
  if (spec.inputs) {
    volumes.push({ name: 'inputs', configMap: { name: `${spec.name}-inputs` } });
    mounts.push({ name: 'inputs', mountPath: INPUTS_MOUNT, readOnly: true });
  }
  if (spec.claim) {
    volumes.push({ name: 'results', persistentVolumeClaim: { claimName: spec.claim.name } });
    mounts.push({ name: 'results', mountPath: RESULTS_MOUNT });
  }
  const resources = { cpu: spec.cpu, memory: spec.memory };
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(spec.name),
    spec: {
      completionMode: 'Indexed',
      completions: spec.shards,
      parallelism: spec.parallelism,
      // A shard that fails is retried on its own; the others keep their results.
      backoffLimitPerIndex: spec.backoffLimitPerIndex,
      ttlSecondsAfterFinished: spec.ttlSeconds,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          // The image runs as node:24-slim's "node" user (uid 1000), never root.
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
          containers: [
            {
              name: 'sweep',
              image: spec.image,
              command: ['sh', '-c', command],
              resources: { requests: resources, limits: resources },
              // What Pod Security's "restricted" level asks of a container, so hardened namespaces admit the Job.
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
              ...(mounts.length ? { volumeMounts: mounts } : {}),
            },
          ],
          ...(volumes.length ? { volumes } : {}),
        },
      },
    },
  };
  const objects: Array<Record<string, unknown>> = [];
  let configMapBytes = 0;
  if (spec.inputs) {
    const data = Object.fromEntries(spec.inputs.map((f) => [f.key, f.text]));
    configMapBytes = spec.inputs.reduce((n, f) => n + utf8Length(f.key) + utf8Length(f.text), 0);
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${spec.name}-inputs`), data });
  }
  objects.push(job);
  return { objects, configMapBytes };
}

export function renderSweepJob(objects: ReadonlyArray<Record<string, unknown>>, header: string): string {
  return `${header}${objects.map((o) => `---\n${stringify(o, { lineWidth: 0, indent: 2, sortMapEntries: false, aliasDuplicateObjects: false })}`).join('')}`;
}
