import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { hitRateLimit } from '../../auth/rateLimit.ts';
import { postEmailReply } from '../../commands/postEmailReply.ts';
import type { Context } from '../../context.ts';
import { newId } from '../../db/ids.ts';
import { AppError } from '../../errors.ts';
import { type BouncePayload, enqueue } from '../../outbox/enqueue.ts';
import { classifyAutomated } from './automatedMail.ts';
import { htmlToText } from './htmlToText.ts';
import {
  type InboundMail,
  type InboundStatus,
  inboundMessageExists,
  isDuplicateMessageId,
  recordInbound,
} from './inboundMessages.ts';
import { caseNumberFromSubject, parseReplyAddress, sameToken } from './replyAddress.ts';
import { extractReply } from './replyText.ts';

/** A message as the SMTP listener hands it over. */
export interface ReceivedMail {
  raw: Buffer;
  /** the SMTP `MAIL FROM` address: `''` for the null sender of a bounce, null when not known */
  envelopeFrom: string | null;
  /** the SMTP `RCPT TO` addresses */
  recipients: string[];
}

export type BounceReason = BouncePayload['reason'];

/** What became of a message; every outcome is also recorded in `mail_messages`. */
export type ReceiveOutcome = { messageId: string } & (
  | { status: 'posted'; caseNumber: string; commentId: string; refused: string[] }
  | { status: 'duplicate' }
  | { status: 'ignored_automated'; reason: string }
  /** `bounceQueued` is false when this sender had this answer within the hour (or has no address to answer) */
  | { status: 'bounced'; reason: BounceReason; bounceQueued: boolean }
);

/** Threading looks at this many Message-IDs of In-Reply-To and References at most. */
const THREAD_IDS_MAX = 50;
const BOUNCE_WINDOW_SECONDS = 3600;

/**
 * Turns one inbound message into what SPEC §6 asks for. In order: mail written by a machine is recorded
 * and dropped (never answered, so no loop can start); a Message-ID recorded before is a duplicate; the case
 * is found by the reply address's token, else by In-Reply-To/References to a mail we sent, else by the case
 * number in the subject — none is a bounce pointing to the portal; the From address must belong to someone
 * who may post to the case, and the case must not be closed — else a bounce; otherwise the reply, without
 * its quoted history, becomes a comment with its attachments. At most one bounce per sender, reason and hour.
 */
export async function receiveMail(ctx: Context, input: ReceivedMail): Promise<ReceiveOutcome> {
  // Only the text, the HTML and the files are used: no conversions between them (extractReply converts
  // the HTML itself when there is no text part).
  const parsed = await simpleParser(input.raw, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const mail = inboundMail(parsed, ctx.config.mailDomain);
  const { messageId } = mail;

  const automated = classifyAutomated(parsed.headers, parsed.from?.text ?? '', input.envelopeFrom);
  if (automated) {
    const recorded = await record(ctx, mail, {
      status: 'ignored_automated',
      caseId: null,
      detail: automated.reason,
    });
    return recorded ?? { messageId, status: 'ignored_automated', reason: automated.reason };
  }
  if (await inboundMessageExists(ctx.database.db, messageId)) return recordDuplicate(ctx, mail);

  const originalMessageId = messageIds(parsed.messageId)[0] ?? null;
  const bounce = (reason: BounceReason, caseId: string | null, extra: Partial<BouncePayload> = {}) =>
    sendBounce(ctx, mail, input.envelopeFrom, reason, caseId, { ...extra, originalMessageId });

  const found = await findCase(ctx, parsed, mail, input.recipients);
  if (!found) {
    return bounce('no_matching_case', null, {
      detail: `New cases are opened in the Support Center: ${ctx.config.publicUrl}/cases/new`,
    });
  }

  // postEmailReply decides who may post (the From address) and whether the case is closed.
  const result = await postEmailReply(ctx, {
    caseId: found.id,
    senderAddress: mail.fromAddress,
    body: extractReply({ text: parsed.text, html: parsed.html }),
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, bytes: a.content })),
    mail,
  });
  switch (result.outcome) {
    case 'posted':
      return {
        messageId,
        status: 'posted',
        caseNumber: found.number,
        commentId: result.commentId,
        refused: result.refused,
      };
    case 'duplicate':
      return recordDuplicate(ctx, mail);
    // The case number is not named to someone who may not post to it: that would confirm that it exists.
    case 'not_a_case_participant':
      return bounce('not_a_case_participant', found.id);
    case 'case_closed':
      return bounce('case_closed', found.id, { caseNumber: found.number });
  }
}

/** The parsed message as `mail_messages` keeps it; a message without Message-ID gets one. */
function inboundMail(parsed: ParsedMail, domain: string): InboundMail {
  const html = typeof parsed.html === 'string' ? parsed.html : null;
  return {
    messageId: messageIds(parsed.messageId)[0] ?? `<in-${newId()}@${domain}>`,
    inReplyTo: messageIds(parsed.inReplyTo)[0] ?? null,
    references: messageIds(parsed.references),
    fromAddress: (parsed.from?.value[0]?.address ?? '').trim().toLowerCase(),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
    textBody: parsed.text ?? (html === null ? '' : htmlToText(html)),
    htmlBody: html,
  };
}

