/**
 * Issue #13 through the CLI: `podplan validate` gives the answer `export`
 * gives (one validation, one answer), reads files as strict UTF-8 (a BOM is
 * fine), and refuses a hostile v1 file at once, naming the field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreInDir } from '../../data/store/data-dir.ts';
import { makeTempDir } from '../server/test-support.ts';
import { runCli } from './test-support.ts';

const samplePath = fileURLToPath(new URL('../../data/samples/three-pilot-pods.podplan.json', import.meta.url));

interface SampleDoc {
  cluster: { flavors: { name: string }[]; cohorts: { name: string }[]; queues: { cohortName?: string }[] };
}

describe('podplan validate and import on bad input', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const run = (...argv: string[]) => runCli(argv, { cwd: temp.dir });
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(temp.dir, name);
    writeFileSync(file, content);
    return file;
  };
  const sampleDoc = () => JSON.parse(readFileSync(samplePath, 'utf8')) as SampleDoc;

  beforeEach(() => {
    temp = makeTempDir('podplan-validate-');
  });
  afterEach(() => temp.remove());

  describe('finding 12: one validation, one answer', () => {
    const duplicateFlavor = () => {
      const doc = sampleDoc();
      const [first] = doc.cluster.flavors;
      if (!first) throw new Error('the sample has no flavors');
      doc.cluster.flavors.push({ ...first });
      return write('duplicate-flavor.podplan.json', JSON.stringify(doc));
    };

    it('a policy that export refuses (ResourceFlavor defined twice) is not valid: exit 1, the same field named by both', async () => {
      const file = duplicateFlavor();
      const exported = await run('export', file);
      expect(exported.code).toBe(1);
      expect(exported.stderr).toMatch(/cluster\.flavors\[2\]\.name: ResourceFlavor "h100" is defined twice/);

      const validated = await run('validate', file);
      expect(validated.code).toBe(1);
      expect(validated.stdout).toBe('');
      expect(validated.stderr).toMatch(/the quota policy has 1 error/);
      expect(validated.stderr).toContain('error: cluster.flavors[2].name: ResourceFlavor "h100" is defined twice (first at cluster.flavors[0].name)');

      const json = await run('validate', '--json', file);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        valid: false,
        code: 'policy-invalid',
        issues: [{ path: 'cluster.flavors[2].name', message: expect.stringContaining('defined twice') }],
        warnings: [],
      });
    });

    it('warnings are listed apart from errors and do not fail the file', async () => {
      const doc = sampleDoc();
      doc.cluster.cohorts = doc.cluster.cohorts.filter((c) => c.name !== 'platform');
      const file = write('implicit-cohort.podplan.json', JSON.stringify(doc));
      const exported = await run('export', file);
      expect(exported.code).toBe(0);
      const warningLines = exported.stderr.split('\n').filter((line) => line.startsWith('warning: cluster.'));
      expect(warningLines.length).toBeGreaterThan(0);

      const validated = await run('validate', file);
      expect(validated.code).toBe(0);
      expect(validated.stdout).toContain('valid Podplan scenario');
      for (const line of warningLines) expect(validated.stderr).toContain(line);
      const json = JSON.parse((await run('validate', '--json', file)).stdout) as { valid: boolean; warnings: { path: string }[] };
      expect(json.valid).toBe(true);
      expect(json.warnings.length).toBe(warningLines.length);
    });

    it('importing a file whose policy has errors stores it (the app edits policies in place) and prints the same errors', async () => {
      const file = duplicateFlavor();
      const dataDir = path.join(temp.dir, 'data');
      const imported = await run('scenarios', 'import', file, '--data-dir', dataDir);
      expect(imported.code).toBe(0);
      expect(imported.stderr).toContain('error: cluster.flavors[2].name: ResourceFlavor "h100" is defined twice');
      expect(imported.stderr).toMatch(/export and apply refuse it until it is fixed/);
      const json = JSON.parse((await run('scenarios', 'import', file, '--data-dir', dataDir, '--json')).stdout) as { policy: { errors: { path: string }[] } };
      expect(json.policy.errors.map((e) => e.path)).toEqual(['cluster.flavors[2].name']);
    });
  });

  describe('finding 12: text decoding', () => {
    it('a file that starts with a UTF-8 byte-order mark is valid', async () => {
      const file = write('bom.podplan.json', `\uFEFF${readFileSync(samplePath, 'utf8')}`);
      const result = await run('validate', file);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });

    it('invalid UTF-8 is refused with its byte offset, by validate and by import, and nothing is stored', async () => {
      const bytes = new Uint8Array(readFileSync(samplePath));
      bytes[300] = 0xfe;
      const file = write('latin1.podplan.json', bytes);
      const validated = await run('validate', file);
      expect(validated.code).toBe(1);
      expect(validated.stderr).toMatch(/not UTF-8 text: byte 300 \(line \d+, column \d+\)/);

      const dataDir = path.join(temp.dir, 'data');
      const imported = await run('scenarios', 'import', file, '--data-dir', dataDir);
      expect(imported.code).toBe(1);
      expect(imported.stderr).toContain('byte 300');
      const store = openStoreInDir(dataDir);
      try {
        expect(store.listScenarios()).toEqual([]);
      } finally {
        store.close();
      }
    });

    it('a syntax error names its line and column', async () => {
      const file = write('trailing-comma.podplan.json', '{\n  "schemaVersion": 7,\n  "teams": [1,]\n}\n');
      const result = await run('validate', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('line 3, column 15');
    });
  });

  describe('findings 1 and 2: hostile v1 files', () => {
    it('the 133-byte file asking for a billion engineers is refused naming the headcount', async () => {
      const file = write(
        'billion.podplan.json',
        '{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":"t","name":"t","kind":"central-ai","headcount":{"ai-ml-engineer":1000000000}}]}',
      );
      const result = await run('validate', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('teams[0].headcount.ai-ml-engineer: 1000000000 is more than the 10,000 positions a team may have');
    });

    it('a team id nested 100,000 arrays deep is refused naming teams[0].id, not a stack overflow', async () => {
      const id = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const file = write('deep.podplan.json', `{"schemaVersion":1,"id":"x","name":"x","teams":[{"id":${id},"name":"t","kind":"central-ai","headcount":{}}]}`);
      const result = await run('validate', file);
      expect(result.code).toBe(1);
      expect(result.stderr).not.toMatch(/call stack|unexpected error/i);
      expect(result.stderr).toMatch(/teams\[0\]\.id\[0\].*nested more than/);
    });
  });
});
