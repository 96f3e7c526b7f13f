import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

import { sourceAliases } from '@anbu/vitest-config';

/**
 * Two projects: `unit` (jsdom, always) and `e2e` (headless Chromium against the embedded start),
 * which joins `pnpm test` only in CI or with ANBU_E2E=1 because it needs built services.
 */
const withE2e = process.env.CI === 'true' || process.env.ANBU_E2E === '1';
const alias = sourceAliases();

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.cache/vitest-report.json' } : undefined,
    projects: [
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
      ...(withE2e
        ? [
            {
              resolve: { alias },
              test: {
                name: 'e2e',
                environment: 'node',
                include: ['e2e/**/*.e2e.test.ts'],
                fileParallelism: false,
                testTimeout: 120_000,
                hookTimeout: 900_000,
              },
            },
          ]
        : []),
    ],
  },
});
