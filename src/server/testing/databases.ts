import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';

export type TestDialect = 'sqlite' | 'postgres';

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder, or a fresh PostgreSQL database; `drop` removes it. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-test-'));
  if (dialect === 'sqlite') {
    return {
      url: `sqlite:${join(dataDir, 'casebook.db')}`,
      dataDir,
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available for tests');
  const name = `casebook_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a block of tests once on SQLite and once on PostgreSQL. Without a PostgreSQL server (and
 * outside CI) the PostgreSQL block is skipped and its title says why.
 */
export function describeEachDatabase(title: string, fn: (dialect: TestDialect) => void): void {
  describe(`${title} [sqlite]`, () => fn('sqlite'));
  const pgUrl = inject('postgresUrl');
  if (pgUrl) describe(`${title} [postgres]`, () => fn('postgres'));
  else describe.skip(`${title} [postgres] — skipped: ${inject('postgresSkipReason')}`, () => fn('postgres'));
}
