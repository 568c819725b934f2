import { afterAll, beforeAll, expect, it } from 'vitest';
import { addComment } from '../../commands/addComment.ts';
import { createMailTransport } from '../../mail/outbound/transport.ts';
import { OutboxWorker } from '../../outbox/worker.ts';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

describeEachDatabase('mail log and dev mailbox routes', (dialect) => {
  let h: Harness;
  let number: string;
  beforeAll(async () => {
    h = await createHarness(dialect);
    const bob = await h.actor('bob@acme.example');
    const sam = await h.actor('sam@support.example');
    number = (await makeCase(h.ctx, bob, { subject: 'Dev mailbox shows this' })).number;
    await addComment(h.ctx, sam, number, { body: 'A secret internal note', internal: true });
    // No SMTP_URL: the worker keeps the mail in the dev mailbox.
    await new OutboxWorker(h.ctx, createMailTransport({ smtpUrl: undefined })).drain();
  });
  afterAll(() => h.close());

  it('shows staff what would have been sent, newest first, filtered by case', async () => {
    const sam = await h.signIn('sam@support.example');
    const res = await sam.get(`/api/v1/mail/messages?case=${Number(number)}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      direction: 'out',
      caseNumber: number,
      subject: `[Case ${number}] Dev mailbox shows this`,
      transport: 'dev_mailbox',
      status: 'sent',
      to: ['bob@acme.example'],
    });
    const one = await sam.get(`/api/v1/mail/messages/${list.items[0].id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().text).toContain(number);
    expect(one.json().html).toContain('<');
    const all = (await sam.get('/api/v1/mail/messages?direction=out&pageSize=100')).json();
    expect(all.total).toBeGreaterThan(1); // the demo cases' confirmations too
    for (const m of all.items) expect(JSON.stringify(m)).not.toContain('secret internal note');
  });

  it('is closed to customers, and unknown ids are 404', async () => {
    for (const email of ['bob@acme.example', 'dave@acme.example', 'alice@acme.example']) {
      const c = await h.signIn(email);
      expect((await c.get('/api/v1/mail/messages')).statusCode, email).toBe(403);
      expect((await c.get('/api/v1/mail/outbox')).statusCode, email).toBe(403);
    }
    const sam = await h.signIn('sam@support.example');
    expect((await sam.get('/api/v1/mail/messages/nope')).statusCode).toBe(404);
    expect((await sam.get('/api/v1/mail/messages?case=abc')).statusCode).toBe(400);
  });

  it('lists deliveries given up, and lets a manager retry one', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number: n2 } = await makeCase(h.ctx, bob);
    const row = await h.ctx.database.db
      .selectFrom('outbox')
      .innerJoin('cases', 'cases.id', 'outbox.case_id')
      .select('outbox.id')
      .where('cases.number', '=', n2)
      .executeTakeFirstOrThrow();
    await h.ctx.database.db
      .updateTable('outbox')
      .set({ attempts: 20, dead_at: h.clock.now().toISOString(), last_error: 'ECONNREFUSED 127.0.0.1:25' })
      .where('id', '=', row.id)
      .execute();
    const sam = await h.signIn('sam@support.example');
    const given = (await sam.get('/api/v1/mail/outbox?state=given_up')).json();
    expect(given.items).toEqual([
      expect.objectContaining({
        id: row.id,
        caseNumber: n2,
        attempts: 20,
        lastError: 'ECONNREFUSED 127.0.0.1:25',
      }),
    ]);
    expect((await sam.post(`/api/v1/mail/outbox/${row.id}/retry`)).statusCode).toBe(403);
    const mia = await h.signIn('mia@support.example');
    expect((await mia.post(`/api/v1/mail/outbox/${row.id}/retry`)).statusCode).toBe(204);
    expect((await mia.post(`/api/v1/mail/outbox/${row.id}/retry`)).statusCode).toBe(409);
    expect((await mia.post('/api/v1/mail/outbox/nope/retry')).statusCode).toBe(404);
    expect((await sam.get('/api/v1/mail/outbox?state=given_up')).json().items).toEqual([]);
    await new OutboxWorker(h.ctx, createMailTransport({ smtpUrl: undefined })).drain();
    const sent = await h.ctx.database.db
      .selectFrom('outbox')
      .select('sent_at')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(sent.sent_at).not.toBeNull();
  });
});
