// The cluster tests as a vitest project. The root vitest.config.ts lists
// `clusterProject` among its projects; this file also runs them alone:
//   npx vitest run -c test/cluster/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

export const clusterProject = {
  test: {
    name: 'cluster',
    include: ['test/cluster/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/cluster/global-setup.ts'],
    // One API server for all files, and some tests kill it: run files one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
} satisfies TestProjectInlineConfiguration;

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { projects: [clusterProject] },
});
