// export, diff, apply and import without a cluster: help, manifests on
// stdout and on disk, usage errors, policy errors, kubeconfig handling and
// failures to connect (with the token kept out of every output).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, kubeconfigYaml, makeTempDir, SECRET_TOKEN } from '../server/test-support.ts';
import { parseScenarioText } from '../../sim/scenario/index.ts';
import { renderKustomizeDirectory, generateManifests } from '../../sim/manifests/index.ts';
import { kubeconfigPaths } from './cluster-support.ts';
import { memoryIo, runCli } from './test-support.ts';

const samplePath = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));
const golden = readFileSync(new URL('../../sim/manifests/testdata/sample-three-pilot-pods.golden.yaml', import.meta.url), 'utf8');
const sample = parseScenarioText(readFileSync(samplePath, 'utf8')).scenario;

describe('podplan export / diff / apply / import (no cluster)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const run = (...argv: string[]) => runCli(argv, { cwd: temp.dir });

  beforeEach(() => {
    temp = makeTempDir('podplan-cli-cluster-');
  });
  afterEach(() => temp.remove());

  it('each command has --help, listed in the top help', async () => {
    const top = await run('--help');
    for (const command of ['export', 'diff', 'apply', 'import']) {
      expect(top.stdout).toMatch(new RegExp(`\\n  ${command} `));
      const help = await run(command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`Usage: podplan ${command}`);
      expect(help.stdout).toContain('--json');
    }
    expect((await run('diff', '--help')).stdout).toContain('0 no changes, 3 changes, 1 failure');
    expect((await run('apply', '--help')).stdout).toMatch(/--kubeconfig K .*Repeatable\./);
  });

  describe('export', () => {
    it('writes the multi-document YAML to stdout by default, byte for byte the golden file', async () => {
      const result = await run('export', samplePath);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(golden);
    });

    it('--json gives the refs and the YAML; --out FILE writes the file', async () => {
      const json = await run('export', samplePath, '--json');
      const parsed = JSON.parse(json.stdout) as { format: string; scenarioId: string; objects: string[]; yaml: string };
      expect(parsed).toMatchObject({ format: 'yaml', scenarioId: 'sample-three-pilot-pods', yaml: golden });
      expect(parsed.objects[0]).toBe('Namespace/ai-platform');

      const toFile = await run('export', samplePath, '--out', 'quotas.yaml');
      expect(toFile.code).toBe(0);
      expect(readFileSync(path.join(temp.dir, 'quotas.yaml'), 'utf8')).toBe(golden);
      expect(toFile.stderr).toMatch(/Wrote \d+ objects/);
    });

    it('--format kustomize writes a directory, refuses a non-empty one without --force, replaces it with --force', async () => {
      const expected = renderKustomizeDirectory(generateManifests(sample.id, sample.cluster));
      const first = await run('export', samplePath, '--format', 'kustomize', '--out', 'out/quotas', '--json');
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(/parent directory does not exist/);

      mkdirSync(path.join(temp.dir, 'out'));
      const made = await run('export', samplePath, '--format', 'kustomize', '--out', 'out/quotas', '--json');
      expect(made.code).toBe(0);
      const dir = path.join(temp.dir, 'out', 'quotas');
      expect(JSON.parse(made.stdout)).toMatchObject({ format: 'kustomize', dir, files: [...expected.keys()] });
      for (const [file, content] of expected) expect(readFileSync(path.join(dir, file), 'utf8')).toBe(content);
      expect(readdirSync(path.join(temp.dir, 'out'))).toEqual(['quotas']);

      writeFileSync(path.join(dir, 'stale.yaml'), 'old');
      const refused = await run('export', samplePath, '--format', 'kustomize', '--out', 'out/quotas');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/out\/quotas is not empty: add --force/);
      expect(existsSync(path.join(dir, 'stale.yaml'))).toBe(true);

      const forced = await run('export', samplePath, '--format', 'kustomize', '--out', 'out/quotas', '--force');
      expect(forced.code).toBe(0);
      expect(existsSync(path.join(dir, 'stale.yaml'))).toBe(false);
      expect(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')).toBe(expected.get('kustomization.yaml'));
      expect(readdirSync(path.join(temp.dir, 'out'))).toEqual(['quotas']);

      mkdirSync(path.join(temp.dir, 'empty'));
      expect((await run('export', samplePath, '-f', 'kustomize', '-o', 'empty')).code).toBe(0);
      expect(existsSync(path.join(temp.dir, 'empty', 'kustomization.yaml'))).toBe(true);
    });

    it('usage mistakes exit 2', async () => {
      expect((await run('export', samplePath, '--format', 'helm')).code).toBe(2);
      const noDir = await run('export', samplePath, '--format', 'kustomize');
      expect(noDir.code).toBe(2);
      expect(noDir.stderr).toMatch(/--out DIR/);
      expect((await run('export')).code).toBe(2);
    });

    it('names the target Kueue version; --kueue-version exports for another, and a field the target lacks is refused naming the version that brought it', async () => {
      const own = await run('export', samplePath, '--json');
      expect(JSON.parse(own.stdout)).toMatchObject({ kueueVersion: '0.16', testedRelease: 'v0.16.2' });
      const newer = await run('export', samplePath, '--kueue-version', '0.19');
      expect(newer.code).toBe(0);
      expect(newer.stdout.split('\n')[0]).toBe('# Generated by Podplan for Kueue 0.19 (tested with v0.19.2). Apply with: kubectl apply --server-side --field-manager=podplan -f <this file>');
      expect((await run('export', samplePath, '--kueue-version', '0.18')).code).toBe(2);

      const withField = structuredClone(sample);
      withField.cluster.queues[0]!.concurrentAdmission = { migrationMode: 'TryPreferredFlavors' };
      writeFileSync(path.join(temp.dir, 'cap.podplan.json'), JSON.stringify(withField));
      const refused = await run('export', 'cap.podplan.json');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('cluster.queues[0].concurrentAdmission: ');
      expect(refused.stderr).toContain('ClusterQueue.spec.concurrentAdmissionPolicy needs Kueue 0.18 or newer; this scenario targets Kueue 0.16.');
      const accepted = await run('export', 'cap.podplan.json', '--kueue-version', '0.19');
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain('concurrentAdmissionPolicy:\n    migration:\n      mode: TryPreferredFlavors');
    });

    it('a policy with errors exits 1 naming every bad field, and writes nothing', async () => {
      const broken = structuredClone(sample);
      broken.cluster.queues[0]!.namespace = 'Team_Recs';
      broken.cluster.queues[1]!.namespaceQuota = { pods: 'many' };
      writeFileSync(path.join(temp.dir, 'broken.podplan.json'), JSON.stringify(broken));
      const result = await run('export', 'broken.podplan.json', '--out', 'quotas.yaml');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/broken\.podplan\.json: the quota policy \(for Kueue 0\.16 \(tested with v0\.16\.2\)\) has 2 errors, so nothing was exported:\n/);
      expect(result.stderr).toContain('  cluster.queues[0].namespace: ');
      expect(result.stderr).toContain('  cluster.queues[1].namespaceQuota: ');
      expect(existsSync(path.join(temp.dir, 'quotas.yaml'))).toBe(false);

      const json = await run('export', 'broken.podplan.json', '--json');
      const error = (JSON.parse(json.stdout) as { error: { code: string; issues: Array<{ path: string }> } }).error;
      expect(error.code).toBe('policy-invalid');
      expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['cluster.queues[0].namespace', 'cluster.queues[1].namespaceQuota']));
    });

    it('a file that is not a scenario exits 1 naming the fields', async () => {
      writeFileSync(path.join(temp.dir, 'bad.podplan.json'), JSON.stringify({ ...sample, teams: 'none' }));
      const result = await run('export', 'bad.podplan.json');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/bad\.podplan\.json is not a valid Podplan scenario/);
      expect(result.stderr).toContain('teams');
    });
  });

  describe('kubeconfig and context options', () => {
    it('--kubeconfig repeats and splits like KUBECONFIG, relative to the working directory; default is $KUBECONFIG', () => {
      const { io } = memoryIo({ cwd: '/work', env: { KUBECONFIG: '/etc/a:/etc/b' } });
      expect(kubeconfigPaths({ kubeconfig: ['one', `two${path.delimiter}/abs/three`] }, io)).toEqual(['/work/one', '/work/two', '/abs/three']);
      expect(kubeconfigPaths({}, io)).toEqual(['/etc/a', '/etc/b']);
    });

    it('a missing kubeconfig or unknown context exits 1 with the reason; --json carries clusterError', async () => {
      for (const command of ['diff', 'apply']) {
        const result = await run(command, samplePath, '--kubeconfig', 'nope.yaml', '--json');
        expect(result.code, command).toBe(1);
        expect(result.stderr).toMatch(/No kubeconfig file found/);
        expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'cluster', clusterError: 'kubeconfig' } });
      }
      writeFileSync(path.join(temp.dir, 'kc.yaml'), kubeconfigYaml('http://127.0.0.1:1'));
      const context = await run('import', '--kubeconfig', 'kc.yaml', '--context', 'prod', '--out', 'x.podplan.json');
      expect(context.code).toBe(1);
      expect(context.stderr).toMatch(/Context "prod" is not in the kubeconfig \(known: fake, other\)/);
    });

    it('an unreachable cluster exits 1 fast for diff, apply and import, and the token appears in no output', async () => {
      writeFileSync(path.join(temp.dir, 'kc.yaml'), kubeconfigYaml(`http://127.0.0.1:${await closedPort()}`));
      const started = Date.now();
      const outputs: string[] = [];
      for (const argv of [
        ['diff', samplePath, '--kubeconfig', 'kc.yaml'],
        ['apply', samplePath, '--kubeconfig', 'kc.yaml', '--json'],
        ['apply', samplePath, '--kubeconfig', 'kc.yaml', '--prune', '--yes'],
        ['import', '--kubeconfig', 'kc.yaml', '--out', 'live.podplan.json'],
      ]) {
        const result = await run(...argv);
        expect(result.code, argv.join(' ')).toBe(1);
        expect(result.stderr).toMatch(/Connection refused by http:\/\/127\.0\.0\.1:\d+/);
        outputs.push(result.stdout, result.stderr);
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      for (const text of outputs) expect(text).not.toContain(SECRET_TOKEN);
      expect(existsSync(path.join(temp.dir, 'live.podplan.json'))).toBe(false);
    });
  });

  describe('import', () => {
    it('needs --out, and refuses to overwrite before connecting', async () => {
      const missing = await run('import');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/needs --out FILE/);
      writeFileSync(path.join(temp.dir, 'live.podplan.json'), 'keep me');
      const refused = await run('import', '--kubeconfig', 'does-not-matter', '--out', 'live.podplan.json');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/live\.podplan\.json already exists: add --force/);
      expect(readFileSync(path.join(temp.dir, 'live.podplan.json'), 'utf8')).toBe('keep me');
    });
  });
});
