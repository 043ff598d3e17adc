import { runBounded, runMixedBench, settingsFromEnv } from './lib/mixed-bench.js';
import { parseSize } from './lib/mixed-data.js';

/**
 * `npm run bench`: the standard set, in a few minutes — the ceiling (bare Fastify + one
 * better-sqlite3 insert), then the mixed workload (clerks, technicians, supervisors) on
 * SQLite with one process, and on PostgreSQL with one process and with two behind the
 * round-robin proxy, each over a generated two-store year (BENCH_SIZE to change it).
 * Prints the tables and appends them to bench/RESULTS.md. See bench/README.md.
 */
runBounded(10, () =>
  runMixedBench({
    command: 'npm run bench',
    size: parseSize(process.env.BENCH_SIZE ?? 'two-stores-year'),
    engines: ['sqlite', 'postgres'],
    pgProcesses: [1, 2],
    mixed: true,
    ceiling: true,
    lists: false,
    costs: false,
    listSeconds: 5,
    append: process.env.BENCH_APPEND !== '0',
    settings: settingsFromEnv(),
  }),
);
