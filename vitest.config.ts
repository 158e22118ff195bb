import { defineConfig } from 'vitest/config';

/**
 * @module vitest.config
 * Unit tests (`*.test.ts`) and integration tests (`*.int.test.ts`) run together: CI has the real
 * Redis, Mosquitto and Chromium. Tests that start their own servers listen on port 0.
 *
 * Two files at a time: vitest's default on a 2-core machine is one (cores - 1), and most of the
 * integration tests spend their time waiting on real time (30 s detector intervals, a demo at 10x,
 * reconnects), so a second worker overlaps that waiting. Tests give real-time conditions generous
 * poll timeouts, never timing assertions.
 */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
