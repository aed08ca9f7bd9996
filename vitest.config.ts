import { defineConfig } from 'vitest/config';

/**
 * tests/unit: pure code with fixtures. tests/build: the built site in dist/
 * (npm test builds it first). tests/e2e: real Chromium through playwright-core.
 * Two cores: files run two at a time; browser tests get generous timeouts.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./tests/helpers/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
