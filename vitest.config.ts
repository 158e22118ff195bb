import { defineConfig } from 'vitest/config';

/**
 * @module vitest.config
 * Unit tests (`*.test.ts`) and integration tests (`*.int.test.ts`) run together: CI has the real
 * Redis, Mosquitto and Chromium. Tests that start their own servers listen on port 0.
 */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
