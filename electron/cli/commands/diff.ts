/**
 * `podplan diff FILE`: what `podplan apply` would change on the cluster,
 * object by object and field by field (server-side dry-run against the live
 * objects). Exits 0 when nothing would change, 3 when something would (like
 * `kubectl diff`, so a pipeline can tell "drift" from "failure"), 1 on error.
 */
import { diffScenario, type DiffResult, type ObjectDiff } from '../../cluster/index.ts';
import { COMMON_OPTIONS, type CommandSpec, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { CONTEXT_OPTION, FILE_POSITIONAL, formatValue, KUBECONFIG_OPTION, readPolicyFile, withConnection } from '../cluster-support.ts';
import { EXIT_CHANGES, EXIT_FAILURE, EXIT_OK, jsonLine, type CliIo } from '../io.ts';

const spec: CommandSpec = {
  path: 'podplan diff',
  summary: 'Show what applying a scenario would change on a cluster (server-side dry-run; nothing is changed).',
  details: [
    'One line per object that would change:',
    '  + created          ~ changed (with each field: before → after)',
    '  - to be pruned (podplan made it for this scenario; the plan no longer has it)',
    '  ! left alone (not podplan\'s, another scenario\'s, kind not served) or a field conflict',
    '  x could not be checked (the reason follows)',
  ],
  options: {
    ...COMMON_OPTIONS,
    kubeconfig: KUBECONFIG_OPTION,
    context: CONTEXT_OPTION,
    adopt: { type: 'boolean', description: 'Count objects that exist without podplan\'s labels as podplan\'s (what apply --adopt would do).' },
  },
  positionals: [FILE_POSITIONAL],
  examples: ['podplan diff plan.podplan.json --context prod', 'podplan diff plan.podplan.json --json | jq \'.objects[] | select(.status != "unchanged")\''],
  exitCodes: 'Exit codes: 0 no changes, 3 changes, 1 failure (also when an object could not be checked), 2 usage error.',
};

const MARK: Record<ObjectDiff['status'], string> = {
  created: '+',
  changed: '~',
  'to-be-pruned': '-',
  conflict: '!',
  'not-managed': '!',
  'other-scenario': '!',
  'kind-missing': '!',
  error: 'x',
  unchanged: ' ',
};

const WORDS: Record<ObjectDiff['status'], string> = {
  created: 'created',
  changed: 'changed',
  'to-be-pruned': 'to be pruned (apply --prune deletes it)',
  conflict: 'conflict',
  'not-managed': 'not managed',
  'other-scenario': 'another scenario\'s',
  'kind-missing': 'kind not served',
  error: 'error',
  unchanged: 'unchanged',
};

export function formatDiff(diff: DiffResult, scenarioName: string): string {
  const lines = [`Comparing "${scenarioName}" with context "${diff.context}" (${diff.server}):`];
  for (const object of diff.objects) {
    if (object.status === 'unchanged') continue;
    lines.push(`${MARK[object.status]} ${object.ref} ${WORDS[object.status]}${object.note && object.status !== 'to-be-pruned' ? `: ${object.note}` : ''}`);
    for (const change of object.changes) lines.push(`    ${change.path}: ${formatValue(change.before)} → ${formatValue(change.after)}`);
  }
  const c = diff.counts;
  const leftAlone = c['not-managed'] + c['other-scenario'] + c['kind-missing'];
  const parts = [
    `${c.created} to create`,
    `${c.changed} to change`,
    `${c['to-be-pruned']} to prune`,
    `${c.unchanged} unchanged`,
    ...(leftAlone ? [`${leftAlone} left alone`] : []),
    ...(c.conflict ? [`${c.conflict} in conflict (apply --force-conflicts takes the fields over)`] : []),
    ...(c.error ? [`${c.error} could not be checked`] : []),
  ];
  lines.push(diff.hasChanges || c.error ? `${parts.join(', ')}.` : `No changes: the cluster matches the plan (${c.unchanged} objects${leftAlone ? `, ${leftAlone} left alone` : ''}).`);
  return `${lines.join('\n')}\n`;
}

async function run({ values, positionals }: ParsedArgs, io: CliIo): Promise<number> {
  const { file, scenario, objects } = await readPolicyFile(positionals[0] ?? '-', io, 'there is nothing to compare');
  const diff = await withConnection(values, io, (connection) => diffScenario(connection, scenario.id, objects, { adopt: values.adopt === true }));
  if (values.json === true) io.stdout(jsonLine({ file, scenarioId: scenario.id, ...diff }));
  else io.stdout(formatDiff(diff, scenario.name));
  if (diff.counts.error > 0) return EXIT_FAILURE;
  return diff.hasChanges ? EXIT_CHANGES : EXIT_OK;
}

export const diffCommand: Command = { spec, run };
