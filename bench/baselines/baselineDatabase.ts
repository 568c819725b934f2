import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { parseDatabaseUrl } from '../../src/server/db/database.ts';

/** The bare driver a baseline route queries: no Kysely, no app, one prepared statement per route. */
export type BaselineDatabase =
  | { dialect: 'sqlite'; sqlite: BetterSqlite3.Database; close(): Promise<void> }
  | { dialect: 'postgres'; pool: pg.Pool; close(): Promise<void> };

/** Opens DATABASE_URL as the app would (WAL and busy timeout on SQLite, a pool of 10 on PostgreSQL). */
export function openBaselineDatabase(url: string): BaselineDatabase {
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite') {
    const sqlite = new BetterSqlite3(parsed.target);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 10000');
    return { dialect: 'sqlite', sqlite, close: async () => void sqlite.close() };
  }
  const pool = new pg.Pool({ connectionString: parsed.target, max: 10 });
  pool.on('error', () => undefined);
  return { dialect: 'postgres', pool, close: () => pool.end() };
}
