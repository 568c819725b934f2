import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type BenchDialect = 'sqlite' | 'postgres';

/** The PostgreSQL server the bench creates its database on (the tests' variable, then the machine's default). */
export const POSTGRES_ADMIN_URL =
  process.env.CASEBOOK_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  dialect: BenchDialect;
  /** DATABASE_URL for the server */
  url: string;
  /** a temporary DATA_DIR (attachments; the SQLite file lives here too) */
  dataDir: string;
  /** removes the SQLite folder or drops the PostgreSQL database */
  drop(): Promise<void>;
}

/** A fresh, empty database: a SQLite file in a temporary folder or a new PostgreSQL database. */
export async function createBenchDatabase(dialect: BenchDialect): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  if (dialect === 'sqlite') {
    return {
      dialect,
      url: `sqlite:${join(dataDir, 'casebook.db')}`,
      dataDir,
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `casebook_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    dataDir,
    async drop() {
      await adminQuery(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `No PostgreSQL at ${POSTGRES_ADMIN_URL.replace(/\/\/[^@/]*@/, '//')} (${(error as Error).message}); ` +
        'set CASEBOOK_TEST_POSTGRES_URL',
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
