import { defineConfig } from 'vitest/config';

/**
 * Three kinds of tests, one run (`npm test`):
 * - unit: pure code, no I/O, beside each package (`packages/<name>/tests/unit`, `tools/bench/tests/unit`);
 * - infra: CDK assertions on the synthesized template (`test/infra`);
 * - integration: against the local emulators and the whole local stack, which the global setup
 *   starts once as `npm start` would, on free ports (`packages/<name>/tests/integration`, `test/e2e`).
 */
export default defineConfig({
  test: {
    // Handlers log and emit metrics as in Lambda; in tests that is noise unless a test reads it.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', AWS_REGION: 'eu-west-1' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/tests/unit/**/*.test.ts', 'tools/*/tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'packages/*/tests/integration/**/*.test.ts',
            'tools/*/tests/integration/**/*.test.ts',
            'test/e2e/**/*.test.ts',
          ],
          globalSetup: ['test/setup/local-stack.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
