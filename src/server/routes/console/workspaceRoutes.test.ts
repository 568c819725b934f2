import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMail } from '../../mail/outbound/composeMail.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

/**
 * The case workspace's API (issue 6) end to end through HTTP, on both databases: routing, status and
 * priority changes (the customer sees the reason, by history and mail), assignment (take, assign,
 * round-robin under concurrency, unassign), queue moves, merges and their refusals, escalation handling,
 * and internal notes that never reach a customer.
 */
describeEachDatabase('support console workspace', (dialect) => {
  let h: Harness;
  let sam: Client;
  let mia: Client;
  let bob: Client;
  let hank: Client;
  const numberOf = new Map<string, string>();

  const bySubject = async (subject: string) => {
    const row = await h.ctx.database.db
      .selectFrom('cases')
      .selectAll()
      .where('subject', 'like', `${subject}%`)
      .executeTakeFirstOrThrow();
    numberOf.set(subject, row.number);
    return row;
  };
  const outboxOf = (caseId: string, topic: string) =>
    h.ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('topic', '=', topic)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const newCase = async (client: Client, issueArea: string, subject: string, org = 'acme') => {
    const res = await client.post('/api/v1/cases', {
      priority: 'P3',
      subject,
      description: 'Probe for the support console tests.',
      org,
      issueArea,
      scope: 'single_user',
      caseEmail: client.email,
      contactPhone: '+14155550100',
      contactTimezone: 'Europe/Berlin',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().number as string;
  };

  beforeAll(async () => {
    h = await createHarness(dialect);
    sam = await h.signIn('sam@support.example');
    mia = await h.signIn('mia@support.example');
    bob = await h.signIn('bob@acme.example');
    hank = await h.signIn('hank@globex.example');
  });
  afterAll(() => h.close());

  describe('routing', () => {
    it("routes a new case to its issue area's queue, and to triage when that queue does not exist", async () => {
      const routed = await newCase(bob, 'api-tokens', 'Routing probe: platform');
      expect((await mia.get(`/api/v1/cases/${routed}`)).json().queue).toEqual({
        key: 'platform',
        name: 'Platform & API',
      });
      await h.ctx.database.db
        .updateTable('issue_areas')
        .set({ queue_key: 'retired-queue' })
        .where('key', '=', 'groups')
        .execute();
      const unrouted = await newCase(bob, 'groups', 'Routing probe: unrouted');
      expect((await mia.get(`/api/v1/cases/${unrouted}`)).json().queue.key).toBe('triage');
      // Customers never see the queue.
      expect((await bob.get(`/api/v1/cases/${routed}`)).json().queue).toBeNull();
    });
  });

  describe('status and priority', () => {
    it('changes the status with a reason the customer sees, and refuses transitions that make no sense', async () => {
      const row = await bySubject('SAML assertion rejected');
      const res = await sam.post(`/api/v1/cases/${row.number}/status`, {
        status: 'pending_customer',
        reason: 'Waiting for the new certificate to be uploaded on your side.',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('pending_customer');
      const history = (await bob.get(`/api/v1/cases/${row.number}/history`)).json().items;
      expect(history).toContainEqual(
        expect.objectContaining({ action: 'status_changed', from: 'open', to: 'pending_customer' }),
      );
      expect(history).toContainEqual(
        expect.objectContaining({
          action: 'status_change_reason',
          to: 'Waiting for the new certificate to be uploaded on your side.',
        }),
      );
      const [mail] = await outboxOf(row.id, 'case.status_changed');
      const [message] = await composeMail(h.ctx, mail!);
      expect(message!.to).toContain('bob@acme.example');
      expect(message!.text).toContain('Waiting for the new certificate');

      const same = await sam.post(`/api/v1/cases/${row.number}/status`, { status: 'pending_customer' });
      expect(same.statusCode).toBe(409);
      expect(same.json().error.code).toBe('status_unchanged');
      const toNew = await sam.post(`/api/v1/cases/${row.number}/status`, { status: 'new' });
      expect(toNew.statusCode).toBe(409);
      expect(toNew.json().error.code).toBe('transition_not_allowed');
      const closed = await bySubject('All users locked out');
      const reopen = await sam.post(`/api/v1/cases/${closed.number}/status`, { status: 'open' });
      expect(reopen.statusCode).toBe(409);
      const bad = await sam.post(`/api/v1/cases/${row.number}/status`, { status: 'archived' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.status).toBeTruthy();
      // A customer may not use the staff route on their own case.
      const byBob = await bob.post(`/api/v1/cases/${row.number}/status`, { status: 'open' });
      expect(byBob.statusCode).toBe(403);
    });

    it('needs a reason for a priority change; the customer sees it in the history and the mail; the due time follows', async () => {
      const row = await bySubject('User cannot re-enrol');
      const noReason = await sam.post(`/api/v1/cases/${row.number}/priority`, { priority: 'P2' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.fields.reason).toMatch(/Reason is required/);
      const blank = await sam.post(`/api/v1/cases/${row.number}/priority`, { priority: 'P2', reason: '   ' });
      expect(blank.statusCode).toBe(400);

      const openCase = await bySubject('SCIM push to Slack');
      const before = openCase.first_response_due_at;
      const res = await sam.post(`/api/v1/cases/${openCase.number}/priority`, {
        priority: 'P1',
        reason: 'Every Slack user of the preview org is affected now.',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().priority).toBe('P1');
      const after = await bySubject('SCIM push to Slack');
      expect(Date.parse(after.first_response_due_at!)).toBeLessThan(Date.parse(before!));
      const dave = await h.signIn('dave@acme.example');
      const history = (await dave.get(`/api/v1/cases/${openCase.number}/history`)).json().items;
      expect(history).toContainEqual(
        expect.objectContaining({ action: 'priority_changed', from: 'P3', to: 'P1' }),
      );
      expect(history).toContainEqual(
        expect.objectContaining({
          action: 'priority_change_reason',
          to: 'Every Slack user of the preview org is affected now.',
        }),
      );
      const [mail] = await outboxOf(openCase.id, 'case.priority_changed');
      const [message] = await composeMail(h.ctx, mail!);
      expect(message!.text).toContain('Every Slack user of the preview org is affected now.');
      expect(message!.to).toContain('dave@acme.example');
    });
  });

  describe('assignment and queues', () => {
    it('takes, assigns within the queue (a manager: anyone), and unassigns', async () => {
      const number = await newCase(bob, 'mfa', 'Assignment probe');
      const take = await sam.post(`/api/v1/cases/${number}/assignment`, { action: 'take' });
      expect(take.statusCode, take.body).toBe(200);
      expect(take.json().owner.email).toBe('sam@support.example');
      const again = await sam.post(`/api/v1/cases/${number}/assignment`, { action: 'take' });
      expect(again.statusCode).toBe(409);

      const miaId = (await h.actor('mia@support.example')).id;
      const byEngineer = await sam.post(`/api/v1/cases/${number}/assignment`, {
        action: 'assign',
        userId: miaId,
      });
      expect(byEngineer.statusCode).toBe(422);
      expect(byEngineer.json().error.fields.userId).toMatch(/member/);
      const byManager = await mia.post(`/api/v1/cases/${number}/assignment`, {
        action: 'assign',
        userId: miaId,
      });
      expect(byManager.statusCode).toBe(200);
      expect(byManager.json().owner.email).toBe('mia@support.example');
      const toCustomer = await mia.post(`/api/v1/cases/${number}/assignment`, {
        action: 'assign',
        userId: (await h.actor('bob@acme.example')).id,
      });
      expect(toCustomer.statusCode).toBe(422);
      const missingUser = await mia.post(`/api/v1/cases/${number}/assignment`, { action: 'assign' });
      expect(missingUser.statusCode).toBe(400);
      expect(missingUser.json().error.fields.userId).toBeTruthy();

      const unassign = await mia.post(`/api/v1/cases/${number}/assignment`, { action: 'unassign' });
      expect(unassign.json().owner).toBeNull();
      expect((await mia.post(`/api/v1/cases/${number}/assignment`, { action: 'unassign' })).statusCode).toBe(
        409,
      );
      const history = (await mia.get(`/api/v1/cases/${number}/history`)).json().items;
      expect(history.filter((e: { action: string }) => e.action === 'owner_changed')).toHaveLength(3);
    });

    it('round-robin under concurrent assignments gives each member of the queue in turn', async () => {
      const db = h.ctx.database.db;
      const now = h.clock.now().toISOString();
      const members = ['sam@support.example', 'mia@support.example', 'root@support.example'];
      const ids = await Promise.all(members.map(async (m) => (await h.actor(m)).id));
      for (const id of ids) {
        await db
          .insertInto('queue_members')
          .values({ queue_key: 'accounts', user_id: id, added_at: now })
          .onConflict((oc) => oc.columns(['queue_key', 'user_id']).doNothing())
          .execute();
      }
      const numbers: string[] = [];
      for (let i = 0; i < 6; i++)
        numbers.push(await newCase(hank, 'licensing', `Round-robin probe ${i}`, 'globex'));
      const results = await Promise.all(
        numbers.map((n) => mia.post(`/api/v1/cases/${n}/assignment`, { action: 'round_robin' })),
      );
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      const owners = results.map((r) => r.json().owner.email as string);
      // Each member exactly twice: every assignment saw the cursor the previous one left.
      for (const m of members) expect(owners.filter((o) => o === m)).toHaveLength(2);
      // Without the lock, concurrent transactions would read the same cursor and pick the same member.
      const cursor = await db
        .selectFrom('queues')
        .select('rr_last_user_id')
        .where('key', '=', 'accounts')
        .executeTakeFirstOrThrow();
      expect(ids).toContain(cursor.rr_last_user_id);
    });

    it('moves a case to another queue; an engineer then sees it only while it is assigned to them', async () => {
      const number = await newCase(bob, 'saml-sso', 'Queue move probe');
      expect((await sam.post(`/api/v1/cases/${number}/queue`, { queue: 'nope' })).statusCode).toBe(422);
      const moved = await sam.post(`/api/v1/cases/${number}/queue`, { queue: 'platform' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().queue.key).toBe('platform');
      expect((await sam.get(`/api/v1/cases/${number}`)).statusCode).toBe(404);
      const samId = (await h.actor('sam@support.example')).id;
      await mia.post(`/api/v1/cases/${number}/assignment`, { action: 'assign', userId: samId });
      expect((await sam.get(`/api/v1/cases/${number}`)).statusCode).toBe(200);
      const list = (await sam.get('/api/v1/console/cases?assignee=me&q=Queue%20move')).json();
      expect(list.items.map((i: { number: string }) => i.number)).toEqual([number]);
      // The vendor's internal routing is in the staff history only.
      const actions = (res: { json(): { items: { action: string }[] } }) =>
        res.json().items.map((e) => e.action);
      expect(actions(await mia.get(`/api/v1/cases/${number}/history`))).toContain('queue_changed');
      expect(actions(await bob.get(`/api/v1/cases/${number}/history`))).not.toContain('queue_changed');
    });
  });

  describe('merge', () => {
    it('refuses merging into itself, across accounts, into a closed case or twice', async () => {
      const dup = await newCase(bob, 'saml-sso', 'Merge probe duplicate');
      const globex = (await bySubject('AD agent stopped')).number;
      const closed = (await bySubject('All users locked out')).number;
      const self = await sam.post(`/api/v1/cases/${dup}/merge`, { into: dup });
      expect(self.statusCode).toBe(422);
      const across = await mia.post(`/api/v1/cases/${dup}/merge`, { into: globex });
      expect(across.statusCode).toBe(422);
      expect(across.json().error.fields.into).toMatch(/another account/);
      const intoClosed = await sam.post(`/api/v1/cases/${dup}/merge`, { into: closed });
      expect(intoClosed.statusCode).toBe(409);
      const unknown = await sam.post(`/api/v1/cases/${dup}/merge`, { into: '99999999' });
      expect(unknown.statusCode).toBe(422);
      const badNumber = await sam.post(`/api/v1/cases/${dup}/merge`, { into: 'abc' });
      expect(badNumber.statusCode).toBe(400);
    });

    it('merges a duplicate: public comment and closed on the duplicate, internal note on the target', async () => {
      const target = await newCase(bob, 'saml-sso', 'Merge probe target');
      const dup = await newCase(bob, 'saml-sso', 'Merge probe second report');
      const res = await sam.post(`/api/v1/cases/${dup}/merge`, { into: target });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'closed', mergedInto: target });
      const bobDup = await bob.get(`/api/v1/cases/${dup}`);
      expect(bobDup.json().mergedInto).toBe(target);
      const comments = (await bob.get(`/api/v1/cases/${dup}/comments`)).json().items;
      expect(comments.at(-1).body).toContain(`merged into case ${target}`);
      const targetComments = (await bob.get(`/api/v1/cases/${target}/comments`)).json().items;
      expect(targetComments.some((c: { body: string }) => c.body.includes(dup))).toBe(false);
      const staffComments = (await sam.get(`/api/v1/cases/${target}/comments`)).json().items;
      expect(staffComments).toContainEqual(expect.objectContaining({ internal: true }));
      const targetHistory = (await sam.get(`/api/v1/cases/${target}/history`)).json().items;
      expect(targetHistory).toContainEqual(expect.objectContaining({ action: 'case_merged_in', to: dup }));
      const again = await sam.post(`/api/v1/cases/${dup}/merge`, { into: target });
      expect(again.statusCode).toBe(409);
      const third = await newCase(bob, 'saml-sso', 'Merge probe third');
      const intoMerged = await sam.post(`/api/v1/cases/${third}/merge`, { into: dup });
      expect(intoMerged.statusCode).toBe(409);
    });
  });

  describe('escalations', () => {
    it('managers acknowledge and resolve with a note the customer sees, by page and mail; engineers may not', async () => {
      const row = await bySubject('AD agent stopped');
      const req = await hank.post(`/api/v1/cases/${row.number}/escalation`, {
        reason: 'New hires cannot sign in',
        justification: 'Twenty people start on Monday.',
      });
      expect(req.statusCode, req.body).toBe(201);
      const note = 'A senior engineer is on it; next update within 2 hours.';
      expect(
        (await sam.post(`/api/v1/cases/${row.number}/escalation/acknowledge`, { note })).statusCode,
      ).toBe(403);
      expect((await mia.post(`/api/v1/cases/${row.number}/escalation/acknowledge`, {})).statusCode).toBe(400);
      const list = (await mia.get('/api/v1/escalations')).json();
      expect(list.items).toContainEqual(
        expect.objectContaining({
          state: 'requested',
          case: expect.objectContaining({ number: row.number }),
        }),
      );
      const ack = await mia.post(`/api/v1/cases/${row.number}/escalation/acknowledge`, { note });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(ack.json().escalation).toBe('acknowledged');
      const seen = (await hank.get(`/api/v1/cases/${row.number}`)).json();
      expect(seen.escalations.at(-1)).toMatchObject({ state: 'acknowledged', acknowledgementNote: note });
      const [mail] = await outboxOf(row.id, 'case.escalation_updated');
      const [message] = await composeMail(h.ctx, mail!);
      expect(message!.text).toContain(note);
      expect(message!.to).toContain('hank@globex.example');
      expect(
        (await mia.post(`/api/v1/cases/${row.number}/escalation/acknowledge`, { note })).statusCode,
      ).toBe(409);

      const resolved = await mia.post(`/api/v1/cases/${row.number}/escalation/resolve`, {
        note: 'Agent fixed.',
      });
      expect(resolved.statusCode).toBe(200);
      expect((await hank.get(`/api/v1/cases/${row.number}`)).json().escalations.at(-1)).toMatchObject({
        state: 'resolved',
        resolutionNote: 'Agent fixed.',
      });
      expect(await outboxOf(row.id, 'case.escalation_updated')).toHaveLength(2);
      const active = (await mia.get('/api/v1/escalations?state=active')).json().items;
      expect(active.map((e: { case: { number: string } }) => e.case.number)).not.toContain(row.number);
      const all = (await mia.get('/api/v1/escalations?state=resolved')).json().items;
      expect(all[0]).toMatchObject({ acknowledgementNote: note, resolutionNote: 'Agent fixed.' });
      expect(all[0].acknowledgedBy.email).toBe('mia@support.example');
    });
  });

  describe('internal notes', () => {
    it('an internal note never reaches the customer: comments, case, history, mail', async () => {
      const row = await bySubject('SAML assertion rejected');
      const secret = 'Internal: the customer tenant has a stale metadata cache — do not tell them yet.';
      const note = await sam.post(`/api/v1/cases/${row.number}/comments`, { body: secret, internal: true });
      expect(note.statusCode, note.body).toBe(201);
      const reply = await sam.post(`/api/v1/cases/${row.number}/comments`, {
        body: 'We found the cause and are fixing it.',
        internal: false,
      });
      expect(reply.statusCode).toBe(201);
      for (const url of ['', '/comments', '/history', '/attachments']) {
        const res = await bob.get(`/api/v1/cases/${row.number}${url}`);
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('stale metadata');
      }
      expect((await bob.get(`/api/v1/cases/${row.number}/history`)).body).not.toContain(
        'internal_note_added',
      );
      expect((await sam.get(`/api/v1/cases/${row.number}/comments`)).body).toContain('stale metadata');
      const mails = await h.ctx.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('case_id', '=', row.id)
        .execute();
      for (const m of mails) {
        for (const message of await composeMail(h.ctx, m)) {
          expect(message.text + message.html).not.toContain('stale metadata');
        }
      }
      // The public reply did go out.
      const texts = (await Promise.all(mails.map((m) => composeMail(h.ctx, m)))).flat().map((m) => m.text);
      expect(texts.some((t) => t.includes('We found the cause'))).toBe(true);
      // A customer cannot write one.
      const byBob = await bob.post(`/api/v1/cases/${row.number}/comments`, { body: 'x', internal: true });
      expect(byBob.statusCode).toBe(403);
    });
  });

  describe('the staff case list', () => {
    it('lists the queues with counts, sorts by time to breach and filters', async () => {
      const queues = (await sam.get('/api/v1/queues')).json();
      const identity = queues.items.find((q: { key: string }) => q.key === 'identity');
      expect(identity).toMatchObject({ member: true, name: 'Identity & sign-on' });
      expect(identity.counts.open).toBeGreaterThan(0);
      expect(queues.items.find((q: { key: string }) => q.key === 'platform').member).toBe(false);
      const members = (await sam.get('/api/v1/queues/identity/members')).json();
      expect(members.items.map((m: { email: string }) => m.email)).toContain('sam@support.example');
      expect((await sam.get('/api/v1/queues/nope/members')).statusCode).toBe(404);

      const list = (await mia.get('/api/v1/console/cases?pageSize=100')).json();
      expect(list.total).toBe(list.items.length);
      const running = list.items.filter((i: { sla: { state: string } }) => i.sla.state === 'running');
      const dues = running.map((i: { sla: { dueAt: string } }) => Date.parse(i.sla.dueAt));
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
      // Running clocks come before paused and answered ones.
      const states = list.items.map((i: { sla: { state: string } }) => i.sla.state);
      const lastRunning = states.lastIndexOf('running');
      const firstOther = states.findIndex((s: string) => s === 'paused' || s === 'met');
      if (firstOther >= 0 && lastRunning >= 0) expect(lastRunning).toBeLessThan(firstOther);
      for (const item of list.items) expect(['new', 'open', 'pending_customer']).toContain(item.status);

      const mine = (await sam.get('/api/v1/console/cases?queue=mine&pageSize=100')).json();
      // sam's demo queues, plus accounts, which the round-robin test made him a member of.
      const samQueues = ['identity', 'lifecycle', 'triage', 'accounts'];
      expect(mine.items.length).toBeGreaterThan(0);
      for (const item of mine.items) expect(samQueues).toContain(item.queue.key);
      const gold = (await mia.get('/api/v1/console/cases?plan=basic&status=all&pageSize=100')).json();
      for (const item of gold.items) expect(item.plan).toBe('basic');
      expect(gold.items.length).toBeGreaterThan(0);
      const p1 = (await mia.get('/api/v1/console/cases?priority=P1&status=all')).json();
      for (const item of p1.items) expect(item.priority).toBe('P1');

      // Breach filters: move the clock a day on; every unanswered running case is overdue.
      h.clock.advance(3 * 86_400_000);
      const breached = (await mia.get('/api/v1/console/cases?breach=breached&pageSize=100')).json();
      expect(breached.items.length).toBeGreaterThan(0);
      for (const item of breached.items) expect(item.sla.breached).toBe(true);
      const counts = (await mia.get('/api/v1/queues')).json();
      const total = counts.items.reduce(
        (n: number, q: { counts: { breached: number } }) => n + q.counts.breached,
        0,
      );
      expect(total).toBeGreaterThan(0);
      const bad = await mia.get('/api/v1/console/cases?breach=soon');
      expect(bad.statusCode).toBe(400);
    });
  });
});
