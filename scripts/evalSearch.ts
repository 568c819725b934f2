// `npm run eval:search`: search quality on both databases (issue 4). Imports the demo knowledge base
// into a temporary SQLite database and a temporary PostgreSQL database, runs kb/eval/queries.json,
// prints MRR@5 and recall@5, the queries whose first relevant hit is not ranked first, and where the
// two databases disagree. Always exits 0 (it reports; the test suite enforces the threshold).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DialectName, openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { type EvalRun, type EvalSummary, runSearchEval } from '../src/server/search/evalSearch.ts';

const POSTGRES_URL = process.env.CASEBOOK_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

interface Outcome {
  dialect: DialectName;
  results: EvalRun[];
  summary: EvalSummary;
  seconds: number;
}

async function evaluate(dialect: DialectName, url: string): Promise<Outcome> {
  const database = openDatabase(url, { poolSize: 2 });
  try {
    const started = performance.now();
    await migrateToLatest(database);
    const { results, summary } = await runSearchEval(database);
    return { dialect, results, summary, seconds: (performance.now() - started) / 1000 };
  } finally {
    await database.close();
  }
}

async function onSqlite(): Promise<Outcome> {
  const folder = mkdtempSync(join(tmpdir(), 'casebook-eval-'));
  try {
    return await evaluate('sqlite', `sqlite:${join(folder, 'eval.db')}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A fresh database on the PostgreSQL server, dropped afterwards; a skip reason when there is no server. */
async function onPostgres(): Promise<Outcome | string> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  const name = `casebook_eval_${randomBytes(6).toString('hex')}`;
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    return `no PostgreSQL at ${POSTGRES_URL.replace(/\/\/[^@/]*@/, '//')} (${(error as Error).message})`;
  }
  try {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return await evaluate('postgres', url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const fixed = (x: number) => x.toFixed(3);

function printSummary(outcomes: Outcome[]): void {
  console.log(
    `${pad('database', 10)} ${pad('queries', 8)} ${pad('MRR@5', 7)} ${pad('recall@5', 9)} ${pad('search (mean, max)', 19)} total`,
  );
  for (const o of outcomes) {
    const ms = o.results.map((r) => r.milliseconds);
    const mean = ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length);
    const timing = `${mean.toFixed(1)} ms, ${Math.max(0, ...ms).toFixed(1)} ms`;
    console.log(
      `${pad(o.dialect, 10)} ${pad(String(o.summary.queries), 8)} ${pad(fixed(o.summary.mrr), 7)} ${pad(fixed(o.summary.recall), 9)} ${pad(timing, 19)} ${o.seconds.toFixed(1)} s`,
    );
  }
}

function printMisses(o: Outcome): void {
  const misses = o.results.filter((r) => r.firstRelevantRank !== 1);
  console.log(`\n${o.dialect}: ${misses.length} queries whose first relevant hit is not rank 1`);
  for (const r of misses) {
    const rank = r.firstRelevantRank === null ? 'none in top 5' : `rank ${r.firstRelevantRank}`;
    const area = r.issueArea ? ` [${r.issueArea}]` : '';
    console.log(`  "${r.q}"${area} — ${rank}`);
    console.log(`      expected: ${r.relevant.join(', ')}`);
    console.log(`      got:      ${r.found.slice(0, 3).join(', ') || '(nothing)'}`);
  }
}

function printDifferences(a: Outcome, b: Outcome): void {
  const differing = a.results.flatMap((r, i) => {
    const other = b.results[i]!;
    return r.found.join(' ') === other.found.join(' ') ? [] : [{ q: r.q, a: r.found, b: other.found }];
  });
  const firstDiffers = differing.filter((d) => d.a[0] !== d.b[0]).length;
  const setDiffers = differing.filter((d) => [...d.a].sort().join(' ') !== [...d.b].sort().join(' ')).length;
  console.log(
    `\nTop-5 lists that differ between ${a.dialect} and ${b.dialect}: ${differing.length} of ${a.results.length}` +
      ` (other entries: ${setDiffers}, order only: ${differing.length - setDiffers}; first hit differs: ${firstDiffers})`,
  );
  // The most telling first: a different first hit, then different entries, then order.
  const weight = (d: { a: string[]; b: string[] }) =>
    d.a[0] !== d.b[0] ? 0 : [...d.a].sort().join(' ') !== [...d.b].sort().join(' ') ? 1 : 2;
  const shown = [...differing].sort((x, y) => weight(x) - weight(y)).slice(0, 8);
  for (const d of shown) {
    console.log(`  "${d.q}"`);
    console.log(`      ${pad(a.dialect, 8)}: ${d.a.join(', ') || '(nothing)'}`);
    console.log(`      ${pad(b.dialect, 8)}: ${d.b.join(', ') || '(nothing)'}`);
  }
  if (differing.length > shown.length) console.log(`  … and ${differing.length - shown.length} more`);
}

const outcomes: Outcome[] = [await onSqlite()];
const postgres = await onPostgres();
if (typeof postgres === 'string') console.log(`PostgreSQL skipped: ${postgres}\n`);
else outcomes.push(postgres);

printSummary(outcomes);
for (const o of outcomes) printMisses(o);
if (outcomes.length === 2) printDifferences(outcomes[0]!, outcomes[1]!);
else console.log('\nTop-5 lists not compared: only one database was evaluated.');
