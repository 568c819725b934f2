import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrgRole } from '../../shared/enums.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { preparedQuery } from './preparedQuery.ts';

describeEachDatabase('queries compiled once and run with new parameters', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  // Parameters used out of order, and a constant of the query's own between them.
  const adminsOfOrg = preparedQuery<[string, string], { email: string }>(
    (db, role, slug) =>
      db
        .selectFrom('org_admins')
        .innerJoin('orgs', 'orgs.id', 'org_admins.org_id')
        .innerJoin('users', 'users.id', 'org_admins.user_id')
        .select('users.email')
        .where('orgs.slug', '=', slug)
        .where('users.active', '=', 1)
        .where('org_admins.role', '=', role as OrgRole)
        .orderBy('users.email'),
    2,
  );

  it('answers each call with its own parameters, on the database and in a transaction', async () => {
    const db = h.ctx.database.db;
    expect((await adminsOfOrg(db, 'super_admin', 'acme')).map((r) => r.email)).toEqual([
      'alice@acme.example',
    ]);
    expect((await adminsOfOrg(db, 'admin', 'globex')).map((r) => r.email)).toEqual(['hank@globex.example']);
    expect(await adminsOfOrg(db, 'admin', 'no-such-org')).toEqual([]);
    await h.ctx.database.transaction(async (trx) => {
      await trx.updateTable('users').set({ active: 0 }).where('email', '=', 'hank@globex.example').execute();
      expect(await adminsOfOrg(trx, 'admin', 'globex')).toEqual([]);
      await trx.updateTable('users').set({ active: 1 }).where('email', '=', 'hank@globex.example').execute();
    });
    // A value that looks like SQL is a parameter, never text of the statement.
    expect(await adminsOfOrg(db, "admin' or '1'='1", 'acme')).toEqual([]);
  });
});
