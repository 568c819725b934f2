import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

const request = {
  reason: 'No progress for two days on a P2',
  justification: 'Quarter close: the sales team cannot reach the CRM.',
};

describeEachDatabase('POST /cases/:number/escalation', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const bobsCase = async () => makeCase(h.ctx, await h.actor('bob@acme.example'));
  const escalationCount = async (number: string) => {
    const rows = await h.ctx.database.db
      .selectFrom('escalations')
      .innerJoin('cases', 'cases.id', 'escalations.case_id')
      .select('escalations.id')
      .where('cases.number', '=', number)
      .execute();
    return rows.length;
  };

  it('requests an escalation (201), shows its state on the case, and refuses a second one', async () => {
    const { number } = await bobsCase();
    const bob = await h.signIn('bob@acme.example');
    const res = await bob.post(`/api/v1/cases/${number}/escalation`, request);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number,
      escalation: 'requested',
      escalations: [{ state: 'requested', ...request, requestedBy: { email: 'bob@acme.example' } }],
    });

    const seen = await bob.get(`/api/v1/cases/${number}`);
    expect(seen.json().escalation).toBe('requested');
    expect(seen.json().escalations).toHaveLength(1);
    const list = await bob.get('/api/v1/cases');
    const item = list.json().items.find((c: { number: string }) => c.number === number);
    expect(item.escalation).toBe('requested');

    const again = await bob.post(`/api/v1/cases/${number}/escalation`, request);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('escalation_active');
    expect(await escalationCount(number)).toBe(1);
  });

  it('refuses a solved case (409) and a closed one', async () => {
    const bob = await h.signIn('bob@acme.example');
    const solved = await h.ctx.database.db
      .selectFrom('cases')
      .select('number')
      .where('status', '=', 'solved')
      .executeTakeFirstOrThrow();
    const res = await bob.post(`/api/v1/cases/${solved.number}/escalation`, request);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('solved');
    expect(await escalationCount(solved.number)).toBe(0);

    const alice = await h.signIn('alice@acme.example');
    const closed = await h.ctx.database.db
      .selectFrom('cases')
      .select('number')
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    expect((await alice.post(`/api/v1/cases/${closed.number}/escalation`, request)).statusCode).toBe(409);
    expect(await escalationCount(closed.number)).toBe(0);
  });

  it('validates reason and justification (400 naming the field)', async () => {
    const { number } = await bobsCase();
    const bob = await h.signIn('bob@acme.example');
    const bodies: [unknown, string][] = [
      [{ justification: request.justification }, 'reason'],
      [{ reason: '   ', justification: request.justification }, 'reason'],
      [{ reason: request.reason }, 'justification'],
      [{ reason: request.reason, justification: 7 }, 'justification'],
      [{ reason: 'x'.repeat(2001), justification: request.justification }, 'reason'],
    ];
    for (const [body, field] of bodies) {
      const res = await bob.post(`/api/v1/cases/${number}/escalation`, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.fields).toHaveProperty(field);
    }
    expect(await escalationCount(number)).toBe(0);
  });

  it('answers 404 to erin and gina, 403 to carol (Case Admin) and to staff, 403 without CSRF', async () => {
    const { number } = await bobsCase();
    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      const res = await (await h.signIn(email)).post(`/api/v1/cases/${number}/escalation`, request);
      expect(res.statusCode, email).toBe(404);
    }
    const carol = await (await h.signIn('carol@acme.example')).post(
      `/api/v1/cases/${number}/escalation`,
      request,
    );
    expect(carol.statusCode).toBe(403);
    expect(carol.json().error.message).toContain('Case Admin');
    const mia = await (await h.signIn('mia@support.example')).post(
      `/api/v1/cases/${number}/escalation`,
      request,
    );
    expect(mia.statusCode).toBe(403);
    const bob = await h.signIn('bob@acme.example');
    const noCsrf = await bob.request({
      method: 'POST',
      url: `/api/v1/cases/${number}/escalation`,
      body: request,
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    expect(await escalationCount(number)).toBe(0);
  });

  it('documents the customer case actions in the OpenAPI document', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(Object.keys(paths['/api/v1/cases/{number}'] ?? {})).toContain('patch');
    expect(Object.keys(paths['/api/v1/cases/{number}/team'] ?? {}).sort()).toEqual(['delete', 'post']);
    expect(Object.keys(paths['/api/v1/cases/{number}/escalation'] ?? {})).toEqual(['post']);
  });
});
