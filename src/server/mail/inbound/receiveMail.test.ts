import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { addTeamContact } from '../../commands/addTeamContact.ts';
import { newId } from '../../db/ids.ts';
import type { BouncePayload } from '../../outbox/enqueue.ts';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { REPLY_MARKER } from '../templates/mailEvents.ts';
import { type InboundKit, startInboundKit } from './inboundTestKit.ts';
import { receiveMail } from './receiveMail.ts';

const HOUR = 3_600_000;

describeEachDatabase('inbound mail: replies become comments', (dialect) => {
  let kit: InboundKit;
  const db = () => kit.h.ctx.database.db;
  const messageId = () => `<${randomBytes(8).toString('hex')}@mail.client.example>`;

  beforeAll(async () => {
    kit = await startInboundKit(dialect);
    await kit.drainOutbox(); // the demo cases' own notifications
  });
  afterAll(async () => {
    await kit.close();
  });
  // Bounces are limited to one per sender, reason and hour: each test starts in a new hour.
  beforeEach(() => kit.h.clock.advance(HOUR));

  async function bobsCase(overrides: Parameters<typeof makeCase>[2] = {}) {
    const bob = await kit.h.actor('bob@acme.example');
    const { number, id } = await makeCase(kit.h.ctx, bob, overrides);
    return { number, id, address: await kit.replyAddress(number) };
  }

  async function comments(number: string, as = 'bob@acme.example') {
    const client = await kit.h.signIn(as);
    const res = await client.get(`/api/v1/cases/${number}/comments`);
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: { body: string; via: string; author: { email: string } | null }[] }).items;
  }

  async function inbound(id: string) {
    return db()
      .selectFrom('mail_messages')
      .selectAll()
      .where('direction', '=', 'in')
      .where('message_id', '=', id)
      .executeTakeFirst();
  }

  async function bounces(to: string) {
    const rows = await db()
      .selectFrom('outbox')
      .select(['payload', 'case_id'])
      .where('topic', '=', 'mail.bounce')
      .orderBy('id')
      .execute();
    return rows
      .map((r) => ({ ...(JSON.parse(r.payload) as BouncePayload), caseId: r.case_id }))
      .filter((b) => b.to === to);
  }

  it("posts bob's reply to the case's reply address as his comment, without the quoted notification", async () => {
    const { number, id: caseId, address } = await bobsCase({ teamContacts: ['dave@acme.example'] });
    const notification = await db()
      .selectFrom('mail_messages')
      .select(['message_id', 'text_body', 'subject'])
      .where('direction', '=', 'out')
      .where('message_id', '=', `<case-${number}@${kit.domain}>`)
      .executeTakeFirstOrThrow();
    const quoted = notification.text_body
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    const id = messageId();
    const sent = await kit.send({
      from: 'Bob Smith <BOB@acme.example>',
      to: address,
      subject: `Re: ${notification.subject}`,
      messageId: id,
      inReplyTo: notification.message_id,
      references: [notification.message_id],
      text: `The restart fixed it.\nYou may close the case.\n\nBob\n\nOn Mon, 2 Nov 2026 at 09:00, Casebook Support <${address}> wrote:\n${quoted}\n`,
    });
    expect(sent.response).toContain(`Added to case ${number}`);

    const items = await comments(number);
    expect(items.at(-1)).toMatchObject({
      body: 'The restart fixed it.\nYou may close the case.\n\nBob',
      via: 'email',
      author: { email: 'bob@acme.example' },
    });
    expect(items.some((c) => c.body.includes(REPLY_MARKER))).toBe(false);
    const record = await inbound(id);
    expect(record).toMatchObject({ status: 'posted', from_address: 'bob@acme.example', transport: 'smtp' });
    expect(record?.comment_id).toBeTruthy();

    // The team hears of it the way it hears of a comment on the web, and bob does not get his own reply.
    const outbox = await db()
      .selectFrom('outbox')
      .select(['id', 'payload'])
      .where('topic', '=', 'case.comment_added')
      .where('case_id', '=', caseId)
      .execute();
    const notice = outbox.filter((o) => JSON.parse(o.payload).commentId === record?.comment_id);
    expect(notice).toHaveLength(1);
    await kit.drainOutbox();
    const told = await db()
      .selectFrom('mail_messages')
      .select(['to_addresses', 'cc_addresses', 'text_body'])
      .where('direction', '=', 'out')
      .where('outbox_id', '=', notice[0]!.id)
      .executeTakeFirstOrThrow();
    expect([...JSON.parse(told.to_addresses), ...JSON.parse(told.cc_addresses)]).toEqual([
      'dave@acme.example',
    ]);
    expect(told.text_body).toContain('The restart fixed it.');
  });

  it('reopens a case pending the customer, as a comment on the web does, and strips an HTML reply', async () => {
    const { number, id, address } = await bobsCase();
    await db().updateTable('cases').set({ status: 'pending_customer' }).where('id', '=', id).execute();
    await kit.send({
      from: 'bob@acme.example',
      to: address,
      subject: `Re: [Case ${number}] logs`,
      html:
        '<div dir="ltr">Here are the logs you asked for.</div><br><div class="gmail_quote">' +
        `<div class="gmail_attr">On Mon, Nov 2, 2026 at 9:00 AM Casebook Support wrote:</div><blockquote class="gmail_quote"><div>${REPLY_MARKER}</div><div>Could you send the logs?</div></blockquote></div>`,
    });
    expect((await comments(number)).at(-1)?.body).toBe('Here are the logs you asked for.');
    const row = await db()
      .selectFrom('cases')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
    const history = await db()
      .selectFrom('case_history')
      .select(['action', 'new_value'])
      .where('case_id', '=', id)
      .where('action', '=', 'status_changed')
      .execute();
    expect(history).toContainEqual({ action: 'status_changed', new_value: 'open' });
  });

  it('threads by In-Reply-To, then References, to a mail we sent, when the reply address is not ours', async () => {
    const { number, id } = await bobsCase();
    const sentId = `<earlier.${randomBytes(4).toString('hex')}@${kit.domain}>`;
    const now = kit.h.clock.now().toISOString();
    await db()
      .insertInto('mail_messages')
      .values({
        id: newId(),
        direction: 'out',
        case_id: id,
        outbox_id: null,
        message_id: sentId,
        in_reply_to: null,
        references_header: null,
        from_address: `support@${kit.domain}`,
        to_addresses: '["bob@acme.example"]',
        cc_addresses: '[]',
        subject: 'A reply from support',
        text_body: 'Hello Bob',
        html_body: null,
        transport: 'dev_mailbox',
        status: 'sent',
        detail: null,
        comment_id: null,
        created_at: now,
      })
      .execute();
    await kit.send({
      from: 'bob@acme.example',
      to: `support@${kit.domain}`,
      subject: 'Re: A reply from support',
      inReplyTo: sentId,
      text: 'Answer by In-Reply-To',
    });
    await kit.send({
      from: 'bob@acme.example',
      to: `support@${kit.domain}`,
      subject: 'Re: A reply from support',
      inReplyTo: '<unknown@elsewhere.example>',
      references: ['<older@elsewhere.example>', sentId, '<unknown@elsewhere.example>'],
      text: 'Answer by References',
    });
    expect((await comments(number)).map((c) => c.body).slice(-2)).toEqual([
      'Answer by In-Reply-To',
      'Answer by References',
    ]);
  });

  it('finds the reply address in To when the relay in front rewrote the envelope recipient', async () => {
    const { number, address } = await bobsCase();
    const sent = await kit.send({
      from: 'bob@acme.example',
      to: address,
      envelope: { from: 'bob@acme.example', to: [`inbox@${kit.domain}`] },
      subject: 'Re: no number here',
      text: 'Threaded by the To header',
    });
    expect(sent.response).toContain(`Added to case ${number}`);
    expect((await comments(number)).at(-1)?.body).toBe('Threaded by the To header');
  });

  it('threads by the case number in the subject as the last resort', async () => {
    const { number } = await bobsCase();
    const sent = await kit.send({
      from: 'bob@acme.example',
      to: `help@${kit.domain}`,
      subject: `More details on case ${number}`,
      text: 'Threaded by its subject',
    });
    expect(sent.response).toContain(`Added to case ${number}`);
    expect((await comments(number)).at(-1)?.body).toBe('Threaded by its subject');
  });

  it('does not thread by a reply address whose token is wrong, and bounces what threads to no case', async () => {
    const { number } = await bobsCase();
    const id = messageId();
    const sent = await kit.send({
      from: 'bob@acme.example',
      to: `support+${number}.WrongToken123456@${kit.domain}`,
      subject: 'Hello',
      messageId: id,
      text: 'Guessed address',
    });
    expect(sent.response).toContain('Not added to a case');
    expect((await comments(number)).some((c) => c.body === 'Guessed address')).toBe(false);
    expect(await inbound(id)).toMatchObject({ status: 'bounced', case_id: null, detail: 'no_matching_case' });
    const [bounce, ...more] = await bounces('bob@acme.example');
    expect(more).toEqual([]);
    expect(bounce).toMatchObject({
      reason: 'no_matching_case',
      originalSubject: 'Hello',
      originalMessageId: id,
      caseId: null,
      detail: expect.stringContaining('http://localhost:3000/cases/new'),
    });
    // The worker turns it into a bounce from the null sender that points to the portal.
    await kit.drainOutbox();
    const rendered = await db()
      .selectFrom('mail_messages')
      .select(['to_addresses', 'text_body', 'in_reply_to'])
      .where('direction', '=', 'out')
      .where('in_reply_to', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(rendered.to_addresses)).toEqual(['bob@acme.example']);
    expect(rendered.text_body).toContain('http://localhost:3000');
    expect(rendered.text_body).not.toContain('Guessed address');
  });

  it('posts a repeated Message-ID once', async () => {
    const { number, address } = await bobsCase();
    const id = messageId();
    const message = {
      from: 'bob@acme.example',
      to: address,
      subject: 'Re: once',
      messageId: id,
      text: 'Only once',
    };
    expect((await kit.send(message)).response).toContain('Added to case');
    expect((await kit.send(message)).response).toContain('Already received');
    expect((await comments(number)).filter((c) => c.body === 'Only once')).toHaveLength(1);
    const records = await db()
      .selectFrom('mail_messages')
      .select(['status', 'message_id', 'detail'])
      .where('direction', '=', 'in')
      .where('message_id', 'like', `${id}%`)
      .orderBy('id')
      .execute();
    expect(records.map((r) => r.status)).toEqual(['posted', 'duplicate']);
    expect(records[1]?.detail).toContain(`repeats ${id}`);
  });

  it.each([
    ['Auto-Submitted', { headers: { 'Auto-Submitted': 'auto-replied' } }, 'Auto-Submitted: auto-replied'],
    ['an out-of-office subject', { subject: 'Out of Office: back on Monday' }, 'subject "Out of Office'],
    ['Precedence: bulk', { headers: { Precedence: 'bulk' } }, 'Precedence: bulk'],
  ])('neither posts nor answers mail marked by %s', async (_label, marks, reason) => {
    const { number, address } = await bobsCase();
    const before = await bounces('bob@acme.example');
    const id = messageId();
    const sent = await kit.send({
      from: 'bob@acme.example',
      to: address,
      subject: `Re: [Case ${number}]`,
      messageId: id,
      text: 'I am away',
      ...marks,
    });
    expect(sent.response).toContain('Automated mail');
    expect((await comments(number)).some((c) => c.body.includes('I am away'))).toBe(false);
    expect((await inbound(id))?.status).toBe('ignored_automated');
    expect((await inbound(id))?.detail).toContain(reason);
    expect(await bounces('bob@acme.example')).toEqual(before);
  });

  it('never answers the null sender, even for mail it cannot post', async () => {
    const id = messageId();
    const raw = Buffer.from(
      `From: Stranger <stranger@elsewhere.example>\r\nTo: support@${kit.domain}\r\nSubject: hello\r\nMessage-ID: ${id}\r\n\r\nhi\r\n`,
    );
    const outcome = await receiveMail(kit.h.ctx, {
      raw,
      envelopeFrom: '',
      recipients: [`support@${kit.domain}`],
    });
    expect(outcome).toMatchObject({
      status: 'ignored_automated',
      reason: 'empty envelope sender (a bounce)',
    });
    expect(await bounces('stranger@elsewhere.example')).toEqual([]);
  });

  it('bounces a stranger once an hour: gina replying to an acme case, or an unknown address', async () => {
    const { number, address } = await bobsCase();
    for (const subject of ['Re: first try', 'Re: second try']) {
      const sent = await kit.send({ from: 'gina@globex.example', to: address, subject, text: 'Let me in' });
      expect(sent.response).toContain('Not added to a case');
    }
    expect((await comments(number)).some((c) => c.body === 'Let me in')).toBe(false);
    const toGina = await bounces('gina@globex.example');
    expect(toGina).toHaveLength(1);
    expect(toGina[0]).toMatchObject({ reason: 'not_a_case_participant', originalSubject: 'Re: first try' });
    // The case is not named to someone who may not post to it.
    expect(toGina[0]?.caseNumber).toBeUndefined();
    const records = await db()
      .selectFrom('mail_messages')
      .select(['status', 'detail'])
      .where('direction', '=', 'in')
      .where('from_address', '=', 'gina@globex.example')
      .orderBy('id')
      .execute();
    expect(records).toEqual([
      { status: 'bounced', detail: 'not_a_case_participant' },
      {
        status: 'bounced',
        detail: 'not_a_case_participant; no bounce sent: this sender got this answer within the hour',
      },
    ]);

    await kit.send({ from: 'nobody@elsewhere.example', to: address, subject: 'Re: hi', text: 'Who am I' });
    expect(await bounces('nobody@elsewhere.example')).toMatchObject([{ reason: 'not_a_case_participant' }]);

    // An hour later the stranger is told again.
    kit.h.clock.advance(HOUR);
    await kit.send({ from: 'gina@globex.example', to: address, subject: 'Re: third try', text: 'Let me in' });
    expect(await bounces('gina@globex.example')).toHaveLength(2);
  });

  it('keeps attachments up to 2 MB and names the refused ones at the end of the comment', async () => {
    const { number, address } = await bobsCase();
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
      Buffer.alloc(64),
    ]);
    const twoMb = Buffer.alloc(2 * 1024 * 1024, 'a');
    const sent = await kit.send({
      from: 'bob@acme.example',
      to: address,
      subject: `Re: [Case ${number}] files`,
      text: 'Files attached.',
      attachments: [
        { filename: 'screenshot.png', content: png },
        { filename: 'exactly-2mb.log', content: twoMb },
        { filename: 'trace.har', content: Buffer.alloc(3 * 1024 * 1024 + 100 * 1024, 'b') },
        { filename: 'setup.exe', content: Buffer.from('MZ\x90\x00 a program') },
        {
          filename: 'renamed.txt',
          content: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]),
        },
      ],
    });
    expect(sent.response).toContain('Added to case');
    const body = (await comments(number)).at(-1)?.body;
    expect(body).toBe(
      'Files attached.\n\nNot attached: trace.har (3.1 MB, over the 2 MB limit); ' +
        'setup.exe (executable files are not accepted); renamed.txt (executable files are not accepted)',
    );
    const client = await kit.h.signIn('bob@acme.example');
    const files = (await client.get(`/api/v1/cases/${number}/attachments`)).json() as {
      items: { filename: string; contentType: string; size: number; downloadUrl: string }[];
    };
    expect(files.items.map((f) => [f.filename, f.contentType, f.size])).toEqual([
      ['screenshot.png', 'image/png', png.length],
      ['exactly-2mb.log', 'text/plain', twoMb.length],
    ]);
    const download = await client.get(files.items[0]!.downloadUrl);
    expect(download.rawPayload.equals(png)).toBe(true);
    const added = await db()
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'case.attachment_added')
      .execute();
    expect(added.filter((a) => JSON.parse(a.payload).number === number)).toHaveLength(2);
  });

  it('lets carol, a team contact without Case Admin, post by email, and dave as ESC; not carol off the team', async () => {
    const { number, address } = await bobsCase();
    const carolOff = await kit.send({
      from: 'carol@acme.example',
      to: address,
      subject: 'Re: x',
      text: 'Not yet',
    });
    expect(carolOff.response).toContain('Not added');
    await addTeamContact(kit.h.ctx, await kit.h.actor('bob@acme.example'), number, 'carol@acme.example');
    const carolOn = await kit.send({
      from: 'carol@acme.example',
      to: address,
      subject: 'Re: x',
      text: 'From carol',
    });
    expect(carolOn.response).toContain(`Added to case ${number}`);
    const dave = await kit.send({
      from: 'dave@acme.example',
      to: address,
      subject: 'Re: x',
      text: 'From dave',
    });
    expect(dave.response).toContain(`Added to case ${number}`);
    const items = await comments(number);
    expect(items.slice(-2).map((c) => [c.body, c.author?.email, c.via])).toEqual([
      ['From carol', 'carol@acme.example', 'email'],
      ['From dave', 'dave@acme.example', 'email'],
    ]);
    expect(items.some((c) => c.body === 'Not yet')).toBe(false);
  });

  it('bounces a reply to a closed case, naming the case', async () => {
    const { number, id, address } = await bobsCase();
    await db().updateTable('cases').set({ status: 'closed' }).where('id', '=', id).execute();
    const sent = await kit.send({
      from: 'bob@acme.example',
      to: address,
      subject: 'Re: closed',
      text: 'Too late',
    });
    expect(sent.response).toContain('Not added');
    expect((await comments(number)).some((c) => c.body === 'Too late')).toBe(false);
    expect((await bounces('bob@acme.example')).at(-1)).toMatchObject({
      reason: 'case_closed',
      caseNumber: number,
      caseId: null,
    });
  });

  it('records a message without Message-ID under a generated one', async () => {
    const { number, address } = await bobsCase();
    const raw = Buffer.from(
      `From: bob@acme.example\r\nTo: ${address}\r\nSubject: Re: [Case ${number}]\r\n\r\nNo id here\r\n`,
    );
    const outcome = await receiveMail(kit.h.ctx, {
      raw,
      envelopeFrom: 'bob@acme.example',
      recipients: [address],
    });
    expect(outcome).toMatchObject({ status: 'posted', caseNumber: number });
    expect(outcome.messageId).toMatch(new RegExp(`^<in-.+@${kit.domain.replace('.', '\\.')}>$`));
    expect((await inbound(outcome.messageId))?.status).toBe('posted');
  });
});
