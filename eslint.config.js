// Lint keeps the architecture true: sim/ is pure, and dependencies point one
// way (renderer → sim, electron → data → sim, renderer ⇢ electron only
// through the API contract and its client).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'worker_threads', 'url', 'util', 'stream', 'events'];

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'test/cluster/.cache/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['sim/**/*.ts'],
    ignores: ['sim/**/*.test.ts'],
    rules: {
      ...restrict([
        { group: nodeBuiltins, message: 'sim/ is pure: no Node APIs.' },
        { group: ['electron', 'better-sqlite3', '@kubernetes/*', 'react', 'react-dom', 'zustand', 'd3', 'd3-*'], message: 'sim/ is pure: no I/O, UI or platform libraries.' },
        { group: ['**/electron/**', '**/renderer/**', '**/data/**', '**/test/**'], message: 'sim/ imports nothing from the other layers.' },
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'fetch', 'process', 'require', 'Buffer', 'setTimeout', 'setInterval'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'sim/ is deterministic: take a seeded random source.' }, { object: 'Date', property: 'now', message: 'sim/ is deterministic: take time as input.' }],
    },
  },
  {
    files: ['data/**/*.ts'],
    rules: restrict([
      { group: ['**/renderer/**', 'react', 'react-dom', 'zustand', 'd3'], message: 'data/ does not know about the UI.' },
      { group: ['**/electron/**'], message: 'data/ sits below electron/: electron → data → sim.' },
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      // Patterns are gitignore-style (a bare 'electron' matches any folder of that name), so the
      // electron package is a path and the allowed electron/ files are carved out with a regex.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the backend only through the API client.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs sandboxed: no Node APIs.' },
            { group: ['better-sqlite3', '@kubernetes/*'], message: 'The renderer reaches the backend only through the API client.' },
            { group: ['**/data/**'], message: 'renderer → data is not allowed: go through the API.' },
            {
              regex: '(^|/)electron/(?!api/contract\\.ts$|api/client\\.ts$|preload/desktop-api\\.ts$)',
              message: 'renderer ⇢ electron only through electron/api/contract.ts, client.ts and the preload API types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict([{ group: ['**/renderer/**'], message: 'electron/ does not import the UI.' }]),
  },
);