/**
 * The case a message answers, by the strongest key it carries: a reply address whose token matches the
 * case's (envelope recipients first, then To and Cc), then a Message-ID of a mail we sent for a case
 * (In-Reply-To, then References from the newest), then a case number in the subject.
 */
async function findCase(
  ctx: Context,
  parsed: ParsedMail,
  mail: InboundMail,
  recipients: string[],
): Promise<{ id: string; number: string } | null> {
  const db = ctx.database.db;
  for (const recipient of new Set([...recipients, ...mail.to, ...mail.cc])) {
    const address = parseReplyAddress(recipient, ctx.config.mailDomain);
    if (!address) continue;
    const c = await db
      .selectFrom('cases')
      .select(['id', 'number', 'reply_token'])
      .where('number', '=', address.number)
      .executeTakeFirst();
    if (c && sameToken(address.token, c.reply_token ?? '')) return { id: c.id, number: c.number };
  }

  const threadIds = [
    ...new Set([...messageIds(parsed.inReplyTo), ...messageIds(parsed.references).reverse()]),
  ].slice(0, THREAD_IDS_MAX);
  if (threadIds.length > 0) {
    const sent = await db
      .selectFrom('mail_messages')
      .innerJoin('cases', 'cases.id', 'mail_messages.case_id')
      .select(['mail_messages.message_id', 'cases.id', 'cases.number'])
      .where('mail_messages.direction', '=', 'out')
      .where('mail_messages.message_id', 'in', threadIds)
      .execute();
    for (const id of threadIds) {
      const match = sent.find((s) => s.message_id === id);
      if (match) return { id: match.id, number: match.number };
    }
  }

  const number = caseNumberFromSubject(mail.subject);
  if (number === null) return null;
  const c = await db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('number', '=', number)
    .executeTakeFirst();
  return c ?? null;
}

/**
 * Records the message; when the same Message-ID got recorded meanwhile (two deliveries racing), records a
 * duplicate instead and answers that outcome, else null.
 */
async function record(
  ctx: Context,
  mail: InboundMail,
  outcome: { status: InboundStatus; caseId: string | null; detail: string | null },
  bounce?: BouncePayload,
): Promise<ReceiveOutcome | null> {
  const now = ctx.now();
  try {
    await ctx.database.transaction(async (trx) => {
      await recordInbound(trx, mail, outcome, now);
      if (bounce) await enqueue(trx, 'mail.bounce', null, { ...bounce }, now);
    });
    return null;
  } catch (error) {
    if (isDuplicateMessageId(error)) return recordDuplicate(ctx, mail);
    throw error;
  }
}

async function recordDuplicate(ctx: Context, mail: InboundMail): Promise<ReceiveOutcome> {
  const first = await ctx.database.db
    .selectFrom('mail_messages')
    .select(['case_id', 'created_at'])
    .where('direction', '=', 'in')
    .where('message_id', '=', mail.messageId)
    .executeTakeFirst();
  await recordInbound(
    ctx.database.db,
    mail,
    {
      status: 'duplicate',
      caseId: first?.case_id ?? null,
      detail: `repeats ${mail.messageId}${first ? `, first received ${first.created_at}` : ''}`,
    },
    ctx.now(),
  );
  return { messageId: mail.messageId, status: 'duplicate' };
}

/**
 * Records a refused message and queues its bounce: to the envelope sender (where delivery reports belong),
 * else the From address; never to the null sender or to our own domain (no loop), and at most once per
 * address, reason and hour, so a stranger writing again and again gets one answer.
 */
async function sendBounce(
  ctx: Context,
  mail: InboundMail,
  envelopeFrom: string | null,
  reason: BounceReason,
  caseId: string | null,
  extra: Partial<BouncePayload> & { originalMessageId: string | null },
): Promise<ReceiveOutcome> {
  const to = (envelopeFrom ?? mail.fromAddress).trim();
  const key = to.toLowerCase();
  let why: string | null = null;
  if (!key.includes('@')) why = 'no address to answer';
  else if (key.endsWith(`@${ctx.config.mailDomain.toLowerCase()}`)) why = 'the sender is our own domain';
  else {
    try {
      await hitRateLimit(ctx, `mail-bounce:${reason}:${key}`, 1, BOUNCE_WINDOW_SECONDS, 'bounce');
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 429) throw error;
      why = 'this sender got this answer within the hour';
    }
  }
  const payload: BouncePayload = { to, reason, originalSubject: mail.subject, ...extra };
  const detail = why === null ? reason : `${reason}; no bounce sent: ${why}`;
  const recorded = await record(
    ctx,
    mail,
    { status: 'bounced', caseId, detail },
    why === null ? payload : undefined,
  );
  return recorded ?? { messageId: mail.messageId, status: 'bounced', reason, bounceQueued: why === null };
}

/** The `<id>` tokens of a Message-ID, In-Reply-To or References value (a bare id gets its brackets). */
function messageIds(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = text.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed.map((id) => id.slice(0, 998));
  const bare = text.trim();
  return bare && !/\s/.test(bare) ? [`<${bare.slice(0, 996)}>`] : [];
}

/** The addresses of a To or Cc header, as written (a reply token is case-sensitive). */
function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((a) => a.value.flatMap((v) => [v, ...(v.group ?? [])]).map((v) => v.address ?? ''))
    .filter((a) => a !== '');
}
