/**
 * `podplan import --out FILE`: the live cluster's quota policy (Kueue
 * flavors, cohorts, ClusterQueues and LocalQueues, namespace quotas, limit
 * ranges, team bindings, priority classes, GPU node pools) as a new
 * .podplan.json file, ready to edit, diff and apply. Only the policy: teams
 * are left empty. Never replaces an existing file without --force.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { importClusterPolicy } from '../../cluster/index.ts';
import { SCENARIO_SCHEMA_VERSION, serializeScenario, validateScenario } from '../../../sim/scenario/index.ts';
import { COMMON_OPTIONS, helpHint, stringOption, type CommandSpec, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { CONTEXT_OPTION, KUBECONFIG_OPTION, withConnection } from '../cluster-support.ts';
import { writeFileAtomic } from '../context.ts';
import { CliError, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';
import { importWorkloadsCommand } from './import-workloads.ts';

const spec: CommandSpec = {
  path: 'podplan import',
  summary: 'Read a cluster\'s live quota policy (Kueue queues, quotas, priority classes, GPU nodes) into a new .podplan.json file.',
  details: [
    'The scenario gets a new id and no teams. Notes about what could not be imported go to stderr.',
    'To read the cluster\'s Kueue Workloads as a trace to replay instead, see "podplan import workloads --help".',
  ],
  options: {
    ...COMMON_OPTIONS,
    kubeconfig: KUBECONFIG_OPTION,
    context: CONTEXT_OPTION,
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'The .podplan.json file to write (required; - for stdout).' },
    name: { type: 'string', valueName: 'N', description: 'Name of the scenario (default "Imported from <context>").' },
    force: { type: 'boolean', description: 'Replace FILE if it exists.' },
  },
  positionals: [],
  examples: ['podplan import --context prod --out prod.podplan.json', 'podplan import --kubeconfig ~/.kube/staging --out staging.podplan.json --name "Staging today"'],
};

async function run({ values }: ParsedArgs, io: CliIo): Promise<number> {
  const out = stringOption(values, 'out');
  if (out === undefined || out.trim() === '') throw new UsageError('podplan import needs --out FILE (or --out - for stdout).', helpHint(spec));
  const name = stringOption(values, 'name')?.trim();
  if (name !== undefined && (name === '' || name.length > 200)) throw new UsageError('--name must be 1 to 200 characters.', helpHint(spec));
  const force = values.force === true;
  // Fail before talking to the cluster; the write itself re-checks (no overwrite without --force).
  if (out !== '-' && !force && existsSync(path.resolve(io.cwd, out))) {
    throw new CliError(`${out} already exists: add --force to replace it. Nothing was imported.`, { code: 'exists' });
  }

  const { connection, cluster, notes } = await withConnection(values, io, async (connection) => ({ connection, ...(await importClusterPolicy(connection)) }));
  const scenarioName = name ?? `Imported from ${connection.context}`.slice(0, 200);
  const scenario = validateScenario({
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: randomUUID(),
    name: scenarioName,
    description: [`Quota policy read from context "${connection.context}" (${connection.server}) on ${new Date().toISOString().slice(0, 10)}.`, ...notes.map((n) => `- ${n}`)]
      .join('\n')
      .slice(0, 20_000),
    teams: [],
    cluster,
  });
  const text = serializeScenario(scenario);
  for (const note of notes) io.stderr(`note: ${note}\n`);
  const counts = {
    queues: cluster.queues.length,
    cohorts: cluster.cohorts.length,
    flavors: cluster.flavors.length,
    priorityClasses: cluster.priorityClasses.length,
    nodePools: cluster.nodePools.length,
  };
  if (out === '-') {
    io.stdout(text);
    return EXIT_OK;
  }
  const file = await writeFileAtomic(out, text, io, { overwrite: force });
  if (values.json === true) io.stdout(jsonLine({ file, id: scenario.id, name: scenario.name, context: connection.context, server: connection.server, ...counts, notes }));
  else {
    io.stderr(
      `Imported ${counts.queues} queues, ${counts.cohorts} cohorts, ${counts.flavors} flavors, ${counts.priorityClasses} priority classes and ${counts.nodePools} node pools ` +
        `from context "${connection.context}" into ${file}.\n`,
    );
  }
  return EXIT_OK;
}

export const importCommand: Command = { spec, run, subcommands: { workloads: importWorkloadsCommand } };
