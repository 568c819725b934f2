import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresSkipReason: string;
  }
}

/**
 * Finds the PostgreSQL server for the tests. CASEBOOK_TEST_POSTGRES_URL names it explicitly (CI
 * does): then an unreachable server fails the run. Otherwise the machine's default
 * (postgres://postgres@127.0.0.1:5432/test) is tried, and its tests are skipped when it is absent.
 */
export default async function setup(project: TestProject) {
  const explicit = process.env.CASEBOOK_TEST_POSTGRES_URL;
  const url = explicit || 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    await client.end();
    project.provide('postgresUrl', url);
    project.provide('postgresSkipReason', '');
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = `no PostgreSQL at ${url.replace(/\/\/[^@/]*@/, '//')} (${(error as Error).message}); set CASEBOOK_TEST_POSTGRES_URL to run them`;
    if (explicit) throw new Error(`CASEBOOK_TEST_POSTGRES_URL is set but ${reason}`);
    console.warn(`PostgreSQL tests skipped: ${reason}`);
    project.provide('postgresUrl', '');
    project.provide('postgresSkipReason', reason);
  }
}
