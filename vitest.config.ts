import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node. Browser journeys live in test/e2e and run under Playwright.
export default defineConfig({
  test: {
    include: ['{shared,main,renderer,test}/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
