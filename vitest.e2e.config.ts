import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium with the built extension (npm run build first).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
