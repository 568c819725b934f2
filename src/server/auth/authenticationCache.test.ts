import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';

describeEachDatabase('authentication kept in memory, exact', (dialect) => {
  let h: Harness;
  /** another process's connection to the same database: its changes bypass every command */
  let other: Database;
  beforeAll(async () => {
    h = await createHarness(dialect);
    other = openDatabase(h.ctx.config.databaseUrl, { poolSize: 1 });
  });
  afterAll(async () => {
    await other.close();
    await h.close();
  });

  const version = async () =>
    Number(
      (
        await sql<{ value: number }>`select value from counters where name = 'auth_version'`.execute(
          h.ctx.database.db,
        )
      ).rows[0]?.value,
    );
  const run = (statement: string) => sql.raw(statement).execute(other.db);

  it('moves the version on every change to what authentication reads, and not on a sign-in', async () => {
    const steps: [string, () => Promise<unknown>][] = [
      ['sign-in', () => h.signIn('hank@globex.example')],
      ['user renamed', () => run(`update users set name = 'Hank H.' where email = 'hank@globex.example'`)],
      ['org renamed', () => run(`update orgs set name = 'Globex Corp' where slug = 'globex'`)],
      [
        'admin role changed',
        () =>
          run(
            `update org_admins set role = 'admin' where user_id = (select id from users where email = 'hank@globex.example')`,
          ),
      ],
      [
        'staff queue left',
        () =>
          run(
            `delete from queue_members where user_id = (select id from users where email = 'sam@support.example')`,
          ),
      ],
      [
        'sessions revoked',
        () =>
          run(
            `update sessions set revoked_at = created_at where user_id = (select id from users where email = 'hank@globex.example')`,
          ),
      ],
    ];
    const moved: Record<string, boolean> = {};
    for (const [label, step] of steps) {
      const before = await version();
      await step();
      moved[label] = (await version()) > before;
    }
    expect(moved).toEqual({
      'sign-in': false,
      'user renamed': true,
      'org renamed': true,
      'admin role changed': true,
      'staff queue left': true,
      'sessions revoked': true,
    });
  });

  it('takes a change made by another process into account on the very next request', async () => {
    const bob = await h.signIn('bob@acme.example');
    expect((await bob.get('/api/v1/cases')).statusCode).toBe(200);
    expect((await bob.get('/api/v1/me')).json().name).toBe('Bob Brandt');
    // answered from memory now; another process revokes Case Admin, renames and finally deactivates bob
    await run(`update users set case_admin = 0 where email = 'bob@acme.example'`);
    expect((await bob.get('/api/v1/cases')).statusCode).toBe(403);
    await run(`update users set case_admin = 1, name = 'Robert' where email = 'bob@acme.example'`);
    expect((await bob.get('/api/v1/me')).json().name).toBe('Robert');
    expect((await bob.get('/api/v1/cases')).statusCode).toBe(200);
    await run(
      `delete from org_admins where user_id = (select id from users where email = 'bob@acme.example')`,
    );
    expect((await bob.get('/api/v1/cases')).statusCode).toBe(403);
    await run(`update users set active = 0 where email = 'bob@acme.example'`);
    expect((await bob.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ends an expired session although it is kept', async () => {
    const erin = await h.signIn('erin@acme.example');
    expect((await erin.get('/api/v1/me')).statusCode).toBe(200);
    h.clock.advance(31 * 24 * 3600 * 1000);
    expect((await erin.get('/api/v1/me')).statusCode).toBe(401);
  });
});
