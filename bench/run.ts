/**
 * npm run bench [-- <scenario…>] [--db sqlite|postgres] [--entries N] [--duration S] [--warmup S]
 *   [--connections C] [--profile] [--json file]
 *
 * Builds a temporary database (migrated, demo data seeded, each scenario's data loaded), starts the
 * real server and a bare baseline server in child processes, signs in as bob@acme.example, runs
 * each scenario and its baseline with autocannon, prints a table and the server's RSS, and removes
 * the database. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { createContext } from '../src/server/runtime.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo.ts';
import { type BenchDatabase, createBenchDatabase } from './lib/benchDatabase.ts';
import { type BenchChild, startChild } from './lib/childProcess.ts';
import { type LoadRequest, type LoadResult, percentile, runLoad, settle } from './lib/load.ts';
import { summarizeProfile } from './lib/profileSummary.ts';
import { type Session, signIn } from './lib/session.ts';
import { formatMb, formatMs, formatNumber, formatTable } from './lib/table.ts';
import {
  addCommentScenario,
  caseDetailScenario,
  myCasesScenario,
  openCaseScenario,
} from './scenarios/caseScenarios.ts';
import type { BenchOptions, Scenario } from './scenarios/scenario.ts';
import { sessionScenario } from './scenarios/session.ts';
import { solutionsScenario } from './scenarios/solutions.ts';

const ROOT = join(import.meta.dirname, '..');
/** Where the server under test is built (inside the project, so its packages resolve from node_modules). */
const SERVER_BUNDLE = join(ROOT, 'dist', 'bench', 'server.mjs');

/** Every scenario, in the order they run: reads first, then writes (which add to what later reads see). */
const SCENARIOS: readonly Scenario[] = [
  sessionScenario,
  myCasesScenario,
  caseDetailScenario,
  solutionsScenario,
  addCommentScenario,
  openCaseScenario,
];

const USAGE = `npm run bench -- [scenario…] [options]

Scenarios: ${SCENARIOS.map((s) => s.name).join(', ')} (default: all)

  --db sqlite|postgres   the database (default sqlite; postgres uses CASEBOOK_TEST_POSTGRES_URL,
                         else postgres://postgres@127.0.0.1:5432/test, to create a fresh database)
  --entries N            generated knowledge base entries (default 100000)
  --cases N              generated cases with comments (default 20000; the large run: 1000000)
  --duration S           seconds of load per scenario and per baseline (default 10)
  --warmup S             seconds of unmeasured load before each (default 2)
  --connections C        concurrent connections (default 50)
  --rate R               send at most R requests per second in all (default: as fast as answered)
  --profile              CPU-profile the server under test (node --cpu-prof) and summarize it
  --json FILE            also write the results as JSON
  --keep                 keep the database afterwards and print its DATABASE_URL
  --reuse DATABASE_URL   bench a database kept by --keep (same scenarios and --entries) instead of
                         building one; it is left in place

Quick run (about a minute): npm run bench -- --entries 10000 --duration 5`;

