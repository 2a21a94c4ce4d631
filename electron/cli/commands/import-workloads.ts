/**
 * `podplan import workloads --out trace.csv`: the live cluster's Kueue
 * Workloads as a trace (issue #15), read page by page, in the generic CSV
 * layout that `podplan simulate gpu --trace FILE --map-by vc` replays (vc is
 * "namespace/localQueue", which maps to the scenario's team queues by
 * itself). Says what it kept, censored, imputed and dropped, and why.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readClusterWorkloads } from '../../cluster/index.ts';
import {
  CENSORED_TREATMENTS,
  DEFAULT_CENSORED,
  DEFAULT_PENDING,
  DROP_REASONS,
  observedWaits,
  parseSince,
  PENDING_TREATMENTS,
  replayCsvHeader,
  replayCsvLine,
  type CensoredTreatment,
  type DropReason,
  type PendingTreatment,
} from '../../../sim/traces/index.ts';
import { COMMON_OPTIONS, helpHint, stringListOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { CONTEXT_OPTION, KUBECONFIG_OPTION, withConnection } from '../cluster-support.ts';
import { writeFileAtomic } from '../context.ts';
import { CliError, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';

const spec: CommandSpec = {
  path: 'podplan import workloads',
  summary: "Read the cluster's Kueue Workloads (submit, admission, finish) into a trace CSV to replay under a policy.",
  details: [
    'Lists workloads.kueue.x-k8s.io page by page (all namespaces, or each --namespace). Per workload: submit = creation, run time = final admission → Finished,',
    'size = pods × per-pod requests, queue = namespace/LocalQueue (the trace\'s vc column), and the observed wait (creation → quota reservation).',
    `Still running: censored; --censored as-observed (default: the time so far, a lower bound), extend-to-median (at least the queue's median run time) or drop.`,
    `Never admitted: --pending impute-median (default: the queue's median observed run time, else the cluster's) or drop.`,
    '--since keeps finished workloads created in the window; running and pending ones are kept whatever their age (they are the load now).',
    'Replay it with: podplan simulate gpu plan.podplan.json --trace trace.csv --map-by vc',
  ],
  options: {
    ...COMMON_OPTIONS,
    kubeconfig: KUBECONFIG_OPTION,
    context: CONTEXT_OPTION,
    namespace: { type: 'string', short: 'n', valueName: 'N', repeatable: true, description: 'Read only this namespace (repeat, or join with ","; default: all namespaces).' },
    since: { type: 'string', valueName: 'W', description: 'Finished workloads created within W: 90m, 12h, 7d, 2w, or a date (2026-12-01). Default: all.' },
    censored: { type: 'string', valueName: 'T', description: `Running workloads: ${CENSORED_TREATMENTS.join(' | ')} (default ${DEFAULT_CENSORED}).` },
    pending: { type: 'string', valueName: 'T', description: `Never-admitted workloads: ${PENDING_TREATMENTS.join(' | ')} (default ${DEFAULT_PENDING}).` },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'The trace CSV to write (required; - for stdout).' },
    force: { type: 'boolean', description: 'Replace FILE if it exists.' },
  },
  positionals: [],
  examples: [
    'podplan import workloads --context prod --since 7d --out prod-week.csv',
    'podplan import workloads --context prod -n team-a -n team-b --censored extend-to-median --out teams.csv --json',
  ],
};

function choice<T extends string>(value: string | undefined, flag: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`--${flag}: "${value}" must be one of ${allowed.join(', ')}.`, helpHint(spec));
  return value as T;
}

const seconds = (s: number) => (Number.isFinite(s) ? (s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`) : '–');

async function run({ values }: ParsedArgs, io: CliIo): Promise<number> {
  const out = stringOption(values, 'out');
  if (out === undefined || out.trim() === '') throw new UsageError('podplan import workloads needs --out FILE (or --out - for stdout).', helpHint(spec));
  const force = values.force === true;
  const censored = choice<CensoredTreatment>(stringOption(values, 'censored'), 'censored', CENSORED_TREATMENTS, DEFAULT_CENSORED);
  const pending = choice<PendingTreatment>(stringOption(values, 'pending'), 'pending', PENDING_TREATMENTS, DEFAULT_PENDING);
  const namespaces = stringListOption(values, 'namespace')
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  // The one clock read of the import: everything after is relative to it.
  const now = Date.now() / 1000;
  const sinceText = stringOption(values, 'since');
  let since: number | undefined;
  if (sinceText !== undefined) {
    try {
      since = parseSince(sinceText, now);
    } catch (error) {
      throw new UsageError(`--${error instanceof Error ? error.message : String(error)}.`, helpHint(spec));
    }
  }
  if (out !== '-' && !force && existsSync(path.resolve(io.cwd, out))) {
    throw new CliError(`${out} already exists: add --force to replace it. Nothing was imported.`, { code: 'exists' });
  }

  const replay = await withConnection(values, io, (connection) =>
    readClusterWorkloads(connection, { now, namespaces, ...(since === undefined ? {} : { since }), censored, pending }),
  );
  const where = `${replay.namespaces ? `namespace${replay.namespaces.length === 1 ? '' : 's'} ${replay.namespaces.join(', ')}` : 'all namespaces'} of context "${replay.context}"`;
  const window = since === undefined ? '' : ` created since ${new Date(since * 1000).toISOString()} (--since ${sinceText})`;
  const dropped = Object.entries(replay.counts.dropped).filter(([, n]) => n > 0) as Array<[DropReason, number]>;
  const waits = Object.fromEntries(observedWaits(replay.rows, (r) => r.queue));
  const summary = {
    context: replay.context,
    server: replay.server,
    apiVersion: replay.apiVersion,
    namespaces: replay.namespaces,
    since: since === undefined ? null : new Date(since * 1000).toISOString(),
    now: new Date(now * 1000).toISOString(),
    censored,
    pending,
    counts: replay.counts,
    problems: replay.problems,
    moreProblems: replay.moreProblems,
    observedWaits: waits,
  };

  if (replay.counts.read === 0 || replay.rows.length === 0) {
    // Not a failure: the cluster answered, there is nothing to replay. No file is written (a trace without rows is refused by the importer).
    const why = replay.counts.read === 0 ? `No Kueue Workload objects in ${where}` : `None of the ${replay.counts.read} Workload objects in ${where} can be replayed`;
    if (values.json === true) io.stdout(jsonLine({ file: null, ...summary }));
    io.stderr(`${why}${window}: nothing written.\n`);
    for (const [reason, n] of dropped) io.stderr(`  dropped ${n}: ${DROP_REASONS[reason]}\n`);
    return EXIT_OK;
  }

  const text = replayCsvHeader() + replay.rows.map(replayCsvLine).join('');
  for (const p of replay.problems) io.stderr(`warning: Workload ${p.workload}: ${p.message}\n`);
  if (replay.moreProblems) io.stderr(`warning: …and ${replay.moreProblems} more unreadable Workload objects\n`);
  if (out === '-') io.stdout(text);
  const file = out === '-' ? '-' : await writeFileAtomic(out, text, io, { overwrite: force });
  if (values.json === true) {
    if (out !== '-') io.stdout(jsonLine({ file, ...summary }));
    else io.stderr(`${jsonLine({ file, ...summary })}`);
    return EXIT_OK;
  }
  const c = replay.counts;
  const lines = [
    `Wrote ${c.kept.toLocaleString('en-US')} workloads of ${where}${window} to ${file === '-' ? 'stdout' : file} (read ${c.read.toLocaleString('en-US')} in ${replay.pages} pages).`,
    `  finished ${c.finished}, running ${c.running} (censored, treated as ${censored}${c.extended ? `; ${c.extended} raised to the queue median` : ''}), pending ${c.pending} (treated as ${pending}; ${c.imputed} with an imputed run time)`,
    `  evicted at least once: ${c.evicted}${c.waitUnknown ? ` (${c.waitUnknown} admitted again: first wait unknown, left out of the observed waits)` : ''}`,
    ...dropped.map(([reason, n]) => `  dropped ${n}: ${DROP_REASONS[reason]}`),
    'Observed waits (creation → quota reservation) per namespace/LocalQueue:',
    ...Object.entries(waits).map(([q, w]) => `  ${q}: P50 ${seconds(w.p50)}, P90 ${seconds(w.p90)} over ${w.count} admitted${w.pending ? `, ${w.pending} still pending` : ''}`),
    `Replay it: podplan simulate gpu PLAN.podplan.json --trace ${file === '-' ? 'FILE' : path.relative(io.cwd, file) || file} --map-by vc`,
  ];
  io.stderr(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

export const importWorkloadsCommand: Command = { spec, run };
