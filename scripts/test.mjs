#!/usr/bin/env node
// `npm test`: lint and type-check, then every test (SQLite and PostgreSQL), then the one line CI reads:
// `Tests: N passed, N failed, N skipped`, printed last. Exits non-zero on any failure and when no test ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let problems = 0;
if (!extra.length) {
  console.log('> biome check');
  if (run('npx', ['biome', 'check', '.']) !== 0) problems++;
  console.log('> tsc --noEmit');
  if (run('npx', ['tsc', '--noEmit']) !== 0) problems++;
}

// The browser tests drive the built web app: build it first (about 10 s).
if (!extra.length || extra.some((a) => a.includes('e2e'))) {
  console.log('> vite build');
  if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) problems++;
}

const countsFile = join(mkdtempSync(join(tmpdir(), 'casebook-counts-')), 'counts.json');
const status = run(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=./scripts/countingReporter.ts', ...extra],
  { CASEBOOK_TEST_COUNTS: countsFile },
);
let counts = { passed: 0, failed: 0, skipped: 0, moduleErrors: 0, unhandled: 0 };
if (existsSync(countsFile)) counts = JSON.parse(readFileSync(countsFile, 'utf8'));
let failed = counts.failed + counts.moduleErrors + counts.unhandled + problems;
if (status !== 0 && failed === 0) failed = 1;
if (problems)
  console.log(
    `(${problems} failed check${problems > 1 ? 's' : ''} before the tests: lint or types, counted as failed)`,
  );
console.log(`Tests: ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
if (failed > 0 || counts.passed === 0) process.exit(1);
