/**
 * `podplan sweep job SCENARIO --policies P.json --seeds K --shards N --image IMAGE > job.yaml`:
 * the sweep as a Kubernetes Indexed Job on the user's own cluster, one pod
 * per shard (`sim/manifests/sweep-job.ts`), its inputs in a ConfigMap. The
 * inputs are checked here exactly as `podplan sweep` checks them, so a
 * mistake is found on the laptop, not in N pods.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIGMAP_LIMIT_BYTES, INPUTS_MOUNT, RESULTS_MOUNT, renderSweepJob, sweepJobManifests, type SweepJobInputFile } from '../../../sim/manifests/sweep-job.ts';
import { MAX_SHARDS } from '../../../sim/kernel/shards.ts';
import { dns1123SubdomainProblem } from '../../../sim/k8s/names.ts';
import { isQuantity } from '../../../sim/k8s/quantity.ts';
import { unitCount } from '../../../sim/gpu-sim/policy-sweep.ts';
import { COMMON_OPTIONS, helpHint, stringListOption, stringOption, type CommandSpec, type ParsedValues } from '../args.ts';
import type { Command } from '../command.ts';
import { CliError, EXIT_OK, jsonLine, UsageError } from '../io.ts';
import { TRACE_OPTIONS } from './simulate-gpu.ts';
import { planSweep } from './sweep-plan.ts';

const spec: CommandSpec = {
  path: 'podplan sweep job',
  summary: 'Write a Kubernetes Indexed Job (and its inputs\' ConfigMap) that runs a sweep\'s shards as pods.',
  details: [
    'completionMode Indexed, completions = --shards; pod i runs `podplan sweep … --shard "$JOB_COMPLETION_INDEX/N"`.',
    `The scenario, policies and trace travel in a ConfigMap mounted at ${INPUTS_MOUNT} (at most 1 MiB: larger inputs go on`,
    `the claim with --pvc-inputs). Results: with --pvc, one shard file per pod under ${RESULTS_MOUNT}/<--pvc-path>; without,`,
    'each pod prints its shard as one line of JSON, and `kubectl logs` collects them for `podplan sweep merge`.',
    'The image is built by the Containerfile at the root of the Podplan repository.',
  ],
  options: {
    ...COMMON_OPTIONS,
    policies: { type: 'string', valueName: 'P.json', description: 'The candidate policies (as podplan sweep takes them).' },
    seeds: { type: 'string', valueName: 'K', description: 'Seeds per candidate (as podplan sweep).' },
    seed: { type: 'string', valueName: 'S', description: 'First seed (as podplan sweep).' },
    days: { type: 'string', valueName: 'D', description: 'Days of generated workloads (as podplan sweep).' },
    ...TRACE_OPTIONS,
    shards: { type: 'string', valueName: 'N', description: 'Shards: the Job\'s completions, one pod each.' },
    parallelism: { type: 'string', valueName: 'P', description: 'Pods at once (default N).' },
    image: { type: 'string', valueName: 'IMAGE', description: 'The container image with podplan (built from the Containerfile).' },
    name: { type: 'string', valueName: 'NAME', description: 'The Job\'s name (default podplan-sweep-<first 10 hex digits of the sweep\'s id>).' },
    namespace: { type: 'string', valueName: 'NS', description: 'Namespace of the Job and ConfigMap (default: kubectl\'s current one).' },
    pvc: { type: 'string', valueName: 'NAME', description: 'PersistentVolumeClaim to write the shard files to (ReadWriteMany when pods run on several nodes).' },
    'pvc-path': { type: 'string', valueName: 'PATH', description: 'Directory on the claim for the shard files (default the Job\'s name).' },
    'pvc-inputs': { type: 'string', valueName: 'PATH', description: 'Read the inputs from this directory on the claim (as scenario.podplan.json, policies.json and the trace\'s file name) instead of a ConfigMap.' },
    cpu: { type: 'string', valueName: 'Q', description: 'CPU request and limit per pod (default 2).' },
    memory: { type: 'string', valueName: 'Q', description: 'Memory request and limit per pod (default 2Gi).' },
    ttl: { type: 'string', valueName: 'SECONDS', description: 'ttlSecondsAfterFinished: the Job and its pods are deleted this long after it ends (default 86400).' },
    'backoff-limit-per-index': { type: 'string', valueName: 'R', description: 'Retries of a failed shard (default 2).' },
  },
  positionals: [{ name: 'SCENARIO', required: true, description: 'The scenario file (.podplan.json).' }],
  examples: [
    'podplan sweep job plan.podplan.json --policies p.json --seeds 5 --shards 20 --image registry.example.com/podplan:0.1.0 > job.yaml',
    'kubectl apply -f job.yaml && kubectl wait --for=condition=complete job/<name> --timeout=24h',
    'kubectl logs -l batch.kubernetes.io/job-name=<name> --tail=-1 --max-log-requests=20 > shards.log && podplan sweep merge shards.log',
  ],
};

const hint = helpHint(spec);

function whole(values: ParsedValues, name: string, min: number, max: number, fallback?: number): number {
  const raw = stringOption(values, name);
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required.`, hint);
    return fallback;
  }
  const n = Number(raw);
  if (!(raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max)) throw new UsageError(`--${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got "${raw}").`, hint);
  return n;
}

function quantityOption(values: ParsedValues, name: string, fallback: string): string {
  const raw = stringOption(values, name) ?? fallback;
  if (!isQuantity(raw)) throw new UsageError(`--${name} must be a Kubernetes quantity such as 2, 500m or 4Gi (got "${raw}").`, hint);
  return raw;
}

/** A ConfigMap key (and file name in the pod): what Kubernetes accepts, [-._a-zA-Z0-9]+. */
const keyOf = (file: string) => path.basename(file).replace(/[^-._a-zA-Z0-9]/g, '_');

