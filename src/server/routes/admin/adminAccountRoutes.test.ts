import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyPassword } from '../../auth/passwords.ts';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

describeEachDatabase('administration: accounts, orgs and first super admins', (dialect) => {
  let h: Harness;
  let root: Client;
  beforeAll(async () => {
    h = await createHarness(dialect);
    root = await h.signIn('root@support.example');
  });
  afterAll(() => h.close());
  const db = () => h.ctx.database.db;

  it('lists accounts with plan, ESC seats used of the cap, open cases and orgs; q filters by name', async () => {
    const res = await root.get('/api/v1/admin/accounts');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((a: { name: string }) => a.name)).toEqual(['Acme Corp', 'Globex']);
    const acme = body.items[0];
    expect(acme).toMatchObject({ plan: 'gold', escSeats: { used: 1, cap: 20 } });
    expect(acme.openCases).toBeGreaterThan(0);
    expect(acme.orgs.map((o: { slug: string }) => o.slug)).toEqual(['acme', 'acme-preview']);
    expect(acme.orgs[0]).toMatchObject({ name: 'acme.example.com', admins: 4, superAdmins: 1 });
    expect(body.items[1]).toMatchObject({ plan: 'basic', escSeats: { used: 0, cap: 5 } });

    const q = (await root.get('/api/v1/admin/accounts?q=GLOB')).json();
    expect(q.items.map((a: { name: string }) => a.name)).toEqual(['Globex']);
    expect((await root.get('/api/v1/admin/accounts?q=%25')).json().total).toBe(0);
  });

  it('creates an account, an org under it and its first super admin with a one-time password', async () => {
    const created = await root.post('/api/v1/admin/accounts', { name: '  Initech ', plan: 'silver' });
    expect(created.statusCode, created.body).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({
      name: 'Initech',
      plan: 'silver',
      orgs: [],
      escSeats: { used: 0, cap: 10 },
    });

    const withOrg = await root.post(`/api/v1/admin/accounts/${account.id}/orgs`, {
      slug: 'Initech',
      name: 'initech.example.com',
    });
    expect(withOrg.statusCode, withOrg.body).toBe(201);
    const org = withOrg.json().orgs[0];
    expect(org).toMatchObject({ slug: 'initech', name: 'initech.example.com', admins: 0, superAdmins: 0 });

    h.clock.advance(1000);
    const admin = await root.post(`/api/v1/admin/orgs/${org.id}/admins`, {
      email: 'Peter@Initech.example',
      name: 'Peter Gibbons',
    });
    expect(admin.statusCode, admin.body).toBe(201);
    expect(admin.headers['cache-control']).toBe('no-store');
    const body = admin.json();
    expect(body.user).toMatchObject({ email: 'peter@initech.example', role: 'super_admin', active: true });
    expect(body.initialPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);

    // the password is stored only as its hash, and signs the new super admin in
    const row = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'peter@initech.example')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(body.initialPassword);
    expect(await verifyPassword(row.password_hash, body.initialPassword)).toBe(true);
    const peter = await h.signIn('peter@initech.example', body.initialPassword);
    const permissions = await peter.get('/api/v1/account/permissions');
    expect(permissions.statusCode, permissions.body).toBe(200);
    expect(permissions.json().account).toMatchObject({ name: 'Initech', plan: 'silver' });
    expect((await peter.get('/api/v1/cases')).statusCode).toBe(200);

    // audit-logged on the account
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'super_admin_created')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ account_id: account.id, target_user_id: row.id });
    expect(JSON.parse(audit[0]!.detail)).toEqual({ from: false, to: true, org: 'initech', newUser: true });

    const admins = (await root.get(`/api/v1/admin/orgs/${org.id}/admins`)).json();
    expect(admins.items.map((a: { email: string }) => a.email)).toEqual(['peter@initech.example']);
  });

  it('makes an admin of the same account super admin of another org, without a new password', async () => {
    const preview = await db()
      .selectFrom('orgs')
      .select('id')
      .where('slug', '=', 'acme-preview')
      .executeTakeFirstOrThrow();
    const res = await root.post(`/api/v1/admin/orgs/${preview.id}/admins`, {
      email: 'bob@acme.example',
      name: 'ignored',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      user: { email: 'bob@acme.example', name: 'Bob Brandt', role: 'super_admin' },
      initialPassword: null,
    });
    // erin is an admin of acme-preview: she becomes its super admin
    const erin = await root.post(`/api/v1/admin/orgs/${preview.id}/admins`, {
      email: 'erin@acme.example',
      name: 'x',
    });
    expect(erin.statusCode, erin.body).toBe(201);
    const again = await root.post(`/api/v1/admin/orgs/${preview.id}/admins`, {
      email: 'erin@acme.example',
      name: 'x',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual({ email: 'This user is a super admin of the org already' });
  });

  it('refuses duplicates with 409 on the field, and another account’s user or staff as super admin', async () => {
    const dupAccount = await root.post('/api/v1/admin/accounts', { name: 'acme corp', plan: 'gold' });
    expect(dupAccount.statusCode).toBe(409);
    expect(dupAccount.json().error).toMatchObject({
      code: 'conflict',
      fields: { name: 'Another account has this name' },
    });

    const globex = await db()
      .selectFrom('accounts')
      .select('id')
      .where('name', '=', 'Globex')
      .executeTakeFirstOrThrow();
    const dupSlug = await root.post(`/api/v1/admin/accounts/${globex.id}/orgs`, { slug: 'acme', name: 'x' });
    expect(dupSlug.statusCode).toBe(409);
    expect(dupSlug.json().error.fields).toEqual({ slug: 'Another org has this slug' });

    const org = await db()
      .selectFrom('orgs')
      .select('id')
      .where('slug', '=', 'globex')
      .executeTakeFirstOrThrow();
    for (const email of ['alice@acme.example', 'sam@support.example']) {
      const res = await root.post(`/api/v1/admin/orgs/${org.id}/admins`, { email, name: 'X' });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().error.fields.email).toContain('another account or to vendor staff');
    }
    const rename = await root.patch(`/api/v1/admin/accounts/${globex.id}`, { name: 'Acme Corp' });
    expect(rename.statusCode).toBe(409);
  });

  it('validates fields and answers 404 for unknown ids; nothing a client sends is a 500', async () => {
    const bad = await root.post('/api/v1/admin/accounts', { name: '', plan: 'platinum' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['name', 'plan']);
    expect(bad.json().error.fields.name).toBe('Name is required');

    const globex = await db()
      .selectFrom('accounts')
      .select('id')
      .where('name', '=', 'Globex')
      .executeTakeFirstOrThrow();
    const slug = await root.post(`/api/v1/admin/accounts/${globex.id}/orgs`, {
      slug: 'Not a slug!',
      name: 'x',
    });
    expect(slug.statusCode).toBe(400);
    expect(slug.json().error.fields.slug).toBe('Slug is lower-case letters, digits and single dashes');

    const org = await db()
      .selectFrom('orgs')
      .select('id')
      .where('slug', '=', 'globex')
      .executeTakeFirstOrThrow();
    const email = await root.post(`/api/v1/admin/orgs/${org.id}/admins`, { email: 'not an email', name: '' });
    expect(email.statusCode).toBe(400);
    expect(email.json().error.fields).toEqual({
      email: 'Enter a valid email address',
      name: 'Name is required',
    });

    for (const [method, url, body] of [
      ['GET', '/api/v1/admin/accounts/nope'],
      ['PATCH', '/api/v1/admin/accounts/nope', { name: 'X' }],
      ['POST', '/api/v1/admin/accounts/nope/orgs', { slug: 'nope', name: 'x' }],
      ['PATCH', '/api/v1/admin/orgs/nope', { name: 'x' }],
      ['GET', '/api/v1/admin/orgs/nope/admins'],
      ['POST', '/api/v1/admin/orgs/nope/admins', { email: 'n@example.test', name: 'N' }],
    ] as const) {
      const res = await root.request({ method, url, body });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    for (const payload of ['[]', 'null', '"x"', '{"name": 5, "plan": null}']) {
      const res = await root.request({
        method: 'POST',
        url: '/api/v1/admin/accounts',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, payload).toBe(400);
    }
  });

  it('renames an org (the slug stays) and an account', async () => {
    const org = await db()
      .selectFrom('orgs')
      .select('id')
      .where('slug', '=', 'globex')
      .executeTakeFirstOrThrow();
    const res = await root.patch(`/api/v1/admin/orgs/${org.id}`, { name: 'globex.example.net' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().orgs).toEqual([
      expect.objectContaining({ slug: 'globex', name: 'globex.example.net' }),
    ]);
    const renamed = await root.patch(`/api/v1/admin/accounts/${res.json().id}`, {
      name: 'Globex Corporation',
    });
    expect(renamed.json().name).toBe('Globex Corporation');
  });

  it("a plan change moves the due time of the account's open cases not answered yet", async () => {
    const hank = await h.actor('hank@globex.example');
    const opened = await makeCase(h.ctx, hank, { org: 'globex', priority: 'P1', p1Confirmed: true });
    const caseRow = () =>
      db()
        .selectFrom('cases')
        .select(['first_response_due_at', 'created_at'])
        .where('number', '=', opened.number)
        .executeTakeFirstOrThrow();
    const before = await caseRow();
    if (hank.kind !== 'customer') throw new Error('hank is a customer');
    const res = await root.patch(`/api/v1/admin/accounts/${hank.accountId}`, { plan: 'gold' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().plan).toBe('gold');
    const after = await caseRow();
    // gold P1: 30 minutes, 24x7
    expect(after.first_response_due_at).toBe(
      new Date(Date.parse(after.created_at) + 30 * 60_000).toISOString(),
    );
    expect(after.first_response_due_at).not.toBe(before.first_response_due_at);
  });
});