interface Row {
  scenario: string;
  label: string;
  result: LoadResult;
  baseline: { label: string; result: LoadResult };
  probe: ProbeResult;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string', default: 'sqlite' },
      entries: { type: 'string', default: '100000' },
      cases: { type: 'string', default: '20000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      rate: { type: 'string' },
      profile: { type: 'boolean', default: false },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db is sqlite or postgres');
  const options: BenchOptions = {
    dialect: values.db,
    entries: wholeNumber('--entries', values.entries, 0),
    cases: wholeNumber('--cases', values.cases, 0),
    durationSeconds: wholeNumber('--duration', values.duration, 1),
    warmupSeconds: wholeNumber('--warmup', values.warmup, 0),
    connections: wholeNumber('--connections', values.connections, 1),
    ratePerSecond: values.rate === undefined ? undefined : wholeNumber('--rate', values.rate, 1),
  };
  const unknown = positionals.filter((p) => !SCENARIOS.some((s) => s.name === p));
  if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(', ')}\n\n${USAGE}`);
  const scenarios = positionals.length ? SCENARIOS.filter((s) => positionals.includes(s.name)) : SCENARIOS;

  const log = (line: string) => console.log(line);
  const startedAt = new Date();
  log(
    `casebook bench — ${startedAt.toISOString()} — ${options.dialect}, ${options.connections} connections, ` +
      `${options.ratePerSecond ? `at most ${options.ratePerSecond} req/s, ` : ''}` +
      `${options.durationSeconds} s per run (+${options.warmupSeconds} s warm-up)`,
  );
  log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ` +
      `load average ${loadavg()[0]!.toFixed(2)}`,
  );

  const children: BenchChild[] = [];
  let database: BenchDatabase | undefined;
  let scratchDir: string | undefined;
  const cleanUp = async () => {
    for (const child of children.splice(0)) await child.stop().catch(() => undefined);
    await database
      ?.drop()
      .catch((error: unknown) => console.error(`Could not remove the database: ${error}`));
    database = undefined;
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
    scratchDir = undefined;
  };
  const interrupted = () => {
    console.error('\nInterrupted: stopping the servers and removing the database…');
    cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    let env: Record<string, string>;
    if (values.reuse) {
      if (!values.reuse.startsWith(options.dialect === 'sqlite' ? 'sqlite:' : 'postgres')) {
        throw new Error(`--reuse ${values.reuse} is not a ${options.dialect} database (see --db)`);
      }
      scratchDir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
      env = { DATABASE_URL: values.reuse, DATA_DIR: scratchDir };
      log(`database: reusing ${values.reuse.replace(/\/\/[^@/]*@/, '//')}`);
      await migrateReused(env, log);
    } else {
      database = await createBenchDatabase(options.dialect);
      env = { DATABASE_URL: database.url, DATA_DIR: database.dataDir };
      await prepareDatabase(env, scenarios, options, log);
      if (values.keep) {
        log(`database: kept; bench it again with --db ${options.dialect} --reuse ${database.url}`);
        // The SQLite file lives in the data folder; a PostgreSQL database needs nothing of it.
        if (options.dialect === 'postgres') scratchDir = database.dataDir;
        database = undefined;
      }
    }
    env.CASEBOOK_DEMO = '0';
    // One customer opening thousands of cases a second is the point here, not abuse.
    env.CASES_PER_HOUR = '1000000000';

    const profileDir = values.profile ? mkdtempSync(join(tmpdir(), 'casebook-bench-profile-')) : undefined;
    // The server under test runs built, as `npm start` runs it (bundled by esbuild, no TypeScript loader).
    execFileSync(process.execPath, [join(ROOT, 'scripts/buildServer.mjs'), 'bench/server.ts', SERVER_BUNDLE]);
    const server = await startChild('server', SERVER_BUNDLE, { env, cpuProfileDir: profileDir });
    children.push(server);
    const baseline = await startChild('baseline', 'baseline.ts', { env });
    children.push(baseline);
    const bobSession = await signIn(server.url, 'bob@acme.example', DEMO_PASSWORD);
    await sleep(1000);
    const idleRss = server.rss();
    log(`server: pid ${server.pid} at ${server.url}, RSS at idle ${formatMb(idleRss)}`);

    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const session = scenario.signInAs
        ? await signIn(server.url, scenario.signInAs, DEMO_PASSWORD)
        : bobSession;
      const context = { serverUrl: server.url, session };
      const requests = await scenario.requests(context);
      const probe = await probeRequests(server.url, session, requests);
      log(`${scenario.name}: ${describeProbe(probe)}`);
      if (probe.failures.length) throw new Error(`${scenario.name}: ${probe.failures.join('; ')}`);
      const load = async (url: string, list: LoadRequest[], seconds: number) => {
        const result = await runLoad({
          url,
          connections: options.connections,
          durationSeconds: seconds,
          headers: { cookie: session.cookie },
          requests: list,
          ratePerSecond: options.ratePerSecond,
        });
        await settle(url);
        return result;
      };
      if (options.warmupSeconds) await load(server.url, requests, options.warmupSeconds);
      const result = await load(server.url, requests, options.durationSeconds);
      log(`${scenario.name}: ${formatNumber(result.rps)} req/s, p99 ${formatMs(result.p99)} ms`);
      const baselineRequests = await scenario.baseline.requests(context);
      if (options.warmupSeconds) await load(baseline.url, baselineRequests, options.warmupSeconds);
      const base = await load(baseline.url, baselineRequests, options.durationSeconds);
      log(`${scenario.name} baseline: ${formatNumber(base.rps)} req/s, p99 ${formatMs(base.p99)} ms`);
      rows.push({
        scenario: scenario.name,
        label: scenario.label(options),
        result,
        baseline: { label: scenario.baseline.label, result: base },
        probe,
      });
    }
    const peakRss = server.peakRss();
    await cleanUp();

    log('');
    log(renderTable(rows));
    log('');
    log(`server RSS: ${formatMb(idleRss)} at idle, ${formatMb(peakRss)} at peak`);
    log(`load average at the end: ${loadavg()[0]!.toFixed(2)} (other work on the machine skews the figures)`);
    if (profileDir) printProfile(profileDir, log);
    if (values.json) {
      writeFileSync(
        values.json,
        `${JSON.stringify({ startedAt: startedAt.toISOString(), options, idleRss, peakRss, rows }, null, 2)}\n`,
      );
      log(`results written to ${values.json}`);
    }
    return 0;
  } finally {
    await cleanUp();
  }
}