function tooLarge(keys: readonly string[], bytes: number): CliError {
  const mib = (bytes / (1024 * 1024)).toFixed(2);
  return new CliError(
    `The inputs (${keys.join(', ')}) come to ${mib} MiB or more, and a ConfigMap holds at most 1 MiB. Put them on a PersistentVolumeClaim instead: copy ${keys.join(', ')} into a directory on the claim and run with --pvc NAME --pvc-inputs DIR.`,
    { code: 'inputs-too-large', details: { bytes, limit: CONFIGMAP_LIMIT_BYTES } },
  );
}

export const sweepJobCommand: Command = {
  spec,
  async run({ values, positionals }, io) {
    const image = stringOption(values, 'image');
    if (!image?.trim()) throw new UsageError('--image IMAGE is required: the image with podplan (see the Containerfile).', hint);
    const shards = whole(values, 'shards', 1, MAX_SHARDS);
    const parallelism = whole(values, 'parallelism', 1, MAX_SHARDS, shards);
    const ttl = whole(values, 'ttl', 0, 2_147_483_647, 86_400);
    const backoff = whole(values, 'backoff-limit-per-index', 0, 1_000, 2);
    const cpu = quantityOption(values, 'cpu', '2');
    const memory = quantityOption(values, 'memory', '2Gi');
    const pvc = stringOption(values, 'pvc');
    const pvcInputs = stringOption(values, 'pvc-inputs');
    if (pvc === undefined) for (const flag of ['pvc-path', 'pvc-inputs']) if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --pvc NAME (the claim it is on).`, hint);
    // Paths on the claim stay on the claim: no "..", relative to its root.
    for (const flag of ['pvc-path', 'pvc-inputs']) {
      const v = stringOption(values, flag);
      if (v !== undefined && (v.split('/').includes('..') || v.trim() === '')) throw new UsageError(`--${flag} "${v}": a directory on the claim, relative to its root, without "..".`, hint);
    }
    const namespace = stringOption(values, 'namespace');
    for (const [flag, value] of [['pvc', pvc], ['namespace', namespace]] as const) {
      const problem = value === undefined ? null : dns1123SubdomainProblem(value);
      if (problem) throw new UsageError(`--${flag} "${value}": ${problem}.`, hint);
    }

    const scenarioPath = positionals[0]!;
    const plan = await planSweep(values, scenarioPath, io, hint);
    const units = unitCount(plan.header);
    if (shards > units) throw new UsageError(`--shards ${shards}: the sweep has ${units} runs (${plan.header.candidates.length} candidates × ${plan.header.seeds?.length ?? 1} seed${(plan.header.seeds?.length ?? 1) > 1 ? 's' : ''}), so at most ${units} shards have work.`, hint);
    const name = stringOption(values, 'name') ?? `podplan-sweep-${plan.header.sweep.slice(0, 10)}`;
    // The ConfigMap is "<name>-inputs" and pods are "<name>-<index>-<suffix>": keep room under 63 characters.
    if (dns1123SubdomainProblem(name) || name.length > 50) throw new UsageError(`--name "${name}": must be a lowercase DNS name of at most 50 characters (its pods add a suffix).`, hint);

    const files: SweepJobInputFile[] = [
      { key: 'scenario.podplan.json', text: new TextDecoder().decode(plan.scenarioBytes) },
      { key: 'policies.json', text: plan.policiesText },
    ];
    if (plan.traceFile) {
      const size = (await stat(plan.traceFile)).size;
      // A trace too large for a ConfigMap is refused before it is read into memory.
      if (pvcInputs === undefined && size > CONFIGMAP_LIMIT_BYTES) throw tooLarge([...files.map((f) => f.key), keyOf(plan.traceFile)], size);
      files.push({ key: keyOf(plan.traceFile), text: pvcInputs === undefined ? await readFile(plan.traceFile, 'utf8') : '' });
    }
    const inputsDir = pvcInputs !== undefined ? `${RESULTS_MOUNT}/${pvcInputs.replace(/^\/+/, '')}` : INPUTS_MOUNT;
    const at = (key: string) => `${inputsDir}/${key}`;
    const args = ['sweep', at('scenario.podplan.json'), '--policies', at('policies.json')];
    for (const flag of ['seeds', 'seed', 'days', 'format', 'map-by', 'unmapped-team', 'bad-rows']) {
      const v = stringOption(values, flag);
      if (v !== undefined) args.push(`--${flag}`, v);
    }
    for (const m of stringListOption(values, 'map')) args.push('--map', m);
    if (plan.traceFile) args.push('--trace', at(keyOf(plan.traceFile)));
    // Without --seeds the pods would take the scenario's saved count, as here: say it explicitly all the same.
    if (stringOption(values, 'seeds') === undefined && plan.header.seeds) args.push('--seeds', String(plan.header.seeds.length));

    const { objects, configMapBytes } = sweepJobManifests({
      name,
      ...(namespace ? { namespace } : {}),
      image,
      shards,
      parallelism,
      args,
      inputs: pvcInputs !== undefined ? null : files,
      claim: pvc ? { name: pvc, path: stringOption(values, 'pvc-path') ?? name } : null,
      cpu,
      memory,
      ttlSeconds: ttl,
      backoffLimitPerIndex: backoff,
    });
    // Room for the object's metadata inside the 1 MiB.
    if (configMapBytes > CONFIGMAP_LIMIT_BYTES - 4096) throw tooLarge(files.map((f) => f.key), configMapBytes);
    const ns = namespace ? ` -n ${namespace}` : '';
    const claimPath = (stringOption(values, 'pvc-path') ?? name).replace(/^\/+/, '');
    const upload = pvcInputs !== undefined ? `# Before applying: put ${files.map((f) => f.key).join(', ')} in ${pvcInputs.replace(/^\/+/, '')}/ on the claim ${pvc} (e.g. kubectl cp into a pod that mounts it).\n` : '';
    const mergeHint = pvc
      ? `${upload}# When it completes: the shard files are in ${claimPath}/ on the claim ${pvc}; copy them off with a pod that mounts the claim (kubectl${ns} run … then kubectl${ns} cp <pod>:<mount>/${claimPath} results), then: podplan sweep merge results\n`
      : `# When it completes, and before its TTL (${ttl} s) deletes the pods and their logs: kubectl logs -l batch.kubernetes.io/job-name=${name} --tail=-1 --max-log-requests=${Math.max(5, parallelism)}${ns} > shards.log && podplan sweep merge shards.log\n`;
    const header = `# Generated by Podplan ${plan.header.podplan}: sweep ${plan.header.sweep} of "${plan.scenario.name}", ${plan.header.candidates.length} candidates, ${units} runs in ${shards} shards.\n${mergeHint}`;
    const yaml = renderSweepJob(objects, header);
    if (values.json === true) io.stdout(jsonLine({ sweep: plan.header.sweep, name, shards, units, objects }));
    else io.stdout(yaml);
    return EXIT_OK;
  },
};
