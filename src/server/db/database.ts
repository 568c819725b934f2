import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type Kysely as KyselyType, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: KyselyType<DB>;
  dialect: DialectName;
  /** Runs `fn` in one transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE), so
   * concurrent writers in other processes wait for it instead of failing half-way. */
  transaction<T>(fn: (trx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Something queries run on: the database itself or an open transaction. */
export type Executor = KyselyType<DB> | Transaction<DB>;

export interface ParsedUrl {
  dialect: DialectName;
  /** file path for SQLite, connection string for PostgreSQL */
  target: string;
}

export function parseDatabaseUrl(url: string): ParsedUrl {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/casebook.db');
    return { dialect: 'sqlite', target: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return { dialect: 'postgres', target: url };
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(':')[0]}:…)`);
}

let pgTypesSet = false;
function setPgTypeParsers(): void {
  if (pgTypesSet) return;
  pgTypesSet = true;
  // timestamptz and timestamp → ISO strings, the same shape SQLite gives back.
  pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString());
  // bigint (count(*)) → number; our counts stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  pg.types.setTypeParser(1700, (v) => Number(v));
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing is a large share of a short query's cost on SQLite. The
 * connection keeps its most recent statements by SQL text instead (queries are parameterised, so the
 * text repeats). A statement still busy (iterating) is never handed out twice: a fresh one is made.
 */
function cachePreparedStatements(native: BetterSqlite3.Database): void {
  const prepare = native.prepare.bind(native);
  const cache = new Map<string, BetterSqlite3.Statement>();
  native.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      cache.delete(source); // most recently used goes last
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof native.prepare;
}

/** Most transactions one COMMIT carries; bounds how long the first of them waits for its answer. */
const GROUP_COMMIT_LIMIT = 64;

interface PendingTransaction {
  fn: (trx: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit on the one SQLite connection. The COMMIT (writing the changed pages to the WAL) is the
 * largest single cost of a short write transaction (docs/performance.md), and the connection runs one
 * transaction at a time anyway. So transactions asked for in the same turn of the event loop run one after
 * another inside one BEGIN IMMEDIATE … COMMIT, each in its own savepoint:
 * - each sees the ones before it, exactly as if they had committed one by one in that order;
 * - one that fails rolls back to its savepoint (its writes undone, the others' kept) and is rejected;
 * - none is answered before the COMMIT that makes it durable; if that COMMIT fails, all are rejected.
 * Should SQLite itself abandon the transaction (disk full, I/O error), every transaction already run in it
 * is rejected with that error and the rest start a new one.
 */
function groupCommit(
  db: KyselyType<DB>,
  native: BetterSqlite3.Database,
): <T>(fn: (trx: Executor) => Promise<T>) => Promise<T> {
  const queue: PendingTransaction[] = [];
  let scheduled = false;
  // prepared once: the connection keeps its statements (cachePreparedStatements)
  const statement = (source: string) => () => native.prepare(source).run();
  const begin = statement('begin immediate');
  const commit = statement('commit');
  const rollback = statement('rollback');
  const savepoint = statement('savepoint casebook_transaction');
  const rollbackToSavepoint = statement('rollback to casebook_transaction');
  const releaseSavepoint = statement('release casebook_transaction');

  const runBatch = () =>
    db.connection().execute(async (conn) => {
      let ran: { job: PendingTransaction; result: unknown }[] = [];
      const failAll = (error: unknown) => {
        for (const { job } of ran) job.reject(error);
        ran = [];
      };
      while (queue.length > 0) {
        const batch = queue.splice(0, GROUP_COMMIT_LIMIT);
        try {
          begin();
        } catch (error) {
          for (const job of batch) job.reject(error);
          continue;
        }
        for (let i = 0; i < batch.length; i++) {
          const job = batch[i]!;
          try {
            savepoint();
            const result = await job.fn(conn as unknown as Transaction<DB>);
            releaseSavepoint();
            ran.push({ job, result });
          } catch (error) {
            job.reject(error);
            if (native.inTransaction) {
              rollbackToSavepoint();
              releaseSavepoint();
              continue;
            }
            // SQLite rolled the whole transaction back: nothing that ran in it before this one stands
            failAll(error);
            try {
              begin();
            } catch (beginError) {
              for (const rest of batch.slice(i + 1)) rest.reject(beginError);
              break;
            }
          }
        }
        if (!native.inTransaction) continue;
        try {
          commit();
        } catch (error) {
          if (native.inTransaction) rollback();
          failAll(error);
          continue;
        }
        for (const { job, result } of ran) job.resolve(result);
        ran = [];
      }
      scheduled = false;
    });

  return <T>(fn: (trx: Executor) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        // after the other requests read in this turn of the event loop have asked for theirs
        setImmediate(() => {
          runBatch().catch((error: unknown) => {
            scheduled = false;
            for (const job of queue.splice(0)) job.reject(error);
          });
        });
      }
    });
}

export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite') {
    if (parsed.target !== ':memory:') mkdirSync(dirname(parsed.target), { recursive: true });
    const native = new BetterSqlite3(parsed.target);
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    native.pragma('foreign_keys = ON');
    native.pragma('busy_timeout = 10000');
    // SQLite's lower() folds ASCII only; case-insensitive search must fold "Ü" as PostgreSQL does.
    native.function('lower', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? value.toLowerCase() : value,
    );
    cachePreparedStatements(native);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: native }) });
    return {
      db,
      dialect: 'sqlite',
      transaction: groupCommit(db, native),
      async close() {
        await db.destroy();
      },
    };
  }
  setPgTypeParsers();
  const pool = new pg.Pool({ connectionString: parsed.target, max: options.poolSize ?? 10 });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    transaction(fn) {
      return db.transaction().execute(fn);
    },
    async close() {
      await db.destroy();
    },
  };
}
