// Lint keeps the architecture true at every depth (README, "Layout"):
//   - top level: renderer → sim, electron → data → sim; the renderer reaches
//     the backend only over HTTP, through sim/api's contract and its client;
//   - sim/: pure, and its folders in a fixed order (SIM_LAYERS) with no cycles;
//   - electron/: the desktop shell, the server, the CLI and the cluster client
//     each import only what sits below them (ELECTRON_LAYERS);
//   - renderer/: pure logic (every `model/` folder, and `editing/`) free of
//     React, stores and views; the shared folders (ui/, model/, stores/, …)
//     import no feature and nothing imports the shell (RENDERER_SHARED).
// eslint.rules.test.ts proves each rule can fail with a probe import.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'worker_threads', 'url', 'util', 'stream', 'events'];

/**
 * sim/ folders from the bottom up. A folder imports only folders on lower
 * rows; folders on one row never import each other. Each section's schema
 * lives with the code that owns it, so scenario/ — the document that
 * composes every section, its migrations and the one parser — sits above
 * the models and simulators, and only what answers questions about a whole
 * scenario sits above it.
 */
export const SIM_LAYERS = [
  ['k8s', 'formats', 'kernel'], // Kubernetes quantities and names, byte-stable file formats, the event kernel and PRNG
  ['org'], // roles, team types, the articles' sources
  ['phases', 'ownership', 'cluster'], // waves and hiring, the capability map, GPU capacity and the quota policy's schema
  ['readiness', 'kueue'], // the tough questions; Kueue's quota arithmetic and the policy summary
  ['cost'], // the cost model
  ['gpu-sim', 'delivery', 'manifests'], // the simulators; the objects a policy becomes
  ['traces', 'history'], // public GPU traces as the GPU simulator's workloads; delivery history exports as items and status changes
  ['calibration'], // the delivery model's parameters fitted from a history, and the back-test
  ['scenario'], // the document: every section, migrations, the one parser
  ['decision', 'api', 'edits'], // the Decision; the HTTP API's contract; the scenario's edits (UI and CLI alike)
  ['report'], // the report of 1–4 Decisions
];

/**
 * electron/ folders from the bottom up, same reading as SIM_LAYERS: the
 * cluster client knows nothing of the server; the server nothing of the CLI
 * (which starts it for `podplan serve`); the desktop shell starts the server
 * and talks to the UI through its preload.
 */
export const ELECTRON_LAYERS = [['cluster', 'desktop/preload'], ['server'], ['cli', 'desktop/main']];

const simRank = new Map(SIM_LAYERS.flatMap((row, i) => row.map((folder) => [folder, i])));
const electronRank = new Map(ELECTRON_LAYERS.flatMap((row, i) => row.map((folder) => [folder, i])));

/** no-restricted-paths zones: each folder may not import a folder on its own row or above. */
function layerZones(root, ranks, layerName) {
  const zones = [];
  for (const [target, rank] of ranks) {
    for (const [from, fromRank] of ranks) {
      if (from === target || fromRank < rank) continue;
      // A folder is not restricted from its own sub-folders (desktop/main importing desktop/preload is a row apart anyway).
      if (from.startsWith(`${target}/`) || target.startsWith(`${from}/`)) continue;
      zones.push({
        target: `./${root}/${target}`,
        from: `./${root}/${from}`,
        message: `${layerName}: ${root}/${target} sits ${fromRank === rank ? 'beside' : 'below'} ${root}/${from} (see the layer table in eslint.config.js).`,
      });
    }
  }
  return zones;
}

const simZones = layerZones('sim', simRank, 'sim layers');
const electronZones = [
  ...layerZones('electron', electronRank, 'electron layers'),
  { target: './electron/cluster', from: './data', message: 'electron layers: the cluster client does not touch the store.' },
  { target: './electron/desktop/preload', from: './data', message: 'electron layers: the preload only bridges the UI to the desktop shell.' },
];

