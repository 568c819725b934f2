import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  type Kysely as KyselyType,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Transaction,
} from 'kysely';
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
      async transaction(fn) {
        return db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await fn(conn as unknown as Transaction<DB>);
            await sql`commit`.execute(conn);
            return result;
          } catch (error) {
            if (native.inTransaction) await sql`rollback`.execute(conn);
            throw error;
          }
        });
      },
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
