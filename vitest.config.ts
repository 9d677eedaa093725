import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'adapters/**/*.test.ts', 'flows/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start servers and child processes; keep parallelism modest on 2 cores.
    maxWorkers: 2,
    pool: 'forks',
    // one migrated embedded database, copied by every in-memory PGlite instead of initdb + migrations
    globalSetup: ['test/pglite-template.ts'],
  },
});
