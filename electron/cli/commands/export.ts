/**
 * `podplan export FILE`: a scenario's quota policy as Kubernetes manifests
 * (M12), for GitOps: one multi-document YAML (stdout or a file), or a
 * kustomize directory written atomically (a temporary directory beside it,
 * then a rename), which never replaces a non-empty directory without --force.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kueueConfiguration, objectRef, renderKustomizeDirectory, renderMultiDocumentYaml } from '../../../sim/manifests/index.ts';
import { COMMON_OPTIONS, helpHint, stringOption, type CommandSpec, type ParsedArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { FILE_POSITIONAL, KUEUE_VERSION_OPTION, kueueVersionOption, readPolicyFile } from '../cluster-support.ts';
import { kueueVersionInfo, kueueVersionLabel } from '../../../sim/cluster/kueue-versions.ts';
import { writeFileAtomic } from '../context.ts';
import { CliError, EXIT_OK, jsonLine, UsageError, type CliIo } from '../io.ts';

const spec: CommandSpec = {
  path: 'podplan export',
  summary: 'Write the Kubernetes manifests of a scenario\'s quota policy: one YAML file, or a kustomize directory.',
  details: [
    'Namespaces, ResourceQuotas, LimitRanges, RoleBindings, PriorityClasses and Kueue objects, labelled',
    'app.kubernetes.io/managed-by=podplan. Refused (exit 1, naming the fields) while the policy has errors.',
    'A YAML --out file is replaced; a kustomize --out DIR must be new or empty unless --force.',
    "Written for the scenario's target Kueue version (named in the output); --kueue-version exports for another.",
  ],
  options: {
    ...COMMON_OPTIONS,
    format: { type: 'string', short: 'f', valueName: 'yaml|kustomize', description: 'yaml (the default): one multi-document file; kustomize: a directory.' },
    out: { type: 'string', short: 'o', valueName: 'DIR|FILE|-', description: 'Where to write: a file (or - for stdout, the default) for yaml; a directory for kustomize.' },
    force: { type: 'boolean', description: 'Replace a non-empty kustomize directory.' },
    'kueue-version': KUEUE_VERSION_OPTION,
  },
  positionals: [FILE_POSITIONAL],
  examples: [
    'podplan export plan.podplan.json > quotas.yaml',
    'podplan export plan.podplan.json --format kustomize --out clusters/prod/quotas --force',
  ],
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Existing = 'none' | 'empty' | 'full';

async function existingDirectory(dir: string, shown: string): Promise<Existing> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new CliError(`${shown} exists and is not a directory.`, { code: 'not-a-directory' });
    return (await readdir(dir)).length === 0 ? 'empty' : 'full';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/**
 * Writes every file into a temporary directory next to `dir`, then renames
 * it into place: readers see the old directory or the new one, never a mix.
 * With `force`, a non-empty directory is moved aside first and removed after.
 */
export async function writeDirectoryAtomic(dir: string, files: ReadonlyMap<string, string>, options: { force: boolean; shown: string }): Promise<void> {
  const existing = await existingDirectory(dir, options.shown);
  if (existing === 'full' && !options.force) {
    throw new CliError(`${options.shown} is not empty: add --force to replace its contents. Nothing was written.`, { code: 'exists' });
  }
  const temp = path.join(path.dirname(dir), `.${path.basename(dir)}.podplan-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    // mkdir (not mkdtemp) so the directory gets the usual permissions under the umask.
    await mkdir(temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`Cannot write ${options.shown}: its parent directory does not exist.`, { code: 'write' });
    throw new CliError(`Cannot write ${options.shown}: ${describe(error)}`, { code: code === 'EACCES' || code === 'EPERM' ? 'permission' : 'write' });
  }
  try {
    for (const [relative, content] of files) {
      const full = path.join(temp, ...relative.split('/'));
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content, { encoding: 'utf8', flag: 'wx' });
    }
    if (existing === 'none') {
      await rename(temp, dir);
    } else if (existing === 'empty') {
      await rmdir(dir);
      await rename(temp, dir);
    } else {
      const old = `${temp}.old`;
      await rename(dir, old);
      try {
        await rename(temp, dir);
      } catch (error) {
        await rename(old, dir);
        throw error;
      }
      await rm(old, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot write ${options.shown}: ${describe(error)}`, { code: 'write' });
  }
}

async function run({ values, positionals }: ParsedArgs, io: CliIo): Promise<number> {
  const file = positionals[0] ?? '-';
  const format = stringOption(values, 'format') ?? 'yaml';
  if (format !== 'yaml' && format !== 'kustomize') {
    throw new UsageError(`--format must be yaml or kustomize (got "${format}").`, helpHint(spec));
  }
  const out = stringOption(values, 'out') ?? '-';
  if (format === 'kustomize' && out === '-') {
    throw new UsageError('--format kustomize writes a directory: name it with --out DIR.', helpHint(spec));
  }
  const json = values.json === true;
  const { scenario, objects } = await readPolicyFile(file, io, 'nothing was exported', { kueueVersion: kueueVersionOption(values) });
  const refs = objects.map(objectRef);
  const target = scenario.cluster.kueueVersion;
  const kueue = { kueueVersion: target, testedRelease: kueueVersionInfo(target).testedRelease };
  // Admission fair sharing needs Kueue Configuration fields: shown in the YAML's header, or as a file beside the kustomize objects.
  const config = kueueConfiguration(scenario.cluster);

  if (format === 'yaml') {
    const yaml = renderMultiDocumentYaml(objects, config, kueueVersionLabel(target));
    if (out === '-') {
      io.stdout(json ? jsonLine({ format, scenarioId: scenario.id, ...kueue, objects: refs, yaml }) : yaml);
      return EXIT_OK;
    }
    const written = await writeFileAtomic(out, yaml, io);
    if (json) io.stdout(jsonLine({ format, scenarioId: scenario.id, ...kueue, file: written, objects: refs, bytes: Buffer.byteLength(yaml) }));
    else io.stderr(`Wrote ${objects.length} objects of "${scenario.name}" for ${kueueVersionLabel(target)} to ${written}.\n`);
    return EXIT_OK;
  }

  const files = renderKustomizeDirectory(objects, config);
  const dir = path.resolve(io.cwd, out);
  await writeDirectoryAtomic(dir, files, { force: values.force === true, shown: out });
  if (json) io.stdout(jsonLine({ format, scenarioId: scenario.id, ...kueue, dir, files: [...files.keys()], objects: refs }));
  else io.stderr(`Wrote ${objects.length} objects of "${scenario.name}" for ${kueueVersionLabel(target)} to ${dir} (${files.size} files with kustomization.yaml).\n`);
  return EXIT_OK;
}

export const exportCommand: Command = { spec, run };
