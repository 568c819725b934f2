import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAdmin } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

interface AdminView {
  id: string;
  email: string;
  active: boolean;
  orgs: { slug: string; role: string }[];
  superAdmin: boolean;
  caseAdmin: boolean;
  elevatedSupportContact: boolean;
}

describeEachDatabase('account permission routes', (dialect) => {
  let h: Harness;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness(dialect);
    const users = await h.ctx.database.db.selectFrom('users').select(['id', 'email']).execute();
    for (const u of users) id[u.email.split('@')[0] as string] = u.id;
  });
  afterAll(() => h.close());

  const admin = (body: { admins: AdminView[] }, name: string) => {
    const found = body.admins.find((a) => a.id === id[name]);
    if (!found) throw new Error(`${name} not in the permissions view`);
    return found;
  };
  /** What a refused request must leave alone: every user's grants and the audit log. */
  const snapshot = async () => ({
    users: await h.ctx.database.db
      .selectFrom('users')
      .select(['id', 'case_admin', 'esc', 'active', 'updated_at'])
      .orderBy('id')
      .execute(),
    audit: await h.ctx.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
  });
  const tick = () => h.clock.advance(1000);

  it('GET /account/permissions shows the account, its ESC seats and every admin with effective grants', async () => {
    const alice = await h.signIn('alice@acme.example');
    const res = await alice.get('/api/v1/account/permissions');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.account).toMatchObject({ name: 'Acme Corp', plan: 'gold' });
    expect(body.escSeats).toEqual({ used: 1, cap: 20 });
    expect(body.admins.map((a: AdminView) => a.email).sort()).toEqual(
      ['alice', 'bob', 'carol', 'dave', 'erin'].map((n) => `${n}@acme.example`),
    );
    expect(admin(body, 'alice')).toMatchObject({
      superAdmin: true,
      caseAdmin: true,
      elevatedSupportContact: false,
      active: true,
      orgs: [
        { slug: 'acme', role: 'super_admin' },
        { slug: 'acme-preview', role: 'super_admin' },
      ],
    });
    expect(admin(body, 'bob')).toMatchObject({
      superAdmin: false,
      caseAdmin: true,
      elevatedSupportContact: false,
    });
    expect(admin(body, 'carol')).toMatchObject({ caseAdmin: false, elevatedSupportContact: false });
    expect(admin(body, 'dave')).toMatchObject({ caseAdmin: true, elevatedSupportContact: true });
    expect(admin(body, 'erin').orgs).toEqual([{ slug: 'acme-preview', role: 'admin' }]);

    const gina = await h.signIn('gina@globex.example');
    const g = (await gina.get('/api/v1/account/permissions')).json();
    expect(g.account).toMatchObject({ name: 'Globex', plan: 'basic' });
    expect(g.escSeats).toEqual({ used: 0, cap: 5 });
    expect(g.admins.map((a: AdminView) => a.email).sort()).toEqual([
      'gina@globex.example',
      'hank@globex.example',
    ]);
  });

  it('admins who are not super admins, and staff, get 403 on every permission route; nothing changes', async () => {
    const before = await snapshot();
    for (const email of ['bob@acme.example', 'dave@acme.example', 'sam@support.example']) {
      const c = await h.signIn(email);
      const responses = [
        await c.get('/api/v1/account/permissions'),
        await c.get('/api/v1/account/audit-log'),
        await c.put(`/api/v1/account/admins/${id.carol}/case-admin`),
        await c.del(`/api/v1/account/admins/${id.dave}/case-admin`),
        await c.put(`/api/v1/account/admins/${id.bob}/esc`),
        await c.del(`/api/v1/account/admins/${id.dave}/esc`),
      ];
      for (const res of responses) {
        expect(res.statusCode, `${email} ${res.body}`).toBe(403);
        expect(res.json().error).toEqual({
          code: 'not_super_admin',
          message:
            'Only a super admin of your account manages Case Admin and Elevated Support Contact seats.',
        });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('without a session: 401; without the CSRF header: 403 csrf; nothing changes', async () => {
    const before = await snapshot();
    const anon = await h.app.inject({ method: 'GET', url: '/api/v1/account/permissions' });
    expect(anon.statusCode).toBe(401);
    const alice = await h.signIn('alice@acme.example');
    const res = await alice.request({
      method: 'PUT',
      url: `/api/v1/account/admins/${id.carol}/case-admin`,
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    expect(await snapshot()).toEqual(before);
  });

  it('a super admin of another account gets 404 for an Acme user, the same as an unknown id', async () => {
    const gina = await h.signIn('gina@globex.example');
    const before = await snapshot();
    for (const [method, path] of [
      ['PUT', 'case-admin'],
      ['DELETE', 'case-admin'],
      ['PUT', 'esc'],
      ['DELETE', 'esc'],
    ] as const) {
      for (const target of [id.carol, id.dave, 'no-such-user', id.sam]) {
        const res = await gina.request({ method, url: `/api/v1/account/admins/${target}/${path}` });
        expect(res.statusCode, res.body).toBe(404);
        expect(res.json().error).toEqual({ code: 'not_found', message: 'User not found' });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('ESC to carol, who lacks Case Admin, is 422 and nothing changes', async () => {
    const alice = await h.signIn('alice@acme.example');
    const before = await snapshot();
    const res = await alice.put(`/api/v1/account/admins/${id.carol}/esc`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('case_admin_required');
    expect(res.json().error.message).toContain('needs Case Admin first');
    expect(await snapshot()).toEqual(before);
  });

  it('revoking Case Admin from a super admin is 409; nothing changes', async () => {
    const alice = await h.signIn('alice@acme.example');
    const before = await snapshot();
    const res = await alice.del(`/api/v1/account/admins/${id.alice}/case-admin`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('super admins always hold Case Admin');
    expect(await snapshot()).toEqual(before);
  });

  it('alice grants Case Admin to carol: carol, refused before, opens the case pages on her next request', async () => {
    const carol = await h.signIn('carol@acme.example');
    const refused = await carol.get('/api/v1/cases');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('no_case_admin');
    expect(refused.json().error.message).toContain('Case Admin');

    tick();
    const alice = await h.signIn('alice@acme.example');
    const res = await alice.put(`/api/v1/account/admins/${id.carol}/case-admin`);
    expect(res.statusCode, res.body).toBe(200);
    expect(admin(res.json(), 'carol')).toMatchObject({ caseAdmin: true, elevatedSupportContact: false });

    expect((await carol.get('/api/v1/cases')).statusCode).toBe(200);

    // granting again answers the same view and logs nothing new
    const count = (await snapshot()).audit.length;
    const again = await alice.put(`/api/v1/account/admins/${id.carol}/case-admin`);
    expect(again.statusCode).toBe(200);
    expect(admin(again.json(), 'carol').caseAdmin).toBe(true);
    expect((await snapshot()).audit.length).toBe(count);
  });

  it("alice revokes bob's Case Admin: bob's very next request with the same session is refused", async () => {
    const bob = await h.signIn('bob@acme.example');
    expect((await bob.get('/api/v1/cases')).statusCode).toBe(200);
    tick();
    const alice = await h.signIn('alice@acme.example');
    const res = await alice.del(`/api/v1/account/admins/${id.bob}/case-admin`);
    expect(res.statusCode, res.body).toBe(200);
    expect(admin(res.json(), 'bob').caseAdmin).toBe(false);
    const after = await bob.get('/api/v1/cases');
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe('no_case_admin');
  });

  it("revoking dave's Case Admin removes his ESC seat and All account cases with it", async () => {
    const dave = await h.signIn('dave@acme.example');
    expect((await dave.get('/api/v1/cases?view=account')).statusCode).toBe(200);
    tick();
    const alice = await h.signIn('alice@acme.example');
    const res = await alice.del(`/api/v1/account/admins/${id.dave}/case-admin`);
    expect(res.statusCode, res.body).toBe(200);
    expect(admin(res.json(), 'dave')).toMatchObject({ caseAdmin: false, elevatedSupportContact: false });
    expect(res.json().escSeats).toEqual({ used: 0, cap: 20 });
    expect((await dave.get('/api/v1/cases?view=account')).statusCode).toBe(403);

    // Case Admin back does not bring the ESC seat back
    tick();
    expect((await alice.put(`/api/v1/account/admins/${id.dave}/case-admin`)).statusCode).toBe(200);
    const list = await dave.get('/api/v1/cases?view=account');
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('not_elevated_support_contact');
    expect((await dave.get('/api/v1/cases')).statusCode).toBe(200);

    // and assigning it again brings All account cases back
    tick();
    const esc = await alice.put(`/api/v1/account/admins/${id.dave}/esc`);
    expect(esc.statusCode, esc.body).toBe(200);
    expect(admin(esc.json(), 'dave').elevatedSupportContact).toBe(true);
    expect(esc.json().escSeats).toEqual({ used: 1, cap: 20 });
    expect((await dave.get('/api/v1/cases?view=account')).statusCode).toBe(200);
  });

  it('the audit log lists every change with actor and target, newest first, paginated', async () => {
    const alice = await h.signIn('alice@acme.example');
    const res = await alice.get('/api/v1/account/audit-log');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const rows = body.items.map((e: { action: string; target: { email: string }; detail: object }) => [
      e.action,
      e.target.email,
      e.detail,
    ]);
    expect(rows).toEqual([
      ['esc_assigned', 'dave@acme.example', { from: false, to: true }],
      ['case_admin_granted', 'dave@acme.example', { from: false, to: true }],
      ['esc_removed', 'dave@acme.example', { from: true, to: false, cause: 'case_admin_revoked' }],
      ['case_admin_revoked', 'dave@acme.example', { from: true, to: false }],
      ['case_admin_revoked', 'bob@acme.example', { from: true, to: false }],
      ['case_admin_granted', 'carol@acme.example', { from: false, to: true }],
    ]);
    expect(body.total).toBe(6);
    for (const e of body.items) {
      expect(e.actor).toEqual({ id: id.alice, name: 'Alice Anders', email: 'alice@acme.example' });
      expect(Date.parse(e.createdAt)).not.toBeNaN();
    }

    const page2 = (await alice.get('/api/v1/account/audit-log?page=2&pageSize=4')).json();
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.items.map((e: { id: string }) => e.id)).toEqual(
      body.items.slice(4).map((e: { id: string }) => e.id),
    );

    for (const q of ['pageSize=0', 'pageSize=101', 'page=0', 'page=abc']) {
      const bad = await alice.get(`/api/v1/account/audit-log?${q}`);
      expect(bad.statusCode, q).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
    }

    // another account's log holds none of Acme's changes
    const gina = await h.signIn('gina@globex.example');
    expect((await gina.get('/api/v1/account/audit-log')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('a deactivated user is signed out on the next request (401)', async () => {
    const erin = await h.signIn('erin@acme.example');
    expect((await erin.get('/api/v1/cases')).statusCode).toBe(200);
    await h.ctx.database.db
      .updateTable('users')
      .set({ active: 0 })
      .where('id', '=', id.erin as string)
      .execute();
    const res = await erin.get('/api/v1/cases');
    expect(res.statusCode).toBe(401);
    const alice = await h.signIn('alice@acme.example');
    const view = (await alice.get('/api/v1/account/permissions')).json();
    expect(admin(view, 'erin')).toMatchObject({ active: false, caseAdmin: false });
    // and a deactivated admin cannot be given a seat
    const esc = await alice.put(`/api/v1/account/admins/${id.erin}/esc`);
    expect(esc.statusCode).toBe(422);
    expect(esc.json().error.code).toBe('user_inactive');
  });

  it('an admin with no admin role left gets 403 no_admin_role on the next request', async () => {
    const hank = await h.signIn('hank@globex.example');
    expect((await hank.get('/api/v1/cases')).statusCode).toBe(200);
    await h.ctx.database.db
      .deleteFrom('org_admins')
      .where('user_id', '=', id.hank as string)
      .execute();
    const res = await hank.get('/api/v1/cases');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('no_admin_role');
    const gina = await h.signIn('gina@globex.example');
    const view = (await gina.get('/api/v1/account/permissions')).json();
    expect(admin(view, 'hank')).toMatchObject({ orgs: [], caseAdmin: false });
  });

  it('at the seat cap: 409 esc_seats_full naming the cap and plan, until a seat is removed', async () => {
    const gina = await h.signIn('gina@globex.example');
    const globex = await h.ctx.database.db
      .selectFrom('orgs')
      .select(['id', 'account_id'])
      .where('slug', '=', 'globex')
      .executeTakeFirstOrThrow();
    const escs = [];
    for (let i = 0; i < 5; i++) {
      const a = await makeAdmin(h.ctx, globex.account_id, [{ orgId: globex.id }]);
      const res = await gina.put(`/api/v1/account/admins/${a.id}/esc`);
      expect(res.statusCode, res.body).toBe(200);
      escs.push(a);
    }
    const before = await snapshot();
    const full = await gina.put(`/api/v1/account/admins/${id.gina}/esc`);
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toEqual({
      code: 'esc_seats_full',
      message:
        'All 5 Elevated Support Contact seats of the basic plan are taken; remove one before adding another.',
    });
    expect(await snapshot()).toEqual(before);

    tick();
    const removed = await gina.del(`/api/v1/account/admins/${escs[0]?.id}/esc`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().escSeats).toEqual({ used: 4, cap: 5 });
    const self = await gina.put(`/api/v1/account/admins/${id.gina}/esc`);
    expect(self.statusCode, self.body).toBe(200);
    expect(self.json().escSeats).toEqual({ used: 5, cap: 5 });
    expect(admin(self.json(), 'gina')).toMatchObject({ superAdmin: true, elevatedSupportContact: true });
  });
});
