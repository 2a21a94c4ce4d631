/**
 * The CLI's figures for both samples, pinned byte for byte: `cost`,
 * `simulate gpu` and `simulate delivery` with fixed seeds. A refactor that
 * must not change behaviour (issue #14: the GPU simulator's split, one GPU
 * job) keeps these files identical; a change that means to move a figure
 * rewrites them with `UPDATE_GOLDEN=1 npx vitest run electron/cli/golden`
 * and says why in its commit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './test-support.ts';

const SAMPLES = ['three-pilot-pods', 'centralized-ai-team'] as const;
const COMMANDS: Record<string, (file: string) => string[]> = {
  cost: (file) => ['cost', file, '--json'],
  'simulate-gpu': (file) => ['simulate', 'gpu', file, '--json', '--days', '2', '--seed', '1'],
  'simulate-delivery': (file) => ['simulate', 'delivery', file, '--json', '--trials', '200', '--seed', '1'],
};

const samplePath = (name: string) => fileURLToPath(new URL(`../../data/samples/${name}.podplan.json`, import.meta.url));
const goldenPath = (name: string) => fileURLToPath(new URL(`./testdata/golden/${name}.json`, import.meta.url));

describe.each(SAMPLES)('the CLI’s figures for %s stay exactly as pinned', (sample) => {
  for (const [command, argv] of Object.entries(COMMANDS)) {
    it(command, async () => {
      const result = await runCli(argv(samplePath(sample)), { cwd: '/' });
      expect(result.code, result.stderr).toBe(0);
      const file = goldenPath(`${sample}.${command}`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, result.stdout);
      expect(result.stdout).toBe(readFileSync(file, 'utf8'));
    }, 60_000);
  }
});
