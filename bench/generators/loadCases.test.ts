import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../src/server/testing/databases.ts';
import { createHarness, type Harness } from '../../src/server/testing/harness.ts';
import { BOB_CASES, loadCases } from './loadCases.ts';

describeEachDatabase('generated cases for the case benchmarks', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('writes cases with comments and history that the API lists and shows like any other', async () => {
    const bob = await h.signIn('bob@acme.example');
    const mine = async () => (await bob.get('/api/v1/cases?view=mine&status=all&pageSize=100')).json().total;
    const demo = await mine();
    const count = BOB_CASES + 2_500;
    const result = await loadCases(h.ctx, { count });
    expect(result).toMatchObject({ cases: count, comments: count * 3, accounts: 2 });
    expect((await mine()) - demo).toBe(BOB_CASES);
    const open = (await bob.get('/api/v1/cases?view=mine&status=open&pageSize=100')).json();
    expect(open.total).toBeGreaterThan(0);
    const detail = await bob.get(`/api/v1/cases/${open.items[0].number}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const comments = (await bob.get(`/api/v1/cases/${open.items[0].number}/comments`)).json();
    expect(comments.items.length).toBeGreaterThanOrEqual(3);
    // Other generated accounts' cases stay invisible to bob; a generated case of his is not.
    const numbers = await h.ctx.database.db
      .selectFrom('cases')
      .select('number')
      .where('number', '>=', '20000000')
      .orderBy('number', 'desc')
      .limit(1)
      .execute();
    expect((await bob.get(`/api/v1/cases/${numbers[0]!.number}`)).statusCode).toBe(404);
    // A new case still takes the next counter number, below the generated range.
    const opened = await bob.post('/api/v1/cases', {
      priority: 'P4',
      subject: 'After generated data',
      description: 'The counter is untouched by the generator.',
      org: 'acme',
      issueArea: 'saml-sso',
      scope: 'single_user',
      caseEmail: 'bob@acme.example',
      contactPhone: '+1 415 555 0100',
      contactTimezone: 'Europe/Berlin',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().number < '20000000').toBe(true);
  }, 120_000);
});
