import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase, newCaseInput } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';

describeEachDatabase('openCase', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('opens a case with every field and answers its 8-digit number', async () => {
    const bob = await h.signIn('bob@acme.example');
    const res = await bob.post('/api/v1/cases', newCaseInput({ teamContacts: ['dave@acme.example'] }));
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(/^\d{8}$/);
    expect(c).toMatchObject({
      status: 'new',
      priority: 'P3',
      org: 'acme',
      issueArea: 'saml-sso',
      scope: 'group_of_users',
      contactPhone: '+14155550100',
      contactTimezone: 'America/Los_Angeles',
      caseEmail: 'bob@acme.example',
      plan: 'gold',
    });
    expect(c.team.map((t: { email: string }) => t.email)).toEqual(['dave@acme.example']);
    // gold P3: 4 hours, 24×7
    expect(Date.parse(c.firstResponseDueAt) - Date.parse(c.createdAt)).toBe(4 * 3600_000);
    const outbox = await h.ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'case.created')
      .execute();
    expect(outbox.some((o) => JSON.parse(o.payload).number === c.number)).toBe(true);
  });

  it('hands out unique numbers under concurrent creation', async () => {
    const bob = await h.actor('bob@acme.example');
    const results = await Promise.all(Array.from({ length: 25 }, () => makeCase(h.ctx, bob)));
    const numbers = results.map((r) => r.number);
    expect(new Set(numbers).size).toBe(25);
    for (const n of numbers) expect(n).toMatch(/^\d{8}$/);
  });

  it('refuses P1 without the reachability confirmation', async () => {
    const bob = await h.signIn('bob@acme.example');
    const res = await bob.post('/api/v1/cases', newCaseInput({ priority: 'P1', p1Confirmed: false }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('p1Confirmed');
  });
});
