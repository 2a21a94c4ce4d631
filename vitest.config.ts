import { defineConfig } from 'vitest/config';
import { clusterProject } from './test/cluster/vitest.config.ts';

// Unit and backend tests sit beside the code they test. Tests that need a
// real kube-apiserver (`*.cluster.test.ts`, test/cluster/) run as their own
// project with one API server started by its globalSetup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['sim/**/*.test.ts', 'data/**/*.test.ts', 'electron/**/*.test.ts', 'test/api/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/kueue-diff/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          exclude: ['**/*.cluster.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        ...clusterProject,
        test: { ...clusterProject.test, include: [...clusterProject.test.include, 'electron/**/*.cluster.test.ts'] },
      },
    ],
  },
});
