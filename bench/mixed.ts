import { positiveInt } from './lib/load.js';
import { runBounded, runMixedBench, settingsFromEnv } from './lib/mixed-bench.js';
import { type Engine, parseSize } from './lib/mixed-data.js';

/**
 * `npx tsx bench/mixed.ts [--size S] [--engines sqlite,postgres] [--processes 1,2]
 * [--lists] [--costs] [--mixed] [--no-ceiling] [--no-append]`: the mixed workload (clerks creating
 * repair requests, technicians moving work orders, supervisors reading lists and
 * dashboards) on any dataset size, engine and topology, and the work-order list
 * scenario; `--costs` measures each request kind alone. `--size million` runs the list scenario only, unless --mixed is given.
 * See bench/README.md.
 */

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function value(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (!v || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

const size = parseSize(value('size') ?? process.env.BENCH_SIZE ?? 'two-stores-year');
const engines = (value('engines') ?? process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
for (const e of engines) if (e !== 'sqlite' && e !== 'postgres') throw new Error(`unknown engine "${e}"`);
const pgProcesses = (value('processes') ?? '1,2').split(',').map(Number);
for (const p of pgProcesses) if (p !== 1 && p !== 2) throw new Error('--processes takes 1, 2 or 1,2');
const big = size === 'million' || size === 'hundred-sites-3y';
const lists = flag('lists') || (big && !flag('mixed'));
const mixed = flag('mixed') || (!lists && !flag('costs'));

runBounded(big ? 180 : 20, () =>
  runMixedBench({
    command: `npx tsx bench/mixed.ts ${process.argv.slice(2).join(' ')}`.trim(),
    size,
    engines: engines as Engine[],
    pgProcesses: pgProcesses as (1 | 2)[],
    mixed,
    ceiling: !flag('no-ceiling'),
    lists,
    costs: flag('costs'),
    listSeconds: positiveInt('BENCH_LIST_SECONDS', 5),
    append: !flag('no-append') && process.env.BENCH_APPEND !== '0',
    settings: settingsFromEnv(),
  }),
);
