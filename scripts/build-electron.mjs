#!/usr/bin/env node
/* global console */
/**
 * Bundles the Electron shell with esbuild:
 *   electron/desktop/main/main.ts       → dist/electron/main.cjs   (package.json "main")
 *   electron/desktop/preload/preload.ts → dist/electron/preload.cjs (one CommonJS file:
 *     a sandboxed preload can require only 'electron' and a few built-ins)
 *
 * The main bundle carries data/ and sim/ (the samples are JSON imports, so
 * they bundle too). `electron` and the package's runtime dependencies stay
 * external: electron-builder ships those in node_modules, and better-sqlite3
 * is native (its Node-API prebuild is loaded from app.asar.unpacked).
 * The source is ESM; `import.meta.dirname/filename` map to their CommonJS
 * equivalents, and any other `import.meta` use fails the build.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'electron');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const runtimeDeps = Object.keys(pkg.dependencies ?? {});

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45's Node (22+); nothing newer is needed.
  target: 'node22',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

await rm(outDir, { recursive: true, force: true });

const [main, preload] = await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/desktop/main/main.ts'],
    outfile: join(outDir, 'main.cjs'),
    external: ['electron', ...runtimeDeps],
    define: { 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    // Any other import.meta (e.g. import.meta.url) would be undefined in CommonJS: fail the build instead.
    logOverride: { 'empty-import-meta': 'error' },
  }),
  build({
    ...common,
    entryPoints: ['electron/desktop/preload/preload.ts'],
    outfile: join(outDir, 'preload.cjs'),
    external: ['electron'],
  }),
]);

// A sandboxed preload that requires anything but 'electron' fails at runtime: catch it here.
const preloadImports = Object.values(preload.metafile.outputs)
  .flatMap((output) => output.imports ?? [])
  .filter((imp) => imp.external && imp.path !== 'electron');
if (preloadImports.length > 0) {
  throw new Error(`The sandboxed preload must only require 'electron', but it requires: ${preloadImports.map((i) => i.path).join(', ')}`);
}
// The native module must never be bundled.
const bundledInputs = Object.keys(main.metafile.inputs);
const wronglyBundled = bundledInputs.filter((input) => input.includes('node_modules/better-sqlite3/') || input.includes('node_modules/electron/'));
if (wronglyBundled.length > 0) throw new Error(`These must stay external, but were bundled: ${wronglyBundled.join(', ')}`);

const size = (result) => Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map')).map(([file, out]) => `${file} (${Math.round(out.bytes / 1024)} KiB)`);
console.log(`build-electron: ${[...size(main), ...size(preload)].join(', ')}`);
