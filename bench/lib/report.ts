import fs from 'node:fs';
import os from 'node:os';

/** 1-minute load average when the run began: other work on the machine distorts the figures */
export const loadAtStart = os.loadavg()[0] as number;

/** The machine a run was measured on: figures mean nothing without it. */
export function machine(): { cpu: string; cores: number; ramGiB: number; node: string; os: string; kernel: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    kernel: os.release(),
  };
}

/** One line for a heading or a console banner. */
export function machineLine(): string {
  const m = machine();
  return `${m.cpu} × ${m.cores} cores, ${m.ramGiB} GiB RAM, Linux ${m.kernel}, Node ${m.node}`;
}

export interface Table {
  headers: string[];
  rows: string[][];
  /** how many leading columns hold text (left-aligned); the rest are figures (right-aligned) */
  textColumns: number;
}

function widths(t: Table): number[] {
  return t.headers.map((h, i) => Math.max(3, h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
}

function align(t: Table, cells: string[], w: number[]): string[] {
  return cells.map((c, i) => (i < t.textColumns ? c.padEnd(w[i] as number) : c.padStart(w[i] as number)));
}

export function consoleTable(t: Table): string {
  const w = widths(t);
  const line = (cells: string[]) => align(t, cells, w).join('  ');
  return [line(t.headers), w.map((n) => '-'.repeat(n)).join('  '), ...t.rows.map(line)].join('\n');
}

/** Padded exactly as Biome formats Markdown tables, so that `npm run lint` accepts RESULTS.md as written. */
export function markdownTable(t: Table): string {
  const w = widths(t);
  const line = (cells: string[]) => `| ${align(t, cells, w).join(' | ')} |`;
  const rule = `| ${w.map((n, i) => (i < t.textColumns ? '-'.repeat(n) : `${'-'.repeat(n - 1)}:`)).join(' | ')} |`;
  return [line(t.headers), rule, ...t.rows.map(line)].join('\n');
}

/** milliseconds with one decimal, `n/a` when nothing was measured */
export function ms(value: number): string {
  return Number.isNaN(value) ? 'n/a' : value.toFixed(1);
}

/**
 * Appends one dated section to bench/RESULTS.md (created with a short preface the first
 * time): `## <UTC date time> — <title>`, then the blocks (paragraphs, tables, lists)
 * separated by blank lines.
 */
export function appendSection(file: string, title: string, blocks: string[], when = new Date()): void {
  if (!fs.existsSync(file)) {
    fs.writeFileSync(
      file,
      '# Benchmark results\n\nAppended by `npm run bench` (see README.md in this folder for how to read them). Newest last.\n',
    );
  }
  const heading = `## ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${title}`;
  fs.appendFileSync(file, ['', heading, '', ...blocks.flatMap((b) => [b, ''])].join('\n'));
}
