import { defineConfig } from 'vitest/config';

// Unit tests: Node, no browser. IndexedDB comes from fake-indexeddb.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
