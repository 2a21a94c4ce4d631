import { defineConfig } from 'vitest/config';

// Unit and backend tests sit beside the code they test. Cluster tests need a
// real kube-apiserver (test/cluster/) and run as their own project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['sim/**/*.test.ts', 'data/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
    ],
  },
});
