import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * vitest globalSetup of the integration projects: the route-coverage half of the audit
 * check (audit-instrument.ts is the other half). During the run the harness appends
 * "METHOD /route/:pattern" of every mutating request answered 2xx to a ledger in a
 * directory handed to the tests (`inject('auditLedgerDir')`); audit-coverage.int.test.ts
 * writes there the mutating routes that must appear. When the whole project ran, the
 * teardown fails the run for each such route no test called successfully — a new route
 * is then covered by a test or named, with a reason, in that file's allowlist.
 *
 * A teardown that throws is only logged by vitest (exit code 0), so a missing route sets
 * `process.exitCode` instead, which vitest keeps. The `auditLedgerDir` context type is
 * declared in harness.ts, which the server build also compiles (module testing helpers import it).
 */
/** Written by audit-coverage.int.test.ts: the mutating routes every full run must exercise. */
export const REQUIRED_ROUTES_FILE = 'required-routes.json';

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `houqin-audit-ledger-${project.name}-`));
  project.provide('auditLedgerDir', dir);
  return async () => {
    try {
      await checkCoverage(project, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

async function checkCoverage(project: TestProject, dir: string): Promise<void> {
  const ran = new Set(
    project.vitest.state
      .getFiles()
      .filter((f) => f.projectName === project.name)
      .map((f) => f.filepath),
  );
  const { testFiles } = await project.globTestFiles();
  const skipped = testFiles.filter((f) => !ran.has(f));
  // a run of some files, or of some tests (-t), cannot tell an unexercised route from one it left out
  if (skipped.length > 0 || project.config.testNamePattern) {
    console.log(`[${project.name}] audit route coverage not checked: ${ran.size} of ${testFiles.length} test files ran`);
    return;
  }
  const requiredFile = path.join(dir, REQUIRED_ROUTES_FILE);
  if (!fs.existsSync(requiredFile)) {
    fail(project, ['audit-coverage.int.test.ts did not hand over the route list (did it fail before its first test?)']);
    return;
  }
  const required = JSON.parse(fs.readFileSync(requiredFile, 'utf8')) as string[];
  const exercised = new Set<string>();
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.log')) continue;
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) if (line) exercised.add(line);
  }
  const missing = required.filter((route) => !exercised.has(route));
  if (missing.length > 0) {
    fail(project, [
      `${missing.length} mutating route(s) never answered 2xx in any integration test, so nothing checked that they write an audit row.`,
      'Call each from a test (audit-coverage.int.test.ts if no module test fits) or allowlist it there with the reason:',
      ...missing.map((route) => `  ${route}`),
    ]);
    return;
  }
  console.log(`[${project.name}] audit route coverage: all ${required.length} mutating routes exercised`);
}

function fail(project: TestProject, lines: string[]): void {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n[${project.name}] audit route coverage FAILED\n${lines.join('\n')}\n${bar}\n`);
  process.exitCode = 1;
}
