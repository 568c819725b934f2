import type { Executor } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';

/** What became of an inbound message (`mail_messages.status` of direction `in`). */
export type InboundStatus = 'posted' | 'duplicate' | 'ignored_automated' | 'bounced';

/** The facts of an inbound message kept in `mail_messages`, whatever became of it. */
export interface InboundMail {
  /** with angle brackets; generated for a message that has none */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** the From address, lower-cased ('' when the mail has none) */
  fromAddress: string;
  to: string[];
  cc: string[];
  subject: string;
  /** the text as received (the HTML converted when there is no text part), capped */
  textBody: string;
  htmlBody: string | null;
}

/** Bodies are kept for the record, not for display: capped so a huge mail does not bloat the table. */
const TEXT_BODY_MAX = 100_000;
const HTML_BODY_MAX = 200_000;

/**
 * Records an inbound message. The unique (direction, message_id) index makes a second row for the same
 * Message-ID fail with a unique violation ({@link isDuplicateMessageId}); a `duplicate` record is therefore
 * kept under its own key (`<original> duplicate <row id>`, never a valid Message-ID) and names the original.
 */
export async function recordInbound(
  db: Executor,
  mail: InboundMail,
  outcome: { status: InboundStatus; caseId: string | null; detail: string | null; commentId?: string | null },
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto('mail_messages')
    .values({
      id,
      direction: 'in',
      case_id: outcome.caseId,
      outbox_id: null,
      message_id: outcome.status === 'duplicate' ? `${mail.messageId} duplicate ${id}` : mail.messageId,
      in_reply_to: mail.inReplyTo,
      references_header: mail.references.join(' ') || null,
      from_address: mail.fromAddress,
      to_addresses: JSON.stringify(mail.to),
      cc_addresses: JSON.stringify(mail.cc),
      subject: mail.subject,
      text_body: mail.textBody.slice(0, TEXT_BODY_MAX),
      html_body: mail.htmlBody === null ? null : mail.htmlBody.slice(0, HTML_BODY_MAX),
      transport: 'smtp',
      status: outcome.status,
      detail: outcome.detail,
      comment_id: outcome.commentId ?? null,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** Whether a Message-ID was recorded already for an inbound message. */
export async function inboundMessageExists(db: Executor, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_messages')
    .select('id')
    .where('direction', '=', 'in')
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether an error is the unique (direction, message_id) index refusing a second record of one message —
 * two deliveries of the same mail racing each other. PostgreSQL names the index; SQLite its columns.
 */
export function isDuplicateMessageId(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '23505') return e.constraint === 'mail_messages_message_id';
  return (
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof e.message === 'string' &&
    e.message.includes('mail_messages.message_id')
  );
}