const topZones = [
  { target: './sim', from: ['./electron', './renderer', './data', './test'], message: 'sim/ imports nothing from the other layers.' },
  { target: './data', from: ['./electron', './renderer'], message: 'data/ sits below electron/ and does not know about the UI: electron → data → sim.' },
  { target: './electron', from: './renderer', message: 'electron/ does not import the UI.' },
  { target: './renderer', from: ['./electron', './data'], message: 'The renderer reaches the backend only over HTTP: sim/api (the contract) and renderer/api/client.ts.' },
];

/**
 * renderer/ folders every feature may use, which in turn import no feature
 * (features/<name>/ holds a screen's view, components, store and model; the
 * shell routes to them). files/ is not among them: an exported chart's stamp
 * (files/chart-stamp.ts) names the inputs of the tab it comes from.
 */
const RENDERER_SHARED = ['ui', 'model', 'editing', 'stores', 'hooks', 'workers', 'api'];
const rendererZones = [
  ...RENDERER_SHARED.map((folder) => ({
    target: `./renderer/${folder}`,
    from: './renderer/features',
    message: `renderer layers: renderer/${folder} is shared and imports no feature (the feature imports it).`,
  })),
  { target: ['features', 'files', ...RENDERER_SHARED].map((folder) => `./renderer/${folder}`), from: './renderer/shell', message: 'renderer layers: only main.tsx imports the shell (App, header, status bar, app-wide hooks).' },
];

/** The renderer's pure logic: testable without a DOM, usable by a worker. */
const rendererPure = ['renderer/**/model/**/*.ts', 'renderer/editing/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'test/cluster/.cache/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['sim/**/*.ts', 'data/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...topZones, ...simZones, ...electronZones, ...rendererZones] }],
      // Value imports only (the plugin skips `import type`): folder cycles of any kind are already
      // impossible by the layer zones, which count type imports too.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Tests exercise a layer with whatever builds its input; the layer rules are for the product's code.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test-support.ts', '**/test-support/**', '**/testing/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './sim', from: ['./electron', './renderer'], message: 'sim/ tests may read data/ fixtures (the samples), nothing above it.' },
            { target: './data', from: ['./electron', './renderer'], message: 'data/ sits below electron/ and does not know about the UI.' },
            { target: './renderer', from: './electron', message: 'The renderer reaches the backend only over HTTP (renderer tests may read data/ fixtures, the samples).' },
          ],
        },
      ],
    },
  },
  {
    files: ['sim/**/*.ts'],
    ignores: ['sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'sim/ is pure: no Node APIs.' },
            { group: ['electron', 'better-sqlite3', '@kubernetes/*', 'react', 'react-dom', 'zustand', 'd3', 'd3-*'], message: 'sim/ is pure: no I/O, UI or platform libraries.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'fetch', 'process', 'require', 'Buffer', 'setTimeout', 'setInterval'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'sim/ is deterministic: take a seeded random source.' }, { object: 'Date', property: 'now', message: 'sim/ is deterministic: take time as input.' }],
    },
  },
  {
    files: ['data/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'zustand', 'd3'], message: 'data/ does not know about the UI.' }] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the desktop shell only through the preload API (sim/api/desktop.ts).' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs sandboxed: no Node APIs.' },
            { group: ['better-sqlite3', '@kubernetes/*'], message: 'The renderer reaches the backend only through the API client.' },
          ],
        },
      ],
    },
  },
  {
    files: rendererPure,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Pure logic: no platform.' }],
          patterns: [
            { group: nodeBuiltins, message: 'Pure logic: no Node APIs.' },
            { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'd3-selection', 'd3-zoom'], message: 'Pure logic (model/, editing/): no React, stores or DOM libraries — a view or a store calls it.' },
            { regex: '\\.tsx$', message: 'Pure logic (model/, editing/) does not import components or views.' },
            { regex: '(^|/)(stores?|[a-z-]+-store)(/|\\.ts$)', message: 'Pure logic (model/, editing/) does not import stores: the store calls the logic.', allowTypeImports: true },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage'],
    },
  },
  {
    files: ['electron/desktop/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['better-sqlite3', '@kubernetes/*'], message: 'The preload only bridges the UI to the desktop shell.' }] }] },
  },
);
