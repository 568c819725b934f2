import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

describeEachDatabase('administration: queues and members', (dialect) => {
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
  const triageKeys = async () =>
    (await db().selectFrom('queues').select('key').where('triage', '=', 1).execute()).map((q) => q.key);

  it('lists queues, triage first, with members and what depends on them', async () => {
    const res = await root.get('/api/v1/admin/queues');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items[0]).toMatchObject({ key: 'triage', triage: true });
    const identity = items.find((q: { key: string }) => q.key === 'identity');
    expect(identity.members.map((m: { email: string }) => m.email)).toEqual(['sam@support.example']);
    expect(identity.issueAreas).toBeGreaterThan(0);
    expect(identity.openCases).toBeGreaterThan(0);
    expect(items.filter((q: { triage: boolean }) => q.triage)).toHaveLength(1);
  });

  it('creates a queue; 409 on a duplicate key; 400 on bad fields', async () => {
    const res = await tick(root).post('/api/v1/admin/queues', {
      key: 'emea',
      name: 'EMEA',
      description: 'Europe',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      key: 'emea',
      name: 'EMEA',
      description: 'Europe',
      triage: false,
      members: [],
    });
    const dup = await tick(root).post('/api/v1/admin/queues', { key: 'EMEA', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ key: 'Another queue has this key' });
    const bad = await tick(root).post('/api/v1/admin/queues', { key: '-', name: ' ', triage: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['key', 'name', 'triage']);
  });

  it('there is always exactly one triage queue: the flag moves, it is never just removed', async () => {
    const move = await tick(root).patch('/api/v1/admin/queues/emea', { triage: true, name: 'EMEA triage' });
    expect(move.statusCode, move.body).toBe(200);
    expect(move.json()).toMatchObject({ triage: true, name: 'EMEA triage' });
    expect(await triageKeys()).toEqual(['emea']);

    const off = await tick(root).patch('/api/v1/admin/queues/emea', { triage: false });
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('triage_required');
    expect(off.json().error.fields.triage).toContain('mark another queue as triage');
    const del = await tick(root).del('/api/v1/admin/queues/emea');
    expect(del.statusCode).toBe(409);
    expect(await triageKeys()).toEqual(['emea']);

    const created = await tick(root).post('/api/v1/admin/queues', {
      key: 'apac',
      name: 'APAC',
      triage: true,
    });
    expect(created.json().triage).toBe(true);
    expect(await triageKeys()).toEqual(['apac']);
    expect((await tick(root).patch('/api/v1/admin/queues/triage', { triage: true })).statusCode).toBe(200);
    expect(await triageKeys()).toEqual(['triage']);
  });

  it('adds and removes members (staff only), idempotently, audit-logged', async () => {
    const added = await tick(root).put(`/api/v1/admin/queues/emea/members/${ids.sam}`);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().items.map((m: { email: string }) => m.email)).toEqual(['sam@support.example']);
    expect((await tick(root).put(`/api/v1/admin/queues/emea/members/${ids.mia}`)).json().total).toBe(2);
    const again = await tick(root).put(`/api/v1/admin/queues/emea/members/${ids.sam}`);
    expect(again.json().total).toBe(2);

    const customer = await tick(root).put(`/api/v1/admin/queues/emea/members/${ids.bob}`);
    expect(customer.statusCode).toBe(422);
    expect(customer.json().error).toMatchObject({
      code: 'not_staff',
      fields: { userId: 'Only vendor support staff can be queue members' },
    });
    expect((await tick(root).put('/api/v1/admin/queues/emea/members/nobody')).statusCode).toBe(404);
    expect((await tick(root).put(`/api/v1/admin/queues/nowhere/members/${ids.sam}`)).statusCode).toBe(404);

    const removed = await tick(root).del(`/api/v1/admin/queues/emea/members/${ids.mia}`);
    expect(removed.json().items.map((m: { email: string }) => m.email)).toEqual(['sam@support.example']);
    expect((await tick(root).del(`/api/v1/admin/queues/emea/members/${ids.mia}`)).statusCode).toBe(200);

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'target_user_id', 'detail'])
      .where('action', 'in', ['queue_member_added', 'queue_member_removed'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.target_user_id, JSON.parse(a.detail).queue])).toEqual([
      ['queue_member_added', ids.sam, 'emea'],
      ['queue_member_added', ids.mia, 'emea'],
      ['queue_member_removed', ids.mia, 'emea'],
    ]);
    expect(new Set(audit.map((a) => a.actor_id))).toEqual(new Set([ids.root]));

    // the staff list shows the membership
    const staff = (await root.get('/api/v1/admin/staff')).json().items;
    expect(staff.find((s: { email: string }) => s.email === 'sam@support.example').queues).toContain('emea');
  });

  it('a queue with issue areas, open cases or canned responses is not deleted: 409 says why', async () => {
    const identity = await tick(root).del('/api/v1/admin/queues/identity');
    expect(identity.statusCode).toBe(409);
    expect(identity.json().error.code).toBe('queue_in_use');
    expect(identity.json().error.message).toMatch(/issue areas route to it/);
    expect(identity.json().error.message).toMatch(/open cases? (is|are) in it/);

    // an open case in emea blocks it; solved it does not
    const bob = await h.actor('bob@acme.example');
    const opened = await makeCase(h.ctx, bob, { org: 'acme' });
    await db().updateTable('cases').set({ queue_key: 'emea' }).where('number', '=', opened.number).execute();
    const blocked = await tick(root).del('/api/v1/admin/queues/emea');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toBe(
      'This queue cannot be deleted: 1 open case is in it. Route, move or delete those first.',
    );
    await db().updateTable('cases').set({ status: 'closed' }).where('number', '=', opened.number).execute();

    const canned = await tick(root).post('/api/v1/canned-responses', {
      title: 'EMEA hours',
      body: 'We are here 8–18 CET.',
      queue: 'emea',
    });
    expect(canned.statusCode, canned.body).toBe(201);
    expect((await tick(root).del('/api/v1/admin/queues/emea')).json().error.message).toContain(
      '1 canned response belongs to it',
    );
    expect((await tick(root).del(`/api/v1/canned-responses/${canned.json().id}`)).statusCode).toBe(204);

    const deleted = await tick(root).del('/api/v1/admin/queues/emea');
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(
      await db().selectFrom('queue_members').selectAll().where('queue_key', '=', 'emea').execute(),
    ).toEqual([]);
    expect((await root.get('/api/v1/admin/queues/emea/members')).statusCode).toBe(404);
    expect((await tick(root).del('/api/v1/admin/queues/emea')).statusCode).toBe(404);
    expect((await tick(root).patch('/api/v1/admin/queues/emea', { name: 'x' })).statusCode).toBe(404);
  });
});
