import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addComment } from '../commands/addComment.ts';
import { createMailTransport } from '../mail/outbound/transport.ts';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { type SmtpSink, startSmtpSink } from '../testing/smtpSink.ts';
import { OutboxWorker, retryDelayMs } from './worker.ts';

const DOMAIN = 'casebook.localhost';
const run = promisify(execFile);
const WORKER_PROCESS = join(import.meta.dirname, '../testing/drainOutboxProcess.ts');

describe('retryDelayMs', () => {
  it('doubles from 30 s up to an hour, with at most 10% jitter', () => {
    expect(retryDelayMs(1, () => 0)).toBe(30_000);
    expect(retryDelayMs(2, () => 0)).toBe(60_000);
    expect(retryDelayMs(5, () => 0)).toBe(480_000);
    expect(retryDelayMs(20, () => 0)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 0.999)).toBeLessThanOrEqual(33_000);
  });
});

describeEachDatabase('outbox worker: notifications by SMTP', (dialect) => {
  let h: Harness;
  let sink: SmtpSink;
  let worker: OutboxWorker;
  const smtp = () => createMailTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}` });

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await createHarness(dialect);
    // The demo data's own notifications are not what these tests are about.
    await h.ctx.database.db.updateTable('outbox').set({ sent_at: h.clock.now().toISOString() }).execute();
    worker = new OutboxWorker(h.ctx, smtp());
  });
  afterAll(async () => {
    await sink.stop().catch(() => {});
    await h.close();
  });
  beforeEach(() => {
    sink.messages.length = 0;
  });

  it("sends one threaded confirmation of a new case to the case email and the team, with the case's reply address", async () => {
    const bob = await h.actor('bob@acme.example');
    const { number } = await makeCase(h.ctx, bob, {
      teamContacts: ['dave@acme.example'],
      subject: 'SSO down <b>',
    });
    expect(await worker.drain()).toBe(1);
    expect(sink.messages).toHaveLength(1);
    const [m] = sink.messages;
    const token = (
      await h.ctx.database.db
        .selectFrom('cases')
        .select('reply_token')
        .where('number', '=', number)
        .executeTakeFirst()
    )?.reply_token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(m!.recipients.sort()).toEqual(['bob@acme.example', 'dave@acme.example']);
    expect(m!.parsed.messageId).toBe(`<case-${number}@${DOMAIN}>`);
    expect(m!.parsed.replyTo?.value[0]?.address).toBe(`support+${number}.${token}@${DOMAIN}`);
    expect(m!.parsed.subject).toBe(`[Case ${number}] SSO down <b>`);
    expect(m!.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(m!.parsed.text).toContain(number);
    expect(m!.parsed.html).toContain('SSO down &lt;b&gt;');
    // the worker keeps what it sent
    const sent = await h.ctx.database.db
      .selectFrom('mail_messages')
      .select(['message_id', 'transport', 'status'])
      .where('direction', '=', 'out')
      .where('message_id', '=', `<case-${number}@${DOMAIN}>`)
      .execute();
    expect(sent).toEqual([{ message_id: `<case-${number}@${DOMAIN}>`, transport: 'smtp', status: 'sent' }]);
  });

  it('threads a support reply under the case and never mails an internal note', async () => {
    const bob = await h.actor('bob@acme.example');
    const sam = await h.actor('sam@support.example');
    const { number } = await makeCase(h.ctx, bob, { teamContacts: ['dave@acme.example'] });
    await worker.drain();
    sink.messages.length = 0;
    await addComment(h.ctx, sam, number, {
      body: 'Internal: customer misconfigured the ACS URL',
      internal: true,
    });
    await addComment(h.ctx, sam, number, {
      body: 'Please check the **ACS URL** in the app settings.',
      internal: false,
    });
    await worker.drain();
    expect(sink.messages).toHaveLength(1);
    const reply = sink.messages[0]!.parsed;
    expect(reply.inReplyTo).toBe(`<case-${number}@${DOMAIN}>`);
    expect(reply.references).toEqual(`<case-${number}@${DOMAIN}>`);
    expect(reply.html).toContain('<strong>ACS URL</strong>');
    for (const m of sink.messages) {
      expect(m.raw.toString()).not.toContain('misconfigured');
    }
    // A customer's own comment goes to the others, not back to its author.
    sink.messages.length = 0;
    await addComment(h.ctx, bob, number, { body: 'Done, thanks', internal: false });
    await worker.drain();
    expect(sink.messages.map((m) => m.recipients)).toEqual([['dave@acme.example']]);
  });

  it('keeps mail through a relay outage and delivers each message once when it returns', async () => {
    const bob = await h.actor('bob@acme.example');
    await sink.stop();
    const opened = [];
    for (let i = 0; i < 3; i++) opened.push(await makeCase(h.ctx, bob));
    expect(await worker.runOnce()).toBe(3);
    const failed = await h.ctx.database.db
      .selectFrom('outbox')
      .select(['attempts', 'last_error', 'available_at', 'sent_at'])
      .where('sent_at', 'is', null)
      .execute();
    expect(failed).toHaveLength(3);
    for (const f of failed) {
      expect(f.attempts).toBe(1);
      expect(f.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(Date.parse(f.available_at)).toBeGreaterThan(h.clock.now().getTime());
    }
    // not due yet: nothing is tried
    expect(await worker.runOnce()).toBe(0);
    await sink.restart();
    h.clock.advance(40_000);
    expect(await worker.drain()).toBe(3);
    expect(sink.messages).toHaveLength(3);
    for (const { number } of opened) expect(sink.count(`<case-${number}@${DOMAIN}>`)).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(sink.messages).toHaveLength(3);
  });

  it('gives up after the last attempt and says why', async () => {
    const bob = await h.actor('bob@acme.example');
    const dead = new OutboxWorker(
      { ...h.ctx, config: { ...h.ctx.config, mailMaxAttempts: 2 } },
      createMailTransport({ smtpUrl: 'smtp://127.0.0.1:9' }),
    );
    await makeCase(h.ctx, bob);
    await dead.runOnce();
    h.clock.advance(3_600_000);
    await dead.runOnce();
    const row = await h.ctx.database.db
      .selectFrom('outbox')
      .select(['attempts', 'dead_at', 'last_error'])
      .where('dead_at', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBeTruthy();
    h.clock.advance(10 * 3_600_000);
    expect(await dead.runOnce()).toBe(0); // given up: no more attempts until staff retry it
    await h.ctx.database.db
      .updateTable('outbox')
      .set({ sent_at: h.clock.now().toISOString() })
      .where('dead_at', 'is not', null)
      .execute();
  });

  it('never sends a message twice with three worker processes on one database', async () => {
    const bob = await h.actor('bob@acme.example');
    const numbers: string[] = [];
    for (let i = 0; i < 30; i++) numbers.push((await makeCase(h.ctx, bob)).number);
    const outputs = await Promise.all(
      ['w1', 'w2', 'w3'].map((id) =>
        run(process.execPath, [
          '--import',
          'tsx',
          WORKER_PROCESS,
          h.ctx.config.databaseUrl,
          h.ctx.config.dataDir,
          `smtp://127.0.0.1:${sink.port}`,
          id,
        ]),
      ),
    );
    const handled = outputs.map((o) => Number(o.stdout));
    expect(handled.reduce((a, b) => a + b, 0)).toBe(30);
    expect(sink.messages).toHaveLength(30);
    for (const n of numbers) expect(sink.count(`<case-${n}@${DOMAIN}>`)).toBe(1);
  }, 60_000);

  it('lets another worker finish the batch of a worker that died holding it, sending nothing twice', async () => {
    const bob = await h.actor('bob@acme.example');
    const numbers: string[] = [];
    for (let i = 0; i < 6; i++) numbers.push((await makeCase(h.ctx, bob)).number);
    // The dying worker's relay takes two messages, then its process stops answering for good.
    const real = smtp();
    let sent = 0;
    const dying = new OutboxWorker(
      h.ctx,
      {
        kind: 'smtp',
        async send(mail) {
          if (sent++ >= 2) await new Promise(() => {});
          await real.send(mail);
        },
        close: () => real.close(),
      },
      { id: 'dying', batchSize: 6, leaseMs: 60_000 },
    );
    void dying.runOnce();
    await sink.waitFor(2);
    // The relay has the second message before the dying worker records it (and marks its row sent): wait
    // for the record, else the next worker would rightly see that row as not yet delivered.
    const caseIds = (
      await h.ctx.database.db.selectFrom('cases').select('id').where('number', 'in', numbers).execute()
    ).map((c) => c.id);
    for (let i = 0; i < 200; i++) {
      const done = await h.ctx.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('case_id', 'in', caseIds)
        .where('sent_at', 'is not', null)
        .executeTakeFirstOrThrow();
      if (Number(done.n) >= 2) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // While its claim holds, nobody else takes the rows.
    expect(await worker.runOnce()).toBe(0);
    h.clock.advance(61_000);
    expect(await worker.drain()).toBe(4);
    expect(sink.messages).toHaveLength(6);
    for (const n of numbers) expect(sink.count(`<case-${n}@${DOMAIN}>`)).toBe(1);
  });
});
