import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

describeEachDatabase('administration: staff users', (dialect) => {
  let h: Harness;
  let root: Client;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness(dialect);
    root = await h.signIn('root@support.example');
    for (const u of await h.ctx.database.db.selectFrom('users').select(['id', 'email']).execute()) {
      ids[u.email.split('@')[0] as string] = u.id;
    }
  });
  afterAll(() => h.close());
  /** audit rows order by time: each write a second later */
  const tick = <T>(client: T): T => {
    h.clock.advance(1000);
    return client;
  };
  const db = () => h.ctx.database.db;
  const audit = () =>
    db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'target_user_id', 'detail'])
      .where('account_id', 'is', null)
      .orderBy('id')
      .execute();

  it('lists the staff, never customers', async () => {
    const res = await root.get('/api/v1/admin/staff');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    // active first, by name
    expect(items.map((s: { email: string; role: string }) => [s.email, s.role])).toEqual([
      ['mia@support.example', 'manager'],
      ['root@support.example', 'administrator'],
      ['sam@support.example', 'engineer'],
    ]);
    expect(items).toHaveLength(3);
    expect(items.find((s: { email: string }) => s.email === 'sam@support.example')).toMatchObject({
      active: true,
      queues: ['identity', 'lifecycle', 'triage'],
    });
  });

  it('creates staff with a given or a generated initial password, shown once; the user signs in', async () => {
    const given = await tick(root).post('/api/v1/admin/staff', {
      email: 'Kim@Support.example',
      name: 'Kim Kato',
      role: 'engineer',
      password: 'a-long-initial-password',
    });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({
      user: { email: 'kim@support.example', role: 'engineer', active: true, queues: [] },
      initialPassword: null,
    });
    await h.signIn('kim@support.example', 'a-long-initial-password');

    const generated = await tick(root).post('/api/v1/admin/staff', {
      email: 'lee@support.example',
      name: 'Lee Lund',
      role: 'manager',
    });
    expect(generated.statusCode, generated.body).toBe(201);
    expect(generated.headers['cache-control']).toBe('no-store');
    const password = generated.json().initialPassword;
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const lee = await h.signIn('lee@support.example', password);
    expect((await lee.get('/api/v1/me')).json()).toMatchObject({ email: 'lee@support.example' });
    ids.kim = given.json().user.id;
    ids.lee = generated.json().user.id;

    const rows = await audit();
    expect(
      rows
        .filter((r) => r.action === 'staff_created')
        .map((r) => [r.target_user_id, JSON.parse(r.detail).to]),
    ).toEqual([
      [ids.kim, 'engineer'],
      [ids.lee, 'manager'],
    ]);
  });

  it('refuses a taken email (409, customers included), bad fields (400)', async () => {
    for (const email of ['sam@support.example', 'BOB@acme.example']) {
      const res = await tick(root).post('/api/v1/admin/staff', { email, name: 'X', role: 'engineer' });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().error.fields).toEqual({ email: 'A user with this email exists already' });
    }
    const bad = await tick(root).post('/api/v1/admin/staff', {
      email: 'x',
      name: '',
      role: 'boss',
      password: 'short',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      email: 'Enter a valid email address',
      name: 'Name is required',
      role: 'Choose engineer, manager or administrator',
      password: 'The password needs at least 12 characters',
    });
  });

  it('changes a role (audit-logged); the change takes effect on the next request', async () => {
    const kim = await h.signIn('kim@support.example', 'a-long-initial-password');
    expect((await kim.get('/api/v1/admin/staff')).statusCode).toBe(403);
    const res = await tick(root).patch(`/api/v1/admin/staff/${ids.kim}`, {
      role: 'administrator',
      name: 'Kim K. Kato',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'administrator', name: 'Kim K. Kato' });
    expect((await kim.get('/api/v1/admin/staff')).statusCode).toBe(200);
    const last = (await audit()).at(-1)!;
    expect(last).toMatchObject({ action: 'staff_role_changed', actor_id: ids.root, target_user_id: ids.kim });
    expect(JSON.parse(last.detail)).toEqual({ from: 'engineer', to: 'administrator' });
  });

  it('deactivates and reactivates: a deactivated user is signed out at once; both audit-logged', async () => {
    const sam = await h.signIn('sam@support.example');
    const off = await tick(root).patch(`/api/v1/admin/staff/${ids.sam}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await sam.get('/api/v1/me')).statusCode).toBe(401);
    const list = (await root.get('/api/v1/admin/staff')).json().items;
    expect(list.at(-1)).toMatchObject({ email: 'sam@support.example', active: false });
    // a deactivated engineer is not made a queue member
    expect((await tick(root).put(`/api/v1/admin/queues/platform/members/${ids.sam}`)).json().error.code).toBe(
      'user_inactive',
    );

    const on = await tick(root).patch(`/api/v1/admin/staff/${ids.sam}`, { active: true });
    expect(on.json()).toMatchObject({ active: true, queues: ['identity', 'lifecycle', 'triage'] });
    await h.signIn('sam@support.example');
    expect((await audit()).slice(-2).map((r) => [r.action, JSON.parse(r.detail)])).toEqual([
      ['staff_deactivated', { from: true, to: false }],
      ['staff_reactivated', { from: false, to: true }],
    ]);
  });

  it('an administrator cannot deactivate themselves or change their own role', async () => {
    const before = await db()
      .selectFrom('users')
      .selectAll()
      .where('id', '=', ids.root as string)
      .executeTakeFirstOrThrow();
    const self = await tick(root).patch(`/api/v1/admin/staff/${ids.root}`, { active: false });
    expect(self.statusCode).toBe(409);
    expect(self.json().error).toMatchObject({
      code: 'cannot_deactivate_self',
      fields: { active: expect.any(String) },
    });
    const role = await tick(root).patch(`/api/v1/admin/staff/${ids.root}`, { role: 'engineer' });
    expect(role.statusCode).toBe(409);
    expect(role.json().error.code).toBe('cannot_change_own_role');
    expect(
      await db()
        .selectFrom('users')
        .selectAll()
        .where('id', '=', ids.root as string)
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
    // renaming oneself is fine
    expect(
      (await tick(root).patch(`/api/v1/admin/staff/${ids.root}`, { name: 'Root Admin' })).statusCode,
    ).toBe(200);
  });

  it('the last active administrator stays one, also when two administrators demote each other at once', async () => {
    // kim and root are administrators. Each demotes the other in the same instant: one wins, the other
    // is refused (409 last_administrator, or 403 when the demotion reached it first); never both.
    const kim = await h.signIn('kim@support.example', 'a-long-initial-password');
    const [a, b] = await Promise.all([
      root.patch(`/api/v1/admin/staff/${ids.kim}`, { role: 'engineer' }),
      kim.patch(`/api/v1/admin/staff/${ids.root}`, { active: false }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const refused = a.statusCode === 200 ? b : a;
    if (refused.statusCode === 409) {
      expect(refused.json().error.code).toBe('last_administrator');
      expect(refused.json().error.message).toBe(
        'This is the last active administrator: make someone else an administrator first',
      );
    }
    const admins = await db()
      .selectFrom('users')
      .select('email')
      .where('staff_role', '=', 'administrator')
      .where('active', '=', 1)
      .execute();
    expect(admins).toHaveLength(1);
    // put things back for the next tests
    await db()
      .updateTable('users')
      .set({ staff_role: 'administrator', active: 1 })
      .where('id', 'in', [ids.root as string, ids.kim as string])
      .execute();
  });

  it('404 for unknown ids and customers; 400 for bad fields', async () => {
    expect((await tick(root).patch('/api/v1/admin/staff/nobody', { name: 'X' })).statusCode).toBe(404);
    expect((await tick(root).patch(`/api/v1/admin/staff/${ids.bob}`, { role: 'engineer' })).statusCode).toBe(
      404,
    );
    const bad = await tick(root).patch(`/api/v1/admin/staff/${ids.sam}`, { role: 'owner', active: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['active', 'role']);
  });
});
