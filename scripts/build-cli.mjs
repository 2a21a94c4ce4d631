#!/usr/bin/env node
/* global console */
/**
 * Bundles the `podplan` command line with esbuild, for its start-up time
 * (issue #18: loading ~500 type-stripped modules one by one was most of a
 * short command's time):
 *
 *   electron/cli/main.ts       → dist/cli/main.mjs, plus one chunk per command
 *                                (each `import()` of the command table), loaded
 *                                only when that command runs
 *   electron/cli/workers/*.ts  → dist/cli/workers/<name>.mjs, each self-contained:
 *                                a simulation worker starts from one file
 *   dist/cli/inputs.json       → every source file that went in, and the package.json
 *                                of every dependency bundled, with their size and mtime
 *
 * bin/podplan.mjs runs the bundle only while every input is unchanged, and the
 * TypeScript source otherwise: an edit never runs stale code, it only runs
 * slower until the next build. Native and large runtime dependencies stay
 * external (better-sqlite3 is native; playwright-core, pptxgenjs and the
 * Kubernetes client load files of their own); zod and yaml are bundled.
 *
 * The new bundle is written beside the old one and swapped in, so a podplan
 * starting meanwhile runs the old bundle or the source, never half of each.
 *
 * `--if-possible` (npm's postinstall): when esbuild is missing (a production
 * install) or the build fails, say so and exit 0; podplan runs from source.
 */
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'cli');
const ifPossible = process.argv.includes('--if-possible');

/** Stay external: native code, packages that read their own files at run time, and Electron. */
const EXTERNAL = ['better-sqlite3', 'playwright-core', 'pptxgenjs', 'electron'];

async function buildCli() {
  const { build } = await import('esbuild');
  const staging = `${outDir}.new-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const workerDir = join(root, 'electron', 'cli', 'workers');
  const workers = (await readdir(workerDir)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outExtension: { '.js': '.mjs' },
    external: EXTERNAL,
    // A bundled CommonJS module that requires a Node built-in needs a real `require` in an ES module.
    banner: { js: "import { createRequire as __podplanRequire } from 'node:module'; const require = __podplanRequire(import.meta.url);" },
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  };
  const [main, ...workerBuilds] = await Promise.all([
    build({ ...common, entryPoints: { main: 'electron/cli/main.ts' }, outdir: staging, splitting: true, chunkNames: '[name]-[hash]' }),
    ...workers.map((name) => build({ ...common, entryPoints: [join('electron/cli/workers', name)], outdir: join(staging, 'workers') })),
  ]);

  // The worker entries are found next to sim-worker.ts's code (`workerEntry`): it must sit at the top of dist/cli.
  const outputs = Object.keys(main.metafile.outputs).map((file) => relative(staging, join(root, file)));
  if (outputs.some((file) => file.includes('/'))) throw new Error(`build-cli: the main bundle must be flat, but wrote ${outputs.filter((f) => f.includes('/')).join(', ')}`);

  // Podplan's own files one by one; a dependency by its package.json (a new version or a reinstall
  // rewrites it): the Kubernetes client alone is ~1,000 files, and checking each at every start
  // would cost more than the bundle saves.
  const inputs = {};
  for (const result of [main, ...workerBuilds]) {
    for (const input of Object.keys(result.metafile.inputs)) {
      const dependency = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      const file = dependency ? `${dependency[1]}/package.json` : input;
      if (file in inputs) continue;
      const info = await stat(join(root, file));
      inputs[file] = [info.size, info.mtimeMs];
    }
  }
  await writeFile(join(staging, 'inputs.json'), `${JSON.stringify({ files: inputs })}\n`);

  // Swap: the old bundle out of the way, the new one in, the old one removed.
  const old = `${outDir}.old-${process.pid}`;
  await rename(outDir, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, outDir);
  await rm(old, { recursive: true, force: true });

  const bytes = Object.values(main.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
  console.log(`build-cli: dist/cli (${outputs.filter((f) => !f.endsWith('.map')).length} files, ${Math.round(bytes / 1024)} KiB) and ${workers.length} workers, checked by ${Object.keys(inputs).length} files`);
}

try {
  await buildCli();
} catch (error) {
  if (!ifPossible) throw error;
  console.log(`build-cli: not built (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); podplan runs from its TypeScript source.`);
}
