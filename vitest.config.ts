import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Projects: unit (pure logic), integration on SQLite and on PostgreSQL (the same
 * *.int.test.ts files, the engine chosen by HOUQIN_TEST_ENGINE), and browser tests.
 */
export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the cores — a single worker on a 2-core CI
    // machine, idle while a test waits on PostgreSQL or a child server; two keep both busy
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/src/**/*.test.ts', 'contracts/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'sqlite',
          include: ['server/**/*.int.test.ts'],
          env: { HOUQIN_TEST_ENGINE: 'sqlite' },
          // audit-global.ts: fails a full run in which a mutating route was never exercised
          globalSetup: ['server/test/db-templates.ts', 'server/test/audit-global.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['server/**/*.int.test.ts'],
          env: { HOUQIN_TEST_ENGINE: 'postgres' },
          globalSetup: ['server/test/pg-global.ts', 'server/test/db-templates.ts', 'server/test/audit-global.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global.ts'],
          fileParallelism: false,
          // the page may lag on a busy machine; vitest's default poll gives up after 1 s
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
