import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

/**
 * The authorization matrix of administration: every route × customer (bob), engineer (sam), manager
 * (mia), administrator (root). Refused requests change nothing; the administrator's succeed.
 */
describeEachDatabase('administration authorization matrix', (dialect) => {
  let h: Harness;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness(dialect);
    const db = h.ctx.database.db;
    for (const u of await db.selectFrom('users').select(['id', 'email']).execute()) {
      ids[u.email.split('@')[0] as string] = u.id;
    }
    ids.account = (
      await db.selectFrom('accounts').select('id').where('name', '=', 'Globex').executeTakeFirstOrThrow()
    ).id;
    ids.org = (
      await db.selectFrom('orgs').select('id').where('slug', '=', 'globex').executeTakeFirstOrThrow()
    ).id;
    ids.canned = (await db.selectFrom('canned_responses').select('id').limit(1).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => h.close());

  /** Everything administration writes, to check a refusal left it alone. */
  const snapshot = async () => {
    const db = h.ctx.database.db;
    return {
      accounts: await db.selectFrom('accounts').selectAll().orderBy('id').execute(),
      orgs: await db.selectFrom('orgs').selectAll().orderBy('id').execute(),
      users: await db
        .selectFrom('users')
        .select(['id', 'name', 'staff_role', 'active'])
        .orderBy('id')
        .execute(),
      plans: await db.selectFrom('plans').selectAll().orderBy('key').execute(),
      targets: await db.selectFrom('sla_targets').selectAll().orderBy('plan').orderBy('priority').execute(),
      areas: await db.selectFrom('issue_areas').selectAll().orderBy('key').execute(),
      queues: await db.selectFrom('queues').selectAll().orderBy('key').execute(),
      members: await db
        .selectFrom('queue_members')
        .selectAll()
        .orderBy('queue_key')
        .orderBy('user_id')
        .execute(),
      canned: await db.selectFrom('canned_responses').selectAll().orderBy('id').execute(),
      audit: await db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    };
  };

  type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  const adminRoutes = (): [Method, string, unknown?][] => [
    ['GET', '/api/v1/admin/accounts'],
    ['POST', '/api/v1/admin/accounts', { name: 'Initech', plan: 'silver' }],
    ['GET', `/api/v1/admin/accounts/${ids.account}`],
    ['PATCH', `/api/v1/admin/accounts/${ids.account}`, { plan: 'gold' }],
    [
      'POST',
      `/api/v1/admin/accounts/${ids.account}/orgs`,
      { slug: 'globex-eu', name: 'globex-eu.example.com' },
    ],
    ['PATCH', `/api/v1/admin/orgs/${ids.org}`, { name: 'Globex Production' }],
    ['GET', `/api/v1/admin/orgs/${ids.org}/admins`],
    ['POST', `/api/v1/admin/orgs/${ids.org}/admins`, { email: 'ivan@globex.example', name: 'Ivan Ito' }],
    ['GET', '/api/v1/admin/plans'],
    ['PATCH', '/api/v1/admin/plans/basic', { escSeats: 6 }],
    ['GET', '/api/v1/admin/sla-targets'],
    ['PATCH', '/api/v1/admin/sla-targets', { targets: [{ plan: 'basic', priority: 'P1', minutes: 90 }] }],
    ['GET', '/api/v1/admin/issue-areas'],
    ['POST', '/api/v1/admin/issue-areas', { key: 'billing-x', name: 'Billing', queue: 'accounts' }],
    ['PATCH', '/api/v1/admin/issue-areas/mfa', { common: false }],
    ['GET', '/api/v1/admin/queues'],
    ['POST', '/api/v1/admin/queues', { key: 'emea', name: 'EMEA' }],
    ['PATCH', '/api/v1/admin/queues/platform', { name: 'Platform' }],
    ['DELETE', '/api/v1/admin/queues/emea'],
    ['GET', '/api/v1/admin/queues/identity/members'],
    ['PUT', `/api/v1/admin/queues/platform/members/${ids.sam}`],
    ['DELETE', `/api/v1/admin/queues/identity/members/${ids.sam}`],
    ['GET', '/api/v1/admin/staff'],
    ['POST', '/api/v1/admin/staff', { email: 'kim@support.example', name: 'Kim Kato', role: 'engineer' }],
    ['PATCH', `/api/v1/admin/staff/${ids.sam}`, { role: 'manager' }],
  ];
  const cannedWrites = (): [Method, string, unknown?][] => [
    ['POST', '/api/v1/canned-responses', { title: 'Matrix', body: 'Hello' }],
    ['PATCH', `/api/v1/canned-responses/${ids.canned}`, { title: 'Renamed by the matrix' }],
    ['DELETE', `/api/v1/canned-responses/${ids.canned}`],
  ];
  const cannedReads = (): [Method, string, unknown?][] => [
    ['GET', '/api/v1/canned-responses'],
    ['GET', '/api/v1/canned-responses?queue=identity'],
    ['GET', `/api/v1/canned-responses/${ids.canned}`],
  ];

  it('without a session every route is 401', async () => {
    for (const [method, url, body] of [...adminRoutes(), ...cannedReads(), ...cannedWrites()]) {
      const res = await h.app.inject({ method, url, payload: body as object | undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('customers get 403 on every route, staff on what their role does not allow; nothing changes', async () => {
    const before = await snapshot();
    const expectRefused = async (email: string, routes: [Method, string, unknown?][], message: string) => {
      const client = await h.signIn(email);
      for (const [method, url, body] of routes) {
        const res = await client.request({ method, url, body });
        expect(res.statusCode, `${email} ${method} ${url} ${res.body}`).toBe(403);
        expect(res.json().error).toEqual({ code: 'forbidden', message });
      }
    };
    const notAdmin = 'Administration is for vendor support administrators.';
    for (const email of ['bob@acme.example', 'alice@acme.example']) {
      await expectRefused(email, adminRoutes(), notAdmin);
      await expectRefused(
        email,
        [...cannedReads(), ...cannedWrites()],
        'Canned responses are for vendor support staff.',
      );
    }
    await expectRefused('sam@support.example', adminRoutes(), notAdmin);
    await expectRefused('mia@support.example', adminRoutes(), notAdmin);
    await expectRefused(
      'sam@support.example',
      cannedWrites(),
      'Canned responses are kept by support managers and administrators.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('engineers and managers read canned responses', async () => {
    for (const email of ['sam@support.example', 'mia@support.example']) {
      const client = await h.signIn(email);
      for (const [, url] of cannedReads()) {
        const res = await client.get(url);
        expect(res.statusCode, `${email} ${url} ${res.body}`).toBe(200);
      }
    }
  });

  it('a manager keeps canned responses', async () => {
    const mia = await h.signIn('mia@support.example');
    const created = await mia.post('/api/v1/canned-responses', { title: 'From mia', body: 'Hi' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await mia.patch(`/api/v1/canned-responses/${id}`, { body: 'Hello' })).statusCode).toBe(200);
    expect((await mia.del(`/api/v1/canned-responses/${id}`)).statusCode).toBe(204);
  });

  it('the administrator gets through on every route', async () => {
    const root = await h.signIn('root@support.example');
    const expected: Record<Method, number[]> = {
      GET: [200],
      POST: [201],
      PATCH: [200],
      PUT: [200],
      DELETE: [200, 204],
    };
    for (const [method, url, body] of [...adminRoutes(), ...cannedReads(), ...cannedWrites()]) {
      const res = await root.request({ method, url, body });
      expect(expected[method], `${method} ${url} ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    }
  });

  it('a write without the CSRF header is 403 csrf', async () => {
    const root = await h.signIn('root@support.example');
    const res = await root.request({
      method: 'POST',
      url: '/api/v1/admin/queues',
      body: { key: 'no-csrf', name: 'No CSRF' },
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    const queue = await h.ctx.database.db
      .selectFrom('queues')
      .select('key')
      .where('key', '=', 'no-csrf')
      .executeTakeFirst();
    expect(queue).toBeUndefined();
  });
});
