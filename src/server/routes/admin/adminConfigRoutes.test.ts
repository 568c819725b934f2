import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

const MINUTE = 60_000;

describeEachDatabase('administration: plans, SLA targets and issue areas', (dialect) => {
  let h: Harness;
  let root: Client;
  beforeAll(async () => {
    h = await createHarness(dialect);
    root = await h.signIn('root@support.example');
  });
  afterAll(() => h.close());
  const db = () => h.ctx.database.db;
  const caseRow = (number: string) =>
    db()
      .selectFrom('cases')
      .select(['id', 'created_at', 'first_response_due_at', 'status'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();

  it('lists plans with seats, support hours, targets and accounts (SPEC §4 defaults)', async () => {
    const res = await root.get('/api/v1/admin/plans');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        key: 'basic',
        escSeats: 5,
        supportHours: '24x5',
        accounts: 1,
        targets: { P1: 120, P2: 720, P3: 1440, P4: 1440 },
      }),
      expect.objectContaining({
        key: 'silver',
        escSeats: 10,
        supportHours: '24x7',
        accounts: 0,
        targets: { P1: 60, P2: 120, P3: 480, P4: 1440 },
      }),
      expect.objectContaining({
        key: 'gold',
        escSeats: 20,
        supportHours: '24x7',
        accounts: 1,
        targets: { P1: 30, P2: 60, P3: 240, P4: 1440 },
      }),
    ]);
    const targets = (await root.get('/api/v1/admin/sla-targets')).json();
    expect(targets.total).toBe(12);
    expect(targets.items[0]).toEqual({ plan: 'basic', priority: 'P1', minutes: 120 });
  });

  it('an SLA target change recomputes the due time of open cases not yet answered of that plan and priority', async () => {
    const bob = await h.actor('bob@acme.example');
    const hank = await h.actor('hank@globex.example');
    const gold = await makeCase(h.ctx, bob, { org: 'acme', priority: 'P3' });
    const goldP2 = await makeCase(h.ctx, bob, { org: 'acme', priority: 'P2' });
    const basic = await makeCase(h.ctx, hank, { org: 'globex', priority: 'P3' });
    const answered = await makeCase(h.ctx, bob, { org: 'acme', priority: 'P3' });
    await db()
      .updateTable('cases')
      .set({ first_responded_at: h.clock.now().toISOString() })
      .where('number', '=', answered.number)
      .execute();
    const before = {
      gold: await caseRow(gold.number),
      goldP2: await caseRow(goldP2.number),
      basic: await caseRow(basic.number),
      answered: await caseRow(answered.number),
    };
    expect(before.gold.first_response_due_at).toBe(
      new Date(Date.parse(before.gold.created_at) + 240 * MINUTE).toISOString(),
    );

    h.clock.advance(MINUTE);
    const res = await root.patch('/api/v1/admin/sla-targets', {
      targets: [{ plan: 'gold', priority: 'P3', minutes: 90 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toContainEqual({ plan: 'gold', priority: 'P3', minutes: 90 });
    expect(res.json().recomputedCases).toBeGreaterThanOrEqual(1);

    const after = await caseRow(gold.number);
    expect(after.first_response_due_at).toBe(
      new Date(Date.parse(after.created_at) + 90 * MINUTE).toISOString(),
    );
    expect((await caseRow(goldP2.number)).first_response_due_at).toBe(before.goldP2.first_response_due_at);
    expect((await caseRow(basic.number)).first_response_due_at).toBe(before.basic.first_response_due_at);
    expect((await caseRow(answered.number)).first_response_due_at).toBe(
      before.answered.first_response_due_at,
    );

    // the plan's targets show the change; a new case uses it
    const plans = (await root.get('/api/v1/admin/plans')).json().items;
    expect(plans.find((p: { key: string }) => p.key === 'gold').targets.P3).toBe(90);
    const fresh = await makeCase(h.ctx, bob, { org: 'acme', priority: 'P3' });
    const row = await caseRow(fresh.number);
    expect(row.first_response_due_at).toBe(new Date(Date.parse(row.created_at) + 90 * MINUTE).toISOString());

    // the same value again recomputes nothing
    const same = await root.patch('/api/v1/admin/sla-targets', {
      targets: [{ plan: 'gold', priority: 'P3', minutes: 90 }],
    });
    expect(same.json().recomputedCases).toBe(0);
  });

  it('validates targets field by field; nothing changes', async () => {
    const before = await db()
      .selectFrom('sla_targets')
      .selectAll()
      .orderBy('plan')
      .orderBy('priority')
      .execute();
    for (const [body, field] of [
      [{ targets: [{ plan: 'gold', priority: 'P1', minutes: 0 }] }, 'targets'],
      [{ targets: [{ plan: 'gold', priority: 'P1', minutes: 1.5 }] }, 'targets'],
      [{ targets: [{ plan: 'gold', priority: 'P9', minutes: 10 }] }, 'targets'],
      [{ targets: [{ plan: 'platinum', priority: 'P1', minutes: 10 }] }, 'targets'],
      [{ targets: [] }, 'targets'],
      [{}, 'targets'],
    ] as const) {
      const res = await root.patch('/api/v1/admin/sla-targets', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    const tooLong = await root.patch('/api/v1/admin/sla-targets', {
      targets: [{ plan: 'gold', priority: 'P1', minutes: 30 * 24 * 60 + 1 }],
    });
    expect(tooLong.json().error.fields.targets).toContain('at most 43,200 minutes');
    expect(
      await db().selectFrom('sla_targets').selectAll().orderBy('plan').orderBy('priority').execute(),
    ).toEqual(before);
  });

  it("a plan's ESC seats and support hours change; new hours move its open cases' due times", async () => {
    const hank = await h.actor('hank@globex.example');
    // a Saturday in UTC: on 24x5 the clock waits for Monday, on 24x7 it runs at once
    h.clock.set('2026-11-07T10:00:00.000Z');
    const opened = await makeCase(h.ctx, hank, {
      org: 'globex',
      priority: 'P1',
      p1Confirmed: true,
      contactTimezone: 'UTC',
    });
    const before = await caseRow(opened.number);
    expect(before.first_response_due_at).toBe('2026-11-09T02:00:00.000Z');

    const res = await root.patch('/api/v1/admin/plans/basic', {
      escSeats: 3,
      supportHours: '24x7',
      name: 'Basic',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ key: 'basic', name: 'Basic', escSeats: 3, supportHours: '24x7' });
    expect((await caseRow(opened.number)).first_response_due_at).toBe('2026-11-07T12:00:00.000Z');

    const gina = await h.signIn('gina@globex.example');
    expect((await gina.get('/api/v1/account/permissions')).json().escSeats).toEqual({ used: 0, cap: 3 });

    for (const body of [{ escSeats: -1 }, { escSeats: 2.5 }, { supportHours: '24x6' }, { name: '' }]) {
      const res = await root.patch('/api/v1/admin/plans/basic', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(Object.keys(body));
    }
    expect((await root.patch('/api/v1/admin/plans/platinum', { escSeats: 1 })).statusCode).toBe(404);
  });

  it('lists issue areas as a tree: each group followed by its areas, inactive ones included', async () => {
    const res = await root.get('/api/v1/admin/issue-areas');
    expect(res.statusCode, res.body).toBe(200);
    const items: { key: string; parent: string | null; queue: string }[] = res.json().items;
    expect(items[0]).toMatchObject({ key: 'sign-on', parent: null, queue: 'identity', active: true });
    expect(items[1]).toMatchObject({ key: 'saml-sso', parent: 'sign-on', common: true });
    // every area comes after its group
    items.forEach((a, i) => {
      if (a.parent) expect(items.findIndex((g) => g.key === a.parent)).toBeLessThan(i);
    });
  });

  it('creates a group and an area under it, routed to a queue; the case form shows them', async () => {
    const group = await root.post('/api/v1/admin/issue-areas', {
      key: 'billing',
      name: 'Billing',
      description: 'Invoices and licences',
      queue: 'accounts',
    });
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json()).toMatchObject({
      key: 'billing',
      parent: null,
      active: true,
      common: false,
      cases: 0,
    });
    const area = await root.post('/api/v1/admin/issue-areas', {
      key: 'invoices',
      parent: 'billing',
      name: 'Invoices',
      description: 'Missing or wrong invoices.',
      queue: 'accounts',
      common: true,
    });
    expect(area.statusCode, area.body).toBe(201);
    expect(area.json()).toMatchObject({ parent: 'billing', sortOrder: 0, common: true });

    const bob = await h.signIn('bob@acme.example');
    const form = (await bob.get('/api/v1/issue-areas')).json().items;
    expect(form).toContainEqual(
      expect.objectContaining({
        key: 'invoices',
        parent: 'billing',
        description: 'Missing or wrong invoices.',
        selectable: true,
      }),
    );
    const opened = await bob.post('/api/v1/cases', {
      priority: 'P4',
      subject: 'Invoice missing',
      description: 'The October invoice is missing.',
      org: 'acme',
      issueArea: 'invoices',
      scope: 'admins_only',
      caseEmail: 'bob@acme.example',
      contactPhone: '+14155550100',
      contactTimezone: 'America/Los_Angeles',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const row = await db()
      .selectFrom('cases')
      .select('queue_key')
      .where('number', '=', opened.json().number)
      .executeTakeFirstOrThrow();
    expect(row.queue_key).toBe('accounts');
  });

  it('refuses a duplicate key (409), a third level, an unknown queue or group (422), bad fields (400)', async () => {
    const dup = await root.post('/api/v1/admin/issue-areas', { key: 'mfa', name: 'MFA', queue: 'identity' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ key: 'Another issue area has this key' });

    const third = await root.post('/api/v1/admin/issue-areas', {
      key: 'deep',
      parent: 'invoices',
      name: 'Deep',
      queue: 'accounts',
    });
    expect(third.statusCode).toBe(422);
    expect(third.json().error.fields).toEqual({
      parent: 'Issue areas have two levels: choose a top-level group',
    });

    const queue = await root.post('/api/v1/admin/issue-areas', { key: 'x1', name: 'X', queue: 'nowhere' });
    expect(queue.statusCode).toBe(422);
    expect(queue.json().error.fields).toEqual({ queue: 'No queue with this key' });

    const parent = await root.post('/api/v1/admin/issue-areas', {
      key: 'x2',
      parent: 'nothing',
      name: 'X',
      queue: 'identity',
    });
    expect(parent.statusCode).toBe(422);
    expect(parent.json().error.fields).toEqual({ parent: 'No issue area group with this key' });

    const moveGroup = await root.patch('/api/v1/admin/issue-areas/billing', { parent: 'sign-on' });
    expect(moveGroup.statusCode).toBe(422);
    expect(moveGroup.json().error.fields.parent).toContain('has areas under it');

    const bad = await root.post('/api/v1/admin/issue-areas', {
      key: 'Bad Key',
      name: '',
      queue: 'identity',
      common: 'yes',
      sortOrder: -1,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['common', 'key', 'name', 'sortOrder']);

    expect((await root.patch('/api/v1/admin/issue-areas/nothing', { name: 'X' })).statusCode).toBe(404);
  });

  it('deactivating hides an area from the case form; its cases keep it; a group goes after its areas', async () => {
    const group = await root.patch('/api/v1/admin/issue-areas/billing', { active: false });
    expect(group.statusCode).toBe(409);
    expect(group.json().error).toMatchObject({
      code: 'group_has_active_areas',
      fields: { active: 'Deactivate the 1 active area of this group first' },
    });

    const res = await root.patch('/api/v1/admin/issue-areas/invoices', {
      active: false,
      description: 'Old invoices',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, description: 'Old invoices', cases: 1 });
    expect((await root.patch('/api/v1/admin/issue-areas/billing', { active: false })).statusCode).toBe(200);

    const bob = await h.signIn('bob@acme.example');
    const keys = (await bob.get('/api/v1/issue-areas')).json().items.map((a: { key: string }) => a.key);
    expect(keys).not.toContain('invoices');
    expect(keys).not.toContain('billing');
    // the case filed under it still opens, with its area
    const cases = (await bob.get('/api/v1/cases?status=all')).json().items;
    const invoiceCase = cases.find((c: { subject: string }) => c.subject === 'Invoice missing');
    const detail = await bob.get(`/api/v1/cases/${invoiceCase.number}`);
    expect(detail.statusCode).toBe(200);
    expect(JSON.stringify(detail.json().issueArea)).toContain('invoices');

    // reactivating the area under an inactive group is refused until the group is back
    const back = await root.patch('/api/v1/admin/issue-areas/invoices', { active: true });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('group_inactive');
    expect((await root.patch('/api/v1/admin/issue-areas/billing', { active: true })).statusCode).toBe(200);
    expect((await root.patch('/api/v1/admin/issue-areas/invoices', { active: true })).statusCode).toBe(200);
  });
});
