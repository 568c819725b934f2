import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMENT_MAX } from '../../shared/enums.ts';
import type { InboundMail } from '../mail/inbound/inboundMessages.ts';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { type EmailReply, postEmailReply } from './postEmailReply.ts';

describeEachDatabase('postEmailReply', (dialect) => {
  let h: Harness;
  const db = () => h.ctx.database.db;

  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  function mail(overrides: Partial<InboundMail> = {}): InboundMail {
    return {
      messageId: `<${randomBytes(8).toString('hex')}@client.example>`,
      inReplyTo: null,
      references: [],
      fromAddress: 'bob@acme.example',
      to: ['support@casebook.localhost'],
      cc: [],
      subject: 'Re: [Case] test',
      textBody: 'Hello',
      htmlBody: null,
      ...overrides,
    };
  }

  async function setup(teamContacts: string[] = []) {
    const bob = await h.actor('bob@acme.example');
    const { id, number } = await makeCase(h.ctx, bob, { teamContacts });
    const reply = async (as: string, overrides: Partial<EmailReply> = {}): Promise<EmailReply> => ({
      caseId: id,
      senderAddress: as,
      body: 'Hello by email',
      attachments: [],
      mail: mail({ fromAddress: as }),
      ...overrides,
    });
    return { id, number, reply };
  }

  const commentsOf = (caseId: string) =>
    db()
      .selectFrom('comments')
      .select(['id', 'body', 'via', 'internal', 'author_id'])
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute();

  it('writes the record, the public comment via email, history, attachments and notifications in one go', async () => {
    const { id, number, reply } = await setup();
    h.clock.advance(1000);
    const result = await postEmailReply(
      h.ctx,
      await reply('bob@acme.example', {
        attachments: [
          { filename: 'notes.txt', bytes: Buffer.from('some notes') },
          { filename: undefined, bytes: Buffer.alloc(0) },
        ],
      }),
    );
    expect(result).toMatchObject({ outcome: 'posted', refused: ['an unnamed file (empty)'] });
    if (result.outcome !== 'posted') return;
    const [comment] = await commentsOf(id);
    expect(comment).toMatchObject({
      id: result.commentId,
      body: 'Hello by email\n\nNot attached: an unnamed file (empty)',
      via: 'email',
      internal: 0,
    });
    const record = await db()
      .selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', result.mailMessageId)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      direction: 'in',
      status: 'posted',
      case_id: id,
      comment_id: result.commentId,
      detail: '1 attached, 1 not attached',
    });
    const history = await db()
      .selectFrom('case_history')
      .select(['action', 'new_value'])
      .where('case_id', '=', id)
      .where('action', 'in', ['comment_added', 'attachment_added'])
      .execute();
    expect(history).toEqual(
      expect.arrayContaining([
        { action: 'comment_added', new_value: null },
        { action: 'attachment_added', new_value: 'notes.txt' },
      ]),
    );
    const outbox = await db()
      .selectFrom('outbox')
      .select(['topic', 'payload'])
      .where('case_id', '=', id)
      .where('topic', 'in', ['case.comment_added', 'case.attachment_added'])
      .execute();
    expect(outbox.map((o) => [o.topic, JSON.parse(o.payload).number]).sort()).toEqual([
      ['case.attachment_added', number],
      ['case.comment_added', number],
    ]);
  });

  it('posts one of two deliveries of the same Message-ID racing each other', async () => {
    const { id, reply } = await setup();
    const first = await reply('bob@acme.example');
    const results = await Promise.all([
      postEmailReply(h.ctx, first),
      postEmailReply(h.ctx, { ...first, body: 'the same mail again' }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['duplicate', 'posted']);
    expect(await commentsOf(id)).toHaveLength(1);
  });

  it('refuses a closed case and someone who may not post, writing nothing and storing no file', async () => {
    const { id, reply } = await setup();
    const file = { filename: 'secret.txt', bytes: Buffer.from(`unique ${randomBytes(8).toString('hex')}`) };
    expect(await postEmailReply(h.ctx, await reply('gina@globex.example', { attachments: [file] }))).toEqual({
      outcome: 'not_a_case_participant',
    });
    expect((await postEmailReply(h.ctx, await reply('nobody@elsewhere.example'))).outcome).toBe(
      'not_a_case_participant',
    );
    // carol is an admin of acme without Case Admin: not on the team, she may not post
    expect((await postEmailReply(h.ctx, await reply('carol@acme.example'))).outcome).toBe(
      'not_a_case_participant',
    );
    await db().updateTable('cases').set({ status: 'closed' }).where('id', '=', id).execute();
    expect(
      (await postEmailReply(h.ctx, await reply('bob@acme.example', { attachments: [file] }))).outcome,
    ).toBe('case_closed');
    expect(await commentsOf(id)).toEqual([]);
    const { createHash } = await import('node:crypto');
    expect(await h.ctx.attachments.has(createHash('sha256').update(file.bytes).digest('hex'))).toBe(false);
    expect(
      await db()
        .selectFrom('mail_messages')
        .select('id')
        .where('direction', '=', 'in')
        .where('case_id', '=', id)
        .execute(),
    ).toEqual([]);
  });

  it('lets a team contact without Case Admin post, until they are no admin of the org any more', async () => {
    const { id, reply } = await setup(['carol@acme.example']);
    expect((await postEmailReply(h.ctx, await reply('carol@acme.example'))).outcome).toBe('posted');
    const carol = await h.actor('carol@acme.example');
    await db().deleteFrom('org_admins').where('user_id', '=', carol.id).execute();
    expect((await postEmailReply(h.ctx, await reply('carol@acme.example'))).outcome).toBe(
      'not_a_case_participant',
    );
    expect(await commentsOf(id)).toHaveLength(1);
  });

  it('cuts a reply longer than a comment holds, and says so; an empty reply says it had no text', async () => {
    const { id, reply } = await setup();
    h.clock.advance(1000);
    await postEmailReply(h.ctx, await reply('bob@acme.example', { body: 'x'.repeat(COMMENT_MAX + 10) }));
    h.clock.advance(1000);
    await postEmailReply(h.ctx, await reply('bob@acme.example', { body: '  \n ' }));
    const [long, empty] = await commentsOf(id);
    expect(long?.body.length).toBeLessThanOrEqual(COMMENT_MAX);
    expect(long?.body).toMatch(
      /\[The rest of this email was cut: a comment holds at most 64,000 characters\.\]$/,
    );
    expect(empty?.body).toBe('(This email had no text.)');
  });
});
