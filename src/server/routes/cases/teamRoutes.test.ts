import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAdmin, makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

describeEachDatabase('team routes', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const bobsCase = async (teamContacts: string[] = []) =>
    makeCase(h.ctx, await h.actor('bob@acme.example'), { teamContacts });
  const teamOf = async (number: string) => {
    const bob = await h.signIn('bob@acme.example');
    const res = await bob.get(`/api/v1/cases/${number}`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json()
      .team.map((t: { email: string }) => t.email)
      .sort();
  };

  it('adds a contact (201 with the case), who can then open the case', async () => {
    const { number } = await bobsCase();
    const alice = await h.signIn('alice@acme.example');
    expect((await alice.get(`/api/v1/cases/${number}`)).statusCode).toBe(404);

    const bob = await h.signIn('bob@acme.example');
    const res = await bob.post(`/api/v1/cases/${number}/team`, { email: 'Alice@acme.example' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number,
      team: [{ email: 'alice@acme.example', name: 'Alice Anders' }],
    });

    const seen = await alice.get(`/api/v1/cases/${number}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().number).toBe(number);
  });

  it('refuses admins of another org or account with 422 naming the case org, team unchanged', async () => {
    const { number } = await bobsCase(['dave@acme.example']);
    const bob = await h.signIn('bob@acme.example');
    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      const res = await bob.post(`/api/v1/cases/${number}/team`, { email });
      expect(res.statusCode, email).toBe(422);
      expect(res.json().error.fields.email, email).toMatch(/not an admin of acme/);
    }
    expect(await teamOf(number)).toEqual(['dave@acme.example']);
  });

  it('answers 409 for the opener and for a contact already on the team', async () => {
    const { number } = await bobsCase(['dave@acme.example']);
    const bob = await h.signIn('bob@acme.example');
    const opener = await bob.post(`/api/v1/cases/${number}/team`, { email: 'bob@acme.example' });
    expect(opener.statusCode).toBe(409);
    expect(opener.json().error.message).toContain('already receives every email as the opener');
    const again = await bob.post(`/api/v1/cases/${number}/team`, { email: 'dave@acme.example' });
    expect(again.statusCode).toBe(409);
    expect(await teamOf(number)).toEqual(['dave@acme.example']);
  });

  it('validates the body: missing, not an email, wrong type', async () => {
    const { number } = await bobsCase();
    const bob = await h.signIn('bob@acme.example');
    for (const body of [{}, { email: 'not-an-email' }, { email: 42 }]) {
      const res = await bob.post(`/api/v1/cases/${number}/team`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toHaveProperty('email');
    }
    expect(await teamOf(number)).toEqual([]);
  });

  it('removes a contact named in the body or as ?email=; the removed contact then gets 404', async () => {
    const { number } = await bobsCase(['dave@acme.example', 'alice@acme.example']);
    const bob = await h.signIn('bob@acme.example');
    const alice = await h.signIn('alice@acme.example');
    expect((await alice.get(`/api/v1/cases/${number}`)).statusCode).toBe(200);

    const byBody = await bob.del(`/api/v1/cases/${number}/team`, { email: 'alice@acme.example' });
    expect(byBody.statusCode, byBody.body).toBe(200);
    expect(byBody.json().team.map((t: { email: string }) => t.email)).toEqual(['dave@acme.example']);
    expect((await alice.get(`/api/v1/cases/${number}`)).statusCode).toBe(404);

    const byQuery = await bob.del(
      `/api/v1/cases/${number}/team?email=${encodeURIComponent('dave@acme.example')}`,
    );
    expect(byQuery.statusCode, byQuery.body).toBe(200);
    expect(byQuery.json().team).toEqual([]);
  });

  it('lets a contact remove themselves: 200 with the case as of the removal, then 404', async () => {
    const org = await h.ctx.database.db
      .selectFrom('orgs')
      .select(['id', 'account_id'])
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const helper = await makeAdmin(h.ctx, org.account_id, [{ orgId: org.id }]);
    const { number } = await bobsCase([helper.email]);
    const client = await h.signIn(helper.email);
    const res = await client.del(`/api/v1/cases/${number}/team?email=${encodeURIComponent(helper.email)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().team).toEqual([]);
    expect((await client.get(`/api/v1/cases/${number}`)).statusCode).toBe(404);
  });

  it('answers 404 naming the email for someone not on the team, 400 when no email is given', async () => {
    const { number } = await bobsCase(['dave@acme.example']);
    const bob = await h.signIn('bob@acme.example');
    const missing = await bob.del(`/api/v1/cases/${number}/team`, { email: 'alice@acme.example' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.fields.email).toContain('alice@acme.example');
    const none = await bob.del(`/api/v1/cases/${number}/team`);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toHaveProperty('email');
    const bad = await bob.del(`/api/v1/cases/${number}/team?email=nope`);
    expect(bad.statusCode).toBe(400);
    const conflicting = await bob.del(`/api/v1/cases/${number}/team?email=dave%40acme.example`, {
      email: 'alice@acme.example',
    });
    expect(conflicting.statusCode).toBe(400);
    expect(await teamOf(number)).toEqual(['dave@acme.example']);
  });

  it('answers 409 on a closed case', async () => {
    const alice = await h.signIn('alice@acme.example');
    const closed = await h.ctx.database.db
      .selectFrom('cases')
      .select('number')
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const res = await alice.post(`/api/v1/cases/${closed.number}/team`, { email: 'bob@acme.example' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(`mention ${closed.number}`);
  });

  it('answers 404 to erin and gina, 403 naming Case Admin to carol, 403 without CSRF header', async () => {
    const { number } = await bobsCase(['dave@acme.example']);
    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      const c = await h.signIn(email);
      const add = await c.post(`/api/v1/cases/${number}/team`, { email: 'alice@acme.example' });
      expect(add.statusCode, email).toBe(404);
      const del = await c.del(`/api/v1/cases/${number}/team`, { email: 'dave@acme.example' });
      expect(del.statusCode, email).toBe(404);
      expect(del.json().error.fields).toBeUndefined();
    }
    const carol = await h.signIn('carol@acme.example');
    const refused = await carol.post(`/api/v1/cases/${number}/team`, { email: 'alice@acme.example' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('Case Admin');

    const bob = await h.signIn('bob@acme.example');
    const noCsrf = await bob.request({
      method: 'POST',
      url: `/api/v1/cases/${number}/team`,
      body: { email: 'alice@acme.example' },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    const noCsrfDel = await bob.request({
      method: 'DELETE',
      url: `/api/v1/cases/${number}/team?email=dave%40acme.example`,
      csrf: false,
    });
    expect(noCsrfDel.statusCode).toBe(403);
    expect(await teamOf(number)).toEqual(['dave@acme.example']);
  });
});
