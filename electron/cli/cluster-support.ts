/**
 * What `export`, `diff`, `apply` and `import` share: reading a scenario file
 * into manifests (its policy checked first), the kubeconfig and context
 * options, and cluster failures as CLI errors. Credentials stay inside the
 * cluster module: messages name the server, verb and resource, never a token.
 */
import path from 'node:path';
import { ClusterError, connect, CREDENTIAL_PLUGIN_TIMEOUT_MS, kubeconfigPathsFromEnv, type ClusterConnection } from '../cluster/index.ts';
import { clusterErrorMessage } from '../server/errors.ts';
import { hasErrors, validatePolicy } from '../../sim/cluster/validate.ts';
import { isKueueVersion, KUEUE_VERSIONS, kueueVersionLabel } from '../../sim/cluster/kueue-versions.ts';
import { generateManifests, type ManifestObject } from '../../sim/manifests/index.ts';
import { parseScenarioText, ScenarioValidationError, type Scenario } from '../../sim/scenario/index.ts';
import { stringListOption, stringOption, type OptionSpec, type ParsedValues } from './args.ts';
import { readScenarioFile } from './context.ts';
import { CliError, UsageError, type CliIo } from './io.ts';

export const KUBECONFIG_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'K',
  repeatable: true,
  description: `Kubeconfig file, or several joined with "${path.delimiter}" as in KUBECONFIG (default $KUBECONFIG, else ~/.kube/config).`,
};

export const CONTEXT_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'C',
  description: "The kubeconfig context to use (default: the kubeconfig's current context).",
};

export const KUEUE_VERSION_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'V',
  description: `The Kueue version to target instead of the scenario's own (${KUEUE_VERSIONS.join(' or ')}).`,
};

/** --kueue-version, checked; undefined when not given. */
export function kueueVersionOption(values: ParsedValues): Scenario['cluster']['kueueVersion'] | undefined {
  const given = stringOption(values, 'kueue-version');
  if (given === undefined) return undefined;
  if (!isKueueVersion(given)) throw new UsageError(`--kueue-version must be ${KUEUE_VERSIONS.join(' or ')} (got "${given.slice(0, 40)}").`, 'Podplan exports and simulates these Kueue versions.');
  return given;
}

export const FILE_POSITIONAL = { name: 'FILE', required: true, description: 'The scenario (.podplan.json; older versions are upgraded in memory), or - for stdin.' };

export interface PolicyFile {
  file: string;
  scenario: Scenario;
  /** In apply order, labelled with the scenario id. */
  objects: ManifestObject[];
}

/**
 * Reads and validates a scenario file and generates its manifests. A file
 * that is not a valid scenario, or whose quota policy has errors, fails
 * (exit 1) naming each bad field; policy warnings go to stderr.
 */
export async function readPolicyFile(file: string, io: CliIo, doing: string, options: { kueueVersion?: Scenario['cluster']['kueueVersion'] } = {}): Promise<PolicyFile> {
  const { text, name } = await readScenarioFile(file, io);
  let scenario: Scenario;
  try {
    ({ scenario } = parseScenarioText(text));
  } catch (error) {
    if (!(error instanceof ScenarioValidationError)) throw error;
    throw new CliError(`${name} is not a valid Podplan scenario: ${error.message}`, { code: error.code, issues: error.issues });
  }
  if (options.kueueVersion !== undefined) scenario = { ...scenario, cluster: { ...scenario.cluster, kueueVersion: options.kueueVersion } };
  const issues = validatePolicy(scenario.cluster);
  if (hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === 'error');
    // The fields follow, one per line (main prints `issues`).
    throw new CliError(`${name}: the quota policy (for ${kueueVersionLabel(scenario.cluster.kueueVersion)}) has ${errors.length} error${errors.length === 1 ? '' : 's'}, so ${doing}:`, {
      code: 'policy-invalid',
      issues: errors.map(({ path: at, message }) => ({ path: at, message })),
    });
  }
  for (const warning of issues) io.stderr(`warning: ${warning.path}: ${warning.message}\n`);
  const objects = generateManifests(scenario.id, scenario.cluster);
  if (objects.length === 0) io.stderr(`warning: ${name} has no quota policy (no queues, flavors, cohorts or priority classes), so it gives no Kubernetes objects.\n`);
  return { file: name, scenario, objects };
}

/** The kubeconfig files the options name, resolved against the working directory; else $KUBECONFIG or ~/.kube/config. */
export function kubeconfigPaths(values: ParsedValues, io: CliIo): string[] {
  const given = stringListOption(values, 'kubeconfig')
    .flatMap((value) => value.split(path.delimiter))
    .filter((p) => p.trim() !== '');
  const paths = given.length > 0 ? given : kubeconfigPathsFromEnv(io.env);
  return paths.map((p) => path.resolve(io.cwd, p));
}

/** Environment variable: seconds an exec credential plugin may take (default 30). */
export const PLUGIN_TIMEOUT_ENV = 'PODPLAN_CREDENTIAL_PLUGIN_TIMEOUT';

/** $PODPLAN_CREDENTIAL_PLUGIN_TIMEOUT in ms; undefined (the default, 30 s) when unset; a bad value is a usage error. */
export function credentialPluginTimeoutMs(env: NodeJS.ProcessEnv): number | undefined {
  const text = env[PLUGIN_TIMEOUT_ENV];
  if (text === undefined || text === '') return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`${PLUGIN_TIMEOUT_ENV} must be a number of seconds from 0 to 3600 (got "${text.slice(0, 40)}").`, `Unset it for the default of ${CREDENTIAL_PLUGIN_TIMEOUT_MS / 1000} s.`);
  }
  return Math.round(seconds * 1000);
}

/** A cluster failure for the user: the cluster module's message (a kubeconfig parse error by its first line only). */
export function clusterFailure(error: ClusterError): CliError {
  return new CliError(clusterErrorMessage(error), { code: 'cluster', details: { clusterError: error.kind } });
}

/**
 * Connects as --kubeconfig and --context say, runs `fn`, and closes the
 * connection's sockets. A ClusterError (from connecting or from `fn`)
 * becomes a CliError: exit 1, and with --json an error with `clusterError`.
 */
export async function withConnection<T>(values: ParsedValues, io: CliIo, fn: (connection: ClusterConnection) => Promise<T>): Promise<T> {
  const context = stringOption(values, 'context');
  const pluginTimeoutMs = credentialPluginTimeoutMs(io.env);
  let connection: ClusterConnection | undefined;
  try {
    connection = await connect({
      kubeconfigPaths: kubeconfigPaths(values, io),
      ...(context === undefined ? {} : { context }),
      ...(pluginTimeoutMs === undefined ? {} : { pluginTimeoutMs }),
    });
    return await fn(connection);
  } catch (error) {
    if (error instanceof ClusterError) throw clusterFailure(error);
    throw error;
  } finally {
    connection?.objects.close();
  }
}

/** A diff or apply value as one line: strings bare, unset as "(unset)", anything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
