/**
 * `podplan apply FILE`: server-side apply of a scenario's manifests (field
 * manager `podplan`), kind by kind in dependency order, with a progress line
 * per object on stderr and a result per object. Objects podplan does not
 * manage are never changed; field conflicts are reported with the other
 * manager's name and taken over only with --force-conflicts. --prune deletes
 * this scenario's objects that the plan no longer has, after listing them
 * and getting a "yes" (or --yes when there is no terminal to ask on).
 */
import { applyScenario, makePlan, type ApplyProgress, type ApplyResult, type ObjectResult } from '../../cluster/index.ts';
import { COMMON_OPTIONS, helpHint, type CommandSpec, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { CONTEXT_OPTION, FILE_POSITIONAL, KUBECONFIG_OPTION, KUEUE_VERSION_OPTION, kueueVersionOption, readPolicyFile, withConnection } from '../cluster-support.ts';
import { kueueVersionLabel } from '../../../sim/cluster/kueue-versions.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';

const spec: CommandSpec = {
  path: 'podplan apply',
  summary: 'Apply a scenario\'s quota policy to a cluster (server-side apply, in dependency order, with progress).',
  details: [
    'Progress goes to stderr as "[n/total] Kind/namespace/name status"; the summary (or --json result) to stdout.',
    'Objects that exist without podplan\'s labels are left alone unless --adopt. Running apply again finishes',
    'an interrupted apply: unchanged objects are skipped.',
  ],
  options: {
    ...COMMON_OPTIONS,
    kubeconfig: KUBECONFIG_OPTION,
    context: CONTEXT_OPTION,
    'kueue-version': KUEUE_VERSION_OPTION,
    'dry-run': { type: 'boolean', description: 'Server-side dry-run: the API server checks everything, nothing is changed.' },
    prune: { type: 'boolean', description: 'Also delete objects podplan created for this scenario that the plan no longer has (listed, then confirmed).' },
    yes: { type: 'boolean', short: 'y', description: 'Confirm the --prune list without asking (needed when there is no terminal).' },
    'force-conflicts': { type: 'boolean', description: 'Take over fields another field manager owns (named in the conflict).' },
    adopt: { type: 'boolean', description: 'Take over objects that exist without podplan\'s labels, or are another scenario\'s.' },
  },
  positionals: [FILE_POSITIONAL],
  examples: ['podplan apply plan.podplan.json --context prod --dry-run', 'podplan apply plan.podplan.json --prune --yes --json > result.json'],
  exitCodes: 'Exit codes: 0 every object applied as planned, 1 something failed or conflicted (or was not applied), 2 usage error.',
};

function progressLine({ done, total, last }: ApplyProgress): string {
  const why =
    last.status === 'conflict' && last.conflicts?.length
      ? `: ${last.conflicts.map((c) => `${c.field || 'a field'} owned by "${c.manager}"`).join(', ')}`
      : last.message && last.status !== 'skipped'
        ? `: ${last.message}`
        : '';
  return `[${done}/${total}] ${last.ref} ${last.status}${why}\n`;
}

function listed(title: string, results: readonly ObjectResult[]): string[] {
  if (results.length === 0) return [];
  return [title, ...results.map((r) => `  ${r.ref}${r.message ? `: ${r.message}` : ''}`)];
}

export function formatApplyResult(result: ApplyResult, scenarioName: string): string {
  const c = result.counts;
  const lines = [
    `${result.dryRun ? 'Dry run (server-side; nothing was changed) of' : 'Applied'} "${scenarioName}" on context "${result.context}" (${result.server}): ` +
      `${c.created} created, ${c.configured} configured, ${c.unchanged} unchanged, ${c.pruned} pruned, ${c.skipped} skipped, ` +
      `${c.conflict} conflicts, ${c.failed} failed, ${c['not-applied']} not applied.`,
  ];
  const conflicts = result.results.filter((r) => r.status === 'conflict');
  if (conflicts.length) {
    lines.push('Conflicts (these objects were not changed):');
    for (const r of conflicts) {
      const fields = r.conflicts?.length ? r.conflicts.map((f) => `${f.field || 'a field'} is owned by "${f.manager}"`).join('; ') : (r.message ?? 'field conflict');
      lines.push(`  ${r.ref}: ${fields}`);
    }
    const managers = [...new Set(conflicts.flatMap((r) => r.conflicts?.map((f) => f.manager) ?? []))];
    lines.push(`Re-run with --force-conflicts to take these fields over${managers.length ? ` from ${managers.map((m) => `"${m}"`).join(', ')}` : ''}.`);
  }
  lines.push(...listed('Failed:', result.results.filter((r) => r.status === 'failed')));
  lines.push(...listed('Not applied:', result.results.filter((r) => r.status === 'not-applied')));
  lines.push(...listed('Left alone:', result.results.filter((r) => r.status === 'skipped')));
  if (!result.complete) lines.push('Not complete: fix the above and run apply again (unchanged objects are skipped).');
  return `${lines.join('\n')}\n`;
}

async function confirmPrune(refs: readonly string[], values: ParsedArgs['values'], io: CliIo): Promise<void> {
  io.stderr(`--prune will delete ${refs.length} object${refs.length === 1 ? '' : 's'} podplan created for this scenario that the plan no longer has:\n`);
  for (const ref of refs) io.stderr(`  - ${ref}\n`);
  if (values.yes === true) return;
  const answer = io.prompt ? await io.prompt(`Delete ${refs.length === 1 ? 'it' : `these ${refs.length}`}? Type "yes" to continue: `) : null;
  if (answer === null) {
    throw new UsageError('--prune needs a confirmation and there is no terminal to ask on: add --yes. Nothing was applied.', helpHint(spec));
  }
  if (answer.trim().toLowerCase() !== 'yes') throw new CliError('Not confirmed: nothing was applied or deleted.', { code: 'not-confirmed' });
}

async function run({ values, positionals }: ParsedArgs, io: CliIo): Promise<number> {
  const json = values.json === true;
  const dryRun = values['dry-run'] === true;
  const prune = values.prune === true;
  const adopt = values.adopt === true;
  const { file, scenario, objects } = await readPolicyFile(positionals[0] ?? '-', io, 'nothing was applied', { kueueVersion: kueueVersionOption(values) });
  const result = await withConnection(values, io, async (connection) => {
    if (prune) {
      // Listed and confirmed first; apply then prunes what its own plan finds (the same list unless
      // another apply of this very scenario changed the cluster in between).
      const candidates = (await makePlan(connection, scenario.id, objects, { adopt })).prune.map((p) => p.ref);
      if (candidates.length === 0) io.stderr('--prune: nothing to prune.\n');
      else if (dryRun) io.stderr(`--prune (dry run) would delete: ${candidates.join(', ')}\n`);
      else await confirmPrune(candidates, values, io);
    }
    io.stderr(`${dryRun ? 'Dry-running' : 'Applying'} ${objects.length} objects of "${scenario.name}" for ${kueueVersionLabel(scenario.cluster.kueueVersion)} on context "${connection.context}" (${connection.server})…\n`);
    return applyScenario(connection, scenario.id, objects, {
      dryRun,
      prune,
      adopt,
      forceConflicts: values['force-conflicts'] === true,
      onProgress: (progress) => io.stderr(progressLine(progress)),
    });
  });
  if (json) io.stdout(jsonLine({ file, scenarioId: scenario.id, kueueVersion: scenario.cluster.kueueVersion, ...result }));
  else io.stdout(formatApplyResult(result, scenario.name));
  return result.complete ? EXIT_OK : EXIT_FAILURE;
}

export const applyCommand: Command = { spec, run };