/** Brings a kept database to the latest schema: the server under test expects it (new indexes count). */
async function migrateReused(env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const t = performance.now();
  const ctx = createContext(loadConfig(env));
  try {
    const { results = [] } = await migrateToLatest(ctx.database);
    const applied = results.map((r) => r.migrationName);
    if (applied.length > 0) {
      log(`database: migrated (${applied.join(', ')}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await ctx.database.close();
  }
}

/** Migrates, seeds the demo data and lets each scenario load its data. */
async function prepareDatabase(
  env: Record<string, string>,
  scenarios: readonly Scenario[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<void> {
  let t = performance.now();
  const ctx = createContext(loadConfig(env));
  try {
    await migrateToLatest(ctx.database);
    await seedDemo(ctx);
    log(`database: migrated and demo data seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const scenario of scenarios) await scenario.prepare(ctx, options, log);
    if (ctx.database.dialect === 'postgres') {
      // As autovacuum would soon after a bulk load: planner statistics for the new rows.
      t = performance.now();
      await sql`analyze`.execute(ctx.database.db);
      log(`database: analyzed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await ctx.database.close();
  }
}

function renderTable(rows: Row[]): string {
  const line = (label: string, r: LoadResult, ratio: string) => [
    label,
    formatNumber(r.rps),
    formatMs(r.p50),
    formatMs(r.p99),
    `${formatNumber(r.errors)} / ${formatNumber(r.non2xx)}`,
    ratio,
  ];
  return formatTable(
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors / non-2xx', 'vs baseline'],
    rows.flatMap((row) => [
      line(
        row.label,
        row.result,
        row.baseline.result.rps > 0
          ? `${((row.result.rps / row.baseline.result.rps) * 100).toFixed(0)}%`
          : 'n/a',
      ),
      line(`  ${row.baseline.label}`, row.baseline.result, '100%'),
    ]),
  );
}

interface ProbeResult {
  requests: number;
  /** requests whose answer listed at least one item */
  withItems: number;
  /** unloaded latencies, sorted (ms) */
  latencies: number[];
  slowest: { path: string; ms: number }[];
  failures: string[];
}

/** Sends each request once, one at a time: they must succeed; also shows the unloaded latencies. */
async function probeRequests(url: string, session: Session, requests: LoadRequest[]): Promise<ProbeResult> {
  const timed: { path: string; ms: number }[] = [];
  const failures: string[] = [];
  let withItems = 0;
  for (const request of requests) {
    const t = performance.now();
    const res = await fetch(`${url}${request.path}`, {
      method: request.method ?? 'GET',
      headers: { cookie: session.cookie, ...request.headers },
      body: request.body,
    });
    const text = await res.text();
    timed.push({ path: request.path, ms: performance.now() - t });
    if (res.status >= 300) failures.push(`${request.path} answered ${res.status} ${text.slice(0, 200)}`);
    else if (/"total":[1-9]/.test(text)) withItems++;
  }
  return {
    requests: requests.length,
    withItems,
    latencies: timed.map((x) => x.ms).sort((a, b) => a - b),
    slowest: [...timed].sort((a, b) => b.ms - a.ms).slice(0, 3),
    failures,
  };
}

function describeProbe(p: ProbeResult): string {
  const slowest = p.slowest.map((s) => `${decodeURIComponent(s.path)} ${formatMs(s.ms)} ms`).join(', ');
  return (
    `${p.requests} distinct requests, ${p.withItems} with results; one at a time: median ` +
    `${formatMs(percentile(p.latencies, 0.5))} ms, slowest ${slowest}`
  );
}

function printProfile(dir: string, log: (line: string) => void): void {
  const summary = summarizeProfile(dir);
  if (!summary) {
    log(`No CPU profile found in ${dir}`);
    return;
  }
  log('');
  log(`CPU profile of the server: ${summary.file} (${formatNumber(summary.totalMs)} ms sampled)`);
  log('by area (self time):');
  for (const a of summary.byArea) log(`  ${(a.share * 100).toFixed(1).padStart(5)}%  ${a.area}`);
  log('by function (self time):');
  for (const f of summary.byFunction) log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
}

function wholeNumber(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
