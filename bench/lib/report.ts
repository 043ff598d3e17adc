import fs from 'node:fs';
import os from 'node:os';
import type { LoadSettings, Measurement } from './load.js';

/** 1-minute load average when the run began: other work on the machine distorts the figures */
const loadAtStart = os.loadavg()[0]!.toFixed(2);

/** The machine a run was measured on: figures mean nothing without it. */
export function machine(): { cpu: string; cores: number; node: string; os: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const headers = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'errors / non-2xx', 'server RSS (peak) MiB', 'vs ceiling'];

function ratio(m: Measurement, all: Measurement[]): string {
  if (m.ceiling === m.scenario) return 'ceiling';
  const ref = all.find((x) => x.scenario === m.ceiling);
  if (!ref || ref.reqPerSec === 0) return 'n/a';
  return `${(m.reqPerSec / ref.reqPerSec).toFixed(2)} × ${m.ceiling}`;
}

/** autocannon records whole milliseconds: 0 means under one */
function ms(value: number): string {
  return value < 1 ? '<1' : value.toFixed(0);
}

function rows(all: Measurement[]): string[][] {
  return all.map((m) => [
    m.scenario,
    m.reqPerSec.toFixed(0),
    ms(m.p50),
    ms(m.p99),
    m.cpuMsPerReq.toFixed(2),
    `${m.errors} / ${m.non2xx}`,
    `${m.rssMiB.toFixed(0)} (${m.peakMiB.toFixed(0)})`,
    ratio(m, all),
  ]);
}

function columnWidths(body: string[][]): number[] {
  return headers.map((h, i) => Math.max(3, h.length, ...body.map((r) => (r[i] ?? '').length)));
}

/** first column left-aligned, figures right-aligned */
function align(cells: string[], widths: number[]): string[] {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)));
}

export function consoleTable(all: Measurement[]): string {
  const body = rows(all);
  const widths = columnWidths(body);
  const line = (cells: string[]) => align(cells, widths).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Padded exactly as Biome formats Markdown tables, so that `npm run lint` accepts RESULTS.md as written. */
export function markdownTable(all: Measurement[]): string {
  const body = rows(all);
  const widths = columnWidths(body);
  const line = (cells: string[]) => `| ${align(cells, widths).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(headers), rule, ...body.map(line)].join('\n');
}

/** Appends one dated section to bench/RESULTS.md (created with a short preface the first time). */
export function appendResults(file: string, all: Measurement[], settings: LoadSettings, notes: string[], when = new Date()): void {
  const m = machine();
  if (!fs.existsSync(file)) {
    fs.writeFileSync(
      file,
      '# Benchmark results\n\nAppended by `npm run bench` (see README.md in this folder for how to read them). Newest last.\n',
    );
  }
  const section = [
    '',
    `## ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC — SQLite, Node ${m.node}, ${m.cpu} × ${m.cores} cores`,
    '',
    `${settings.durationSec} s per scenario, ${settings.connections} connections, no pipelining; ${m.os}; load average at the start ${loadAtStart}.`,
    '',
    markdownTable(all),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  fs.appendFileSync(file, section);
}
