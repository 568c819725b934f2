import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Context } from '../../context.ts';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type InboundKit, startInboundKit } from './inboundTestKit.ts';
import { MAX_RECIPIENTS, startMailListener } from './mailListener.ts';

const MAX_BYTES = 200_000;
const PER_SENDER = 3;

/** Sends raw SMTP lines and collects the server's replies (for what nodemailer would not send). */
async function smtpDialogue(port: number, lines: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (chunk) => {
    buffer += chunk.toString();
    let end = buffer.indexOf('\r\n');
    while (end !== -1) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // The last line of a reply has a space after the code (multi-line replies use a dash).
      if (/^\d{3} /.test(line)) {
        replies.push(line);
        waiting?.();
      }
      end = buffer.indexOf('\r\n');
    }
  });
  const next = () =>
    new Promise<void>((resolve) => {
      const count = replies.length;
      waiting = () => {
        if (replies.length > count) resolve();
      };
    });
  await next(); // greeting
  for (const line of lines) {
    const answered = next();
    socket.write(`${line}\r\n`);
    await answered;
  }
  socket.end();
  return replies;
}

describeEachDatabase('inbound mail: the SMTP listener', (dialect) => {
  let kit: InboundKit;
  let number: string;
  let address: string;
  const db = () => kit.h.ctx.database.db;
  const inboundCount = async () =>
    (await db().selectFrom('mail_messages').select('id').where('direction', '=', 'in').execute()).length;
  const emailComments = async () =>
    db()
      .selectFrom('comments')
      .innerJoin('cases', 'cases.id', 'comments.case_id')
      .select('comments.body')
      .where('cases.number', '=', number)
      .where('comments.via', '=', 'email')
      .execute();

  beforeAll(async () => {
    kit = await startInboundKit(dialect, { mailMaxBytes: MAX_BYTES, mailPerSenderPerHour: PER_SENDER });
    const bob = await kit.h.actor('bob@acme.example');
    number = (await makeCase(kit.h.ctx, bob)).number;
    address = await kit.replyAddress(number);
  });
  afterAll(async () => {
    await kit.close();
  });

  it('speaks plain SMTP for MAIL_DOMAIN only: no AUTH, no STARTTLS, relaying refused with 550', async () => {
    const replies = await smtpDialogue(kit.listener.port, [
      'EHLO client.example',
      'AUTH PLAIN AGJvYgBzZWNyZXQ=',
      'MAIL FROM:<relay-test@elsewhere.example>',
      'RCPT TO:<someone@elsewhere.example>',
      `RCPT TO:<SomeOne@${kit.domain.toUpperCase()}>`,
      'QUIT',
    ]);
    const [greeting, ehlo, auth, mailFrom, foreign, ours] = replies;
    expect(greeting).toMatch(/^220 /);
    expect(ehlo).toMatch(/^250 /);
    expect(auth).toMatch(/^5\d\d /);
    expect(mailFrom).toMatch(/^250 /);
    expect(foreign).toMatch(/^550 5\.7\.1 Relay not permitted/);
    expect(ours).toMatch(/^250 /);
    await expect(
      kit.send({ from: 'bob@acme.example', to: 'someone@elsewhere.example', subject: 'x', text: 'relay me' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it(`accepts at most ${MAX_RECIPIENTS} recipients per message`, async () => {
    const to = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `list-${i}@${kit.domain}`);
    const sent = await kit.send({ from: 'cap-test@elsewhere.example', to, subject: 'many', text: 'hi' });
    expect(sent.accepted).toHaveLength(MAX_RECIPIENTS);
    expect(sent.rejected).toEqual([to.at(-1)]);
  });

  it('refuses a message over MAIL_MAX_BYTES with 552 and records nothing', async () => {
    const before = await inboundCount();
    const error = await kit
      .send({
        from: 'bob@acme.example',
        to: address,
        subject: `Re: [Case ${number}] big`,
        text: 'With a big file',
        attachments: [{ filename: 'big.log', content: Buffer.alloc(MAX_BYTES, 'x') }],
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await inboundCount()).toBe(before);
    expect((await emailComments()).some((c) => c.body === 'With a big file')).toBe(false);
  });

  it('limits messages per sender per hour with 451, without touching other senders', async () => {
    const flood = {
      from: 'flood@elsewhere.example',
      to: `support@${kit.domain}`,
      subject: 'spam',
      text: 'buy',
    };
    for (let i = 0; i < PER_SENDER; i += 1) await kit.send(flood);
    await expect(kit.send(flood)).rejects.toMatchObject({ responseCode: 451 });
    const error = await kit.send(flood).catch((e: unknown) => e as { response: string });
    expect(error.response).toMatch(/^451 4\.7\.1 /);
    // Only the accepted ones were handled (and the stranger got one bounce for them).
    const records = await db()
      .selectFrom('mail_messages')
      .select('id')
      .where('from_address', '=', 'flood@elsewhere.example')
      .execute();
    expect(records).toHaveLength(PER_SENDER);
    const sent = await kit.send({
      from: 'bob@acme.example',
      to: address,
      subject: 'Re: ok',
      text: 'Bob is fine',
    });
    expect(sent.response).toContain(`Added to case ${number}`);
    // The next hour opens the window again.
    kit.h.clock.advance(3_600_000);
    expect((await kit.send(flood)).response).toMatch(/^250 /);
  });

  it('posts a message delivered twice at the same time once', async () => {
    const id = `<race.${randomBytes(6).toString('hex')}@mail.client.example>`;
    const message = {
      from: 'bob@acme.example',
      to: address,
      subject: 'Re: race',
      messageId: id,
      text: 'Raced',
    };
    const [a, b] = await Promise.all([kit.send(message), kit.send(message)]);
    expect([a.response, b.response].sort()).toEqual([
      expect.stringContaining('Added to case'),
      expect.stringContaining('Already received'),
    ]);
    expect((await emailComments()).filter((c) => c.body === 'Raced')).toHaveLength(1);
    const records = await db()
      .selectFrom('mail_messages')
      .select('status')
      .where('message_id', 'like', `${id}%`)
      .execute();
    expect(records.map((r) => r.status).sort()).toEqual(['duplicate', 'posted']);
  });

  it('answers 451 when the message cannot be handled, so the sender retries, and loses nothing', async () => {
    kit.h.clock.advance(3_600_000); // a new hour for bob's sender limit
    // A listener on a context whose write transactions fail (the rate-limit count is a single statement
    // outside them, so the message gets as far as posting).
    const broken: Context = {
      ...kit.h.ctx,
      database: {
        ...kit.h.ctx.database,
        transaction: () => Promise.reject(new Error('disk full')),
      },
    };
    const failing = await startMailListener(broken, { port: 0, host: '127.0.0.1' });
    const message = {
      from: 'bob@acme.example',
      to: address,
      subject: 'Re: retried',
      messageId: `<retry.${randomBytes(6).toString('hex')}@mail.client.example>`,
      text: 'Retried until it landed',
    };
    try {
      const nodemailer = (await import('nodemailer')).default;
      const client = nodemailer.createTransport({ host: '127.0.0.1', port: failing.port, ignoreTLS: true });
      const error = await client.sendMail(message).catch((e: unknown) => e);
      client.close();
      expect(error).toMatchObject({ responseCode: 451 });
    } finally {
      await failing.close();
    }
    expect((await emailComments()).some((c) => c.body === 'Retried until it landed')).toBe(false);
    // The sending MTA tries again later; this time the database is back.
    expect((await kit.send(message)).response).toContain('Added to case');
    expect((await emailComments()).filter((c) => c.body === 'Retried until it landed')).toHaveLength(1);
  });
});
